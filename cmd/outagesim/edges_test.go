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
