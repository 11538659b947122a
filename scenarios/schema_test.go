package scenarios

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/outagesim/outagesim/reports/golden"
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
	golden.Check(t, "outagesim.schema.json", got)
}
