package model

// Triage: acting on a patient's disposition, or on where they go when
// they give up.

import (
	"fmt"
)

// dispose acts on a patient's disposition at t: to clinical assessment, or
// a final disposition with its referral. The patient leaves the model
// unless they now wait for a call-back.
func (m *sim) dispose(pi int32, ss *serviceState, t float64) {
	p := &m.patients[pi]
	d := p.disp
	if d == ClinicalAssessment {
		if ss.cas != nil {
			ss.counts.CASReferred++
			m.tally(p.region, t).CASReferred++
			ss.cas.Arrive(int64(pi), ss.nat.pk.cas.pick(p.u.Uint32(uPriority)))
			return
		}
		// Validate requires a CAS wherever clinical assessment can happen.
		panic(fmt.Sprintf("model: service %q has no clinical assessment for a clinical_assessment disposition", ss.cfg.Name))
	}
	ss.counts.Dispositions[d]++
	tl := m.tally(p.region, t)
	tl.Dispositions[d]++
	tl.countOnline(p, d)
	day := &ss.nat.res.Daily[m.dayOf(t)]
	switch d {
	case ED:
		day.ED++
	case Ambulance:
		day.Ambulance++
	}
	m.refer(p, d, ss, t)
	m.release(pi)
}

// countOnline counts an online patient's ED or ambulance disposition.
func (t *Tally) countOnline(p *patient, d Disposition) {
	switch {
	case !p.online:
	case d == ED:
		t.OnlineED++
	case d == Ambulance:
		t.OnlineAmbulance++
	}
}

// goTo sends a patient who left 111 on their own (gave up waiting, or
// heard nothing after a lost referral) where d says at t: ED or 999 count
// on the day, their GP practice sees them at its next opening (under
// source), anything else is nowhere.
func (m *sim) goTo(p *patient, d Disposition, source GPSource, ss *serviceState, t float64) {
	day := &ss.nat.res.Daily[m.dayOf(t)]
	switch d {
	case ED:
		day.ED++
	case Ambulance:
		day.Ambulance++
	case GPInHours:
		m.toGP(p, source, t)
	}
}
