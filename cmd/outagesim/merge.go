package main

import (
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/check"
	"github.com/outagesim/outagesim/reports/grid"
	"github.com/outagesim/outagesim/reports/part"
	"github.com/outagesim/outagesim/reports/write"
	"github.com/outagesim/outagesim/scenarios"
	"github.com/outagesim/outagesim/sim/model"
	"github.com/outagesim/outagesim/sim/replicate"
)

const mergeUsage = `Usage: outagesim merge [flags] PART...

Merges the parts that "run -shard K/N" wrote (one per shard, on any
machines) into the report a single run with the same scenario, seed and
replications writes: summary.json, kpis.csv, timeseries.csv,
daily_impact.csv and replications.csv are byte-identical to it. Parts of
"compare -shard K/N" and "sweep -shard K/N" merge into compare's and
sweep's files; parts of "check -update -shard K/N" into the baseline
files (into the shards' -baselines folder, or -out). A PART is a part
folder (part-K-of-N) or a folder of them. The parts must be of one run
and cover every shard exactly once; a missing, duplicate, foreign or
corrupt part is an error (exit 2) and nothing is written.

Examples:
  outagesim run adastra-2022 -reps 100 -shard 0/4 -out parts   # and 1/4, 2/4, 3/4
  outagesim merge -out report-adastra-2022 parts
  outagesim merge -format json,csv -out merged parts/part-0-of-2 parts/part-1-of-2
  outagesim check -update -shard 1/3 -out parts textbook-erlang-a adastra-2022   # and 0/3, 2/3
  outagesim merge parts                                         # writes scenarios/baselines/*.json

Flags:
`

func runMerge(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("merge", mergeUsage)
	out := fs.String("out", "", "report folder (default report-<scenario>, compare-<A> or sweep-<scenario> in the current folder; for check -update parts the baselines folder, default the shards' -baselines)")
	format := fs.String("format", "html,md,json,csv", "report files to write: any of html, md, json, csv")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintf(stderr, "outagesim merge: no parts given\nRun 'outagesim merge -h' for usage.\n")
		return exitUsage
	}
	formats, err := write.ParseFormats(*format)
	if err != nil {
		fmt.Fprintf(stderr, "outagesim merge: -format %q: %v\n", *format, err)
		return exitUsage
	}
	paths, err := partPaths(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "outagesim merge: %v\n", err)
		return exitUsage
	}
	var named []part.Named
	var errs []error
	for _, p := range paths {
		data, err := os.ReadFile(filepath.Join(p, part.ManifestFile))
		if err == nil {
			var m *part.Manifest
			if m, err = part.DecodeManifest(data); err == nil {
				named = append(named, part.Named{Name: p, Manifest: m})
				continue
			}
		}
		errs = append(errs, fmt.Errorf("%s: %w", p, err))
	}
	if len(errs) == 0 {
		named, err = part.Check(named)
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		fmt.Fprintf(stderr, "outagesim merge: %v\n", err)
		return exitUsage
	}
	job := named[0].Job
	if !contains([]string{"run", "compare", "sweep", "check"}, job.Command) {
		fmt.Fprintf(stderr, "outagesim merge: %s: parts of %q: this outagesim merges parts of run, compare, sweep and check -update\n", named[0].Name, job.Command)
		return exitUsage
	}
	// Each command's files read what its own run would have computed:
	// compare's and sweep's tables and check's baselines only the KPIs.
	need := formats.Needs()
	switch job.Command {
	case "compare", "sweep":
		need = grid.Needs
	case "check":
		need = check.Needs
	}
	aggs, err := newAggregates(job, need)
	if err != nil {
		fmt.Fprintf(stderr, "outagesim merge: %s: %v\n", named[0].Name, err)
		return exitUsage
	}
	for _, p := range named {
		data, err := os.ReadFile(filepath.Join(p.Name, part.ResultsFile))
		if err == nil {
			err = p.CheckResults(data)
		}
		if err == nil {
			err = p.Replay(data, func(run int, pair replicate.Pair) error { return aggs[run].Add(pair) })
		}
		if err != nil {
			fmt.Fprintf(stderr, "outagesim merge: %s: %v\n", p.Name, err)
			return exitUsage
		}
	}
	for _, a := range aggs {
		if err := a.Finish(); err != nil {
			return internal("merge", err, stderr)
		}
	}
	switch job.Command {
	case "compare":
		return mergeCompare(job, aggs, *out, stdout, stderr)
	case "sweep":
		return mergeSweep(job, aggs, *out, stdout, stderr)
	case "check":
		return mergeCheck(job, aggs, *out, stdout, stderr)
	}
	r := job.Runs[0]
	dir := *out
	if dir == "" {
		dir = "report-" + r.Scenario
	}
	if err := write.Report(dir, aggs[0], r.Meta, formats); err != nil {
		if errors.Is(err, write.ErrWorkDir) || errors.Is(err, write.ErrNotReport) {
			fmt.Fprintf(stderr, "outagesim merge: %v\n", err)
			return exitUsage
		}
		return internal("merge", err, stderr)
	}
	headline(stdout, aggs[0])
	// The warm-up check rests on every replication, so only the merge can
	// say what run would have said.
	warmupNote(stderr, aggs[0])
	report := filepath.Join(dir, "report.html")
	if !formats.HTML {
		report = dir
	}
	fmt.Fprintf(stdout, "\nmerged %d parts\nreport: %s\n", len(named), report)
	return exitOK
}

// partPaths expands the arguments: a part folder stays, a folder of
// part folders gives them all.
func partPaths(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if _, err := os.Stat(filepath.Join(a, part.ManifestFile)); err == nil {
			out = append(out, a)
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			if errors.Is(err, iofs.ErrNotExist) {
				return nil, fmt.Errorf("%s: no such part or folder of parts", a)
			}
			return nil, fmt.Errorf("%s: not a part (no %s): %w", a, part.ManifestFile, err)
		}
		var found []string
		for _, e := range entries {
			if p := filepath.Join(a, e.Name()); e.IsDir() {
				if _, err := os.Stat(filepath.Join(p, part.ManifestFile)); err == nil {
					found = append(found, p)
				}
			}
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: neither a part nor a folder of parts (no %s in it or its folders)", a, part.ManifestFile)
		}
		slices.Sort(found)
		out = append(out, found...)
	}
	return out, nil
}

// newAggregates starts an aggregate per run of the job, from the
// scenario each part carries, computing the parts in need.
func newAggregates(job part.Job, need reports.Parts) ([]*reports.Aggregate, error) {
	var aggs []*reports.Aggregate
	for i, r := range job.Runs {
		cfg, err := runConfig(r)
		if err != nil {
			return nil, fmt.Errorf("%w: run %d (%s): %w", part.ErrCorrupt, i, r.Scenario, err)
		}
		aggs = append(aggs, reports.NewAggregateFor(cfg, replicate.Options{Replications: r.Replications, Seed: r.Seed}, need))
	}
	return aggs, nil
}

// runConfig rebuilds a run's model configuration from the scenario source
// in its part, and checks it is the scenario the part says.
func runConfig(r part.Run) (*model.Config, error) {
	s, err := scenarios.Parse(r.Scenario+".yaml", []byte(r.Source))
	if err != nil {
		return nil, err
	}
	l, err := loadedFrom(s)
	if err != nil {
		return nil, err
	}
	if l.hash != r.Hash || l.scenario.Name != r.Scenario {
		return nil, fmt.Errorf("the scenario in the part is %s with hash %.12s…, not %s with %.12s…", l.scenario.Name, l.hash, r.Scenario, r.Hash)
	}
	return l.cfg, nil
}
