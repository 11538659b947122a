package reports

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"

	mstats "github.com/montanaflynn/stats"

	"github.com/outagesim/outagesim/reports/stats"
	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/kpi"
	"github.com/outagesim/outagesim/sim/model"
	"github.com/outagesim/outagesim/sim/replicate"
)

// UK is the name of the all-nations row.
const UK = "uk"

// KPI is one KPI of one area (a region, a nation or "uk") over one period
// across replications. Without an outage only Outage is set (it is then
// simply "the run").
type KPI struct {
	// Nation is the area's key (a region's, a nation's or "uk").
	Key, Nation string
	// Period is the period measured ("run", "outage_window", …).
	Period         string
	Outage         stats.Summary
	Counterfactual *stats.Summary
	// Impact is outage − counterfactual, paired replication by replication
	// (common random numbers), so its interval is narrower than the two
	// runs' intervals suggest.
	Impact *stats.Summary
	// Values are the per-replication values of the outage (or only) run,
	// in replication order, for statistical regression tests, and
	// CounterfactualValues the counterfactual's.
	Values, CounterfactualValues []float64
}

// Band is a time series across replications: the mean, and for daily
// series the 5th and 95th percentiles (a 90% band).
type Band struct {
	Mean, P5, P95 []float64
}

// Series is one quantity of one nation over time.
type Series struct {
	Nation, Name, Unit string
	// Daily series have one value per local day (Aggregate.Days); hourly
	// ones one per hour (Aggregate.HourStarts).
	Daily                  bool
	Outage, Counterfactual Band
}

// Aggregate is what a set of replications measured: KPI summaries and time
// series per nation. Its size depends on the horizon, the number of
// nations and the replications, never on the number of calls.
type Aggregate struct {
	Scenario     string
	Start        time.Time
	Horizon      float64
	Seed         uint64
	Replications int
	// Outage is the scenario's outage (nil for a normal run), for the
	// timeline and chart shading.
	Outage *model.Outage
	// Config is the configuration that was run, so that a report can say
	// what the model did with it (where callers who hang up go, say); nil
	// in an aggregate built by hand.
	Config     *model.Config
	Nations    []string // the scenario's nations, then "uk"
	Days       []calendar.Date
	HourStarts []float64
	// Areas are every area measured: each nation and its regions, then
	// the UK. Periods are the run's periods (just "run" without an outage).
	Areas   []AreaInfo
	Periods []PeriodInfo
	// KPIs are measured over the whole run, in every area; PeriodKPIs
	// over every period (run included); Daily on every local day.
	KPIs       []KPI
	PeriodKPIs []KPI
	Daily      []DayKPI
	Series     []Series
	// Events dispatched across all runs, for the performance line.
	Events uint64
	// Warmup is the warm-up the run used and, for a steady-state scenario
	// (no outage), the one MSER-5 suggests.
	Warmup WarmupCheck
	// Precision is how a precision-driven run (run -precision) chose its
	// number of replications; nil for a run of a fixed number.
	Precision *PrecisionRun
	// Omitted are the parts the aggregate was built without
	// (NewAggregateFor): Daily or Series is then empty because nothing
	// computed it, not because nothing happened. Require says so.
	Omitted Parts

	acc []*nationAcc
	win *windows
	// expect is the number of replications this aggregate is to be given
	// (a shard's share; a precision run's first batch).
	expect int
	// cores is how many cores the summaries may use: the run's -workers
	// (one per core when 0), so that -workers 1 keeps to one core.
	cores int
	// d0 and h0 are the first day and hour after the warm-up.
	d0, h0 int
	// busy and staffed sum the UK's hourly adviser time over the
	// replications, warm-up included, for MSER-5.
	busy, staffed []float64
}

// WarmupCheck is the warm-up of a run and what MSER-5 (White 1997; Hoad,
// Robinson and Davies 2010) makes of it.
type WarmupCheck struct {
	// End is when statistics started, in sim seconds (0: no warm-up).
	End float64
	// Checked says MSER-5 was applied: to a steady-state scenario's
	// hourly health-adviser occupancy (UK, mean of the replications, from
	// the start of the run). The other fields are set only then.
	Checked bool
	// Suggested is the warm-up MSER-5 suggests, in sim seconds; Reliable
	// is false when the run was too short for the rule to settle.
	Suggested float64
	Reliable  bool
	// TooShort says the suggestion is longer than the warm-up used.
	TooShort bool
}

// ukIsNation says the scenario has one nation (Nations holds it and the
// UK), whose hours and days the model's UK's are (model.Result): the UK's
// series are then the nation's, computed once and shared.
func (a *Aggregate) ukIsNation() bool { return len(a.Nations) == 2 }

// Parts are the parts of an aggregate that only some outputs read: the
// KPIs of every local day and the time series. Every aggregate has the
// KPIs over the run and its periods (summary.json, the headline, check,
// compare, sweep), the warm-up check and the events; the parts are
// most of what a long run's summaries cost beyond them (a KPI per day,
// area and KPI; a row per day or hour, series and nation).
type Parts uint8

const (
	// DailyKPIs is Aggregate.Daily: each KPI of each area on each local
	// day (daily_impact.csv, the report's findings and charts).
	DailyKPIs Parts = 1 << iota
	// TimeSeries is Aggregate.Series: the hourly and daily series
	// (timeseries.csv, the report's charts).
	TimeSeries
	// AllParts is every part: what NewAggregate and Summarise compute.
	AllParts = DailyKPIs | TimeSeries
)

// String names the parts in p, e.g. "daily KPIs and time series".
func (p Parts) String() string {
	var names []string
	if p&DailyKPIs != 0 {
		names = append(names, "daily KPIs")
	}
	if p&TimeSeries != 0 {
		names = append(names, "time series")
	}
	switch len(names) {
	case 0:
		return "no parts"
	case 1:
		return names[0]
	}
	return names[0] + " and " + names[1]
}

// ErrOmitted is returned (wrapped) when something needs a part of an
// aggregate that was built without it.
var ErrOmitted = errors.New("part of the aggregate not computed")

// Require reports an error wrapping ErrOmitted when the aggregate was
// built without one of the parts in need, naming them.
func (a *Aggregate) Require(need Parts) error {
	if missing := need & a.Omitted; missing != 0 {
		return fmt.Errorf("needs the %s: %w (built by reports.NewAggregateFor without them)", missing, ErrOmitted)
	}
	return nil
}

// run indexes: 0 the outage (or only) run, 1 the counterfactual.
type nationAcc struct {
	daily  [2][][][]float64 // series → replication → day
	hourly [2][][]float64   // series → hour (sums)
	per    [2][][]float64   // ratio series → hour (sums of denominators)
}

// NewAggregate starts the aggregate of cfg's replications, with every
// part; Add each replication in order, then Finish.
func NewAggregate(cfg *model.Config, opts replicate.Options) *Aggregate {
	return NewAggregateFor(cfg, opts, AllParts)
}

// NewAggregateFor is NewAggregate computing only the parts in need, for a
// caller that knows what it will read (summary.json alone needs none).
// The KPIs, periods, days, hours, warm-up check and events do not depend
// on need.
func NewAggregateFor(cfg *model.Config, opts replicate.Options, need Parts) *Aggregate {
	a := &Aggregate{
		Scenario: cfg.Name, Start: cfg.Start, Horizon: cfg.Horizon,
		Seed: opts.Seed, Replications: opts.Replications, Outage: cfg.Outage, Config: cfg,
		Omitted: AllParts &^ need,
	}
	a.expect = opts.Count
	a.cores = opts.Workers
	if a.cores <= 0 {
		a.cores = runtime.GOMAXPROCS(0)
	}
	if a.expect == 0 {
		a.expect = opts.Replications - opts.First
	}
	for _, n := range cfg.Nations {
		a.Nations = append(a.Nations, n.Nation.String())
	}
	a.Nations = append(a.Nations, UK)
	if a.Omitted&TimeSeries != 0 {
		return a
	}
	// An accumulator for each nation, then the UK's, unless the UK is the
	// one nation (its series are then shared: Finish).
	accs := len(a.Nations)
	if a.ukIsNation() {
		accs--
	}
	for range accs {
		na := &nationAcc{}
		for r := range 2 {
			na.daily[r] = make([][][]float64, len(kpi.Daily()))
			na.hourly[r] = make([][]float64, len(kpi.Hourly()))
			na.per[r] = make([][]float64, len(kpi.Hourly()))
		}
		a.acc = append(a.acc, na)
	}
	return a
}

// Add reduces one replication into the aggregate. Replications must come
// in replication order for the outputs to be reproducible.
func (a *Aggregate) Add(p replicate.Pair) error {
	if a.Days == nil {
		a.d0 = firstDay(p.Outage)
		end := model.WarmupEnd(p.Outage.Periods)
		for a.h0 < len(p.Outage.HourStarts) && p.Outage.HourStarts[a.h0] < end {
			a.h0++
		}
		for _, d := range p.Outage.UK.Daily[a.d0:] {
			a.Days = append(a.Days, d.Date)
		}
		a.HourStarts = p.Outage.HourStarts[a.h0:]
		a.Warmup.End = end
		a.win = newWindows(p.Outage, a.Nations[:len(a.Nations)-1], a.expect, a.cores, a.Omitted&DailyKPIs == 0)
		a.Areas, a.Periods = a.win.areas, a.win.periods
	}
	if a.Outage == nil {
		hs := p.Outage.UK.Hourly
		if a.busy == nil {
			a.busy, a.staffed = make([]float64, len(hs)), make([]float64, len(hs))
		}
		for h := range hs {
			a.busy[h] += hs[h].AdviserBusy
			a.staffed[h] += hs[h].AdviserStaffed
		}
	}
	for r, res := range []*model.Result{p.Outage, p.Counterfactual} {
		if res == nil {
			continue
		}
		a.Events += res.Events
		if err := a.win.check(res); err != nil {
			return err
		}
		// The windows' cells and the nations' series are separate
		// accumulators: one core fills each, as the last replication (or
		// the only one) leaves the other idle.
		var wg sync.WaitGroup
		if a.cores > 1 && a.acc != nil {
			wg.Go(func() { a.win.add(r, res) })
		} else {
			a.win.add(r, res)
		}
		a.addSeries(r, res)
		wg.Wait()
	}
	return nil
}

// addSeries adds run r's days and hours after the warm-up to the series'
// accumulators (none when TimeSeries is omitted): each nation's, then the
// UK's when it has its own.
func (a *Aggregate) addSeries(r int, res *model.Result) {
	for i, na := range a.acc {
		n := res.UK
		if i < len(res.Nations) {
			n = res.Nations[i]
		}
		n.Daily, n.Hourly = n.Daily[a.d0:], n.Hourly[a.h0:]
		na.addRun(r, &n)
	}
}

func (na *nationAcc) addRun(r int, n *model.NationResult) {
	for s, def := range kpi.Daily() {
		row := make([]float64, len(n.Daily))
		for d := range n.Daily {
			row[d] = def.Value(&n.Daily[d])
		}
		na.daily[r][s] = append(na.daily[r][s], row)
	}
	for s, def := range kpi.Hourly() {
		if na.hourly[r][s] == nil {
			na.hourly[r][s] = make([]float64, len(n.Hourly))
		}
		for h := range n.Hourly {
			na.hourly[r][s][h] += def.Value(&n.Hourly[h])
		}
		if def.Per != nil {
			if na.per[r][s] == nil {
				na.per[r][s] = make([]float64, len(n.Hourly))
			}
			for h := range n.Hourly {
				na.per[r][s][h] += def.Per(&n.Hourly[h])
			}
		}
	}
}

// Finish turns the accumulated replications into summaries and bands.
func (a *Aggregate) Finish() error {
	runs := 1
	if a.Outage != nil {
		runs = 2
	}
	var err error
	if a.PeriodKPIs, a.Daily, err = a.win.finish(runs == 2); err != nil {
		return err
	}
	for _, k := range a.PeriodKPIs {
		if k.Period == model.PeriodRun {
			a.KPIs = append(a.KPIs, k)
		}
	}
	if a.busy != nil {
		occ := make([]float64, len(a.busy))
		for h := range occ {
			occ[h] = math.NaN()
			if a.staffed[h] > 0 {
				occ[h] = a.busy[h] / a.staffed[h]
			}
		}
		// Runs always start at an hour (HourStarts[0] is 0), so the
		// suggestion is a whole number of hours.
		d, ok := stats.MSER5On(occ, a.cores)
		a.Warmup.Checked, a.Warmup.Reliable = true, ok
		a.Warmup.Suggested = float64(d) * 3600
		a.Warmup.TooShort = !ok || a.Warmup.Suggested > a.Warmup.End
	}
	reps := float64(a.Replications)
	for i, na := range a.acc {
		nation := a.Nations[i]
		for s, def := range kpi.Daily() {
			ser := Series{Nation: nation, Name: def.Name, Unit: def.Unit, Daily: true}
			ser.Outage = band(na.daily[0][s])
			if runs == 2 {
				ser.Counterfactual = band(na.daily[1][s])
			}
			a.Series = append(a.Series, ser)
		}
		for s, def := range kpi.Hourly() {
			ser := Series{Nation: nation, Name: def.Name, Unit: def.Unit}
			ser.Outage.Mean = hourlyMean(def, na.hourly[0][s], na.per[0][s], reps)
			if runs == 2 {
				ser.Counterfactual.Mean = hourlyMean(def, na.hourly[1][s], na.per[1][s], reps)
			}
			a.Series = append(a.Series, ser)
		}
	}
	if a.ukIsNation() {
		// The same days and hours give the same series: the UK's share
		// the nation's rather than copies (80 kB an hourly series in a
		// 10,000-hour run).
		for _, ser := range a.Series {
			ser.Nation = UK
			a.Series = append(a.Series, ser)
		}
	}
	a.acc, a.win, a.busy, a.staffed, a.cores = nil, nil, nil, nil, 0
	return nil
}

func allFinite(xs []float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return len(xs) > 0
}

// hourlyMean is an hourly series across replications: the mean of an
// additive series, or a ratio series' ratio of sums. It overwrites sums,
// which Finish has no more use for: a long run's hourly series are
// megabytes, and fresh memory costs a page fault per 4 kB.
func hourlyMean(def kpi.HourlyDef, sums, per []float64, reps float64) []float64 {
	if def.Per == nil {
		f := 1 / reps
		for i, x := range sums {
			sums[i] = x * f
		}
		return sums
	}
	for i := range sums {
		if per[i] > 0 {
			sums[i] = def.Scale * sums[i] / per[i]
		} else {
			sums[i] = math.NaN()
		}
	}
	return sums
}

// band summarises replication × day values day by day, over the
// replications where the day's value is defined (a day with no answered
// calls has no service level). A day with none is NaN.
func band(reps [][]float64) Band {
	if len(reps) == 0 {
		return Band{}
	}
	days := len(reps[0])
	b := Band{Mean: make([]float64, days), P5: make([]float64, days), P95: make([]float64, days)}
	col := make([]float64, 0, len(reps))
	for d := range days {
		col = col[:0]
		for _, r := range reps {
			if x := r[d]; !math.IsNaN(x) && !math.IsInf(x, 0) {
				col = append(col, x)
			}
		}
		if len(col) == 0 {
			b.Mean[d], b.P5[d], b.P95[d] = math.NaN(), math.NaN(), math.NaN()
			continue
		}
		// The mean sums in replication order; the percentiles need the
		// column sorted, once for both.
		b.Mean[d], _ = mstats.Mean(col)
		slices.Sort(col)
		b.P5[d], b.P95[d] = stats.Percentile(col, 5), stats.Percentile(col, 95)
	}
	return b
}

// Column is one run's statistic of a series over time.
type Column struct {
	Run    string // "outage" (or the only run) or "counterfactual"
	Stat   string // "mean", "p5" or "p95"
	Values []float64
}

// Columns lists a series' non-empty columns in a fixed order: the outage
// run then the counterfactual, each mean, p5 and p95.
func (s *Series) Columns() []Column {
	var cols []Column
	for _, b := range []struct {
		run  string
		band *Band
	}{{"outage", &s.Outage}, {"counterfactual", &s.Counterfactual}} {
		for _, c := range []Column{{b.run, "mean", b.band.Mean}, {b.run, "p5", b.band.P5}, {b.run, "p95", b.band.P95}} {
			if len(c.Values) > 0 {
				cols = append(cols, c)
			}
		}
	}
	return cols
}

// Find returns the series of a nation by name, or nil.
func (a *Aggregate) Find(nation, name string, daily bool) *Series {
	for i := range a.Series {
		s := &a.Series[i]
		if s.Nation == nation && s.Name == name && s.Daily == daily {
			return s
		}
	}
	return nil
}

// PeriodKPI returns an area's KPI over a period, or nil when it does not
// apply.
func (a *Aggregate) PeriodKPI(period, area, key string) *KPI {
	for i := range a.PeriodKPIs {
		if k := &a.PeriodKPIs[i]; k.Period == period && k.Nation == area && k.Key == key {
			return k
		}
	}
	return nil
}

// Period returns a period by name, or nil.
func (a *Aggregate) Period(name string) *PeriodInfo {
	for i := range a.Periods {
		if a.Periods[i].Name == name {
			return &a.Periods[i]
		}
	}
	return nil
}

// KPI returns an area's KPI over the whole run by key, or nil when it does
// not apply.
func (a *Aggregate) KPI(nation, key string) *KPI {
	for i := range a.KPIs {
		if k := &a.KPIs[i]; k.Nation == nation && k.Key == key {
			return k
		}
	}
	return nil
}

// Summarise runs cfg's replications (sim/replicate) and returns their
// aggregate, with every part. Metadata (scenario hash, tool version,
// command) is the caller's to fill in.
func Summarise(cfg *model.Config, opts replicate.Options) (*Aggregate, error) {
	return SummariseFor(cfg, opts, AllParts)
}

// SummariseFor is Summarise computing only the parts in need
// (NewAggregateFor).
func SummariseFor(cfg *model.Config, opts replicate.Options, need Parts) (*Aggregate, error) {
	agg := NewAggregateFor(cfg, opts, need)
	if err := replicate.Run(cfg, opts, agg.Add); err != nil {
		return nil, err
	}
	if err := agg.Finish(); err != nil {
		return nil, err
	}
	return agg, nil
}

// AreaNames lists the areas' keys in output order; an aggregate built by
// hand without areas has its nations.
func (a *Aggregate) AreaNames() []string {
	if len(a.Areas) == 0 {
		return a.Nations
	}
	names := make([]string, len(a.Areas))
	for i, ar := range a.Areas {
		names[i] = ar.Name
	}
	return names
}

// LocalTime is sim time t of the aggregate's run as a reader's local
// date and time in Europe/London ("Thu 4 Aug 2022 07:00").
func LocalTime(a *Aggregate, t float64) string {
	return a.At(t).In(calendar.London()).Format("Mon 2 Jan 2006 15:04")
}

// At is the instant sim time t of the run stands for.
func (a *Aggregate) At(t float64) time.Time {
	return a.Start.Add(time.Duration(math.Round(t * float64(time.Second))))
}
