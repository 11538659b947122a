package model

// Arrival: a patient is drawn, with every uniform they will need, and
// first contacts the front door online or by phone.

import (
	"math"
	"math/rand/v2"

	"github.com/outagesim/outagesim/sim/des"
)

// The uniforms drawn for every patient on arrival, in this order, so that
// a patient makes the same choices in an outage run and its counterfactual
// (common random numbers).
const (
	uOnline   = iota // online rather than phone
	uDivert          // diverted by mutual aid
	uSite            // which of the service's sites: reconnected or not
	uDisp            // triage disposition
	uPriority        // clinical priority
	uCASOut          // outcome of clinical assessment
	uGiveUp          // where they go if they give up waiting for a call-back
	uLoss1           // referral lost before the contingency
	uLoss2           // manual referral lost
	uComply          // follows signposting
	uOOHPri          // OOH case priority
	uRegion          // where the patient lives (the spare half of a draw)
	numU
)

// newPatient draws the uniforms six 64-bit draws at a time: a compile
// error here says numU changed and newPatient must change with it.
var _ = [1]struct{}{}[numU-12]

// patient is 64 bytes, one cache line: the uniforms are kept as the 32-bit
// integers they are drawn as (uf scales them), which halved the struct
// and the cache misses of touching a patient after a wait.
type patient struct {
	origin  int32 // service first called
	handler int32 // service that answered
	region  int32 // where the patient lives
	disp    Disposition
	online  bool  // came in through 111 online, not the phone
	nation  uint8 // the origin service's nation (its index in sim.nations)
	u       [numU]uint32
}

// uf is the patient's uniform k in [0, 1).
func (p *patient) uf(k int) float64 { return float64(p.u[k]) * (1.0 / (1 << 32)) }

func (m *sim) newPatient(svc int32, r *rand.PCG) int32 {
	var i int32
	if n := len(m.free); n > 0 {
		i = m.free[n-1]
		m.free = m.free[:n-1]
	} else {
		m.patients = append(m.patients, patient{})
		i = int32(len(m.patients) - 1)
	}
	p := &m.patients[i]
	ss := m.services[svc]
	*p = patient{origin: svc, handler: svc, nation: uint8(ss.nat.idx)}
	// The stream's PCG is called directly, not through rand.Rand, so its
	// few instructions inline: the six calls through rand.Rand's
	// interface were an eighth of the peer model's instructions.
	// Two 32-bit uniforms from each 64-bit draw: ample resolution for
	// probabilities, at half the draws. Written out (numU is even: see
	// the check below): the loop's exit was a mispredict a patient.
	x0, x1, x2, x3, x4, x5 := r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64()
	p.u = [numU]uint32{
		uint32(x0), uint32(x0 >> 32), uint32(x1), uint32(x1 >> 32), uint32(x2), uint32(x2 >> 32),
		uint32(x3), uint32(x3 >> 32), uint32(x4), uint32(x4 >> 32), uint32(x5), uint32(x5 >> 32),
	}
	p.region = ss.regions[ss.regionPk.pick(p.u[uRegion])]
	m.created++
	return i
}

func (m *sim) release(i int32) {
	m.free = append(m.free, i)
	m.finished++
}

// advance draws the time of the service's next first contact.
func (ss *serviceState) advance() {
	t, ok := ss.proc.Next(ss.rArr)
	if !ok {
		t = math.Inf(1)
	}
	ss.next = t
}

// Peek is the time of the next first contact (des.Source).
func (ss *serviceState) Peek() float64 { return ss.next }

// Fire handles a new first contact at the service (des.Source).
func (ss *serviceState) Fire(k *des.Kernel) {
	t := k.Now()
	ss.contact(ss.m.newPatient(ss.idx, ss.rPatient), t)
	ss.advance()
}

// contact is patient pi's first contact with the service at t.
func (ss *serviceState) contact(pi int32, t float64) {
	m := ss.m
	p := &m.patients[pi]
	tl := m.tally(p.region, t)
	ss.counts.Patients++
	tl.Patients++
	if p.uf(uOnline) < ss.nat.cfg.OnlineShare {
		ss.counts.Online++
		tl.Online++
		p.online = true
		p.disp = Disposition(ss.nat.pk.online.pick(p.u[uDisp]))
		m.dispose(pi, ss, t)
	} else {
		h := ss
		for _, a := range ss.aid {
			if t >= a.at && t < a.till && p.uf(uDivert) < a.share {
				h = m.services[a.to]
				ss.counts.DivertedOut++
				tl.DivertedOut++
				break
			}
		}
		p.handler = h.idx
		h.ha.Arrive(int64(pi), 0)
	}
}

// patientNation is the nation of the service the patient first called,
// from the index kept in the patient's own cache line: a service's line
// less to load after the wait, when it may be cold.
func (m *sim) patientNation(p *patient) *nationState { return m.nations[p.nation] }
