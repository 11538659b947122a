package model

// GP practices: every patient 111 sends to a practice, by where they live
// and why they came (their source), and each region's working days of
// contacts, triage, same-day appointments, spill to ED and carry-over.

// GPSource is why a patient from 111 reached their GP practice. Every
// patient sent to a practice has exactly one.
type GPSource uint8

// GP sources. A booked patient arrives with a slot and makes no contact;
// every other source is a contact (a phone or online request) that the
// practice triages before deciding whether it needs an appointment.
const (
	GPBooked         GPSource = iota // booked into a slot by 111 (electronically or by phone)
	GPSignposted                     // told to contact the practice because GP booking was closed
	GPDisplaced                      // told to contact the practice because another route was closed
	GPGaveUp111                      // hung up on 111 for good and went to the practice
	GPGaveUpCallback                 // gave up waiting for a clinical call-back
	GPLostReferral                   // referral lost; heard nothing and went to the practice
	NumGPSources
)

var gpSourceNames = [NumGPSources]string{"booked", "signposted", "displaced", "gave_up_111", "gave_up_callback", "lost_referral"}

// String is the source's name in KPI keys and reports.
func (s GPSource) String() string { return nameOf(gpSourceNames[:], int(s)) }

// GPSourceNames lists the sources' names in order.
func GPSourceNames() []string { return append([]string(nil), gpSourceNames[:]...) }

// Contact reports whether patients from this source ring or write to the
// practice (everyone but the booked).
func (s GPSource) Contact() bool { return s != GPBooked }

// regionGP is one region's practices during a run: patients arriving by
// source on each local day (the day of the opening they arrive at).
type regionGP struct {
	arrivals [][NumGPSources]float64 // by day
	// afterHorizon counts patients whose next opening is after the run.
	afterHorizon [NumGPSources]float64
}

// toGP sends the patient to their own practice at its next opening at or
// after t, counting them once under source.
func (m *sim) toGP(p *patient, src GPSource, t float64) {
	g := &m.gp[p.region]
	open := m.cal.NextGPOpening(m.regions[p.region].Nation, t)
	m.gpSent[src]++
	if open >= m.cfg.Horizon {
		g.afterHorizon[src]++
		return
	}
	g.arrivals[m.dayOf(open)][src]++
}

// closeGP runs every region's practice days in order. On a working day the
// booked patients take a slot each; contacts are triaged and
// AppointmentShare of them need a same-day slot; with the baseline and the
// carry-over that is the day's demand. Demand above capacity spills to ED
// (OverflowToED) or carries to the next working day. A day counts in the
// segment that holds its midday; the nations' daily series are the sums of
// their regions'.
func (m *sim) closeGP() {
	for r := range m.regions {
		reg := &m.regions[r]
		gp := &reg.GP
		g := &m.gp[r]
		ns := m.byNation[reg.Nation]
		carry := 0.0
		for d := range m.days {
			a := &g.arrivals[d]
			day := &ns.res.Daily[d]
			tl := m.tally(int32(r), m.dayStart(d)+12*3600)
			contacts := 0.0
			for s := range NumGPSources {
				tl.GPArrivals[s] += a[s]
				if s.Contact() {
					contacts += a[s]
				}
			}
			from111 := a[GPBooked] + contacts*gp.AppointmentShare
			tl.GPFrom111 += from111
			tl.GPTriageMinutes += contacts * gp.TriageMinutes
			tl.GPCarriedIn += carry
			day.GPFrom111 += from111
			day.GPContacts += contacts
			day.GPCarriedIn += carry
			if !m.cal.IsWorkingDay(reg.Nation, day.Date) {
				// No opening falls on a closed day, so from111 is 0 here.
				carry += from111
				continue
			}
			// The closed practices' afternoon appointments are neither
			// offered nor booked: capacity and baseline demand both lose
			// the closed share; the patients who cannot wait ring 111.
			closed := m.pltClosed(r, d)
			capacity, baseline := gp.SameDayCapacity*(1-closed), gp.BaselineDemand*(1-closed)
			demand := baseline + from111 + carry
			over := max(0, demand-capacity)
			spill := over * gp.OverflowToED
			carry = over - spill
			tl.GPCapacity += capacity
			tl.GPBaseline += baseline
			tl.GPSpilledToED += spill
			tl.GPWorkingDays++
			tl.GPPatients += reg.Patients
			tl.GPPractices += reg.Practices
			if over > 0 {
				tl.GPOverCapacity++
			}
			tl.GPUnused += max(0, capacity-demand)
			day.GPCapacity += capacity
			day.GPBaseline += baseline
			day.GPSpilledToED += spill
			ns.res.GPSpilledToED += spill
		}
	}
	for _, ns := range m.nations {
		r := ns.res
		for d := range r.Daily {
			if day := &r.Daily[d]; day.GPCapacity > 0 {
				r.GPPeakUtilisation = max(r.GPPeakUtilisation, day.GPDemand()/day.GPCapacity)
			}
		}
	}
}

// checkGP is the GP conservation check: every patient sent to a practice
// is counted once, under one source, on one day of one region or as due
// after the run; and each source agrees with the counts of the step that
// sent them there.
func (m *sim) checkGP(res *Result) []error {
	var errs []error
	var arrived [NumGPSources]float64
	pending := 0.0
	for i := range m.tallies {
		for s, v := range m.tallies[i].GPArrivals {
			arrived[s] += v
		}
		pending += m.tallies[i].GPPending
	}
	after := 0.0
	for r := range m.gp {
		for _, v := range m.gp[r].afterHorizon {
			after += v
		}
	}
	for s := range NumGPSources {
		if got := arrived[s] + sumSource(m.gp, GPSource(s)); got != m.gpSent[s] {
			errs = append(errs, conservation("GP %s: %v patients sent ≠ %v arrived in a region or due after the run", GPSource(s), m.gpSent[s], got))
		}
	}
	if pending != after {
		errs = append(errs, conservation("GP: %v pending in the tallies ≠ %v due after the run", pending, after))
	}
	uk := &res.UK.Counts
	booked := uk.Referrals[RouteGPBooking][Electronic] + uk.Referrals[RouteGPBooking][ManualSent] - uk.ManualPending[RouteGPBooking]
	for _, c := range []struct {
		what       string
		sent, want float64
	}{
		{"booked ≠ GP-booking referrals delivered", m.gpSent[GPBooked], booked},
		{"gave up on 111 ≠ abandon_to gp_in_hours", m.gpSent[GPGaveUp111], uk.AbandonedTo[GPInHours]},
		{"gave up on a call-back ≠ give_up_to gp_in_hours", m.gpSent[GPGaveUpCallback], uk.CASGaveUpTo[GPInHours]},
		{"lost referrals ≠ lost_referral_to gp_in_hours", m.gpSent[GPLostReferral], uk.LostReferralTo[GPInHours]},
	} {
		if c.sent != c.want {
			errs = append(errs, conservation("GP %s: %v ≠ %v", c.what, c.sent, c.want))
		}
	}
	if s := m.gpSent[GPSignposted] + m.gpSent[GPDisplaced]; s > uk.SignpostedToGP {
		errs = append(errs, conservation("GP: %v signposted or displaced patients arrived > %v signposted to GP", s, uk.SignpostedToGP))
	}
	return errs
}

func sumSource(gp []regionGP, s GPSource) float64 {
	v := 0.0
	for r := range gp {
		v += gp[r].afterHorizon[s]
	}
	return v
}
