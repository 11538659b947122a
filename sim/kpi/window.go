package kpi

import (
	"math"

	"github.com/outagesim/outagesim/sim/model"
)

// Window is what a KPI is computed over: the total of a stretch of time
// (a period or a day) in an area (a region, a nation or the UK), and the
// same day by day, for the KPIs that are a busiest day's figure.
type Window struct {
	Total model.Tally
	Days  []Day
	// End says the window holds the run's last segment, where the
	// end-of-run figures (contacts still waiting) are: the KPIs made of
	// them apply only to such a window.
	End bool
}

// Reset empties the window for reuse, keeping its storage.
func (w *Window) Reset(days int) {
	w.Total = model.Tally{}
	w.Days = append(w.Days[:0], make([]Day, days)...)
	w.End = false
}

// Day is a day of a window: the fields of its tally that the busiest-day
// KPIs use. A whole model.Tally is nearly 2 kB, and a long run's whole-run
// window held one a day (780 kB for 10,000 hours, written afresh by every
// report); the sums are the same, field by field in segment order, as
// model.Tally.Add's.
type Day struct {
	GPWorkingDays, GPCapacity, GPBaseline, GPFrom111, GPCarriedIn float64
	GPArrivals                                                    [model.NumGPSources]float64
	OOHSessionBacklog, OOHSessionStarts                           float64
}

// add adds a segment's tally to the day.
func (d *Day) add(t *model.Tally) {
	d.GPWorkingDays += t.GPWorkingDays
	d.GPCapacity += t.GPCapacity
	d.GPBaseline += t.GPBaseline
	d.GPFrom111 += t.GPFrom111
	d.GPCarriedIn += t.GPCarriedIn
	for s := range d.GPArrivals {
		d.GPArrivals[s] += t.GPArrivals[s]
	}
	d.OOHSessionBacklog += t.OOHSessionBacklog
	d.OOHSessionStarts += t.OOHSessionStarts
}

// GPContacts is model.Tally.GPContacts of the day.
func (d *Day) GPContacts() float64 { return model.GPContactsOf(&d.GPArrivals) }

// GPDemand is model.Tally.GPDemand of the day.
func (d *Day) GPDemand() float64 { return model.GPDemandOf(d.GPBaseline, d.GPFrom111, d.GPCarriedIn) }

// gpPeakUtilisation is the busiest working day's same-day demand over
// capacity, in per cent; NaN with no working day with capacity.
func gpPeakUtilisation(w *Window) float64 {
	peak := math.NaN()
	for i := range w.Days {
		if d := &w.Days[i]; d.GPWorkingDays > 0 && d.GPCapacity > 0 {
			u := 100 * d.GPDemand() / d.GPCapacity
			if math.IsNaN(peak) || u > peak {
				peak = u
			}
		}
	}
	return peak
}

// oohSessionBacklogPeak is the largest backlog an out-of-hours session
// started with; NaN with no session start in the window.
func oohSessionBacklogPeak(w *Window) float64 {
	peak := math.NaN()
	for i := range w.Days {
		if d := &w.Days[i]; d.OOHSessionStarts > 0 && (math.IsNaN(peak) || d.OOHSessionBacklog > peak) {
			peak = d.OOHSessionBacklog
		}
	}
	return peak
}

// referralDelayQuantile is the q-quantile of the referral delays in
// seconds from the tally's histogram: 0 when it falls among the referrals
// delivered at once, else interpolated linearly within its bin; in the
// last (open) bin it is that bin's lower edge, a lower bound. NaN with no
// referral timed.
func referralDelayQuantile(t *model.Tally, q float64) float64 {
	n := t.ReferralsTimed
	if n <= 0 {
		return math.NaN()
	}
	target := q * n
	cum := 0.0
	last := len(t.ReferralDelayHist) - 1
	for i, c := range t.ReferralDelayHist {
		if c <= 0 || cum+c < target {
			cum += c
			continue
		}
		switch i {
		case 0:
			return 0
		case last:
			return float64(last-1) * model.ReferralDelayBin
		}
		lo := float64(i-1) * model.ReferralDelayBin
		return lo + (target-cum)/c*model.ReferralDelayBin
	}
	return float64(last-1) * model.ReferralDelayBin
}

// Add adds a segment's tally to the window: to the total, and to the
// current day, or to a new day if the segment starts one.
func (w *Window) Add(t *model.Tally, newDay bool) {
	w.Total.Add(t)
	if newDay || len(w.Days) == 0 {
		w.Days = append(w.Days, Day{})
	}
	w.Days[len(w.Days)-1].add(t)
}

// Of builds the window of a result over the areas and segments the two
// predicates keep (nil keeps all): the whole UK run is Of(r, nil, nil).
// It is the simple way for tests and one-off uses; reports builds its many
// windows incrementally with Add.
func Of(r *model.Result, area func(model.Area) bool, seg func(model.Segment) bool) *Window {
	w := &Window{}
	lastDay := -1
	for s, sg := range r.Segments {
		if seg != nil && !seg(sg) {
			continue
		}
		var sum model.Tally
		for a, ar := range r.Areas {
			if area == nil || area(ar) {
				sum.Add(r.Tally(a, s))
			}
		}
		w.Add(&sum, sg.Day != lastDay)
		lastDay = sg.Day
		w.End = w.End || s == len(r.Segments)-1
	}
	return w
}

// InNation keeps the areas of one nation.
func InNation(nation string) func(model.Area) bool {
	return func(a model.Area) bool { return a.Nation == nation }
}
