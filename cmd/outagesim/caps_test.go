package main

import (
	"strings"
	"testing"
)

// TestWorkCapsRefuseBeforeRunning: input that would exhaust memory or time
// is an exit-2 error naming the field or flag and the cap, returned at
// once (the work would take hours if it started).
func TestWorkCapsRefuseBeforeRunning(t *testing.T) {
	grid := strings.TrimSuffix(strings.Repeat("1,", 3000), ",")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"calls per day", []string{"run", "-set", "nations.england.demand.calls_per_day=1e8", "-set", "horizon=1d", "textbook-erlang-a"},
			"nations.england.demand.calls_per_day: the run would be too large: about contacts per run 100 M (cap 50 M)"},
		{"surge", []string{"run", "-set", "nations.england.surges=[{from: +1h, to: +20h, factor: 1e6}]", "textbook-erlang-a"},
			"nations.england.surges[0].factor: the run would be too large"},
		{"replications", []string{"run", "-set", "replications=1000000000", "textbook-erlang-a"}, "replications: 1000000000: want 1 to 10000"},
		{"-reps", []string{"run", "-reps", "1000000000", "textbook-erlang-a"}, "replications 1000000000 (from -reps or the scenario): want at most 10000"},
		{"compare -reps", []string{"compare", "-reps", "20000", "textbook-erlang-a", "textbook-erlang-c"}, "want at most 10000"},
		{"sweep grid", []string{"sweep", "-vary", "seed=" + grid, "-vary", "nations.england.services.queue.advisers.fixed=" + grid, "textbook-erlang-a"},
			"a grid of 3000 × 3000 points: want at most 1000"},
		{"max-work below 1", []string{"run", "-max-work", "0", "textbook-erlang-a"}, "-max-work 0: want a finite number ≥ 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, t.TempDir(), tc.args...)
			if code != exitUsage || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant 2 and %q", code, stderr, tc.want)
			}
		})
	}
}
