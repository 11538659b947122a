package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const varyScenario = `extends: textbook-erlang-a
horizon: 1d # assumption [E]
nations:
  england:
    lost_referral_wait: 12h # assumption [E]
    gp:
      triage_minutes: 5 # assumption [E]
      appointment_share: 44% # assumption [E]
    abandon_to: {gp_in_hours: 40%, ed: 15%, ambulance: 3%, self_care: 42%} # assumption [E]
    defaults:
      redial: {prob: 30%, delay: {dist: exponential, mean: 15m}} # assumption [E]
      systems: adastra # assumption [E]
    services:
      queue:
        handle: {dist: uniform, min: 2m, max: 4m} # assumption [E]
        patience: {dist: exponential, mean: 5m} # sourced, not an assumption
outage:
  systems: [adastra]
  start: 2022-07-04 07:00 # assumption [E]
  contingency:
    handle_factor: 1.4 # a factor; assumption [E]
`

// loadVaryScenario writes varyScenario to a file, for the overrides to
// load again, and loads it.
func loadVaryScenario(t *testing.T) (string, *Scenario) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "vary.yaml")
	if err := os.WriteFile(path, []byte(varyScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, s
}

func TestVariablesFindAndVaryTheMarkedNumbers(t *testing.T) {
	path, s := loadVaryScenario(t)
	vars, skipped := s.Variables("assumption [E]", false)
	byPath := map[string]Variable{}
	for _, v := range vars {
		byPath[v.Path] = v
	}
	for _, tc := range []struct {
		path string
		kind VarKind
		base float64
		// low is the override for 75% of the base, as -set takes it.
		low string
	}{
		{"nations.england.lost_referral_wait", VarDuration, 43200, "nations.england.lost_referral_wait=9h"},
		{"outage.contingency.handle_factor", VarNumber, 1.4, "outage.contingency.handle_factor=1.05"},
		{"nations.england.gp.triage_minutes", VarCount, 5, "nations.england.gp.triage_minutes=3.75"},
		{"nations.england.gp.appointment_share", VarPercent, 44, "nations.england.gp.appointment_share=33%"},
		// A number inside a mapping is its own variable; so is a
		// distribution inside one, by its mean.
		{"nations.england.defaults.redial.prob", VarPercent, 30, "nations.england.defaults.redial.prob=22.5%"},
		{"nations.england.defaults.redial.delay", VarDistMean, 900, "nations.england.defaults.redial.delay={dist: exponential, mean: 675s}"},
		// A uniform distribution moves by its mean, both ends scaled.
		{"nations.england.services.queue.handle", VarDistMean, 180, "nations.england.services.queue.handle={dist: uniform, min: 90s, max: 3m}"},
	} {
		v, ok := byPath[tc.path]
		if !ok {
			t.Errorf("%s: not found among %d variables", tc.path, len(vars))
			continue
		}
		if v.Kind != tc.kind || v.Base != tc.base {
			t.Errorf("%s: %s %v, want %s %v", tc.path, v.Kind, v.Base, tc.kind, tc.base)
		}
		if got := v.Override(v.Base * 0.75); got != tc.low {
			t.Errorf("%s: override %q, want %q", tc.path, got, tc.low)
		}
		// The override loads: the path exists and the value is allowed.
		if _, err := LoadWith(path, []string{v.Override(v.Base * 0.75)}); err != nil {
			t.Errorf("%s: override does not load: %v", tc.path, err)
		}
	}
	if _, ok := byPath["nations.england.services.queue.patience"]; ok {
		t.Error("an unmarked value was varied")
	}
	if len(vars) != 7 {
		t.Errorf("%d variables, want 7", len(vars))
	}
	why := map[string]string{}
	for _, u := range skipped {
		why[u.Path] = u.Reason
	}
	for path, reason := range map[string]string{
		"horizon":                          "run setting",
		"nations.england.abandon_to":       "mix of shares",
		"nations.england.defaults.systems": "a name",
		"outage.start":                     "a date",
	} {
		if !strings.Contains(why[path], reason) {
			t.Errorf("%s: skipped for %q, want %q", path, why[path], reason)
		}
	}
}

func TestVariableParseKeepsNaturalBounds(t *testing.T) {
	pct := Variable{Path: "p", Kind: VarPercent, Min: 0, Max: 100}
	dur := Variable{Path: "d", Kind: VarDuration, Min: 0, Max: 1e300}
	count := Variable{Path: "c", Kind: VarCount, Min: 0, Max: 1e300}
	for _, tc := range []struct {
		v    Variable
		in   string
		want float64
		err  string
	}{
		{pct, "40%", 40, ""},
		{pct, "120%", 0, "percentage"}, // beyond 100%
		{pct, "0.4", 0, "percentage"},  // a percentage must say %
		{dur, "90m", 5400, ""},
		{dur, "soon", 0, "not a duration"},
		{count, "12", 12, ""},
		{count, "2.5", 0, "whole number"},
		{count, "-1", 0, "natural bounds"},
	} {
		got, err := tc.v.Parse(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s %q: error %v, want %q", tc.v.Kind, tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s %q: %v %v, want %v", tc.v.Kind, tc.in, got, err, tc.want)
		}
	}
}

// With mixes, each share of a mix moves and the others make room in
// proportion, so the mix still sums to 100% and loads.
func TestVariablesMixes(t *testing.T) {
	path, s := loadVaryScenario(t)
	vars, _ := s.Variables("assumption [E]", true)
	var ed *Variable
	for i := range vars {
		if vars[i].Path == "nations.england.abandon_to.ed" {
			ed = &vars[i]
		}
	}
	if ed == nil || ed.Kind != VarShare || ed.Base != 15 {
		t.Fatalf("abandon_to.ed: %+v", ed)
	}
	// ed 15% → 20%: the other 85% become 80%, each × 80/85.
	want := "nations.england.abandon_to={gp_in_hours: 37.64705882%, ed: 20%, ambulance: 2.823529412%, self_care: 39.52941176%}"
	if got := ed.Override(20); got != want {
		t.Errorf("override %q, want %q", got, want)
	}
	if _, err := LoadWith(path, []string{ed.Override(20)}); err != nil {
		t.Errorf("override does not load: %v", err)
	}
}
