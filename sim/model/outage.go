package model

// The outage at a call: which sites have their system back, and the
// slower paper working while they do not.

// step is a piecewise-constant value from time at on.
type step struct{ at, v float64 }

func valueAt(steps []step, t float64) float64 {
	v := 0.0
	for _, s := range steps {
		if s.at > t {
			break
		}
		v = s.v
	}
	return v
}

func factorOr1(f float64) float64 {
	if f == 0 {
		return 1
	}
	return f
}

// down reports whether system s (an index; -1 for none) is down at t for
// the service's patients at site u.
func (ss *serviceState) down(s int, u, t float64) bool {
	return s >= 0 && ss.exp[s].downAt(u, t)
}

func (m *sim) slowed(ss *serviceState, p *patient, t float64) bool {
	return t >= m.ready && ss.down(ss.sys[CallHandling], unit(p.u.Uint32(uSite)), t)
}

// outageTime is a call's duration in an outage: × factor (handle or
// consult) if the service works on paper for this patient, plus the
// sender's time for a manual hand-off of the disposition just drawn.
func (m *sim) outageTime(p *patient, ss *serviceState, t, service, factor float64) float64 {
	if m.out == nil {
		return service
	}
	if m.slowed(ss, p, t) {
		service *= factor
	}
	return service + m.manualExtra(p, ss, t)
}
