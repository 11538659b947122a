package write

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// stoppedPID is a process id no system hands out (Linux stops at 2^22).
const stoppedPID = 1 << 30

// leftover makes a hidden folder as a run stopped with kill -9 leaves it,
// holding files.
func leftover(t *testing.T, parent, base, tag string, pid int, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(parent, hiddenPrefix(base, tag)+strconv.Itoa(pid)+"-123")
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestKilledBetweenRenames: a run killed after moving the old report
// aside, before renaming the new one in, left no report at all. The next
// write puts the old one back first, so even when that write fails the
// report is there again, and nothing hidden is left.
func TestKilledBetweenRenames(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "report")
	leftover(t, parent, "report", oldTag, stoppedPID, map[string]string{MarkerFile: markerText, "report.md": "the old report"})
	leftover(t, parent, "report", newTag, stoppedPID, map[string]string{"report.md": "half a new rep"})
	boom := errors.New("disk full")
	afterFile = func(string) error { return boom }
	err := Folder(dir, map[string][]byte{"compare.md": []byte("new")})
	afterFile = nil
	if !errors.Is(err, boom) {
		t.Fatalf("Folder: %v, want the injected failure", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "report.md")); string(got) != "the old report" {
		t.Errorf("report.md = %q: the old report was not restored", got)
	}
	onlyEntry(t, parent, "report")

	// The next write that succeeds replaces it as usual.
	if err := Folder(dir, map[string][]byte{"compare.md": []byte("new")}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "compare.md")); string(got) != "new" {
		t.Errorf("compare.md = %q", got)
	}
	onlyEntry(t, parent, "report")
}

// TestKilledAfterRenames: the new report is in place and the old one was
// not yet removed; a half-written folder of another stopped run lies
// beside it. The next write removes both; a folder of a run still going,
// and a hidden folder that is not a report, are left alone.
func TestKilledAfterRenames(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "report")
	if err := Folder(dir, map[string][]byte{"a.md": []byte("current")}); err != nil {
		t.Fatal(err)
	}
	leftover(t, parent, "report", oldTag, stoppedPID, map[string]string{MarkerFile: markerText, "a.md": "older"})
	leftover(t, parent, "report", newTag, stoppedPID, map[string]string{"a.md": "half"})
	live := leftover(t, parent, "report", newTag, os.Getpid(), map[string]string{"a.md": "being written"})
	notOurs := leftover(t, parent, "report", oldTag, stoppedPID+1, map[string]string{"thesis.tex": "precious"})
	if err := Folder(dir, map[string][]byte{"a.md": []byte("newest")}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "a.md")); string(got) != "newest" {
		t.Errorf("a.md = %q", got)
	}
	want := []string{filepath.Base(live), filepath.Base(notOurs), "report"}
	if got := entries(t, parent); len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("%s holds %q, want %q", parent, got, want)
	}
}

// TestOutIsWorkDir: the current folder cannot be a report folder (it would
// be renamed from under the shell); the error says so instead of calling
// an empty folder "not a report".
func TestOutIsWorkDir(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, out := range []string{".", dir, ".."} {
		err := Folder(out, map[string][]byte{"a.md": []byte("x")})
		if !errors.Is(err, ErrWorkDir) {
			t.Errorf("Folder(%q): %v, want ErrWorkDir", out, err)
		}
	}
	if got := entries(t, dir); len(got) != 0 {
		t.Errorf("the folder holds %q, want nothing", got)
	}
	if err := Folder("report", map[string][]byte{"a.md": []byte("x")}); err != nil {
		t.Errorf("a folder inside the current one: %v", err)
	}
}

// TestFile: a file is replaced whole; a folder in its place is refused.
func TestFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "baselines", "s.json")
	for _, text := range []string{"one", "two"} {
		if err := File(p, []byte(text)); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(p); string(got) != text {
			t.Errorf("%s = %q, want %q", p, got, text)
		}
	}
	if got := entries(t, filepath.Dir(p)); len(got) != 1 {
		t.Errorf("beside the file: %q", got)
	}
	if err := File(filepath.Join(dir, "baselines"), []byte("x")); err == nil {
		t.Error("File replaced a folder")
	}
}
