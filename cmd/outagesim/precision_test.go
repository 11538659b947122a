package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/reports/golden"
)

// Bad -precision values and combinations exit 2 with one line naming the
// flag and what is allowed, before anything runs.
func TestPrecisionBadInput(t *testing.T) {
	tmp := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-precision", "0"}, `-precision "0": want a number > 0 followed by % (relative to the estimate), pp (percentage points) or nothing (the KPI's own unit)`},
		{[]string{"-precision", "-3%"}, `-precision "-3%": want a number > 0`},
		{[]string{"-precision", "abc"}, `-precision "abc": want a number > 0`},
		{[]string{"-precision", "150%"}, "at most 100%"},
		{[]string{"-precision", "0.5pp"}, "pp is for a percentage KPI: name it (abandoned_pct=0.5pp)"},
		{[]string{"-precision", "happiness=1"}, `unknown KPI "happiness" (allowed: calls_offered,`},
		{[]string{"-precision", "2%", "-shard", "0/2"}, "-precision decides the number of replications as it goes"},
		{[]string{"-max-reps", "50"}, "-max-reps caps a -precision run"},
		{[]string{"-precision", "2%", "-reps", "2"}, "want 3 ≤ -reps ≤ -max-reps ≤ 10000"},
		{[]string{"-precision", "2%", "-max-reps", "10"}, "-precision starts with 20 replications (-reps or the scenario's) and stops at -max-reps 10"},
		{[]string{"-precision", "2%", "-max-reps", "20000"}, "want 3 ≤ -reps ≤ -max-reps ≤ 10000"},
		// A KPI the scenario does not measure, named: found after the
		// first batch, still the user's error.
		{[]string{"-precision", "callback_within_target_pct=1pp", "-reps", "3", "-set", "horizon=1d"}, "callback_within_target_pct is not measured in this scenario"},
	} {
		args := append(append([]string{"run"}, c.args...), "-out", filepath.Join(tmp, "x"), "textbook-erlang-a")
		code, stdout, stderr := runCLI(t, tmp, args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and one line saying %q", c.args, code, stdout, stderr, c.want)
		}
	}
}

// A -precision run is decided by results alone: the same seed and rule
// give the same replications and byte-identical files with 1 and 2
// workers, and say how many ran and why they stopped.
func TestPrecisionWorkers(t *testing.T) {
	tmp := t.TempDir()
	files := map[string]map[string]string{}
	for _, w := range []string{"1", "2"} {
		out := filepath.Join(tmp, "w"+w)
		code, stdout, stderr := runCLI(t, tmp, "run", "-precision", "2%,mean_answer_s=0.5,abandoned_pct=0.1pp", "-reps", "3", "-set", "horizon=2d",
			"-workers", w, "-out", out, "textbook-erlang-a")
		if code != exitOK {
			t.Fatalf("workers %s: exit %d: %s", w, code, stderr)
		}
		if w == "1" {
			golden.CheckString(t, filepath.Join("testdata", "run-precision.stdout"), strings.ReplaceAll(stdout, "/w1/", "/w/"))
		}
		files[w] = map[string]string{}
		entries, err := os.ReadDir(out)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			b, err := os.ReadFile(filepath.Join(out, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			// The command line is the one difference.
			files[w][e.Name()] = strings.NewReplacer("-workers 1", "-workers N", "-workers 2", "-workers N", "/w1", "/w", "/w2", "/w").Replace(string(b))
		}
	}
	if len(files["1"]) < 4 {
		t.Fatalf("wrote %d files", len(files["1"]))
	}
	for name, b := range files["1"] {
		if files["2"][name] != b {
			t.Errorf("%s differs between 1 and 2 workers", name)
		}
	}
	var sum struct {
		Replications int `json:"replications"`
		Precision    struct {
			Stopped string `json:"stopped"`
			Batches []int  `json:"batches"`
		} `json:"precision"`
	}
	if err := json.Unmarshal([]byte(files["1"]["summary.json"]), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Precision.Stopped != "met" || len(sum.Precision.Batches) < 2 || sum.Replications != sum.Precision.Batches[len(sum.Precision.Batches)-1] {
		t.Errorf("summary.json: %d replications, precision %+v; want met after more than one batch", sum.Replications, sum.Precision)
	}
	for _, f := range []string{"report.html", "report.md"} {
		if !strings.Contains(files["1"][f], "met after 6 replications in 2 batches (3, 6)") {
			t.Errorf("%s does not say the precision was met", f)
		}
	}
}

// An unreachable precision runs to -max-reps and says which KPIs missed.
func TestPrecisionCapReported(t *testing.T) {
	tmp := t.TempDir()
	code, stdout, stderr := runCLI(t, tmp, "run", "-precision", "0.001%", "-reps", "3", "-max-reps", "5", "-set", "horizon=1d",
		"-format", "json", "-out", filepath.Join(tmp, "cap"), "textbook-erlang-a")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Precision 0.001% not met: stopped at the cap of 5 replications (-max-reps) after 5 replications in 2 batches (3, 5); still wider than their targets: calls_offered,") {
		t.Errorf("stdout does not report the cap:\n%s", stdout)
	}
	b, _ := os.ReadFile(filepath.Join(tmp, "cap", "summary.json"))
	if !strings.Contains(string(b), `"stopped": "cap"`) || !strings.Contains(string(b), `"missed": ["calls_offered"`) {
		t.Errorf("summary.json does not report the cap:\n%.2000s", b)
	}
}
