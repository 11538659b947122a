package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"text/tabwriter"
	"time"

	"al.essio.dev/pkg/shellescape"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/write"
	"github.com/outagesim/outagesim/scenarios"
	"github.com/outagesim/outagesim/sim/kpi"
	"github.com/outagesim/outagesim/sim/model"
	"github.com/outagesim/outagesim/sim/replicate"
)

const runUsage = `Usage: outagesim run [flags] [SCENARIO|FILE]

Runs a scenario's replications, each with its counterfactual (the same
scenario and random numbers without the outage), and writes a report:
report.html, report.md, summary.json, kpis.csv, timeseries.csv and the
charts as PNG files. With no argument it runs the library's default,
adastra-2022. "outagesim list" shows the library.

Examples:
  outagesim run
  outagesim run adastra-2022 -reps 30 -out reports/adastra
  outagesim run -set outage.contingency.staff_factor=1.2 adastra-2022
  outagesim run -format json,csv my-outage.yaml
  outagesim run adastra-2022 -format html,pdf     # report.pdf, with Debian's chromium
  outagesim run my-outage.yaml -json | jq '.kpis.abandoned_pct.uk.impact'
  outagesim run adastra-2022 -reps 100 -shard 2/4 -out parts   # then: outagesim merge parts
  outagesim run adastra-2022 -reps 100 -shard auto -out parts  # in a Slurm array task
  outagesim run -precision 2% textbook-erlang-a                 # replications until every 95% CI is within ±2%
  outagesim run -precision 5%,callback_within_target_pct=0.5pp -max-reps 100 adastra-2022

-precision TARGETS runs replications in batches, starting with -reps (or the
scenario's), until the 95% CI half-width of every headline impact (without
an outage, every headline KPI) is within its target, or -max-reps have run.
TARGETS are comma-separated: a bare value for every headline KPI, or
KEY=VALUE for one KPI. A value is a number > 0 followed by % (of the
estimate's size), pp (percentage points, percentage KPIs only) or nothing
(the KPI's own unit). docs/analysis.md explains the rule.

Flags:
`

func runRun(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("run", runUsage)
	reps := fs.Int("reps", 0, "replications (0: the scenario's, default 10)")
	seed := fs.Uint64("seed", 0, "random seed (0: the scenario's, default 1)")
	workers := fs.Int("workers", 0, "cores to use: runs simulated at once, then the summaries; 0 for one per core (results do not depend on it)")
	out := fs.String("out", "", "report folder (default report-<scenario> in the current folder)")
	format := fs.String("format", "html,md,json,csv", "report files to write: any of html, md, json, csv, and pdf (printed from report.html by headless Chromium)")
	timing := fs.Bool("timing", false, "print the simulation's speed (calls per second) on stderr")
	summary := fs.String("summary", "", "also append the headline as a Markdown table to this file, e.g. \"$GITHUB_STEP_SUMMARY\"")
	jsonOut := fs.Bool("json", false, "print summary.json on stdout for other tools (the headline goes to stderr)")
	maxWork := fs.Float64("max-work", 1, maxWorkUsage)
	precisionF := fs.String("precision", "", "run replications until every headline impact's 95% CI half-width is within this, e.g. 2% or 2%,abandoned_pct=0.5pp (see above)")
	maxReps := fs.Int("max-reps", defaultMaxReps, "with -precision, stop after this many replications even if the precision is not met")
	var sets repeatedFlag
	fs.Var(&sets, "set", "override a scenario field, path=value (repeatable), e.g. outage.contingency.staff_factor=1.2 or outage.contingency.mutual_aid[0].share=10%")
	shardF := addShardFlags(fs)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	var rule *reports.Precision
	if *precisionF != "" {
		r, err := reports.ParsePrecision(*precisionF)
		if err != nil {
			fmt.Fprintf(stderr, "outagesim run: -precision %v\n", err)
			return exitUsage
		}
		rule = &r
	} else if flagSet(fs, "max-reps") {
		fmt.Fprintf(stderr, "outagesim run: -max-reps caps a -precision run; without -precision, -reps says how many replications run\n")
		return exitUsage
	}
	sh, sharded, err := shardF.resolve()
	if err != nil {
		fmt.Fprintf(stderr, "outagesim run: %v\n", err)
		return exitUsage
	}
	if sharded && rule != nil {
		fmt.Fprintf(stderr, "outagesim run: -precision decides the number of replications as it goes, and a shard runs a fixed share of a fixed number: drop -shard, or run with -precision once and shard its number of replications with -reps\n")
		return exitUsage
	}
	if sharded && (*jsonOut || *summary != "" || *timing) {
		fmt.Fprintf(stderr, "outagesim run: -shard writes a part, not a report: drop -json, -summary and -timing (the merge prints the headline)\n")
		return exitUsage
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(stderr, "outagesim run: one scenario at a time, got %d\nRun 'outagesim run -h' for usage.\n", fs.NArg())
		return exitUsage
	}
	list, pdf := splitPDF(*format)
	formats, err := write.ParseFormats(list)
	if err != nil {
		fmt.Fprintf(stderr, "outagesim run: -format %q: %v; pdf too, printed by headless Chromium\n", *format, err)
		return exitUsage
	}
	if *reps < 0 || *workers < 0 {
		fmt.Fprintf(stderr, "outagesim run: -reps and -workers must be ≥ 0\n")
		return exitUsage
	}
	var browser string
	if pdf {
		// Before the simulation, not after minutes of it.
		if browser, err = findChromium(); err != nil {
			fmt.Fprintf(stderr, "outagesim run: %v\n", err)
			return exitUsage
		}
	}
	name := scenarios.Default
	if fs.NArg() == 1 {
		name = fs.Arg(0)
	}
	l, ok := load("run", name, sets, stderr)
	if !ok {
		return exitUsage
	}
	opts := l.options(*reps, *seed, *workers)
	if rule != nil {
		// The first batch: -reps, or the scenario's, at least the minimum.
		if *reps == 0 {
			opts.Replications = max(opts.Replications, reports.MinPrecisionStart)
		}
		if opts.Replications < reports.MinPrecisionStart || *maxReps < opts.Replications || *maxReps > scenarios.MaxReplications {
			fmt.Fprintf(stderr, "outagesim run: -precision starts with %d replications (-reps or the scenario's) and stops at -max-reps %d: want %d ≤ -reps ≤ -max-reps ≤ %d\n",
				opts.Replications, *maxReps, reports.MinPrecisionStart, scenarios.MaxReplications)
			return exitUsage
		}
	}
	work := opts
	if rule != nil {
		work.Replications = *maxReps // what the run may come to
	}
	if !l.checkWork("run", work, 1, *maxWork, stderr) {
		return exitUsage
	}
	if sharded {
		dir := *out
		if dir == "" {
			dir = "parts-" + l.scenario.Name
		}
		r, err := newShardRun("run", l, opts, args)
		if err != nil {
			return internal("run", err, stderr)
		}
		return writePart("run", []shardRun{r}, nil, sh, dir, stdout, stderr)
	}
	dir := *out
	if dir == "" {
		dir = "report-" + l.scenario.Name
	}
	bar := progress(stderr, opts.Replications, "simulating "+l.scenario.Name)
	switch {
	case bar != nil && rule != nil:
		// Each batch says how far the run has got to.
		opts.Progress = func(done, total int) { bar.ChangeMax(total); bar.Set(done) }
	case bar != nil:
		opts.Progress = func(done, _ int) { bar.Set(done) }
	}
	// Only what the files read is summarised: the headline, -json,
	// -summary, -timing and the warm-up check read what every aggregate
	// has, and summary.json alone needs no daily KPIs or series.
	need := formats.Needs()
	began := time.Now()
	var agg *reports.Aggregate
	if rule != nil {
		agg, err = reports.SummariseToPrecisionFor(l.cfg, opts, *rule, *maxReps, need)
		reporting()
	} else {
		// reports.Summarise, with the GC target lowered between the
		// replications and the summaries: see reporting.
		agg = reports.NewAggregateFor(l.cfg, opts, need)
		err = replicate.Run(l.cfg, opts, agg.Add)
		reporting()
		if err == nil {
			err = agg.Finish()
		}
	}
	elapsed := time.Since(began)
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(stderr)
	}
	if errors.Is(err, reports.ErrPrecision) {
		fmt.Fprintf(stderr, "outagesim run: -precision %q: %v\n", *precisionF, err)
		return exitUsage
	}
	if err != nil {
		return internal("run", err, stderr)
	}
	meta := l.meta(commandLine("run", args))
	if err := write.Report(dir, agg, meta, formats); err != nil {
		if errors.Is(err, write.ErrWorkDir) {
			fmt.Fprintf(stderr, "outagesim run: %v\n", err)
			return exitUsage
		}
		if errors.Is(err, write.ErrNotReport) {
			fmt.Fprintf(stderr, "outagesim run: %v\nChoose another -out folder, or remove it yourself if you mean to.\n", err)
			return exitUsage
		}
		return internal("run", err, stderr)
	}
	if pdf {
		if err := printPDF(browser, dir); err != nil {
			return internal("run", err, stderr)
		}
	}
	if *timing {
		printTiming(stderr, agg, elapsed, opts)
	}
	text := stdout
	if *jsonOut {
		// stdout carries the document alone, so it can be piped.
		text = stderr
		if err := write.SummaryJSON(stdout, agg, meta); err != nil {
			return internal("run", err, stderr)
		}
	}
	headline(text, agg)
	precisionNote(text, agg)
	warmupNote(stderr, agg)
	report := filepath.Join(dir, "report.html")
	if !formats.HTML {
		report = dir
	}
	fmt.Fprintf(text, "\nreport: %s\n", report)
	if pdf {
		fmt.Fprintf(text, "pdf: %s\n", filepath.Join(dir, "report.pdf"))
	}
	if *summary != "" {
		if err := appendFile(*summary, headlineMarkdown(agg, report)); err != nil {
			return internal("run", err, stderr)
		}
	}
	return exitOK
}

// software is what the STRESS-DES section says ran the study: the module
// path, the Go release and the platform. Only cmd reads them: sim and
// reports know nothing of the machine. The CPU count is left out on
// purpose: a shard's part carries these, and a merge of parts run on
// different nodes must write the same report as one machine.
func software() (module, goVersion, system string) {
	goVersion = runtime.Version()
	if info, ok := debug.ReadBuildInfo(); ok {
		module = info.Main.Path
		if info.GoVersion != "" {
			goVersion = info.GoVersion
		}
	}
	system = runtime.GOOS + "/" + runtime.GOARCH
	return module, goVersion, system
}

// defaultMaxReps caps a -precision run unless -max-reps says otherwise:
// enough for a relative precision of a few per cent on most impacts, and
// a bound on a run whose targets are out of reach.
const defaultMaxReps = 200

// precisionNote says how many replications a -precision run ran and why
// it stopped.
func precisionNote(w io.Writer, a *reports.Aggregate) {
	if a.Precision == nil {
		return
	}
	fmt.Fprintf(w, "\n%s\n", reports.PrecisionSentence(a))
}

// internal reports a failure that is not the user's: a broken invariant or
// an I/O error.
func internal(cmd string, err error, stderr io.Writer) int {
	if errors.Is(err, model.ErrConservation) {
		fmt.Fprintf(stderr, "outagesim %s: internal error, please report it: %v\n", cmd, err)
	} else {
		fmt.Fprintf(stderr, "outagesim %s: %v\n", cmd, err)
	}
	return exitInternal
}

// progress returns a progress bar on w when w is a terminal, else nil.
func progress(w io.Writer, total int, what string) *progressbar.ProgressBar {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
	)
}

// commandLine is the command as a user would type it in a POSIX shell,
// for the report: every argument a shell would split or interpret (&, ;,
// |, quotes, spaces, $) is quoted, so the line can be pasted back.
func commandLine(cmd string, args []string) string {
	return shellescape.QuoteCommand(append([]string{"outagesim", cmd}, args...))
}

// headline prints the UK's headline KPIs with 95% intervals.
func headline(w io.Writer, a *reports.Aggregate) {
	title, header, rows := headlineTable(a)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\n\n", title)
	for _, r := range append([][]string{header}, rows...) {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	tw.Flush()
}

// headlineTable is the headline as a title, a header and rows, for the
// terminal and for Markdown (run -summary).
func headlineTable(a *reports.Aggregate) (title string, header []string, rows [][]string) {
	// With an outage, the headline is measured while it lasts: from the
	// outage to full reconnection (or the end of the run).
	period, when := model.PeriodRun, "whole run"
	if p := a.Period(model.PeriodOutageWindow); p != nil {
		period = p.Name
		when = "outage window " + reports.LocalTime(a, p.From) + " to " + reports.LocalTime(a, p.To)
	}
	title = fmt.Sprintf("%s: %d replications, seed %d (UK, %s; mean and 95%% CI)", a.Scenario, a.Replications, a.Seed, when)
	header = []string{"KPI", "value"}
	if a.Outage != nil {
		header = []string{"KPI", "outage", "without outage", "impact"}
	}
	ci := func(f string, lo, hi float64) string { return fmt.Sprintf(f+"–"+f, lo, hi) }
	for _, key := range kpi.HeadlineKeys() {
		k := a.PeriodKPI(period, reports.UK, key)
		if k == nil {
			continue
		}
		def, _ := kpi.Lookup(key)
		format := fmt.Sprintf("%%.%df", def.Decimals)
		cell := func(mean float64, lohi [2]float64) string {
			return fmt.Sprintf(format, mean) + " (" + ci(format, lohi[0], lohi[1]) + ")"
		}
		if k.Counterfactual != nil {
			rows = append(rows, []string{def.Short, cell(k.Outage.Mean, k.Outage.CI95),
				cell(k.Counterfactual.Mean, k.Counterfactual.CI95), signed(format, k.Impact.Mean) + " (" + ci(format, k.Impact.CI95[0], k.Impact.CI95[1]) + ")"})
		} else {
			rows = append(rows, []string{def.Short, cell(k.Outage.Mean, k.Outage.CI95)})
		}
	}
	return title, header, rows
}

func signed(format string, x float64) string {
	s := fmt.Sprintf(format, x)
	if x > 0 && !strings.HasPrefix(s, "+") {
		s = "+" + s
	}
	return s
}

// printTiming reports the simulation's speed: every call offered in every
// run (counterfactuals included) over the wall time of the replications.
func printTiming(w io.Writer, a *reports.Aggregate, elapsed time.Duration, opts replicate.Options) {
	runs := a.Replications
	if a.Outage != nil {
		runs *= 2
	}
	calls := 0.0
	if k := a.KPI(reports.UK, kpi.CallsOffered); k != nil {
		calls = k.Outage.Mean * float64(a.Replications)
		if k.Counterfactual != nil {
			calls += k.Counterfactual.Mean * float64(a.Replications)
		}
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	fmt.Fprintf(w, "timing: %d runs, %.0f calls, %d events in %.2f s wall with %d workers: %.0f calls/s\n",
		runs, calls, a.Events, elapsed.Seconds(), min(workers, a.Replications), calls/elapsed.Seconds())
}

// warmupNote warns when MSER-5 finds the warm-up of a steady-state run too
// short, and says what it suggests.
func warmupNote(w io.Writer, agg *reports.Aggregate) {
	c := agg.Warmup
	if !c.Checked || !c.TooShort {
		return
	}
	if !c.Reliable {
		fmt.Fprintf(w, "warning: MSER-5 found no settled warm-up in this run (occupancy still drifting in its second half): lengthen the run, or check that the scenario can reach a steady state\n")
		return
	}
	fmt.Fprintf(w, "warning: MSER-5 suggests a warm-up of at least %s; this run's is %s (set warmup: in the scenario)\n",
		hours(c.Suggested), hours(c.End))
}

// hours writes a length of time in whole hours, or "none".
func hours(s float64) string {
	if s <= 0 {
		return "none"
	}
	return fmt.Sprintf("%.0f h", s/3600)
}
