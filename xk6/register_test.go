package xk6

import (
	"testing"

	"go.k6.io/k6/ext"
)

// TestRegistered: importing the package registers the JS module, which is
// what `k6 version` lists.
func TestRegistered(t *testing.T) {
	e, ok := ext.Get(ext.JSExtension)[ImportPath]
	if !ok {
		t.Fatalf("%s is not registered", ImportPath)
	}
	if e.Path != "github.com/outagesim/outagesim/xk6/outagesim" {
		t.Errorf("registered from %q", e.Path)
	}
}
