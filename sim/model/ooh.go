package model

// GP out-of-hours: cases arriving, manual deliveries, consultations.

import (
	"github.com/outagesim/outagesim/sim/des"
	"github.com/outagesim/outagesim/sim/queue"
)

// oohArrive adds an OOH case of a patient of region r, handed off
// handoff seconds (whole) after 111's decision; the case's job carries the
// region in its low 32 bits and the hand-off above.
func (ns *nationState) oohArrive(class int, r int32, handoff int32) {
	m := ns.m
	ns.oohCases++
	m.tally(r, m.k.Now()).OOHCases++
	m.oohWaiting[r]++
	ns.ooh.Arrive(int64(r)|int64(handoff)<<32, class)
}

type oohDelivery struct{ m *sim }

// Handle delivers a manual OOH referral: Kind is the nation and, from bit
// nationBits, the hand-off's delay; Arg the class and, from bit 8, the
// patient's region.
func (o oohDelivery) Handle(_ *des.Kernel, ev des.Event) {
	o.m.nations[ev.Kind&(1<<nationBits-1)].oohArrive(int(ev.Arg&0xff), ev.Arg>>8, ev.Kind>>nationBits)
}

// oohObserver follows a nation's OOH case queue.
type oohObserver struct{ ns *nationState }

func (oohObserver) Offered(*queue.Queue, *queue.Job) {}

func (o oohObserver) Answered(_ *queue.Queue, j *queue.Job, wait, service float64) float64 {
	ns := o.ns
	m := ns.m
	t := m.k.Now()
	r := ns.res
	day := &r.Daily[m.dayOf(t)]
	region, handoff := int32(j.Ref&0xffffffff), float64(j.Ref>>32)
	tl := m.tally(region, t)
	m.oohWaiting[region]--
	tl.OOHConsults++
	tl.OOHWaitSum += wait
	r.OOHConsults++
	r.OOHWaitSum += wait
	day.OOHConsults++
	day.OOHWaitSum += wait
	tl.OOHDecisionWaitSum += handoff + wait
	if handoff+wait <= ns.oohTarget[j.Class] {
		tl.OOHDecisionWithinTarget++
	}
	if wait <= ns.oohTarget[j.Class] {
		tl.OOHWithinTarget++
		r.OOHWithinTarget++
		day.OOHWithinTarget++
	}
	// Whether this case's site has its system back is drawn per case.
	u := ns.rSite.Float64()
	if m.out != nil && t >= m.ready && ns.exp.downAt(u, t) {
		service *= factorOr1(m.out.Contingency.ConsultFactor)
	}
	return service
}

func (oohObserver) Completed(*queue.Queue, *queue.Job)                {}
func (oohObserver) Abandoned(*queue.Queue, *queue.Job, float64, bool) {}
func (oohObserver) Blocked(*queue.Queue, *queue.Job, bool)            {}

// exposures lists the OOH service's exposure, if it has one.
func (ns *nationState) exposures() []*exposure {
	if ns.exp == nil {
		return nil
	}
	return []*exposure{ns.exp}
}
