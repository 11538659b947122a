package scenarios

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/outagesim/outagesim/reports/golden"
	"github.com/outagesim/outagesim/sim/model"
)

// small is a valid two-service scenario that the bad cases change.
const small = `description: small
start: 2022-08-01 00:00
horizon: 1w
nations:
  england:
    demand: {calls_per_day: 1000}
    dispositions: {ed: 20%, self_care: 80%}
    defaults:
      advisers: {occupancy: 90%}
      handle: {dist: lognormal, mean: 10m, cv: 0.5}
    services:
      a: {share: 60%, systems: adastra}
      b: {share: 40%, systems: other-cms}
`

// badCases are malformed scenarios, each with the error it must produce:
// position, field path and what is allowed.
var badCases = []struct {
	name  string
	files map[string]string // the case's files; main.yaml is loaded
	want  []string          // substrings of one error line
}{
	// A tab where YAML wants spaces: the parser's error, with its line.
	{"syntax", map[string]string{"main.yaml": "description: x\nnations:\n\tengland: {}\n"},
		[]string{"main.yaml:3:1: ", "YAML syntax"}},
	// A misspelt field is an error, listing the fields allowed there.
	{"unknown field", map[string]string{"main.yaml": strings.Replace(small, "handle:", "handel:", 1)},
		[]string{"main.yaml:10:7: ", "nations.england.defaults.handel", `unknown field "handel"`, "allowed: systems, route_systems, advisers, handle"}},
	// A list where a number belongs.
	{"wrong type", map[string]string{"main.yaml": strings.Replace(small, "calls_per_day: 1000", "calls_per_day: [1000]", 1)},
		[]string{"main.yaml:6:29: ", "nations.england.demand.calls_per_day", "want a number, got a list"}},
	// "minutes" is not a unit.
	{"bad duration", map[string]string{"main.yaml": strings.Replace(small, "mean: 10m", "mean: 10 minutes", 1)},
		[]string{"main.yaml:10:39: ", "nations.england.defaults.handle.mean", `unknown unit "minutes"`, "allowed: a duration"}},
	// 30 February does not exist.
	{"bad date", map[string]string{"main.yaml": strings.Replace(small, "2022-08-01 00:00", "2022-02-30 07:00", 1)},
		[]string{"main.yaml:2:8: ", "start:", "is not a date-time", "allowed: a local date-time YYYY-MM-DD HH:MM"}},
	// Dispositions must sum to 100%.
	{"probabilities", map[string]string{"main.yaml": strings.Replace(small, "self_care: 80%", "self_care: 70%", 1)},
		[]string{"main.yaml:7:19: ", "nations.england.dispositions", "sum to 90%", "allowed: probabilities summing to 100%"}},
	// The failed system must be one some service uses.
	{"unknown system", map[string]string{"main.yaml": small + "outage:\n  systems: [adastr]\n  start: +2d\n"},
		[]string{"main.yaml:15:13: ", "outage.systems[0]", `unknown system "adastr"`, "allowed: adastra, other-cms"}},
	// A wave must name a service that exists.
	{"unknown service", map[string]string{"main.yaml": small + "outage:\n  systems: [adastra]\n  start: +2d\n  waves:\n    - {at: +1d, services: [a, c], fraction: 100%}\n"},
		[]string{"main.yaml:18:31: ", "outage.waves[0].services[1]", `unknown service "c"`, "allowed: a, b, ooh:england"}},
	// Shares cannot be negative.
	{"negative share", map[string]string{"main.yaml": strings.Replace(small, "share: 40%", "share: -40%", 1)},
		[]string{"main.yaml:13:18: ", "nations.england.services.b.share", "outside 0–1", "allowed: a number from 0 to 1 or a percentage"}},
	// a extends b extends a.
	{"extends cycle", map[string]string{"main.yaml": "extends: b.yaml\n", "b.yaml": "extends: main.yaml\n"},
		[]string{"b.yaml:1:10: ", "extends", "cycle: main.yaml → b.yaml → main.yaml"}},
	// extends names nothing.
	{"extends missing", map[string]string{"main.yaml": "extends: baseline-2021\n"},
		[]string{"main.yaml:1:10: ", "extends", `"baseline-2021": no such scenario`, "allowed: adastra-2022"}},
	// An inherited field with a problem is reported where it is written.
	{"problem in base", map[string]string{"base.yaml": small, "main.yaml": "extends: base.yaml\nnations: {england: {services: {b: {share: 30%}}}}\n"},
		[]string{"main.yaml:2:31: ", "nations.england.services", "shares sum to 90%"}},
	// A closed route must say where patients go.
	{"closed route", map[string]string{"main.yaml": small + "outage:\n  systems: [adastra]\n  start: +2d\n  contingency: {routes: {gp_booking: {mode: closed}}}\n"},
		[]string{"main.yaml:17:38: ", "outage.contingency.routes.gp_booking.signpost_to", "allowed: gp_in_hours or ed"}},
	// A distribution with a parameter its family does not use.
	{"dist params", map[string]string{"main.yaml": strings.Replace(small, "{dist: lognormal, mean: 10m, cv: 0.5}", "{dist: exponential, mean: 10m, cv: 0.5}", 1)},
		[]string{"main.yaml:10:50: ", "nations.england.defaults.handle.cv", "not used by exponential (allowed: mean)"}},
	// The name becomes a folder and a file: no path may hide in it.
	{"name with a path", map[string]string{"main.yaml": small + "name: \"x/../../../../tmp/escape\"\n"},
		[]string{"main.yaml:14:7: ", "name", `"x/../../../../tmp/escape": want 1 to 64 letters, digits`}},
	// Nor a terminal escape: the message shows it quoted, not executed.
	{"name with an escape", map[string]string{"main.yaml": small + "name: \"\\e[2Jwiped\"\n"},
		[]string{"main.yaml:14:7: ", "name", `"\x1b[2Jwiped": want`}},
	// extends names a library scenario or a YAML file, nothing else.
	{"extends a system file", map[string]string{"main.yaml": "extends: /etc/passwd\n"},
		[]string{"main.yaml:1:10: ", "extends", `"/etc/passwd": not a scenario file`, "a path to a .yaml or .yml file"}},
	// A YAML file that is no scenario is refused whole, its keys unsaid.
	{"extends a foreign file", map[string]string{"main.yaml": "extends: secrets.yaml\n", "secrets.yaml": "root: hunter2\napi_key: s3cr3t\n"},
		[]string{"secrets.yaml:1:1: ", "not a scenario: none of its 2 top-level keys is a scenario field"}},
	{"not a mapping", map[string]string{"main.yaml": "extends: text.yaml\n", "text.yaml": "root:x:0:0:root:/root:/bin/bash\n"},
		[]string{"text.yaml:1:1: ", "not a scenario: want a mapping of fields at the top of the file, got a single value"}},
	// One extends, one document.
	{"extends twice", map[string]string{"main.yaml": "extends: baseline-2022\nextends: adastra-2022\n"},
		[]string{"main.yaml:2:1: ", "extends", "given twice"}},
	{"second document", map[string]string{"main.yaml": small + "---\nhorizon: 2w\n"},
		[]string{"main.yaml:15:1: ", "a second YAML document (allowed: one scenario per file"}},
	// Hanging up after 0 s and always redialling after 0 s never ends.
	{"zero-time redial loop", map[string]string{"main.yaml": strings.Replace(small, "      b: {share: 40%, systems: other-cms}",
		"      b: {share: 40%, systems: other-cms, patience: {dist: fixed, value: 0s}, redial: {prob: 100%, delay: {dist: fixed, value: 0s}}}", 1)},
		[]string{"main.yaml:13:94: ", "nations.england.services.b.redial.prob", "at the same instant for ever"}},
	// Replications are capped.
	{"replications cap", map[string]string{"main.yaml": small + "replications: 1000000000\n"},
		[]string{"main.yaml:14:15: ", "replications", "1000000000: want 1 to 10000"}},
	// The model's rules come back on the file's fields: its horizon is
	// the file's end.
	{"end before start", map[string]string{"main.yaml": strings.Replace(small, "horizon: 1w", "end: 2022-07-01 00:00", 1)},
		[]string{"main.yaml:3:6: ", "end", "the run ends at 2022-07-01 00:00, not after it starts"}},
	// Staffing inherited from the defaults is reported where it is written.
	{"hour of week", map[string]string{"main.yaml": strings.Replace(small, "{occupancy: 90%}", "{hour_of_week: [1, 2, 3]}", 1)},
		[]string{"main.yaml:9:32: ", "nations.england.defaults.advisers.hour_of_week", "3 values (allowed: 168"}},
	// Outage references and times, each on its own field.
	{"outage rules", map[string]string{"main.yaml": small + "outage:\n  systems: [adastra]\n  start: +1d\n" +
		"  contingency: {mutual_aid: [{from: a, to: a, share: 10%}]}\n" +
		"  waves:\n    - {at: +2d, services: [a], fraction: 50%}\n    - {at: +1d, services: [a], fraction: 60%}\n"},
		[]string{"main.yaml:17:44: ", "outage.contingency.mutual_aid[0].to", "diverts to itself"}},
}

func TestBadScenarios(t *testing.T) {
	var all strings.Builder
	for _, c := range badCases {
		fsys := fstest.MapFS{}
		for name, text := range c.files {
			fsys[name] = &fstest.MapFile{Data: []byte(text)}
		}
		_, err := LoadFS(fsys, "main.yaml")
		var errs Errors
		if !errors.As(err, &errs) {
			t.Errorf("%s: got %v, want Errors", c.name, err)
			continue
		}
		all.WriteString("# " + c.name + "\n" + errs.Error() + "\n")
		found := false
		for _, e := range errs {
			line := e.Error()
			ok := true
			for _, w := range c.want {
				ok = ok && strings.Contains(line, w)
			}
			found = found || ok
		}
		if !found {
			t.Errorf("%s: no error line contains all of %q; got:\n%v", c.name, c.want, err)
		}
	}
	golden.CheckString(t, filepath.Join("testdata", "errors.golden"), all.String())
}

// TestAllProblemsAtOnce checks that one pass reports every problem.
func TestAllProblemsAtOnce(t *testing.T) {
	bad := strings.NewReplacer("calls_per_day: 1000", "calls_per_day: lots", "self_care: 80%", "self_care: 8O%",
		"horizon: 1w", "horizon: 1y", "handle:", "handel:").Replace(small)
	_, err := Parse("many.yaml", []byte(bad))
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("got %v", err)
	}
	for _, path := range []string{"horizon", "nations.england.demand.calls_per_day", "nations.england.dispositions.self_care", "nations.england.defaults.handel"} {
		found := false
		for _, e := range errs {
			found = found || e.Path == path
		}
		if !found {
			t.Errorf("no error for %s in:\n%v", path, err)
		}
	}
	for i := 1; i < len(errs); i++ {
		if errs[i].Line < errs[i-1].Line {
			t.Errorf("errors not sorted by line:\n%v", err)
		}
	}
}

// TestModelErrorPaths checks that the model's own errors are placed on
// the file's fields through the origins the builder recorded: renamed
// fields, fields inherited from defaults, and paths the file spells
// differently (end for horizon).
func TestModelErrorPaths(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		errs       model.Errors
		want       []string
	}{
		{"small", small, model.Errors{
			// redial_prob is redial.prob in a file.
			{Path: "services[1].redial_prob", Msg: "bad"},
			// A disposition by name, under a nation.
			{Path: "nations[0].dispositions.gp_in_hours", Msg: "bad"},
			// The shares of a nation's services.
			{Path: "nations[0].services", Msg: "bad"},
			// handle is inherited from the nation's defaults.
			{Path: "services[0].handle.cv", Msg: "bad"},
			// The service's name is its key.
			{Path: "services[0].name", Msg: "bad"},
			{Path: "horizon", Msg: "bad"},
		}, []string{
			"small.yaml:3:10: horizon: bad",
			// A field the file leaves out is placed on its parent's value.
			"small.yaml:7:19: nations.england.dispositions.gp_in_hours: bad",
			"small.yaml:10:48: nations.england.defaults.handle.cv: bad",
			"small.yaml:12:7: nations.england.services: bad",
			"small.yaml:12:10: nations.england.services.a: bad",
			"small.yaml:13:10: nations.england.services.b.redial.prob: bad",
		}},
		{"end", strings.Replace(small, "horizon: 1w", "end: 2022-08-08 00:00", 1), model.Errors{
			// The model's horizon is the file's end.
			{Path: "horizon", Msg: "bad"},
		}, []string{"small.yaml:3:6: end: bad"}},
	} {
		s, err := Parse("small.yaml", []byte(tc.text))
		if err != nil {
			t.Fatal(err)
		}
		b := newBuilder(s, nil)
		b.build()
		b.errs = nil
		b.place(tc.errs)
		var got []string
		for _, e := range b.errs.sorted() {
			got = append(got, e.Error())
		}
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s: got\n%s\nwant\n%s", tc.name, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}
}
