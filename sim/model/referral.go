package model

import "math"

// Referral: each disposition's route, electronic or by the contingency
// (by hand, lost or signposted), and its delivery.

// nationBits holds a nation's index in an OOH delivery's event kind; the
// bits above carry the hand-off's delay, up to maxHandoff seconds (about
// eight years: never reached).
const (
	nationBits = 3
	maxHandoff = float64(math.MaxInt32 >> nationBits)
)

type routeState uint8

const (
	routeUp routeState = iota
	routeUnhandled
	routeContingency
)

func (m *sim) routeState(p *patient, r Route, ss *serviceState, t float64) routeState {
	down := ss.down(ss.routeSys[r], unit(p.u.Uint32(uSite)), t)
	if r == RouteOOH {
		ns := m.patientNation(p)
		down = down || ns.exp.downAt(unit(p.u.Uint32(uSite)), t)
	}
	switch {
	case !down:
		return routeUp
	case t < m.ready:
		return routeUnhandled
	}
	return routeContingency
}

// refer sends the referral for disposition d, if it has a route.
func (m *sim) refer(p *patient, d Disposition, ss *serviceState, t float64) {
	r, ok := RouteOf(d)
	if !ok {
		return
	}
	c := &ss.counts
	day := &ss.nat.res.Daily[m.dayOf(t)]
	mode := Electronic
	switch m.routeState(p, r, ss, t) {
	case routeUnhandled:
		if unit(p.u.Uint32(uLoss1)) < m.out.UnhandledLoss {
			mode = Lost
			break
		}
		fallthrough
	case routeContingency:
		rc := &m.out.Contingency.Routes[r]
		switch {
		case rc.Mode == Closed:
			mode = Signposted
		case unit(p.u.Uint32(uLoss2)) < rc.LossProb:
			mode = Lost
		default:
			mode = ManualSent
		}
	}
	tl := m.tally(p.region, t)
	c.Referrals[r][mode]++
	tl.Referrals[r][mode]++
	day.Referrals[mode]++
	ns := m.patientNation(p)
	switch mode {
	case Electronic:
		tl.timeReferral(0)
		m.deliver(ns, r, p, t)
	case ManualSent:
		delay := 0.0
		if rc := &m.out.Contingency.Routes[r]; rc.Delay != nil {
			delay = rc.Delay.Sample(ss.rRef)
		}
		tl.timeReferral(delay)
		at := t + delay
		if at >= m.cfg.Horizon {
			c.ManualPending[r]++
			m.tally(p.region, at).ManualPending[r]++
			return
		}
		m.deliver(ns, r, p, at)
	case Lost:
		m.lostReferral(p, r, ss, t)
	case Signposted:
		rc := &m.out.Contingency.Routes[r]
		comply := unit(p.u.Uint32(uComply)) < rc.Compliance
		switch rc.SignpostTo {
		case GPInHours:
			c.SignpostedToGP++
			tl.SignpostedToGP++
			if comply {
				src := GPDisplaced
				if r == RouteGPBooking {
					src = GPSignposted
				}
				m.toGP(p, src, t)
			}
		case ED:
			// A patient whose disposition was ED already counts there.
			if d != ED {
				c.SignpostedToED++
				tl.SignpostedToED++
				tl.countOnline(p, ED)
				if comply {
					day.ED++
				}
			}
		}
	}
}

// deliver hands a referral to its receiver at time at (≥ now).
func (m *sim) deliver(ns *nationState, r Route, p *patient, at float64) {
	switch r {
	case RouteOOH:
		if ns.ooh == nil {
			return
		}
		class := ns.pk.ooh.pick(p.u.Uint32(uOOHPri))
		if at <= m.k.Now() {
			ns.oohArrive(class, p.region, 0)
		} else {
			// The event carries the hand-off's delay in whole seconds
			// above the nation's index, so the case's wait can be counted
			// from 111's decision.
			delay := min(math.Round(at-m.k.Now()), maxHandoff)
			m.k.Schedule(at, m.oohID, int32(ns.idx)|int32(delay)<<nationBits, int32(class)|p.region<<8)
		}
	case RouteGPBooking:
		m.toGP(p, GPBooked, at)
	}
}

// lostReferral sends a patient whose referral was lost where their
// nation's LostReferralTo says, once they have waited LostReferralWait and
// heard nothing. A lost ED or ambulance referral changes nothing for the
// patient: they go, or the crew is sent, anyway. The compliance draw is
// unused for a lost referral (only signposted patients comply or not), so
// it decides where they go.
func (m *sim) lostReferral(p *patient, r Route, ss *serviceState, t float64) {
	nc := m.patientNation(p).cfg
	if r == RouteED || r == RouteAmbulance || !anyPositive(nc.LostReferralTo[:]) {
		return
	}
	d := Disposition(m.patientNation(p).pk.lostTo.pick(p.u.Uint32(uComply)))
	at := t + nc.LostReferralWait
	ss.counts.LostReferralTo[d]++
	m.tally(p.region, t).LostReferralTo[d]++
	if at >= m.cfg.Horizon && d != GPInHours {
		return // after the run: no day to count it on
	}
	m.goTo(p, d, GPLostReferral, ss, at)
}

// manualExtra is the sender's extra time for a manual hand-off of the
// patient's disposition, if the route will be manual.
func (m *sim) manualExtra(p *patient, ss *serviceState, t float64) float64 {
	st := m.senderTime[p.disp]
	if st == nil {
		return 0
	}
	r, _ := RouteOf(p.disp)
	if m.routeState(p, r, ss, t) == routeUp {
		return 0
	}
	x := st.Sample(ss.rRef)
	ss.counts.ManualWork += x
	m.tally(p.region, t).ManualWork += x
	return x
}
