package scenarios

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// Default is the library scenario the CLI runs when none is named.
const Default = "adastra-2022"

//go:embed *.yaml
var library embed.FS

// Library returns the embedded scenario library as a file system of
// <name>.yaml files.
func Library() fs.FS { return library }

// Entry is a library scenario: its name (for Load) and its description.
type Entry struct {
	Name        string
	Description string
}

// List returns the library's scenarios in name order.
func List() []Entry {
	var out []Entry
	for _, name := range libraryNames() {
		e := Entry{Name: name}
		if s, err := LoadFS(library, name+".yaml"); err == nil {
			e.Description = s.Description
		}
		out = append(out, e)
	}
	return out
}

func libraryNames() []string {
	files, _ := fs.Glob(library, "*.yaml")
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = strings.TrimSuffix(f, ".yaml")
	}
	slices.Sort(names)
	return names
}

// Modeline is the comment that points the YAML language server (VS Code's
// YAML extension, and editors built on it) at the published schema, so a
// copied scenario gets completion and checks without any set-up.
const Modeline = "# yaml-language-server: $schema=" + SchemaID

// Source returns a library scenario's file as written, comments and all,
// beginning with Modeline, as a starting point for a variant.
func Source(name string) ([]byte, error) {
	if !isLibraryName(name) {
		return nil, fmt.Errorf("%q: no such built-in scenario (allowed: %s)", name, strings.Join(libraryNames(), ", "))
	}
	data, err := fs.ReadFile(library, name+".yaml")
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(data, []byte(Modeline+"\n")) {
		data = append([]byte(Modeline+"\n"), data...)
	}
	return data, nil
}
