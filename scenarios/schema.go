package scenarios

import (
	"bytes"
	"encoding/json"
	"reflect"

	"github.com/invopop/jsonschema"
)

// SchemaID is the $id of the scenario JSON Schema: the committed
// scenarios/outagesim.schema.json as served from the main branch, so that
// editors and validators can fetch it by this address.
const SchemaID = "https://raw.githubusercontent.com/outagesim/outagesim/main/scenarios/outagesim.schema.json"

// Schema returns the JSON Schema of scenario files, generated from the
// types, so that editors (e.g. with the YAML language server's
// "# yaml-language-server: $schema=..." comment) can complete and check
// them. The output is the same on every call. The schema checks shapes and
// names only; Parse does the full checks.
func Schema() []byte {
	r := &jsonschema.Reflector{
		FieldNameTag:               "yaml",
		RequiredFromJSONSchemaTags: true,
		Namer:                      func(t reflect.Type) string { return t.Name() },
	}
	s := r.Reflect(&Scenario{})
	s.ID = SchemaID
	s.Title = "outagesim scenario"
	s.Description = "A scenario for outagesim: NHS 111 and urgent care during an IT outage. Field reference: docs/scenarios.md."
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		panic(err) // the schema is built from fixed types: a failure is a bug
	}
	return buf.Bytes()
}
