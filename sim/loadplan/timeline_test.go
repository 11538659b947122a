package loadplan

import (
	"reflect"
	"testing"

	"github.com/outagesim/outagesim/sim/model"
)

func TestPhaseOnACompressedTimeline(t *testing.T) {
	cfg := testConfig()
	// The outage day, Thursday 4 August, in 60 s: an hour is 2.5 s.
	day := Timeline{Speedup: 1440, From: 3 * 86400, To: 4 * 86400}
	all := []string{"eng-a", "nhs24", "ooh:england", "ooh:scotland"}
	for _, tc := range []struct {
		name     string
		tl       Timeline
		elapsed  float64
		want     model.Phase
		affected []string
		local    string
	}{
		{"midnight", day, 0, model.PhaseNormal, nil, "2022-08-04T00:00:00+01:00"},
		{"just before 07:00", day, 17.49, model.PhaseNormal, nil, "2022-08-04T06:59:45.6+01:00"},
		{"07:00, the outage", day, 17.5, model.PhaseOutage, all, "2022-08-04T07:00:00+01:00"},
		{"09:59, still detecting", day, 24.99, model.PhaseOutage, all, "2022-08-04T09:59:45.6+01:00"},
		{"10:00, on paper", day, 25, model.PhaseContingency, all, "2022-08-04T10:00:00+01:00"},
		// A week in a minute from the outage: eng-a and its OOH back on
		// day 4, NHS 24 on day 6.
		{"first wave", Timeline{Speedup: 10080, From: outageStart}, 4*86400/10080.0 + 1, model.PhaseRecovering, []string{"nhs24", "ooh:scotland"}, "2022-08-08T09:48:00+01:00"},
		{"all back", Timeline{Speedup: 10080, From: outageStart}, 6 * 86400 / 10080.0, model.PhaseRecovered, nil, "2022-08-10T07:00:00+01:00"},
	} {
		got := PhaseAt(cfg, tc.tl, tc.elapsed)
		if got.Phase != tc.want || !reflect.DeepEqual(got.Affected, tc.affected) {
			t.Errorf("%s: phase %s %v, want %s %v", tc.name, got.Phase, got.Affected, tc.want, tc.affected)
		}
		if s := got.Local.Format("2006-01-02T15:04:05.999Z07:00"); s != tc.local {
			t.Errorf("%s: local time %s, want %s", tc.name, s, tc.local)
		}
		if got.SimTime != tc.tl.SimTime(tc.elapsed) {
			t.Errorf("%s: sim time %v, want %v", tc.name, got.SimTime, tc.tl.SimTime(tc.elapsed))
		}
	}
}

// TestArrivalsAndPhaseShareATimeline: the stage holding an hour's rate and
// phase() at that moment describe the same simulated hour.
func TestArrivalsAndPhaseShareATimeline(t *testing.T) {
	m := NewModel(testConfig(), 1)
	p, err := m.Arrivals(ArrivalOptions{Selection: Selection{Nation: "england"}, Timeline: Timeline{Speedup: 1440, From: 3 * 86400, To: 4 * 86400}, Scale: 1})
	if err != nil {
		t.Fatal(err)
	}
	outageAt := p.Timeline.Elapsed(outageStart)
	if outageAt != 17.5 {
		t.Fatalf("the outage starts %v s into the test, want 17.5", outageAt)
	}
	if ph := PhaseAt(m.Config, p.Timeline, outageAt); ph.Phase != model.PhaseOutage {
		t.Errorf("phase at the outage: %s", ph.Phase)
	}
}

func TestPhaseNames(t *testing.T) {
	want := []string{"normal", "outage", "contingency", "recovering", "recovered"}
	if got := PhaseNames(); !reflect.DeepEqual(got, want) {
		t.Errorf("PhaseNames() = %v, want %v", got, want)
	}
}
