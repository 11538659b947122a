package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/grid"
	"github.com/outagesim/outagesim/reports/part"
	"github.com/outagesim/outagesim/scenarios"
)

const sweepUsage = `Usage: outagesim sweep [flags] -vary path=v1,v2,... [-vary path=...] SCENARIO

Runs a scenario at every point of a grid of one or two parameters (each
-vary is a scenario field as in -set, [i] picking a list item, with
comma-separated values; a value holding commas can be quoted in [ ] or
{ }), with the same seed and replications everywhere, and prints the
chosen KPIs at each point. Writes
sweep.md, sweep.csv, sweep.json and a chart per KPI to the -out folder.

Examples:
  outagesim sweep -vary outage.contingency.staff_factor=1,1.1,1.2,1.3 adastra-2022
  outagesim sweep adastra-2022-mutual-aid -vary 'outage.contingency.mutual_aid[0].share=10%,20%,30%'
  outagesim sweep -kpi abandoned_pct -nation england \
      -vary outage.contingency.staff_factor=1,1.2,1.4 \
      -vary outage.contingency.handle_factor=1.2,1.4 adastra-2022
  outagesim sweep -reps 40 -vary outage.contingency.staff_factor=1,1.2,1.4 \
      -shard 2/4 -out parts adastra-2022   # and 0/4, 1/4, 3/4; then: outagesim merge parts

Flags:
`

// varyFlags collects -vary path=v1,v2,...
type varyFlags []string

func (v *varyFlags) String() string     { return strings.Join(*v, " ") }
func (v *varyFlags) Set(s string) error { *v = append(*v, s); return nil }

// splitValues splits on commas outside brackets and braces.
func splitValues(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

// gridSize is the number of points of the grid of values, saturating
// instead of overflowing.
func gridSize(values [][]string) int {
	n := 1
	for _, v := range values {
		if n > scenarios.MaxSweepPoints || len(v) > scenarios.MaxSweepPoints {
			return scenarios.MaxSweepPoints + 1
		}
		n *= len(v)
	}
	return n
}

func gridDims(values [][]string) []string {
	var out []string
	for _, v := range values {
		out = append(out, fmt.Sprint(len(v)))
	}
	return out
}

func runSweep(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("sweep", sweepUsage)
	tf := addTableFlags(fs, "sweep-<scenario>", "each point's scenario's")
	var vary varyFlags
	fs.Var(&vary, "vary", "a parameter and its values, path=v1,v2,... (once or twice)")
	shardF := addShardFlags(fs)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	sh, sharded, err := shardF.resolve()
	if err != nil {
		fmt.Fprintf(stderr, "outagesim sweep: %v\n", err)
		return exitUsage
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(stderr, "outagesim sweep: want one scenario, got %d\nRun 'outagesim sweep -h' for usage.\n", fs.NArg())
		return exitUsage
	}
	if len(vary) < 1 || len(vary) > 2 {
		fmt.Fprintf(stderr, "outagesim sweep: want one or two -vary flags, got %d\nRun 'outagesim sweep -h' for usage.\n", len(vary))
		return exitUsage
	}
	keys, ok := tf.check("sweep", stderr)
	if !ok {
		return exitUsage
	}
	var paths []string
	var values [][]string
	for _, v := range vary {
		path, list, ok := strings.Cut(v, "=")
		vals := splitValues(list)
		if !ok || strings.TrimSpace(path) == "" || len(vals) == 0 || contains(vals, "") {
			fmt.Fprintf(stderr, "outagesim sweep: -vary %q: want path=v1,v2,... (e.g. outage.contingency.staff_factor=1,1.2)\n", v)
			return exitUsage
		}
		paths = append(paths, strings.TrimSpace(path))
		values = append(values, vals)
	}
	if size := gridSize(values); size > scenarios.MaxSweepPoints {
		fmt.Fprintf(stderr, "outagesim sweep: -vary: a grid of %s points: want at most %d (the cap on a sweep's points)\n",
			strings.Join(gridDims(values), " × "), scenarios.MaxSweepPoints)
		return exitUsage
	}
	// The grid, first parameter varying slowest.
	points := [][]string{{}}
	for _, vals := range values {
		var next [][]string
		for _, p := range points {
			for _, v := range vals {
				next = append(next, append(append([]string(nil), p...), v))
			}
		}
		points = next
	}
	name := fs.Arg(0)
	t := &grid.Table{Nation: *tf.nation, KPIs: keys, Params: paths}
	scenarioName := name
	var runs []shardRun
	for _, pt := range points {
		var sets []string
		for i, p := range paths {
			sets = append(sets, p+"="+pt[i])
		}
		l, ok := loadFlag("sweep", name, "-vary", sets, stderr)
		if !ok {
			return exitUsage
		}
		scenarioName = l.scenario.Name
		// Flags win; otherwise each point's own scenario settings, so that
		// seed and replications can themselves be swept.
		opts := l.options(*tf.reps, *tf.seed, *tf.workers)
		if !l.checkWork("sweep", opts, len(points), *tf.maxWork, stderr) {
			return exitUsage
		}
		if sharded {
			// A point's share of the work runs in the shard that holds it.
			r, err := newShardRun("sweep", l, opts, args)
			if err != nil {
				return internal("sweep", err, stderr)
			}
			r.run.Label, r.run.Values = strings.Join(sets, " "), pt
			runs = append(runs, r)
			continue
		}
		agg, err := reports.SummariseFor(l.cfg, opts, grid.Needs)
		if err != nil {
			return internal("sweep", err, stderr)
		}
		t.Runs = append(t.Runs, grid.Run{Label: strings.Join(sets, " "), Values: pt, Agg: agg})
	}
	if sharded {
		settings, err := json.Marshal(sweepSettings{Scenario: scenarioName, Nation: *tf.nation, KPIs: keys, Params: paths})
		if err != nil {
			return internal("sweep", err, stderr)
		}
		dir := *tf.out
		if dir == "" {
			dir = "parts-sweep-" + scenarioName
		}
		return writePart("sweep", runs, settings, sh, dir, stdout, stderr)
	}
	return writeSweep("sweep", t, scenarioName, *tf.out, stdout, stderr)
}

// sweepSettings are what a merge of sweep's parts needs besides the runs
// (each run is a grid point, with its label and values).
type sweepSettings struct {
	Scenario string   `json:"scenario"`
	Nation   string   `json:"nation"`
	KPIs     []string `json:"kpis"`
	Params   []string `json:"params"`
}

// mergeSweep writes the sweep of merged grid points, as sweep does.
func mergeSweep(job part.Job, aggs []*reports.Aggregate, out string, stdout, stderr io.Writer) int {
	var set sweepSettings
	if err := json.Unmarshal(job.Settings, &set); err != nil {
		fmt.Fprintf(stderr, "outagesim merge: %v: settings: %v\n", part.ErrCorrupt, err)
		return exitUsage
	}
	t := &grid.Table{Nation: set.Nation, KPIs: set.KPIs, Params: set.Params}
	for i, r := range job.Runs {
		if len(r.Values) != len(set.Params) {
			fmt.Fprintf(stderr, "outagesim merge: %v: run %d has %d values for %d parameters\n", part.ErrCorrupt, i, len(r.Values), len(set.Params))
			return exitUsage
		}
		t.Runs = append(t.Runs, grid.Run{Label: r.Label, Values: r.Values, Agg: aggs[i]})
	}
	return writeSweep("merge", t, set.Scenario, out, stdout, stderr)
}

// writeSweep writes a sweep's table and charts to dir (default
// sweep-<scenario>) and prints the table.
func writeSweep(cmd string, t *grid.Table, scenarioName, dir string, stdout, stderr io.Writer) int {
	t.Title = "Sweep of " + scenarioName + " over " + strings.Join(t.Params, " × ")
	files, err := renderTable(t, "sweep")
	if err != nil {
		return internal(cmd, err, stderr)
	}
	charts, err := t.SweepCharts()
	if err != nil {
		return internal(cmd, err, stderr)
	}
	for _, c := range charts {
		files["charts/"+c.KPI+".svg"] = c.SVG
		files["charts/"+c.KPI+".png"] = c.PNG
	}
	if dir == "" {
		dir = "sweep-" + scenarioName
	}
	if code, ok := writeFolder(cmd, dir, files, stderr); !ok {
		return code
	}
	if err := t.WriteText(stdout); err != nil {
		return internal(cmd, err, stderr)
	}
	fmt.Fprintf(stdout, "\nsweep: %s\n", filepath.Join(dir, "sweep.md"))
	return exitOK
}
