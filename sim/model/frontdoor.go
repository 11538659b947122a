package model

// The front door: the health-adviser queue, answered, abandoned,
// redialled or given up.

import (
	"github.com/outagesim/outagesim/sim/queue"
)

// haObserver follows the health-adviser queue of a service.
type haObserver struct{ ss *serviceState }

func (o haObserver) Offered(_ *queue.Queue, j *queue.Job) {
	ss := o.ss
	m := ss.m
	t := m.k.Now()
	tl := m.tally(m.patients[j.Ref].region, t)
	ss.counts.CallsOffered++
	tl.CallsOffered++
	if j.Attempt > 0 {
		ss.counts.Redials++
		tl.Redials++
	}
	ss.nat.res.Hourly[m.hourOf(t)].Offered++ // and so Daily (finish)
}

func (o haObserver) Answered(_ *queue.Queue, j *queue.Job, wait, service float64) float64 {
	ss := o.ss
	m := ss.m
	t := m.k.Now()
	c := &ss.counts
	p := &m.patients[j.Ref]
	tl := m.tally(p.region, t)
	c.CallsAnswered++
	c.WaitAnsweredSum += wait
	tl.CallsAnswered++
	tl.WaitAnsweredSum += wait
	hr := &ss.nat.res.Hourly[m.hourOf(t)] // and so Daily (finish)
	hr.Answered++
	if wait <= m.cfg.AnswerTarget {
		c.AnsweredWithinTarget++
		tl.AnsweredWithinTarget++
		hr.AnsweredWithinTarget++
	}
	// Every answered call is triaged: a certain disposition (a textbook
	// model's) draws no uniform.
	pk := m.patientNation(p).pk.triage
	d := pk.only
	if d < 0 {
		d = int32(pk.pick(p.u.Uint32(uDisp)))
	}
	p.disp = Disposition(d)
	return m.outageTime(p, ss, t, service, m.handleFactor)
}

func (o haObserver) Completed(_ *queue.Queue, j *queue.Job) {
	o.ss.m.dispose(int32(j.Ref), o.ss, o.ss.m.k.Now())
}

func (o haObserver) Abandoned(_ *queue.Queue, j *queue.Job, wait float64, redial bool) {
	ss := o.ss
	m := ss.m
	t := m.k.Now()
	tl := m.tally(m.patients[j.Ref].region, t)
	ss.counts.CallsAbandoned++
	tl.CallsAbandoned++
	hr := &ss.nat.res.Hourly[m.hourOf(t)] // and so Daily (finish)
	hr.Abandoned++
	if wait > m.cfg.AbandonThreshold {
		ss.counts.AbandonedAfterThreshold++
		tl.AbandonedAfterThreshold++
		hr.AbandonedAfterThreshold++
	}
	if !redial {
		m.gaveUp(int32(j.Ref), ss, t)
	}
}

// gaveUp sends a caller who hung up for good where the patient's nation's
// AbandonTo says, then lets them go.
func (m *sim) gaveUp(pi int32, ss *serviceState, t float64) {
	p := &m.patients[pi]
	ns := m.patientNation(p)
	tl := m.tally(p.region, t)
	ss.counts.GaveUp++
	tl.GaveUp++
	if anyPositive(ns.cfg.AbandonTo[:]) {
		// The triage draw is unused for a caller never triaged, so it
		// decides where they go.
		d := Disposition(ns.pk.abandonTo.pick(p.u.Uint32(uDisp)))
		ss.counts.AbandonedTo[d]++
		tl.AbandonedTo[d]++
		m.goTo(p, d, GPGaveUp111, ss, t)
	}
	m.release(pi)
}

func (o haObserver) Blocked(*queue.Queue, *queue.Job, bool) {
	panic("model: a front door has no cap on lines, so nothing is blocked")
}
