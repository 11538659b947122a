package scenarios

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is one problem in a scenario file: where it is, which field, and
// what is wrong (with what is allowed, where that helps).
type Error struct {
	File         string
	Line, Column int
	// Path names the field the way the file does, e.g.
	// "nations.england.services.london.share" or "outage.waves[2].at".
	Path string
	Msg  string
}

// Error formats e as "file:line:column: path: msg".
func (e Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, max(e.Column, 1))
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem found in a scenario, sorted by file, line and
// column. Parse, Load and LoadFS return an Errors when a scenario is bad.
type Errors []Error

// Error returns one line per problem.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// sorted returns es sorted by position, without exact duplicates.
func (es Errors) sorted() Errors {
	out := slices.Clone(es)
	slices.SortStableFunc(out, func(a, b Error) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return slices.Compact(out)
}

// pos is where a node is: its file, line and column.
type pos struct {
	file         string
	line, column int
}
