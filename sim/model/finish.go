package model

// End of run: totals, GP days, regional tallies and the conservation
// checks.

import (
	"errors"
)

// finish closes the books: GP practice days, totals, and the conservation
// checks.
func (m *sim) finish() (*Result, error) {
	res := &Result{Name: m.cfg.Name, HourStarts: m.hourStart, Events: m.k.Executed()}
	var errs []error
	m.bookStaff(m.k.Now())
	for _, ss := range m.services {
		st := ss.ha.Stats()
		ss.counts.CallsWaitingAtEnd = float64(ss.ha.Waiting())
		ss.counts.RedialPending = float64(ss.ha.InOrbit())
		if ss.cas != nil {
			ss.counts.CASWaitingAtEnd = float64(ss.cas.Waiting())
		}
		c := &ss.counts
		// Every call ends answered, abandoned or still waiting.
		if c.CallsOffered != c.CallsAnswered+c.CallsAbandoned+c.CallsWaitingAtEnd || float64(st.Offered) != c.CallsOffered {
			errs = append(errs, conservation("service %q: %v calls offered ≠ %v answered + %v abandoned + %v waiting",
				ss.cfg.Name, c.CallsOffered, c.CallsAnswered, c.CallsAbandoned, c.CallsWaitingAtEnd))
		}
		// Every abandoned call was redialled, waits to be, or gave up.
		if c.CallsAbandoned != c.Redials+c.RedialPending+c.GaveUp {
			errs = append(errs, conservation("service %q: %v abandoned ≠ %v redialled + %v to redial + %v gave up",
				ss.cfg.Name, c.CallsAbandoned, c.Redials, c.RedialPending, c.GaveUp))
		}
		if ss.cas != nil {
			cs := ss.cas.Stats()
			if float64(cs.Offered) != c.CASReferred || c.CASReferred != c.CASAnswered+c.CASGaveUp+c.CASWaitingAtEnd {
				errs = append(errs, conservation("service %q: %v call-backs ≠ %v answered + %v gave up + %v waiting",
					ss.cfg.Name, c.CASReferred, c.CASAnswered, c.CASGaveUp, c.CASWaitingAtEnd))
			}
		}
		// Every referral is delivered electronically, sent by hand, lost
		// or signposted; pending ones are among those sent by hand.
		for r := range c.Referrals {
			if c.ManualPending[r] > c.Referrals[r][ManualSent] {
				errs = append(errs, conservation("service %q: route %s: %v pending > %v sent by hand",
					ss.cfg.Name, Route(r), c.ManualPending[r], c.Referrals[r][ManualSent]))
			}
			var dispositions float64
			for d := range c.Dispositions {
				if rr, ok := RouteOf(Disposition(d)); ok && rr == Route(r) {
					dispositions += c.Dispositions[d]
				}
			}
			var sum float64
			for _, v := range c.Referrals[r] {
				sum += v
			}
			if sum != dispositions {
				errs = append(errs, conservation("service %q: route %s: %v referrals by mode ≠ %v dispositions",
					ss.cfg.Name, Route(r), sum, dispositions))
			}
		}
		res.Services = append(res.Services, ServiceResult{Name: ss.cfg.Name, Nation: ss.cfg.Nation, Counts: ss.counts})
		ss.nat.res.Counts.add(&ss.counts)
	}
	// Every patient has left or is in exactly one place: waiting for or
	// talking to a health adviser, waiting to redial, or waiting for or
	// talking to a clinician.
	var present uint64
	for _, ss := range m.services {
		present += uint64(ss.ha.Waiting() + ss.ha.Busy() + ss.ha.InOrbit())
		if ss.cas != nil {
			present += uint64(ss.cas.Waiting() + ss.cas.Busy())
		}
	}
	if m.created != m.finished+present {
		errs = append(errs, conservation("%d patients ≠ %d finished + %d in queues", m.created, m.finished, present))
	}
	m.closeGP()
	// With one nation the UK's hours and days are that nation's, shared
	// rather than summed into copies: every field (the date aside) starts
	// at +0 and only ever has values added, so none is −0 and 0 + x is x
	// to the bit. A 10,000-hour run's hours are ~1 MB of fresh memory to
	// fault in.
	oneNation := len(m.nations) == 1
	if !oneNation {
		res.UK.Hourly = make([]Hour, len(m.hourStart))
		res.UK.Daily = make([]Day, len(m.days))
	}
	for _, ns := range m.nations {
		r := ns.res
		// The front door's daily counts are its hourly counts summed by
		// day: whole numbers, so the sums are exact in any order, and the
		// observers count each call once less.
		for h := range r.Hourly {
			d, x := &r.Daily[m.dayOfHour[h]], &r.Hourly[h]
			d.Offered += x.Offered
			d.Answered += x.Answered
			d.AnsweredWithinTarget += x.AnsweredWithinTarget
			d.Abandoned += x.Abandoned
		}
		if ns.ooh != nil {
			r.OOHCases = ns.oohCases
			r.OOHWaitingAtEnd = float64(ns.ooh.Waiting())
			if r.OOHCases != r.OOHConsults+r.OOHWaitingAtEnd {
				errs = append(errs, conservation("nation %s: %v OOH cases ≠ %v consulted + %v waiting", r.Nation, r.OOHCases, r.OOHConsults, r.OOHWaitingAtEnd))
			}
		}
		res.Nations = append(res.Nations, *r)
		res.UK.Counts.add(&r.Counts)
		res.UK.OOHCases += r.OOHCases
		res.UK.OOHConsults += r.OOHConsults
		res.UK.OOHWithinTarget += r.OOHWithinTarget
		res.UK.OOHWaitSum += r.OOHWaitSum
		res.UK.OOHWaitingAtEnd += r.OOHWaitingAtEnd
		res.UK.GPSpilledToED += r.GPSpilledToED
		res.UK.GPPeakUtilisation = max(res.UK.GPPeakUtilisation, r.GPPeakUtilisation)
		if oneNation {
			res.UK.Hourly, res.UK.Daily = r.Hourly, r.Daily
			continue
		}
		for h := range r.Hourly {
			u, x := &res.UK.Hourly[h], &r.Hourly[h]
			u.Offered += x.Offered
			u.Answered += x.Answered
			u.Abandoned += x.Abandoned
			u.AnsweredWithinTarget += x.AnsweredWithinTarget
			u.AbandonedAfterThreshold += x.AbandonedAfterThreshold
			u.Advisers += x.Advisers
			u.CASWaiting += x.CASWaiting
			u.OOHWaiting += x.OOHWaiting
			u.AdviserBusy += x.AdviserBusy
			u.AdviserStaffed += x.AdviserStaffed
			u.ClinicianBusy += x.ClinicianBusy
			u.ClinicianStaffed += x.ClinicianStaffed
		}
	}
	if !oneNation {
		for _, r := range res.Nations {
			for d := range r.Daily {
				res.UK.Daily[d].addDay(&r.Daily[d])
			}
		}
	}
	for _, h := range res.UK.Hourly {
		res.UK.OOHBacklogPeak = max(res.UK.OOHBacklogPeak, h.OOHWaiting)
	}
	errs = append(errs, m.closeTallies(res)...)
	errs = append(errs, m.checkGP(res)...)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return res, nil
}

// closeTallies puts what is still pending at the end in each region's last
// segment, checks that the regions' tallies add up to the services' and
// nations' totals, and hands them to the result.
func (m *sim) closeTallies(res *Result) []error {
	var errs []error
	n := len(m.segs)
	var all Tally
	for r := range m.regions {
		var sum Tally
		for s := range n {
			sum.Add(&m.tallies[r*n+s])
		}
		last := &m.tallies[r*n+n-1]
		last.CallsWaitingAtEnd = sum.CallsOffered - sum.CallsAnswered - sum.CallsAbandoned
		last.RedialPending = sum.CallsAbandoned - sum.Redials - sum.GaveUp
		last.CASWaitingAtEnd = sum.CASReferred - sum.CASAnswered - sum.CASGaveUp
		last.OOHWaitingAtEnd = m.oohWaiting[r]
		for _, v := range m.gp[r].afterHorizon {
			last.GPPending += v
		}
		if sum.OOHCases-sum.OOHConsults != m.oohWaiting[r] {
			errs = append(errs, conservation("region %s: %v OOH cases − %v consulted ≠ %v waiting",
				m.regions[r].Name, sum.OOHCases, sum.OOHConsults, m.oohWaiting[r]))
		}
		for s := range n {
			all.Add(&m.tallies[r*n+s])
		}
	}
	// Every event counted for a service is counted once for a region.
	uk := &res.UK
	for _, c := range []struct {
		what          string
		region, total float64
	}{
		{"calls offered", all.CallsOffered, uk.CallsOffered},
		{"calls answered", all.CallsAnswered, uk.CallsAnswered},
		{"calls abandoned", all.CallsAbandoned, uk.CallsAbandoned},
		{"calls waiting at the end", all.CallsWaitingAtEnd, uk.CallsWaitingAtEnd},
		{"redials pending", all.RedialPending, uk.RedialPending},
		{"patients", all.Patients, uk.Patients},
		{"call-backs waiting at the end", all.CASWaitingAtEnd, uk.CASWaitingAtEnd},
		{"referrals lost", all.ReferralTotal(Lost), uk.ReferralTotal(Lost)},
		{"referrals signposted", all.ReferralTotal(Signposted), uk.ReferralTotal(Signposted)},
		{"signposted to GP", all.SignpostedToGP, uk.SignpostedToGP},
		{"OOH cases", all.OOHCases, uk.OOHCases},
		{"OOH consultations", all.OOHConsults, uk.OOHConsults},
	} {
		if c.region != c.total {
			errs = append(errs, conservation("%s: %v over the regions ≠ %v over the services", c.what, c.region, c.total))
		}
	}
	res.Periods, res.Days, res.Segments, res.Tallies = m.periods, m.days, m.segs, m.tallies
	for _, r := range m.regions {
		res.Areas = append(res.Areas, Area{Name: r.Name, Nation: r.Nation.String()})
	}
	return errs
}
