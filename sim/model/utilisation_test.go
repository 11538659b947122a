package model

import (
	"math"
	"testing"
)

// Staff time is booked three ways (hours, services, regions' segments);
// each must add up to the queues' own integrals, whether or not a period
// boundary falls inside an hour.
func TestStaffTimeAddsUp(t *testing.T) {
	cfg := smallConfig()
	cfg.Outage = outage()
	cfg.Outage.Start += 1800 // inside an hour: the boundary gets its own booking
	res := run(t, cfg, 3, 0)
	var hours, regions Counts
	for _, n := range res.Nations {
		for _, h := range n.Hourly {
			hours.AdviserBusy += h.AdviserBusy
			hours.AdviserStaffed += h.AdviserStaffed
			hours.ClinicianBusy += h.ClinicianBusy
			hours.ClinicianStaffed += h.ClinicianStaffed
		}
	}
	for a := range res.Areas {
		for s := range res.Segments {
			regions.add(&res.Tally(a, s).Counts)
		}
	}
	uk := &res.UK.Counts
	for _, c := range []struct {
		what              string
		total, hrs, areas float64
	}{
		{"adviser busy", uk.AdviserBusy, hours.AdviserBusy, regions.AdviserBusy},
		{"adviser staffed", uk.AdviserStaffed, hours.AdviserStaffed, regions.AdviserStaffed},
		{"clinician busy", uk.ClinicianBusy, hours.ClinicianBusy, regions.ClinicianBusy},
		{"clinician staffed", uk.ClinicianStaffed, hours.ClinicianStaffed, regions.ClinicianStaffed},
	} {
		if c.total <= 0 || math.Abs(c.hrs-c.total) > 1e-9*c.total || math.Abs(c.areas-c.total) > 1e-9*c.total {
			t.Errorf("%s: %v over the services, %v over the hours, %v over the regions", c.what, c.total, c.hrs, c.areas)
		}
	}
	// Occupancy is a fraction that the staffing plan aims near its
	// target (0.85 for advisers, 0.8 for clinicians).
	if u := uk.AdviserBusy / uk.AdviserStaffed; !(u > 0.5 && u < 1.05) {
		t.Errorf("adviser occupancy %.3f", u)
	}
	if u := uk.ClinicianBusy / uk.ClinicianStaffed; !(u > 0.3 && u < 1.05) {
		t.Errorf("clinician occupancy %.3f", u)
	}
	// The segment boundary inside an hour splits that hour's booking: the
	// period before the outage holds only time before it.
	var before float64
	for s, sg := range res.Segments {
		if res.Periods[sg.Period].Name == PeriodBefore {
			for a := range res.Areas {
				before += res.Tally(a, s).AdviserStaffed
			}
		}
	}
	var whole, straddle float64
	for _, n := range res.Nations {
		for h, start := range res.HourStarts {
			switch {
			case start+3600 <= cfg.Outage.Start:
				whole += n.Hourly[h].AdviserStaffed
			case start < cfg.Outage.Start:
				straddle += n.Hourly[h].AdviserStaffed
			}
		}
	}
	if !(before > whole && before < whole+straddle) {
		t.Errorf("staffed time before the outage %v, want between %v (whole hours before it) and %v (with the hour it starts in)", before, whole, whole+straddle)
	}
}
