package scenarios

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// compileSchema compiles Schema() with a maintained validator, as an
// editor or a CI step would.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(SchemaID)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return sch
}

// yamlToJSON turns a YAML document into the JSON value an editor's YAML
// language server validates (YAML 1.2 core schema: timestamps are text).
func yamlToJSON(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return yamlToJSON(n.Content[0])
	case yaml.AliasNode:
		return yamlToJSON(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := yamlToJSON(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			v, err := yamlToJSON(c)
			if err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		return l, nil
	}
	switch n.Tag {
	case "!!null":
		return nil, nil
	case "!!bool":
		return strconv.ParseBool(strings.ToLower(n.Value))
	case "!!int", "!!float":
		v, ok := number(n)
		if !ok {
			return nil, fmt.Errorf("%q: no JSON number", n.Value)
		}
		return json.Number(strconv.FormatFloat(v, 'g', -1, 64)), nil
	}
	return n.Value, nil
}

// schemaAccepts validates a YAML file against the schema.
func schemaAccepts(t *testing.T, sch *jsonschema.Schema, data []byte) error {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("YAML: %v", err)
	}
	v, err := yamlToJSON(&doc)
	if err != nil {
		t.Fatal(err)
	}
	// Through JSON text, as the validator expects its values.
	text, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(inst)
}

// loaderAccepts is what "outagesim validate" decides.
func loaderAccepts(name string, data []byte) error {
	s, err := Parse(name, data)
	if err != nil {
		return err
	}
	_, err = s.Config()
	return err
}

// TestSchemaAgreesWithLibrary: every library scenario passes both, and
// starts with the modeline that points editors at the schema.
func TestSchemaAgreesWithLibrary(t *testing.T) {
	sch := compileSchema(t)
	files, _ := fs.Glob(Library(), "*.yaml")
	for _, f := range files {
		data, _ := fs.ReadFile(Library(), f)
		if err := schemaAccepts(t, sch, data); err != nil {
			t.Errorf("%s: the schema rejects a library scenario: %v", f, err)
		}
		if err := loaderAccepts(f, data); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		if !bytes.HasPrefix(data, []byte(Modeline+"\n")) {
			t.Errorf("%s does not start with %q", f, Modeline)
		}
	}
}

// erlangC is a whole scenario, extending nothing, for edge cases in the
// fields every file must have.
const erlangC = `description: Erlang C
seed: 1
replications: 2
start: 2022-07-04 00:00
horizon: 2d
nations:
  england:
    demand: {flat: true, calls_per_day: 4800}
    dispositions: {self_care: 100%}
    services:
      queue:
        share: 100%
        advisers: {fixed: 14}
        handle: {dist: exponential, mean: 3m}
`

// TestSchemaAgreesWithLoader runs the schema and the loader over edge
// cases of each field's form and range: they must agree on every one.
// Each case is a whole file; "ext:NAME" abbreviates "extends: NAME" plus
// the fields, and "c:" replaces lines of erlangC.
func TestSchemaAgreesWithLoader(t *testing.T) {
	sch := compileSchema(t)
	c := func(old, new string) string {
		if !strings.Contains(erlangC, old) {
			t.Fatalf("erlangC has no %q", old)
		}
		return strings.Replace(erlangC, old, new, 1)
	}
	ext := func(base, fields string) string {
		return "description: a variant\nextends: " + base + "\n" + fields + "\n"
	}
	for _, tc := range []struct {
		name string
		file string
		ok   bool
	}{
		{"the base", erlangC, true},
		// The cases.
		{"outage: null removes the outage", ext("adastra-2022", "outage: null"), true},
		{"outage: with nothing", ext("adastra-2022", "outage:"), true},
		{"90 m", ext("textbook-erlang-c", "answer_target: 90 m"), true},
		{"2022-08-04 7:00", c("start: 2022-07-04 00:00", "start: 2022-08-04 7:00"), true},
		{"120%", ext("adastra-2022", "outage: {unhandled_loss: 120%}"), false},
		{"seed: -1", c("seed: 1", "seed: -1"), false},
		{"replications: 0", c("replications: 2", "replications: 0"), false},
		{"mon: -1", ext("baseline-2022", "nations: {england: {demand: {day_of_week: {mon: -1}}}}"), false},
		{"0.5.5h", ext("textbook-erlang-c", "answer_target: 0.5.5h"), false},
		{"no start", c("start: 2022-07-04 00:00\n", ""), false},
		// Required fields: only in a file that extends nothing.
		{"start: null", c("start: 2022-07-04 00:00", "start: null"), false},
		{"a variant need not repeat start", ext("textbook-erlang-c", "seed: 2"), true},
		{"no end or horizon", c("horizon: 2d\n", ""), false},
		{"end instead of horizon", c("horizon: 2d", "end: 2022-07-06 00:00"), true},
		{"end and horizon", c("horizon: 2d", "horizon: 2d\nend: 2022-07-06 00:00"), false},
		{"a variant swaps horizon for end", ext("textbook-erlang-c", "horizon: null\nend: 2022-07-06 00:00"), true},
		{"no nations", c("nations:", "nations_:"), false},
		{"nations: {}", ext("textbook-erlang-c", "nations: {}"), true},
		{"unknown field", c("seed: 1", "sead: 1"), false},
		// Durations.
		{"1h 30m", ext("textbook-erlang-c", "answer_target: 1h 30m"), true},
		{"1.5h", ext("textbook-erlang-c", "answer_target: 1.5h"), true},
		{".5h", ext("textbook-erlang-c", "answer_target: .5h"), true},
		{"a bare number is seconds", ext("textbook-erlang-c", "answer_target: 90"), true},
		{"quoted seconds", ext("textbook-erlang-c", `answer_target: "90"`), true},
		{"1e3 as a number", ext("textbook-erlang-c", "answer_target: 1e3"), true},
		{"1e3 as text", ext("textbook-erlang-c", `answer_target: "1e3"`), false},
		{"negative", ext("textbook-erlang-c", "answer_target: -5m"), false},
		{"a negative number", ext("textbook-erlang-c", "answer_target: -5"), false},
		{"unknown unit", ext("textbook-erlang-c", "answer_target: 3y"), false},
		{"two units together", ext("textbook-erlang-c", "answer_target: 3hm"), false},
		{"horizon 0s", ext("textbook-erlang-c", "horizon: 0s"), false},
		{"horizon 0", ext("textbook-erlang-c", "horizon: 0"), false},
		{"horizon 0.5d", ext("textbook-erlang-c", "horizon: 0.5d"), true},
		// Probabilities.
		{"100%", ext("adastra-2022", "outage: {unhandled_loss: 100%}"), true},
		{"99.5 %", ext("adastra-2022", "outage: {unhandled_loss: 99.5 %}"), true},
		{"0.43", ext("adastra-2022", "outage: {unhandled_loss: 0.43}"), true},
		{"0.43 as text", ext("adastra-2022", `outage: {unhandled_loss: "0.43"}`), true},
		{"1.5", ext("adastra-2022", "outage: {unhandled_loss: 1.5}"), false},
		{"1.5 as text", ext("adastra-2022", `outage: {unhandled_loss: "1.5"}`), false},
		{"-0%", ext("adastra-2022", "outage: {unhandled_loss: -0%}"), false},
		{"1e1%", ext("adastra-2022", "outage: {unhandled_loss: 1e1%}"), false},
		{"100.5%", ext("adastra-2022", "outage: {unhandled_loss: 100.5%}"), false},
		{"occupancy 0%", ext("textbook-erlang-c", "nations: {england: {services: {queue: {advisers: {fixed: null, occupancy: 0%}}}}}"), false},
		{"occupancy 85%", ext("textbook-erlang-c", "nations: {england: {services: {queue: {advisers: {fixed: null, occupancy: 85%}}}}}"), true},
		// Date-times.
		{"2024-02-29", c("start: 2022-07-04 00:00", "start: 2024-02-29"), true},
		{"2022-02-29", c("start: 2022-07-04 00:00", "start: 2022-02-29"), false},
		{"2022-04-31", c("start: 2022-07-04 00:00", "start: 2022-04-31"), false},
		{"T as separator", c("start: 2022-07-04 00:00", "start: 2022-07-04T09:30"), true},
		{"24:00", c("start: 2022-07-04 00:00", "start: 2022-07-04 24:00"), false},
		{"seconds", c("start: 2022-07-04 00:00", "start: 2022-07-04 00:00:00"), false},
		{"8-4", c("start: 2022-07-04 00:00", "start: 2022-7-04 00:00"), false},
		{"an offset", ext("adastra-2022", "outage: {start: +3d}"), true},
		{"an offset with a space", ext("adastra-2022", "outage: {start: + 3d}"), true},
		{"a bad offset", ext("adastra-2022", "outage: {start: +soon}"), false},
		// Whole numbers and ranges.
		{"seed: 0", c("seed: 1", "seed: 0"), true},
		{"replications: 10000", c("replications: 2", "replications: 10000"), true},
		{"replications: 10001", c("replications: 2", "replications: 10001"), false},
		{"advisers: -1", c("advisers: {fixed: 14}", "advisers: {fixed: -1}"), false},
		{"advisers: 14.0", c("advisers: {fixed: 14}", "advisers: {fixed: 14.0}"), true},
		{"advisers: 14.5", c("advisers: {fixed: 14}", "advisers: {fixed: 14.5}"), false},
		{"advisers: 2^31", c("advisers: {fixed: 14}", "advisers: {fixed: 2147483648}"), false},
		{"advisers: \"14\"", c("advisers: {fixed: 14}", `advisers: {fixed: "14"}`), false},
		{"replications: 1e1", c("replications: 2", "replications: 1e1"), true},
		{"seed: 2.0", c("seed: 1", "seed: 2.0"), true},
		{"seed: 2.5", c("seed: 1", "seed: 2.5"), false},
		{"mon: 0", ext("baseline-2022", "nations: {england: {demand: {day_of_week: {mon: 0}}}}"), false},
		{"mon: 1.1", ext("baseline-2022", "nations: {england: {demand: {day_of_week: {mon: 1.1}}}}"), true},
		{"staff_factor: 0", ext("adastra-2022", "outage: {contingency: {staff_factor: 0}}"), false},
		{"calls_per_day: -1", c("calls_per_day: 4800", "calls_per_day: -1"), false},
		{"cv: 0", c("handle: {dist: exponential, mean: 3m}", "handle: {dist: lognormal, mean: 3m, cv: 0}"), false},
		{"cv: 0.5", c("handle: {dist: exponential, mean: 3m}", "handle: {dist: lognormal, mean: 3m, cv: 0.5}"), true},
		{"23 hour shares", ext("baseline-2022", "nations: {england: {demand: {hour_share_weekday: ["+strings.Repeat("1, ", 22)+"1]}}}"), false},
		{"24 hour shares", ext("baseline-2022", "nations: {england: {demand: {hour_share_weekday: ["+strings.Repeat("1, ", 23)+"1]}}}"), true},
		{"a null hour share is 0", ext("baseline-2022", "nations: {england: {demand: {hour_share_weekday: [null, "+strings.Repeat("1, ", 22)+"1]}}}"), true},
		{"all hour shares 0", ext("baseline-2022", "nations: {england: {demand: {hour_share_weekday: ["+strings.Repeat("0, ", 23)+"0]}}}"), false},
		{"a date override", ext("baseline-2022", `nations: {england: {demand: {date_overrides: {"2022-08-29": 1.2}}}}`), true},
		{"a bad date override", ext("baseline-2022", `nations: {england: {demand: {date_overrides: {"2022-13-01": 1.2}}}}`), false},
		{"a negative date override", ext("baseline-2022", `nations: {england: {demand: {date_overrides: {"2022-08-29": -1}}}}`), false},
		// Text.
		{"a safe name", c("seed: 1", "seed: 1\nname: my.variant_2"), true},
		{"a name with a space", c("seed: 1", "seed: 1\nname: my variant"), false},
		{"a two-line description", c("description: Erlang C", `description: "Erlang\nC"`), false},
		{"mode: manual", ext("adastra-2022", "outage: {contingency: {routes: {all: {mode: manual}}}}"), true},
		{"mode: paper", ext("adastra-2022", "outage: {contingency: {routes: {all: {mode: paper}}}}"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.file)
			serr := schemaAccepts(t, sch, data)
			lerr := loaderAccepts("case.yaml", data)
			if (serr == nil) != tc.ok || (lerr == nil) != tc.ok {
				t.Errorf("want ok=%v; schema: %v\nloader: %v\nfile:\n%s", tc.ok, serr, lerr, tc.file)
			}
		})
	}
}
