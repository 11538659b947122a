package sensitivity

import (
	"math"
	"strings"
	"testing"
)

func TestDefaultRange(t *testing.T) {
	inf := math.Inf(1)
	for _, tc := range []struct {
		name                 string
		base, spread, lo, hi float64
		whole                bool
		low, high            float64
	}{
		{"±25% of a number", 1.2, 0.25, 0, inf, false, 0.9, 1.5},
		{"a percentage clipped at 100%", 90, 0.25, 0, 100, false, 67.5, 100},
		{"a percentage at 100% moves only down", 100, 0.25, 0, 100, false, 75, 100},
		{"a count rounded", 28, 0.25, 0, inf, true, 21, 35},
		{"a small count moves one step", 2, 0.25, 0, inf, true, 1, 3},
		{"a count of 1 moves to 0 and 2", 1, 0.25, 0, inf, true, 0, 2},
		{"a count of 0 moves only up", 0, 0.25, 0, inf, true, 0, 1},
		{"zero stays put", 0, 0.25, 0, inf, false, 0, 0},
	} {
		low, high := DefaultRange(tc.base, tc.spread, tc.lo, tc.hi, tc.whole)
		if math.Abs(low-tc.low) > 1e-12 || math.Abs(high-tc.high) > 1e-12 {
			t.Errorf("%s: %v..%v, want %v..%v", tc.name, low, high, tc.low, tc.high)
		}
	}
}

func fmtNum(x float64) string { return "x" }

// The ranking from per-replication values: the swing orders the
// parameters, a side at its base counts as exactly 0, and a KPI undefined
// in a replication ranks last as n/a.
func TestAnalyseRanksBySwing(t *testing.T) {
	s := &Study{
		Scenario: "s",
		KPIs:     []string{"calls_offered"},
		Params: []Param{
			{Name: "small", Format: fmtNum}, {Name: "big", Format: fmtNum},
			{Name: "one-sided", Format: fmtNum}, {Name: "undefined", Format: fmtNum},
		},
		// "one-sided" has no low case: its low equals its base.
		Cases: []Case{{Param: 0, Side: Low}, {Param: 0, Side: High}, {Param: 1, Side: Low}, {Param: 1, Side: High},
			{Param: 2, Side: High}, {Param: 3, Side: Low}, {Param: 3, Side: High}},
	}
	r := &Result{Study: s, Impact: true}
	// Two replications; the counterfactual is 0, so the impact is the
	// outage run's value.
	run := func(o1, o2 float64) values {
		return values{out: [][]float64{{o1, o2}}, cf: [][]float64{{0, 0}}}
	}
	nan := math.NaN()
	r.analyse([]values{
		run(10, 12),  // base impact 10, 12
		run(9, 11),   // small low: −1
		run(11, 13),  // small high: +1
		run(5, 7),    // big low: −5
		run(20, 22),  // big high: +10
		run(13, 15),  // one-sided high: +3
		run(10, nan), // undefined in replication 2
		run(10, 12),
	})
	rows := r.Rows["calls_offered"]
	var order []string
	for _, row := range rows {
		order = append(order, s.Params[row.Param].Name)
	}
	if got := strings.Join(order, " "); got != "big one-sided small undefined" {
		t.Fatalf("ranking %s, want big one-sided small undefined", got)
	}
	if rows[0].Swing != 15 || rows[1].Swing != 3 || rows[2].Swing != 2 || !math.IsNaN(rows[3].Swing) {
		t.Errorf("swings %v %v %v %v, want 15 3 2 NaN", rows[0].Swing, rows[1].Swing, rows[2].Swing, rows[3].Swing)
	}
	if rows[1].Low.Ran || rows[1].Low.Summary.Mean != 0 || !rows[1].Low.Defined {
		t.Errorf("a side at the base: %+v, want a defined 0 that did not run", rows[1].Low)
	}
	if rows[3].Low.Defined || rows[3].Rank != 4 {
		t.Errorf("undefined KPI: %+v", rows[3])
	}
	if !rows[0].High.Clear() || rows[0].High.Summary.Mean != 10 {
		t.Errorf("big high: %+v, want a clear +10", rows[0].High)
	}
	if b := r.Base["calls_offered"]; b == nil || b.Mean != 11 {
		t.Errorf("base impact %+v, want 11", b)
	}
}

// A tornado chart names the parameters with the largest swing at the top,
// leaves out those beyond top, and draws nothing for a KPI no parameter
// has a defined effect on.
func TestTornado(t *testing.T) {
	s := &Study{
		Scenario: "s",
		KPIs:     []string{"calls_offered", "referrals_lost"},
		Params:   []Param{{Name: "alpha", Format: fmtNum}, {Name: "beta", Format: fmtNum}, {Name: "gamma", Format: fmtNum}},
		Cases: []Case{{Param: 0, Side: Low}, {Param: 0, Side: High}, {Param: 1, Side: Low}, {Param: 1, Side: High},
			{Param: 2, Side: Low}, {Param: 2, Side: High}},
	}
	r := &Result{Study: s, Area: "uk", Impact: true}
	run := func(o1, o2 float64) values {
		return values{out: [][]float64{{o1, o2}, nil}, cf: [][]float64{{0, 0}, nil}}
	}
	r.analyse([]values{run(10, 10), run(9, 9), run(11, 11), run(0, 0), run(30, 30), run(10, 10), run(10, 10)})
	charts, err := r.Tornado(2)
	if err != nil {
		t.Fatal(err)
	}
	if len(charts) != 1 || charts[0].KPI != "calls_offered" || len(charts[0].PNG) == 0 {
		t.Fatalf("charts %+v, want one for calls_offered", charts)
	}
	svg := string(charts[0].SVG)
	b, a := strings.Index(svg, ">beta<"), strings.Index(svg, ">alpha<")
	if b < 0 || a < 0 || strings.Contains(svg, ">gamma<") {
		t.Fatalf("labels: beta at %d, alpha at %d, gamma present %v; want beta and alpha only", b, a, strings.Contains(svg, ">gamma<"))
	}
}
