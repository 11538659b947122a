package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/outagesim/outagesim/reports/sensitivity"
	"github.com/outagesim/outagesim/scenarios"
)

const sensitivityUsage = `Usage: outagesim sensitivity [flags] SCENARIO

Finds every value of the scenario whose source comment marks it as an
assumption ("assumption [E]"), moves each one on its own to a low and a
high value (by default ±25%, kept within its natural bounds: a percentage
within 0–100%, a count or a time ≥ 0; a distribution by its mean, its
shape kept), runs every variant with the same seed and replications as
the scenario (common random numbers), and ranks the assumptions by how
much they move the outage's impact on each KPI over the outage window,
each effect with its 95% CI from the paired replications. Prints the top
of each ranking and writes sensitivity.html, sensitivity.md,
sensitivity.csv and a tornado chart per KPI (charts/tornado-KPI.svg and
.png) to the -out folder.
Dates, names and lists are listed as not varied, and so are mixes of
shares summing to 100% unless -mixes is given (each share then moves and
the others make room in proportion); -list shows what would be varied
without running anything.

One-at-a-time moves screen for the assumptions that matter; they do not
measure interactions (docs/analysis.md, "Sensitivity").

Examples:
  outagesim sensitivity -list adastra-2022
  outagesim sensitivity -reps 2 -set "end=2022-08-29 00:00" adastra-2022
  outagesim sensitivity -only outage -kpi abandoned_pct,referrals_lost adastra-2022
  outagesim sensitivity -mixes -only nations.england.abandon_to,nations.england.cas adastra-2022
  outagesim sensitivity -skip nations.northern_ireland -spread 10% my-outage.yaml
  outagesim sensitivity -range "outage.contingency.routes.all.delay=30m:3h" \
      -range outage.unhandled_loss=5%:50% -only outage.contingency,outage.unhandled_loss adastra-2022

Flags:
`

// listFlags collects comma-separated lists from a repeatable flag.
type listFlags []string

func (l *listFlags) String() string { return strings.Join(*l, ",") }
func (l *listFlags) Set(s string) error {
	for p := range strings.SplitSeq(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// sensitivityDefaultReps caps the scenario's replications when -reps is
// not given: every parameter costs two runs of the scenario.
const sensitivityDefaultReps = 5

func runSensitivity(args []string, stdout, stderr io.Writer) int {
	const cmd = "sensitivity"
	fs := newFlagSet(cmd, sensitivityUsage)
	tf := addTableFlags(fs, "sensitivity-<scenario>", "the scenario's")
	fs.Lookup("reps").Usage = fmt.Sprintf("replications of every run (0: the scenario's, at most %d)", sensitivityDefaultReps)
	var sets repeatedFlag
	fs.Var(&sets, "set", "override a scenario field before the analysis, path=value (repeatable)")
	var only, skip, ranges listFlags
	fs.Var(&only, "only", "vary only these assumptions: comma-separated paths, or prefixes such as outage or nations.wales (repeatable)")
	fs.Var(&skip, "skip", "leave these assumptions (paths or prefixes) at their base (repeatable)")
	fs.Var(&ranges, "range", "a parameter's own low and high values, path=low:high, e.g. outage.unhandled_loss=5%:50% (repeatable)")
	spreadText := fs.String("spread", "25%", "the default move of each parameter, ± this share of its base")
	top := fs.Int("top", 10, "parameters per KPI in the terminal ranking and the tornado charts (0: all)")
	marker := fs.String("marker", "assumption [E]", "the text in a value's source comment that marks it as an assumption")
	mixes := fs.Bool("mixes", false, "also vary each share of a mix that sums to 100% (abandon_to, outcomes, ...), the other shares in proportion")
	list := fs.Bool("list", false, "list the assumptions that would be varied, and those that cannot be, then stop")
	timing := fs.Bool("timing", false, "print the wall time and runs to stderr")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(stderr, "outagesim %s: want one scenario, got %d\nRun 'outagesim %s -h' for usage.\n", cmd, fs.NArg(), cmd)
		return exitUsage
	}
	keys, ok := tf.check(cmd, stderr)
	if !ok {
		return exitUsage
	}
	spread, err := parseSpread(*spreadText)
	if err != nil {
		fmt.Fprintf(stderr, "outagesim %s: -spread %q: %v\n", cmd, *spreadText, err)
		return exitUsage
	}
	name := fs.Arg(0)
	l, ok := load(cmd, name, sets, stderr)
	if !ok {
		return exitUsage
	}
	vars, unvaried := l.scenario.Variables(*marker, *mixes)
	if len(vars) == 0 {
		fmt.Fprintf(stderr, "outagesim %s: %s: no value is marked %q in a source comment and can be varied (%d marked values that cannot be: dates, names, lists)\n",
			cmd, name, *marker, len(unvaried))
		return exitUsage
	}
	if *list {
		printVariables(stdout, vars, unvaried)
		return exitOK
	}
	sel, err := selectVariables(vars, unvaried, only, skip)
	if err != nil {
		fmt.Fprintf(stderr, "outagesim %s: %v\n", cmd, err)
		return exitUsage
	}
	own, err := parseRanges(vars, unvaried, ranges)
	if err != nil {
		fmt.Fprintf(stderr, "outagesim %s: %v\n", cmd, err)
		return exitUsage
	}
	opts := l.options(*tf.reps, *tf.seed, *tf.workers)
	if *tf.reps == 0 {
		opts.Replications = min(opts.Replications, sensitivityDefaultReps)
	}
	study := &sensitivity.Study{Scenario: l.scenario.Name, Base: l.cfg, KPIs: keys, Area: *tf.nation, Options: opts}
	for _, u := range unvaried {
		study.Skipped = append(study.Skipped, sensitivity.Skipped{Name: u.Path, Where: where(u.Note), Reason: u.Reason})
	}
	for _, v := range sel {
		low, high := sensitivity.DefaultRange(v.Base, spread, v.Min, v.Max, v.Kind == scenarios.VarCount)
		if r, ok := own[v.Path]; ok {
			low, high = r[0], r[1]
		}
		if low == v.Base && high == v.Base {
			study.Skipped = append(study.Skipped, sensitivity.Skipped{Name: v.Path, Where: where(v.Note),
				Reason: fmt.Sprintf("its value %s cannot move by ±%s within its bounds (give -range %s=LOW:HIGH)", v.Format(v.Base), percentText(spread), v.Path)})
			continue
		}
		p := sensitivity.Param{Name: v.Path, Where: where(v.Note), Kind: v.Kind.String(), Base: v.Base, Low: low, High: high, Format: v.Format}
		var cases []sensitivity.Case
		bad := ""
		for side, x := range []float64{low, high} {
			if x == v.Base {
				continue
			}
			vl, err := loadScenario(name, append(append([]string(nil), sets...), v.Override(x)))
			if err != nil {
				bad = fmt.Sprintf("%s = %s is not a valid scenario: %s", v.Path, v.Format(x), firstProblem(err))
				break
			}
			cases = append(cases, sensitivity.Case{Param: len(study.Params), Side: side, Config: vl.cfg})
		}
		if bad != "" {
			fmt.Fprintf(stderr, "outagesim %s: warning: not varied: %s\n", cmd, bad)
			study.Skipped = append(study.Skipped, sensitivity.Skipped{Name: v.Path, Where: where(v.Note), Reason: bad})
			continue
		}
		study.Params = append(study.Params, p)
		study.Cases = append(study.Cases, cases...)
	}
	if len(study.Params) == 0 {
		fmt.Fprintf(stderr, "outagesim %s: %s: none of the chosen assumptions can be varied (see the warnings above, or -list)\n", cmd, name)
		return exitUsage
	}
	if !l.checkWork(cmd, opts, 1+len(study.Cases), *tf.maxWork, stderr) {
		return exitUsage
	}
	var onRun func(done, total int)
	if bar := progress(stderr, 1+len(study.Cases), "sensitivity of "+l.scenario.Name); bar != nil {
		onRun = func(done, total int) {
			bar.Set(done)
			if done == total {
				bar.Finish()
				fmt.Fprintln(stderr)
			}
		}
	}
	began := time.Now()
	res, err := sensitivity.Run(study, onRun)
	if err != nil {
		return internal(cmd, err, stderr)
	}
	elapsed := time.Since(began)
	files := map[string][]byte{}
	for file, render := range map[string]func(io.Writer) error{"sensitivity.md": res.WriteMarkdown, "sensitivity.csv": res.WriteCSV} {
		var buf bytes.Buffer
		if err := render(&buf); err != nil {
			return internal(cmd, err, stderr)
		}
		files[file] = buf.Bytes()
	}
	charts, err := res.Tornado(*top)
	if err != nil {
		return internal(cmd, err, stderr)
	}
	var charted []string
	for _, c := range charts {
		files["charts/tornado-"+c.KPI+".svg"] = c.SVG
		files["charts/tornado-"+c.KPI+".png"] = c.PNG
		charted = append(charted, c.KPI)
	}
	var page bytes.Buffer
	if err := res.WriteHTML(&page, charted); err != nil {
		return internal(cmd, err, stderr)
	}
	files["sensitivity.html"] = page.Bytes()
	dir := *tf.out
	if dir == "" {
		dir = "sensitivity-" + l.scenario.Name
	}
	if code, ok := writeFolder(cmd, dir, files, stderr); !ok {
		return code
	}
	if *timing {
		fmt.Fprintf(stderr, "outagesim %s: %d parameters, %d scenario runs in %.1f s\n", cmd, len(study.Params), res.Runs, elapsed.Seconds())
	}
	if err := res.WriteText(stdout, *top); err != nil {
		return internal(cmd, err, stderr)
	}
	fmt.Fprintf(stdout, "\nsensitivity: %s\n", filepath.Join(dir, "sensitivity.html"))
	return exitOK
}

func where(n scenarios.Note) string {
	return fmt.Sprintf("%s:%d", n.File, n.Line)
}

// parseSpread reads -spread: a percentage such as 25% (or a share 0.25),
// above 0 and below 100%.
func parseSpread(s string) (float64, error) {
	p, err := scenarios.ParseProb(s)
	if err != nil || !(p > 0 && p < 1) {
		return 0, errors.New("want a percentage above 0% and below 100%, e.g. 25%")
	}
	return float64(p), nil
}

func percentText(x float64) string {
	return strconv.FormatFloat(x*100, 'g', 6, 64) + "%"
}

// under reports whether path is prefix or lies below it (prefix.x, or
// prefix[i]).
func under(path, prefix string) bool {
	return path == prefix || strings.HasPrefix(path, prefix+".") || strings.HasPrefix(path, prefix+"[")
}

// selectVariables applies -only and -skip. A path that names no marked
// assumption is an error, as is one that names only assumptions that
// cannot be varied.
func selectVariables(vars []scenarios.Variable, unvaried []scenarios.Unvaried, only, skip []string) ([]scenarios.Variable, error) {
	check := func(flag string, paths []string) error {
		for _, p := range paths {
			found := false
			for _, v := range vars {
				found = found || under(v.Path, p)
			}
			if found {
				continue
			}
			for _, u := range unvaried {
				if under(u.Path, p) {
					return fmt.Errorf("%s %q: %s cannot be varied: %s", flag, p, u.Path, u.Reason)
				}
			}
			return fmt.Errorf("%s %q: no assumption of the scenario has this path (allowed: a path or a prefix of one, e.g. %s; -list shows them)", flag, p, vars[0].Path)
		}
		return nil
	}
	if err := check("-only", only); err != nil {
		return nil, err
	}
	if err := check("-skip", skip); err != nil {
		return nil, err
	}
	var out []scenarios.Variable
	for _, v := range vars {
		in := len(only) == 0
		for _, p := range only {
			in = in || under(v.Path, p)
		}
		for _, p := range skip {
			in = in && !under(v.Path, p)
		}
		if in {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("-only and -skip leave no assumption to vary")
	}
	return out, nil
}

// parseRanges reads -range path=low:high into low and high per path.
func parseRanges(vars []scenarios.Variable, unvaried []scenarios.Unvaried, ranges []string) (map[string][2]float64, error) {
	out := map[string][2]float64{}
	for _, r := range ranges {
		path, span, ok := strings.Cut(r, "=")
		lo, hi, ok2 := strings.Cut(span, ":")
		path = strings.TrimSpace(path)
		if !ok || !ok2 || path == "" || strings.TrimSpace(lo) == "" || strings.TrimSpace(hi) == "" {
			return nil, fmt.Errorf("-range %q: want path=low:high, e.g. outage.unhandled_loss=5%%:50%% or outage.detection_delay=1h:6h", r)
		}
		var v *scenarios.Variable
		for i := range vars {
			if vars[i].Path == path {
				v = &vars[i]
			}
		}
		if v == nil {
			for _, u := range unvaried {
				if u.Path == path {
					return nil, fmt.Errorf("-range %q: %s cannot be varied: %s", r, path, u.Reason)
				}
			}
			return nil, fmt.Errorf("-range %q: %q is not a variable assumption of the scenario (allowed: a path that -list shows, e.g. %s)", r, path, vars[0].Path)
		}
		low, err := v.Parse(lo)
		if err != nil {
			return nil, fmt.Errorf("-range %q: low: %w", r, err)
		}
		high, err := v.Parse(hi)
		if err != nil {
			return nil, fmt.Errorf("-range %q: high: %w", r, err)
		}
		if !(low < high) {
			return nil, fmt.Errorf("-range %q: want low below high", r)
		}
		out[path] = [2]float64{low, high}
	}
	return out, nil
}

// firstProblem is the first line of a scenario error, for a one-line
// warning.
func firstProblem(err error) string {
	var errs scenarios.Errors
	if errors.As(err, &errs) && len(errs) > 0 {
		return errs[0].Error()
	}
	return err.Error()
}

// printVariables is -list: what would be varied, from what base, and
// what cannot be, with why.
func printVariables(w io.Writer, vars []scenarios.Variable, unvaried []scenarios.Unvaried) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%d assumptions to vary:\n", len(vars))
	for _, v := range vars {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", v.Path, v.Kind, v.Format(v.Base), where(v.Note))
	}
	fmt.Fprintf(tw, "%d marked values not varied:\n", len(unvaried))
	for _, u := range unvaried {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", u.Path, u.Reason, where(u.Note))
	}
	tw.Flush()
}
