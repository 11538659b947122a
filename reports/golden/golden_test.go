package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	failed, fatal bool
	msg           string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failed = true
	r.msg = sprintf(format, args...)
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed, r.fatal = true, true
	r.msg = sprintf(format, args...)
	runtime.Goexit()
}
func (r *recorder) Fatal(args ...any) {
	r.failed, r.fatal = true, true
	r.msg = fmt.Sprint(args...)
	runtime.Goexit()
}

// run calls CheckString with r on its own goroutine, as testing does, so
// that Fatal can stop it.
func (r *recorder) run(path, got string) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		CheckString(r, path, got)
	}()
	<-done
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.golden")
	if err := os.WriteFile(path, []byte("one\ntwo\nthree\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		path string
		got  string
		// fail says whether the check must fail; wants are what its message must contain.
		fail  bool
		wants []string
	}{
		// Equal bytes pass silently.
		{"same", path, "one\ntwo\nthree\n", false, nil},
		// A changed line shows as a unified hunk, not as two blobs.
		{"changed", path, "one\n2\nthree\n", true, []string{"--- " + path + " (want)", "+++ got", "@@ -1,3 +1,3 @@", "-two", "+2"}},
		// A missing trailing newline is a difference.
		{"newline", path, "one\ntwo\nthree", true, []string{"No newline at end of file"}},
		// A missing file says how to create it.
		{"missing", filepath.Join(dir, "none.golden"), "x", true, []string{"go test -update creates it"}},
	} {
		r := &recorder{TB: t}
		r.run(tc.path, tc.got)
		if r.failed != tc.fail {
			t.Errorf("%s: failed = %v, want %v (%s)", tc.name, r.failed, tc.fail, r.msg)
		}
		for _, w := range tc.wants {
			if !strings.Contains(r.msg, w) {
				t.Errorf("%s: message lacks %q:\n%s", tc.name, w, r.msg)
			}
		}
	}
}

func TestUpdateRewrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "y.golden")
	*update = true
	defer func() { *update = false }()
	CheckString(t, path, "new\n")
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "new\n" {
		t.Fatalf("after -update the file holds %q, %v", b, err)
	}
	if !Update() {
		t.Error("Update() = false under -update")
	}
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
