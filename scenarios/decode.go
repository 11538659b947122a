package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// maxNodes bounds the nodes one decode visits, so that nested aliases (the
// "billion laughs") cannot blow up.
const maxNodes = 200_000

// decoder turns a YAML node tree into the scenario types, collecting every
// problem (with its position) instead of stopping at the first, and
// remembering where each field was so that later checks can point at it.
type decoder struct {
	files   map[*yaml.Node]string // the file each node came from
	file    string                // the file of nodes not in files
	errs    Errors
	pos     map[string]pos // field path → position of its value
	notes   map[string]Note
	visited int
	// typos are the field names suggested for unknown fields, so that the
	// field is not reported again as missing.
	typos map[string]bool
}

func newDecoder(file string, files map[*yaml.Node]string) *decoder {
	return &decoder{files: files, file: file, pos: map[string]pos{}, notes: map[string]Note{}, typos: map[string]bool{}}
}

func (d *decoder) at(n *yaml.Node) pos {
	f, ok := d.files[n]
	if !ok {
		f = d.file
	}
	return pos{f, n.Line, n.Column}
}

func (d *decoder) failAt(p pos, path, format string, args ...any) {
	d.errs = append(d.errs, Error{File: p.file, Line: p.line, Column: p.column, Path: path, Msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) fail(n *yaml.Node, path, format string, args ...any) {
	d.failAt(d.at(n), path, format, args...)
}

// parentPath drops the last segment of a field path: "a.b[2]" → "a.b",
// "a.b" → "a", "a" → "".
func parentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

func join(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

// resolve follows aliases, counting the nodes visited.
func (d *decoder) resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

var decoderType = reflect.TypeFor[nodeDecoder]()

// decode fills v from n, reporting problems under path.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	n = d.resolve(n)
	if d.visited++; d.visited > maxNodes {
		if d.visited == maxNodes+1 {
			d.fail(n, path, "the file is too large or its aliases expand too far (at most %d values)", maxNodes)
		}
		return
	}
	if isNull(n) {
		return // null and absent are the same: the field is not set
	}
	d.pos[path] = d.at(n)
	d.note(n, path)
	if v.Kind() == reflect.Pointer {
		elem := reflect.New(v.Type().Elem())
		d.decode(n, elem.Elem(), path)
		v.Set(elem) // even if bad: the error is reported once, not again as "missing"
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(decoderType) {
		nd := v.Addr().Interface().(nodeDecoder)
		handled, msg := nd.decodeNode(n)
		if msg != "" {
			d.fail(n, path, "%s", msg)
		}
		if handled {
			return
		}
	}
	switch v.Kind() {
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.fail(n, path, "want a mapping of names to values, got %s", kindName(n))
			return
		}
		m := reflect.MakeMap(v.Type())
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := d.resolve(n.Content[i]), n.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.Value == "" {
				d.fail(k, path, "want a name as the key, got %s", kindName(k))
				continue
			}
			p := path + "." + k.Value
			if seen[k.Value] {
				d.fail(k, p, "given twice")
				continue
			}
			seen[k.Value] = true
			e := reflect.New(v.Type().Elem()).Elem()
			d.decode(val, e, p)
			if isNull(d.resolve(val)) {
				d.pos[p] = d.at(k)
			}
			m.SetMapIndex(reflect.ValueOf(k.Value), e)
		}
		v.Set(m)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(n, path, "want a list, got %s", kindName(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, e := range n.Content {
			d.decode(e, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		v.Set(s)
	case reflect.String:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
			d.fail(n, path, "want text, got %s", kindName(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.fail(n, path, "want true or false, got %s", kindName(n))
			return
		}
		v.SetBool(n.Value == "true" || n.Value == "True" || n.Value == "TRUE")
	case reflect.Int, reflect.Int64:
		// A whole number written as a float (14.0, 1e3) counts, as it does
		// for JSON Schema's integer and so for editors.
		f, ok := number(n)
		if !ok || f != math.Trunc(f) || f < 0 || f > math.MaxInt32 {
			d.fail(n, path, "want a whole number ≥ 0, got %s", kindName(n))
			return
		}
		v.SetInt(int64(f))
	case reflect.Uint64:
		u, err := strconv.ParseUint(strings.ReplaceAll(n.Value, "_", ""), 0, 64)
		if n.Tag == "!!float" {
			// Exact only up to 2⁵³, where floats stop holding every integer.
			f, ok := number(n)
			err = nil
			if !ok || f != math.Trunc(f) || f < 0 || f > 1<<53 {
				err = strconv.ErrRange
			}
			u = uint64(f)
		}
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || err != nil {
			d.fail(n, path, "want a whole number ≥ 0, got %s", kindName(n))
			return
		}
		v.SetUint(u)
	case reflect.Float64:
		f, ok := number(n)
		if !ok {
			d.fail(n, path, "want a number, got %s", kindName(n))
			return
		}
		v.SetFloat(f)
	default:
		panic(fmt.Sprintf("scenarios: no decoding for %v", v.Type())) // a bug in the types, not in the input
	}
}

// field is a YAML field of a struct: its name and index path (through
// inlined embedded structs).
type field struct {
	name  string
	index []int
}

// fieldsOf lists the YAML fields of a struct type in declaration order.
func fieldsOf(t reflect.Type) []field {
	var out []field
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if opts == "inline" {
			for _, g := range fieldsOf(f.Type) {
				out = append(out, field{g.name, append([]int{i}, g.index...)})
			}
			continue
		}
		out = append(out, field{name, []int{i}})
	}
	return out
}

func fieldNames(fs []field) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
	}
	return strings.Join(names, ", ")
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	fs := fieldsOf(v.Type())
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, "want a mapping, got %s (allowed fields: %s)", kindName(n), fieldNames(fs))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := d.resolve(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.fail(k, path, "want a field name as the key, got %s (allowed: %s)", kindName(k), fieldNames(fs))
			continue
		}
		if k.Tag == "!!merge" {
			d.fail(k, path, "merge keys (<<) are not supported (allowed: %s; use extends to build on another scenario)", fieldNames(fs))
			continue
		}
		p := join(path, k.Value)
		var f *field
		for j := range fs {
			if fs[j].name == k.Value {
				f = &fs[j]
			}
		}
		if f == nil {
			if near := closest(k.Value, fs); near != "" {
				d.typos[join(path, near)] = true
				d.fail(k, p, "unknown field %q; did you mean %q? (allowed: %s)", k.Value, near, fieldNames(fs))
			} else {
				d.fail(k, p, "unknown field %q (allowed: %s)", k.Value, fieldNames(fs))
			}
			continue
		}
		if seen[k.Value] {
			d.fail(k, p, "given twice")
			continue
		}
		seen[k.Value] = true
		d.decode(val, v.FieldByIndex(f.index), p)
		if _, ok := d.pos[p]; !ok {
			d.pos[p] = d.at(k)
		}
	}
}

// closest returns the field name within two edits of name, if one is.
func closest(name string, fs []field) string {
	best, bestDist := "", 3
	for _, f := range fs {
		if d := editDistance(name, f.name); d < bestDist {
			best, bestDist = f.name, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
