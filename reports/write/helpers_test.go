package write

import (
	"bytes"
	"image/color"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/outagesim/outagesim/sim/model/modeltest"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/charts"
	"github.com/outagesim/outagesim/reports/stats"
	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/model"
	"github.com/outagesim/outagesim/sim/replicate"
)

// checkText fails t for each of want missing from got and each of absent
// found in it.
func checkText(t testing.TB, got string, want, absent []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in\n%s", w, got)
		}
	}
	for _, w := range absent {
		if strings.Contains(got, w) {
			t.Errorf("unexpected %q in\n%s", w, got)
		}
	}
}

// runAggregate runs testConfig.
func runAggregate(t testing.TB, outage bool, reps, workers int) *reports.Aggregate {
	t.Helper()
	a, err := reports.Summarise(testConfig(outage), replicate.Options{Replications: reps, Seed: 7, Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// testMeta is the metadata the scenario layer would supply for a run
// starting at start.
func testMeta(start time.Time) Meta {
	day2 := start.AddDate(0, 0, 1)
	return Meta{
		ToolVersion: "v0.0.0-test",
		Scenario:    "Adastra outage, Wales (test)",
		Description: "NHS 111 Wales loses Adastra on its second day; GP booking closes and referrals go by phone.",
		Hash:        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		Command:     "outagesim run scenarios/test.yaml --replications 8 --seed 7 -o out",
		Timeline: []Event{
			{day2.Add(7 * time.Hour), "Adastra taken offline after a ransomware attack"},
			{day2.Add(8 * time.Hour), "Paper triage; GP booking closed, referrals by phone"},
			{day2.AddDate(0, 0, 1).Add(12 * time.Hour), "Half of NHS 111 Wales' sites reconnected"},
		},
		Assumptions: []Assumption{
			{"Calls per day", "3,000", "https://www.example.org/nhs-111-wales-statistics"},
			{"Handle time with paper triage", "1.4 × normal", "Provider debrief (assumed)"},
			{"Referrals lost by phone | email", "5%", "Assumed"},
		},
	}
}

// testChart draws a small line chart with gonum/plot, rendered like the
// real charts: SVG for the page, PNG beside it.
func testChart(t testing.TB, id, title string, seed int) charts.Chart {
	t.Helper()
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "Day"
	p.Y.Label.Text = "Calls"
	pts := make(plotter.XYs, 24)
	for i := range pts {
		pts[i].X = float64(i)
		pts[i].Y = 100 + 50*math.Sin(float64(i+seed)/3)
	}
	l, err := plotter.NewLine(pts)
	if err != nil {
		t.Fatal(err)
	}
	l.Color = color.RGBA{R: 0, G: 94, B: 184, A: 255}
	l.Width = vg.Points(2)
	p.Add(l)
	render := func(format string) []byte {
		w, err := p.WriterTo(16*vg.Centimeter, 9*vg.Centimeter, format)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if _, err := w.WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	return charts.Chart{ID: id, Title: title,
		Caption: "A test chart: " + title + ".", Alt: "Line chart of " + strings.ToLower(title) + ".",
		SVG: render("svg"), PNG: render("png")}
}

func testCharts(t testing.TB) []charts.Chart {
	return []charts.Chart{
		testChart(t, "a-calls-per-hour", "Calls per hour", 0),
		testChart(t, "c-gp-surge", "GP practice demand against capacity", 3),
		testChart(t, "d-referrals", "Referrals by mode", 6),
	}
}

// sm is a summary of ten replications.
func sm(mean, lo, hi float64) stats.Summary {
	return stats.Summary{N: 10, Mean: mean, CI95: [2]float64{lo, hi}, P5: lo - (hi-lo)/2, P50: mean, P95: hi + (hi-lo)/2}
}

func smp(mean, lo, hi float64) *stats.Summary { s := sm(mean, lo, hi); return &s }

// syntheticAggregate is a small hand-made aggregate for golden files: two
// nations over the two days of the October 2022 clock change (the 01:00
// hour happens twice), so the files do not change when the model does.
// England is hit by the outage; Wales is not. The UK rows repeat England's.
func syntheticAggregate() *reports.Aggregate {
	start := time.Date(2022, 10, 30, 0, 0, 0, 0, calendar.London())
	a := &reports.Aggregate{
		Scenario: "synthetic", Start: start, Horizon: 49 * 3600, Seed: 42, Replications: 10,
		Outage: &model.Outage{Systems: []string{"adastra"}, Start: 9 * 3600, DetectionDelay: 2 * 3600,
			Waves: []model.Wave{{At: 30 * 3600, Services: []string{"111-east"}, Fraction: 0.5}}},
		Nations: []string{"england", "wales", reports.UK},
		Days:    []calendar.Date{{Year: 2022, Month: 10, Day: 30}, {Year: 2022, Month: 10, Day: 31}},
	}
	for h := range 49 {
		a.HourStarts = append(a.HourStarts, float64(h*3600))
	}
	type kpiRow struct {
		key          string
		out, cf, imp [3]float64
	}
	england := []kpiRow{
		{"calls_offered", [3]float64{41234.5, 40100, 42369}, [3]float64{40012.25, 38900, 41124.5}, [3]float64{1222.25, 1100, 1344.5}},
		{"answered_within_60s_pct", [3]float64{61.234, 58.9, 63.568}, [3]float64{78.5, 76.1, 80.9}, [3]float64{-17.266, -19.1, -15.432}},
		{"abandoned_pct", [3]float64{6.05, 5.1, 7.0}, [3]float64{5.95, 5.0, 6.9}, [3]float64{0.1, -0.2, 0.4}},
		{"mean_answer_s", [3]float64{184.4, 170.2, 198.6}, [3]float64{75.1, 70, 80.2}, [3]float64{109.3, 98.2, 120.4}},
		{"referrals_lost", [3]float64{312.7, 290.1, 335.3}, [3]float64{0, 0, 0}, [3]float64{312.7, 290.1, 335.3}},
		{"signposted_to_gp", [3]float64{2045, 1990, 2100}, [3]float64{0, 0, 0}, [3]float64{2045, 1990, 2100}},
		{"gp_peak_utilisation_pct", [3]float64{131.25, 125.5, 137}, [3]float64{92.5, 90, 95}, [3]float64{38.75, 33, 44.5}},
		{"ooh_backlog_peak", [3]float64{412.3, 380, 444.6}, [3]float64{150.2, 140, 160.4}, [3]float64{262.1, 235.5, 288.7}},
	}
	wales := []kpiRow{
		{"calls_offered", [3]float64{3012, 2950, 3074}, [3]float64{3011, 2949, 3073}, [3]float64{1, -3, 5}},
		{"answered_within_60s_pct", [3]float64{80.1, 78, 82.2}, [3]float64{80.3, 78.2, 82.4}, [3]float64{-0.2, -0.9, 0.5}},
		{"referrals_lost", [3]float64{0, 0, 0}, [3]float64{0, 0, 0}, [3]float64{0, 0, 0}},
		{"gp_peak_utilisation_pct", [3]float64{88, 86, 90}, [3]float64{87.9, 85.9, 89.9}, [3]float64{0.1, -0.1, 0.3}},
	}
	for _, n := range []struct {
		name string
		rows []kpiRow
	}{{"england", england}, {"wales", wales}, {reports.UK, england}} {
		for _, r := range n.rows {
			k := reports.KPI{Key: r.key, Nation: n.name, Outage: sm(r.out[0], r.out[1], r.out[2]),
				Counterfactual: smp(r.cf[0], r.cf[1], r.cf[2]), Impact: smp(r.imp[0], r.imp[1], r.imp[2])}
			a.KPIs = append(a.KPIs, k)
		}
	}
	// The periods of the outage: the wave at 30 h reconnects half the
	// sites, so the window runs to the end. Every period repeats the run's
	// numbers, but for the outage window's share abandoned.
	a.Periods = []reports.PeriodInfo{{Name: "before", From: 0, To: 9 * 3600}, {Name: "down", From: 9 * 3600, To: 30 * 3600},
		{Name: "recovery", From: 30 * 3600, To: 49 * 3600}, {Name: "outage_window", From: 9 * 3600, To: 49 * 3600},
		{Name: "run", From: 0, To: 49 * 3600}}
	for _, p := range a.Periods {
		for _, k := range a.KPIs {
			k.Period = p.Name
			if p.Name == "outage_window" && k.Key == "abandoned_pct" && k.Nation != "wales" {
				k.Outage, k.Counterfactual, k.Impact = sm(9.5, 8.5, 10.5), smp(6, 5.1, 6.9), smp(3.5, 2.9, 4.1)
			}
			a.PeriodKPIs = append(a.PeriodKPIs, k)
		}
	}
	// Daily values for the worst day and the GP peak day.
	for _, area := range []string{"england", reports.UK} {
		for i, d := range a.Days {
			x := float64(i)
			a.Daily = append(a.Daily,
				reports.DayKPI{Date: d, Area: area, Key: "abandoned_pct", Outage: sm(7+4*x, 6+4*x, 8+4*x),
					Counterfactual: smp(6, 5, 7), Impact: smp(1+4*x, 0.5+4*x, 1.5+4*x)},
				reports.DayKPI{Date: d, Area: area, Key: "gp_peak_utilisation_pct", Outage: sm(131.25-30*x, 125.5-30*x, 137-30*x),
					Counterfactual: smp(92.5, 90, 95), Impact: smp(38.75-30*x, 33-30*x, 44.5-30*x)})
		}
	}
	band := func(xs ...float64) reports.Band {
		b := reports.Band{Mean: xs}
		for _, x := range xs {
			b.P5 = append(b.P5, x*0.9)
			b.P95 = append(b.P95, x*1.1)
		}
		return b
	}
	for _, n := range a.Nations {
		scale := map[string]float64{"england": 1, "wales": 0.1, reports.UK: 1.1}[n]
		daily := []struct {
			name, unit string
			out, cf    reports.Band
		}{
			{"calls_offered", "calls", band(20000*scale, 21234.5*scale), band(19500*scale, 20500*scale)},
			{"answered_within_60s_pct", "%", band(70.5, math.NaN()), band(80, 79.25)},
			{"gp_demand", "patients", band(0, 1312.5*scale), band(0, 925*scale)},
			{"gp_capacity", "appointments", band(0, 1000*scale), band(0, 1000*scale)},
		}
		if n == "wales" {
			daily[2].out = band(0, 88)
		}
		for _, s := range daily {
			ser := reports.Series{Nation: n, Name: s.name, Unit: s.unit, Daily: true, Outage: s.out, Counterfactual: s.cf}
			if n == reports.UK {
				ser.Outage, ser.Counterfactual = reports.Band{}, reports.Band{} // an empty series has no rows
			}
			a.Series = append(a.Series, ser)
		}
		var out, cf []float64
		for h := range 49 {
			out = append(out, scale*(800+float64(h%24)*25.5))
			cf = append(cf, scale*(780+float64(h%24)*25))
		}
		a.Series = append(a.Series, reports.Series{Nation: n, Name: "calls_offered", Unit: "calls",
			Outage: reports.Band{Mean: out}, Counterfactual: reports.Band{Mean: cf}})
	}
	return a
}

// testConfig is the shared small Welsh scenario (sim/model/modeltest)
// cut to three days, with a reconnection wave so the report has one.
func testConfig(outage bool) *model.Config {
	cfg := modeltest.Wales(outage)
	cfg.Horizon = 3 * 86400
	// Wales as one region with its practices, so that the report has its
	// GP surge section and chart.
	gp := cfg.Nations[0].GP
	gp.AppointmentShare, gp.TriageMinutes = 0.44, 5
	cfg.Nations[0].GP = gp
	cfg.Regions = []model.Region{{Name: "wales", Nation: calendar.Wales, Patients: 1e5, Practices: 12, GP: gp}}
	if cfg.Outage != nil {
		cfg.Outage.Waves = []model.Wave{{At: 2*86400 + 12*3600, Services: []string{"111-wales"}, Fraction: 0.5}}
	}
	return cfg
}
