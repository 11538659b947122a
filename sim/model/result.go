package model

import (
	"errors"
	"fmt"

	"github.com/outagesim/outagesim/sim/calendar"
)

// Referral modes: how a referral ended.
const (
	Electronic = iota // sent electronically and delivered
	ManualSent        // handed off by phone / NHSmail (delivered or pending)
	Lost              // lost or not actioned
	Signposted        // route closed: the patient was told to go elsewhere
	numReferralModes
)

// Counts are the totals of a service, a nation or the UK over a run.
type Counts struct {
	// Front door (phone), IUC ADC definitions: calls offered include
	// redials; abandoned after the threshold (30 s) is the KPI numerator.
	CallsOffered, CallsAnswered, CallsAbandoned   float64
	AbandonedAfterThreshold, AnsweredWithinTarget float64
	WaitAnsweredSum                               float64
	CallsWaitingAtEnd                             float64
	Redials                                       float64
	// DivertedOut are first calls sent to another service by mutual aid;
	// they are counted as offered where they were answered.
	DivertedOut float64
	// Patients are first contacts (phone and online); Online the online
	// ones.
	Patients, Online float64
	// Clinical assessment (call-back queue).
	CASReferred, CASAnswered, CASWithinTarget, CASGaveUp, CASWaitingAtEnd float64
	// Final dispositions (after clinical assessment where there was one).
	Dispositions [NumDispositions]float64
	// Referrals by route and mode (Electronic, ManualSent, Lost,
	// Signposted); ManualPending are manual referrals not yet delivered at
	// the end of the run (part of ManualSent).
	Referrals     [NumRoutes][numReferralModes]float64
	ManualPending [NumRoutes]float64
	// SignpostedToGP counts patients told to contact their GP practice;
	// SignpostedToED those sent to ED instead of a closed route.
	SignpostedToGP, SignpostedToED float64
	// CASGaveUpTo counts where patients who gave up waiting went.
	CASGaveUpTo [NumDispositions]float64
	// GaveUp counts callers who hung up and did not call again;
	// RedialPending those who hung up and will call again after the end.
	// Every abandoned call is a redial, a pending redial or a give-up.
	GaveUp, RedialPending float64
	// AbandonedTo counts where callers went who gave up (only when the
	// nation's AbandonTo is set).
	AbandonedTo [NumDispositions]float64
	// LostReferralTo counts where patients went whose referral was lost
	// (only when the nation's LostReferralTo is set).
	LostReferralTo [NumDispositions]float64
	// ManualWork is the extra staff time (s) spent on manual hand-offs.
	ManualWork float64
	// AdviserBusy and AdviserStaffed are the health advisers' ∫busy dt and
	// ∫on duty dt (staff-seconds); ClinicianBusy and ClinicianStaffed the
	// clinical call-back queue's. A service's are shared among its regions
	// by their share of its patients. Busy can exceed staffed for a
	// moment, while leavers finish their calls.
	AdviserBusy, AdviserStaffed, ClinicianBusy, ClinicianStaffed float64
}

func (c *Counts) add(o *Counts) {
	c.CallsOffered += o.CallsOffered
	c.CallsAnswered += o.CallsAnswered
	c.CallsAbandoned += o.CallsAbandoned
	c.AbandonedAfterThreshold += o.AbandonedAfterThreshold
	c.AnsweredWithinTarget += o.AnsweredWithinTarget
	c.WaitAnsweredSum += o.WaitAnsweredSum
	c.CallsWaitingAtEnd += o.CallsWaitingAtEnd
	c.Redials += o.Redials
	c.GaveUp += o.GaveUp
	c.RedialPending += o.RedialPending
	c.DivertedOut += o.DivertedOut
	c.Patients += o.Patients
	c.Online += o.Online
	c.CASReferred += o.CASReferred
	c.CASAnswered += o.CASAnswered
	c.CASWithinTarget += o.CASWithinTarget
	c.CASGaveUp += o.CASGaveUp
	c.CASWaitingAtEnd += o.CASWaitingAtEnd
	for i := range c.Dispositions {
		c.Dispositions[i] += o.Dispositions[i]
		c.CASGaveUpTo[i] += o.CASGaveUpTo[i]
		c.AbandonedTo[i] += o.AbandonedTo[i]
		c.LostReferralTo[i] += o.LostReferralTo[i]
	}
	for r := range c.Referrals {
		for m := range c.Referrals[r] {
			c.Referrals[r][m] += o.Referrals[r][m]
		}
		c.ManualPending[r] += o.ManualPending[r]
	}
	c.SignpostedToGP += o.SignpostedToGP
	c.SignpostedToED += o.SignpostedToED
	c.ManualWork += o.ManualWork
	c.AdviserBusy += o.AdviserBusy
	c.AdviserStaffed += o.AdviserStaffed
	c.ClinicianBusy += o.ClinicianBusy
	c.ClinicianStaffed += o.ClinicianStaffed
}

// ReferralTotal sums a referral mode over routes.
func (c *Counts) ReferralTotal(mode int) float64 {
	s := 0.0
	for r := range c.Referrals {
		s += c.Referrals[r][mode]
	}
	return s
}

// Hour is one nation's activity in one hour of the run.
type Hour struct {
	Offered, Answered, Abandoned, AnsweredWithinTarget, AbandonedAfterThreshold float64
	// Staff on the front door, CAS waiting and OOH cases waiting at the
	// start of the hour.
	Advisers, CASWaiting, OOHWaiting float64
	// AdviserBusy, AdviserStaffed, ClinicianBusy and ClinicianStaffed are
	// the staff-seconds busy and on duty during the hour (see Counts).
	AdviserBusy, AdviserStaffed, ClinicianBusy, ClinicianStaffed float64
}

// Day is one nation's activity on one local day.
type Day struct {
	Date calendar.Date
	// Front door, by the hour calls were offered or answered.
	Offered, Answered, AnsweredWithinTarget, Abandoned float64
	// Referrals by mode (Electronic, ManualSent, Lost, Signposted), by the
	// day they were made.
	Referrals [numReferralModes]float64
	// GP practices: same-day capacity and appointment demand on this day
	// (baseline, from 111, carried from earlier days), what spilled to ED,
	// and the contacts from 111's patients (requests triaged by practices).
	GPCapacity, GPBaseline, GPFrom111, GPCarriedIn, GPSpilledToED, GPContacts float64
	// ED and ambulance dispositions made this day.
	ED, Ambulance float64
	// OOH: consultations started, their summed time to consultation, and
	// those within target.
	OOHConsults, OOHWaitSum, OOHWithinTarget float64
}

func (d *Day) addDay(o *Day) {
	d.Date = o.Date
	d.Offered += o.Offered
	d.Answered += o.Answered
	d.AnsweredWithinTarget += o.AnsweredWithinTarget
	d.Abandoned += o.Abandoned
	for m := range d.Referrals {
		d.Referrals[m] += o.Referrals[m]
	}
	d.GPCapacity += o.GPCapacity
	d.GPBaseline += o.GPBaseline
	d.GPFrom111 += o.GPFrom111
	d.GPCarriedIn += o.GPCarriedIn
	d.GPSpilledToED += o.GPSpilledToED
	d.GPContacts += o.GPContacts
	d.ED += o.ED
	d.Ambulance += o.Ambulance
	d.OOHConsults += o.OOHConsults
	d.OOHWaitSum += o.OOHWaitSum
	d.OOHWithinTarget += o.OOHWithinTarget
}

// GPDemand is the day's same-day demand on GP practices.
func (d *Day) GPDemand() float64 { return GPDemandOf(d.GPBaseline, d.GPFrom111, d.GPCarriedIn) }

// NationResult is one nation's results.
type NationResult struct {
	Nation calendar.Nation
	Counts
	// OOH out-of-hours totals.
	OOHCases, OOHConsults, OOHWithinTarget, OOHWaitSum, OOHWaitingAtEnd float64
	// OOHBacklogPeak is the most OOH cases waiting at an hour start.
	OOHBacklogPeak float64
	// GPPeakUtilisation is the highest working day's same-day demand over
	// capacity; GPSpilledToED the total overflow sent to ED.
	GPPeakUtilisation, GPSpilledToED float64
	Hourly                           []Hour
	Daily                            []Day
}

// ServiceResult is one front-door service's totals.
type ServiceResult struct {
	Name   string
	Nation calendar.Nation
	Counts
}

// Result is one replication of one configuration.
type Result struct {
	Name string
	// HourStarts are the sim times of the hourly series' buckets.
	HourStarts []float64
	Services   []ServiceResult
	Nations    []NationResult
	// UK sums the nations (its Nation field is meaningless); its
	// GPPeakUtilisation is the highest of any nation's.
	UK NationResult
	// Events is the number of events the kernel dispatched.
	Events uint64
	// Periods are the run's periods (Config.Periods); Days its local dates;
	// Segments cut the run at every midnight and period boundary.
	Periods  []Period
	Days     []calendar.Date
	Segments []Segment
	// Areas are the regions; Tallies holds one Tally per area and segment,
	// area-major: Tallies[a*len(Segments)+s].
	Areas   []Area
	Tallies []Tally
}

// Tally returns area a's tally of segment s.
func (r *Result) Tally(a, s int) *Tally { return &r.Tallies[a*len(r.Segments)+s] }

// ErrConservation marks a broken invariant: a call or referral that did not
// end in exactly one state. It is a bug in the model, never bad input.
var ErrConservation = errors.New("conservation violated")

func conservation(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrConservation}, args...)...)
}
