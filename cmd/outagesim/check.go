package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/check"
)

const checkUsage = `Usage: outagesim check [flags] SCENARIO...

The CI regression gate. Runs each scenario with the seed and replications
of its baseline (DIR/<scenario>.json) and compares every KPI with the
tolerance rule stored beside it. Exits 1 if any KPI moved beyond its
tolerance, better or worse: update the baseline on purpose with -update
and commit it. Scenarios run with -set overrides are compared with the
plain scenario's baseline, which shows what a change would do.

Examples:
  outagesim check textbook-erlang-a adastra-2022
  outagesim check -junit check.xml -baselines scenarios/baselines adastra-2022
  outagesim check -update -reps 10 adastra-2022
  outagesim check -set outage.contingency.staff_factor=0.8 adastra-2022

Flags:
`

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("check", checkUsage)
	dir := fs.String("baselines", filepath.Join("scenarios", "baselines"), "folder of baseline files")
	update := fs.Bool("update", false, "run the scenarios and rewrite their baselines (keeping hand-set rules)")
	junit := fs.String("junit", "", "also write the results as JUnit XML to this file")
	reps := fs.Int("reps", 0, "replications for a new baseline with -update (default: the existing baseline's, else the scenario's)")
	workers := fs.Int("workers", 0, "replications run at once, 0 for one per core (results do not depend on it)")
	var sets setFlags
	fs.Var(&sets, "set", "override a scenario field, path=value (repeatable)")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintf(stderr, "outagesim check: no scenarios given\nRun 'outagesim check -h' for usage.\n")
		return exitUsage
	}
	if *update && len(sets) > 0 {
		fmt.Fprintf(stderr, "outagesim check: -update with -set would record a changed scenario as the baseline; drop one of them\n")
		return exitUsage
	}
	var results []*check.Report
	failed := false
	for _, name := range fs.Args() {
		l, ok := load("check", name, sets, stderr)
		if !ok {
			return exitUsage
		}
		path := filepath.Join(*dir, l.scenario.Name+".json")
		old, err := readBaseline(path)
		if err != nil && !(errors.Is(err, iofs.ErrNotExist) && *update) {
			if errors.Is(err, iofs.ErrNotExist) {
				fmt.Fprintf(stderr, "outagesim check: %s: no baseline at %s (create it with -update)\n", name, path)
			} else {
				fmt.Fprintf(stderr, "outagesim check: %s: %v\n", path, err)
			}
			return exitUsage
		}
		opts := l.options(0, 0, *workers)
		if old != nil {
			opts.Replications, opts.Seed = old.Replications, old.Seed
		}
		if *reps > 0 && *update {
			opts.Replications = *reps
		}
		agg, err := reports.Run(l.cfg, opts)
		if err != nil {
			return internal("check", err, stderr)
		}
		if *update {
			var buf bytes.Buffer
			if err := check.New(agg, old).Write(&buf); err != nil {
				return internal("check", err, stderr)
			}
			if err := writeFileAtomic(path, buf.Bytes()); err != nil {
				return internal("check", err, stderr)
			}
			fmt.Fprintf(stdout, "%s: baseline written to %s (%d replications, seed %d)\n", l.scenario.Name, path, opts.Replications, opts.Seed)
			continue
		}
		rep := check.Compare(old, agg)
		if len(sets) > 0 {
			rep.Scenario += " with -set " + sets.String()
		}
		rep.WriteText(stdout)
		fmt.Fprintln(stdout)
		results = append(results, rep)
		failed = failed || rep.Failed()
	}
	if *junit != "" && !*update {
		var buf bytes.Buffer
		if err := check.WriteJUnit(&buf, results); err != nil {
			return internal("check", err, stderr)
		}
		if err := writeFileAtomic(*junit, buf.Bytes()); err != nil {
			return internal("check", err, stderr)
		}
	}
	if failed {
		fmt.Fprintf(stderr, "outagesim check: regression: KPIs moved beyond their tolerance (see above)\n")
		return exitRegression
	}
	return exitOK
}

func readBaseline(path string) (*check.Baseline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return check.Read(f)
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it into place, so a reader never sees half a file.
func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil { // CreateTemp makes it private
		return err
	}
	return os.Rename(f.Name(), path)
}
