package charts

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/golden"
	"github.com/outagesim/outagesim/sim/calendar"
)

var wantIDs = []string{IDCallsPerHour, IDAnsweredWithin60, IDGPSurge, IDReferralsByMode, IDOOH, IDEDAmbulance}

// checkCharts checks what every chart set must satisfy: report order,
// text for the page, well-formed SVG, and a PNG of the laid-out size.
func checkCharts(t *testing.T, a *reports.Aggregate, cs []Chart) {
	t.Helper()
	figs, err := build(a)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i, c := range cs {
		ids = append(ids, c.ID)
		if c.Title == "" || c.Caption == "" || c.Alt == "" {
			t.Errorf("%s: title %q, caption %q, alt %q: want all three", c.ID, c.Title, c.Caption, c.Alt)
		}
		if !bytes.HasPrefix(c.SVG, []byte("<svg ")) || !bytes.HasSuffix(c.SVG, []byte("</svg>\n")) {
			t.Errorf("%s: SVG is not a bare <svg> element for inline HTML", c.ID)
		}
		dec := xml.NewDecoder(bytes.NewReader(c.SVG))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s: SVG is not well-formed XML: %v", c.ID, err)
				break
			}
		}
		img, err := png.Decode(bytes.NewReader(c.PNG))
		if err != nil {
			t.Errorf("%s: PNG: %v", c.ID, err)
			continue
		}
		w, h := pngSize(figs[i].layout(true).height)
		if got := img.Bounds().Size(); got.X != w || got.Y != h || w != 1500 {
			t.Errorf("%s: PNG %v, want %dx%d (10 in at %d dpi)", c.ID, got, w, h, pngDPI)
		}
	}
	want := wantIDs
	if a.Outage != nil && len(a.Daily) > 0 {
		want = append(slices.Clone(wantIDs), IDDailyImpact)
	}
	if len(a.GPSurges()) > 0 {
		want = append(slices.Clone(want), IDGPSurgeByRegion)
	}
	if !slices.Equal(ids, want) {
		t.Errorf("chart IDs %v, want %v", ids, want)
	}
}

func TestAllOnSimulatedRuns(t *testing.T) {
	for _, outage := range []bool{true, false} {
		a := simulatedAggregate(t, outage)
		cs, err := All(a)
		if err != nil {
			t.Fatalf("outage %v: %v", outage, err)
		}
		checkCharts(t, a, cs)
	}
}

func TestAllOnSyntheticRuns(t *testing.T) {
	for _, outage := range []bool{true, false} {
		a := synthetic(outage)
		cs, err := All(a)
		if err != nil {
			t.Fatalf("outage %v: %v", outage, err)
		}
		checkCharts(t, a, cs)
	}
}

// The same aggregate must give the same bytes: nothing may depend on map
// order, scheduling or the clock.
func TestDeterministic(t *testing.T) {
	a := simulatedAggregate(t, true)
	first, err := All(a)
	if err != nil {
		t.Fatal(err)
	}
	second, err := All(a)
	if err != nil {
		t.Fatal(err)
	}
	for i := range first {
		if !bytes.Equal(first[i].SVG, second[i].SVG) {
			t.Errorf("%s: SVG differs between two renderings", first[i].ID)
		}
		if !bytes.Equal(first[i].PNG, second[i].PNG) {
			t.Errorf("%s: PNG differs between two renderings", first[i].ID)
		}
	}
}

// TestGoldenSVG pins the synthetic week's SVGs. The comparison is exact:
// SVG keeps text as text, and every measurement comes from the Liberation
// fonts compiled into gonum/plot, so the bytes do not depend on the
// machine's fonts. Refresh with go test ./reports/charts -update and look
// at the new files before committing them.
func TestGoldenSVG(t *testing.T) {
	cs, err := All(synthetic(true))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		golden.Check(t, filepath.Join("testdata", c.ID+".svg"), c.SVG)
	}
}

// legendLabels returns a figure's legend labels.
func legendLabels(f *figure) []string {
	var ls []string
	for _, it := range f.legend {
		ls = append(ls, it.label)
	}
	return ls
}

// TestChartContent checks, chart by chart, what the synthetic week must
// put in legends, captions and alt text; the numbers follow from the
// values in fixtures_test.go.
func TestChartContent(t *testing.T) {
	tests := []struct {
		name       string
		chart      string
		outage     bool
		legend     []string // labels that must appear
		notLegend  []string // labels that must not
		alt        []string // substrings of the alt text
		caption    []string // substrings of the caption
		panels     int
		notAltText []string
	}{
		// Hourly calls: one panel per nation, the UK left out; shading for
		// both phases and a line per distinct wave time.
		{name: "calls with outage", chart: IDCallsPerHour, outage: true, panels: 2,
			legend: []string{"calls offered", "answered", "abandoned", "systems down", "phased reconnection", "reconnection wave"},
			alt: []string{"England 100 (hour from Thu 27 Oct 2022 12:00)", "Wales 10 (hour from",
				"UK calls abandoned: 15.0% of calls offered with the outage, 5.0% without.",
				"Systems were down from Fri 28 Oct 2022 07:00; 2 reconnection waves ran from Mon 31 Oct 2022 09:00 to full reconnection on Tue 1 Nov 2022 09:00."}},
		// Without an outage: no shading, no counterfactual.
		{name: "calls without outage", chart: IDCallsPerHour, panels: 2,
			notLegend:  []string{"systems down", "reconnection wave"},
			alt:        []string{"UK calls abandoned: 5.0% of calls offered."},
			notAltText: []string{"without", "Systems were down"}},
		// The UK above a 2-column grid of nations; 90% bands in the legend.
		{name: "answered within 60 s with outage", chart: IDAnsweredWithin60, outage: true, panels: 3,
			legend:  []string{"with the outage", cfLabel, "systems down"},
			alt:     []string{"62.5% of UK calls answered were answered within 60 seconds with the outage, against 81.0% without it", "The worst UK day with the outage was Sun 30 Oct 2022 at 50.0% (80.0% without the outage)"},
			caption: []string{"middle 90% of replications", "20 replications"}},
		{name: "answered within 60 s without outage", chart: IDAnsweredWithin60, panels: 3,
			legend: []string{"simulated"}, notLegend: []string{cfLabel},
			alt: []string{"81.0% of UK calls answered were answered within 60 seconds.", "The worst UK day was"}},
		// The surge chart: Friday 110% and Monday 115% of capacity with the
		// outage, Monday 102% without.
		{name: "GP surge with outage", chart: IDGPSurge, outage: true, panels: 2,
			legend: []string{"same-day capacity", "same-day demand with the outage", "same-day demand " + cfLabel, "over capacity with the outage", "over capacity without the outage"},
			alt: []string{"England 115.0% on Mon 31 Oct 2022 (102.0% without the outage)", "Wales 115.0%",
				"Working days over capacity: England 2 (1 without the outage); Wales 2 (1 without the outage)"},
			caption: []string{"could not see that day"}},
		{name: "GP surge without outage", chart: IDGPSurge, panels: 2,
			legend: []string{"same-day capacity", "same-day demand", "over capacity"}, notLegend: []string{"same-day demand " + cfLabel},
			alt: []string{"England 102.0% on Mon 31 Oct 2022", "Working days over capacity: England 1; Wales 1"}},
		// Referrals stacked for the UK (×1.1): 4 days down, 3 up.
		{name: "referrals with outage", chart: IDReferralsByMode, outage: true, panels: 1,
			legend: []string{"sent electronically", "lost", "all referrals " + cfLabel},
			alt: []string{"Over 7 days in the UK with the outage: 2,090 referrals sent electronically, 1,320 referrals sent by hand (phone, NHSmail), 352 referrals signposted, 88 referrals lost.",
				"Without the outage: 3,850 referrals in all."}},
		{name: "referrals without outage", chart: IDReferralsByMode, panels: 1,
			notLegend: []string{"all referrals " + cfLabel},
			alt:       []string{"Over 7 days in the UK: 3,850 referrals sent electronically, 0 referrals sent by hand"}},
		// OOH: backlog peaks 53 and 33 (×1.1).
		{name: "OOH with outage", chart: IDOOH, outage: true, panels: 2,
			alt:     []string{"UK out-of-hours backlog peaked at 58 cases waiting with the outage", "without the outage the peak was 36"},
			caption: []string{"the busiest hour had 58 cases waiting with the outage against 36 without"}},
		// ED: 2,453 against 2,541 (−3.5%).
		{name: "ED and ambulance with outage", chart: IDEDAmbulance, outage: true, panels: 2,
			alt:     []string{"UK A&E (ED) dispositions over 7 days: 2,453 with the outage, 2,541 without the outage (-3.5%)."},
			caption: []string{"3.5% fewer A&E dispositions"}},
		{name: "ED and ambulance without outage", chart: IDEDAmbulance, panels: 2,
			notLegend: []string{cfLabel}, notAltText: []string{"without"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			figs, err := build(synthetic(tt.outage))
			if err != nil {
				t.Fatal(err)
			}
			f := figs[slices.Index(wantIDs, tt.chart)]
			labels := legendLabels(f)
			for _, l := range tt.legend {
				if !slices.Contains(labels, l) {
					t.Errorf("legend %q lacks %q", labels, l)
				}
			}
			for _, l := range tt.notLegend {
				if slices.Contains(labels, l) {
					t.Errorf("legend %q has %q", labels, l)
				}
			}
			for _, s := range tt.alt {
				if !strings.Contains(f.alt, s) {
					t.Errorf("alt text lacks %q:\n%s", s, f.alt)
				}
			}
			for _, s := range tt.notAltText {
				if strings.Contains(f.alt, s) {
					t.Errorf("alt text has %q:\n%s", s, f.alt)
				}
			}
			for _, s := range tt.caption {
				if !strings.Contains(f.caption, s) {
					t.Errorf("caption lacks %q:\n%s", s, f.caption)
				}
			}
			n := 0
			for _, s := range f.sections {
				for _, p := range s.panels {
					if p != nil {
						n++
					}
				}
			}
			if n != tt.panels {
				t.Errorf("%d panels, want %d", n, tt.panels)
			}
		})
	}
}

// TestErrors: every broken aggregate gives an error that names the chart
// and the series, never a panic or a broken image.
func TestErrors(t *testing.T) {
	series := func(a *reports.Aggregate, nation, name string, daily bool) *reports.Series {
		s := a.Find(nation, name, daily)
		if s == nil {
			panic("fixture lacks " + nation + " " + name)
		}
		return s
	}
	tests := []struct {
		name    string
		outage  bool
		edit    func(a *reports.Aggregate) *reports.Aggregate
		want    string       // substring of the error
		series  *SeriesError // if set, the error must be one with these fields
		problem string
	}{
		{name: "nil aggregate", edit: func(*reports.Aggregate) *reports.Aggregate { return nil }, want: "no aggregate"},
		{name: "no days", edit: func(a *reports.Aggregate) *reports.Aggregate { a.Days = nil; return a }, want: "no days"},
		{name: "no hours", edit: func(a *reports.Aggregate) *reports.Aggregate { a.HourStarts = nil; return a }, want: "no hours"},
		{name: "no start", edit: func(a *reports.Aggregate) *reports.Aggregate { a.Start = time.Time{}; return a }, want: "no start time"},
		{name: "days not consecutive", edit: func(a *reports.Aggregate) *reports.Aggregate { a.Days[3] = a.Days[4]; return a }, want: "does not follow"},
		// A missing series names chart b, the UK and the series.
		{name: "missing series", outage: true, edit: func(a *reports.Aggregate) *reports.Aggregate {
			series(a, "uk", "answered_within_60s_pct", true).Name = "renamed"
			return a
		}, series: &SeriesError{Chart: IDAnsweredWithin60, Nation: "uk", Series: "answered_within_60s_pct", Daily: true, Run: "outage"}, problem: "missing"},
		{name: "empty series", outage: true, edit: func(a *reports.Aggregate) *reports.Aggregate {
			series(a, "uk", "ed_dispositions", true).Outage = reports.Band{}
			return a
		}, series: &SeriesError{Chart: IDEDAmbulance, Nation: "uk", Series: "ed_dispositions", Daily: true, Run: "outage"}, problem: "empty"},
		{name: "series one hour short", outage: true, edit: func(a *reports.Aggregate) *reports.Aggregate {
			s := series(a, "uk", "ooh_backlog", false)
			s.Counterfactual.Mean = s.Counterfactual.Mean[1:]
			return a
		}, series: &SeriesError{Chart: IDOOH, Nation: "uk", Series: "ooh_backlog", Run: "counterfactual"}, problem: "168 values, want 169 (one per hour)"},
		// An outage run needs its counterfactual.
		{name: "counterfactual missing", outage: true, edit: func(a *reports.Aggregate) *reports.Aggregate {
			series(a, "uk", "referrals_lost", true).Counterfactual = reports.Band{}
			return a
		}, series: &SeriesError{Chart: IDReferralsByMode, Nation: "uk", Series: "referrals_lost", Daily: true, Run: "counterfactual"}, problem: "empty"},
		{name: "percentile band too short", outage: true, edit: func(a *reports.Aggregate) *reports.Aggregate {
			s := series(a, "uk", "answered_within_60s_pct", true)
			s.Outage.P95 = s.Outage.P95[:2]
			return a
		}, series: &SeriesError{Chart: IDAnsweredWithin60, Nation: "uk", Series: "answered_within_60s_pct", Daily: true, Run: "outage"}, problem: "percentile band"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := All(tt.edit(synthetic(tt.outage)))
			if err == nil {
				t.Fatalf("no error; %d charts", len(cs))
			}
			if cs != nil {
				t.Errorf("charts returned with the error %v", err)
			}
			if tt.want != "" && !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
			if tt.series == nil {
				return
			}
			var se *SeriesError
			if !errors.As(err, &se) {
				t.Fatalf("error %v (%T), want a *SeriesError", err, err)
			}
			got := *se
			got.Problem = ""
			if got != *tt.series {
				t.Errorf("error fields %+v, want %+v", got, *tt.series)
			}
			if !strings.Contains(se.Problem, tt.problem) {
				t.Errorf("problem %q, want it to contain %q", se.Problem, tt.problem)
			}
			for _, s := range []string{tt.series.Chart, tt.series.Series, tt.series.Nation} {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not name %q", err, s)
				}
			}
		})
	}
}

// TestGaps: a NaN breaks a line and its band into pieces; a lone valid
// point is still drawn.
func TestGaps(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name           string
		ys             []float64
		strokes, fills int // line strokes; band polygons (and lone-point dots)
	}{
		{"no gap", []float64{1, 2, 3, 4, 5}, 1, 1},
		{"one gap", []float64{1, 2, nan, 4, 5}, 2, 2},
		{"lone points", []float64{1, nan, 3, nan, 5}, 0, 3},
		{"gaps at the ends", []float64{nan, 2, 3, 4, nan}, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			xs := []float64{0, 1, 2, 3, 4}
			p := plot.New()
			p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 4, 0, 10
			count := func(pl plot.Plotter) (strokes, fills int) {
				var rec recorder.Canvas
				pl.Plot(draw.NewCanvas(&rec, 100, 100), p)
				for _, a := range rec.Actions {
					switch a.(type) {
					case *recorder.Stroke:
						strokes++
					case *recorder.Fill:
						fills++
					}
				}
				return strokes, fills
			}
			strokes, dots := count(&line{xs: xs, ys: tt.ys, style: outageLine(1)})
			if strokes != tt.strokes {
				t.Errorf("line: %d strokes, want %d", strokes, tt.strokes)
			}
			if lone := tt.fills - tt.strokes; tt.strokes == 0 && dots != lone {
				t.Errorf("line: %d dots for lone points, want %d", dots, lone)
			}
			hi := make([]float64, len(tt.ys))
			for i, y := range tt.ys {
				hi[i] = y + 1
			}
			if _, fills := count(&band{xs: xs, lo: tt.ys, hi: hi, fill: outageColour, halfWidth: 0.3}); fills != tt.fills {
				t.Errorf("band: %d polygons, want %d", fills, tt.fills)
			}
		})
	}
}

func TestDateTicker(t *testing.T) {
	labels := func(days int, width float64, blank bool) []string {
		a := synthesize(false, days, []string{"england", reports.UK})
		b := newBuilder(a, "test")
		var out []string
		for _, tk := range (dateTicker{width: vg.Length(width), blank: blank}).Ticks(b.xMin, b.xMax) {
			if tk.Label != "" {
				out = append(out, tk.Label)
			}
		}
		return out
	}
	tests := []struct {
		name        string
		days        int
		width       float64
		blank       bool
		first, last string
		n           int
	}{
		// A week: every day with its weekday, through the clock change.
		{"week", 7, 640, false, "Thu 27 Oct", "Thu 3 Nov", 8},
		{"four weeks", 28, 640, false, "27 Oct", "24 Nov", 15},
		{"thirteen weeks, full width", 91, 640, false, "31 Oct", "23 Jan", 13},
		{"thirteen weeks, half width", 91, 300, false, "31 Oct", "23 Jan", 7},
		{"a year", 365, 640, false, "Nov 2022", "Oct 2023", 12},
		{"stacked panel", 7, 640, true, "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := labels(tt.days, tt.width, tt.blank)
			if len(got) != tt.n {
				t.Fatalf("%d labels %q, want %d", len(got), got, tt.n)
			}
			if tt.n > 0 && (got[0] != tt.first || got[len(got)-1] != tt.last) {
				t.Errorf("labels %q, want %q … %q", got, tt.first, tt.last)
			}
		})
	}
	// Ticks sit on local midnight: 23:00 UTC in summer time, 00:00 after
	// the clocks go back at 02:00 on Sunday 30 October.
	ticks := (dateTicker{width: 640}).Ticks(midnight(calendar.Date{Year: 2022, Month: time.October, Day: 29}), midnight(calendar.Date{Year: 2022, Month: time.November, Day: 1}))
	var utc []string
	for _, tk := range ticks {
		utc = append(utc, time.Unix(int64(tk.Value), 0).UTC().Format("2006-01-02T15:04Z"))
	}
	if want := []string{"2022-10-28T23:00Z", "2022-10-29T23:00Z", "2022-10-31T00:00Z", "2022-11-01T00:00Z"}; !slices.Equal(utc, want) {
		t.Errorf("ticks at %v, want %v…", utc, want)
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		v        float64
		decimals int
		want     string
	}{
		{0, 0, "0"},
		{999, 0, "999"},
		{1000, 0, "1,000"},
		{1234567.89, 1, "1,234,567.9"},
		{-2500, 0, "-2,500"},
		{-0.04, 1, "0.0"}, // no "-0.0"
		{97.25, 2, "97.25"},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.v, tt.decimals); got != tt.want {
			t.Errorf("formatNumber(%v, %d) = %q, want %q", tt.v, tt.decimals, got, tt.want)
		}
	}
}

func TestCountTicker(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []string
	}{
		{0, 100, []string{"0", "20", "40", "60", "80", "100"}},
		{0, 108, []string{"0", "20", "40", "60", "80", "100"}},
		{0, 13000, []string{"0", "2,500", "5,000", "7,500", "10,000", "12,500"}},
		{0, 1.08, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		{0, 12, []string{"0", "2", "4", "6", "8", "10", "12"}},
		{0, 14, []string{"0.0", "2.5", "5.0", "7.5", "10.0", "12.5"}},
		{5, 5, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range (countTicker{}).Ticks(tt.lo, tt.hi) {
			got = append(got, tk.Label)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("ticks on [%v, %v]: %q, want %q", tt.lo, tt.hi, got, tt.want)
		}
	}
}

// BenchmarkAllThirteenWeeks renders the charts of a 13-week, five-nation
// aggregate, the size of the 2022 Adastra scenario.
func BenchmarkAllThirteenWeeks(b *testing.B) {
	a := synthesize(true, 91, []string{"england", "scotland", "wales", "northern_ireland", reports.UK})
	for b.Loop() {
		if _, err := All(a); err != nil {
			b.Fatal(err)
		}
	}
}

// TestChartsLeftOutWhenNotModelled: a scenario without GP practices or GP
// out-of-hours (a textbook queue) gets no surge or OOH chart rather than
// an error, and the other charts still render.
func TestChartsLeftOutWhenNotModelled(t *testing.T) {
	a := synthetic(true)
	for _, n := range a.Nations {
		if s := a.Find(n, "gp_capacity", true); s != nil {
			clear(s.Outage.Mean)
		}
	}
	cs, err := All(a)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	if slices.Contains(ids, IDGPSurge) {
		t.Errorf("charts %v: a scenario without GP capacity has no surge chart", ids)
	}
	if !slices.Contains(ids, IDCallsPerHour) || !slices.Contains(ids, IDOOH) {
		t.Errorf("charts %v: the others must still be drawn", ids)
	}
	for i := range a.Series {
		if s := &a.Series[i]; s.Name == "ooh_backlog" {
			clear(s.Outage.Mean)
			clear(s.Counterfactual.Mean)
		} else if s.Name == "ooh_time_to_consultation_min" {
			for _, b := range []*reports.Band{&s.Outage, &s.Counterfactual} {
				for d := range b.Mean {
					b.Mean[d], b.P5[d], b.P95[d] = math.NaN(), math.NaN(), math.NaN()
				}
			}
		}
	}
	cs, err = All(a)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.ID == IDOOH || c.ID == IDGPSurge {
			t.Errorf("chart %s drawn for a scenario without it", c.ID)
		}
	}
	if len(cs) != 4 {
		t.Errorf("%d charts, want 4", len(cs))
	}
}

// TestEmptyCharts: a series with no value at all comes from valid input
// (no adviser on duty, no calls, every contact online). The chart is then
// drawn empty, titled as usual, with a caption and alt text that say which
// series is empty and why, and every other chart is drawn as usual.
func TestEmptyCharts(t *testing.T) {
	nans := func(n int) []float64 {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = math.NaN()
		}
		return xs
	}
	for _, tc := range []struct {
		name, chart string
		outage      bool
		edit        func(a *reports.Aggregate)
		want        []string
	}{
		{"nobody answered", IDAnsweredWithin60, true, func(a *reports.Aggregate) {
			for i := range a.Series {
				if s := &a.Series[i]; s.Name == "answered_within_60s_pct" {
					s.Outage.Mean, s.Counterfactual.Mean = nans(len(s.Outage.Mean)), nans(len(s.Counterfactual.Mean))
				}
			}
		}, []string{"This chart is empty", "Calls answered within 60 seconds", "no call was answered"}},
		{"all-NaN hourly series", IDCallsPerHour, true, func(a *reports.Aggregate) {
			s := a.Find("wales", "calls_offered", false)
			s.Outage.Mean = nans(len(s.Outage.Mean))
		}, []string{"This chart is empty", "Wales", "was 0 on every day"}},
		{"no OOH consultation", IDOOH, false, func(a *reports.Aggregate) {
			s := a.Find("uk", "ooh_time_to_consultation_min", true)
			for i := range s.Outage.Mean {
				s.Outage.Mean[i] = math.Inf(1)
			}
		}, []string{"This chart is empty", "no out-of-hours case reached a consultation"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := synthetic(tc.outage)
			tc.edit(a)
			cs, err := All(a)
			if err != nil {
				t.Fatal(err)
			}
			want := synthetic(tc.outage)
			full, err := All(want)
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) != len(full) {
				t.Fatalf("%d charts, want %d", len(cs), len(full))
			}
			for _, c := range cs {
				if c.ID != tc.chart {
					if strings.Contains(c.Caption, "empty") {
						t.Errorf("%s is empty too: %s", c.ID, c.Caption)
					}
					continue
				}
				if c.Title != titles[c.ID] || len(c.PNG) == 0 || len(c.SVG) == 0 {
					t.Errorf("%s: title %q, %d bytes of PNG, %d of SVG", c.ID, c.Title, len(c.PNG), len(c.SVG))
				}
				for _, w := range tc.want {
					if !strings.Contains(c.Caption, w) || !strings.Contains(c.Alt, w) {
						t.Errorf("%s: caption %q or alt %q lacks %q", c.ID, c.Caption, c.Alt, w)
					}
				}
			}
		})
	}
}

// TestTitlesOfEmptyCharts: an empty chart keeps the title the drawn chart
// has.
func TestTitlesOfEmptyCharts(t *testing.T) {
	cs, err := All(synthetic(true))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if titles[c.ID] != c.Title {
			t.Errorf("titles[%s] = %q, the chart's title is %q", c.ID, titles[c.ID], c.Title)
		}
	}
}
