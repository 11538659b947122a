package reports

import (
	"reflect"
	"testing"

	"github.com/outagesim/outagesim/sim/model"
	"github.com/outagesim/outagesim/sim/replicate"
)

// A warm-up is measured nowhere: no period, day or hour of the aggregate
// starts before its end, and the run's calls are those after it.
func TestWarmupIsLeftOut(t *testing.T) {
	cold, err := Summarise(testConfig(true), replicate.Options{Replications: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(true)
	cfg.Warmup = 86400 // the outage starts at 07:00 on the second day
	a, err := Summarise(cfg, replicate.Options{Replications: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range a.Periods {
		names = append(names, p.Name)
		if p.From < cfg.Warmup {
			t.Errorf("period %s starts at %v, in the warm-up", p.Name, p.From)
		}
	}
	if want := []string{"before", "down", "outage_window", "run"}; !reflect.DeepEqual(names, want) {
		t.Errorf("periods %v, want %v", names, want)
	}
	if len(a.Days) != len(cold.Days)-1 || a.Days[0] != cold.Days[1] {
		t.Errorf("days %v, want those of the run without its first %v", a.Days, cold.Days)
	}
	if a.HourStarts[0] != cfg.Warmup || len(a.HourStarts) != len(cold.HourStarts)-24 {
		t.Errorf("hours start at %v (%d of them), want at the warm-up's end", a.HourStarts[0], len(a.HourStarts))
	}
	for _, s := range a.Series {
		if want := len(a.HourStarts); s.Daily {
			want = len(a.Days)
		} else if len(s.Outage.Mean) != want {
			t.Errorf("%s %s: %d hours, want %d", s.Nation, s.Name, len(s.Outage.Mean), want)
		}
	}
	// Common random numbers: the same calls arrive, so the run after the
	// warm-up has the calls of the cold run's days after the first.
	run, day1 := a.KPI("wales", "calls_offered"), cold.PeriodKPI("before", "wales", "calls_offered")
	if all := cold.KPI("wales", "calls_offered"); !(run.Outage.Mean < all.Outage.Mean && run.Outage.Mean > all.Outage.Mean-day1.Outage.Mean-1e-9) {
		t.Errorf("calls offered after the warm-up %v; the whole cold run had %v", run.Outage.Mean, all.Outage.Mean)
	}
	if a.Warmup.End != cfg.Warmup || a.Warmup.Checked {
		t.Errorf("warm-up %+v: an outage run is not steady-state, MSER-5 does not apply", a.Warmup)
	}
	// Without an outage MSER-5 looks at the run from its start.
	cfg = testConfig(false)
	cfg.Warmup = 86400
	if a, err = Summarise(cfg, replicate.Options{Replications: 2, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	if !a.Warmup.Checked || a.Warmup.Suggested < 0 || int(a.Warmup.Suggested)%(5*3600) != 0 {
		t.Errorf("steady-state warm-up check %+v", a.Warmup)
	}
	if a.Period(model.PeriodWarmup) != nil {
		t.Error("the warm-up is reported as a period")
	}
}
