package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/check"
	"github.com/outagesim/outagesim/reports/part"
	"github.com/outagesim/outagesim/reports/write"
	"github.com/outagesim/outagesim/scenarios"
	"github.com/outagesim/outagesim/sim/replicate"
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
  outagesim check adastra-2022 -summary "$GITHUB_STEP_SUMMARY"
  outagesim check -update -reps 10 adastra-2022
  outagesim check -update -shard 0/3 -out parts textbook-erlang-a adastra-2022   # and 1/3, 2/3; then: outagesim merge parts
  outagesim check -set outage.contingency.staff_factor=0.8 adastra-2022
  outagesim check adastra-2022 -json | jq '.scenarios[].results[] | select(.status != "ok")'

Flags:
`

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("check", checkUsage)
	dir := fs.String("baselines", filepath.Join("scenarios", "baselines"), "folder of baseline files")
	update := fs.Bool("update", false, "run the scenarios and rewrite their baselines (keeping hand-set rules)")
	junit := fs.String("junit", "", "also write the results as JUnit XML to this file")
	reps := fs.Int("reps", 0, "replications for a new baseline with -update (default: the existing baseline's, else the scenario's)")
	workers := fs.Int("workers", 0, "cores to use: runs simulated at once, then the summaries; 0 for one per core (results do not depend on it)")
	maxWork := fs.Float64("max-work", 1, maxWorkUsage)
	jsonOut := fs.Bool("json", false, "print the results as JSON on stdout for other tools (the text goes to stderr)")
	summary := fs.String("summary", "", "also append the results as Markdown tables to this file, e.g. \"$GITHUB_STEP_SUMMARY\"")
	var sets repeatedFlag
	fs.Var(&sets, "set", "override a scenario field, path=value (repeatable)")
	shardF := addShardFlags(fs)
	out := fs.String("out", "", "with -update -shard: the folder for the part (default parts-check)")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintf(stderr, "outagesim check: no scenarios given\nRun 'outagesim check -h' for usage.\n")
		return exitUsage
	}
	sh, sharded, err := shardF.resolve()
	if err != nil {
		fmt.Fprintf(stderr, "outagesim check: %v\n", err)
		return exitUsage
	}
	if sharded && !*update {
		fmt.Fprintf(stderr, "outagesim check: -shard splits the work of -update; a check is compared in one piece: add -update or drop -shard\n")
		return exitUsage
	}
	if *out != "" && !sharded {
		fmt.Fprintf(stderr, "outagesim check: -out is the folder of a part: only with -update -shard\n")
		return exitUsage
	}
	if *update && len(sets) > 0 {
		fmt.Fprintf(stderr, "outagesim check: -update with -set would record a changed scenario as the baseline; drop one of them\n")
		return exitUsage
	}
	if *reps < 0 || *reps > scenarios.MaxReplications || *workers < 0 {
		fmt.Fprintf(stderr, "outagesim check: -reps %d: want 0 to %d (and -workers ≥ 0)\n", *reps, scenarios.MaxReplications)
		return exitUsage
	}
	if *update && *jsonOut {
		fmt.Fprintf(stderr, "outagesim check: -json prints a check's results; -update checks nothing: drop one of them\n")
		return exitUsage
	}
	c := checker{dir: *dir, update: *update, reps: *reps, workers: *workers, maxWork: *maxWork, sets: sets, stdout: stdout, stderr: stderr}
	if sharded {
		return c.shard(fs.Args(), args, sh, *out)
	}
	if *jsonOut {
		c.stdout = stderr // stdout carries the document alone
	}
	var results []*check.Report
	code := exitOK
	for _, name := range fs.Args() {
		began := time.Now()
		rep, c := c.one(name)
		if rep != nil {
			rep.Started, rep.Elapsed = began, time.Since(began)
			results = append(results, rep)
		}
		code = worse(code, c)
	}
	// Written whatever happened, so that CI shows the scenarios that ran
	// beside the one that could not.
	if *junit != "" && !*update {
		host, err := os.Hostname()
		if err != nil || host == "" {
			host = "localhost"
		}
		var buf bytes.Buffer
		if err := check.WriteJUnit(&buf, host, results); err != nil {
			return internal("check", err, stderr)
		}
		if err := write.File(*junit, buf.Bytes()); err != nil {
			return internal("check", err, stderr)
		}
	}
	if *summary != "" && !*update {
		if err := appendFile(*summary, checkMarkdown(results)); err != nil {
			return internal("check", err, stderr)
		}
	}
	if *jsonOut {
		if err := writeCheckJSON(stdout, results); err != nil {
			return internal("check", err, stderr)
		}
	}
	if code == exitRegression {
		fmt.Fprintf(stderr, "outagesim check: regression: KPIs moved beyond their tolerance (see above)\n")
	}
	return code
}

// worse picks the exit code that says more: an internal error, then an
// input error (some scenario was not checked at all), then a regression.
func worse(a, b int) int {
	rank := map[int]int{exitOK: 0, exitRegression: 1, exitUsage: 2, exitInternal: 3}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// checker runs check (or check -update) for one scenario at a time.
type checker struct {
	dir            string
	update         bool
	reps, workers  int
	maxWork        float64
	sets           repeatedFlag
	stdout, stderr io.Writer
}

// one checks (or, with -update, records) one scenario. The report is nil
// with -update; otherwise it holds the results or the error that stopped
// the check, and code is the scenario's exit code.
func (c *checker) one(name string) (*check.Report, int) {
	fail := func(code int, err error) (*check.Report, int) {
		if c.update {
			return nil, code
		}
		return &check.Report{Scenario: name, Err: err}, code
	}
	l, err := loadScenario(name, c.sets)
	if err != nil {
		printScenarioErrors("check", name, err, c.stderr)
		return fail(exitUsage, err)
	}
	// -set runs are compared with the plain scenario's baseline, so the
	// hash to match is the plain scenario's.
	hash := l.hash
	if len(c.sets) > 0 {
		plain, err := loadScenario(name, nil)
		if err != nil {
			printScenarioErrors("check", name, err, c.stderr)
			return fail(exitUsage, err)
		}
		hash = plain.hash
	}
	path := filepath.Join(c.dir, l.scenario.Name+".json")
	if !filepath.IsLocal(l.scenario.Name + ".json") {
		// Names are validated to a safe set; this only guards that rule.
		err := fmt.Errorf("scenario name %q does not make a file name inside %s", l.scenario.Name, c.dir)
		fmt.Fprintf(c.stderr, "outagesim check: %s: %v\n", name, err)
		return fail(exitUsage, err)
	}
	if c.update {
		return nil, c.record(l, path)
	}
	old, err := readBaseline(path)
	if err == nil {
		err = old.ForScenario(l.scenario.Name)
	}
	if err == nil && old.Replications > scenarios.MaxReplications {
		err = fmt.Errorf("%w: replications %d: want at most %d", check.ErrInvalid, old.Replications, scenarios.MaxReplications)
	}
	if err != nil {
		if errors.Is(err, iofs.ErrNotExist) {
			err = fmt.Errorf("no baseline at %s (create it with -update)", path)
		} else {
			err = fmt.Errorf("%s: %w", path, err)
		}
		fmt.Fprintf(c.stderr, "outagesim check: %s: %v\n", name, err)
		return fail(exitUsage, err)
	}
	opts := l.options(0, 0, c.workers)
	opts.Replications, opts.Seed = old.Replications, old.Seed
	if err := l.workError(opts, 1, c.maxWork); err != nil {
		printScenarioErrors("check", name, err, c.stderr)
		return fail(exitUsage, err)
	}
	agg, err := reports.SummariseFor(l.cfg, opts, check.Needs)
	if err != nil {
		return fail(internal("check", err, c.stderr), err)
	}
	rep := check.Compare(old, agg, hash)
	if len(c.sets) > 0 {
		rep.Scenario += " with -set " + c.sets.String()
	}
	rep.WriteText(c.stdout)
	fmt.Fprintln(c.stdout)
	if rep.Failed() {
		return rep, exitRegression
	}
	return rep, exitOK
}

// record runs the scenario and writes its baseline, keeping the rules of
// the baseline it replaces, and its seed and replications unless -reps.
func (c *checker) record(l *loaded, path string) int {
	opts, old, code := c.plan(l, path)
	if code != exitOK {
		return code
	}
	agg, err := reports.SummariseFor(l.cfg, opts, check.Needs)
	if err != nil {
		return internal("check", err, c.stderr)
	}
	return writeBaseline("check", path, agg, l.hash, toolVersion(), old, c.stdout, c.stderr)
}

// plan reads the baseline an update replaces (nil if there is none) and
// chooses the update's seed and replications: the old baseline's unless
// -reps.
func (c *checker) plan(l *loaded, path string) (replicate.Options, *check.Baseline, int) {
	old, err := decodeBaseline(path)
	if err != nil && !errors.Is(err, iofs.ErrNotExist) {
		fmt.Fprintf(c.stderr, "outagesim check: %s: %v\n", path, err)
		return replicate.Options{}, nil, exitUsage
	}
	opts := l.options(c.reps, 0, c.workers)
	if old != nil && c.reps == 0 && old.Replications >= 1 && old.Replications <= scenarios.MaxReplications && old.Seed != 0 {
		opts.Replications, opts.Seed = old.Replications, old.Seed
	}
	if err := l.workError(opts, 1, c.maxWork); err != nil {
		printScenarioErrors("check", l.scenario.Name, err, c.stderr)
		return opts, old, exitUsage
	}
	return opts, old, exitOK
}

// writeBaseline writes the baseline of agg to path, keeping old's rules.
func writeBaseline(cmd, path string, agg *reports.Aggregate, hash, version string, old *check.Baseline, stdout, stderr io.Writer) int {
	var buf bytes.Buffer
	if err := check.New(agg, hash, version, old).Write(&buf); err != nil {
		return internal(cmd, err, stderr)
	}
	if err := write.File(path, buf.Bytes()); err != nil {
		return internal(cmd, err, stderr)
	}
	fmt.Fprintf(stdout, "%s: baseline written to %s (%d replications, seed %d)\n", agg.Scenario, path, agg.Replications, agg.Seed)
	return exitOK
}

// checkSettings are what a merge of check -update's parts needs besides
// the runs: where the baselines go, and for each run the rules of the
// baseline it replaces (which an update keeps).
type checkSettings struct {
	Baselines string       `json:"baselines"`
	Kept      [][]keptRule `json:"kept_rules"`
}

// keptRule is a rule of the baseline being replaced.
type keptRule struct {
	Nation string     `json:"nation"`
	KPI    string     `json:"kpi"`
	Rule   check.Rule `json:"rule"`
}

// rulesOf lists a baseline's rules (none for no baseline).
func rulesOf(b *check.Baseline) []keptRule {
	out := []keptRule{}
	if b != nil {
		for _, e := range b.Entries {
			out = append(out, keptRule{e.Nation, e.KPI, e.Rule})
		}
	}
	return out
}

// shard runs shard sh of check -update over the scenarios and writes its
// part into dir: one run per scenario, with the seed, replications and
// rules its baseline update would use.
func (c *checker) shard(names, args []string, sh shard, dir string) int {
	set := checkSettings{Baselines: c.dir}
	var runs []shardRun
	for _, name := range names {
		l, err := loadScenario(name, nil)
		if err != nil {
			printScenarioErrors("check", name, err, c.stderr)
			return exitUsage
		}
		if !filepath.IsLocal(l.scenario.Name + ".json") {
			fmt.Fprintf(c.stderr, "outagesim check: %s: scenario name %q does not make a file name inside %s\n", name, l.scenario.Name, c.dir)
			return exitUsage
		}
		opts, old, code := c.plan(l, filepath.Join(c.dir, l.scenario.Name+".json"))
		if code != exitOK {
			return code
		}
		r, err := newShardRun("check", l, opts, args)
		if err != nil {
			return internal("check", err, c.stderr)
		}
		runs = append(runs, r)
		set.Kept = append(set.Kept, rulesOf(old))
	}
	settings, err := json.Marshal(set)
	if err != nil {
		return internal("check", err, c.stderr)
	}
	if dir == "" {
		dir = "parts-check"
	}
	return writePart("check", runs, settings, sh, dir, c.stdout, c.stderr)
}

// mergeCheck writes the baselines of merged check -update runs, as
// check -update does, into out (default the shards' -baselines folder).
func mergeCheck(job part.Job, aggs []*reports.Aggregate, out string, stdout, stderr io.Writer) int {
	var set checkSettings
	if err := json.Unmarshal(job.Settings, &set); err != nil || len(set.Kept) != len(job.Runs) {
		fmt.Fprintf(stderr, "outagesim merge: %v: settings: want the kept rules of each of %d runs (%v)\n", part.ErrCorrupt, len(job.Runs), err)
		return exitUsage
	}
	if out == "" {
		out = set.Baselines
	}
	for i, r := range job.Runs {
		if !filepath.IsLocal(r.Scenario + ".json") {
			fmt.Fprintf(stderr, "outagesim merge: %v: scenario name %q does not make a file name\n", part.ErrCorrupt, r.Scenario)
			return exitUsage
		}
		old := &check.Baseline{}
		for _, k := range set.Kept[i] {
			old.Entries = append(old.Entries, check.Entry{Nation: k.Nation, KPI: k.KPI, Rule: k.Rule})
		}
		// The version that ran the replications, as check -update on one
		// machine with it would write.
		if code := writeBaseline("merge", filepath.Join(out, r.Scenario+".json"), aggs[i], r.Hash, job.ToolVersion, old, stdout, stderr); code != exitOK {
			return code
		}
	}
	return exitOK
}

// readBaseline reads and checks a baseline file.
func readBaseline(path string) (*check.Baseline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return check.Read(f)
}

// decodeBaseline reads a baseline without checking it, for the rules an
// update keeps: the baseline being replaced may be old or damaged.
func decodeBaseline(path string) (*check.Baseline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return check.Decode(f)
}
