package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/reports/golden"
)

func TestCommands(t *testing.T) {
	for _, tc := range []struct {
		name string
		args string
		code int
	}{
		// The validation table on a short run.
		{"erlang", "erlang -reps 4 -hours 50", exitOK},
		// Erlang C: no abandonment.
		{"erlang-c", "erlang -patience 0 -servers 12 -reps 4 -hours 50", exitOK},
		// Bad values: one line naming the flag and what is allowed.
		{"erlang-bad-servers", "erlang -servers 0", exitUsage},
		{"erlang-unstable", "erlang -patience 0 -servers 10", exitUsage},
		{"erlang-bad-flag", "erlang -bogus", exitUsage},
		{"erlang-extra-arg", "erlang now", exitUsage},
		{"erlang-help", "erlang -h", exitOK},
		{"no-command", "", exitUsage},
		{"unknown-command", "frobnicate", exitUsage},
		{"help", "help", exitOK},
		// A command's own usage, as with -h.
		{"help-erlang", "help erlang", exitOK},
		{"help-sensitivity", "help sensitivity", exitOK},
		{"help-unknown", "help frobnicate", exitUsage},
		// Flags after the arguments, as after the command.
		{"erlang-flags-after", "erlang -reps 4 -hours 50 -- now", exitUsage},
		// The version from the build info ("dev" in tests).
		{"version", "version", exitOK},
		{"dash-version", "--version", exitOK},
		{"version-help", "version --help", exitOK},
		{"version-extra-arg", "version now", exitUsage},
		{"show", "show textbook-erlang-c", exitOK},
		{"show-unknown", "show adastra-2023", exitUsage},
		{"show-file", "show testdata/scenarios/short-outage.yaml", exitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(strings.Fields(tc.args), nil, &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tc.code, stderr.String())
			}
			golden.CheckString(t, filepath.Join("testdata", tc.name+".stdout"), stdout.String())
			golden.CheckString(t, filepath.Join("testdata", tc.name+".stderr"), stderr.String())
		})
	}
}

// TestWorkersDoNotChangeResults: replications are merged in order, so the
// output is byte-identical whatever the number of workers.
func TestWorkersDoNotChangeResults(t *testing.T) {
	var outs []string
	for _, w := range []string{"1", "2", "3"} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"erlang", "-reps", "6", "-hours", "20", "-workers", w}, nil, &stdout, &stderr); code != 0 {
			t.Fatalf("workers %s: exit %d: %s", w, code, stderr.String())
		}
		outs = append(outs, stdout.String())
	}
	if outs[0] != outs[1] || outs[0] != outs[2] {
		t.Fatalf("outputs differ with the number of workers:\n%s\n%s\n%s", outs[0], outs[1], outs[2])
	}
}
