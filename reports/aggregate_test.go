package reports

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/sim/model/modeltest"
	"github.com/outagesim/outagesim/sim/replicate"

	"github.com/outagesim/outagesim/sim/model"
)

func TestWorkersDoNotChangeTheAggregate(t *testing.T) {
	cfg := testConfig(true)
	var calls []int
	a1, err := Summarise(cfg, replicate.Options{Replications: 5, Seed: 3, Workers: 1, Progress: func(done, total int) { calls = append(calls, done) }})
	if err != nil {
		t.Fatal(err)
	}
	a2, err := Summarise(cfg, replicate.Options{Replications: 5, Seed: 3, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a1, a2) {
		t.Fatal("1 and 2 workers gave different aggregates")
	}
	if !reflect.DeepEqual(calls, []int{1, 2, 3, 4, 5}) {
		t.Errorf("progress calls %v, want 1..5 in order", calls)
	}
}

func TestImpactIsPairedAndConsistent(t *testing.T) {
	a, err := Summarise(testConfig(true), replicate.Options{Replications: 8, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Nations; !reflect.DeepEqual(got, []string{"wales", "uk"}) {
		t.Fatalf("nations %v", got)
	}
	for _, k := range a.KPIs {
		if k.Counterfactual == nil || k.Impact == nil {
			t.Fatalf("%s %s: an outage run must have a counterfactual and an impact", k.Nation, k.Key)
		}
		if diff := k.Outage.Mean - k.Counterfactual.Mean; math.Abs(diff-k.Impact.Mean) > 1e-9*math.Max(1, math.Abs(diff)) {
			t.Errorf("%s %s: impact mean %v ≠ outage − counterfactual %v", k.Nation, k.Key, k.Impact.Mean, diff)
		}
	}
	// Common random numbers: the same callers arrive, so first contacts
	// are identical and calls offered differ only through redials.
	sig := a.KPI("wales", "signposted_to_gp")
	if sig == nil || sig.Counterfactual.Mean != 0 || !(sig.Impact.CI95[0] > 0) {
		t.Errorf("signposted to GP: %+v, want none without the outage and a positive impact", sig)
	}
	within := a.KPI("uk", "answered_within_60s_pct")
	if within == nil || !(within.Impact.CI95[1] < 0) {
		t.Errorf("answered within 60 s: impact %+v, want a fall with a 1.4× handle time", within.Impact)
	}
	if s := a.Find("wales", "gp_demand", true); s == nil || len(s.Outage.Mean) != len(a.Days) || len(a.Days) != 5 {
		t.Fatalf("daily GP demand series missing or wrong length")
	}
	if s := a.Find("uk", "calls_offered", false); s == nil || len(s.Outage.Mean) != 120 {
		t.Fatalf("hourly calls offered: want 120 hours")
	}
}

func TestRunWithoutOutage(t *testing.T) {
	a, err := Summarise(testConfig(false), replicate.Options{Replications: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range a.KPIs {
		if k.Counterfactual != nil || k.Impact != nil {
			t.Fatalf("%s %s: a run without an outage has no counterfactual", k.Nation, k.Key)
		}
	}
	if k := a.KPI("wales", "referrals_lost"); k == nil || k.Outage.Mean != 0 {
		t.Errorf("referrals lost without an outage: %+v", k)
	}
}

func TestRunRejectsBadOptions(t *testing.T) {
	if _, err := Summarise(testConfig(true), replicate.Options{Replications: 0}); err == nil {
		t.Error("0 replications accepted")
	}
	bad := testConfig(true)
	bad.Horizon = -1
	if _, err := Summarise(bad, replicate.Options{Replications: 2}); err == nil {
		t.Error("an invalid config ran")
	}
}

// testConfig is the shared small Welsh scenario (sim/model/modeltest).
func testConfig(outage bool) *model.Config { return modeltest.Wales(outage) }

// The outage starts at 07:00 on the second day and never reconnects: the
// run is measured before it, while it is down, over its window and whole.
func TestPeriodsAndDays(t *testing.T) {
	a, err := Summarise(testConfig(true), replicate.Options{Replications: 4, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range a.Periods {
		names = append(names, p.Name)
	}
	if want := []string{"before", "down", "outage_window", "run"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("periods %v, want %v", names, want)
	}
	if d := a.Period("down"); d.From != 86400+7*3600 || d.To != 5*86400 {
		t.Errorf("down %+v, want from 31 h to the end", d)
	}
	// Calls offered add up over the partition, replication by
	// replication.
	before, down, run := a.PeriodKPI("before", "wales", "calls_offered"), a.PeriodKPI("down", "wales", "calls_offered"), a.KPI("wales", "calls_offered")
	for r := range run.Values {
		if before.Values[r]+down.Values[r] != run.Values[r] {
			t.Errorf("replication %d: %v before + %v down ≠ %v in the run", r, before.Values[r], down.Values[r], run.Values[r])
		}
	}
	// Before the outage the two runs are the same patients: no impact.
	if k := a.PeriodKPI("before", "wales", "answered_within_60s_pct"); k.Impact.Mean != 0 {
		t.Errorf("impact before the outage %v, want 0", k.Impact.Mean)
	}
	// The outage's effect is diluted over the run: the service level falls
	// further while it is down than over the whole run.
	downSL, runSL := a.PeriodKPI("down", "wales", "answered_within_60s_pct"), a.KPI("wales", "answered_within_60s_pct")
	if !(downSL.Impact.Mean < runSL.Impact.Mean && runSL.Impact.Mean < 0) {
		t.Errorf("within-60 s impact %v down, %v over the run: want a larger fall while down", downSL.Impact.Mean, runSL.Impact.Mean)
	}
	// One daily value per day and KPI where defined; day 1 has no impact.
	days := map[string]int{}
	for _, d := range a.Daily {
		if d.Area == "wales" && d.Key == "calls_offered" {
			days[d.Date.String()]++
			if d.Date == a.Days[0] && d.Impact.Mean != 0 {
				t.Errorf("first day's impact on calls offered %v, want 0", d.Impact.Mean)
			}
		}
	}
	if len(days) != len(a.Days) {
		t.Errorf("daily calls offered on %d days, want %d", len(days), len(a.Days))
	}
}

// Finish summarises its cells on every core; the aggregate must not
// depend on how many there are.
func TestCoresDoNotChangeTheSummaries(t *testing.T) {
	cfg := testConfig(true)
	opts := replicate.Options{Replications: 4, Seed: 5, Workers: 1}
	var pairs []replicate.Pair
	if err := replicate.Run(cfg, opts, func(p replicate.Pair) error { pairs = append(pairs, p); return nil }); err != nil {
		t.Fatal(err)
	}
	summarised := func(cores int) *Aggregate {
		o := opts
		o.Workers = cores
		a := NewAggregate(cfg, o)
		for _, p := range pairs {
			if err := a.Add(p); err != nil {
				t.Fatal(err)
			}
		}
		if cores > 1 && a.win.parts(a.win.ncells) < 2 {
			t.Fatalf("%d cells are summarised in one part: the test needs more", a.win.ncells)
		}
		if err := a.Finish(); err != nil {
			t.Fatal(err)
		}
		return a
	}
	if one, three := summarised(1), summarised(3); !reflect.DeepEqual(one, three) {
		t.Fatal("one core and three gave different aggregates")
	}
}

// An aggregate built for some parts has exactly those, and everything
// else the same as one with every part: leaving a part out saves work,
// never changes a KPI.
func TestAggregateForParts(t *testing.T) {
	for _, outage := range []bool{true, false} {
		cfg := testConfig(outage)
		opts := replicate.Options{Replications: 3, Seed: 5, Workers: 2}
		full, err := Summarise(cfg, opts)
		if err != nil {
			t.Fatal(err)
		}
		if full.Omitted != 0 || len(full.Daily) == 0 || len(full.Series) == 0 {
			t.Fatalf("outage %v: Summarise left out %v (%d daily KPIs, %d series)", outage, full.Omitted, len(full.Daily), len(full.Series))
		}
		for _, need := range []Parts{0, DailyKPIs, TimeSeries, AllParts} {
			a, err := SummariseFor(cfg, opts, need)
			if err != nil {
				t.Fatal(err)
			}
			if a.Omitted != AllParts&^need {
				t.Errorf("outage %v, need %v: Omitted %v", outage, need, a.Omitted)
			}
			want := *full
			want.Omitted = a.Omitted
			if need&DailyKPIs == 0 {
				want.Daily = nil
			}
			if need&TimeSeries == 0 {
				want.Series = nil
			}
			if !reflect.DeepEqual(a, &want) {
				t.Errorf("outage %v, need %v: the aggregate differs from Summarise's beyond the parts left out", outage, need)
			}
			for _, p := range []Parts{DailyKPIs, TimeSeries, AllParts} {
				err := a.Require(p)
				if has := need&p == p; has != (err == nil) {
					t.Errorf("outage %v, need %v: Require(%v) = %v", outage, need, p, err)
				}
				if err != nil && (!errors.Is(err, ErrOmitted) || !strings.Contains(err.Error(), (p&^need).String())) {
					t.Errorf("outage %v, need %v: Require(%v) = %q, want ErrOmitted naming %v", outage, need, p, err, p&^need)
				}
			}
		}
	}
}

// A precision run keeps its rule and its replications whatever parts it
// computes.
func TestPrecisionForParts(t *testing.T) {
	cfg := testConfig(true)
	opts := replicate.Options{Replications: 3, Seed: 2, Workers: 2}
	rule, err := ParsePrecision("20%")
	if err != nil {
		t.Fatal(err)
	}
	full, err := SummariseToPrecision(cfg, opts, rule, 12)
	if err != nil {
		t.Fatal(err)
	}
	a, err := SummariseToPrecisionFor(cfg, opts, rule, 12, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := *full
	want.Omitted, want.Daily, want.Series = AllParts, nil, nil
	if !reflect.DeepEqual(a, &want) {
		t.Errorf("precision run without parts: %d replications in batches %v; with every part %d in %v, or other differences",
			a.Replications, a.Precision.Batches, full.Replications, full.Precision.Batches)
	}
}

func TestPartsString(t *testing.T) {
	for p, want := range map[Parts]string{0: "no parts", DailyKPIs: "daily KPIs", TimeSeries: "time series", AllParts: "daily KPIs and time series"} {
		if got := p.String(); got != want {
			t.Errorf("Parts(%d).String() = %q, want %q", p, got, want)
		}
	}
}
