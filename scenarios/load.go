package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// maxFileSize bounds a scenario file; maxExtends the length of an extends
// chain.
const (
	maxFileSize = 4 << 20
	maxExtends  = 16
)

// source remembers where a scenario's fields were written.
type source struct {
	file  string         // the scenario's own file
	pos   map[string]pos // field path → position
	notes map[string]Note
}

// where returns the position of path, or of its nearest parent that has
// one, or the top of the file.
func (s *source) where(p string) pos {
	if s == nil {
		return pos{file: "scenario"}
	}
	for {
		if q, ok := s.pos[p]; ok {
			return q
		}
		if p == "" {
			return pos{file: s.file}
		}
		p = parentPath(p)
	}
}

// Parse reads a scenario from data; filename names it in errors, gives its
// default name, and anchors relative extends paths (read from the
// operating system's files). Library names in extends need no files. The
// error, if any, is an Errors listing every problem.
func Parse(filename string, data []byte) (*Scenario, error) {
	return parse(&loader{files: map[*yaml.Node]string{}, fsys: nil}, filename, data)
}

// LoadFS reads the scenario name from fsys; relative extends paths are
// read from fsys too.
func LoadFS(fsys fs.FS, name string) (*Scenario, error) {
	l := &loader{files: map[*yaml.Node]string{}, fsys: fsys}
	data, err := l.read(name)
	if err != nil {
		return nil, Errors{{File: name, Msg: err.Error()}}
	}
	return parse(l, name, data)
}

// Load reads a library scenario by name (see List), or else a scenario file
// at the path name.
func Load(name string) (*Scenario, error) {
	if isLibraryName(name) {
		return LoadFS(library, name+".yaml")
	}
	data, err := readOSFile(name)
	if err != nil {
		return nil, Errors{{File: name, Msg: notFound(name, err)}}
	}
	return Parse(name, data)
}

func parse(l *loader, filename string, data []byte) (*Scenario, error) {
	return parseTree(l, filename, func() *yaml.Node { return l.load(filename, data, nil) })
}

// parseTree decodes and checks the merged tree that load returns.
func parseTree(l *loader, filename string, load func() *yaml.Node) (*Scenario, error) {
	root := load()
	if len(l.errs) > 0 || root == nil {
		if len(l.errs) == 0 {
			l.errs = append(l.errs, Error{File: filename, Msg: "no scenario"})
		}
		return nil, l.errs.sorted()
	}
	d := newDecoder(filename, l.files)
	s := &Scenario{}
	d.decode(root, reflect.ValueOf(s).Elem(), "")
	s.src = &source{file: filename, pos: d.pos, notes: d.notes}
	if s.Name == "" {
		s.Name = nameFromFile(filename)
	}
	b := newBuilder(s, d.errs)
	b.typos = d.typos
	b.build()
	errs := append(d.errs, b.errs...)
	if len(errs) > 0 {
		return nil, errs.sorted()
	}
	return s, nil
}

// loader reads a file and the files it extends, merging them into one node
// tree whose nodes remember their file.
type loader struct {
	files map[*yaml.Node]string
	fsys  fs.FS // nil: the operating system's files
	errs  Errors
}

func (l *loader) fail(file string, n *yaml.Node, path, format string, args ...any) {
	e := Error{File: file, Path: path, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	l.errs = append(l.errs, e)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// parseYAML parses one document, never panicking.
func parseYAML(data []byte) (root *yaml.Node, line int, err error) {
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, fmt.Errorf("the YAML parser failed: %v", r)
		}
	}()
	syntax := func(err error) (*yaml.Node, int, error) {
		msg := err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = msg[len(m[0]):]
		}
		return nil, line, errors.New("YAML syntax: " + strings.TrimPrefix(msg, "yaml: "))
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
		return &yaml.Node{Kind: yaml.DocumentNode}, 0, nil
	} else if err != nil {
		return syntax(err)
	}
	// A second document would be ignored silently: refuse it.
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
		return &doc, 0, nil
	case err != nil:
		return syntax(err)
	}
	line = next.Line
	if len(next.Content) > 0 {
		line = next.Content[0].Line
	}
	return nil, line, errors.New("a second YAML document (allowed: one scenario per file; remove the --- line and what follows, or merge it into the first)")
}

// load parses a file, resolves its extends and returns the merged top
// mapping, or nil after reporting why not. chain holds the files that
// extend this one, to catch cycles.
func (l *loader) load(file string, data []byte, chain []string) *yaml.Node {
	doc, line, err := parseYAML(data)
	if err != nil {
		msg := err.Error()
		if lines := strings.Split(string(data), "\n"); line > 0 && line <= len(lines) && strings.HasPrefix(strings.TrimLeft(lines[line-1], " "), "\t") {
			msg += " (allowed: spaces for indentation; YAML does not allow tabs there)"
		}
		l.errs = append(l.errs, Error{File: file, Line: line, Column: 1, Msg: msg})
		return nil
	}
	if len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		// Say what was found, never what it says: the file may be anything.
		l.fail(file, top, "", "not a scenario: want a mapping of fields at the top of the file, got %s", shapeOf(top))
		return nil
	}
	if !hasScenarioField(top) {
		l.fail(file, top, "", "not a scenario: none of its %d top-level keys is a scenario field (allowed: %s)",
			len(top.Content)/2, fieldNames(fieldsOf(reflect.TypeFor[Scenario]())))
		return nil
	}
	l.mark(top, file, 0)
	var ext *yaml.Node
	own := &yaml.Node{Kind: yaml.MappingNode, Tag: top.Tag, Line: top.Line, Column: top.Column}
	l.files[own] = file
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value == "extends" && top.Content[i].Kind == yaml.ScalarNode {
			if ext != nil {
				l.fail(file, top.Content[i], "extends", "given twice (allowed: one extends)")
				return nil
			}
			ext = top.Content[i+1]
			continue
		}
		own.Content = append(own.Content, top.Content[i], top.Content[i+1])
	}
	if ext == nil || isNull(ext) {
		return own
	}
	if ext.Kind != yaml.ScalarNode || ext.Tag != "!!str" || ext.Value == "" {
		l.fail(file, ext, "extends", "want a scenario name or file path, got %s (allowed: a library name such as baseline-2022, or a path relative to this file)", kindName(ext))
		return nil
	}
	if !isLibraryName(ext.Value) && !hasScenarioExt(ext.Value) {
		what := "not a scenario file"
		if !strings.ContainsAny(ext.Value, `/\.`) {
			what = "no such scenario"
		}
		l.fail(file, ext, "extends", "%q: %s (allowed: %s, or a path to a .yaml or .yml file relative to this file)",
			ext.Value, what, strings.Join(libraryNames(), ", "))
		return nil
	}
	baseFile, key := l.target(file, ext.Value)
	chain = append(chain, keyOf(l, file))
	for _, c := range chain {
		if c == key {
			l.fail(file, ext, "extends", "cycle: %s → %s (allowed: a chain of extends that ends in a scenario without extends)", strings.Join(chain, " → "), key)
			return nil
		}
	}
	if len(chain) > maxExtends {
		l.fail(file, ext, "extends", "chain of more than %d files (allowed: at most %d)", maxExtends, maxExtends)
		return nil
	}
	var baseData []byte
	if isLibraryName(ext.Value) {
		baseData, err = fs.ReadFile(library, baseFile)
	} else {
		baseData, err = l.read(baseFile)
	}
	if err != nil {
		l.fail(file, ext, "extends", "%q: no such scenario (allowed: %s, or a path to a .yaml or .yml file relative to this file)", ext.Value, strings.Join(libraryNames(), ", "))
		return nil
	}
	base := l.load(baseFile, baseData, chain)
	if base == nil {
		return nil
	}
	return l.merge(base, own)
}

// hasScenarioExt reports whether a path names a YAML file by its extension.
func hasScenarioExt(name string) bool {
	ext := strings.ToLower(path.Ext(filepath.ToSlash(name)))
	return ext == ".yaml" || ext == ".yml"
}

// hasScenarioField reports whether a top-level mapping has at least one key
// that is a scenario field. A file with none is not a scenario (a password
// file, a CI workflow): it is refused whole, without echoing its keys.
func hasScenarioField(top *yaml.Node) bool {
	for i := 0; i+1 < len(top.Content); i += 2 {
		k := top.Content[i].Value
		if k == "extends" {
			return true
		}
		for _, f := range fieldsOf(reflect.TypeFor[Scenario]()) {
			if f.name == k {
				return true
			}
		}
	}
	return len(top.Content) == 0
}

// shapeOf names a node's kind without its content.
func shapeOf(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "a single value"
	case yaml.AliasNode:
		return "an alias"
	}
	return "something else"
}

// target names the file extends refers to, and a key that identifies it in
// cycle checks.
func (l *loader) target(from, name string) (file, key string) {
	if isLibraryName(name) {
		return name + ".yaml", "library:" + name
	}
	if l.fsys != nil {
		file = path.Join(path.Dir(from), name)
		return file, file
	}
	if filepath.IsAbs(name) {
		return name, filepath.Clean(name)
	}
	file = filepath.Join(filepath.Dir(from), name)
	return file, filepath.Clean(file)
}

func keyOf(l *loader, file string) string {
	if l.fsys == library && isLibraryName(strings.TrimSuffix(file, ".yaml")) {
		return "library:" + strings.TrimSuffix(file, ".yaml")
	}
	if l.fsys != nil {
		return path.Clean(file)
	}
	return filepath.Clean(file)
}

// isLibraryName reports whether name is a library scenario (no path, no
// extension).
func isLibraryName(name string) bool {
	if name == "" || strings.ContainsAny(name, `/\.`) {
		return false
	}
	_, err := fs.Stat(library, name+".yaml")
	return err == nil
}

func (l *loader) read(name string) ([]byte, error) {
	if l.fsys == nil {
		return readOSFile(name)
	}
	f, err := l.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(name, f)
}

func readOSFile(name string) ([]byte, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", name)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(name, f)
}

func readLimited(name string, r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("%s is larger than %d bytes", name, maxFileSize)
	}
	return data, nil
}

// mark records the file of every node under n.
func (l *loader) mark(n *yaml.Node, file string, depth int) {
	if n == nil || depth > 10000 {
		return
	}
	if _, ok := l.files[n]; ok {
		return
	}
	l.files[n] = file
	for _, c := range n.Content {
		l.mark(c, file, depth+1)
	}
}

// staffingChoice is the keys of a staffing mapping that are alternatives:
// giving one in a file that extends another drops the inherited others.
var staffingChoice = []string{"fixed", "hour_of_week", "occupancy"}

// merge lays over on top of base: mappings merge key by key (null removes
// a key), everything else replaces. A distribution (a mapping with a dist
// key) replaces the inherited one whole; see staffingChoice.
func (l *loader) merge(base, over *yaml.Node) *yaml.Node {
	for i := 0; i < 100 && base.Kind == yaml.AliasNode; i++ {
		base = base.Alias
	}
	for i := 0; i < 100 && over.Kind == yaml.AliasNode; i++ {
		over = over.Alias
	}
	if base == nil || over == nil || base.Kind != yaml.MappingNode || over.Kind != yaml.MappingNode || hasKey(over, "dist") {
		return over
	}
	out := &yaml.Node{Kind: yaml.MappingNode, Tag: over.Tag, Line: over.Line, Column: over.Column}
	l.files[out] = l.files[over]
	dropChoice := false
	for _, k := range staffingChoice {
		dropChoice = dropChoice || hasKey(over, k)
	}
	used := make([]bool, len(over.Content)/2)
	for i := 0; i+1 < len(base.Content); i += 2 {
		k := base.Content[i].Value
		j := indexOfKey(over, k)
		switch {
		case j >= 0:
			used[j/2] = true
			if !isNull(over.Content[j+1]) {
				out.Content = append(out.Content, over.Content[j], l.merge(base.Content[i+1], over.Content[j+1]))
			}
		case dropChoice && contains(staffingChoice, k):
		default:
			out.Content = append(out.Content, base.Content[i], base.Content[i+1])
		}
	}
	for j := 0; j+1 < len(over.Content); j += 2 {
		if !used[j/2] && !isNull(over.Content[j+1]) {
			out.Content = append(out.Content, over.Content[j], over.Content[j+1])
		}
	}
	return out
}

func indexOfKey(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Kind == yaml.ScalarNode && m.Content[i].Value == key {
			return i
		}
	}
	return -1
}

func hasKey(m *yaml.Node, key string) bool { return indexOfKey(m, key) >= 0 }

// notFound explains a scenario that could not be read.
func notFound(name string, err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Sprintf("no such scenario (allowed: a library name, one of %s, or the path of a .yaml file)", strings.Join(libraryNames(), ", "))
	}
	return err.Error()
}
