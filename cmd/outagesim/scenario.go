package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"

	"github.com/outagesim/outagesim/reports"

	"github.com/outagesim/outagesim/reports/write"
	"github.com/outagesim/outagesim/scenarios"
	"github.com/outagesim/outagesim/sim/model"
	"github.com/outagesim/outagesim/sim/replicate"
)

// loaded is a scenario ready to run.
type loaded struct {
	scenario *scenarios.Scenario
	cfg      *model.Config
	hash     string
}

// load reads a library scenario or a file, applies -set overrides and
// builds its model configuration. On failure it prints every problem and
// returns false; the caller exits with code 2.
func load(cmd, name string, sets []string, stderr io.Writer) (*loaded, bool) {
	return loadFlag(cmd, name, "-set", sets, stderr)
}

// loadFlag is load for overrides from flag (-set, or sweep's -vary), which
// errors name.
func loadFlag(cmd, name, flag string, sets []string, stderr io.Writer) (*loaded, bool) {
	l, err := loadScenarioFlag(name, flag, sets)
	if err != nil {
		printScenarioErrors(cmd, name, err, stderr)
		return nil, false
	}
	// Valid but pointless entries are worth a look, not a failure.
	for _, w := range l.scenario.Warnings() {
		fmt.Fprintf(stderr, "outagesim %s: warning: %v\n", cmd, w)
	}
	return l, true
}

// loadScenario is load without the printing; every error is the input's.
func loadScenario(name string, sets []string) (*loaded, error) {
	return loadScenarioFlag(name, "-set", sets)
}

// loadScenarioFlag is loadScenario for overrides from flag.
func loadScenarioFlag(name, flag string, sets []string) (*loaded, error) {
	s, err := scenarios.LoadWithFlag(name, flag, sets)
	if err != nil {
		return nil, err
	}
	return loadedFrom(s)
}

// loadedFrom builds a loaded scenario's configuration and hash.
func loadedFrom(s *scenarios.Scenario) (*loaded, error) {
	cfg, err := s.Config()
	if err != nil {
		return nil, err
	}
	src, err := s.Marshal()
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(src)
	return &loaded{scenario: s, cfg: cfg, hash: hex.EncodeToString(sum[:])}, nil
}

func printScenarioErrors(cmd, name string, err error, stderr io.Writer) {
	var errs scenarios.Errors
	if errors.As(err, &errs) {
		for _, e := range errs {
			fmt.Fprintln(stderr, e.Error())
		}
		fmt.Fprintf(stderr, "outagesim %s: %s: %d problem%s\n", cmd, name, len(errs), plural(len(errs)))
		return
	}
	fmt.Fprintf(stderr, "outagesim %s: %s: %v\n", cmd, name, err)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// maxWorkUsage is the -max-work flag's help.
const maxWorkUsage = "multiply the caps on a run's estimated contacts, events and memory by this, to run a very large scenario knowingly (docs/scenarios.md lists the caps)"

// checkWork refuses, before anything runs, replications beyond the cap and
// a scenario whose estimated work exceeds the caps times maxWork; the
// command runs the scenario, or ones like it, times times (compare's
// scenarios, sweep's points). It prints the problem like a scenario's and
// returns false (exit 2).
func (l *loaded) checkWork(cmd string, opts replicate.Options, times int, maxWork float64, stderr io.Writer) bool {
	if err := l.workError(opts, times, maxWork); err != nil {
		printScenarioErrors(cmd, l.scenario.Name, err, stderr)
		return false
	}
	return true
}

// workError is checkWork's verdict.
func (l *loaded) workError(opts replicate.Options, times int, maxWork float64) error {
	if !(maxWork >= 1) || math.IsInf(maxWork, 0) {
		return fmt.Errorf("-max-work %v: want a finite number ≥ 1", maxWork)
	}
	if opts.Replications > scenarios.MaxReplications {
		return fmt.Errorf("replications %d (from -reps or the scenario): want at most %d, the cap on replications", opts.Replications, scenarios.MaxReplications)
	}
	runs := opts.Replications * times
	if l.cfg.Outage != nil {
		runs *= 2 // each replication has its counterfactual
	}
	raise := fmt.Sprintf("-max-work %.3g", 10*maxWork)
	_, err := l.scenario.CheckWork(l.cfg, runs, scenarios.DefaultLimits.Scale(maxWork), raise)
	return err
}

// options are the run options: the flags' replications and seed where
// given (non-zero), otherwise the scenario's own.
func (l *loaded) options(reps int, seed uint64, workers int) replicate.Options {
	o := replicate.Options{Replications: reps, Seed: seed, Workers: workers}
	if o.Replications == 0 {
		o.Replications = l.scenario.ReplicationsOrDefault()
	}
	if o.Seed == 0 {
		o.Seed = l.scenario.SeedOrDefault()
	}
	return o
}

// tableFlags are the flags compare and sweep share.
type tableFlags struct {
	reps    *int
	seed    *uint64
	workers *int
	nation  *string
	kpis    *string
	out     *string
	maxWork *float64
}

// addTableFlags defines them; whose names where the replications and
// seed come from when the flags are 0.
func addTableFlags(fs *flag.FlagSet, outDefault, whose string) tableFlags {
	return tableFlags{
		reps:    fs.Int("reps", 0, "replications (0: "+whose+")"),
		seed:    fs.Uint64("seed", 0, "random seed (0: "+whose+")"),
		workers: fs.Int("workers", 0, "cores to use: runs simulated at once, then the summaries; 0 for one per core (results do not depend on it)"),
		nation:  fs.String("nation", reports.UK, "nation to tabulate: england, scotland, wales, northern_ireland or uk"),
		kpis:    fs.String("kpi", defaultKPIs, "comma-separated KPIs to show"),
		out:     fs.String("out", "", "folder for the files (default "+outDefault+")"),
		maxWork: fs.Float64("max-work", 1, maxWorkUsage),
	}
}

// check validates -nation and -kpi and returns the KPI keys.
func (f tableFlags) check(cmd string, stderr io.Writer) ([]string, bool) {
	keys, ok := parseKPIs(cmd, *f.kpis, stderr)
	return keys, ok && validNation(cmd, *f.nation, stderr)
}

// meta is what the report needs to know about where the run came from.
func (l *loaded) meta(command string) write.Meta {
	m := write.Meta{
		ToolVersion: toolVersion(),
		Scenario:    l.scenario.Name,
		Description: l.scenario.Description,
		Hash:        l.hash,
		Command:     command,
	}
	m.Module, m.GoVersion, m.System = software()
	for _, n := range l.scenario.Notes() {
		m.Assumptions = append(m.Assumptions, write.Assumption{
			Name:   n.Path,
			Value:  n.Value,
			Source: n.Source + " (" + n.File + ")",
		})
	}
	return m
}
