package scenarios

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// SetSource is the file name given to --set overrides in error messages.
const SetSource = "--set"

// LoadWith loads a scenario as Load does, then lays the overrides over it
// before it is decoded and checked, exactly as a variant file that extends
// it would. Each override is path=value: path is dot-separated mapping keys
// as written in a scenario file (e.g. nations.england.advisers.factor) and
// value any YAML value (1.2, 43%, 30m, {dist: exponential, mean: 5m},
// [a, b]). Lists cannot be indexed into: give the whole list.
func LoadWith(name string, sets []string) (*Scenario, error) {
	overlay, errs := overrides(sets)
	if len(errs) > 0 {
		return nil, errs
	}
	if isLibraryName(name) {
		l := &loader{files: map[*yaml.Node]string{}, fsys: library}
		data, err := l.read(name + ".yaml")
		if err != nil {
			return nil, Errors{{File: name, Msg: err.Error()}}
		}
		return parseWith(l, name+".yaml", data, overlay)
	}
	data, err := readOSFile(name)
	if err != nil {
		return nil, Errors{{File: name, Msg: notFound(name, err)}}
	}
	return parseWith(&loader{files: map[*yaml.Node]string{}}, name, data, overlay)
}

// overrides turns path=value pairs into one mapping node.
func overrides(sets []string) (*yaml.Node, Errors) {
	if len(sets) == 0 {
		return nil, nil
	}
	top := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	var errs Errors
	for i, s := range sets {
		fail := func(format string, args ...any) {
			errs = append(errs, Error{File: SetSource, Line: i + 1, Column: 1, Msg: fmt.Sprintf(format, args...)})
		}
		path, value, ok := strings.Cut(s, "=")
		path = strings.TrimSpace(path)
		if !ok || path == "" {
			fail("%q: want path=value (allowed: e.g. nations.england.advisers.factor=1.2)", s)
			continue
		}
		keys := strings.Split(path, ".")
		if strings.ContainsAny(path, "[] ") || slicesContainsEmpty(keys) {
			fail("%q: want dot-separated field names (allowed: mapping keys such as outage.contingency.staff_factor; give a whole list as the value)", path)
			continue
		}
		v, _, err := parseYAML([]byte(value))
		if err != nil {
			fail("%s: value %q: %v", path, value, err)
			continue
		}
		var node *yaml.Node
		if len(v.Content) == 0 {
			node = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: ""}
		} else {
			node = v.Content[0]
		}
		setLine(node, i+1)
		m := top
		for depth, k := range keys {
			j := indexOfKey(m, k)
			if depth == len(keys)-1 {
				if j >= 0 {
					m.Content[j+1] = node
				} else {
					m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: i + 1, Column: 1}, node)
				}
				break
			}
			if j < 0 || m.Content[j+1].Kind != yaml.MappingNode {
				child := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: i + 1, Column: 1}
				if j >= 0 {
					m.Content[j+1] = child
				} else {
					m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: i + 1, Column: 1}, child)
				}
				m = child
				continue
			}
			m = m.Content[j+1]
		}
	}
	return top, errs
}

func slicesContainsEmpty(keys []string) bool {
	for _, k := range keys {
		if k == "" {
			return true
		}
	}
	return false
}

// setLine gives every node of an override the override's number as its
// line, so errors point at the --set that caused them.
func setLine(n *yaml.Node, line int) {
	n.Line, n.Column = line, 1
	for _, c := range n.Content {
		setLine(c, line)
	}
}

// parseWith is parse with an overlay merged over the loaded tree.
func parseWith(l *loader, filename string, data []byte, overlay *yaml.Node) (*Scenario, error) {
	if overlay == nil {
		return parse(l, filename, data)
	}
	l.mark(overlay, SetSource, 0)
	return parseTree(l, filename, func() *yaml.Node {
		root := l.load(filename, data, nil)
		if root == nil {
			return nil
		}
		return l.merge(root, overlay)
	})
}
