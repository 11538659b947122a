// Package golden compares a test's output with a golden file and, under
// the one -update flag, rewrites the file instead. On a mismatch it shows a
// unified diff (want → got) from github.com/aymanbagabas/go-udiff, so a
// reviewer sees the changed lines rather than two whole blobs.
//
// It is a test helper: only _test.go files may import it, which keeps it out
// of every production build, so the one-way import graph (cmd →
// reports/scenarios → sim) is unchanged even when a test in sim or
// scenarios uses it. It imports nothing from this module, so no import of it
// can make a cycle. It is not an internal package because the tests of
// every top-level package need it, and an internal directory at the root
// would add a folder to the fixed top-level layout. It lives under reports,
// the layer that writes files, because it reads and writes files itself,
// which sim must not.
package golden
