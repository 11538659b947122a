package scenarios

import (
	"regexp"
	"strings"
)

// MaxNameLength bounds a scenario's name.
const MaxNameLength = 64

// namePattern is the safe set for scenario names: a name becomes the
// default report folder (report-<name>) and the baseline file
// (<name>.json), and is printed on terminals, so it may hold no path
// separator, no "..", no space and no control or escape character.
var namePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$`)

// nameRule says what namePattern allows, for error messages.
const nameRule = "1 to 64 letters, digits, '-', '_' and single dots, starting with a letter or digit"

// ValidName reports whether name is a safe scenario name: 1 to
// MaxNameLength ASCII letters, digits, '-', '_' and single dots between
// them, starting with a letter or digit. Such a name is a single path
// element, never "." or "..", and prints as itself.
func ValidName(name string) bool {
	return len(name) <= MaxNameLength && namePattern.MatchString(name)
}

// nameFromFile is the name a scenario without a name: field gets from its
// file name: the base name without .yaml or .yml, with every character
// outside the safe set replaced by '-', so that "my outage (v2).yaml" is
// called my-outage-v2-.
func nameFromFile(filename string) string {
	base := filename
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	base = strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml")
	var b strings.Builder
	dash := false
	for _, r := range base {
		ok := r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '.')
		if !ok {
			if !dash {
				b.WriteByte('-')
			}
			dash = true
			continue
		}
		b.WriteRune(r)
		dash = false
	}
	name := strings.Trim(b.String(), "-.")
	for strings.Contains(name, "..") {
		name = strings.ReplaceAll(name, "..", ".")
	}
	if len(name) > MaxNameLength {
		name = strings.TrimRight(name[:MaxNameLength], "-.")
	}
	if !ValidName(name) {
		return "scenario"
	}
	return name
}
