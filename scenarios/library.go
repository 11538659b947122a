package scenarios

import (
	"embed"
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
