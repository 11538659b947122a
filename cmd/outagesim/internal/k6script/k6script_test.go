package k6script

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/outagesim/outagesim/scenarios"
	"github.com/outagesim/outagesim/sim/loadplan"
)

func script(t *testing.T) (string, loadplan.Plan) {
	t.Helper()
	s, err := scenarios.Load("adastra-2022")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := s.Config()
	if err != nil {
		t.Fatal(err)
	}
	m := loadplan.NewModel(cfg, 1)
	opts := loadplan.ArrivalOptions{Selection: loadplan.Selection{Service: "eng-north", Stream: "referrals"},
		Timeline: loadplan.Timeline{Speedup: 1440, From: 3 * 86400, To: 4 * 86400}, Scale: 0.1}
	p, err := m.Arrivals(opts)
	if err != nil {
		t.Fatal(err)
	}
	l, err := m.Load(opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, Input{Scenario: "adastra-2022", Command: "-service eng-north -stream referrals", Plan: p, Load: l, Config: cfg}); err != nil {
		t.Fatal(err)
	}
	return buf.String(), p
}

// TestScriptRunsAgainstStandIns executes the script in goja with k6/http,
// k6/metrics, k6/execution and k6 replaced by stand-ins that record calls,
// and checks the schedule and the failover.
func TestScriptRunsAgainstStandIns(t *testing.T) {
	src, plan := script(t)
	// goja runs scripts, not modules: the imports become the stand-ins
	// and the exports plain declarations.
	js := regexp.MustCompile(`(?m)^import .*$`).ReplaceAllString(src, "")
	js = strings.ReplaceAll(js, "export default function", "function __default")
	js = strings.ReplaceAll(js, "export ", "")
	vm := goja.New()
	var posts []map[string]any
	var counts []string
	now := 0.0 // ms since the test's start
	vm.Set("__ENV", map[string]any{"TARGET": "http://127.0.0.1:1/primary", "FAILOVER_TARGET": "http://127.0.0.1:1/contingency"})
	vm.Set("http", map[string]any{"post": func(url string, body string, params map[string]any) map[string]any {
		posts = append(posts, map[string]any{"url": url, "body": body, "params": params})
		return map[string]any{"status": 201}
	}})
	vm.Set("check", func(any, any) bool { return true })
	vm.Set("exec", map[string]any{"scenario": map[string]any{"startTime": 0}, "vu": map[string]any{"idInTest": 1, "iterationInScenario": 0}})
	if _, err := vm.RunString(`class Counter { constructor(name) { this.name = name; } add(v, tags) { __count(this.name + ":" + tags.to); } }`); err != nil {
		t.Fatal(err)
	}
	vm.Set("__count", func(s string) { counts = append(counts, s) })
	if _, err := vm.RunString(js + "\n;globalThis.__options = options; globalThis.__run = __default;"); err != nil {
		t.Fatalf("the script does not run: %v", err)
	}
	if _, err := vm.RunString(`Date.now = () => __now();`); err != nil {
		t.Fatal(err)
	}
	vm.Set("__now", func() float64 { return now })

	// The schedule: the plan's stages, whose area is the model's count.
	sc := vm.Get("__options").ToObject(vm).Get("scenarios").ToObject(vm).Get("outagesim").Export().(map[string]any)
	stages := sc["stages"].([]any)
	if sc["executor"] != "ramping-arrival-rate" || len(stages) != len(plan.Stages) {
		t.Fatalf("scenario %v, want %d stages", sc, len(plan.Stages))
	}
	if math.Abs(plan.Scheduled-plan.Expected) > plan.ScheduledErrorBound+1e-9 {
		t.Errorf("stages schedule %v iterations, the model expects %v", plan.Scheduled, plan.Expected)
	}
	// Failover: before 07:00 (17.5 s at 1440×) to the primary, after to
	// the contingency, counted once.
	run := vm.Get("__run")
	fn, _ := goja.AssertFunction(run)
	for _, at := range []float64{0, 10, 17.4, 17.6, 30, 59} {
		now = at * 1000
		if _, err := fn(goja.Undefined()); err != nil {
			t.Fatal(err)
		}
	}
	var urls []string
	for _, p := range posts {
		urls = append(urls, filepath.Base(p["url"].(string)))
		if !strings.Contains(p["body"].(string), `"id":"SYN-K-`) || !strings.Contains(p["body"].(string), `"synthetic":true`) {
			t.Errorf("body %s is not plainly synthetic", p["body"])
		}
	}
	want := "primary primary primary contingency contingency contingency"
	if strings.Join(urls, " ") != want {
		t.Errorf("targets %v, want %s", urls, want)
	}
	if strings.Join(counts, " ") != "outagesim_failovers:failover" {
		t.Errorf("failover counter %v, want one failover", counts)
	}
}

// TestScriptParsesWithNode: node --check accepts it as an ES module.
func TestScriptParsesWithNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH")
	}
	src, _ := script(t)
	path := filepath.Join(t.TempDir(), "script.mjs")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(node, "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("node --check: %v\n%s", err, out)
	}
}
