package scenarios

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"
)

// TestSchemaUpToDate checks the committed outagesim.schema.json against
// Schema(); go test ./scenarios -update rewrites it.
func TestSchemaUpToDate(t *testing.T) {
	got := Schema()
	if !bytes.Equal(got, Schema()) {
		t.Fatal("Schema() differs between calls")
	}
	var v map[string]any
	if err := json.Unmarshal(got, &v); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, filepath.Join(".", "outagesim.schema.json"), string(got))
}
