package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	udiff "github.com/aymanbagabas/go-udiff"
)

// update is the one -update flag of every test binary that imports golden.
var update = flag.Bool("update", false, "rewrite the golden files instead of comparing with them")

// Update reports whether the test run was asked to rewrite golden files
// (go test -update), for tests that keep their reference somewhere Check
// cannot, such as a section of a document.
func Update() bool { return *update }

// Check compares got with the golden file at path (relative to the test's
// package folder, usually under testdata/). Under -update it writes got to
// path instead, creating the folder if needed. A mismatch fails the test
// with a unified diff; a missing file fails it with a hint to run -update.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it; read the diff first):\n%s",
			path, Diff(path, string(want), string(got)))
	}
}

// CheckString is Check for text.
func CheckString(t testing.TB, path, got string) {
	t.Helper()
	Check(t, path, []byte(got))
}

// Diff is the unified diff from want (the golden file at path) to got.
func Diff(path, want, got string) string {
	return udiff.Unified(path+" (want)", "got", want, got)
}
