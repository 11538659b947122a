package model

import (
	"math"
	"reflect"
	"testing"
)

func TestPhases(t *testing.T) {
	cfg := smallConfig()
	cfg.Outage = outage() // starts day 3 07:00, detection 2 h
	s := cfg.Outage.Start
	cfg.Outage.Waves = []Wave{
		{At: s + 5*86400, Services: []string{"eng-a", "ooh:england"}, Fraction: 1},
		{At: s + 8*86400, Services: []string{"nhs24"}, Fraction: 0.5},
		{At: s + 9*86400, Services: []string{"nhs24", "ooh:scotland"}, Fraction: 1},
	}
	if got, want := cfg.AffectedServices(), []string{"eng-a", "nhs24", "ooh:england", "ooh:scotland"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("affected %v, want %v", got, want)
	}
	for _, tc := range []struct {
		at   float64
		want Phase
		down []string
	}{
		{s - 1, PhaseNormal, nil}, // before
		{s + 3600, PhaseOutage, []string{"eng-a", "nhs24", "ooh:england", "ooh:scotland"}},       // detection delay
		{s + 86400, PhaseContingency, []string{"eng-a", "nhs24", "ooh:england", "ooh:scotland"}}, // working on paper
		{s + 6*86400, PhaseRecovering, []string{"nhs24", "ooh:scotland"}},                        // first wave done
		{s + 8.5*86400, PhaseRecovering, []string{"nhs24", "ooh:scotland"}},                      // nhs24 half back
		{s + 9*86400, PhaseRecovered, nil},                                                       // all back
	} {
		got, down := cfg.PhaseAt(tc.at)
		if got != tc.want || !reflect.DeepEqual(down, tc.down) {
			t.Errorf("PhaseAt(%v) = %s %v, want %s %v", tc.at, got, down, tc.want, tc.down)
		}
	}
	if f := cfg.Reconnected("nhs24", s+8.5*86400); f != 0.5 {
		t.Errorf("nhs24 reconnected %v at day 8.5, want 0.5", f)
	}
	if f := cfg.Reconnected("eng-b", s); f != 1 {
		t.Errorf("an unaffected service is %v reconnected, want 1", f)
	}
	if p, _ := smallConfig().PhaseAt(1e6); p != PhaseNormal {
		t.Errorf("no outage: phase %s", p)
	}
}

func TestHourlyDemand(t *testing.T) {
	cfg := smallConfig()
	cfg.Nations[0].Surges = []Surge{{From: 86400, To: 2 * 86400, Factor: 1.5}}
	breaks, rates, err := cfg.HourlyDemand("eng-a")
	if err != nil {
		t.Fatal(err)
	}
	if len(breaks) != len(rates)+1 || len(rates) != 14*24 {
		t.Fatalf("%d breaks, %d rates for 14 days", len(breaks), len(rates))
	}
	day := func(d int) (sum float64) {
		for h := d * 24; h < (d+1)*24; h++ {
			sum += rates[h] * 3600
		}
		return sum
	}
	// Flat demand: 2,000 a day × 0.7 share, ×1.5 on the surge day.
	if math.Abs(day(0)-1400) > 1e-6 || math.Abs(day(1)-2100) > 1e-6 {
		t.Errorf("daily demand %v and %v, want 1400 and 2100", day(0), day(1))
	}
	if _, _, err := cfg.HourlyDemand("nope"); err == nil {
		t.Error("unknown service accepted")
	}
	// Route shares: GP booking is 0.25 direct + 0.2 × 0.3 via assessment.
	if got := cfg.Nations[0].RouteShare(RouteGPBooking); math.Abs(got-0.31) > 1e-12 {
		t.Errorf("GP booking share %v, want 0.31", got)
	}
}

// TestUnplannedSurgeGetsNoExtraStaff: the same surge planned for and not
// planned for brings the same calls, but only the planned one is staffed.
func TestUnplannedSurgeGetsNoExtraStaff(t *testing.T) {
	runWith := func(unplanned bool) *Result {
		cfg := smallConfig()
		cfg.Nations[1].Surges = []Surge{{From: 4 * 86400, To: 8 * 86400, Factor: 1.5, Unplanned: unplanned}}
		r, err := Run(cfg, 4, 0)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	planned, unplanned := runWith(false), runWith(true)
	p, u := planned.Nations[1], unplanned.Nations[1]
	if p.Patients != u.Patients {
		t.Errorf("the same surge brought %v and %v patients", p.Patients, u.Patients)
	}
	// Staff on duty at noon on day 5, in the surge.
	h := 5*24 + 12
	if !(p.Hourly[h].Advisers > 1.3*u.Hourly[h].Advisers) {
		t.Errorf("advisers in the surge: %v planned, %v unplanned; want about 1.5× more when planned", p.Hourly[h].Advisers, u.Hourly[h].Advisers)
	}
	kp, ku := kpis(&p), kpis(&u)
	if !(ku["answered_within_60s_pct"] < kp["answered_within_60s_pct"]-10) {
		t.Errorf("answered within 60 s: %.1f%% planned, %.1f%% unplanned", kp["answered_within_60s_pct"], ku["answered_within_60s_pct"])
	}
}
