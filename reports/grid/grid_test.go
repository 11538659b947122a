package grid

import (
	"bytes"
	"image/png"
	"math"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/stats"
)

// agg is an aggregate with one UK KPI taking the given replication values.
func agg(key string, values ...float64) *reports.Aggregate {
	s, _ := stats.Summarise(values)
	return &reports.Aggregate{Seed: 1, Replications: len(values),
		KPIs: []reports.KPI{{Key: key, Nation: reports.UK, Outage: s, Values: values}}}
}

func TestComparisonDeltaIsPaired(t *testing.T) {
	// Runs on common random numbers: a large spread across replications
	// (sd 10, so the 95% half-width is t(0.975; 2)·10/√3 = 24.8414),
	// a constant difference. The paired delta has no width.
	tb := &Table{Title: "t", Nation: reports.UK, KPIs: []string{"abandoned_pct"}, Runs: []Run{
		{Label: "a", Agg: agg("abandoned_pct", 10, 20, 30)},
		{Label: "b", Agg: agg("abandoned_pct", 12, 22, 32)},
	}}
	c, err := tb.Cell(1, "abandoned_pct")
	if err != nil {
		t.Fatal(err)
	}
	if c.Delta == nil || c.Delta.Mean != 2 || c.Delta.CI95 != [2]float64{2, 2} {
		t.Fatalf("delta %+v, want exactly +2", c.Delta)
	}
	if c0, _ := tb.Cell(0, "abandoned_pct"); c0.Delta != nil {
		t.Error("the first run has a delta from itself")
	}
	if cm, _ := tb.Cell(0, "mean_answer_s"); cm.Summary != nil {
		t.Error("a KPI the run lacks has a summary")
	}
	var text, md, csv bytes.Buffer
	for _, f := range []func() error{
		func() error { return tb.WriteText(&text) }, func() error { return tb.WriteMarkdown(&md) }, func() error { return tb.WriteCSV(&csv) },
	} {
		if err := f(); err != nil {
			t.Fatal(err)
		}
	}
	if !strings.Contains(text.String(), "22.00 (-2.84–46.84) Δ +2.00 (2.00–2.00)") {
		t.Errorf("text table:\n%s", text.String())
	}
	if !strings.Contains(md.String(), "| abandoned_pct | 20.00 (-4.84–44.84) | 22.00 (-2.84–46.84) Δ +2.00 (2.00–2.00) |") {
		t.Errorf("markdown:\n%s", md.String())
	}
	if want := "b,uk,abandoned_pct,22,-2.84138,46.8414,2,2,2\n"; !strings.HasSuffix(csv.String(), want) {
		t.Errorf("csv:\n%s\nwant it to end with %q", csv.String(), want)
	}
}

func TestSweepCharts(t *testing.T) {
	tb := &Table{Title: "s", Nation: reports.UK, KPIs: []string{"abandoned_pct", "mean_answer_s"},
		Params: []string{"staff", "handle"}}
	for _, staff := range []string{"1", "1.2"} {
		for _, handle := range []string{"1.3", "1.5"} {
			x, _ := numeric(staff)
			y, _ := numeric(handle)
			tb.Runs = append(tb.Runs, Run{Label: staff + " " + handle, Values: []string{staff, handle},
				Agg: agg("abandoned_pct", 30*y/x, 31*y/x, 29*y/x)})
		}
	}
	cs, err := tb.SweepCharts()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].KPI != "abandoned_pct" {
		t.Fatalf("charts for %v, want abandoned_pct only (mean_answer_s is missing)", cs)
	}
	img, err := png.Decode(bytes.NewReader(cs[0].PNG))
	if err != nil || img.Bounds().Dx() < 500 {
		t.Fatalf("PNG: %v, %v", err, img)
	}
	if !bytes.Contains(cs[0].SVG, []byte("<svg")) || !bytes.Contains(cs[0].SVG, []byte("handle = 1.5")) {
		t.Error("SVG without the legend for the second parameter")
	}
	again, _ := tb.SweepCharts()
	if !bytes.Equal(again[0].SVG, cs[0].SVG) {
		t.Error("the same sweep drew different SVG")
	}
	if _, err := (&Table{}).SweepCharts(); err == nil {
		t.Error("a comparison drew sweep charts")
	}
}

func TestNumeric(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{{"1.25", 1.25, true}, {"80%", 80, true}, {"30m", 30, true}, {"2h", 120, true}, {"90s", 1.5, true}, {"manual", 0, false}} {
		got, ok := numeric(tc.in)
		if ok != tc.ok || math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("numeric(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
