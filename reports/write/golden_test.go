package write

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/golden"
)

func TestGoldenFiles(t *testing.T) {
	a := syntheticAggregate()
	meta := testMeta(a.Start)
	cs := testCharts(t)
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"summary.json", func(b *bytes.Buffer) error { return SummaryJSON(b, a, meta) }},
		{"kpis.csv", func(b *bytes.Buffer) error { return KPIsCSV(b, a) }},
		{"timeseries.csv", func(b *bytes.Buffer) error { return TimeseriesCSV(b, a) }},
		{"report.md", func(b *bytes.Buffer) error { return Markdown(b, a, cs, meta) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", tc.name), b.Bytes())
		})
	}
}

func TestSummaryJSONIsValidJSON(t *testing.T) {
	var b bytes.Buffer
	if err := SummaryJSON(&b, syntheticAggregate(), testMeta(syntheticAggregate().Start)); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		SchemaVersion int `json:"schema_version"`
		Replications  int
		KPIs          map[string]map[string]map[string]struct {
			Mean float64
			CI95 [2]float64
		}
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("summary.json does not parse: %v\n%s", err, b.String())
	}
	if doc.SchemaVersion != SchemaVersion || doc.Replications != 10 {
		t.Errorf("schema_version %d, replications %d", doc.SchemaVersion, doc.Replications)
	}
	got := doc.KPIs["answered_within_60s_pct"]["england"]["impact"]
	if got.Mean != -17.266 || got.CI95 != [2]float64{-19.1, -15.432} {
		t.Errorf("england answered within 60 s impact: %+v", got)
	}
	if _, ok := doc.KPIs["callback_within_target_pct"]; ok {
		t.Error("a KPI no nation has appears in summary.json")
	}
}

// TestRealAggregateIsDeterministic writes the report of a real run twice,
// and of the same run with a different number of workers: every file must
// be byte-identical.
func TestRealAggregateIsDeterministic(t *testing.T) {
	a1 := runAggregate(t, true, 4, 1)
	a2 := runAggregate(t, true, 4, 2)
	cs := testCharts(t)
	dirs := []string{filepath.Join(t.TempDir(), "r1"), filepath.Join(t.TempDir(), "r2"), filepath.Join(t.TempDir(), "r3")}
	for i, agg := range []*reports.Aggregate{a1, a1, a2} {
		if err := Write(dirs[i], agg, cs, testMeta(agg.Start), AllFormats); err != nil {
			t.Fatal(err)
		}
	}
	want := readTree(t, dirs[0])
	if len(want) != 11 {
		t.Errorf("report has %d files, want 11: %v", len(want), keys(want))
	}
	for _, dir := range dirs[1:] {
		got := readTree(t, dir)
		if len(got) != len(want) {
			t.Fatalf("%s has %d files, want %d", dir, len(got), len(want))
		}
		for name, data := range want {
			if !bytes.Equal(got[name], data) {
				t.Errorf("%s differs between identical runs", name)
			}
		}
	}
}

// readTree reads every file under dir by its slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
