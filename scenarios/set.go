package scenarios

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// LoadWith loads a scenario as Load does, then applies the -set overrides
// before it is decoded and checked. Each override is path=value: path is
// the field as errors name it, dot-separated mapping keys with [i] to index
// a list (e.g. nations.england.defaults.advisers.factor or
// outage.contingency.mutual_aid[0].share), and value any YAML value (1.2,
// 43%, 30m, {dist: exponential, mean: 5m}, [a, b]). A mapping value merges
// key by key and null removes the field, as in a file that extends the
// scenario; an index must name an item the list already has.
func LoadWith(name string, sets []string) (*Scenario, error) {
	return LoadWithFlag(name, "-set", sets)
}

// LoadWithFlag is LoadWith for overrides that came from another flag (such
// as sweep's -vary): errors name the flag and the override, e.g.
// "-vary outage.staff_factor=lots: ...".
func LoadWithFlag(name, flag string, sets []string) (*Scenario, error) {
	ovs, errs := parseOverrides(flag, sets)
	if len(errs) > 0 {
		return nil, errs
	}
	if isLibraryName(name) {
		l := &loader{files: map[*yaml.Node]string{}, fsys: library}
		data, err := l.read(name + ".yaml")
		if err != nil {
			return nil, Errors{{File: name, Msg: err.Error()}}
		}
		return parseWith(l, name+".yaml", data, ovs)
	}
	data, err := readOSFile(name)
	if err != nil {
		return nil, Errors{{File: name, Msg: notFound(name, err)}}
	}
	return parseWith(&loader{files: map[*yaml.Node]string{}}, name, data, ovs)
}

// override is one path=value, parsed.
type override struct {
	label string // how errors name it: the flag and its value
	path  string // as the user wrote it
	steps []step
	value *yaml.Node
}

// step is one mapping key of a path and the list indexes after it.
type step struct {
	key     string
	indexes []int
}

const pathAllowed = "allowed: field names joined by dots, with [i] to pick a list item counted from 0, e.g. outage.contingency.staff_factor or outage.contingency.mutual_aid[0].share"

// parseOverrides parses every override, reporting all the bad ones.
func parseOverrides(flag string, sets []string) ([]override, Errors) {
	var out []override
	var errs Errors
	for _, s := range sets {
		label := flag + " " + s
		fail := func(format string, args ...any) {
			errs = append(errs, Error{File: label, Msg: fmt.Sprintf(format, args...)})
		}
		path, value, ok := strings.Cut(s, "=")
		path = strings.TrimSpace(path)
		if !ok || path == "" {
			fail("want path=value (allowed: e.g. outage.contingency.staff_factor=1.2)")
			continue
		}
		steps, err := parsePath(path)
		if err != nil {
			fail("%q: %v (%s)", path, err, pathAllowed)
			continue
		}
		if steps[0].key == "extends" {
			// The overrides are laid over the loaded scenario, after its
			// extends chain is resolved: an extends here would be ignored.
			fail("%q: extends cannot be set (allowed: a file that extends the scenario, then run that file)", path)
			continue
		}
		v, _, err := parseYAML([]byte(value))
		if err != nil {
			fail("%s: value %q: %v", path, value, err)
			continue
		}
		node := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
		if len(v.Content) > 0 {
			node = v.Content[0]
		}
		clearLines(node)
		out = append(out, override{label: label, path: path, steps: steps, value: node})
	}
	return out, errs
}

// parsePath splits a.b[0].c into steps.
func parsePath(path string) ([]step, error) {
	var steps []step
	for part := range strings.SplitSeq(path, ".") {
		key, rest, _ := strings.Cut(part, "[")
		if key == "" || strings.ContainsAny(key, "] \t") {
			return nil, fmt.Errorf("%q is not a field name", part)
		}
		st := step{key: key}
		for rest != "" {
			num, after, ok := strings.Cut(rest, "]")
			i, err := strconv.Atoi(num)
			if !ok || err != nil || i < 0 || strings.HasPrefix(num, "+") {
				return nil, fmt.Errorf("%q: want a list index [0], [1], ...", part)
			}
			st.indexes = append(st.indexes, i)
			if after == "" {
				break
			}
			if !strings.HasPrefix(after, "[") {
				return nil, fmt.Errorf("%q: want a list index [0], [1], ...", part)
			}
			rest = after[1:]
		}
		steps = append(steps, st)
	}
	return steps, nil
}

// clearLines zeroes the positions of an override's nodes: they come from a
// flag, not a file, so errors name the flag alone.
func clearLines(n *yaml.Node) {
	n.Line, n.Column = 0, 0
	for _, c := range n.Content {
		clearLines(c)
	}
}

// parseWith is parse with the overrides applied to the loaded tree.
func parseWith(l *loader, filename string, data []byte, ovs []override) (*Scenario, error) {
	if len(ovs) == 0 {
		return parse(l, filename, data)
	}
	return parseTree(l, filename, func() *yaml.Node {
		root := l.load(filename, data, nil)
		if root == nil {
			return nil
		}
		for _, o := range ovs {
			l.mark(o.value, o.label, 0)
			next, msg := l.apply(root, o.steps, "", o.value)
			if msg != "" {
				l.errs = append(l.errs, Error{File: o.label, Msg: msg})
				continue
			}
			root = next
		}
		return root
	})
}

// apply returns a copy of the mapping m with value set at steps, copying
// only the nodes on the way so the loaded tree is not changed under a
// failed override. done is the path so far, for messages.
func (l *loader) apply(m *yaml.Node, steps []step, done string, value *yaml.Node) (*yaml.Node, string) {
	m = resolveAlias(m)
	if m == nil || isNull(m) {
		m = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		l.files[m] = l.files[value]
	}
	if m.Kind == yaml.SequenceNode {
		return nil, fmt.Sprintf("%s is a list of %d item%s, so it has no field %q (allowed: pick an item first, e.g. %s[0].%s)", done, len(m.Content), itemsS(len(m.Content)), steps[0].key, done, steps[0].key)
	}
	if m.Kind != yaml.MappingNode {
		return nil, fmt.Sprintf("%s is %s, not a mapping, so it has no field %q", orTop(done), kindName(m), steps[0].key)
	}
	st := steps[0]
	here := join(done, st.key)
	j := indexOfKey(m, st.key)
	var child *yaml.Node
	if j >= 0 {
		child = m.Content[j+1]
	}
	child, msg := l.applyIndexes(child, st.indexes, here, steps[1:], value)
	if msg != "" {
		return nil, msg
	}
	out := l.copyNode(m)
	switch {
	case j >= 0 && isNull(child) && len(st.indexes) == 0:
		// null removes the field, as in a file that extends another.
		out.Content = append(out.Content[:j:j], out.Content[j+2:]...)
	case j >= 0:
		out.Content[j+1] = child
	case isNull(child) && len(st.indexes) == 0:
	default:
		key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: st.key}
		l.files[key] = l.files[value]
		out.Content = append(out.Content, key, child)
	}
	return out, ""
}

// applyIndexes descends through n's list indexes, then sets the rest of
// the path (or the value itself at the end).
func (l *loader) applyIndexes(n *yaml.Node, indexes []int, here string, rest []step, value *yaml.Node) (*yaml.Node, string) {
	if len(indexes) == 0 {
		if len(rest) == 0 {
			if n == nil {
				return value, ""
			}
			return l.merge(n, value), ""
		}
		return l.apply(n, rest, here, value)
	}
	n = resolveAlias(n)
	i := indexes[0]
	if n == nil {
		return nil, fmt.Sprintf("%s[%d]: the scenario has no %s, so no item %d (allowed: an index into a list the scenario has; give a whole list as %s=[...])", here, i, here, i, here)
	}
	if n.Kind != yaml.SequenceNode {
		return nil, fmt.Sprintf("%s[%d]: %s is %s, not a list (allowed: [i] only after a list field)", here, i, here, kindName(n))
	}
	if i >= len(n.Content) {
		return nil, fmt.Sprintf("%s[%d]: %s has %d item%s (allowed: an index from 0 to %d; give the whole list to add items)", here, i, here, len(n.Content), itemsS(len(n.Content)), len(n.Content)-1)
	}
	item, msg := l.applyIndexes(n.Content[i], indexes[1:], fmt.Sprintf("%s[%d]", here, i), rest, value)
	if msg != "" {
		return nil, msg
	}
	out := l.copyNode(n)
	out.Content[i] = item
	return out, ""
}

// copyNode copies n and its list of children (not the children), keeping
// the file it came from.
func (l *loader) copyNode(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = append([]*yaml.Node(nil), n.Content...)
	l.files[&c] = l.files[n]
	return &c
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for i := 0; i < 100 && n != nil && n.Kind == yaml.AliasNode; i++ {
		n = n.Alias
	}
	return n
}

func orTop(path string) string {
	if path == "" {
		return "the scenario"
	}
	return path
}

func itemsS(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
