package write

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/google/renameio/v2/maybe"
)

// This file is outagesim's one atomic writer: File for single files
// (baselines, JUnit), install for report folders (Write, Folder). A reader
// sees the old output or the new one, never half of one, and a run that is
// killed part-way leaves hidden folders that the next write to the same
// place restores or removes (recoverLeftovers).

// ErrWorkDir is returned (wrapped) when the output folder is the current
// folder or holds it: a report replaces its folder as a whole, which the
// folder a shell is in cannot be.
var ErrWorkDir = errors.New("the output folder is the current folder or contains it")

// Folder writes files (slash-separated paths relative to dir → contents)
// into the folder dir with the same safety as Write: the files and the
// marker go into a temporary folder beside dir that is renamed into place,
// an existing dir is replaced only if it carries MarkerFile (or is empty),
// and a failure leaves no trace. It is for outputs other than a run's
// report, such as a comparison or a sweep. Files are written in name
// order; a name that is not a clean relative path is an error.
func Folder(dir string, files map[string][]byte) error {
	if dir == "" {
		return errors.New("write: no output folder given")
	}
	if len(files) == 0 {
		return errors.New("write: no files to write")
	}
	names := slices.Sorted(maps.Keys(files))
	list := make([]file, 0, len(names)+1)
	for _, name := range names {
		if !filepath.IsLocal(filepath.FromSlash(name)) || name != path.Clean(name) || name == MarkerFile {
			return fmt.Errorf("write: file name %q: want a clean relative path inside the folder, other than %s", name, MarkerFile)
		}
		list = append(list, file{name, files[name]})
	}
	list = append(list, file{MarkerFile, []byte(markerText)})
	if err := install(filepath.Clean(dir), list); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// File writes data to the file path atomically, creating its folder: the
// data goes into a temporary file, is synced and renamed over path, so a
// reader (or the next run after a kill) sees the old file or the new one.
// It is for single files such as baselines and JUnit results.
func File(path string, data []byte) error {
	if path == "" {
		return errors.New("write: no file name given")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if info, err := os.Lstat(path); err == nil && info.IsDir() {
		return fmt.Errorf("write: %s is a folder, not a file", path)
	}
	if err := maybe.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// Test hooks: afterFile runs after each file is written into the
// temporary folder; rename is os.Rename.
var (
	afterFile func(name string) error
	rename    = os.Rename
)

// The hidden folders beside a report: .<base>.outagesim-new-<pid>-<random>
// while a report is written, .<base>.outagesim-old-<pid>-<random> while
// the report it replaces is moved aside. The pid says whether the run that
// made one is still going.
const (
	newTag = ".outagesim-new-"
	oldTag = ".outagesim-old-"
)

func hiddenPrefix(base, tag string) string { return "." + base + tag }

// install writes files into a new folder beside dir and renames it into
// place, replacing dir if it is an earlier report.
func install(dir string, files []file) (err error) {
	if err := notWorkDir(dir); err != nil {
		return err
	}
	if err := recoverLeftovers(dir); err != nil {
		return err
	}
	if _, err := checkTarget(dir); err != nil {
		return err
	}
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	pid := strconv.Itoa(os.Getpid()) + "-"
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, hiddenPrefix(base, newTag)+pid)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := writeFile(filepath.Join(tmp, filepath.FromSlash(f.name)), f.data); err != nil {
			return err
		}
		if afterFile != nil {
			if err := afterFile(f.name); err != nil {
				return err
			}
		}
	}
	if err := syncDir(tmp); err != nil {
		return err
	}

	// Check again: the folder may have changed while we rendered.
	exists, err := checkTarget(dir)
	if err != nil {
		return err
	}
	if !exists {
		if err := rename(tmp, dir); err != nil {
			return err
		}
		return syncDir(parent)
	}
	old, err := os.MkdirTemp(parent, hiddenPrefix(base, oldTag)+pid)
	if err != nil {
		return err
	}
	if err := os.Remove(old); err != nil {
		return err
	}
	if err := rename(dir, old); err != nil {
		return fmt.Errorf("moving the old report aside: %w", err)
	}
	if err := rename(tmp, dir); err != nil {
		if rerr := rename(old, dir); rerr != nil {
			return fmt.Errorf("%w; restoring the old report from %s also failed: %v", err, old, rerr)
		}
		return err
	}
	if err := os.RemoveAll(old); err != nil {
		// The new report is complete and in place.
		return fmt.Errorf("the report is written, but the old one could not be removed from %s: %w", old, err)
	}
	return syncDir(parent)
}

// notWorkDir refuses a dir that is the current folder or holds it: the
// folder would be renamed from under the shell, or its parent replaced.
func notWorkDir(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil // nothing to compare with; the rename will tell
	}
	if rel, err := filepath.Rel(abs, wd); err == nil && (rel == "." || filepath.IsLocal(rel)) {
		return fmt.Errorf("refusing to write to %s: %w, and a report replaces its folder as a whole; "+
			"name a new folder inside it instead, such as %s", dir, ErrWorkDir, filepath.Join(dir, "report"))
	}
	return nil
}

// recoverLeftovers tidies what a killed run left beside dir. A run killed
// between moving the old report aside and renaming the new one in leaves
// no dir and an old-folder: that report is put back. Other old-folders
// (the run was killed after the new report was in place) and every
// new-folder (a report half written) are removed. Folders of a run that is
// still going are left alone, and so is anything that does not look like
// outagesim's own.
func recoverLeftovers(dir string) error {
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	entries, err := os.ReadDir(parent)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var olds []string
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || e.Type()&fs.ModeSymlink != 0 {
			continue
		}
		for _, tag := range []string{newTag, oldTag} {
			rest, ok := strings.CutPrefix(name, hiddenPrefix(base, tag))
			if !ok || runningPID(rest) {
				continue
			}
			if tag == newTag {
				if err := os.RemoveAll(filepath.Join(parent, name)); err != nil {
					return fmt.Errorf("removing %s, left by a run that was stopped: %w", name, err)
				}
				continue
			}
			if ok, _ := checkTarget(filepath.Join(parent, name)); ok {
				olds = append(olds, name)
			}
		}
	}
	if len(olds) == 0 {
		return nil
	}
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		// The newest is the report that was at dir last.
		slices.SortFunc(olds, func(a, b string) int { return modTime(filepath.Join(parent, b)) - modTime(filepath.Join(parent, a)) })
		if err := rename(filepath.Join(parent, olds[0]), dir); err != nil {
			return fmt.Errorf("restoring the report a stopped run moved aside to %s: %w", olds[0], err)
		}
		olds = olds[1:]
	}
	for _, name := range olds {
		if err := os.RemoveAll(filepath.Join(parent, name)); err != nil {
			return fmt.Errorf("removing %s, left by a run that was stopped: %w", name, err)
		}
	}
	return syncDir(parent)
}

// modTime orders folders by modification time (seconds are enough: two
// stopped runs on one report within a second leave reports alike).
func modTime(p string) int {
	info, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return int(info.ModTime().Unix())
}

// runningPID reports whether the "<pid>-<random>" after a hidden folder's
// tag names a process that is still running (this one included). Folders
// without a pid, from older versions, count as stopped.
func runningPID(rest string) bool {
	digits, _, ok := strings.Cut(rest, "-")
	pid, err := strconv.Atoi(digits)
	if !ok || err != nil || pid <= 0 {
		return false
	}
	if pid == os.Getpid() {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false // Windows: no such process
	}
	if runtime.GOOS == "windows" {
		p.Release()
		return true
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}

// checkTarget reports whether dir exists as a folder Write may replace: an
// earlier report, or an empty folder. Anything else is an error.
func checkTarget(dir string) (exists bool, err error) {
	info, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, err
	case info.Mode()&fs.ModeSymlink != 0:
		return false, fmt.Errorf("refusing to write the report to %s: it is a symbolic link, %w", dir, ErrNotReport)
	case !info.IsDir():
		return false, fmt.Errorf("refusing to write the report to %s: it exists and is not a folder, so %w", dir, ErrNotReport)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	if len(entries) == 0 {
		return true, nil
	}
	for _, e := range entries {
		if e.Name() == MarkerFile && e.Type().IsRegular() {
			return true, nil
		}
	}
	return false, fmt.Errorf("refusing to replace %s: the folder exists and is %w (it has no %s file); "+
		"choose a new folder, or remove this one yourself", dir, ErrNotReport, MarkerFile)
}

func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir flushes a folder's entries, so that a rename survives a crash.
// It is best effort: some systems cannot sync a folder.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	d.Sync()
	return d.Close()
}
