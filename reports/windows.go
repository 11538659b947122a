package reports

import (
	"fmt"
	"slices"
	"sync"

	"github.com/outagesim/outagesim/reports/stats"
	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/kpi"
	"github.com/outagesim/outagesim/sim/model"
)

// AreaInfo is an area KPIs are measured in: a region, a nation or the UK.
type AreaInfo struct {
	// Name is the area key (london, england, uk); Nation the nation it is
	// in ("" for the UK); Kind "region", "nation" or "uk".
	Name, Nation, Kind string
	members            []int // indexes into the model's regions
}

// PeriodInfo is a period of the run, in sim seconds from Start.
type PeriodInfo struct {
	Name     string
	From, To float64
}

// DayKPI is one KPI of one area on one local day across replications.
type DayKPI struct {
	Date      calendar.Date
	Area, Key string
	// Outage (or the only run), and with an outage its counterfactual and
	// the paired impact.
	Outage         stats.Summary
	Counterfactual *stats.Summary
	Impact         *stats.Summary
}

// windows accumulates KPI values per replication for every period and day
// in every area: cell (window·areas + area)·kpis + kpi holds one value per
// replication (cell). Windows are the periods, then the days (when the
// daily KPIs are needed).
type windows struct {
	areas   []AreaInfo
	periods []PeriodInfo
	// days are the result's local days after the warm-up; daily says
	// they are windows too. Without them a long run's cells are a few
	// hundred rather than hundreds of thousands.
	days  []calendar.Date
	daily bool
	// pidx and didx are the result's indexes of the periods and days
	// measured: the warm-up and the days in it are left out.
	pidx, didx []int
	resPeriods int // the result's periods, warm-up included
	reps       int // the replications expected, for the cells' room
	cores      int // the cores the summaries may use (-workers)
	// vals[run] holds every cell's values in one array, cell-major:
	// cell c's are vals[run][c·stride[run]:][:n[run]]. A slice per cell
	// cost tens of thousands of headers in a long run (24 bytes each
	// beside one 8-byte value when there is one replication), all of it
	// fresh memory to fault in, and pointers for the GC to scan.
	vals   [2][]float64
	stride [2]int // room per cell
	n      [2]int // replications added
	ncells int
	// scratch, reused across replications: an area's summed tally of
	// each segment, the segments' tallies in use, and each day's first
	// segment
	seg      []model.Tally
	segTally []*model.Tally
	dayFirst []int
	w        kpi.Window
	out      []float64
}

// areasOf lists the areas of a result: each nation followed by its regions
// where a nation has more than one (or one named otherwise), then the UK.
func areasOf(res *model.Result, nations []string) []AreaInfo {
	var out []AreaInfo
	var all []int
	for _, n := range nations {
		var members []int
		for i, a := range res.Areas {
			if a.Nation == n {
				members = append(members, i)
			}
		}
		all = append(all, members...)
		out = append(out, AreaInfo{Name: n, Nation: n, Kind: "nation", members: members})
		if len(members) == 1 && res.Areas[members[0]].Name == n {
			continue
		}
		for _, i := range members {
			out = append(out, AreaInfo{Name: res.Areas[i].Name, Nation: n, Kind: "region", members: []int{i}})
		}
	}
	slices.Sort(all)
	return append(out, AreaInfo{Name: UK, Kind: "uk", members: all})
}

func newWindows(res *model.Result, nations []string, reps, cores int, daily bool) *windows {
	w := &windows{areas: areasOf(res, nations), resPeriods: len(res.Periods), reps: reps, cores: cores, daily: daily}
	for i, p := range res.Periods {
		if p.Name != model.PeriodWarmup {
			w.periods = append(w.periods, PeriodInfo{p.Name, p.From, p.To})
			w.pidx = append(w.pidx, i)
		}
	}
	first := firstDay(res)
	for d := first; d < len(res.Days); d++ {
		w.days = append(w.days, res.Days[d])
		w.didx = append(w.didx, d)
	}
	// A window holds a day per day it covers, the whole run's every
	// day: room for them now, rather than growing the slice day by day
	// in the first replication's run window.
	w.w.Days = make([]kpi.Day, 0, len(res.Days))
	nwin := len(w.periods)
	if daily {
		nwin += len(w.days)
	}
	w.ncells = nwin * len(w.areas) * len(kpi.All())
	return w
}

// room makes sure run r has room for one more replication in every cell:
// room for w.reps values each on its first replication, so that adding a
// replication allocates nothing, and twice as much room whenever a
// precision run's later batches outgrow it.
func (w *windows) room(r int) {
	if w.vals[r] == nil {
		w.stride[r] = max(w.reps, 1)
		w.vals[r] = make([]float64, w.ncells*w.stride[r])
		return
	}
	if w.n[r] < w.stride[r] {
		return
	}
	old, stride := w.vals[r], 2*w.stride[r]
	w.vals[r] = make([]float64, w.ncells*stride)
	for c := range w.ncells {
		copy(w.vals[r][c*stride:], old[c*w.stride[r]:][:w.n[r]])
	}
	w.stride[r] = stride
}

// cell is run r's values of cell c so far, one per replication.
func (w *windows) cell(r, c int) []float64 {
	at := c * w.stride[r]
	return w.vals[r][at : at+w.n[r] : at+w.n[r]]
}

// check says whether a replication's result has the periods and days of
// the first.
func (w *windows) check(res *model.Result) error {
	if len(res.Periods) != w.resPeriods || len(res.Days)-firstDay(res) != len(w.days) {
		return fmt.Errorf("replication has %d periods and %d days, the first had %d and %d",
			len(res.Periods), len(res.Days)-firstDay(res), w.resPeriods, len(w.days))
	}
	return nil
}

// add computes every KPI of every window and area of one run (0 the
// outage, 1 the counterfactual), which check has accepted, and appends
// it.
func (w *windows) add(r int, res *model.Result) {
	w.room(r)
	vals, stride, rep := w.vals[r], w.stride[r], w.n[r]
	nk := len(kpi.All())
	if w.daily {
		// Segments run in time order, so each day's are a run of them:
		// dayFirst[d] … dayFirst[d+1]−1.
		w.dayFirst = slices.Grow(w.dayFirst[:0], len(res.Days)+1)[:len(res.Days)+1]
		at := 0
		for d := range w.dayFirst {
			for at < len(res.Segments) && res.Segments[at].Day < d {
				at++
			}
			w.dayFirst[d] = at
		}
	}
	w.segTally = slices.Grow(w.segTally[:0], len(res.Segments))[:len(res.Segments)]
	for ai, area := range w.areas {
		// The area's tally of each segment, once: a region's are its own,
		// a nation's or the UK's the sum of its regions', into scratch
		// reused by every area and replication (a fresh slice each time
		// was most of what a long run's summaries cleared and allocated).
		if len(area.members) == 1 {
			for s := range res.Segments {
				w.segTally[s] = res.Tally(area.members[0], s)
			}
		} else {
			w.seg = slices.Grow(w.seg[:0], len(res.Segments))[:len(res.Segments)]
			clear(w.seg)
			for s := range res.Segments {
				for _, m := range area.members {
					w.seg[s].Add(res.Tally(m, s))
				}
				w.segTally[s] = &w.seg[s]
			}
		}
		put := func(window int) {
			w.out = kpi.Compute(&w.w, w.out)
			base := (window*len(w.areas) + ai) * nk
			for k, v := range w.out {
				vals[(base+k)*stride+rep] = v
			}
		}
		for pi, rp := range w.pidx {
			p := res.Periods[rp]
			w.w.Reset(0)
			last := -1
			for s, sg := range res.Segments {
				if sg.From >= p.From && sg.To <= p.To {
					w.w.Add(w.segTally[s], sg.Day != last)
					last = sg.Day
					w.w.End = w.w.End || s == len(res.Segments)-1
				}
			}
			put(pi)
		}
		if !w.daily {
			continue
		}
		for d, rd := range w.didx {
			w.w.Reset(0)
			for s := w.dayFirst[rd]; s < w.dayFirst[rd+1]; s++ {
				w.w.Add(w.segTally[s], false)
				w.w.End = w.w.End || s == len(res.Segments)-1
			}
			put(len(w.periods) + d)
		}
	}
	w.n[r]++
}

// firstDay is the first local day after the warm-up: the first whose
// start is at or after the warm-up's end (0 without a warm-up).
func firstDay(res *model.Result) int {
	end := model.WarmupEnd(res.Periods)
	if end <= 0 {
		return 0
	}
	for _, sg := range res.Segments {
		if sg.From >= end {
			// A warm-up that ends inside a day (a scenario built in Go
			// may do that) leaves that day out too.
			if dayStart(res, sg.Day) >= end {
				return sg.Day
			}
			return sg.Day + 1
		}
	}
	return len(res.Days)
}

// dayStart is the start of a result's local day d.
func dayStart(res *model.Result, d int) float64 {
	for _, sg := range res.Segments {
		if sg.Day == d {
			return sg.From
		}
	}
	return res.Segments[len(res.Segments)-1].To
}

// summarise turns a cell's values into a KPI; the caller has checked
// that it applies (every value finite). With a counterfactual, cf, its
// summary and the paired impact are stored in two, which the KPI points
// to.
func summarise(key, area string, out, cf []float64, two []stats.Summary) (KPI, error) {
	paired := two != nil
	k := KPI{Key: key, Nation: area, Values: out}
	var err error
	if k.Outage, err = stats.Summarise(out); err != nil {
		return k, err
	}
	if paired {
		c, err := stats.Summarise(cf)
		if err != nil {
			return k, err
		}
		imp, err := stats.Paired(out, cf)
		if err != nil {
			return k, err
		}
		two[0], two[1] = c, imp
		k.Counterfactual, k.Impact, k.CounterfactualValues = &two[0], &two[1], cf
	}
	return k, nil
}

// finish summarises every cell: the periods' KPIs (area by area in
// catalogue order, period by period) and the days'. Which cells apply is
// known before any is summarised, so both lists are allocated once, at
// their final size, and every cell has its place in them: the cells are
// summarised on every core, and the lists do not depend on how many.
func (w *windows) finish(paired bool) (periodKPIs []KPI, daily []DayKPI, err error) {
	nk := len(kpi.All())
	nPeriod := len(w.periods) * len(w.areas) * nk
	// at[c] is cell c's place among the KPIs kept, periods then days, or
	// −1 when it does not apply.
	at := make([]int32, w.ncells)
	kept, nPeriodKPIs := 0, 0
	for c := range at {
		at[c] = -1
		if allFinite(w.cell(0, c)) && (!paired || allFinite(w.cell(1, c))) {
			at[c] = int32(kept)
			kept++
		}
		if c == nPeriod-1 {
			nPeriodKPIs = kept
		}
	}
	periodKPIs = make([]KPI, nPeriodKPIs)
	if w.daily {
		daily = make([]DayKPI, kept-nPeriodKPIs)
	}
	// The counterfactual and impact summaries every paired KPI points to,
	// in one allocation rather than two each.
	var slab []stats.Summary
	if paired {
		slab = make([]stats.Summary, 2*kept)
	}
	// Each part reports the error of its first failing cell; the first
	// cell's error is the one a serial pass would have stopped at.
	firstErr := make([]error, w.parts(len(at)))
	w.split(len(at), func(part, lo, hi int) {
		for c := lo; c < hi; c++ {
			if at[c] < 0 {
				continue
			}
			window, rest := c/(len(w.areas)*nk), c%(len(w.areas)*nk)
			area, def := w.areas[rest/nk], kpi.All()[rest%nk]
			var cf []float64
			var two []stats.Summary
			if paired {
				cf, two = w.cell(1, c), slab[2*at[c]:2*at[c]+2]
			}
			s, err := summarise(def.Key, area.Name, w.cell(0, c), cf, two)
			if err != nil {
				name := ""
				if window < len(w.periods) {
					name = w.periods[window].Name
				} else {
					name = w.days[window-len(w.periods)].String()
				}
				firstErr[part] = fmt.Errorf("%s %s %s: %w", name, area.Name, def.Key, err)
				return
			}
			if window < len(w.periods) {
				s.Period = w.periods[window].Name
				periodKPIs[at[c]] = s
			} else {
				daily[int(at[c])-nPeriodKPIs] = DayKPI{Date: w.days[window-len(w.periods)], Area: area.Name, Key: def.Key,
					Outage: s.Outage, Counterfactual: s.Counterfactual, Impact: s.Impact}
			}
		}
	})
	for _, err := range firstErr {
		if err != nil {
			return nil, nil, err
		}
	}
	return periodKPIs, daily, nil
}

// parts is how many parts split cuts n items into: one per core the run
// may use, and one for a few items.
func (w *windows) parts(n int) int {
	return max(1, min(w.cores, n/256))
}

// split calls f on parts(n) contiguous ranges of 0 … n−1 at once, part
// p covering lo … hi−1, and waits for them.
func (w *windows) split(n int, f func(part, lo, hi int)) {
	k := w.parts(n)
	var wg sync.WaitGroup
	for p := range k {
		wg.Go(func() { f(p, p*n/k, (p+1)*n/k) })
	}
	wg.Wait()
}
