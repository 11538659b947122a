package dist

// CanBeZero reports whether d draws exactly 0 with positive probability:
// a fixed 0, or an empirical table that can draw a 0. Continuous
// distributions draw 0 with probability 0 and report false. Validation
// uses it to find loops that would run at one instant for ever (a caller
// who hangs up after 0 s and always redials after 0 s).
func (d Dist) CanBeZero() bool {
	switch d.kind {
	case KindFixed:
		return d.x == 0
	case KindEmpirical:
		if d.x == 0 {
			return true
		}
		if d.emp == nil {
			return false
		}
		for _, s := range d.emp.slots {
			if (s.own == 0 && s.cut > 0) || (s.alias == 0 && s.cut < 1) {
				return true
			}
		}
	}
	return false
}
