package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestValidEdgesWriteAReport: valid scenarios at the edge (nobody on duty,
// no calls, every contact online) write their report, with the charts that
// have nothing to show saying why, instead of an internal error.
func TestValidEdgesWriteAReport(t *testing.T) {
	tmp := t.TempDir()
	online := filepath.Join(tmp, "online.yaml")
	writeText(t, online, "extends: textbook-erlang-a\nhorizon: 1d\nnations: {england: {online_share: 100%, online_dispositions: {self_care: 100%}}}\n")
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"advisers 0", []string{"-set", "horizon=1d", "-set", "nations.england.services.queue.advisers.fixed=0", "textbook-erlang-a"}},
		{"calls_per_day 0", []string{"-set", "horizon=1d", "-set", "nations.england.demand.calls_per_day=0", "textbook-erlang-a"}},
		{"online_share 100%", []string{online}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(tmp, strings.ReplaceAll(tc.name, " ", "-"))
			args := append([]string{"run", "-reps", "2", "-format", "md,json", "-out", out}, tc.args...)
			code, _, stderr := runCLI(t, tmp, args...)
			if code != exitOK {
				t.Fatalf("exit %d, stderr:\n%s", code, stderr)
			}
			md, err := os.ReadFile(filepath.Join(out, "report.md"))
			if err != nil || !strings.Contains(string(md), "This chart is empty") {
				t.Errorf("report.md: %v; want a chart that says why it is empty", err)
			}
		})
	}
}

// TestStuckQueueIsReported: with a handle time of a million weeks, 14
// advisers answer 14 calls and the rest wait until the end. The report
// says how many were still waiting, gives it as a KPI, and flags the
// share answered within 60 s as resting on too few calls; GP utilisation,
// with no GP modelled, is absent rather than 0.
func TestStuckQueueIsReported(t *testing.T) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "stuck")
	code, _, stderr := runCLI(t, tmp, "run", "-reps", "2", "-format", "md,json", "-out", out, "-set", "horizon=1d",
		"-set", "nations.england.services.queue.handle={dist: fixed, value: 1000000w}",
		"-set", "nations.england.services.queue.patience=null", "textbook-erlang-a")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	md, _ := os.ReadFile(filepath.Join(out, "report.md"))
	js, _ := os.ReadFile(filepath.Join(out, "summary.json"))
	for _, want := range []string{"calls in England were still waiting to be answered",
		"Calls answered within 60 seconds in England rests on as few as 14 calls answered"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
	for _, want := range []string{`"calls_waiting_at_end"`, `"few_observations": 14`} {
		if !strings.Contains(string(js), want) {
			t.Errorf("summary.json lacks %s", want)
		}
	}
	if strings.Contains(string(js), `"gp_peak_utilisation_pct"`) {
		t.Error("summary.json has a GP utilisation for a scenario without GP capacity")
	}
}
