package model

// GP practices: same-day demand from 111 and each working day's
// capacity, spill to ED and carry-over.

// toGP adds a patient to the same-day demand of the nation's GP practices
// on the day of their next opening after t.
func (m *sim) toGP(ns *nationState, t float64) {
	open := m.cal.NextGPOpening(ns.cfg.Nation, t)
	if open < m.cfg.Horizon {
		ns.gpFrom111[m.dayOf(open)]++
	}
}

// closeGP runs the nation's GP practice days: each working day serves up
// to its capacity; what is left spills to ED or carries to the next
// working day.
func (ns *nationState) closeGP() {
	gp := &ns.cfg.GP
	r := ns.res
	carry := 0.0
	for d := range r.Daily {
		day := &r.Daily[d]
		day.GPFrom111 = ns.gpFrom111[d]
		day.GPCarriedIn = carry
		if !ns.m.cal.IsWorkingDay(ns.cfg.Nation, day.Date) {
			carry += day.GPFrom111
			continue
		}
		day.GPCapacity = gp.SameDayCapacity
		day.GPBaseline = gp.BaselineDemand
		demand := day.GPDemand()
		if day.GPCapacity > 0 {
			r.GPPeakUtilisation = max(r.GPPeakUtilisation, demand/day.GPCapacity)
		}
		over := max(0, demand-day.GPCapacity)
		day.GPSpilledToED = over * gp.OverflowToED
		r.GPSpilledToED += day.GPSpilledToED
		carry = over - day.GPSpilledToED
		if len(ns.regions) == 1 {
			// A GP day counts in the segment that holds its midday.
			tl := ns.m.tally(ns.regions[0], ns.m.dayStart(d)+12*3600)
			tl.GPCapacity += day.GPCapacity
			tl.GPBaseline += day.GPBaseline
			tl.GPFrom111 += day.GPFrom111
			tl.GPCarriedIn += day.GPCarriedIn
			tl.GPSpilledToED += day.GPSpilledToED
			tl.GPWorkingDays++
		}
	}
}
