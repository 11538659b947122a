package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/outagesim/outagesim/reports/part"
	"github.com/outagesim/outagesim/sim/replicate"
)

// shardUsage is the -shard flag's help.
const shardUsage = `run only shard K of N (K/N, K from 0 to N-1) and write a part for "outagesim merge" into the -out folder instead of the report; ` +
	`"auto" takes K and N from a Slurm job array (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_COUNT) ` +
	`or K from a Kubernetes Indexed Job (JOB_COMPLETION_INDEX) and N from -shards or OUTAGESIM_SHARDS`

// getenv reads the environment; tests replace it.
var getenv = os.Getenv

// shardFlags are -shard and -shards.
type shardFlags struct {
	spec  *string
	count *int
}

// addShardFlags defines -shard and -shards on fs.
func addShardFlags(fs *flag.FlagSet) shardFlags {
	return shardFlags{
		spec:  fs.String("shard", "", shardUsage),
		count: fs.Int("shards", 0, "the number of shards N for -shard auto outside Slurm (default $OUTAGESIM_SHARDS)"),
	}
}

// shard is one shard of N.
type shard struct{ k, n int }

// resolve reads the flags (and for auto the environment). ok is false
// without -shard.
func (f shardFlags) resolve() (s shard, ok bool, err error) {
	spec := strings.TrimSpace(*f.spec)
	if spec == "" {
		if *f.count != 0 {
			return s, false, fmt.Errorf("-shards %d: only with -shard auto", *f.count)
		}
		return s, false, nil
	}
	if spec != "auto" {
		ks, ns, found := strings.Cut(spec, "/")
		k, kerr := strconv.Atoi(ks)
		n, nerr := strconv.Atoi(ns)
		if !found || kerr != nil || nerr != nil || n < 1 || k < 0 || k >= n {
			return s, false, fmt.Errorf("-shard %q: want K/N with 0 ≤ K < N, such as 0/4, or auto", spec)
		}
		if *f.count != 0 {
			return s, false, fmt.Errorf("-shards %d: only with -shard auto (-shard %s says N)", *f.count, spec)
		}
		return shard{k, n}, true, nil
	}
	if id := getenv("SLURM_ARRAY_TASK_ID"); id != "" {
		k, err := envInt("SLURM_ARRAY_TASK_ID", id)
		if err != nil {
			return s, false, err
		}
		if lo := getenv("SLURM_ARRAY_TASK_MIN"); lo != "" {
			first, err := envInt("SLURM_ARRAY_TASK_MIN", lo)
			if err != nil {
				return s, false, err
			}
			k -= first
		}
		n, err := envInt("SLURM_ARRAY_TASK_COUNT", getenv("SLURM_ARRAY_TASK_COUNT"))
		if err != nil {
			return s, false, err
		}
		if k < 0 || k >= n || n < 1 {
			return s, false, fmt.Errorf("-shard auto: Slurm array task %d of %d: want a contiguous array such as sbatch --array=0-%d", k, n, max(n-1, 0))
		}
		return shard{k, n}, true, nil
	}
	if idx := getenv("JOB_COMPLETION_INDEX"); idx != "" {
		k, err := envInt("JOB_COMPLETION_INDEX", idx)
		if err != nil {
			return s, false, err
		}
		n := *f.count
		if n == 0 {
			if n, err = envInt("OUTAGESIM_SHARDS", getenv("OUTAGESIM_SHARDS")); err != nil {
				return s, false, fmt.Errorf("-shard auto under Kubernetes: give the number of shards (the Job's completions) with -shards or OUTAGESIM_SHARDS: %w", err)
			}
		}
		if n < 1 || k < 0 || k >= n {
			return s, false, fmt.Errorf("-shard auto: JOB_COMPLETION_INDEX %d of %d shards: want 0 ≤ index < shards", k, n)
		}
		return shard{k, n}, true, nil
	}
	return s, false, fmt.Errorf("-shard auto: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set; outside a job array give -shard K/N")
}

func envInt(name, v string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0, fmt.Errorf("%s=%q: want a whole number", name, v)
	}
	return n, nil
}

// partName is shard k of n's folder inside the parts folder.
func partName(s shard) string { return fmt.Sprintf("part-%d-of-%d", s.k, s.n) }

// shardRun is one run of a sharded command with its loaded scenario.
type shardRun struct {
	l       *loaded
	opts    replicate.Options
	run     part.Run
	command string
}

// newShardRun describes l's run for a part; args are the command's
// arguments, of which the shard and output flags are dropped, so the
// command line in the merged report makes the same report on one machine.
func newShardRun(cmd string, l *loaded, opts replicate.Options, args []string) (shardRun, error) {
	src, err := l.scenario.Marshal()
	if err != nil {
		return shardRun{}, err
	}
	meta := l.meta(commandLine(cmd, dropFlags(args, "shard", "shards", "out")))
	return shardRun{l: l, opts: opts, run: part.Run{
		Scenario: l.scenario.Name, Hash: l.hash, Source: string(src),
		Seed: opts.Seed, Replications: opts.Replications, Meta: meta,
	}}, nil
}

// dropFlags removes the named flags, each with its value, from args.
func dropFlags(args []string, names ...string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i:]...)
		}
		if strings.HasPrefix(a, "-") {
			name, _, inline := strings.Cut(strings.TrimLeft(a, "-"), "=")
			if contains(names, name) {
				if !inline {
					i++ // its value
				}
				continue
			}
		}
		out = append(out, a)
	}
	return out
}

// writePart runs shard s of the runs and writes its part into dir; it
// prints what it wrote to stdout.
func writePart(cmd string, runs []shardRun, settings []byte, s shard, dir string, stdout, stderr io.Writer) int {
	job := part.Job{ToolVersion: toolVersion(), Command: cmd, Settings: settings, Shards: s.n}
	for _, r := range runs {
		job.Runs = append(job.Runs, r.run)
	}
	first, count := replicate.Shard(s.k, s.n, job.Items())
	var results bytes.Buffer
	w := part.NewWriter(&results)
	for _, rg := range job.Ranges(first, count) {
		r := runs[rg.Run]
		opts := r.opts
		opts.First, opts.Count = rg.First, rg.Count
		if err := replicate.Run(r.l.cfg, opts, func(p replicate.Pair) error { return w.Add(rg.Run, p) }); err != nil {
			return internal(cmd, err, stderr)
		}
	}
	if err := w.Close(); err != nil {
		return internal(cmd, err, stderr)
	}
	m := part.NewManifest(job, s.k, results.Bytes())
	manifest, err := m.Encode()
	if err != nil {
		return internal(cmd, err, stderr)
	}
	path := filepath.Join(dir, partName(s))
	if code, ok := writeFolder(cmd, path, map[string][]byte{part.ManifestFile: manifest, part.ResultsFile: results.Bytes()}, stderr); !ok {
		return code
	}
	what := fmt.Sprintf("replications %d to %d of %d", first, first+count-1, job.Items())
	if count == 0 {
		what = fmt.Sprintf("no replications (%d shards for %d)", s.n, job.Items())
	}
	var names []string
	for _, r := range runs {
		if !contains(names, r.run.Scenario) {
			names = append(names, r.run.Scenario)
		}
	}
	fmt.Fprintf(stdout, "part %d/%d of %s: %s\npart: %s\n", s.k, s.n, strings.Join(names, ", "), what, path)
	return exitOK
}
