package check

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/stats"
)

var update = flag.Bool("update", false, "rewrite golden files")

// agg builds an aggregate with one KPI per (nation, key, values) triple.
func agg(kpis ...reports.KPI) *reports.Aggregate {
	a := &reports.Aggregate{Scenario: "s", Seed: 1, Replications: 4}
	for _, k := range kpis {
		k.Outage, _ = stats.Summarise(k.Values)
		a.KPIs = append(a.KPIs, k)
	}
	return a
}

func kpi(nation, key string, values ...float64) reports.KPI {
	return reports.KPI{Nation: nation, Key: key, Values: values}
}

func TestCompare(t *testing.T) {
	base := New(agg(
		kpi("england", "answered_within_60s_pct", 43, 44, 42, 43),
		kpi("england", "calls_offered", 1000, 1010, 990, 1000),
		kpi("uk", "referrals_lost", 10, 12, 11, 11),
	), nil)
	for _, tc := range []struct {
		name string
		now  *reports.Aggregate
		want map[string]Status
		fail bool
	}{
		{
			// The same numbers: nothing moves.
			name: "identical",
			now: agg(kpi("england", "answered_within_60s_pct", 43, 44, 42, 43),
				kpi("england", "calls_offered", 1000, 1010, 990, 1000), kpi("uk", "referrals_lost", 10, 12, 11, 11)),
			want: map[string]Status{"answered_within_60s_pct": OK, "calls_offered": OK, "referrals_lost": OK},
		},
		{
			// Service level falls 10 points, lost referrals double, demand
			// moves by 20%: worse, worse, changed.
			name: "regression",
			now: agg(kpi("england", "answered_within_60s_pct", 33, 34, 32, 33),
				kpi("england", "calls_offered", 1200, 1210, 1190, 1200), kpi("uk", "referrals_lost", 20, 22, 21, 21)),
			want: map[string]Status{"answered_within_60s_pct": Worse, "calls_offered": Changed, "referrals_lost": Worse},
			fail: true,
		},
		{
			// A significant but tiny move (0.2 points) stays within the
			// half-point tolerance.
			name: "below tolerance",
			now: agg(kpi("england", "answered_within_60s_pct", 43.2, 44.2, 42.2, 43.2),
				kpi("england", "calls_offered", 1000, 1010, 990, 1000), kpi("uk", "referrals_lost", 10, 12, 11, 11)),
			want: map[string]Status{"answered_within_60s_pct": OK, "calls_offered": OK, "referrals_lost": OK},
		},
		{
			// Better also fails: the baseline must be updated on purpose.
			name: "improvement",
			now: agg(kpi("england", "answered_within_60s_pct", 53, 54, 52, 53),
				kpi("england", "calls_offered", 1000, 1010, 990, 1000), kpi("uk", "referrals_lost", 10, 12, 11, 11)),
			want: map[string]Status{"answered_within_60s_pct": Better, "calls_offered": OK, "referrals_lost": OK},
			fail: true,
		},
		{
			// A KPI that disappeared fails; a new one is only reported.
			name: "missing and added",
			now: agg(kpi("england", "answered_within_60s_pct", 43, 44, 42, 43),
				kpi("england", "calls_offered", 1000, 1010, 990, 1000), kpi("wales", "referrals_lost", 1, 1, 1, 1)),
			want: map[string]Status{"answered_within_60s_pct": OK, "calls_offered": OK, "referrals_lost": Missing},
			fail: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Compare(base, tc.now)
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
		k := kpi("uk", "mean_answer_s", tc.now...)
		k.Outage.Mean = mean(tc.now)
		if got := compareOne(e, &k); got.Status != tc.wantStatus {
			t.Errorf("%+v %v → %v: %s (%s), want %s", tc.rule, tc.old, tc.now, got.Status, got.Detail, tc.wantStatus)
		}
	}
}

func mean(xs []float64) float64 { m, _ := meanVar(xs); return m }

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
	a := agg(kpi("uk", "abandoned_pct", 5, 6, 5, 6))
	b := New(a, nil)
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
	updated := New(agg(kpi("uk", "abandoned_pct", 7, 8, 7, 8)), back)
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
	base := New(agg(kpi("england", "answered_within_60s_pct", 43, 44, 42, 43), kpi("uk", "calls_offered", 9, 9, 9, 9)), nil)
	r := Compare(base, agg(kpi("england", "answered_within_60s_pct", 33, 34, 32, 33), kpi("uk", "calls_offered", 9, 9, 9, 9)))
	var text, junit bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := WriteJUnit(&junit, []*Report{r}); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.txt", text.String())
	golden(t, "report.xml", junit.String())
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}
