package model

// Clinical assessment: the clinician call-back queue.

import (
	"github.com/outagesim/outagesim/sim/queue"
)

// casObserver follows a service's clinical call-back queue.
type casObserver struct{ ss *serviceState }

func (o casObserver) Offered(*queue.Queue, *queue.Job) {}

func (o casObserver) Answered(_ *queue.Queue, j *queue.Job, wait, service float64) float64 {
	ss := o.ss
	m := ss.m
	t := m.k.Now()
	p := &m.patients[j.Ref]
	tl := m.tally(p.region, t)
	ss.counts.CASAnswered++
	tl.CASAnswered++
	if wait <= ss.casTgt[j.Class] {
		ss.counts.CASWithinTarget++
		tl.CASWithinTarget++
	}
	p.disp = Disposition(m.patientNation(p).pk.casOut.pick(p.u.Uint32(uCASOut)))
	return m.outageTime(p, ss, t, service, m.consultFactor)
}

func (o casObserver) Completed(_ *queue.Queue, j *queue.Job) {
	o.ss.m.dispose(int32(j.Ref), o.ss, o.ss.m.k.Now())
}

func (o casObserver) Abandoned(_ *queue.Queue, j *queue.Job, _ float64, _ bool) {
	ss := o.ss
	m := ss.m
	t := m.k.Now()
	p := &m.patients[j.Ref]
	ns := m.patientNation(p)
	tl := m.tally(p.region, t)
	ss.counts.CASGaveUp++
	tl.CASGaveUp++
	d := Disposition(ns.pk.giveUp.pick(p.u.Uint32(uGiveUp)))
	ss.counts.CASGaveUpTo[d]++
	tl.CASGaveUpTo[d]++
	tl.countOnline(p, d)
	m.goTo(p, d, GPGaveUpCallback, ss, t)
	m.release(int32(j.Ref))
}

func (o casObserver) Blocked(*queue.Queue, *queue.Job, bool) {
	panic("model: the call-back queue has no cap, so nothing is blocked")
}
