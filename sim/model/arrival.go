package model

// Arrival: a patient is drawn, with the block of uniforms their choices
// will use, and first contacts the front door online or by phone.

import (
	"math"

	"github.com/outagesim/outagesim/sim/des"
	"github.com/outagesim/outagesim/sim/dist"
	"github.com/outagesim/outagesim/sim/rng"
)

// The uniforms of every patient, in this order, drawn as one block on
// arrival so that a patient makes the same choices in an outage run and its
// counterfactual (common random numbers).
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

// A patient's uniforms are the two 32-bit halves of each draw of a block
// of numU/2 draws of the patient stream (rng.Blocks): ample resolution for
// probabilities, at half the draws. Uniform k is the low half of draw k/2
// when k is even, the high half when odd. The draws are taken from the
// block when a choice needs them: a patient uses only a few.
var _ = [1]struct{}{}[numU%2] // numU must be even

// uniformDraws is the size of a patient's block.
const uniformDraws = numU / 2

// patient is 32 bytes, two to a cache line: the block of uniforms is kept
// as the generator's 16-byte state rather than the twelve uniforms.
type patient struct {
	origin  int32 // service first called
	handler int32 // service that answered
	region  int32 // where the patient lives
	disp    Disposition
	online  bool  // came in through 111 online, not the phone
	nation  uint8 // the origin service's nation (its index in sim.nations)
	u       rng.Block
}

// unit is a 32-bit uniform as a float in [0, 1).
func unit(x uint32) float64 { return float64(x) * (1.0 / (1 << 32)) }

func (m *sim) newPatient(svc int32, r *rng.Blocks) int32 {
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
	// Every field, one by one (region below): a composite literal is built
	// on the stack by narrow stores and copied by 16-byte loads, which
	// cannot be forwarded from them and wait for the stores to reach the
	// cache (docs/performance.md, session 12).
	p.origin, p.handler = svc, svc
	p.disp, p.online, p.nation = 0, false, uint8(ss.nat.idx)
	p.u = r.Next()
	// A choice that is certain (one region, no online share) does not
	// draw its uniform.
	r0 := ss.regionPk.only
	if r0 < 0 {
		r0 = int32(ss.regionPk.pick(p.u.Uint32(uRegion)))
	}
	p.region = ss.regions[r0]
	m.created++
	return i
}

func (m *sim) release(i int32) {
	m.free = append(m.free, i)
	m.finished++
}

// advance draws the time of the service's next first contact.
func (ss *serviceState) advance() {
	t, ok := ss.proc.Spend(ss.gaps.Draw())
	if !ok {
		t = math.Inf(1)
	}
	ss.next = t
}

// unitExp is Exp(1): its draws are those of rand.ExpFloat64 (× 1, exact).
var unitExp = func() dist.Dist {
	d, err := dist.Exponential(1)
	if err != nil {
		panic(err)
	}
	return d
}()

// Peek is the time of the next first contact (des.Source).
func (ss *serviceState) Peek() float64 { return ss.next }

// Fire handles a new first contact at the service (des.Source).
func (ss *serviceState) Fire(k *des.Kernel) float64 {
	t := k.Now()
	ss.contact(ss.m.newPatient(ss.idx, ss.rPatient), t)
	ss.advance()
	return ss.next
}

// contact is patient pi's first contact with the service at t.
func (ss *serviceState) contact(pi int32, t float64) {
	m := ss.m
	p := &m.patients[pi]
	tl := m.tally(p.region, t)
	ss.counts.Patients++
	tl.Patients++
	if share := ss.nat.cfg.OnlineShare; share > 0 && unit(p.u.Uint32(uOnline)) < share {
		ss.counts.Online++
		tl.Online++
		p.online = true
		p.disp = Disposition(ss.nat.pk.online.pick(p.u.Uint32(uDisp)))
		m.dispose(pi, ss, t)
	} else {
		h := ss
		for _, a := range ss.aid {
			if t >= a.at && t < a.till && unit(p.u.Uint32(uDivert)) < a.share {
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
