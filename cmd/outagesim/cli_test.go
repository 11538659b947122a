package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/reports/golden"
)

// runCLI runs the command in-process and returns its exit code, stdout
// and stderr with the temporary folder written as $TMP.
func runCLI(t *testing.T, tmp string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	for i, a := range args {
		args[i] = strings.ReplaceAll(a, "$TMP", tmp)
	}
	code := run(args, nil, &stdout, &stderr)
	clean := func(s string) string { return strings.ReplaceAll(s, tmp, "$TMP") }
	return code, clean(stdout.String()), clean(stderr.String())
}

func TestScenarioCommands(t *testing.T) {
	tmp := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		// The library, one line each, the default marked.
		{"list", []string{"list"}, exitOK},
		{"validate-ok", []string{"validate", "textbook-erlang-a", "testdata/scenarios/short-outage.yaml"}, exitOK},
		// Every problem at once, each with file:line:column and what is allowed.
		{"validate-bad", []string{"validate", "testdata/scenarios/bad.yaml"}, exitUsage},
		{"validate-missing", []string{"validate", "testdata/scenarios/nope.yaml"}, exitUsage},
		// Entries that change nothing are warned about, with their lines,
		// and the file is still valid.
		{"validate-noop", []string{"validate", "testdata/scenarios/noop.yaml"}, exitOK},
		{"run-textbook", []string{"run", "-reps", "3", "-set", "horizon=2d", "-out", "$TMP/textbook", "textbook-erlang-a"}, exitOK},
		// The same with the flags after the scenario, as most users type it.
		{"run-flags-after", []string{"run", "textbook-erlang-a", "-reps", "3", "-set", "horizon=2d", "-out", "$TMP/textbook"}, exitOK},
		{"validate-dashdash", []string{"validate", "--", "-reps"}, exitUsage},
		{"run-outage-week", []string{"run", "-out", "$TMP/week", "-format", "json,csv", "testdata/scenarios/short-outage.yaml"}, exitOK},
		{"run-bad-set", []string{"run", "-set", "outage.contingency.handle_factor=lots", "-out", "$TMP/x", "testdata/scenarios/short-outage.yaml"}, exitUsage},
		// -json: summary.json on stdout, the headline on stderr.
		{"run-json", []string{"run", "textbook-erlang-a", "-json", "-reps", "2", "-set", "horizon=1d", "-format", "json", "-out", "$TMP/json", "-summary", "$TMP/run-summary.md"}, exitOK},
		{"compare-json", []string{"compare", "textbook-erlang-c", "textbook-erlang-a", "-json", "-reps", "2", "-kpi", "abandoned_pct,mean_answer_s", "-out", "$TMP/cmpjson"}, exitOK},
		{"run-bad-format", []string{"run", "-format", "docx", "textbook-erlang-a"}, exitUsage},
		{"run-two-scenarios", []string{"run", "a", "b"}, exitUsage},
		{"compare", []string{"compare", "-reps", "3", "-kpi", "answered_within_60s_pct,abandoned_pct,mean_answer_s", "-out", "$TMP/cmp", "textbook-erlang-c", "textbook-erlang-a"}, exitOK},
		{"compare-one", []string{"compare", "textbook-erlang-a"}, exitUsage},
		{"compare-bad-kpi", []string{"compare", "-kpi", "happiness", "a", "b"}, exitUsage},
		// How many advisers hold abandonment down?
		{"sweep", []string{"sweep", "-reps", "3", "-kpi", "answered_within_60s_pct,abandoned_pct", "-vary", "nations.england.services.queue.advisers.fixed=12,13,14,15", "-set", "horizon=2d", "-out", "$TMP/sweep", "textbook-erlang-a"}, exitUsage},
		{"sweep-advisers", []string{"sweep", "-reps", "3", "-kpi", "answered_within_60s_pct,abandoned_pct", "-vary", "nations.england.services.queue.advisers.fixed=12,13,14,15", "-out", "$TMP/sweep", "textbook-erlang-a"}, exitOK},
		{"sweep-grid", []string{"sweep", "-reps", "2", "-kpi", "answered_within_60s_pct,abandoned_pct", "-vary", "horizon=1d,2d", "-vary", "seed=1,2", "-out", "$TMP/grid", "textbook-erlang-a"}, exitOK},
		{"sweep-no-vary", []string{"sweep", "textbook-erlang-a"}, exitUsage},
		// [i] picks one list item; errors name the flag and its value.
		{"sweep-mutual-aid", []string{"sweep", "testdata/scenarios/short-mutual-aid.yaml", "-kpi", "abandoned_pct,mean_answer_s", "-nation", "england", "-vary", "outage.contingency.mutual_aid[0].share=0%,30%", "-out", "$TMP/aid"}, exitOK},
		{"sweep-bad-share", []string{"sweep", "testdata/scenarios/short-mutual-aid.yaml", "-vary", "outage.contingency.mutual_aid[0].share=120%,30%", "-out", "$TMP/aid2"}, exitUsage},
		{"run-bad-index", []string{"run", "testdata/scenarios/short-outage.yaml", "-set", "outage.waves[12].at=+1d", "-set", "outage.waves.at=+1d", "-out", "$TMP/x"}, exitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tmp, tc.args...)
			if code != tc.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			golden.CheckString(t, filepath.Join("testdata", tc.name+".stdout"), stdout)
			golden.CheckString(t, filepath.Join("testdata", tc.name+".stderr"), stderr)
		})
	}
	// What run wrote.
	for _, f := range []string{"textbook/report.html", "textbook/report.md", "textbook/summary.json", "textbook/kpis.csv",
		"textbook/timeseries.csv", "week/summary.json", "week/kpis.csv", "cmp/compare.md", "cmp/compare.json", "grid/sweep.csv"} {
		if info, err := os.Stat(filepath.Join(tmp, f)); err != nil || info.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	// -summary: Markdown tables only, which a job summary renders.
	md, err := os.ReadFile(filepath.Join(tmp, "run-summary.md"))
	if err != nil {
		t.Fatal(err)
	}
	golden.CheckString(t, filepath.Join("testdata", "run-summary.md"), strings.ReplaceAll(string(md), tmp, "$TMP"))
	// -json prints exactly the files' documents.
	for golden, file := range map[string]string{"run-json.stdout": "json/summary.json", "compare-json.stdout": "cmpjson/compare.json"} {
		want, err1 := os.ReadFile(filepath.Join(tmp, file))
		got, err2 := os.ReadFile(filepath.Join("testdata", golden))
		if err1 != nil || err2 != nil || string(got) != string(want) {
			t.Errorf("%s is not %s: %v %v", golden, file, err1, err2)
		}
	}
	if _, err := os.Stat(filepath.Join(tmp, "week/report.html")); err == nil {
		t.Error("-format json,csv wrote report.html")
	}
}

func TestRunRefusesForeignFolder(t *testing.T) {
	tmp := t.TempDir()
	mine := filepath.Join(tmp, "thesis")
	os.MkdirAll(mine, 0o755)
	os.WriteFile(filepath.Join(mine, "chapter1.tex"), []byte("precious"), 0o644)
	code, _, stderr := runCLI(t, tmp, "run", "-reps", "2", "-set", "horizon=1d", "-out", mine, "textbook-erlang-a")
	if code != exitUsage || !strings.Contains(stderr, "not an outagesim report") {
		t.Fatalf("exit %d, stderr %q: want 2 and a refusal", code, stderr)
	}
	if data, _ := os.ReadFile(filepath.Join(mine, "chapter1.tex")); string(data) != "precious" {
		t.Fatal("the folder was touched")
	}
}

func TestSchemaCommandMatchesCommittedSchema(t *testing.T) {
	code, stdout, _ := runCLI(t, t.TempDir(), "schema")
	want, err := os.ReadFile("../../scenarios/outagesim.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if code != exitOK || stdout != string(want) {
		t.Fatalf("schema: exit %d, %d bytes; want the %d bytes of scenarios/outagesim.schema.json", code, len(stdout), len(want))
	}
}

// TestCheckGate: a baseline written with -update passes; a -set that
// makes a KPI worse fails with exit 1 and JUnit XML naming it.
func TestCheckGate(t *testing.T) {
	tmp := t.TempDir()
	base := filepath.Join(tmp, "baselines")
	steps := []struct {
		name string
		args []string
		code int
	}{
		{"check-no-baseline", []string{"check", "-baselines", base, "textbook-erlang-a"}, exitUsage},
		{"check-update", []string{"check", "-update", "-reps", "4", "-baselines", base, "textbook-erlang-a"}, exitOK},
		{"check-pass", []string{"check", "-baselines", base, "-junit", "$TMP/pass.xml", "textbook-erlang-a"}, exitOK},
		{"check-regression", []string{"check", "-baselines", base, "-junit", "$TMP/fail.xml", "-set", "nations.england.services.queue.advisers.fixed=12", "textbook-erlang-a"}, exitRegression},
		{"check-update-with-set", []string{"check", "-update", "-set", "seed=3", "-baselines", base, "textbook-erlang-a"}, exitUsage},
		// -json: the results on stdout, the text on stderr.
		{"check-json-regression", []string{"check", "textbook-erlang-a", "-json", "-baselines", base, "-set", "nations.england.services.queue.advisers.fixed=12", "-summary", "$TMP/check-summary.md"}, exitRegression},
		{"check-json-update", []string{"check", "-json", "-update", "-baselines", base, "textbook-erlang-a"}, exitUsage},
	}
	for _, s := range steps {
		code, stdout, stderr := runCLI(t, tmp, s.args...)
		if code != s.code {
			t.Fatalf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", s.name, code, s.code, stdout, stderr)
		}
		golden.CheckString(t, filepath.Join("testdata", s.name+".stdout"), stdout)
		golden.CheckString(t, filepath.Join("testdata", s.name+".stderr"), stderr)
	}
	md, err := os.ReadFile(filepath.Join(tmp, "check-summary.md"))
	if err != nil {
		t.Fatal(err)
	}
	golden.CheckString(t, filepath.Join("testdata", "check-summary.md"), string(md))
	fail, err := os.ReadFile(filepath.Join(tmp, "fail.xml"))
	if err != nil || !strings.Contains(string(fail), `<failure message="worse`) {
		t.Errorf("JUnit XML of the regression: %v\n%s", err, fail)
	}
	pass, _ := os.ReadFile(filepath.Join(tmp, "pass.xml"))
	if strings.Contains(string(pass), "<failure") {
		t.Errorf("JUnit XML of a passing check has failures:\n%s", pass)
	}
}

// TestRunPDFWithoutChromium: -format pdf names the package to install,
// with exit 2, before simulating anything.
func TestRunPDFWithoutChromium(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("OUTAGESIM_CHROMIUM", "")
	tmp := t.TempDir()
	code, stdout, stderr := runCLI(t, tmp, "run", "textbook-erlang-a", "-format", "md,pdf", "-out", "$TMP/pdf")
	if code != exitUsage {
		t.Errorf("exit %d, want 2", code)
	}
	golden.CheckString(t, filepath.Join("testdata", "run-pdf-no-chromium.stdout"), stdout)
	golden.CheckString(t, filepath.Join("testdata", "run-pdf-no-chromium.stderr"), stderr)
	if _, err := os.Stat(filepath.Join(tmp, "pdf")); err == nil {
		t.Error("a report was written")
	}
}

// TestRunPDF prints a short run's report with headless Chromium. Without
// chromium it is skipped, unless OUTAGESIM_REQUIRE_CHROMIUM=1 (as in CI).
func TestRunPDF(t *testing.T) {
	if _, err := findChromium(); err != nil {
		if os.Getenv("OUTAGESIM_REQUIRE_CHROMIUM") == "1" {
			t.Fatalf("%v, and OUTAGESIM_REQUIRE_CHROMIUM=1", err)
		}
		t.Skip(err)
	}
	tmp := t.TempDir()
	code, stdout, stderr := runCLI(t, tmp, "run", "textbook-erlang-a", "-reps", "2", "-set", "horizon=1d", "-format", "pdf", "-out", "$TMP/pdf")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	golden.CheckString(t, filepath.Join("testdata", "run-pdf.stdout"), stdout)
	golden.CheckString(t, filepath.Join("testdata", "run-pdf.stderr"), stderr)
	data, err := os.ReadFile(filepath.Join(tmp, "pdf", "report.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	// A real document: the header, pages, and the end-of-file marker.
	if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data, []byte("/Type /Page")) && !bytes.Contains(data, []byte("/Type/Page")) ||
		!bytes.Contains(data[max(0, len(data)-64):], []byte("%%EOF")) || len(data) < 10_000 {
		t.Errorf("report.pdf is not a whole PDF (%d bytes)", len(data))
	}
	if _, err := os.Stat(filepath.Join(tmp, "pdf", "report.html")); err != nil {
		t.Errorf("report.html, the PDF's source, is missing: %v", err)
	}
}

// An outage that simply ends: its window runs from the start to the end,
// with no waves.
func TestOutageEnd(t *testing.T) {
	tmp := t.TempDir()
	code, _, stderr := runCLI(t, tmp, "run", "-format", "json", "-out", "$TMP/ten", "testdata/scenarios/ten-day-outage.yaml")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(tmp, "ten", "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Periods map[string]struct{ From, To string }
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	w := doc.Periods["outage_window"]
	if w.From != "2022-08-04T07:00:00+01:00" || w.To != "2022-08-14T07:00:00+01:00" {
		t.Errorf("outage window %s to %s, want 4 Aug 07:00 to 14 Aug 07:00", w.From, w.To)
	}
	if _, ok := doc.Periods["recovery"]; ok {
		t.Error("an outage that ends at once has no recovery period")
	}
	if a := doc.Periods["after"]; a.To != "2022-08-29T00:00:00+01:00" {
		t.Errorf("after ends %s, want the end of the run", a.To)
	}
}
