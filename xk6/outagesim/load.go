package outagesim

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"go.k6.io/k6/js/common"
	"go.k6.io/k6/lib/fsext"

	"github.com/outagesim/outagesim/scenarios"
)

// loaded is a parsed scenario, shared by every VU that loads it.
type loaded struct {
	scenario *scenarios.Scenario
	model    *Model
	err      error
}

// cache parses each scenario once per k6 process: every VU runs the init
// context, and so load(), again.
type cache struct {
	mu      sync.Mutex
	entries map[string]*loaded
}

func (c *cache) get(key string, parse func() (*scenarios.Scenario, error)) (*loaded, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]*loaded{}
	}
	if l, ok := c.entries[key]; ok {
		return l, l.err
	}
	l := &loaded{}
	l.scenario, l.err = parse()
	if l.err == nil {
		cfg, err := l.scenario.Config()
		if err != nil {
			l.err = err
		} else {
			l.model = NewModel(cfg, l.scenario.SeedOrDefault())
		}
	}
	c.entries[key] = l
	return l, l.err
}

// isLibraryName reports whether name is an embedded library scenario.
func isLibraryName(name string) bool {
	if name == "" || strings.ContainsAny(name, `/\.`) {
		return false
	}
	_, err := fs.Stat(scenarios.Library(), name+".yaml")
	return err == nil
}

func libraryNames() string {
	var names []string
	for _, e := range scenarios.List() {
		names = append(names, e.Name)
	}
	return strings.Join(names, ", ")
}

// loadLibrary loads an embedded scenario.
func (c *cache) loadLibrary(name string) (*loaded, error) {
	return c.get("library:"+name, func() (*scenarios.Scenario, error) { return scenarios.Load(name) })
}

// loadFile loads a scenario file through k6's init file system, so that
// `k6 archive` and `k6 cloud` carry it (and the files it extends) with the
// script. Relative paths are relative to the script.
func (c *cache) loadFile(ie *common.InitEnvironment, name string) (*loaded, error) {
	fsys, ok := ie.FileSystems["file"]
	if !ok {
		return nil, errors.New("load: k6 gave no file system")
	}
	path := fsext.Abs(ie.CWD.Path, strings.TrimPrefix(name, "file://"))
	return c.get("file:"+path, func() (*scenarios.Scenario, error) {
		return scenarios.LoadFS(initFS{fsys}, strings.TrimPrefix(path, "/"))
	})
}

// loadData parses scenario text the script read itself (with open()).
func (c *cache) loadData(name string, data []byte) (*loaded, error) {
	sum := sha256.Sum256(data)
	return c.get("data:"+name+":"+hex.EncodeToString(sum[:]), func() (*scenarios.Scenario, error) {
		return scenarios.Parse(name, data)
	})
}

// initFS is k6's init file system as an fs.FS rooted at "/".
type initFS struct{ fs fsext.Fs }

func (f initFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	file, err := f.fs.Open("/" + name)
	if err != nil {
		return nil, err
	}
	return file, nil
}

// loadError words a failed load for the script's author.
func loadError(what string, err error) error {
	return fmt.Errorf("load(%q): %w", what, err)
}
