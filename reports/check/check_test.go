package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/golden"
	"github.com/outagesim/outagesim/reports/stats"
)

// hash stands for a scenario's SHA-256.
const hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

// agg builds an aggregate with one KPI per (nation, key, values) triple.
func agg(kpis ...reports.KPI) *reports.Aggregate {
	a := &reports.Aggregate{Scenario: "s", Seed: 1, Replications: 4}
	for _, k := range kpis {
		k.Outage, _ = stats.Summarise(k.Values)
		a.KPIs = append(a.KPIs, k)
	}
	return a
}

func entry(nation, key string, values ...float64) reports.KPI {
	return reports.KPI{Nation: nation, Key: key, Values: values}
}

func TestCompare(t *testing.T) {
	base := New(agg(
		entry("england", "answered_within_60s_pct", 43, 44, 42, 43),
		entry("england", "calls_offered", 1000, 1010, 990, 1000),
		entry("uk", "referrals_lost", 10, 12, 11, 11),
	), hash, "test", nil)
	for _, tc := range []struct {
		name string
		now  *reports.Aggregate
		want map[string]Status
		fail bool
	}{
		{
			// The same numbers: nothing moves.
			name: "identical",
			now: agg(entry("england", "answered_within_60s_pct", 43, 44, 42, 43),
				entry("england", "calls_offered", 1000, 1010, 990, 1000), entry("uk", "referrals_lost", 10, 12, 11, 11)),
			want: map[string]Status{"answered_within_60s_pct": OK, "calls_offered": OK, "referrals_lost": OK},
		},
		{
			// Service level falls 10 points, lost referrals double, demand
			// moves by 20%: worse, worse, changed.
			name: "regression",
			now: agg(entry("england", "answered_within_60s_pct", 33, 34, 32, 33),
				entry("england", "calls_offered", 1200, 1210, 1190, 1200), entry("uk", "referrals_lost", 20, 22, 21, 21)),
			want: map[string]Status{"answered_within_60s_pct": Worse, "calls_offered": Changed, "referrals_lost": Worse},
			fail: true,
		},
		{
			// A significant but tiny move (0.2 points) stays within the
			// half-point tolerance.
			name: "below tolerance",
			now: agg(entry("england", "answered_within_60s_pct", 43.2, 44.2, 42.2, 43.2),
				entry("england", "calls_offered", 1000, 1010, 990, 1000), entry("uk", "referrals_lost", 10, 12, 11, 11)),
			want: map[string]Status{"answered_within_60s_pct": OK, "calls_offered": OK, "referrals_lost": OK},
		},
		{
			// Better also fails: the baseline must be updated on purpose.
			name: "improvement",
			now: agg(entry("england", "answered_within_60s_pct", 53, 54, 52, 53),
				entry("england", "calls_offered", 1000, 1010, 990, 1000), entry("uk", "referrals_lost", 10, 12, 11, 11)),
			want: map[string]Status{"answered_within_60s_pct": Better, "calls_offered": OK, "referrals_lost": OK},
			fail: true,
		},
		{
			// A KPI that disappeared fails; a new one is only reported.
			name: "missing and added",
			now: agg(entry("england", "answered_within_60s_pct", 43, 44, 42, 43),
				entry("england", "calls_offered", 1000, 1010, 990, 1000), entry("wales", "referrals_lost", 1, 1, 1, 1)),
			want: map[string]Status{"answered_within_60s_pct": OK, "calls_offered": OK, "referrals_lost": Missing},
			fail: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Compare(base, tc.now, hash)
			for _, x := range r.Results {
				if x.Status == Added {
					continue
				}
				if want := tc.want[x.KPI]; x.Status != want {
					t.Errorf("%s %s: %s (%s), want %s", x.Nation, x.KPI, x.Status, x.Detail, want)
				}
			}
			if r.Failed() != tc.fail {
				t.Errorf("Failed() = %v, want %v", r.Failed(), tc.fail)
			}
		})
	}
}

func TestRules(t *testing.T) {
	for _, tc := range []struct {
		rule       Rule
		old, now   []float64
		wantStatus Status
	}{
		{Rule{Kind: "absolute", Tolerance: 1}, []float64{10, 10}, []float64{10.9, 10.9}, OK},
		{Rule{Kind: "absolute", Tolerance: 1}, []float64{10, 10}, []float64{11.1, 11.1}, Worse},
		{Rule{Kind: "relative", Tolerance: 0.1}, []float64{100, 100}, []float64{109, 109}, OK},
		{Rule{Kind: "relative", Tolerance: 0.1}, []float64{100, 100}, []float64{89, 89}, Better},
		// Noisy replications: a 2-unit shift is not significant.
		{Rule{Kind: "ttest", Tolerance: 0, Alpha: 0.01}, []float64{90, 110, 95, 105}, []float64{92, 112, 97, 107}, OK},
	} {
		e := Entry{Nation: "uk", KPI: "mean_answer_s", Mean: mean(tc.old), Values: tc.old, Rule: tc.rule}
		k := entry("uk", "mean_answer_s", tc.now...)
		k.Outage.Mean = mean(tc.now)
		if got := compareOne(e, &k); got.Status != tc.wantStatus {
			t.Errorf("%+v %v → %v: %s (%s), want %s", tc.rule, tc.old, tc.now, got.Status, got.Detail, tc.wantStatus)
		}
	}
}

func TestWelchP(t *testing.T) {
	// t = 2.0740, df = 10.209 and two-sided p = 0.064280, computed
	// independently by integrating the t density numerically.
	a := []float64{19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0}
	b := []float64{28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7}
	if p := welchP(a, b); math.Abs(p-0.0642800) > 1e-6 {
		t.Errorf("p = %v", p)
	}
	if p := welchP(a, a); p != 1 {
		t.Errorf("identical samples: p = %v, want 1", p)
	}
}

func TestBaselineRoundTripAndRulesSurvive(t *testing.T) {
	a := agg(entry("uk", "abandoned_pct", 5, 6, 5, 6))
	b := New(a, hash, "test", nil)
	b.Entries[0].Rule = Rule{Kind: "absolute", Tolerance: 2}
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if back.Entries[0].Rule != b.Entries[0].Rule {
		t.Errorf("rule %+v after round trip, want %+v", back.Entries[0].Rule, b.Entries[0].Rule)
	}
	updated := New(agg(entry("uk", "abandoned_pct", 7, 8, 7, 8)), hash, "test", back)
	if updated.Entries[0].Rule.Kind != "absolute" || updated.Entries[0].Mean != 7.5 {
		t.Errorf("update lost the hand-set rule or kept the old mean: %+v", updated.Entries[0])
	}
	for _, bad := range []string{
		`{"schema_version": 2, "entries": []}`,
		`{"schema_version": 1, "entries": [{"nation":"uk","kpi":"x","mean":1,"rule":{"kind":"vibes","tolerance":1}}]}`,
		`{"schema_version": 1, "surprise": true}`,
	} {
		if _, err := Read(strings.NewReader(bad)); err == nil {
			t.Errorf("Read accepted %s", bad)
		}
	}
}

func TestRenderings(t *testing.T) {
	base := New(agg(entry("england", "answered_within_60s_pct", 43, 44, 42, 43), entry("uk", "calls_offered", 9, 9, 9, 9)), hash, "test", nil)
	r := Compare(base, agg(entry("england", "answered_within_60s_pct", 33, 34, 32, 33), entry("uk", "calls_offered", 9, 9, 9, 9)), hash)
	r.Started = time.Date(2026, 11, 28, 9, 30, 0, 0, time.UTC)
	r.Elapsed = 1234 * time.Millisecond
	broken := &Report{Scenario: "t", Err: errors.New("t.yaml:3:7: name: want a safe name"), Started: r.Started}
	var text, junit bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := WriteJUnit(&junit, "ci-runner", []*Report{r, broken}); err != nil {
		t.Fatal(err)
	}
	golden.CheckString(t, filepath.Join("testdata", "report.txt"), text.String())
	golden.CheckString(t, filepath.Join("testdata", "report.xml"), junit.String())
}

// TestReadRejects: a baseline that is empty, inconsistent or edited is an
// input error (ErrInvalid), never a baseline that passes any run. Each case
// edits a valid baseline's JSON.
func TestReadRejects(t *testing.T) {
	good := New(agg(entry("uk", "abandoned_pct", 5, 6, 5, 6), entry("uk", "calls_offered", 100, 110, 90, 100)), hash, "test", nil)
	var buf bytes.Buffer
	if err := good.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatalf("the unedited baseline: %v", err)
	}
	edit := func(f func(m map[string]any)) string {
		var m map[string]any
		if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		out, _ := json.Marshal(m)
		return string(out)
	}
	entry := func(m map[string]any, i int) map[string]any { return m["entries"].([]any)[i].(map[string]any) }
	scale := func(xs any, f float64) []any {
		var out []any
		for _, x := range xs.([]any) {
			out = append(out, x.(float64)*f)
		}
		return out
	}
	for _, tc := range []struct {
		name, json, want string
	}{
		{"entries empty", edit(func(m map[string]any) { m["entries"] = []any{} }), "no entries"},
		{"entries null", edit(func(m map[string]any) { m["entries"] = nil }), "no entries"},
		{"entries missing", edit(func(m map[string]any) { delete(m, "entries") }), "no entries"},
		{"mean edited", edit(func(m map[string]any) { e := entry(m, 1); e["mean"] = e["mean"].(float64) * 1.5 }), "is not the mean of its values"},
		{"values edited", edit(func(m map[string]any) { e := entry(m, 1); e["values"] = scale(e["values"], 1.5) }), "is not the mean of its values"},
		{"mean and values edited", edit(func(m map[string]any) {
			e := entry(m, 1)
			e["mean"], e["values"] = e["mean"].(float64)*1.5, scale(e["values"], 1.5)
		}), "checksum"},
		{"replications 0", edit(func(m map[string]any) { m["replications"] = 0 }), "replications 0"},
		{"replications disagree with values", edit(func(m map[string]any) { m["replications"] = 3 }), "4 values for 3 replications"},
		{"values dropped", edit(func(m map[string]any) { delete(entry(m, 0), "values") }), "0 values for 4 replications"},
		{"scenario renamed", edit(func(m map[string]any) { m["scenario"] = "other" }), "checksum"},
		{"scenario hash edited", edit(func(m map[string]any) { m["scenario_hash"] = strings.Repeat("f", 64) }), "checksum"},
		{"no scenario hash", edit(func(m map[string]any) { delete(m, "scenario_hash") }), "scenario_hash"},
		{"no checksum", edit(func(m map[string]any) { delete(m, "checksum") }), "checksum"},
		{"no scenario", edit(func(m map[string]any) { m["scenario"] = "" }), "no scenario name"},
		{"seed 0", edit(func(m map[string]any) { m["seed"] = 0 }), "seed 0"},
		{"duplicate KPI", edit(func(m map[string]any) { m["entries"] = append(m["entries"].([]any), entry(m, 0)) }), "appears twice"},
		{"old format", edit(func(m map[string]any) { m["schema_version"] = 1 }), "schema_version 1"},
		{"unknown field", edit(func(m map[string]any) { m["surprise"] = true }), "unknown field"},
		{"bad rule", edit(func(m map[string]any) { entry(m, 0)["rule"] = map[string]any{"kind": "vibes", "tolerance": 1} }), "rule kind"},
		{"two documents", buf.String() + "{}", "more than one JSON value"},
		{"not JSON", "root:x:0:0:root:/root:/bin/bash\n", "invalid baseline"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tc.json))
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Read: %v; want ErrInvalid mentioning %q", err, tc.want)
			}
		})
	}
	// Rules are for people to edit: a hand-set rule keeps the checksum.
	loosened := edit(func(m map[string]any) { entry(m, 0)["rule"] = map[string]any{"kind": "absolute", "tolerance": 3} })
	if _, err := Read(strings.NewReader(loosened)); err != nil {
		t.Errorf("a hand-edited rule: %v", err)
	}
}

// TestForeignBaseline: a baseline of another scenario is an input error;
// one of this scenario before it was edited is a failed check.
func TestForeignBaseline(t *testing.T) {
	a := agg(entry("uk", "abandoned_pct", 5, 6, 5, 6))
	b := New(a, hash, "test", nil)
	if err := b.ForScenario("s"); err != nil {
		t.Errorf("own scenario: %v", err)
	}
	if err := b.ForScenario("adastra-2022"); !errors.Is(err, ErrInvalid) {
		t.Errorf("foreign scenario: %v, want ErrInvalid", err)
	}
	r := Compare(b, a, strings.Repeat("e", 64))
	if !r.Failed() || r.Results[0].KPI != ScenarioHashKPI || r.Results[0].Status != Changed {
		t.Errorf("edited scenario: %+v, want a failed %s result first", r.Results, ScenarioHashKPI)
	}
	if r := Compare(b, a, hash); r.Failed() {
		t.Errorf("same scenario and numbers: %+v", r.Results)
	}
}
