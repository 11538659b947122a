package write

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/charts"
	"github.com/outagesim/outagesim/sim/replicate"
)

func TestFormatsNeeds(t *testing.T) {
	for _, tc := range []struct {
		formats string
		want    reports.Parts
	}{
		{"json", 0},
		{"csv", reports.AllParts},
		{"html", reports.AllParts},
		{"md", reports.AllParts},
		{"json,csv", reports.AllParts},
		{"all", reports.AllParts},
	} {
		f, err := ParseFormats(tc.formats)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Needs(); got != tc.want {
			t.Errorf("%s needs %v, want %v", tc.formats, got, tc.want)
		}
	}
}

// summary.json from an aggregate built for it alone (no daily KPIs, no
// series) is the bytes of the one from an aggregate with every part, and
// so are kpis.csv and replications.csv; with or without an outage.
func TestJSONFromAggregateWithoutParts(t *testing.T) {
	for _, outage := range []bool{true, false} {
		opts := replicate.Options{Replications: 3, Seed: 7, Workers: 2}
		full, err := reports.Summarise(testConfig(outage), opts)
		if err != nil {
			t.Fatal(err)
		}
		json := Formats{JSON: true}
		bare, err := reports.SummariseFor(testConfig(outage), opts, json.Needs())
		if err != nil {
			t.Fatal(err)
		}
		if len(bare.Daily) != 0 || len(bare.Series) != 0 {
			t.Fatalf("outage %v: the aggregate for summary.json has %d daily KPIs and %d series, want none", outage, len(bare.Daily), len(bare.Series))
		}
		meta := testMeta(full.Start)
		for name, w := range map[string]func(io.Writer, *reports.Aggregate) error{
			"summary.json":     func(w io.Writer, a *reports.Aggregate) error { return SummaryJSON(w, a, meta) },
			"kpis.csv":         KPIsCSV,
			"replications.csv": ReplicationsCSV,
		} {
			var want, got bytes.Buffer
			if err := w(&want, full); err != nil {
				t.Fatal(err)
			}
			if err := w(&got, bare); err != nil {
				t.Fatalf("outage %v: %s without the parts: %v", outage, name, err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("outage %v: %s differs without the parts", outage, name)
			}
		}
		dir := filepath.Join(t.TempDir(), "report")
		if err := Report(dir, bare, meta, json); err != nil {
			t.Fatalf("outage %v: a json-only report of a json-only aggregate: %v", outage, err)
		}
		data, err := os.ReadFile(filepath.Join(dir, "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := SummaryJSON(&want, full, meta); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, want.Bytes()) {
			t.Errorf("outage %v: Report's summary.json differs from the full aggregate's", outage)
		}
	}
}

// Whatever reads a part the aggregate was built without refuses it with
// an error wrapping reports.ErrOmitted that names the part, and writes
// nothing: never a panic, never a file that looks like a run without
// days or series.
func TestWritersRefuseOmittedParts(t *testing.T) {
	opts := replicate.Options{Replications: 2, Seed: 7, Workers: 2}
	for _, need := range []reports.Parts{0, reports.DailyKPIs, reports.TimeSeries} {
		a, err := reports.SummariseFor(testConfig(true), opts, need)
		if err != nil {
			t.Fatal(err)
		}
		meta := testMeta(a.Start)
		missing := reports.AllParts &^ need
		cases := map[string]struct {
			missing reports.Parts
			write   func(io.Writer) error
		}{
			"timeseries.csv":   {reports.TimeSeries, func(w io.Writer) error { return TimeseriesCSV(w, a) }},
			"daily_impact.csv": {reports.DailyKPIs, func(w io.Writer) error { return DailyImpactCSV(w, a) }},
			"report.html":      {reports.AllParts, func(w io.Writer) error { return HTML(w, a, nil, meta) }},
			"report.md":        {reports.AllParts, func(w io.Writer) error { return Markdown(w, a, nil, meta) }},
			"charts": {reports.AllParts, func(io.Writer) error {
				_, err := charts.All(a)
				return err
			}},
		}
		for name, tc := range cases {
			var buf bytes.Buffer
			err := tc.write(&buf)
			if tc.missing&missing == 0 {
				// The aggregate has what it reads: the writer must not
				// refuse it.
				if err != nil {
					t.Errorf("need %v: %s: %v, want no error: the aggregate has the %v", need, name, err, tc.missing)
				}
				continue
			}
			if !errors.Is(err, reports.ErrOmitted) || !strings.Contains(err.Error(), (tc.missing&missing).String()) {
				t.Errorf("need %v: %s: error %v, want one wrapping ErrOmitted naming the %v", need, name, err, tc.missing&missing)
			}
			if buf.Len() > 0 {
				t.Errorf("need %v: %s: wrote %d bytes before refusing", need, name, buf.Len())
			}
		}
		for _, f := range []Formats{{CSV: true}, {HTML: true}, {Markdown: true}, AllFormats} {
			parent := t.TempDir()
			err := Report(filepath.Join(parent, "report"), a, meta, f)
			if !errors.Is(err, reports.ErrOmitted) || !strings.Contains(err.Error(), missing.String()) {
				t.Errorf("need %v: Report(%v): error %v, want one wrapping ErrOmitted naming the %v", need, f, err, missing)
			}
			if got := entries(t, parent); len(got) != 0 {
				t.Errorf("need %v: Report(%v) wrote %q", need, f, got)
			}
		}
	}
}
