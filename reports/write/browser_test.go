package write

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/outagesim/outagesim/reports/charts"
)

// chromium finds Debian's chromium. Without it the browser test is
// skipped, unless OUTAGESIM_REQUIRE_CHROMIUM=1 (as in CI) makes it fail.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("OUTAGESIM_REQUIRE_CHROMIUM") == "1" {
		t.Fatal("chromium is not on PATH and OUTAGESIM_REQUIRE_CHROMIUM=1 (apt-get install chromium)")
	}
	t.Skip("chromium is not on PATH; set OUTAGESIM_REQUIRE_CHROMIUM=1 to make this a failure")
	return ""
}

// runChromium runs headless chromium with a fresh profile and no network
// (every host name fails to resolve) and returns its stdout and stderr.
func runChromium(t *testing.T, bin string, args ...string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--host-resolver-rules=MAP * ~NOTFOUND",
		"--enable-logging=stderr", "--v=0", "--hide-scrollbars"}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, tail(errb.String(), 2000))
	}
	return out.String(), errb.String()
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}

// probeScript records errors and console errors from the start, and on
// load measures every chart, writing what it found into the page as JSON
// (read back with --dump-dom). It goes only into a copy of the report.
const probeScript = `<script>
(function () {
  var errors = [];
  window.addEventListener("error", function (e) {
    var t = e.target || {};
    errors.push("error: " + (e.message || t.src || t.href || "a resource failed to load"));
  }, true);
  window.addEventListener("unhandledrejection", function (e) { errors.push("unhandled rejection: " + e.reason); });
  ["error", "warn"].forEach(function (level) {
    var orig = console[level];
    console[level] = function () {
      errors.push("console." + level + ": " + Array.prototype.join.call(arguments, " "));
      orig.apply(console, arguments);
    };
  });
  window.addEventListener("load", function () {
    var out = {charts: [], errors: errors};
    document.querySelectorAll("figure.chart").forEach(function (f) {
      var svg = f.querySelector("svg");
      var r = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
      out.charts.push({id: f.id, width: r.width, height: r.height,
        role: svg ? svg.getAttribute("role") : "", label: svg ? svg.getAttribute("aria-label") : "",
        marks: svg ? svg.querySelectorAll("path, text, line, rect, polyline, polygon, circle").length : 0});
    });
    var stress = document.querySelector("section#stress");
    out.stress = stress ? {height: stress.getBoundingClientRect().height, items: stress.querySelectorAll("dl.stress dt").length} : null;
    var pre = document.createElement("pre");
    pre.id = "outagesim-probe";
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  });
})();
</script>`

// TestReportInChromium opens a real report.html in headless Chromium: every
// chart must be drawn at a visible size, with no errors on the console.
// It also saves a screenshot and a PDF print of the page in the system's
// temporary folder (report.png, report.pdf) for a person to look at.
func TestReportInChromium(t *testing.T) {
	bin := chromium(t)
	a := runAggregate(t, true, 4, 0)
	cs, err := charts.All(a)
	if err != nil {
		t.Fatalf("charts.All: %v", err)
	}
	dir := filepath.Join(t.TempDir(), "report")
	if err := Write(dir, a, cs, testMeta(a.Start), AllFormats); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}

	// Self-contained: nothing to fetch, nothing to run.
	if m := regexp.MustCompile(`(?i)<(script|link|img|iframe|object|embed)\b`).Find(page); m != nil {
		t.Errorf("report.html contains %s: it must be self-contained with no scripts", m)
	}
	if m := regexp.MustCompile(`(?i)(src=|url\()\s*["']?(https?:|//)`).Find(page); m != nil {
		t.Errorf("report.html loads from the network: %s", m)
	}

	// Measure the charts in a copy with the probe.
	got, stderr := probe(t, bin, dir, page)
	if len(got.Charts) != len(cs) {
		t.Errorf("the page shows %d charts, want %d", len(got.Charts), len(cs))
	}
	for i, c := range got.Charts {
		if c.Width <= 200 || c.Height <= 200 {
			t.Errorf("chart %s is drawn at %.0f × %.0f px, want both over 200", c.ID, c.Width, c.Height)
		}
		if c.Role != "img" || c.Label == "" || (i < len(cs) && c.Label != cs[i].Alt) {
			t.Errorf("chart %s: role %q, aria-label %q; want role img and the chart's alt text", c.ID, c.Role, c.Label)
		}
		if c.Marks < 10 {
			t.Errorf("chart %s has %d drawn elements: is it empty?", c.ID, c.Marks)
		}
		t.Logf("chart %s: %.0f × %.0f px, %d elements", c.ID, c.Width, c.Height, c.Marks)
	}
	for _, e := range got.Errors {
		t.Errorf("page error: %s", e)
	}
	checkConsole(t, stderr, "probe.html")
	// The STRESS-DES section is drawn, after page one, with every item of
	// the checklist (6 sections, 24 items).
	if got.Stress == nil || got.Stress.Height < 500 || got.Stress.Items != 24 {
		t.Errorf("STRESS-DES section %+v: want one drawn, with 24 checklist items", got.Stress)
	}
	if !bytes.Contains(page, []byte(`<a href="#stress">STRESS-DES</a>`)) || bytes.Index(page, []byte(`<section id="stress">`)) < bytes.Index(page, []byte(`<section id="method">`)) {
		t.Error("report.html: the STRESS-DES section is not linked from the contents, or not after the method")
	}

	// The unmodified page: screenshot and print.
	shot := filepath.Join(os.TempDir(), "report.png")
	_, stderr = runChromium(t, bin, "--window-size=1280,6000", "--virtual-time-budget=10000",
		"--screenshot="+shot, "file://"+filepath.Join(dir, "report.html"))
	checkConsole(t, stderr, "report.html")
	if st, err := os.Stat(shot); err != nil || st.Size() < 10000 {
		t.Errorf("screenshot %s: %v (%v)", shot, st, err)
	}
	pdf := filepath.Join(os.TempDir(), "report.pdf")
	os.Remove(pdf)
	runChromium(t, bin, "--virtual-time-budget=10000", "--no-pdf-header-footer", "--print-to-pdf="+pdf,
		"file://"+filepath.Join(dir, "report.html"))
	data, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF")) || len(data) < 10000 {
		t.Fatalf("PDF print %s: %d bytes, %v", pdf, len(data), err)
	}
	// Each section starts a page: summary, scenario, charts, tables, method.
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(data, -1))
	if pages < 5 {
		t.Errorf("the PDF has %d pages, want at least 5 (one per section)", pages)
	}
	t.Logf("screenshot %s, PDF %s (%d pages, %d bytes)", shot, pdf, pages, len(data))

	// Page one is the answer: the findings are the first section, and
	// printed without the sections after it (each of which starts a new
	// page) the title and findings fill exactly one page.
	first := regexp.MustCompile(`(?s)<main>\s*<section id="(\w+)">(.*?)</section>`).FindSubmatch(page)
	if first == nil || string(first[1]) != "summary" || !bytes.Contains(first[2], []byte(`<ol class="findings">`)) {
		t.Fatalf("the first section of report.html is not the findings")
	}
	if n := bytes.Count(first[2], []byte("<li>")); n == 0 || n > maxFindings {
		t.Errorf("page one has %d findings, want 1 to %d", n, maxFindings)
	}
	end := bytes.Index(page, first[0]) + len(first[0])
	pageOne := append(append([]byte{}, page[:end]...), page[bytes.Index(page, []byte("</main>")):]...)
	onePath := filepath.Join(dir, "page-one.html")
	if err := os.WriteFile(onePath, pageOne, 0o644); err != nil {
		t.Fatal(err)
	}
	onePDF := filepath.Join(t.TempDir(), "page-one.pdf")
	runChromium(t, bin, "--virtual-time-budget=10000", "--no-pdf-header-footer", "--print-to-pdf="+onePDF,
		"file://"+onePath)
	one, err := os.ReadFile(onePDF)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(one, -1)); n != 1 {
		t.Errorf("the title and findings print on %d pages, want 1: page one must hold the findings", n)
	}
}

// probeResult is what probeScript found.
type probeResult struct {
	Charts []struct {
		ID, Role, Label string
		Width, Height   float64
		Marks           int
	}
	Errors []string
	// Stress is the STRESS-DES section as drawn: its height and the
	// checklist items it answers; nil when the page has none.
	Stress *struct {
		Height float64
		Items  int
	}
}

// probe opens a copy of page, with probeScript, in dir (so that relative
// links resolve as for the page itself) and returns what the script found
// and chromium's log.
func probe(t *testing.T, bin, dir string, page []byte) (probeResult, string) {
	t.Helper()
	withProbe := strings.Replace(string(page), "<head>", "<head>\n"+probeScript, 1)
	path := filepath.Join(dir, "probe.html")
	if err := os.WriteFile(path, []byte(withProbe), 0o644); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(path)
	dom, stderr := runChromium(t, bin, "--window-size=1280,1024", "--virtual-time-budget=10000",
		"--dump-dom", "file://"+path)
	m := regexp.MustCompile(`(?s)<pre id="outagesim-probe">(.*?)</pre>`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("the probe did not run; DOM ends:\n%s\nstderr:\n%s", tail(dom, 1000), tail(stderr, 2000))
	}
	var got probeResult
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &got); err != nil {
		t.Fatalf("probe output %q: %v", m[1], err)
	}
	return got, stderr
}

// TestProbeSeesErrors checks the checker: on a page that fetches from
// the network, logs an error and draws a tiny chart, the probe must
// report all three.
func TestProbeSeesErrors(t *testing.T) {
	bin := chromium(t)
	page := []byte(`<!DOCTYPE html><html><head><title>broken</title></head><body>
<img src="https://example.org/missing.png"><script>console.error("boom")</script>
<figure class="chart"><svg width="150" height="100" role="img" aria-label="tiny"><path d="M0,0L9,9"/></svg></figure>
</body></html>`)
	got, stderr := probe(t, bin, t.TempDir(), page)
	if len(got.Charts) != 1 || got.Charts[0].Width != 150 || got.Charts[0].Height != 100 {
		t.Errorf("charts %+v, want one of 150 × 100", got.Charts)
	}
	joined := strings.Join(got.Errors, "\n")
	if !strings.Contains(joined, "example.org/missing.png") || !strings.Contains(joined, "console.error: boom") {
		t.Errorf("probe errors %q: want the failed fetch and the console error", got.Errors)
	}
	if !strings.Contains(stderr, ":CONSOLE") {
		t.Errorf("chromium's log has no console line; checkConsole would see nothing:\n%s", tail(stderr, 1500))
	}
}

// checkConsole fails on console messages chromium logged for the page.
func checkConsole(t *testing.T, stderr, page string) {
	t.Helper()
	for line := range strings.Lines(stderr) {
		if strings.Contains(line, ":CONSOLE") && strings.Contains(line, page) {
			t.Errorf("console message from %s: %s", page, strings.TrimSpace(line))
		}
	}
}
