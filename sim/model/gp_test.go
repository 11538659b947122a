package model

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/sim/calendar"
)

// gpTally sums every region's tally over the run.
func gpTally(r *Result) Tally {
	var all Tally
	for i := range r.Tallies {
		all.Add(&r.Tallies[i])
	}
	return all
}

// TestGPSources runs a small outage in which every path to a practice is
// open, and checks each source against the step that sends patients
// there: with compliance 1 and every destination the GP, each source's
// patients equal a count kept elsewhere in the model, so a patient
// counted twice, or under the wrong source, breaks an equality.
func TestGPSources(t *testing.T) {
	cfg := smallConfig()
	cfg.Outage = outage()
	// OOH closed, signposting to the GP: those patients are displaced.
	cfg.Outage.Contingency.Routes[RouteOOH] = RouteContingency{Mode: Closed, SignpostTo: GPInHours, Compliance: 1}
	gp := dispositions(map[Disposition]float64{GPInHours: 1})
	for i := range cfg.Nations {
		cfg.Nations[i].AbandonTo = gp
		cfg.Nations[i].CAS.GiveUpTo = gp
		cfg.Nations[i].LostReferralTo = gp
		cfg.Nations[i].LostReferralWait = 3600
	}
	r := run(t, cfg, 5, 0)
	all := gpTally(r)
	uk := &r.UK.Counts
	lostElsewhere := 0.0
	for rt := range uk.Referrals {
		if Route(rt) != RouteED && Route(rt) != RouteAmbulance {
			lostElsewhere += uk.Referrals[rt][Lost]
		}
	}
	for _, c := range []struct {
		src  GPSource
		want float64
	}{
		// Booked electronically, or by phone and delivered in the run.
		{GPBooked, uk.Referrals[RouteGPBooking][Electronic] + uk.Referrals[RouteGPBooking][ManualSent] - uk.ManualPending[RouteGPBooking]},
		{GPSignposted, uk.Referrals[RouteGPBooking][Signposted]},
		{GPDisplaced, uk.Referrals[RouteOOH][Signposted]},
		{GPGaveUp111, uk.GaveUp},
		{GPGaveUpCallback, uk.CASGaveUp},
		{GPLostReferral, lostElsewhere},
	} {
		got := all.GPArrivals[c.src]
		if c.want == 0 {
			t.Errorf("%s: no patients: the scenario does not exercise it", c.src)
		}
		// Patients whose next opening is after the run are pending.
		if got > c.want || got < c.want-all.GPPending {
			t.Errorf("%s: %v arrived, want %v (less at most %v due after the run)", c.src, got, c.want, all.GPPending)
		}
	}
	sent := all.GPPending
	for _, v := range all.GPArrivals {
		sent += v
	}
	want := uk.Referrals[RouteGPBooking][Electronic] + uk.Referrals[RouteGPBooking][ManualSent] - uk.ManualPending[RouteGPBooking] +
		uk.Referrals[RouteGPBooking][Signposted] + uk.Referrals[RouteOOH][Signposted] + uk.GaveUp + uk.CASGaveUp + lostElsewhere
	if sent != want {
		t.Errorf("%v patients arrived or pending, want each of the %v sent counted once", sent, want)
	}
	// A booked patient takes a slot without a contact; a contact needs one
	// with AppointmentShare.
	share := cfg.Nations[0].GP.AppointmentShare
	if want := all.GPArrivals[GPBooked] + share*all.GPContacts(); math.Abs(all.GPFrom111-want) > 1e-6*want {
		t.Errorf("appointments from 111 %v, want booked + %v × contacts = %v", all.GPFrom111, share, want)
	}
	if want := 5 * all.GPContacts(); math.Abs(all.GPTriageMinutes-want) > 1e-6*want {
		t.Errorf("triage %v min, want 5 min per contact = %v", all.GPTriageMinutes, want)
	}
}

// TestGPRegions puts England's patients in two regions and checks that each
// region's practices see only their own patients, in proportion to the
// service's shares, and that utilisation is per region.
func TestGPRegions(t *testing.T) {
	cfg := smallConfig()
	cfg.Outage = outage()
	small := GPPractices{SameDayCapacity: 100, BaselineDemand: 95, OverflowToED: 0.5, TriageMinutes: 4, AppointmentShare: 0.5}
	big := small
	big.SameDayCapacity, big.BaselineDemand = 10000, 1000
	cfg.Regions = []Region{
		{Name: "north", Nation: calendar.England, Patients: 1e5, Practices: 10, GP: small},
		{Name: "south", Nation: calendar.England, Patients: 3e5, Practices: 30, GP: big},
	}
	cfg.Services[0].Regions = []RegionShare{{"north", 0.25}, {"south", 0.75}}
	cfg.Services[1].Regions = []RegionShare{{"south", 1}}
	r := run(t, cfg, 5, 0)
	if len(r.Areas) != 3 || r.Areas[0].Name != "north" || r.Areas[2].Name != "scotland" {
		t.Fatalf("areas %v: want north, south, then scotland's default region", r.Areas)
	}
	var north, south Tally
	for s := range r.Segments {
		north.Add(r.Tally(0, s))
		south.Add(r.Tally(1, s))
	}
	// eng-a (70% of calls) puts 25% in the north: 17.5% of England's.
	if f := north.Patients / (north.Patients + south.Patients); math.Abs(f-0.175) > 0.02 {
		t.Errorf("north has %.3f of England's patients, want 0.175", f)
	}
	// Only eng-a is on the failed system, so only it signposts: a quarter
	// of its patients to the north.
	sn, ss := north.GPArrivals[GPSignposted], south.GPArrivals[GPSignposted]
	if f := sn / (sn + ss); sn == 0 || math.Abs(f-0.25) > 0.03 {
		t.Errorf("north has %.3f of England's signposted patients, want 0.25", f)
	}
	if north.GPOverCapacity == 0 || south.GPOverCapacity != 0 {
		t.Errorf("days over capacity: north %v (capacity 100), south %v (capacity 10,000)", north.GPOverCapacity, south.GPOverCapacity)
	}
	if north.GPSpilledToED == 0 || south.GPSpilledToED != 0 {
		t.Errorf("spill to ED: north %v, south %v", north.GPSpilledToED, south.GPSpilledToED)
	}
	// The south never overflows, so every working day leaves capacity less
	// demand unused; the north leaves less than that net figure, which its
	// days over capacity pull down.
	if want := south.GPCapacity - south.GPDemand(); math.Abs(south.GPUnused-want) > 1e-6*want {
		t.Errorf("south: %v appointments unused, want capacity − demand = %v", south.GPUnused, want)
	}
	if net := north.GPCapacity - north.GPDemand(); north.GPUnused < 0 || north.GPUnused <= net {
		t.Errorf("north: %v appointments unused, want ≥ 0 and > capacity − demand = %v", north.GPUnused, net)
	}
	if north.GPPatients != 1e5*north.GPWorkingDays || north.GPPractices != 10*north.GPWorkingDays {
		t.Errorf("north: %v patient-days, %v practice-days over %v working days", north.GPPatients, north.GPPractices, north.GPWorkingDays)
	}
}

// TestRegionRules checks the region rules of the rulebook.
func TestRegionRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"shares sum to 1", func(c *Config) {
			c.Services[0].Regions = []RegionShare{{"north", 0.5}}
		}, "services[0].regions: the shares sum to 50%"},
		{"region of another nation", func(c *Config) {
			c.Services[2].Regions = []RegionShare{{"north", 1}}
		}, `services[2].regions[0]: "north" is in england, the service is in scotland`},
		{"no capacity", func(c *Config) {
			c.Regions[0].GP.SameDayCapacity = 0
		}, "regions[0].gp.same_day_capacity: 0: a region's practices need same-day capacity"},
		{"bad name", func(c *Config) {
			c.Regions[0].Name = "North East"
		}, `regions[0].name: "North East" (allowed: lower_snake`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := smallConfig()
			cfg.Regions = []Region{{Name: "north", Nation: calendar.England, GP: GPPractices{SameDayCapacity: 10}}}
			tc.edit(cfg)
			if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// TestManyRegions gives a service 300 regions, more than the category
// picker's table names, as a scenario of practices grouped finely might:
// the run works, conserves patients, and spreads them over the regions in
// proportion to the shares.
func TestManyRegions(t *testing.T) {
	cfg := smallConfig()
	const n = 300
	gp := GPPractices{SameDayCapacity: 1000, BaselineDemand: 100, OverflowToED: 0.5, TriageMinutes: 4, AppointmentShare: 0.5}
	cfg.Regions = nil
	var shares []RegionShare
	for i := range n {
		name := fmt.Sprintf("r%03d", i)
		cfg.Regions = append(cfg.Regions, Region{Name: name, Nation: calendar.England, Patients: 1e4, Practices: 2, GP: gp})
		// The first half twice as likely as the second.
		w := 2.0
		if i >= n/2 {
			w = 1
		}
		shares = append(shares, RegionShare{name, w / (1.5 * n)})
	}
	for i := range cfg.Services {
		if cfg.Services[i].Nation == calendar.England {
			cfg.Services[i].Regions = shares
		}
	}
	r := run(t, cfg, 5, 0)
	var first, second float64
	for s := range r.Segments {
		for a := range n {
			x := r.Tally(a, s).Patients
			if a < n/2 {
				first += x
			} else {
				second += x
			}
		}
	}
	if first == 0 || math.Abs(first/(first+second)-2.0/3) > 0.01 {
		t.Errorf("the first 150 regions have %.3f of England's patients, want 2/3", first/(first+second))
	}
}
