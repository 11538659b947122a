package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/grid"
	"github.com/outagesim/outagesim/reports/part"
	"github.com/outagesim/outagesim/reports/write"
	"github.com/outagesim/outagesim/sim/kpi"
	"github.com/outagesim/outagesim/sim/replicate"
)

const compareUsage = `Usage: outagesim compare [flags] A B [C...]

Runs scenarios (or contingency options written as variants) side by side
with the same seed and replications, so they share their random numbers,
and prints each KPI with its 95% CI and the paired difference from A.
Writes compare.md, compare.csv and compare.json to the -out folder.

Examples:
  outagesim compare adastra-2022 adastra-2022-mutual-aid adastra-2022-no-contingency
  outagesim compare -nation scotland -reps 20 adastra-2022 my-variant.yaml
  outagesim compare adastra-2022 my-variant.yaml -json > compare.json
  outagesim compare -reps 200 -shard 3/8 -out parts adastra-2022 my-variant.yaml   # then: outagesim merge parts

Flags:
`

// defaultKPIs are the KPIs compare and sweep show unless told otherwise:
// the catalogue's headline KPIs.
var defaultKPIs = strings.Join(kpi.HeadlineKeys(), ",")

func runCompare(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("compare", compareUsage)
	tf := addTableFlags(fs, "compare-<A>", "the first scenario's, for all of them")
	jsonOut := fs.Bool("json", false, "print compare.json on stdout for other tools (the table goes to stderr)")
	shardF := addShardFlags(fs)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	sh, sharded, err := shardF.resolve()
	if err != nil {
		fmt.Fprintf(stderr, "outagesim compare: %v\n", err)
		return exitUsage
	}
	if sharded && *jsonOut {
		fmt.Fprintf(stderr, "outagesim compare: -shard writes a part, not a comparison: drop -json\n")
		return exitUsage
	}
	if fs.NArg() < 2 {
		fmt.Fprintf(stderr, "outagesim compare: want at least two scenarios, got %d\nRun 'outagesim compare -h' for usage.\n", fs.NArg())
		return exitUsage
	}
	keys, ok := tf.check("compare", stderr)
	if !ok {
		return exitUsage
	}
	t := &grid.Table{Nation: *tf.nation, KPIs: keys}
	var labels []string
	var opts replicate.Options
	var loads []*loaded
	for i, name := range fs.Args() {
		l, ok := load("compare", name, nil, stderr)
		if !ok {
			return exitUsage
		}
		if i == 0 {
			// Every scenario runs with the first one's seed and replications,
			// so they share their random numbers.
			opts = l.options(*tf.reps, *tf.seed, *tf.workers)
		}
		if !l.checkWork("compare", opts, fs.NArg(), *tf.maxWork, stderr) {
			return exitUsage
		}
		loads = append(loads, l)
	}
	if sharded {
		var runs []shardRun
		for _, l := range loads {
			r, err := newShardRun("compare", l, opts, args)
			if err != nil {
				return internal("compare", err, stderr)
			}
			r.run.Label = l.scenario.Name
			runs = append(runs, r)
		}
		settings, err := json.Marshal(compareSettings{Nation: *tf.nation, KPIs: keys})
		if err != nil {
			return internal("compare", err, stderr)
		}
		dir := *tf.out
		if dir == "" {
			dir = "parts-compare-" + loads[0].scenario.Name
		}
		return writePart("compare", runs, settings, sh, dir, stdout, stderr)
	}
	for _, l := range loads {
		agg, err := reports.SummariseFor(l.cfg, opts, grid.Needs)
		if err != nil {
			return internal("compare", err, stderr)
		}
		t.Runs = append(t.Runs, grid.Run{Label: l.scenario.Name, Agg: agg})
		labels = append(labels, l.scenario.Name)
	}
	t.Title = "Comparison: " + strings.Join(labels, " vs ")
	files, err := renderTable(t, "compare")
	if err != nil {
		return internal("compare", err, stderr)
	}
	dir := *tf.out
	if dir == "" {
		dir = "compare-" + labels[0]
	}
	if code, ok := writeFolder("compare", dir, files, stderr); !ok {
		return code
	}
	text := stdout
	if *jsonOut {
		text = stderr
		if _, err := stdout.Write(files["compare.json"]); err != nil {
			return internal("compare", err, stderr)
		}
	}
	if err := t.WriteText(text); err != nil {
		return internal("compare", err, stderr)
	}
	fmt.Fprintf(text, "\ncomparison: %s\n", filepath.Join(dir, "compare.md"))
	return exitOK
}

// compareSettings are what a merge of compare's parts needs besides the
// runs.
type compareSettings struct {
	Nation string   `json:"nation"`
	KPIs   []string `json:"kpis"`
}

// mergeCompare writes the comparison of merged runs, as compare does.
func mergeCompare(job part.Job, aggs []*reports.Aggregate, out string, stdout, stderr io.Writer) int {
	var set compareSettings
	if err := json.Unmarshal(job.Settings, &set); err != nil {
		fmt.Fprintf(stderr, "outagesim merge: %v: settings: %v\n", part.ErrCorrupt, err)
		return exitUsage
	}
	t := &grid.Table{Nation: set.Nation, KPIs: set.KPIs}
	var labels []string
	for i, r := range job.Runs {
		t.Runs = append(t.Runs, grid.Run{Label: r.Label, Agg: aggs[i]})
		labels = append(labels, r.Label)
	}
	t.Title = "Comparison: " + strings.Join(labels, " vs ")
	files, err := renderTable(t, "compare")
	if err != nil {
		return internal("merge", err, stderr)
	}
	if out == "" {
		out = "compare-" + labels[0]
	}
	if code, ok := writeFolder("merge", out, files, stderr); !ok {
		return code
	}
	if err := t.WriteText(stdout); err != nil {
		return internal("merge", err, stderr)
	}
	fmt.Fprintf(stdout, "\ncomparison: %s\n", filepath.Join(out, "compare.md"))
	return exitOK
}

func writeFolder(cmd, dir string, files map[string][]byte, stderr io.Writer) (int, bool) {
	if err := write.Folder(dir, files); err != nil {
		if errors.Is(err, write.ErrWorkDir) {
			fmt.Fprintf(stderr, "outagesim %s: %v\n", cmd, err)
			return exitUsage, false
		}
		if errors.Is(err, write.ErrNotReport) {
			fmt.Fprintf(stderr, "outagesim %s: %v\nChoose another -out folder.\n", cmd, err)
			return exitUsage, false
		}
		return internal(cmd, err, stderr), false
	}
	return exitOK, true
}

func parseKPIs(cmd, list string, stderr io.Writer) ([]string, bool) {
	var keys []string
	for k := range strings.SplitSeq(list, ",") {
		k = strings.TrimSpace(k)
		if _, ok := kpi.Lookup(k); !ok {
			fmt.Fprintf(stderr, "outagesim %s: -kpi %q: unknown KPI (allowed: %s)\n", cmd, k, strings.Join(kpi.Keys(), ", "))
			return nil, false
		}
		keys = append(keys, k)
	}
	return keys, true
}

func validNation(cmd, n string, stderr io.Writer) bool {
	allowed := []string{"england", "scotland", "wales", "northern_ireland", reports.UK}
	if !contains(allowed, n) {
		fmt.Fprintf(stderr, "outagesim %s: -nation %q: allowed: %s\n", cmd, n, strings.Join(allowed, ", "))
		return false
	}
	return true
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// renderTable renders a comparison or sweep as <stem>.md, .csv and .json.
func renderTable(t *grid.Table, stem string) (map[string][]byte, error) {
	files := map[string][]byte{}
	for ext, render := range map[string]func(io.Writer) error{".md": t.WriteMarkdown, ".csv": t.WriteCSV, ".json": t.WriteJSON} {
		var buf bytes.Buffer
		if err := render(&buf); err != nil {
			return nil, err
		}
		files[stem+ext] = buf.Bytes()
	}
	return files, nil
}
