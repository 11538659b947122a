package model

import "math"

// Tally is what happened to one region's patients during one segment of
// the run. Tallies add up: a day, a period, a nation or the UK is the sum
// of its tallies, so every KPI can be computed for any of them.
type Tally struct {
	// Counts are the front door, call-backs, dispositions and referrals of
	// the region's patients, by the time each event happened. The
	// end-of-run figures (calls, call-backs and redials still pending) are
	// in the last segment.
	Counts
	// OOH cases of the region's patients: arrived, consultations started
	// (with their summed wait and those within target), and still waiting
	// at the end (last segment).
	OOHCases, OOHConsults, OOHWaitSum, OOHWithinTarget, OOHWaitingAtEnd float64
	// OOHSessionBacklog is the region's OOH cases waiting at the start of
	// an out-of-hours session (weekday evenings, the start of a weekend or
	// holiday) in the segment: the backlog a session inherits. A day has at
	// most one session start, so a day's value is one snapshot and the
	// busiest session is the day with the largest.
	OOHSessionBacklog, OOHSessionStarts float64
	// GP practices: the region's GP day whose midday falls in the segment.
	// GPArrivals are the patients from 111 arriving at their practice, by
	// source (GPSource); all but the booked are contacts. GPFrom111 is the
	// same-day appointments they need (each booked patient, and the
	// appointment share of contacts); GPTriageMinutes the practices' time
	// triaging the contacts. Capacity, baseline, working days, patients and
	// practices count only on working days (the last two once per working
	// day, so a window's average per working day is a plain ratio);
	// GPOverCapacity counts region-days whose demand exceeded capacity, and
	// GPUnused the same-day appointments left unused on the others.
	GPArrivals                                                                   [NumGPSources]float64
	GPCapacity, GPBaseline, GPFrom111, GPCarriedIn, GPSpilledToED, GPWorkingDays float64
	GPTriageMinutes, GPPatients, GPPractices, GPOverCapacity, GPUnused           float64
	// GPPending are patients sent to a practice whose next opening is after
	// the run (last segment).
	GPPending float64
	// OnlineED and OnlineAmbulance are the ED and ambulance dispositions
	// (final, signposted to ED, or after giving up on a call-back) of
	// patients who came in online, so that rates per answered call can
	// leave them out.
	OnlineED, OnlineAmbulance float64
	// OOHDecisionWaitSum and OOHDecisionWithinTarget measure OOH
	// consultations from 111's decision to refer rather than from the
	// case's arrival: the manual hand-off's delay (whole seconds) plus the
	// wait in the OOH queue.
	OOHDecisionWaitSum, OOHDecisionWithinTarget float64
	// Referral delay, by the segment of 111's decision: referrals timed
	// (delivered electronically or handed off by hand, pending ones with
	// their drawn delay; lost and signposted ones have no delivery), their
	// summed delay from the decision to the receiver having them (s), and
	// a fixed-bin histogram of the delays (ReferralDelayBin).
	ReferralsTimed, ReferralDelaySum float64
	ReferralDelayHist                [ReferralDelayBins]float64
	// Protected learning time, where a session starts: practices closing
	// in sessions held, and the 111 calls covering them; practices kept
	// open by a cancelled session, their extra hours, and the calls 111
	// did not have to cover.
	PLTSessionsHeld, PLTCallsCovered                             float64
	PLTSessionsCancelled, PLTPracticeHoursAdded, PLTCallsAvoided float64
}

// The referral delay histogram: bin 0 holds referrals the receiver had at
// once (delivered electronically); bin i, for 1 ≤ i < ReferralDelayBins−1,
// delays in ((i−1)·ReferralDelayBin, i·ReferralDelayBin]; the last bin
// everything longer than (ReferralDelayBins−2)·ReferralDelayBin (8 hours).
const (
	ReferralDelayBin  = 300.0 // seconds: 5-minute bins
	ReferralDelayBins = 2 + 96
)

// referralDelayBin is the histogram bin of a delay in seconds.
func referralDelayBin(d float64) int {
	switch {
	case d <= 0:
		return 0
	case d > (ReferralDelayBins-2)*ReferralDelayBin:
		return ReferralDelayBins - 1
	}
	return int(math.Ceil(d / ReferralDelayBin))
}

// timeReferral records a referral delivered after delay d (s).
func (t *Tally) timeReferral(d float64) {
	t.ReferralsTimed++
	t.ReferralDelaySum += d
	t.ReferralDelayHist[referralDelayBin(d)]++
}

// Add adds o to t.
func (t *Tally) Add(o *Tally) {
	t.Counts.add(&o.Counts)
	t.OOHCases += o.OOHCases
	t.OOHConsults += o.OOHConsults
	t.OOHWaitSum += o.OOHWaitSum
	t.OOHWithinTarget += o.OOHWithinTarget
	t.OOHWaitingAtEnd += o.OOHWaitingAtEnd
	t.OOHSessionBacklog += o.OOHSessionBacklog
	t.OOHSessionStarts += o.OOHSessionStarts
	t.GPCapacity += o.GPCapacity
	t.GPBaseline += o.GPBaseline
	t.GPFrom111 += o.GPFrom111
	t.GPCarriedIn += o.GPCarriedIn
	t.GPSpilledToED += o.GPSpilledToED
	t.GPWorkingDays += o.GPWorkingDays
	t.OnlineED += o.OnlineED
	t.OnlineAmbulance += o.OnlineAmbulance
	t.OOHDecisionWaitSum += o.OOHDecisionWaitSum
	t.OOHDecisionWithinTarget += o.OOHDecisionWithinTarget
	t.ReferralsTimed += o.ReferralsTimed
	t.ReferralDelaySum += o.ReferralDelaySum
	for i := range t.ReferralDelayHist {
		t.ReferralDelayHist[i] += o.ReferralDelayHist[i]
	}
	for s := range t.GPArrivals {
		t.GPArrivals[s] += o.GPArrivals[s]
	}
	t.GPTriageMinutes += o.GPTriageMinutes
	t.GPPatients += o.GPPatients
	t.GPPractices += o.GPPractices
	t.GPOverCapacity += o.GPOverCapacity
	t.GPUnused += o.GPUnused
	t.GPPending += o.GPPending
	t.PLTSessionsHeld += o.PLTSessionsHeld
	t.PLTCallsCovered += o.PLTCallsCovered
	t.PLTSessionsCancelled += o.PLTSessionsCancelled
	t.PLTPracticeHoursAdded += o.PLTPracticeHoursAdded
	t.PLTCallsAvoided += o.PLTCallsAvoided
}

// GPContacts are the contacts (phone or online requests) from 111's
// patients at their practices: every arrival but the booked.
func (t *Tally) GPContacts() float64 { return GPContactsOf(&t.GPArrivals) }

// GPContactsOf is the contacts among GP arrivals counted by source: the
// sum, in source order, of the sources that are contacts.
func GPContactsOf(arrivals *[NumGPSources]float64) float64 {
	c := 0.0
	for s, v := range arrivals {
		if GPSource(s).Contact() {
			c += v
		}
	}
	return c
}

// GPDemand is the same-day demand on GP practices in the tally.
func (t *Tally) GPDemand() float64 { return GPDemandOf(t.GPBaseline, t.GPFrom111, t.GPCarriedIn) }

// GPDemandOf is the same-day demand on GP practices: the practices' own
// (baseline), 111's patients' appointments and those carried from earlier
// days, summed in that order (tallies, days and a window's days alike).
func GPDemandOf(baseline, from111, carriedIn float64) float64 {
	return baseline + from111 + carriedIn
}

// Segment is a stretch of the run inside one local day and one period of
// the partition (before, down, recovery, after).
type Segment struct {
	From, To float64
	// Day indexes Result.Days; Period indexes Result.Periods.
	Day, Period int
}

// Area is a region of the run's tallies.
type Area struct {
	Name   string
	Nation string
}

// segments cuts [0, horizon) at every local midnight and every boundary
// of the partition periods. dayStarts are the local days' start times.
func segments(dayStarts []float64, horizon float64, periods []Period) []Segment {
	var parts []int
	for i, p := range periods {
		if p.Name == PeriodWarmup || partition(p.Name) {
			parts = append(parts, i)
		}
	}
	if len(parts) == 0 || periods[parts[len(parts)-1]].Name == PeriodWarmup {
		// no outage: the run (after any warm-up) is the one period
		parts = append(parts, len(periods)-1)
	}
	var segs []Segment
	d, pi := 0, 0
	t := 0.0
	for t < horizon {
		for d+1 < len(dayStarts) && dayStarts[d+1] <= t {
			d++
		}
		for pi+1 < len(parts) && periods[parts[pi+1]].From <= t {
			pi++
		}
		end := horizon
		if d+1 < len(dayStarts) {
			end = min(end, dayStarts[d+1])
		}
		if pi+1 < len(parts) {
			end = min(end, periods[parts[pi+1]].From)
		}
		segs = append(segs, Segment{From: t, To: end, Day: d, Period: parts[pi]})
		t = end
	}
	return segs
}
