package sensitivity

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/stats"
	"github.com/outagesim/outagesim/sim/model"
	"github.com/outagesim/outagesim/sim/replicate"
)

// needs are the parts of an aggregate (reports.Parts) extract reads: the
// periods' KPIs alone, which every aggregate has.
const needs reports.Parts = 0

// Param is one parameter of the analysis: where it was found, its base
// value and the two values it is moved to, in the unit of its kind.
type Param struct {
	// Name is the parameter's path, as -set names it.
	Name string
	// Where is the file:line it was written at.
	Where string
	// Kind says what it is ("percentage", "duration", ...).
	Kind            string
	Base, Low, High float64
	// Format writes a value of the parameter for a reader (45m, 18.75%).
	Format func(float64) string
}

// Skipped is a marked assumption left out of the analysis, and why.
type Skipped struct {
	Name, Where, Reason string
}

// DefaultRange is the base moved by ±spread (0.25 for ±25%), clipped to
// the natural bounds [lo, hi]; a whole number is rounded and moved at least
// one step, so that a small count still moves.
func DefaultRange(base, spread, lo, hi float64, whole bool) (low, high float64) {
	low, high = base*(1-spread), base*(1+spread)
	if whole {
		low, high = math.Round(low), math.Round(high)
		if low == base && base-1 >= lo {
			low = base - 1
		}
		if high == base {
			high = base + 1
		}
	}
	return max(low, lo), min(high, hi)
}

// Sides of a parameter.
const (
	Low  = 0
	High = 1
)

// Case is one run of a moved parameter.
type Case struct {
	Param, Side int
	// Config is the scenario with the parameter moved. Run measures it
	// over the base's periods (it sets Config.Timeline), so that a moved
	// parameter cannot move the window it is judged over.
	Config *model.Config
}

// Study is what to run: the base scenario, the parameters and a case for
// each side of a parameter that differs from its base (a side clipped to
// the base has no effect by construction and is not run).
type Study struct {
	Scenario string
	Base     *model.Config
	Params   []Param
	Skipped  []Skipped
	Cases    []Case
	// KPIs are the catalogue keys to judge the effects on.
	KPIs []string
	// Area is the area to measure ("" for the report's headline area: the
	// UK when the scenario has several nations, else its nation).
	Area string
	// Options are the replications and seed every run shares; Workers is
	// the number of replications simulated at once over the whole study.
	Options replicate.Options
}

// Effect is the effect of one side of a parameter on one KPI.
type Effect struct {
	// Summary is the paired difference from the base, replication by
	// replication: of the impact (outage − counterfactual) when the
	// scenario has an outage, else of the value.
	Summary stats.Summary
	// Defined is false when the KPI has no value in some replication.
	Defined bool
	// Ran is false when the side equals the base: the effect is exactly 0.
	Ran bool
}

// Row is one parameter's effects on one KPI.
type Row struct {
	Param     int
	Low, High Effect
	// Swing is |high − low| of the mean effects, the length of the
	// parameter's bar in a tornado diagram; NaN when a side is undefined.
	Swing float64
	// Rank is 1 for the largest swing; undefined swings rank last.
	Rank int
}

// Result is a study's effects, for every KPI its rows in rank order.
type Result struct {
	Study *Study
	// Period is the period measured: the outage window when the scenario
	// has one (as the report's findings), else the whole run.
	Period string
	Area   string
	// Impact says the effects are on the outage's impact (there is an
	// outage), not on the KPI's level.
	Impact bool
	// Base is each KPI's impact (or level) in the base run.
	Base map[string]*stats.Summary
	Rows map[string][]Row
	// Runs is the number of scenario runs simulated, counterfactuals
	// included.
	Runs int
}

// values are one run's per-replication KPI values: the outage (or only)
// run's and the counterfactual's, per KPI.
type values struct {
	out, cf [][]float64
}

// Run runs the base and every case on common random numbers and returns
// the effects. progress, if not nil, is called after each run with the
// number done and the total (base included), from one goroutine.
func Run(s *Study, progress func(done, total int)) (*Result, error) {
	if len(s.KPIs) == 0 {
		return nil, errors.New("sensitivity: no KPIs to judge the effects on")
	}
	periods := s.Base.Periods()
	res := &Result{Study: s, Period: model.PeriodRun, Area: s.Area, Impact: s.Base.Outage != nil}
	for _, p := range periods {
		if p.Name == model.PeriodOutageWindow && s.Base.Outage != nil {
			res.Period = p.Name
		}
	}
	if res.Area == "" {
		res.Area = reports.UK
		if len(s.Base.Nations) == 1 {
			res.Area = s.Base.Nations[0].Nation.String()
		}
	}
	cfgs := []*model.Config{s.Base}
	for _, c := range s.Cases {
		c.Config.Timeline = slices.Clone(periods)
		cfgs = append(cfgs, c.Config)
	}
	vals, err := runAll(cfgs, s.Options, res, progress)
	if err != nil {
		return nil, err
	}
	res.Runs = len(cfgs) * s.Options.Replications
	if res.Impact {
		res.Runs *= 2
	}
	res.analyse(vals)
	return res, nil
}

// runAll runs the configurations, several at once when there are more
// workers than replications need, and keeps each run's values in its
// slot so that the results do not depend on the workers.
func runAll(cfgs []*model.Config, opts replicate.Options, res *Result, progress func(done, total int)) ([]values, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// Whole runs at once share the workers; each run's replications use
	// what is left, so a study of few runs still uses every core.
	outer := max(1, min(workers, len(cfgs)))
	inner := max(1, workers/outer)
	out := make([]values, len(cfgs))
	errs := make([]error, len(cfgs))
	next := make(chan int)
	finished := make(chan int)
	var wg sync.WaitGroup
	for range outer {
		wg.Go(func() {
			for i := range next {
				o := opts
				o.Workers = inner
				agg, err := reports.SummariseFor(cfgs[i], o, needs)
				if err == nil {
					out[i], err = res.extract(agg)
				}
				errs[i] = err
				finished <- i
			}
		})
	}
	go func() {
		for i := range cfgs {
			next <- i
		}
		close(next)
		wg.Wait()
		close(finished)
	}()
	done := 0
	for range finished {
		done++
		if progress != nil {
			progress(done, len(cfgs))
		}
	}
	for i, err := range errs {
		if err != nil {
			if i == 0 {
				return nil, fmt.Errorf("the base scenario: %w", err)
			}
			return nil, fmt.Errorf("case %d: %w", i, err)
		}
	}
	return out, nil
}

// extract keeps what the analysis needs of a run: each KPI's values over
// the period in the area (nil where the KPI does not apply).
func (r *Result) extract(agg *reports.Aggregate) (values, error) {
	v := values{out: make([][]float64, len(r.Study.KPIs)), cf: make([][]float64, len(r.Study.KPIs))}
	for i, key := range r.Study.KPIs {
		k := agg.PeriodKPI(r.Period, r.Area, key)
		if k == nil {
			continue
		}
		v.out[i], v.cf[i] = k.Values, k.CounterfactualValues
	}
	return v, nil
}

// measure is a run's per-replication impact (or level) of KPI i, or nil.
func (r *Result) measure(v values, i int) []float64 {
	out := v.out[i]
	if out == nil || !r.Impact {
		return out
	}
	cf := v.cf[i]
	if len(cf) != len(out) {
		return nil
	}
	d := make([]float64, len(out))
	for j := range out {
		d[j] = out[j] - cf[j]
	}
	return d
}

// analyse computes the effects and ranks the parameters per KPI.
func (r *Result) analyse(vals []values) {
	s := r.Study
	r.Base = map[string]*stats.Summary{}
	r.Rows = map[string][]Row{}
	caseOf := map[[2]int]int{}
	for i, c := range s.Cases {
		caseOf[[2]int{c.Param, c.Side}] = i + 1
	}
	for ki, key := range s.KPIs {
		base := r.measure(vals[0], ki)
		if base != nil {
			if sum, err := stats.Summarise(base); err == nil {
				r.Base[key] = &sum
			}
		}
		rows := make([]Row, len(s.Params))
		for pi := range s.Params {
			row := Row{Param: pi}
			for side, eff := range []*Effect{&row.Low, &row.High} {
				ci, ran := caseOf[[2]int{pi, side}]
				eff.Ran = ran
				if !ran {
					eff.Defined = base != nil
					eff.Summary = stats.Summary{N: len(base)}
					continue
				}
				m := r.measure(vals[ci], ki)
				if base == nil || m == nil {
					continue
				}
				if sum, err := stats.Paired(m, base); err == nil {
					eff.Summary, eff.Defined = sum, true
				}
			}
			row.Swing = math.NaN()
			if row.Low.Defined && row.High.Defined {
				row.Swing = math.Abs(row.High.Summary.Mean - row.Low.Summary.Mean)
			}
			rows[pi] = row
		}
		// Largest swing first; undefined ones last; ties in the
		// parameters' order, so the ranking is reproducible.
		slices.SortStableFunc(rows, func(a, b Row) int {
			an, bn := math.IsNaN(a.Swing), math.IsNaN(b.Swing)
			if an != bn {
				if an {
					return 1
				}
				return -1
			}
			if an {
				return 0
			}
			return cmp.Compare(b.Swing, a.Swing)
		})
		for i := range rows {
			rows[i].Rank = i + 1
		}
		r.Rows[key] = rows
	}
}

// Clear reports whether an effect's 95% interval excludes zero.
func (e Effect) Clear() bool {
	return e.Defined && e.Ran && (e.Summary.CI95[0] > 0 || e.Summary.CI95[1] < 0)
}
