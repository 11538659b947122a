package charts

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/golden"
	"github.com/outagesim/outagesim/reports/stats"
	"github.com/outagesim/outagesim/sim/kpi"
	"github.com/outagesim/outagesim/sim/model"
)

// withSurge gives the synthetic week (with its outage) GP surges in
// England's London and North West and in Wales, over an outage window from
// Friday to Tuesday: London's fits in its headroom, the North West's does
// not.
func withSurge(a *reports.Aggregate) *reports.Aggregate {
	a.Areas = []reports.AreaInfo{
		{Name: "england", Nation: "england", Kind: "nation"},
		{Name: "london", Nation: "england", Kind: "region"},
		{Name: "north_west", Nation: "england", Kind: "region"},
		{Name: "wales", Nation: "wales", Kind: "nation"},
		{Name: reports.UK, Kind: "uk"},
	}
	w := reports.PeriodInfo{Name: model.PeriodOutageWindow, From: a.Outage.Start, To: 5*86400 + 10*3600}
	a.Periods = []reports.PeriodInfo{w, {Name: model.PeriodRun, From: 0, To: a.Horizon}}
	s := func(mean, lo, hi float64) *stats.Summary {
		return &stats.Summary{N: 20, Mean: mean, CI95: [2]float64{lo, hi}}
	}
	put := func(area, key string, imp *stats.Summary, cf float64) {
		a.PeriodKPIs = append(a.PeriodKPIs, reports.KPI{Key: key, Nation: area, Period: w.Name,
			Outage: stats.Summary{N: 20, Mean: cf + imp.Mean}, Counterfactual: &stats.Summary{N: 20, Mean: cf}, Impact: imp})
	}
	for _, r := range []struct {
		area                       string
		contacts, per, appts       *stats.Summary
		capacity, spare, practices float64
	}{
		{"london", s(5000, 4800, 5200), s(0.84, 0.80, 0.88), s(-0.37, -0.40, -0.34), 81.6, 4.03, 1188},
		{"north_west", s(3000, 2600, 3400), s(1.5, 1.3, 1.7), s(0.9, 0.6, 1.2), 71.7, 0.8, 975},
		{"wales", s(1300, 1200, 1400), s(1.32, 1.2, 1.44), s(0.1, -0.05, 0.25), 75.8, 3.79, 389},
	} {
		put(r.area, kpi.GPContactsFrom111, r.contacts, 1000)
		put(r.area, kpi.GPContactsPerPracticePerDay, r.per, 0.5)
		put(r.area, kpi.GPAppointmentsPerPracticePerDay, r.appts, 2)
		put(r.area, kpi.GPCapacityPerPracticePerDay, s(0, 0, 0), r.capacity)
		put(r.area, kpi.GPSparePerPracticePerDay, s(-1, -1.1, -0.9), r.spare)
	}
	return a
}

// TestGPSurgeByRegion checks the surge chart: one group of bars a region,
// named as NHS England writes them, each value and interval in the alt
// text, and no chart without an outage or without regions; and pins its
// SVG.
func TestGPSurgeByRegion(t *testing.T) {
	a := withSurge(synthetic(true))
	f, err := newBuilder(a, IDGPSurgeByRegion).gpSurgeByRegion()
	if err != nil || f == nil {
		t.Fatalf("chart %v, error %v", f, err)
	}
	for _, want := range []string{
		"London +0.84 contacts (95% CI 0.80 to 0.88), \u22120.37 appointments (95% CI \u22120.40 to \u22120.34), 4.03 spare",
		"North West +1.50 contacts (95% CI 1.30 to 1.70), +0.90 appointments (95% CI 0.60 to 1.20), 0.80 spare",
		"Wales +1.32 contacts",
		"Fri 28 Oct 2022 to Tue 1 Nov 2022",
	} {
		if !strings.Contains(f.alt, want) {
			t.Errorf("alt text lacks %q:\n%s", want, f.alt)
		}
	}
	if !strings.Contains(f.caption, "headroom") || !strings.Contains(f.caption, "95% confidence intervals") {
		t.Errorf("caption %q: want the headroom and the intervals explained", f.caption)
	}
	// Regions top to bottom in area order.
	p := f.sections[0].panels[0]
	var labels []string
	top := p.Y.Max
	for _, tk := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
		if tk.Value >= top {
			t.Errorf("%s at y = %v, not below the region before it", tk.Label, tk.Value)
		}
		labels, top = append(labels, tk.Label), tk.Value
	}
	if got := strings.Join(labels, ", "); got != "London, North West, Wales" {
		t.Errorf("regions %q, want London, North West, Wales", got)
	}
	f.id = IDGPSurgeByRegion
	svg, err := f.svg()
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", IDGPSurgeByRegion+".svg"), svg)

	for name, a := range map[string]*reports.Aggregate{
		"no outage":    synthetic(false),
		"no regions":   synthetic(true),
		"no practices": simulatedAggregate(t, true),
	} {
		if f, err := newBuilder(a, IDGPSurgeByRegion).gpSurgeByRegion(); f != nil || err != nil {
			t.Errorf("%s: chart %v, error %v; want none", name, f != nil, err)
		}
	}
}
