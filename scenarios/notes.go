package scenarios

import (
	"cmp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Note is a value in a scenario file with the comment written beside it,
// which by the library's convention says where the number comes from
// ("cal L: ...", "assumption [E]"). Reports list them as the scenario's
// assumptions with their sources.
type Note struct {
	Path, Value, Source string
	// File and Line say where the value was written (a file it extends,
	// or --set).
	File string
	Line int
}

// note records the line comment of a value written on one line: a scalar
// or a flow mapping or list such as {dist: uniform, min: 5m, max: 10m}.
func (d *decoder) note(n *yaml.Node, path string) {
	c := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(n.LineComment), "#"))
	if c == "" || path == "" {
		return
	}
	var value string
	switch {
	case n.Kind == yaml.ScalarNode:
		value = n.Value
	case n.Style&yaml.FlowStyle != 0:
		flow := *n
		flow.LineComment = ""
		out, err := yaml.Marshal(&flow)
		if err != nil {
			return
		}
		value = strings.TrimSpace(string(out))
	default:
		return
	}
	p := d.at(n)
	d.notes[path] = Note{Path: path, Value: value, Source: c, File: p.file, Line: p.line}
}

// Notes lists the commented values of a loaded scenario in the order they
// appear in its files (the files it extends first). A Scenario built in Go
// has none.
func (s *Scenario) Notes() []Note {
	if s.src == nil {
		return nil
	}
	out := make([]Note, 0, len(s.src.notes))
	for _, n := range s.src.notes {
		out = append(out, n)
	}
	own := s.src.file
	slices.SortFunc(out, func(a, b Note) int {
		// The scenario's own file last, so a variant's changes close the list.
		if c := cmp.Compare(boolInt(a.File == own), boolInt(b.File == own)); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Path, b.Path))
	})
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
