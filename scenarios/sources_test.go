package scenarios

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

var (
	dateTimes   = regexp.MustCompile(`\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?`)
	namesDigits = regexp.MustCompile(`[a-z]+-?\d+[a-z-]*|\d+-[a-z-]+`) // names such as p1, eng-2, 111-wales
	textFields  = regexp.MustCompile(`^\s*(description|name|extends|seed|replications):`)
)

// TestLibraryNumbersCiteSources checks that every library line holding a
// number has a comment (a source or "assumption [E]"), on the line itself,
// on a comment line just above, or on the line of the mapping or list it is
// in.
func TestLibraryNumbersCiteSources(t *testing.T) {
	files, _ := fs.Glob(library, "*.yaml")
	for _, name := range files {
		data, _ := fs.ReadFile(library, name)
		lines := strings.Split(string(data), "\n")
		for i, line := range lines {
			code, _, commented := strings.Cut(line, "#")
			if commented || textFields.MatchString(code) {
				continue
			}
			code = namesDigits.ReplaceAllString(dateTimes.ReplaceAllString(code, ""), "")
			if !strings.ContainsAny(code, "0123456789") {
				continue
			}
			if !citedAbove(lines, i) {
				t.Errorf("%s:%d: a number without a source or assumption comment: %s", name, i+1, strings.TrimSpace(line))
			}
		}
	}
}

// citedAbove reports whether line i sits under a comment: a comment line
// just above it, or a parent line (the mapping or list it is in) that has
// one.
func citedAbove(lines []string, i int) bool {
	indent := func(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }
	isComment := func(s string) bool { return strings.HasPrefix(strings.TrimSpace(s), "#") }
	if i > 0 && isComment(lines[i-1]) {
		return true
	}
	in := indent(lines[i])
	for j := i - 1; j >= 0; j-- {
		l := lines[j]
		if strings.TrimSpace(l) == "" || isComment(l) || indent(l) >= in {
			continue
		}
		return strings.Contains(l, "#") || j > 0 && isComment(lines[j-1])
	}
	return false
}
