package reports

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/sim/kpi"
	"github.com/outagesim/outagesim/sim/replicate"
)

func TestParsePrecision(t *testing.T) {
	headline := kpi.HeadlineKeys()
	for _, c := range []struct {
		in, text string
		n        int    // targets
		key      string // one of them, checked
		value    float64
		relative bool
	}{
		{"2%", "2%", len(headline), kpi.AbandonedPct, 0.02, true},
		{" 0.5 ", "0.5", len(headline), kpi.MeanAnswerS, 0.5, false},
		{"2%,abandoned_pct=0.5pp", "2%,abandoned_pct=0.5pp", len(headline), kpi.AbandonedPct, 0.5, false},
		{"abandoned_pct=0.5", "abandoned_pct=0.5pp", 1, kpi.AbandonedPct, 0.5, false},
		{"mean_answer_s=5,referrals_lost=3%", "mean_answer_s=5,referrals_lost=3%", 2, kpi.ReferralsLost, 0.03, true},
		// A KPI outside the headline may be named.
		{"2%,adviser_utilisation_pct=1pp", "2%,adviser_utilisation_pct=1pp", len(headline) + 1, kpi.AdviserUtilisationPct, 1, false},
		{"100%", "100%", len(headline), kpi.CallsOffered, 1, true},
	} {
		p, err := ParsePrecision(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if p.Text != c.text || len(p.Targets) != c.n {
			t.Errorf("%q: text %q with %d targets, want %q with %d", c.in, p.Text, len(p.Targets), c.text, c.n)
		}
		found := false
		for _, tg := range p.Targets {
			if tg.Key == c.key {
				found = true
				if tg.Value != c.value || tg.Relative != c.relative {
					t.Errorf("%q: %s target %+v, want %v relative %v", c.in, c.key, tg, c.value, c.relative)
				}
			}
		}
		if !found {
			t.Errorf("%q: no target for %s", c.in, c.key)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"", "empty term"},
		{"0", "want a number > 0"},
		{"-3%", "want a number > 0"},
		{"abc", "want a number > 0"},
		{"NaN", "want a number > 0"},
		{"Inf", "want a number > 0"},
		{"0%", "want a number > 0"},
		{"150%", "at most 100%"},
		{"2%,", "empty term"},
		{"2%,1", "two targets for every headline KPI"},
		{"0.5pp", "pp is for a percentage KPI"},
		{"mean_answer_s=1pp", "not a percentage"},
		{"nope=1", `unknown KPI "nope" (allowed: calls_offered,`},
		{"abandoned_pct=1,abandoned_pct=2", "two targets"},
		{"abandoned_pct=", "want a number > 0"},
	} {
		if _, err := ParsePrecision(c.in); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want one saying %q", c.in, err, c.want)
		}
	}
}

func TestNextBatchAndNeeded(t *testing.T) {
	for _, c := range []struct{ done, needed, limit, want int }{
		{10, 12, 100, 2},   // the shortfall
		{10, 500, 100, 10}, // at most doubling
		{40, 41, 100, 4},   // at least a tenth
		{3, 4, 100, 1},     // at least one
		{90, 500, 100, 10}, // never past the cap
	} {
		if got := nextBatch(c.done, c.needed, c.limit); got != c.want {
			t.Errorf("nextBatch(%d, %d, %d) = %d, want %d", c.done, c.needed, c.limit, got, c.want)
		}
	}
	// sd 10, target 2: (1.96·10/2)² ≈ 96, and t(0.975, 97)·10/√98 ≤ 2 first.
	if got := needed(10, 10, 2, 1000); got != 99 {
		t.Errorf("needed(10, sd 10, target 2) = %d, want 99", got)
	}
	if needed(10, 0, 0, 1000) != 10 || needed(10, 1, 0, 1000) != 1000 || needed(10, 10, 0.01, 50) != 50 {
		t.Error("needed: no spread needs nothing more, a zero target or a far one the cap")
	}
}

// A precision-driven run stops at the first batch where every headline
// impact's interval is within its target, after a batch where one was
// not; the intervals it checked are those the report shows.
func TestPrecisionStopsWhenMet(t *testing.T) {
	// The call-back impact of this small Wales outage is a few hundredths
	// of a point either way: 5% of it is out of reach, so it gets an
	// absolute target.
	rule, err := ParsePrecision("5%,callback_within_target_pct=0.1pp")
	if err != nil {
		t.Fatal(err)
	}
	run := func(workers int) *Aggregate {
		a, err := SummariseToPrecision(testConfig(true), replicate.Options{Replications: 3, Seed: 1, Workers: workers}, rule, 60)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	a := run(2)
	p := a.Precision
	if !p.Met || p.Period != "outage_window" || !p.Impacts || len(p.Batches) < 2 {
		t.Fatalf("precision run %+v: want met over the outage window in more than one batch", p)
	}
	last := p.Batches[len(p.Batches)-1]
	if a.Replications != last || last >= 60 {
		t.Errorf("%d replications, batches %v: want the last batch's, below the cap", a.Replications, p.Batches)
	}
	for _, k := range p.Final() {
		if !(k.HalfWidth <= k.Target) || !k.Met {
			t.Errorf("%s: half-width %v over its target %v at the stop", k.Key, k.HalfWidth, k.Target)
		}
		rep := a.PeriodKPI("outage_window", UK, k.Key)
		if rep == nil || rep.Impact.N != last || (rep.Impact.CI95[1]-rep.Impact.CI95[0])/2 != k.HalfWidth || rep.Impact.Mean != k.Mean {
			t.Errorf("%s: checked %+v, the report's impact %+v", k.Key, k, rep.Impact)
		}
	}
	wide := false
	for _, k := range p.Checks[len(p.Checks)-2] {
		wide = wide || k.HalfWidth > k.Target
	}
	if !wide || len(p.Missed()) != 0 {
		t.Errorf("a batch before the stop, every target was already met: %+v", p.Checks[len(p.Checks)-2])
	}
	if b := run(1); !reflect.DeepEqual(b.Precision, a.Precision) || !reflect.DeepEqual(b.PeriodKPIs, a.PeriodKPIs) || !reflect.DeepEqual(b.Series, a.Series) {
		t.Error("1 and 2 workers ran different replications or gave different results")
	}
}

// A target out of reach runs to the cap and names the KPIs that missed.
func TestPrecisionCap(t *testing.T) {
	rule, err := ParsePrecision("2%")
	if err != nil {
		t.Fatal(err)
	}
	a, err := SummariseToPrecision(testConfig(true), replicate.Options{Replications: 3, Seed: 1}, rule, 12)
	if err != nil {
		t.Fatal(err)
	}
	p := a.Precision
	if p.Met || a.Replications != 12 || !reflect.DeepEqual(p.Batches, []int{3, 6, 12}) {
		t.Errorf("met %v after %d replications in batches %v, want the cap of 12 hit in 3, 6, 12", p.Met, a.Replications, p.Batches)
	}
	missed := p.Missed()
	if len(missed) == 0 || !strings.Contains(strings.Join(missed, " "), kpi.CallbackWithinTargetPct) {
		t.Errorf("missed %v, want the call-back impact among them", missed)
	}
	for _, k := range p.Final() {
		if k.Met != (k.HalfWidth <= k.Target) || k.Met == slices.Contains(missed, k.Key) {
			t.Errorf("%s: %+v, missed %v", k.Key, k, missed)
		}
	}
}

// Without an outage the rule applies to the KPIs themselves, over the
// whole run; a named KPI the scenario does not measure is the user's
// error.
func TestPrecisionWithoutOutage(t *testing.T) {
	rule, _ := ParsePrecision("5%")
	a, err := SummariseToPrecision(testConfig(false), replicate.Options{Replications: 3, Seed: 1}, rule, 6)
	if err != nil {
		t.Fatal(err)
	}
	if p := a.Precision; p.Impacts || p.Period != "run" || len(p.Final()) == 0 {
		t.Errorf("precision %+v: want the KPIs' own intervals over the run", p)
	}
	for _, bad := range []struct {
		start, limit int
	}{{2, 10}, {5, 4}} {
		if _, err := SummariseToPrecision(testConfig(false), replicate.Options{Replications: bad.start, Seed: 1}, rule, bad.limit); !errors.Is(err, ErrPrecision) {
			t.Errorf("start %d, cap %d: error %v, want ErrPrecision", bad.start, bad.limit, err)
		}
	}
}
