package write

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/charts"
)

// entries lists a folder's names.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// onlyEntry fails unless parent holds exactly name: no temporary or old
// folders left behind.
func onlyEntry(t *testing.T, parent, name string) {
	t.Helper()
	if got := entries(t, parent); len(got) != 1 || got[0] != name {
		t.Errorf("%s holds %q, want only %q", parent, got, name)
	}
}

func writeSynthetic(t *testing.T, dir string) {
	t.Helper()
	a := syntheticAggregate()
	if err := Write(dir, a, testCharts(t), testMeta(a.Start), AllFormats); err != nil {
		t.Fatal(err)
	}
}

func TestWriteLayout(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out", "report") // the parent is created
	writeSynthetic(t, dir)
	got := readTree(t, dir)
	for _, name := range []string{MarkerFile, "report.html", "report.md", "summary.json", "kpis.csv", "timeseries.csv",
		"daily_impact.csv", "replications.csv", "charts/a-calls-per-hour.png", "charts/c-gp-surge.png", "charts/d-referrals.png"} {
		if len(got[name]) == 0 {
			t.Errorf("%s is missing or empty", name)
		}
	}
	if len(got) != 11 {
		t.Errorf("report has %q, want 11 files", keys(got))
	}
	onlyEntry(t, filepath.Join(parent, "out"), "report")
	if st, _ := os.Stat(dir); st.Mode().Perm() != 0o755 {
		t.Errorf("report folder mode %v, want 0755", st.Mode().Perm())
	}
}

func TestWriteSelectsFormats(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	a := syntheticAggregate()
	if err := Write(dir, a, testCharts(t), Meta{}, Formats{JSON: true}); err != nil {
		t.Fatal(err)
	}
	if got := keys(readTree(t, dir)); len(got) != 2 {
		t.Errorf("JSON only wrote %q, want summary.json and the marker", got)
	}
	if err := Write(dir, a, nil, Meta{}, Formats{}); err == nil {
		t.Error("no formats accepted")
	}
}

func TestWriteRefusesAFolderThatIsNotAReport(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "thesis")
	os.Mkdir(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "chapter1.md"), []byte("years of work"), 0o644)
	a := syntheticAggregate()
	err := Write(dir, a, nil, Meta{}, AllFormats)
	if !errors.Is(err, ErrNotReport) || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), MarkerFile) {
		t.Fatalf("error %v: want ErrNotReport naming the folder and the marker file", err)
	}
	if got := entries(t, dir); len(got) != 1 || got[0] != "chapter1.md" {
		t.Errorf("the folder now holds %q", got)
	}
	onlyEntry(t, parent, "thesis")

	file := filepath.Join(parent, "notes.txt")
	os.WriteFile(file, []byte("x"), 0o644)
	if err := Write(file, a, nil, Meta{}, AllFormats); !errors.Is(err, ErrNotReport) {
		t.Errorf("writing over a file: %v, want ErrNotReport", err)
	}
	if data, _ := os.ReadFile(file); string(data) != "x" {
		t.Error("the file was changed")
	}
}

func TestWriteUsesAnEmptyFolder(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "empty")
	os.Mkdir(dir, 0o755)
	writeSynthetic(t, dir)
	if _, err := os.Stat(filepath.Join(dir, "report.html")); err != nil {
		t.Error(err)
	}
	onlyEntry(t, parent, "empty")
}

func TestWriteReplacesAnOldReport(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "report")
	writeSynthetic(t, dir)
	// A file of an older report that this one does not write.
	os.WriteFile(filepath.Join(dir, "charts", "z-old-chart.png"), []byte("old"), 0o644)
	a := syntheticAggregate()
	a.Seed = 43
	if err := Write(dir, a, testCharts(t), testMeta(a.Start), AllFormats); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dir)
	if _, ok := got["charts/z-old-chart.png"]; ok {
		t.Error("a file of the old report survived: the folder must be replaced as a whole")
	}
	if !bytes.Contains(got["summary.json"], []byte(`"seed": 43`)) {
		t.Error("summary.json is not the new one")
	}
	onlyEntry(t, parent, "report")
}

// TestFailureKeepsTheOldReport fails the write after each file in turn, and
// the final rename: the old report must survive byte for byte, with
// nothing left beside it.
func TestFailureKeepsTheOldReport(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "report")
	writeSynthetic(t, dir)
	before := readTree(t, dir)
	a := syntheticAggregate()
	a.Seed = 99
	boom := errors.New("disk full")
	for _, failAt := range []string{"report.html", "summary.json", "charts/c-gp-surge.png", MarkerFile} {
		afterFile = func(name string) error {
			if name == failAt {
				return boom
			}
			return nil
		}
		err := Write(dir, a, testCharts(t), testMeta(a.Start), AllFormats)
		afterFile = nil
		if !errors.Is(err, boom) {
			t.Fatalf("failing after %s: error %v", failAt, err)
		}
		checkUnchanged(t, dir, before)
		onlyEntry(t, parent, "report")
	}

	// The new folder cannot be renamed into place: the old one goes back.
	calls := 0
	rename = func(from, to string) error {
		if calls++; calls == 2 {
			return boom
		}
		return os.Rename(from, to)
	}
	defer func() { rename = os.Rename }()
	if err := Write(dir, a, testCharts(t), testMeta(a.Start), AllFormats); !errors.Is(err, boom) {
		t.Fatalf("failing rename: error %v", err)
	}
	checkUnchanged(t, dir, before)
	onlyEntry(t, parent, "report")
}

func checkUnchanged(t *testing.T, dir string, before map[string][]byte) {
	t.Helper()
	after := readTree(t, dir)
	if len(after) != len(before) {
		t.Fatalf("the old report has %d files, had %d", len(after), len(before))
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s of the old report changed", name)
		}
	}
}

// TestInvalidNumbersWriteNothing: a NaN or infinity, or a series of the
// wrong length, is an error naming where it is, and no folder appears.
func TestInvalidNumbersWriteNothing(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(a *reports.Aggregate)
		want   string
	}{
		{"NaN KPI mean", func(a *reports.Aggregate) { a.KPI("england", "mean_answer_s").Outage.Mean = math.NaN() },
			"KPI mean_answer_s (england), outage mean: NaN"},
		{"infinite impact interval", func(a *reports.Aggregate) { a.KPI("wales", "calls_offered").Impact.CI95[1] = math.Inf(1) },
			"KPI calls_offered (wales), impact ci95 upper: +Inf"},
		{"infinite series value", func(a *reports.Aggregate) { a.Find("england", "gp_demand", true).Counterfactual.P95[1] = math.Inf(-1) },
			"series gp_demand (england, daily), counterfactual p95 at 2022-10-31: -Inf"},
		{"infinite hourly value", func(a *reports.Aggregate) { a.Find("wales", "calls_offered", false).Outage.Mean[2] = math.Inf(1) },
			"series calls_offered (wales, hourly), outage mean at 2022-10-30T01:00:00+00:00: +Inf"},
		{"short series", func(a *reports.Aggregate) { s := a.Find("wales", "gp_demand", true); s.Outage.Mean = s.Outage.Mean[:1] },
			"series gp_demand (wales, daily), outage mean: 1 values, want 2"},
		{"no KPIs", func(a *reports.Aggregate) { a.KPIs = nil }, "aggregate has no KPIs"},
		{"no series", func(a *reports.Aggregate) { a.Series = nil }, "aggregate has no time series"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := syntheticAggregate()
			tc.change(a)
			parent := t.TempDir()
			err := Write(filepath.Join(parent, "report"), a, nil, Meta{}, AllFormats)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
			if got := entries(t, parent); len(got) != 0 {
				t.Errorf("wrote %q", got)
			}
		})
	}
}

func TestBadChartsAndMeta(t *testing.T) {
	good := testCharts(t)[0]
	for _, tc := range []struct {
		name   string
		change func(c *charts.Chart, m *Meta)
		want   string
	}{
		{"empty PNG", func(c *charts.Chart, m *Meta) { c.PNG = nil }, "PNG is empty or not a PNG"},
		{"no SVG", func(c *charts.Chart, m *Meta) { c.SVG = []byte("<html/>") }, "SVG has no <svg> element"},
		{"script in SVG", func(c *charts.Chart, m *Meta) {
			c.SVG = bytes.Replace(c.SVG, []byte("</svg>"), []byte("<script>alert(1)</script></svg>"), 1)
		}, `SVG contains "<script"`},
		{"event handler", func(c *charts.Chart, m *Meta) {
			c.SVG = bytes.Replace(c.SVG, []byte("<g "), []byte(`<g onload="x()" `), 1)
		}, "event handler"},
		{"bad ID", func(c *charts.Chart, m *Meta) { c.ID = "../escape" }, "not a file-name stem"},
		{"no alt text", func(c *charts.Chart, m *Meta) { c.Alt = "" }, "no alt text"},
		{"bad hash", func(c *charts.Chart, m *Meta) { m.Hash = "abc" }, "not a SHA-256"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, m := good, Meta{}
			c.SVG, c.PNG = bytes.Clone(good.SVG), bytes.Clone(good.PNG)
			tc.change(&c, &m)
			parent := t.TempDir()
			err := Write(filepath.Join(parent, "report"), syntheticAggregate(), []charts.Chart{c}, m, AllFormats)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
			if got := entries(t, parent); len(got) != 0 {
				t.Errorf("wrote %q", got)
			}
		})
	}
	dup := []charts.Chart{good, good}
	if err := Write(filepath.Join(t.TempDir(), "r"), syntheticAggregate(), dup, Meta{}, AllFormats); err == nil || !strings.Contains(err.Error(), "used twice") {
		t.Errorf("duplicate chart IDs: %v", err)
	}
}

func TestInlineSVG(t *testing.T) {
	src := `<?xml version="1.0"?>
<!-- comment -->
<svg width="200pt" height="100pt" xmlns="http://www.w3.org/2000/svg"><defs><clipPath id="c1"><rect width="5" height="5"/></clipPath></defs><g clip-path="url(#c1)"><use href="#c1"/><path d="M0,0"/></g></svg>
`
	got, err := inlineSVG([]byte(src), "fig", `A & "B"`)
	if err != nil {
		t.Fatal(err)
	}
	want := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" class="chart-svg" role="img" aria-label="A &amp; &#34;B&#34;" focusable="false">` +
		`<defs><clipPath id="fig-c1"><rect width="5" height="5"/></clipPath></defs><g clip-path="url(#fig-c1)"><use href="#fig-c1"/><path d="M0,0"/></g></svg>`
	if got != want {
		t.Errorf("inlineSVG:\n got %s\nwant %s", got, want)
	}
}

func TestNumberFormats(t *testing.T) {
	for _, tc := range []struct {
		x      float64
		dec    int
		signed bool
		want   string
	}{
		{1234567.891, 0, false, "1,234,568"},
		{1234.5, 1, false, "1,234.5"},
		{-1234.5, 1, false, "−1,234.5"},
		{999.96, 1, false, "1,000.0"},
		{12, 0, true, "+12"},
		{-0.04, 1, true, "0.0"}, // no "−0.0"
		{0, 0, true, "0"},
		{100, 0, false, "100"},
	} {
		if got := num(tc.x, tc.dec, tc.signed); got != tc.want {
			t.Errorf("num(%v, %d, %v) = %q, want %q", tc.x, tc.dec, tc.signed, got, tc.want)
		}
	}
	for x, want := range map[float64]string{-0.00001: "0.0000", 1e6: "1000000.0000", -2.5: "-2.5000", 1.23456789: "1.2346"} {
		if got := dataNum(x); got != want {
			t.Errorf("dataNum(%v) = %q, want %q", x, got, want)
		}
	}
}

// TestRealRunsWrite writes real runs with and without an outage, with the
// metadata the aggregate alone provides: the outage's timeline is derived
// from its settings, and a run without an outage has no counterfactual.
func TestRealRunsWrite(t *testing.T) {
	withOutage := runAggregate(t, true, 3, 0)
	dir := filepath.Join(t.TempDir(), "outage")
	if err := Write(dir, withOutage, testCharts(t), Meta{}, AllFormats); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dir)
	md := string(got["report.md"])
	for _, want := range []string{"# wales-test", "Derived from the scenario's outage settings",
		"| Thu 4 Aug 2022 07:00 | Systems go down: adastra |", "| Thu 4 Aug 2022 08:00 | Contingency measures in place |",
		"| Fri 5 Aug 2022 12:00 | Reconnection: 111-wales (50% of sites) |", "## Impact by period and nation",
		"### Outage window: Thu 4 Aug 2022 07:00 to Sat 6 Aug 2022 00:00", "### Whole run: Wed 3 Aug 2022 00:00 to Sat 6 Aug 2022 00:00",
		"Callers in Wales who hang up and do not ring back leave the model",
		"**Tool version:** not recorded"} {
		if !strings.Contains(md, want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
	if !bytes.Contains(got["kpis.csv"], []byte("wales,referrals_lost,impact,")) {
		t.Error("kpis.csv has no impact rows")
	}

	normal := runAggregate(t, false, 2, 0)
	dir = filepath.Join(t.TempDir(), "normal")
	if err := Write(dir, normal, nil, Meta{}, AllFormats); err != nil {
		t.Fatal(err)
	}
	got = readTree(t, dir)
	md = string(got["report.md"])
	for _, want := range []string{"This scenario has no outage", "## Results by period and nation", "The scenario has no outage and lists no events."} {
		if !strings.Contains(md, want) {
			t.Errorf("report.md without an outage lacks %q", want)
		}
	}
	for _, name := range []string{"kpis.csv", "timeseries.csv", "summary.json"} {
		if bytes.Contains(got[name], []byte("counterfactual")) {
			t.Errorf("%s mentions a counterfactual for a run without an outage", name)
		}
	}
	if !bytes.Contains(got["summary.json"], []byte(`"has_outage": false`)) {
		t.Error(`summary.json lacks "has_outage": false`)
	}
	if strings.Contains(md, "## Charts") {
		t.Error("a report without charts has a Charts section")
	}
}

// TestReportWithRealCharts writes a real run with the charts of
// reports/charts, through Report, and checks every chart is in both
// reports and has its PNG.
func TestReportWithRealCharts(t *testing.T) {
	a := runAggregate(t, true, 3, 0)
	cs, err := charts.All(a)
	if err != nil {
		t.Fatalf("charts.All: %v", err)
	}
	if len(cs) == 0 {
		t.Fatal("charts.All returned no charts")
	}
	dir := filepath.Join(t.TempDir(), "report")
	if err := Report(dir, a, testMeta(a.Start), AllFormats); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dir)
	for _, c := range cs {
		if !bytes.Equal(got["charts/"+c.ID+".png"], c.PNG) {
			t.Errorf("charts/%s.png is missing or not the chart's PNG", c.ID)
		}
		if !bytes.Contains(got["report.html"], []byte(`id="chart-`+c.ID+`"`)) {
			t.Errorf("report.html lacks chart %s", c.ID)
		}
		if !bytes.Contains(got["report.md"], []byte("](charts/"+c.ID+".png)")) {
			t.Errorf("report.md lacks chart %s", c.ID)
		}
	}
	// Formats without a report need no charts.
	if err := Report(filepath.Join(t.TempDir(), "data"), a, Meta{}, Formats{JSON: true, CSV: true}); err != nil {
		t.Fatal(err)
	}
}

func TestFolder(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "compare")
	files := map[string][]byte{"compare.md": []byte("# A vs B\n"), "data/compare.csv": []byte("a,b\n")}
	if err := Folder(dir, files); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dir)
	if len(got) != 3 || string(got["data/compare.csv"]) != "a,b\n" || len(got[MarkerFile]) == 0 {
		t.Errorf("folder holds %q", keys(got))
	}
	// It replaces its own output, and a report, but nothing else.
	if err := Folder(dir, map[string][]byte{"compare.md": []byte("new")}); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, dir); len(got) != 2 || string(got["compare.md"]) != "new" {
		t.Errorf("after replacing, folder holds %q", keys(got))
	}
	onlyEntry(t, parent, "compare")
	other := filepath.Join(parent, "other")
	os.Mkdir(other, 0o755)
	os.WriteFile(filepath.Join(other, "x"), nil, 0o644)
	if err := Folder(other, files); !errors.Is(err, ErrNotReport) {
		t.Errorf("writing over a folder that is not ours: %v", err)
	}
	for _, bad := range []string{"../escape", "/abs", "a/../b", MarkerFile, ""} {
		if err := Folder(filepath.Join(parent, "bad"), map[string][]byte{bad: nil}); err == nil {
			t.Errorf("file name %q accepted", bad)
		}
	}
	if err := Folder(filepath.Join(parent, "none"), nil); err == nil {
		t.Error("no files accepted")
	}
}
