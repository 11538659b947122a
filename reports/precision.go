package reports

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	mstats "github.com/montanaflynn/stats"

	"github.com/outagesim/outagesim/reports/stats"
	"github.com/outagesim/outagesim/sim/kpi"
	"github.com/outagesim/outagesim/sim/model"
	"github.com/outagesim/outagesim/sim/replicate"
)

// ErrPrecision marks a precision rule the run cannot apply: a KPI it names
// is not measured in this scenario. It is the user's mistake, not the
// model's.
var ErrPrecision = errors.New("precision")

// Target is the precision one KPI's 95% confidence interval must reach:
// its half-width at most Value in the KPI's unit (percentage points for a
// percentage), or with Relative at most Value × |mean|.
type Target struct {
	Key      string
	Value    float64
	Relative bool
	// Named says the rule names the KPI, so it must be measured; the
	// headline KPIs a bare term covers are skipped where they do not
	// apply (no call-backs in a textbook queue, say).
	Named bool
}

// Precision is a parsed -precision rule: its text as written and its
// targets in catalogue order.
type Precision struct {
	Text    string
	Targets []Target
}

// ParsePrecision reads a precision rule: comma-separated terms, each a
// bare value for every headline KPI the other terms do not name, or
// KEY=VALUE for one KPI of the catalogue. A value is a positive number
// followed by % (relative to the estimate: 2% means a half-width of at
// most 2% of |mean|), by pp (percentage points, for a percentage KPI
// only) or by nothing (the KPI's own unit). Examples: "2%", "0.5",
// "2%,abandoned_pct=0.5pp", "mean_answer_s=5,referrals_lost=3%".
func ParsePrecision(s string) (Precision, error) {
	var bare *Target
	named := map[string]Target{}
	var order []string
	for term := range strings.SplitSeq(s, ",") {
		term = strings.TrimSpace(term)
		if term == "" {
			return Precision{}, fmt.Errorf("%q: an empty term; want a value such as 2%%, 0.5 or abandoned_pct=0.5pp, comma-separated", s)
		}
		key, value, hasKey := strings.Cut(term, "=")
		var def kpi.Def
		if !hasKey {
			value = term
		}
		if hasKey {
			key = strings.TrimSpace(key)
			d, ok := kpi.Lookup(key)
			if !ok {
				return Precision{}, fmt.Errorf("%q: unknown KPI %q (allowed: %s)", term, key, strings.Join(kpi.Keys(), ", "))
			}
			if _, dup := named[key]; dup {
				return Precision{}, fmt.Errorf("%q: %s has two targets", s, key)
			}
			def = *d
		} else if bare != nil {
			return Precision{}, fmt.Errorf("%q: two targets for every headline KPI; give one bare value and name the others, e.g. 2%%,abandoned_pct=0.5pp", s)
		}
		t, err := parseTarget(strings.TrimSpace(value), def, hasKey)
		if err != nil {
			return Precision{}, fmt.Errorf("%q: %w", term, err)
		}
		if !hasKey {
			bare = &t
			continue
		}
		t.Key, t.Named = key, true
		named[key] = t
		order = append(order, key)
	}
	p := Precision{}
	var text []string
	if bare != nil {
		text = append(text, formatTarget(*bare))
	}
	for _, def := range kpi.All() {
		if t, ok := named[def.Key]; ok {
			p.Targets = append(p.Targets, t)
			continue
		}
		if bare != nil && def.Headline {
			t := *bare
			t.Key = def.Key
			p.Targets = append(p.Targets, t)
		}
	}
	for _, key := range order {
		text = append(text, key+"="+formatTarget(named[key]))
	}
	p.Text = strings.Join(text, ",")
	return p, nil
}

// parseTarget reads one value; def is the KPI it is for (zero for a bare
// term).
func parseTarget(v string, def kpi.Def, named bool) (Target, error) {
	allowed := "want a number > 0 followed by % (relative to the estimate), pp (percentage points) or nothing (the KPI's own unit)"
	num, rel, pp := v, false, false
	switch {
	case strings.HasSuffix(v, "%"):
		num, rel = strings.TrimSuffix(v, "%"), true
	case strings.HasSuffix(v, "pp"):
		num, pp = strings.TrimSuffix(v, "pp"), true
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || x <= 0 {
		return Target{}, errors.New(allowed)
	}
	if pp && !named {
		return Target{}, errors.New("pp is for a percentage KPI: name it (abandoned_pct=0.5pp), or give a bare 0.5 for every headline KPI in its own unit")
	}
	if pp && !def.Percent {
		return Target{}, fmt.Errorf("%s is in %s, not a percentage: drop pp", def.Key, def.Unit)
	}
	if rel {
		if x > 100 {
			return Target{}, errors.New("a relative precision over 100% asks for nothing; want more than 0% and at most 100%")
		}
		x /= 100
	}
	return Target{Value: x, Relative: rel}, nil
}

func formatTarget(t Target) string {
	if t.Relative {
		return strconv.FormatFloat(t.Value*100, 'g', -1, 64) + "%"
	}
	if d, ok := kpi.Lookup(t.Key); ok && d.Percent {
		return strconv.FormatFloat(t.Value, 'g', -1, 64) + "pp"
	}
	return strconv.FormatFloat(t.Value, 'g', -1, 64)
}

// PrecisionRun is how a precision-driven run went: the rule, the
// replications after each batch, and the last check.
type PrecisionRun struct {
	// Rule is the rule as written back ("2%,abandoned_pct=0.5pp").
	Rule string
	// Period is the period measured: the outage window with an outage
	// (the headline's period), else the whole run. Impacts says the
	// intervals are the paired impacts' (with an outage) rather than the
	// KPIs' own.
	Period  string
	Impacts bool
	// Start is the first batch; Max the cap on replications.
	Start, Max int
	// Batches are the replications run after each batch, in order.
	Batches []int
	// Met says every target was reached; otherwise the cap stopped the
	// run.
	Met bool
	// Checks are every batch's check, in order; the last is the run's.
	Checks [][]KPIPrecision
}

// KPIPrecision is one KPI's interval against its target after a batch.
type KPIPrecision struct {
	Key string
	// Mean and HalfWidth are the estimate and its 95% CI half-width;
	// Target the half-width wanted, in the KPI's unit.
	Mean, HalfWidth, Target float64
	Met                     bool
	// Needed is the replications the current variance projects for the
	// target (Law and Kelton's approximation), capped at the run's Max.
	Needed int
}

// Final is the last check.
func (p *PrecisionRun) Final() []KPIPrecision {
	if len(p.Checks) == 0 {
		return nil
	}
	return p.Checks[len(p.Checks)-1]
}

// Missed lists the KPIs the last check found wider than their targets.
func (p *PrecisionRun) Missed() []string {
	var out []string
	for _, k := range p.Final() {
		if !k.Met {
			out = append(out, k.Key)
		}
	}
	return out
}

// MinPrecisionStart is the fewest replications a precision-driven run
// starts with: below it the t quantile is so large, and the variance so
// rough, that the first check means little.
const MinPrecisionStart = 3

// SummariseToPrecision runs cfg's replications in batches until every
// target of rule is met or limit replications have run, and returns their
// aggregate with its PrecisionRun. The first batch is opts.Replications
// (at least MinPrecisionStart); each later one is the replications the
// current estimates project are still needed, at least a tenth of those
// run and at most as many again, never past max. Decisions depend only on
// the replications' results, so the same seed and rule give the same
// replications whatever the number of workers.
func SummariseToPrecision(cfg *model.Config, opts replicate.Options, rule Precision, limit int) (*Aggregate, error) {
	return SummariseToPrecisionFor(cfg, opts, rule, limit, AllParts)
}

// SummariseToPrecisionFor is SummariseToPrecision computing only the
// parts in need (NewAggregateFor); the precision rule reads the periods'
// KPIs, which every aggregate has.
func SummariseToPrecisionFor(cfg *model.Config, opts replicate.Options, rule Precision, limit int, need Parts) (*Aggregate, error) {
	if len(rule.Targets) == 0 {
		return nil, fmt.Errorf("%w %q: no targets", ErrPrecision, rule.Text)
	}
	if opts.Replications < MinPrecisionStart || limit < opts.Replications {
		return nil, fmt.Errorf("%w: start with %d replications and stop at %d: want %d ≤ start ≤ cap", ErrPrecision, opts.Replications, limit, MinPrecisionStart)
	}
	agg := NewAggregateFor(cfg, opts, need)
	run := &PrecisionRun{Rule: rule.Text, Start: opts.Replications, Max: limit, Period: model.PeriodRun, Impacts: cfg.Outage != nil}
	more := func(done int) (int, error) {
		if run.Period == model.PeriodRun && cfg.Outage != nil && agg.win.period(model.PeriodOutageWindow) >= 0 {
			run.Period = model.PeriodOutageWindow
		}
		check, err := agg.checkPrecision(run, rule, done, limit)
		if err != nil {
			return 0, err
		}
		run.Batches = append(run.Batches, done)
		run.Checks = append(run.Checks, check)
		run.Met = true
		want := done
		for _, k := range check {
			run.Met = run.Met && k.Met
			want = max(want, k.Needed)
		}
		if run.Met || done >= limit {
			return 0, nil
		}
		return nextBatch(done, want, limit), nil
	}
	if err := replicate.Sequential(cfg, opts, agg.Add, more); err != nil {
		return nil, err
	}
	agg.Replications = run.Batches[len(run.Batches)-1]
	agg.Precision = run
	if err := agg.Finish(); err != nil {
		return nil, err
	}
	return agg, nil
}

// nextBatch is the size of the batch after done replications when the
// estimates project needed: the shortfall, but at least a tenth of done
// (so a run does not crawl one replication at a time) and at most done
// (so an early, rough variance cannot send it far past what is needed),
// never past limit.
func nextBatch(done, needed, limit int) int {
	b := needed - done
	b = min(b, done)
	b = max(b, (done+9)/10, 1)
	return min(b, limit-done)
}

// checkPrecision measures every target's interval after done
// replications.
func (a *Aggregate) checkPrecision(run *PrecisionRun, rule Precision, done, cap int) ([]KPIPrecision, error) {
	var out []KPIPrecision
	uk := len(a.win.areas) - 1
	pi := a.win.period(run.Period)
	for _, t := range rule.Targets {
		xs, ok := a.win.impacts(pi, uk, t.Key, run.Impacts)
		if !ok {
			if t.Named {
				return nil, fmt.Errorf("%w: %s is not measured in this scenario (it has no denominator over the %s period): drop it from -precision", ErrPrecision, t.Key, run.Period)
			}
			continue
		}
		s, err := stats.Summarise(xs)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.Key, err)
		}
		sd := 0.0
		if len(xs) > 1 {
			if sd, err = mstats.StandardDeviationSample(xs); err != nil {
				return nil, fmt.Errorf("%s: %w", t.Key, err)
			}
		}
		k := KPIPrecision{Key: t.Key, Mean: s.Mean, HalfWidth: (s.CI95[1] - s.CI95[0]) / 2, Target: t.Value}
		if t.Relative {
			k.Target = t.Value * math.Abs(s.Mean)
		}
		k.Met = k.HalfWidth <= k.Target
		k.Needed = needed(done, sd, k.Target, cap)
		if k.Met {
			k.Needed = done
		}
		out = append(out, k)
	}
	return out, nil
}

// needed is Law and Kelton's approximate number of replications for a
// half-width of at most target: the smallest i ≥ done with
// t(0.975, i−1)·sd/√i ≤ target, at most cap (cap too when the target is
// zero and the values vary).
func needed(done int, sd, target float64, cap int) int {
	if sd == 0 {
		return done
	}
	if target <= 0 {
		return cap
	}
	// t > z, so the normal approximation is a lower bound to start from.
	z := 1.959963984540054 * sd / target
	i := max(done, int(math.Ceil(z*z)))
	for ; i < cap; i++ {
		if stats.TQuantile(0.975, i-1)*sd/math.Sqrt(float64(i)) <= target {
			return i
		}
	}
	return cap
}

// period is the index of a period by name, or −1.
func (w *windows) period(name string) int {
	for i, p := range w.periods {
		if p.Name == name {
			return i
		}
	}
	return -1
}

// impacts returns the per-replication values so far of one KPI in one
// period and area: the paired impacts with impact set, else the run's own
// values; false when some replication has no value.
func (w *windows) impacts(pi, ai int, key string, impact bool) ([]float64, bool) {
	k := -1
	for i, d := range kpi.All() {
		if d.Key == key {
			k = i
		}
	}
	if pi < 0 || k < 0 {
		return nil, false
	}
	c := (pi*len(w.areas)+ai)*len(kpi.All()) + k
	out := w.cell(0, c)
	if !allFinite(out) {
		return nil, false
	}
	if !impact {
		return out, true
	}
	cf := w.cell(1, c)
	if !allFinite(cf) || len(cf) != len(out) {
		return nil, false
	}
	d := make([]float64, len(out))
	for i := range out {
		d[i] = out[i] - cf[i]
	}
	return d, true
}

// PrecisionSentence says in one sentence how many replications a
// precision-driven run ran and why it stopped; "" for other runs.
func PrecisionSentence(a *Aggregate) string {
	p := a.Precision
	if p == nil {
		return ""
	}
	what := "headline impact"
	if !p.Impacts {
		what = "headline KPI"
	}
	batches := make([]string, len(p.Batches))
	for i, b := range p.Batches {
		batches[i] = strconv.Itoa(b)
	}
	ran := fmt.Sprintf("%d replications in %d batches (%s)", a.Replications, len(p.Batches), strings.Join(batches, ", "))
	if len(p.Batches) == 1 {
		ran = fmt.Sprintf("%d replications in one batch", a.Replications)
	}
	over := "over the whole run"
	if p.Period == model.PeriodOutageWindow {
		over = "over the outage window"
	}
	if p.Met {
		return fmt.Sprintf("Precision %s met after %s: every %s's 95%% CI half-width %s is within its target.",
			p.Rule, ran, what, over)
	}
	return fmt.Sprintf("Precision %s not met: stopped at the cap of %d replications (-max-reps) after %s; still wider than their targets: %s.",
		p.Rule, p.Max, ran, strings.Join(p.Missed(), ", "))
}
