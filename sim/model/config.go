package model

import (
	"time"

	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/dist"
)

// Times in a Config are seconds from Config.Start unless a field says
// otherwise; rates are per second; probabilities are in [0, 1].

// Function is what a service uses an IT system for.
type Function uint8

// The functions a service depends on systems for.
const (
	CallHandling Function = iota // call handling and case management
	Referral                     // sending referrals to other services
	Booking                      // booking appointments (GP practices, hubs, ED slots)
	Records                      // patient records
	NumFunctions
)

// Disposition is the outcome of triage or of a clinical assessment.
type Disposition uint8

// Dispositions, as in the IUC ADC groups.
const (
	Ambulance          Disposition = iota // 999 ambulance dispatch
	ED                                    // emergency department or urgent treatment centre
	ClinicalAssessment                    // to a clinician in the CAS (front door only)
	GPInHours                             // contact own GP practice / booked appointment, in hours
	OOHGP                                 // GP out of hours
	Pharmacy
	Dental
	MentalHealth
	OtherService
	SelfCare
	NumDispositions
)

// Route is a referral path from 111 to another service. Each travels
// through a system named per service.
type Route uint8

// Referral routes.
const (
	RouteOOH          Route = iota // to GP out-of-hours case management
	RouteGPBooking                 // booking into a GP practice or access hub
	RoutePharmacy                  // community pharmacist consultation
	RouteDental                    // urgent dental
	RouteMentalHealth              // crisis / mental health team
	RouteED                        // ED / UTC booking or pre-alert
	RouteAmbulance                 // ambulance dispatch
	NumRoutes
)

// Config is a complete urgent-care scenario, ready to simulate.
type Config struct {
	Name string
	// Start is the instant simulation time 0 stands for (Europe/London).
	Start time.Time
	// Horizon is the simulated length in seconds.
	Horizon float64
	// Warmup is when statistics start, in sim seconds: the run starts
	// empty, and the time before Warmup only fills the queues. It is its
	// own period ("warmup") that no output reports; the other periods and
	// the days start at its end. 0 means none.
	Warmup float64
	// Nations with their demand, dispositions and downstream capacity.
	Nations []Nation
	// Regions are where patients live (empty: one region per nation).
	Regions []Region
	// Services are the front doors (111 providers, NHS 24, 111 Wales, NI
	// out-of-hours ring-back services).
	Services []Service
	// Outage is the failure and its handling; nil for a normal run.
	Outage *Outage
	// AnswerTarget (60 s) and AbandonThreshold (30 s) define the front-door
	// KPIs.
	AnswerTarget, AbandonThreshold float64
	// Timeline, if set, fixes the periods the run is measured over instead
	// of deriving them from Outage: Counterfactual sets it so that both
	// runs are measured over the outage's periods.
	Timeline []Period
}

// Nation holds one nation's demand and downstream services.
type Nation struct {
	Nation calendar.Nation
	// Demand is the nation's calls to its front doors (before surges).
	Demand calendar.DemandProfile
	// OnlineShare is the share of demand that uses the online channel
	// (111 online) instead of the phone; online contacts skip the phone
	// queue and get the online dispositions.
	OnlineShare        float64
	OnlineDispositions [NumDispositions]float64
	// Dispositions after health-adviser triage; they sum to 1.
	Dispositions [NumDispositions]float64
	// AbandonTo says where callers go who hang up on 111 and do not call
	// again: own GP practice at its next opening (GPInHours), ED,
	// Ambulance, or nowhere (SelfCare); it sums to 1. All zero means
	// nowhere, as in a textbook queue.
	AbandonTo [NumDispositions]float64
	// LostReferralTo says where patients go whose referral was lost and
	// who hear nothing: to their own GP practice (GPInHours), ED,
	// Ambulance or nowhere (SelfCare), LostReferralWait seconds after the
	// referral; it sums to 1. All zero means nowhere. Lost ED and
	// ambulance referrals are excluded: those patients go anyway.
	LostReferralTo   [NumDispositions]float64
	LostReferralWait float64
	// Clinical assessment: priority mix, then what happens after.
	CAS CAS
	// GP in hours: the practices of the nation's one region when
	// Config.Regions lists none of the nation's regions (unused otherwise).
	GP GPPractices
	// OOH: GP out-of-hours case handling.
	OOH OOH
	// Surges multiply demand over windows (e.g. a winter surge).
	Surges []Surge
}

// Surge multiplies a nation's demand by Factor on [From, To). Staffing
// planned by occupancy follows planned surges; an Unplanned surge arrives
// with no extra staff (a sudden outbreak, say).
type Surge struct {
	From, To  float64
	Factor    float64
	Unplanned bool
}

// Staffing is the number on duty by hour.
type Staffing struct {
	// HourOfWeek, if set, gives staff for each hour of the week, Monday
	// 00:00–01:00 local first (168 values).
	HourOfWeek []int
	// Occupancy, if HourOfWeek is empty, staffs each hour to carry the
	// expected workload at this occupancy: ceil(λ(h)·E[S] / Occupancy).
	Occupancy float64
	// Factor scales every hour's staff (1 = as planned).
	Factor float64
	// Minimum is a floor on staff in any hour.
	Minimum int
}

// Service is a front door: a 111 provider, NHS 24, 111 Wales or an NI
// out-of-hours ring-back service.
type Service struct {
	Name   string
	Nation calendar.Nation
	// Share of the nation's demand this service receives.
	Share float64
	// Regions says where the service's patients live (empty: the nation's
	// regions in proportion to registered patients).
	Regions []RegionShare
	// Systems names the IT system used for each function ("" = none).
	Systems [NumFunctions]string
	// RouteSystems overrides Systems[Referral] per route ("" = default).
	RouteSystems [NumRoutes]string
	// Front door: health advisers.
	Advisers Staffing
	Handle   dist.Dist
	Patience *dist.Dist
	// Redial after abandoning.
	RedialProb  float64
	RedialDelay *dist.Dist
	// Clinicians of the service's clinical assessment service.
	Clinicians Staffing
	// Consult is the clinician's time per assessment.
	Consult dist.Dist
}

// CAS describes clinical assessment after triage for a nation's services.
type CAS struct {
	// Priorities in order served, with call-back targets and mix.
	Priorities []Priority
	// GiveUp is how long a patient waits for a call-back before giving up
	// (nil: never); GiveUpTo says where they go, summing to 1 over ED,
	// Ambulance, GPInHours and SelfCare (nowhere).
	GiveUp   *dist.Dist
	GiveUpTo [NumDispositions]float64
	// Outcomes are the final dispositions after assessment (no
	// ClinicalAssessment); they sum to 1.
	Outcomes [NumDispositions]float64
}

// Priority is a clinical call-back priority.
type Priority struct {
	Name   string
	Target float64 // call-back target
	Share  float64 // of patients sent to the CAS
}

// GPPractices is a region's (or a nation's) in-hours general practices,
// in aggregate, in the units a practice works in: contacts (phone or
// online requests) that are triaged, and same-day appointments.
type GPPractices struct {
	// SameDayCapacity is same-day appointments per working day.
	SameDayCapacity float64
	// BaselineDemand is same-day appointment demand per working day that
	// does not come from 111.
	BaselineDemand float64
	// OverflowToED is the share of demand above capacity that goes to ED
	// on the day; the rest carries to the next working day.
	OverflowToED float64
	// TriageMinutes is the practice's time to triage one contact (a
	// patient who rings or writes in without a booked slot).
	TriageMinutes float64
	// AppointmentShare is the share of triaged contacts that then need a
	// same-day appointment; the rest are dealt with by the triage itself.
	AppointmentShare float64
}

// OOH is a nation's GP out-of-hours service. In waves and mutual aid it
// is named "ooh:<nation>", e.g. "ooh:scotland".
type OOH struct {
	// System is the OOH case-management system; while it is down,
	// consults take Contingency.ConsultFactor longer.
	System     string
	Clinicians Staffing
	Consult    dist.Dist
	// Priorities of OOH cases, with time-to-consultation targets.
	Priorities []Priority
}

// Outage is a system failure with its timeline and contingencies.
type Outage struct {
	// Systems that fail at Start.
	Systems []string
	Start   float64
	// End, if after Start, restores every failed and isolated system at
	// once (0: restored only by waves, or never).
	End float64
	// Isolations take other systems offline as a precaution (a supplier
	// isolating the rest of what it runs), each with its own timing.
	Isolations []Isolation
	// Disconnections are customers cutting themselves off from systems
	// as a precaution, for a period.
	Disconnections []Disconnection
	// DetectionDelay: until Start+DetectionDelay failures are unhandled: a
	// referral through a failed system is lost with UnhandledLoss; one that
	// is not lost then follows the route's contingency.
	DetectionDelay float64
	UnhandledLoss  float64
	// Contingency applies from Start+DetectionDelay until reconnection.
	Contingency Contingency
	// Waves reconnect services or systems, each to a cumulative fraction
	// of the sites.
	Waves []Wave
	// BackEntry is the paper-record catch-up after a service reconnects:
	// for Days days its staff lose Fraction of their time.
	BackEntry BackEntry
}

// Contingency is how services work while their system is down.
type Contingency struct {
	// HandleFactor multiplies health advisers' handle time (paper triage);
	// ConsultFactor clinicians' consult time.
	HandleFactor, ConsultFactor float64
	// StaffFactor multiplies affected services' staff (extra staff > 1).
	StaffFactor float64
	// Routes says how each referral route works while its system is down.
	Routes [NumRoutes]RouteContingency
	// MutualAid diverts a share of affected services' new calls to others.
	MutualAid []MutualAid
}

// Mode is how a failed referral route works.
type Mode uint8

// Contingency modes for a failed route.
const (
	Manual Mode = iota // phone / NHSmail hand-off
	Closed             // route closed; the patient is signposted instead
)

// RouteContingency is one route's fallback.
type RouteContingency struct {
	Mode Mode
	// Manual: extra sender time (added to the handle or consult), delay
	// before the receiver has it, probability it is lost or not actioned.
	SenderTime *dist.Dist
	Delay      *dist.Dist
	LossProb   float64
	// Closed: where the patient is sent instead (GPInHours: the next GP
	// opening; ED) and the probability they go.
	SignpostTo Disposition
	Compliance float64
}

// MutualAid diverts Share of the new calls of From to To from At to Until;
// while it runs, StaffFactor (0: 1) multiplies To's staff to take them.
type MutualAid struct {
	From, To    string
	Share       float64
	At, Until   float64
	StaffFactor float64
}

// Wave reconnects at At: afterwards Fraction of the sites of each named
// service (front doors, and OOH services as "ooh:<nation>") work
// electronically again with every system they use, and Fraction of every
// client's sites with each named system.
type Wave struct {
	At       float64
	Services []string
	Systems  []string
	Fraction float64
}

// Isolation is a precaution: Systems (say, the rest of a supplier's
// health environments) are taken offline from Start until End (0: until
// the outage's End, or until waves bring them back).
type Isolation struct {
	// Supplier names whose systems these are, for the report.
	Supplier   string
	Systems    []string
	Start, End float64
}

// Disconnection is a customer's precaution: Services (front doors, or
// OOH services as "ooh:<nation>") cannot use Systems from From until Until
// (0: the end of the run), whatever the supplier's state.
type Disconnection struct {
	// Supplier names whose systems these are, for the report.
	Supplier    string
	Services    []string
	Systems     []string
	From, Until float64
}

// BackEntry is extra admin work after reconnection.
type BackEntry struct {
	Days     float64
	Fraction float64
}
