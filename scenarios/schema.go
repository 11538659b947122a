package scenarios

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strconv"

	"github.com/invopop/jsonschema"
)

// SchemaID is the $id of the scenario JSON Schema: the committed
// scenarios/outagesim.schema.json as served from the main branch, so that
// editors and validators can fetch it by this address.
const SchemaID = "https://raw.githubusercontent.com/outagesim/outagesim/main/scenarios/outagesim.schema.json"

// Schema returns the JSON Schema of scenario files, generated from the
// types, so that editors (e.g. with the YAML language server's
// "# yaml-language-server: $schema=..." comment) can complete and check
// them. The output is the same on every call.
//
// The schema accepts what the loader accepts, field by field: the same
// patterns for durations, probabilities and date-times, the same ranges
// for numbers, null for any field (null means "not given"). It cannot see
// across fields or files, so sums to 100%, names that must exist, time
// order and what a file inherits through extends are left to the loader;
// start, nations and end or horizon are required only in a file that
// extends nothing. schema_test.go runs a JSON Schema validator beside the
// loader over the library and a table of edge cases to keep them agreeing.
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
	refine(s.Definitions)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		panic(err) // the schema is built from fixed types: a failure is a bug
	}
	return buf.Bytes()
}

// Ranges of numbers, as the loader checks them.
var (
	atLeastZero  = func(p *jsonschema.Schema) { p.Minimum = "0" }
	aboveZero    = func(p *jsonschema.Schema) { p.ExclusiveMinimum = "0" }
	itemsAtLeast = func(p *jsonschema.Schema) { p.Items.Minimum = "0" }
)

// exactly fixes the length of a list.
func exactly(n uint64) func(*jsonschema.Schema) {
	return func(p *jsonschema.Schema) { p.MinItems, p.MaxItems = &n, &n }
}

// notZero excludes 0 from a duration or probability, given as a number or
// as text (which must then have a non-zero digit).
func notZero(p *jsonschema.Schema) {
	p.AllOf = append(p.AllOf, &jsonschema.Schema{AnyOf: []*jsonschema.Schema{
		{Type: "number", ExclusiveMinimum: "0"},
		{Type: "string", Pattern: "[1-9]"},
	}})
}

// constraints are the loader's checks on single fields that the types do
// not carry, by definition and property.
var constraints = map[string]map[string][]func(*jsonschema.Schema){
	"Scenario": {
		"seed":         {atLeastZero},
		"replications": {func(p *jsonschema.Schema) { p.Minimum, p.Maximum = "1", json.Number(strconv.Itoa(MaxReplications)) }},
		"name": {func(p *jsonschema.Schema) {
			n := uint64(MaxNameLength)
			p.Pattern, p.MaxLength = namePattern.String(), &n
		}},
		// One line of printable text: no C0 or C1 control characters.
		"description": {func(p *jsonschema.Schema) { p.Pattern = "^[^\u0000-\u001f\u007f-\u009f]*$" }},
		"horizon":     {notZero},
	},
	"Demand": {
		"calls_per_day":      {atLeastZero},
		"bank_holiday":       {aboveZero},
		"hour_share_weekday": {exactly(24), itemsAtLeast, someAboveZero},
		"hour_share_weekend": {exactly(24), itemsAtLeast, someAboveZero},
		"date_overrides": {func(p *jsonschema.Schema) {
			p.PropertyNames = &jsonschema.Schema{Pattern: "^" + dateText + "$"}
			p.AdditionalProperties.Minimum = "0"
		}},
	},
	"Staffing": {
		"hour_of_week": {exactly(168)},
		"factor":       {atLeastZero},
		"occupancy":    {notZero},
	},
	"GP":          {"same_day_capacity": {atLeastZero}, "baseline_demand": {atLeastZero}},
	"Surge":       {"factor": {atLeastZero}},
	"Contingency": {"handle_factor": {aboveZero}, "consult_factor": {aboveZero}, "staff_factor": {aboveZero}},
	"BackEntry":   {"days": {atLeastZero}},
	"Dist":        {"cv": {aboveZero}, "shape": {aboveZero}, "weights": {itemsAtLeast}},
}

// someAboveZero: weights with a positive sum.
func someAboveZero(p *jsonschema.Schema) {
	p.Contains = &jsonschema.Schema{Type: "number", ExclusiveMinimum: "0"}
}

// refine adds to the reflected definitions what the loader checks on
// single fields, lets every field be null, and requires the top-level
// fields in a file that extends nothing.
func refine(defs jsonschema.Definitions) {
	for name, def := range defs {
		for _, obj := range objects(def) {
			for pair := obj.Properties.Oldest(); pair != nil; pair = pair.Next() {
				p := pair.Value
				wholeNumbers(p, name == "Scenario" && pair.Key == "seed")
				for _, f := range constraints[name][pair.Key] {
					f(p)
				}
				nullableParts(p)
				pair.Value = nullable(p)
			}
		}
	}
	for _, name := range []string{"DayOfWeek", "Months"} {
		for pair := defs[name].Properties.Oldest(); pair != nil; pair = pair.Next() {
			pair.Value.AnyOf[0].ExclusiveMinimum = "0"
		}
	}
	top := defs["Scenario"]
	notNull := &jsonschema.Schema{Not: &jsonschema.Schema{Type: "null"}}
	given := func(keys ...string) *jsonschema.Schema {
		s := &jsonschema.Schema{Required: keys, Properties: jsonschema.NewProperties()}
		for _, k := range keys {
			s.Properties.Set(k, notNull)
		}
		return s
	}
	one := uint64(1)
	nations := given("start", "nations")
	nations.Properties.Set("nations", &jsonschema.Schema{Not: &jsonschema.Schema{Type: "null"}, MinProperties: &one})
	top.If = given("extends")
	top.Else = &jsonschema.Schema{AllOf: []*jsonschema.Schema{
		nations,
		{AnyOf: []*jsonschema.Schema{given("end"), given("horizon")}},
	}}
	top.Not = given("end", "horizon")
}

// objects returns def itself, or its alternatives that are objects (a
// distribution is a mapping or a single duration).
func objects(def *jsonschema.Schema) []*jsonschema.Schema {
	var out []*jsonschema.Schema
	for _, s := range append([]*jsonschema.Schema{def}, def.OneOf...) {
		if s.Properties != nil {
			out = append(out, s)
		}
	}
	return out
}

// wholeNumbers gives integers the decoder's range: 0 up to 2³¹−1 (any
// size for the seed).
func wholeNumbers(p *jsonschema.Schema, seed bool) {
	for _, s := range []*jsonschema.Schema{p, p.Items} {
		if s != nil && s.Type == "integer" {
			s.Minimum = "0"
			if !seed {
				s.Maximum = json.Number(strconv.Itoa(math.MaxInt32))
			}
		}
	}
}

// nullableParts lets list items and mapping values of numbers be null,
// which the loader reads as 0.
func nullableParts(p *jsonschema.Schema) {
	if p.Items != nil && (p.Items.Type == "number" || p.Items.Type == "integer") {
		p.Items = nullable(p.Items)
	}
	if a := p.AdditionalProperties; a != nil && a.Type == "number" {
		p.AdditionalProperties = nullable(a)
	}
}

// nullable is p or null; the description stays outside, where editors
// look for it.
func nullable(p *jsonschema.Schema) *jsonschema.Schema {
	inner := *p
	inner.Description = ""
	return &jsonschema.Schema{Description: p.Description, AnyOf: []*jsonschema.Schema{&inner, {Type: "null"}}}
}
