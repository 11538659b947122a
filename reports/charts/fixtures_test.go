package charts

import (
	"math"
	"sync"
	"testing"
	"time"

	"github.com/outagesim/outagesim/sim/model/modeltest"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/stats"
	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/model"
	"github.com/outagesim/outagesim/sim/replicate"
)

// Two kinds of test aggregate: simulated ones (reports.Run on a small
// Welsh scenario, as in reports/runner_test.go), which check that the
// charts accept what the runner produces; and synthetic ones with known
// values, which pin numbers, edge cases and the golden SVGs without
// depending on the simulator's behaviour.

// simulated returns the aggregates of three replications of testConfig,
// with and without the outage, computed once per test binary.
var simulated = sync.OnceValues(func() (map[bool]*reports.Aggregate, error) {
	out := map[bool]*reports.Aggregate{}
	for _, outage := range []bool{true, false} {
		a, err := reports.Summarise(testConfig(outage), replicate.Options{Replications: 3, Seed: 1})
		if err != nil {
			return nil, err
		}
		out[outage] = a
	}
	return out, nil
})

func simulatedAggregate(t testing.TB, outage bool) *reports.Aggregate {
	t.Helper()
	as, err := simulated()
	if err != nil {
		t.Fatal(err)
	}
	return as[outage]
}

// The synthetic aggregate runs for seven days from Thursday 27 October 2022,
// across the end of summer time (Sunday 30 October has 25 hours), for
// England, Wales and the UK. The outage starts on Friday at 07:00, half
// the sites reconnect on Monday at 09:00 and all on Tuesday at 09:00.
// Saturday and Sunday have no GP capacity.
const synthDays = 7

var synthStart = time.Date(2022, 10, 27, 0, 0, 0, 0, calendar.London())

// synthGP is same-day GP demand per day for England; Wales is a tenth.
// Friday is 110% of capacity with the outage, Monday 115%.
var (
	synthCapacity = []float64{1000, 1000, 0, 0, 1000, 1000, 1000}
	synthDemand   = []float64{900, 1100, 50, 80, 1150, 980, 950}
	synthDemandCF = []float64{900, 950, 50, 80, 1020, 960, 940}
)

// synthetic builds the week's synthetic aggregate; edit it for edge cases.
func synthetic(outage bool) *reports.Aggregate {
	return synthesize(outage, synthDays, []string{"england", "wales", reports.UK})
}

// synthesize builds a synthetic aggregate of any length and nations, the
// first week repeating; the UK must be last.
func synthesize(outage bool, days int, nations []string) *reports.Aggregate {
	first := calendar.DateOf(synthStart)
	hours := int(midnight(first.AddDays(days))-midnight(first)) / 3600
	a := &reports.Aggregate{
		Scenario: "synthetic", Start: synthStart, Horizon: float64(hours) * 3600, Seed: 1, Replications: 20,
		Nations: nations,
	}
	for i := range days {
		a.Days = append(a.Days, first.AddDays(i))
	}
	for h := range hours {
		a.HourStarts = append(a.HourStarts, float64(h)*3600)
	}
	const outStart, wave1, wave2 = 86400 + 7*3600, 4*86400 + 9*3600 + 3600, 5*86400 + 9*3600 + 3600
	if outage {
		a.Outage = &model.Outage{Start: outStart, DetectionDelay: 3600, Waves: []model.Wave{
			{At: wave1, Services: []string{"a"}, Fraction: 0.5},
			{At: wave2, Services: []string{"a"}, Fraction: 1},
			{At: wave2, Services: []string{"b"}, Fraction: 1}, // same time: one line
		}}
	}
	scales := make([]float64, len(nations))
	for i := range scales {
		scales[i] = 1 / float64(1+9*i) // 1, 0.1, 0.05, …
	}
	scales[len(scales)-1] = 1.1
	// f gets the day, whether systems are down, and whether it is the
	// counterfactual.
	daily := func(nation int, name string, f func(day int, down, cf bool) float64) reports.Series {
		s := reports.Series{Nation: a.Nations[nation], Name: name, Daily: true}
		runs := []*reports.Band{&s.Outage}
		if outage {
			runs = append(runs, &s.Counterfactual)
		}
		for r, b := range runs {
			for day := range days {
				down := outage && r == 0 && day >= 1 && day <= 4
				m := f(day, down, r == 1) * scales[nation]
				b.Mean, b.P5, b.P95 = append(b.Mean, m), append(b.P5, 0.9*m), append(b.P95, 1.1*m)
			}
		}
		return s
	}
	hourly := func(nation int, name string, f func(hour int, down bool) float64) reports.Series {
		s := reports.Series{Nation: a.Nations[nation], Name: name}
		runs := []*reports.Band{&s.Outage}
		if outage {
			runs = append(runs, &s.Counterfactual)
		}
		for r, b := range runs {
			for h := range hours {
				t := a.HourStarts[h]
				down := outage && r == 0 && t >= outStart && t < wave2
				b.Mean = append(b.Mean, f(h, down)*scales[nation])
			}
		}
		return s
	}
	offered := func(h int) float64 { return 40 + 60*math.Sin(math.Pi*float64(h%24)/24) }
	answeredShare := func(down bool) float64 {
		if down {
			return 0.7
		}
		return 0.95
	}
	ifDown := func(down bool, yes, no float64) float64 {
		if down {
			return yes
		}
		return no
	}
	for n := range a.Nations {
		a.Series = append(a.Series,
			hourly(n, "calls_offered", func(h int, _ bool) float64 { return offered(h) }),
			hourly(n, "calls_answered", func(h int, down bool) float64 { return offered(h) * answeredShare(down) }),
			hourly(n, "calls_abandoned", func(h int, down bool) float64 { return offered(h) * (1 - answeredShare(down)) }),
			hourly(n, "ooh_backlog", func(h int, down bool) float64 { return 10 + float64(h%24) + ifDown(down, 20, 0) }),
			daily(n, "answered_within_60s_pct", func(day int, down, _ bool) float64 {
				return (80 + 2*float64(day%3) - ifDown(down, 30, 0)) / scales[n] // a share, not scaled
			}),
			daily(n, "gp_capacity", func(day int, _, _ bool) float64 { return synthCapacity[day%7] }),
			daily(n, "gp_demand", func(day int, _, cf bool) float64 {
				if cf || !outage {
					return synthDemandCF[day%7]
				}
				return synthDemand[day%7]
			}),
			daily(n, "referrals_electronic", func(_ int, down, _ bool) float64 { return ifDown(down, 100, 500) }),
			daily(n, "referrals_manual", func(_ int, down, _ bool) float64 { return ifDown(down, 300, 0) }),
			daily(n, "referrals_lost", func(_ int, down, _ bool) float64 { return ifDown(down, 20, 0) }),
			daily(n, "referrals_signposted", func(_ int, down, _ bool) float64 { return ifDown(down, 80, 0) }),
			daily(n, "ooh_time_to_consultation_min", func(day int, down, _ bool) float64 {
				return (60 + 5*float64(day%2) + ifDown(down, 40, 0)) / scales[n]
			}),
			daily(n, "ed_dispositions", func(day int, down, _ bool) float64 { return 300 + 10*float64(day) - ifDown(down, 20, 0) }),
			daily(n, "ambulance_dispositions", func(day int, down, _ bool) float64 { return 200 + ifDown(down, -10+float64(day), 0) }),
		)
	}
	// England's outage run has no service level on Sunday: a gap.
	a.Find(nations[0], "answered_within_60s_pct", true).Outage.Mean[3] = math.NaN()

	kpi := func(key string, out, cf float64) {
		k := reports.KPI{Key: key, Nation: reports.UK, Outage: stats.Summary{N: 20, Mean: out}}
		if outage {
			k.Counterfactual = &stats.Summary{N: 20, Mean: cf}
			k.Impact = &stats.Summary{N: 20, Mean: out - cf}
		} else {
			k.Outage.Mean = cf
		}
		a.KPIs = append(a.KPIs, k)
	}
	kpi("abandoned_pct", 15, 5)
	kpi("answered_within_60s_pct", 62.5, 81)
	return a
}

// testConfig is the shared small Welsh scenario (sim/model/modeltest).
func testConfig(outage bool) *model.Config { return modeltest.Wales(outage) }
