package model

// The clock and the books: which hour, day and segment a time falls in,
// and the hourly snapshot.

import (
	"math"

	"github.com/outagesim/outagesim/sim/des"
)

// hourOf and dayOf index the series; times at or after the horizon fall
// in the last bucket.
func (m *sim) hourOf(t float64) int {
	// Nearly every call is for the current hour, which the tick keeps with
	// its bounds: a check small enough to inline, called several times an
	// event (it and segOf were a tenth of a run when they indexed
	// hourStart on every call).
	if t >= m.hourLo && t < m.hourHi {
		return m.hour
	}
	return m.hourSlow(t)
}

// hourSlow is kept out of line so that hourOf inlines.
//
//go:noinline
func (m *sim) hourSlow(t float64) int {
	h := m.cal.HourIndex(t)
	return min(max(h, 0), len(m.hourStart)-1)
}

// setHour makes h the current hour, with its bounds (the last hour takes
// every later time).
func (m *sim) setHour(h int) {
	m.hour, m.day, m.hourLo, m.hourHi = h, int(m.dayOfHour[h]), m.hourStart[h], math.Inf(1)
	if h+1 < len(m.hourStart) {
		m.hourHi = m.hourStart[h+1]
	}
}

// dayOf is hourOf's day, checked the same way so that it inlines.
func (m *sim) dayOf(t float64) int {
	if t >= m.hourLo && t < m.hourHi {
		return m.day
	}
	return m.daySlow(t)
}

//go:noinline
func (m *sim) daySlow(t float64) int { return int(m.dayOfHour[m.hourSlow(t)]) }

// dayStart is the start of local day d.
func (m *sim) dayStart(d int) float64 { return m.dayStarts[d] }

// segOf is the segment holding t; times at or after the horizon fall in
// the last one. The segment last found is kept with its bounds: nearly
// every call is for the current time.
func (m *sim) segOf(t float64) int {
	if t >= m.segLo && t < m.segHi {
		return m.seg
	}
	return m.segSlow(t)
}

//go:noinline
func (m *sim) segSlow(t float64) int {
	s := int(m.segOfHour[m.hourOf(t)])
	for s+1 < len(m.segs) && t >= m.segs[s+1].From {
		s++
	}
	m.seg, m.segLo, m.segHi = s, m.segs[s].From, math.Inf(1)
	if s+1 < len(m.segs) {
		m.segHi = m.segs[s+1].From
	}
	for r := range m.segTally {
		m.segTally[r] = &m.tallies[r*len(m.segs)+s]
	}
	return s
}

// tally is region r's tally of the segment holding t: for the segment
// segOf last found, from segTally, a check small enough to inline (it
// was a call an observer).
func (m *sim) tally(r int32, t float64) *Tally {
	if t >= m.segLo && t < m.segHi {
		return m.segTally[r]
	}
	return m.tallySlow(r, t)
}

//go:noinline
func (m *sim) tallySlow(r int32, t float64) *Tally {
	return &m.tallies[int(r)*len(m.segs)+m.segSlow(t)]
}

type tick struct{ m *sim }

// Handle records the state at the start of each hour.
func (tk tick) Handle(k *des.Kernel, ev des.Event) {
	m := tk.m
	m.bookStaff(k.Now())
	m.setHour(int(ev.Arg))
	if next := int(ev.Arg) + 1; next < len(m.hourStart) {
		k.Schedule(m.hourStart[next], m.tickID, 0, int32(next))
	}
	for _, ns := range m.nations {
		hr := &ns.res.Hourly[ev.Arg]
		if ns.ooh != nil {
			hr.OOHWaiting = float64(ns.ooh.Waiting())
			ns.res.OOHBacklogPeak = max(ns.res.OOHBacklogPeak, hr.OOHWaiting)
			if ns.sessionStart[ev.Arg] {
				for _, r := range ns.regions {
					tl := m.tally(r, k.Now())
					tl.OOHSessionBacklog += m.oohWaiting[r]
					tl.OOHSessionStarts++
				}
			}
		}
	}
	for _, ss := range m.services {
		hr := &ss.nat.res.Hourly[ev.Arg]
		hr.Advisers += float64(ss.ha.Staff())
		if ss.cas != nil {
			hr.CASWaiting += float64(ss.cas.Waiting())
		}
	}
}

// booking books staff time at a segment boundary inside an hour.
type booking struct{ m *sim }

// Handle books the staff time up to now.
func (b booking) Handle(k *des.Kernel, _ des.Event) { b.m.bookStaff(k.Now()) }

// bookStaff books each service's busy and staffed time since the last
// booking to the hour and segment that booking started in: to the nation's
// hourly series, the service's totals and its regions' tallies.
func (m *sim) bookStaff(now float64) {
	if now <= m.booked {
		return
	}
	h, s := m.hourOf(m.booked), m.segOf(m.booked)
	for _, ss := range m.services {
		var cur [4]float64
		cur[0], cur[1] = ss.ha.Areas()
		if ss.cas != nil {
			cur[2], cur[3] = ss.cas.Areas()
		}
		var d [4]float64
		for i := range d {
			d[i] = cur[i] - ss.booked[i]
		}
		ss.booked = cur
		hr := &ss.nat.res.Hourly[h]
		hr.AdviserBusy += d[0]
		hr.AdviserStaffed += d[1]
		hr.ClinicianBusy += d[2]
		hr.ClinicianStaffed += d[3]
		addStaff(&ss.counts, d, 1)
		for i, r := range ss.regions {
			addStaff(&m.tallies[int(r)*len(m.segs)+s].Counts, d, ss.regionShare[i]/ss.shareSum)
		}
	}
	m.booked = now
}

func addStaff(c *Counts, d [4]float64, w float64) {
	c.AdviserBusy += w * d[0]
	c.AdviserStaffed += w * d[1]
	c.ClinicianBusy += w * d[2]
	c.ClinicianStaffed += w * d[3]
}
