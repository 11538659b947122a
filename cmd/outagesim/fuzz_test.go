package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/write"
	"github.com/outagesim/outagesim/scenarios"
	"github.com/outagesim/outagesim/sim/replicate"
)

// fuzzLimits keep each fuzzed run small: a few thousand contacts, so the
// fuzzer tries many inputs, not many calls.
var fuzzLimits = scenarios.Limits{ContactsPerRun: 20_000, EventsPerRun: 200_000, BytesPerRun: 256 << 20, ContactsTotal: 80_000}

// fuzzSeeds are inputs that once crashed, hung or ended in an internal
// error, and the edges of the format.
var fuzzSeeds = []string{
	"extends: textbook-erlang-a\nhorizon: 1d\n",
	"extends: textbook-erlang-a\nhorizon: 1d\nnations: {england: {services: {queue: {advisers: {fixed: 0}}}}}\n",
	"extends: textbook-erlang-a\nhorizon: 1d\nnations: {england: {demand: {calls_per_day: 0}}}\n",
	"extends: textbook-erlang-a\nhorizon: 1d\nnations: {england: {online_share: 100%, online_dispositions: {self_care: 100%}}}\n",
	"extends: textbook-erlang-a\nhorizon: 1d\nnations: {england: {demand: {calls_per_day: 1e8}}}\n",
	"extends: textbook-erlang-a\nhorizon: 6h\nnations: {england: {surges: [{from: +1h, to: +2h, factor: 1e6}]}}\n",
	"extends: textbook-erlang-a\nhorizon: 1d\nnations: {england: {services: {queue: {patience: {dist: fixed, value: 0s}, redial: {prob: 100%, delay: {dist: fixed, value: 0s}}}}}}\n",
	"extends: textbook-erlang-a\nhorizon: 1d\nnations: {england: {services: {queue: {handle: {dist: fixed, value: 1000000w}}}}}\n",
	"extends: textbook-erlang-a\nhorizon: 1d\nname: \"x/../../../../tmp/escape\"\n",
	"extends: textbook-erlang-a\nhorizon: 1d\nname: \"\\e[2Jwiped\"\n",
	"extends: /etc/passwd\n",
	"extends: textbook-erlang-a\nextends: textbook-erlang-c\n",
	"extends: textbook-erlang-a\nhorizon: 1d\n---\nhorizon: 2d\n",
	"extends: textbook-erlang-a\nhorizon: 1d\nreplications: 1000000000\n",
	"root:x:0:0:root:/root:/bin/bash\n",
	// The outage week of adastra-2022 at a tenth of its demand or less.
	"extends: adastra-2022\nend: 2022-08-06 00:00\nnations: {england: {demand: {calls_per_day: 1000}}, scotland: {demand: {calls_per_day: 200}}, wales: {demand: {calls_per_day: 100}}, northern_ireland: {demand: {calls_per_day: 100}}}\n",
	"extends: winter-surge-outage\nstart: 2022-12-20 00:00\nend: 2022-12-21 00:00\noutage: null\n",
	"extends: ooh-only\nhorizon: 1d\n",
}

// FuzzRunScenario takes a scenario file through everything run does: it
// parses and validates it, estimates its work, runs it (two replications,
// for scenarios small enough to fuzz) and writes a full report. A bad
// scenario must be refused with problems to show; a valid one must run and
// write its report. A panic, a hang, or a valid scenario that fails to run
// or to be written (the CLI's internal error) fails the target.
func FuzzRunScenario(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		file := filepath.Join(dir, "fuzz.yaml")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		l, err := loadScenario(file, nil)
		if err != nil {
			var errs scenarios.Errors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("refused without problems to show: %v", err)
			}
			for _, e := range errs {
				if strings.ContainsRune(e.Error(), '\x1b') {
					t.Fatalf("an escape would reach the terminal: %q", e.Error())
				}
			}
			return
		}
		if !scenarios.ValidName(l.scenario.Name) {
			t.Fatalf("accepted the unsafe name %q", l.scenario.Name)
		}
		opts := replicate.Options{Replications: 2, Seed: l.scenario.SeedOrDefault(), Workers: 1}
		if l.cfg.Horizon > 14*86400 {
			return // too long to fuzz quickly; the caps cover it
		}
		if _, err := l.scenario.CheckWork(l.cfg, 4, fuzzLimits, "-max-work"); err != nil {
			return
		}
		agg, err := reports.Summarise(l.cfg, opts)
		if err != nil {
			t.Fatalf("a valid scenario failed to run: %v\n%s", err, data)
		}
		out := filepath.Join(dir, "report")
		if err := write.Report(out, agg, l.meta(commandLine("run", []string{file})), write.AllFormats); err != nil {
			t.Fatalf("a valid scenario's report failed: %v\n%s", err, data)
		}
		if _, err := os.Stat(filepath.Join(out, "report.html")); err != nil {
			t.Fatal(err)
		}
		// Nothing but the scenario and its report.
		if entries, _ := os.ReadDir(dir); len(entries) != 2 {
			t.Fatalf("the folder holds %d entries", len(entries))
		}
	})
}
