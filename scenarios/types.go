package scenarios

// The types in this file are the scenario file format. Each field's yaml tag
// is its name in a file and its jsonschema_description tag says what it
// means; docs/scenarios.md is the reference a test keeps in step with them.
// Optional fields are pointers (or nil slices and maps) so that "not given"
// differs from zero: defaults and extends fill only what is not given.

// Scenario is one scenario: a file with its extends chain resolved.
type Scenario struct {
	Description string `yaml:"description" jsonschema_description:"One line saying what the scenario is for; shown by List."`
	// Extends is resolved while loading: a loaded Scenario holds the merged
	// result and an empty Extends.
	Extends string `yaml:"extends,omitempty" jsonschema_description:"A library scenario name (e.g. baseline-2022) or a file path relative to this file. This file then states only what differs: mappings merge key by key, lists and single values replace, null removes."`
	Name    string `yaml:"name,omitempty" jsonschema_description:"The name used in reports; defaults to the file name without .yaml."`
	// Seed and Replications are for the runner; the model does not use them.
	Seed         *uint64   `yaml:"seed,omitempty" jsonschema_description:"The random seed (default 1)."`
	Replications *int      `yaml:"replications,omitempty" jsonschema_description:"How many replications to run (default 10)."`
	Start        *DateTime `yaml:"start" jsonschema_description:"When the simulated period starts, local time (Europe/London)."`
	End          *DateTime `yaml:"end,omitempty" jsonschema_description:"When the simulated period ends, local time. Give end or horizon."`
	Horizon      *Duration `yaml:"horizon,omitempty" jsonschema_description:"The length of the simulated period, e.g. 4w. Give end or horizon."`
	Warmup       *Duration `yaml:"warmup,omitempty" jsonschema_description:"A warm-up, e.g. 1d: the run starts empty and no output counts its first part; statistics start at the first local midnight at least this long after start, so every reported day is whole (default none). It must end before the outage starts."`
	AnswerTarget *Duration `yaml:"answer_target,omitempty" jsonschema_description:"A call answered within this wait counts as answered within target (default 60s)."`
	// AbandonThreshold is the wait after which an abandoned call counts in
	// abandoned_pct.
	AbandonThreshold *Duration `yaml:"abandon_threshold,omitempty" jsonschema_description:"An abandoned call counts in abandoned_pct if it waited longer than this (default 30s)."`
	Nations          Nations   `yaml:"nations" jsonschema_description:"The nations simulated, each with its demand, triage outcomes, downstream services and front-door services."`
	// Suppliers say which systems each supplier runs, so that an outage can
	// isolate or disconnect a supplier's systems together.
	Suppliers map[string][]string `yaml:"suppliers,omitempty" jsonschema_description:"Which systems each supplier runs, by supplier name, e.g. advanced: [adastra, odyssey]."`
	Outage    *Outage             `yaml:"outage,omitempty" jsonschema_description:"The IT outage, its contingencies and reconnection; omit for a normal run."`

	src *source // where each field came from; nil for a Scenario built in Go
}

// Nations holds each nation's settings; a nation left out is not simulated.
type Nations struct {
	England         *Nation `yaml:"england,omitempty" jsonschema_description:"England: NHS 111 providers."`
	Scotland        *Nation `yaml:"scotland,omitempty" jsonschema_description:"Scotland: NHS 24."`
	Wales           *Nation `yaml:"wales,omitempty" jsonschema_description:"Wales: NHS 111 Wales."`
	NorthernIreland *Nation `yaml:"northern_ireland,omitempty" jsonschema_description:"Northern Ireland: GP out-of-hours services taking calls directly."`
}

// Nation is one nation's demand, triage outcomes, downstream services and
// front-door services.
type Nation struct {
	Demand             *Demand             `yaml:"demand" jsonschema_description:"Calls per day and how they vary by day, month and hour."`
	OnlineShare        *Prob               `yaml:"online_share,omitempty" jsonschema_description:"The share of demand using 111 online instead of the phone (default 0)."`
	OnlineDispositions *Dispositions       `yaml:"online_dispositions,omitempty" jsonschema_description:"Outcomes of online contacts; they sum to 100%. Needed when online_share > 0."`
	Dispositions       *Dispositions       `yaml:"dispositions" jsonschema_description:"Outcomes of health-adviser triage; they sum to 100%."`
	AbandonTo          *Dispositions       `yaml:"abandon_to,omitempty" jsonschema_description:"Where callers go who hang up on 111 and do not call again: gp_in_hours (their own practice at its next opening), ed, ambulance or self_care (nowhere), summing to 100%. Omitted: nowhere."`
	LostReferralTo     *Dispositions       `yaml:"lost_referral_to,omitempty" jsonschema_description:"Where patients go whose referral was lost (not ED or ambulance referrals) once they have waited lost_referral_wait and heard nothing: gp_in_hours, ed, ambulance or self_care (nowhere), summing to 100%. Omitted: nowhere."`
	LostReferralWait   *Duration           `yaml:"lost_referral_wait,omitempty" jsonschema_description:"How long a patient whose referral was lost waits before going where lost_referral_to says (default 0s)."`
	CAS                *CAS                `yaml:"cas,omitempty" jsonschema_description:"Clinical assessment (call-backs) for patients triaged to clinical_assessment."`
	GP                 *GP                 `yaml:"gp,omitempty" jsonschema_description:"In-hours GP practices, in aggregate: the nation's practices if it has no regions; with regions, the practice parameters every region takes unless it gives its own (capacity and baseline are then per region)."`
	Regions            map[string]*Region  `yaml:"regions,omitempty" jsonschema_description:"Where patients live: the nation's regions by lower_snake name (e.g. london), each with its registered patients, practices and their same-day capacity. Omitted: the nation is one region named after it."`
	PLT                *PLT                `yaml:"plt,omitempty" jsonschema_description:"Protected learning time: afternoons when a share of the nation's practices close and 111 and out-of-hours cover them (needs regions)."`
	OOH                *OOH                `yaml:"ooh,omitempty" jsonschema_description:"The GP out-of-hours service; named ooh:<nation> in waves."`
	Surges             []Surge             `yaml:"surges,omitempty" jsonschema_description:"Windows in which demand is multiplied, e.g. a winter surge."`
	Defaults           *ServiceSettings    `yaml:"defaults,omitempty" jsonschema_description:"Settings every service of the nation takes unless it gives its own."`
	Services           map[string]*Service `yaml:"services" jsonschema_description:"The front-door services by name; their shares of the nation's demand sum to 100%."`
}

// Demand is a nation's calls: calls_per_day × day factor × month factor ×
// hour share. Factors left out take the calibrated England 2025–26 profile
// (see docs/scenarios.md); flat: true makes every factor 1 instead.
type Demand struct {
	Flat        bool       `yaml:"flat,omitempty" jsonschema_description:"If true, a constant rate: calls_per_day spread evenly over every hour, no factors (for textbook runs)."`
	CallsPerDay *float64   `yaml:"calls_per_day" jsonschema_description:"Mean calls on an ordinary day with all factors 1 (phone and online first contacts; redials are extra)."`
	DayOfWeek   *DayOfWeek `yaml:"day_of_week,omitempty" jsonschema_description:"Day factors by weekday; days left out take the calibrated default."`
	BankHoliday *float64   `yaml:"bank_holiday,omitempty" jsonschema_description:"The day factor on the nation's bank holidays (replaces the weekday factor; default 1.30)."`
	Month       *Months    `yaml:"month,omitempty" jsonschema_description:"Month factors; months left out take the calibrated default."`
	// HourShareWeekday and HourShareWeekend are normalised to sum to 1.
	HourShareWeekday []float64 `yaml:"hour_share_weekday,omitempty" jsonschema_description:"24 relative weights for the hours 00–23 of a weekday, scaled to sum to 1 (default: the assumed profile)."`
	HourShareWeekend []float64 `yaml:"hour_share_weekend,omitempty" jsonschema_description:"24 relative weights for the hours of weekends and bank holidays, scaled to sum to 1."`
	// DateOverrides maps "YYYY-MM-DD" to a whole-day factor.
	DateOverrides map[string]float64 `yaml:"date_overrides,omitempty" jsonschema_description:"Whole-day factors for particular dates (YYYY-MM-DD), replacing day and month factors. Default for England and Wales: the calibrated special days; {} for none."`
}

// DayOfWeek holds a factor per weekday.
type DayOfWeek struct {
	Mon *float64 `yaml:"mon,omitempty" jsonschema_description:"Monday factor."`
	Tue *float64 `yaml:"tue,omitempty" jsonschema_description:"Tuesday factor."`
	Wed *float64 `yaml:"wed,omitempty" jsonschema_description:"Wednesday factor."`
	Thu *float64 `yaml:"thu,omitempty" jsonschema_description:"Thursday factor."`
	Fri *float64 `yaml:"fri,omitempty" jsonschema_description:"Friday factor."`
	Sat *float64 `yaml:"sat,omitempty" jsonschema_description:"Saturday factor."`
	Sun *float64 `yaml:"sun,omitempty" jsonschema_description:"Sunday factor."`
}

// Months holds a factor per month.
type Months struct {
	Jan *float64 `yaml:"jan,omitempty" jsonschema_description:"January factor."`
	Feb *float64 `yaml:"feb,omitempty" jsonschema_description:"February factor."`
	Mar *float64 `yaml:"mar,omitempty" jsonschema_description:"March factor."`
	Apr *float64 `yaml:"apr,omitempty" jsonschema_description:"April factor."`
	May *float64 `yaml:"may,omitempty" jsonschema_description:"May factor."`
	Jun *float64 `yaml:"jun,omitempty" jsonschema_description:"June factor."`
	Jul *float64 `yaml:"jul,omitempty" jsonschema_description:"July factor."`
	Aug *float64 `yaml:"aug,omitempty" jsonschema_description:"August factor."`
	Sep *float64 `yaml:"sep,omitempty" jsonschema_description:"September factor."`
	Oct *float64 `yaml:"oct,omitempty" jsonschema_description:"October factor."`
	Nov *float64 `yaml:"nov,omitempty" jsonschema_description:"November factor."`
	Dec *float64 `yaml:"dec,omitempty" jsonschema_description:"December factor."`
}

// Dispositions gives a probability per triage outcome; outcomes left out
// are 0. The field names are model.DispositionNames.
type Dispositions struct {
	Ambulance          *Prob `yaml:"ambulance,omitempty" jsonschema_description:"999 ambulance dispatch."`
	ED                 *Prob `yaml:"ed,omitempty" jsonschema_description:"Emergency department or urgent treatment centre."`
	ClinicalAssessment *Prob `yaml:"clinical_assessment,omitempty" jsonschema_description:"A clinician call-back in the CAS (triage only)."`
	GPInHours          *Prob `yaml:"gp_in_hours,omitempty" jsonschema_description:"Own GP practice in hours (booked, or told to contact it)."`
	OOHGP              *Prob `yaml:"ooh_gp,omitempty" jsonschema_description:"GP out of hours."`
	Pharmacy           *Prob `yaml:"pharmacy,omitempty" jsonschema_description:"Community pharmacist consultation."`
	Dental             *Prob `yaml:"dental,omitempty" jsonschema_description:"Urgent dental."`
	MentalHealth       *Prob `yaml:"mental_health,omitempty" jsonschema_description:"Crisis or mental health team."`
	Other              *Prob `yaml:"other,omitempty" jsonschema_description:"Another service (no referral modelled)."`
	SelfCare           *Prob `yaml:"self_care,omitempty" jsonschema_description:"Self-care, no referral."`
}

// ServiceSettings are a front-door service's settings; a nation's defaults
// use the same fields.
type ServiceSettings struct {
	Systems      *Systems      `yaml:"systems,omitempty" jsonschema_description:"The IT system used for each function; one name means every function."`
	RouteSystems *RouteSystems `yaml:"route_systems,omitempty" jsonschema_description:"A different system for particular referral routes (default: the referral system)."`
	Advisers     *Staffing     `yaml:"advisers,omitempty" jsonschema_description:"Health advisers answering calls."`
	Handle       *Dist         `yaml:"handle,omitempty" jsonschema_description:"Health adviser time per answered call."`
	Patience     *Dist         `yaml:"patience,omitempty" jsonschema_description:"How long a caller waits before hanging up; omit for callers who never hang up."`
	Redial       *Redial       `yaml:"redial,omitempty" jsonschema_description:"Whether and when callers who hung up call again; omit for no redials."`
	Clinicians   *Staffing     `yaml:"clinicians,omitempty" jsonschema_description:"Clinicians of the service's clinical assessment service."`
	Consult      *Dist         `yaml:"consult,omitempty" jsonschema_description:"Clinician time per call-back."`
}

// Service is a front door: an NHS 111 provider, NHS 24, NHS 111 Wales or a
// Northern Ireland out-of-hours service.
type Service struct {
	Share           *Prob            `yaml:"share" jsonschema_description:"The service's share of the nation's demand."`
	Regions         map[string]*Prob `yaml:"regions,omitempty" jsonschema_description:"Where the service's patients live: a share per region of the nation, summing to 100%. Omitted: the nation's regions in proportion to registered patients."`
	ServiceSettings `yaml:",inline"`
}

// Systems names the IT system per function. In a file it is a mapping or a
// single name used for every function.
type Systems struct {
	CallHandling *string `yaml:"call_handling,omitempty" jsonschema_description:"Call handling and case management; while down, handle and consult times are slower."`
	Referral     *string `yaml:"referral,omitempty" jsonschema_description:"Sending referrals to other services."`
	Booking      *string `yaml:"booking,omitempty" jsonschema_description:"Booking GP practice or hub appointments (the gp_booking route)."`
	Records      *string `yaml:"records,omitempty" jsonschema_description:"Patient records."`
}

// RouteSystems names a system per referral route, overriding the referral
// system.
type RouteSystems struct {
	OOH          *string `yaml:"ooh,omitempty" jsonschema_description:"To GP out of hours."`
	GPBooking    *string `yaml:"gp_booking,omitempty" jsonschema_description:"Booking into a GP practice or access hub."`
	Pharmacy     *string `yaml:"pharmacy,omitempty" jsonschema_description:"To a community pharmacist."`
	Dental       *string `yaml:"dental,omitempty" jsonschema_description:"To urgent dental."`
	MentalHealth *string `yaml:"mental_health,omitempty" jsonschema_description:"To a crisis or mental health team."`
	ED           *string `yaml:"ed,omitempty" jsonschema_description:"ED or UTC booking or pre-alert."`
	Ambulance    *string `yaml:"ambulance,omitempty" jsonschema_description:"Ambulance dispatch."`
}

// Staffing says how many staff are on duty each hour: give one of fixed,
// hour_of_week or occupancy.
type Staffing struct {
	Fixed      *int     `yaml:"fixed,omitempty" jsonschema_description:"The same number on duty every hour."`
	HourOfWeek []int    `yaml:"hour_of_week,omitempty" jsonschema_description:"168 numbers: staff for each hour of the week, Monday 00:00 first."`
	Occupancy  *Prob    `yaml:"occupancy,omitempty" jsonschema_description:"Staff each hour to carry the expected workload at this occupancy: ceil(rate × mean time / occupancy)."`
	Factor     *float64 `yaml:"factor,omitempty" jsonschema_description:"Scales every hour's staff (default 1)."`
	Minimum    *int     `yaml:"minimum,omitempty" jsonschema_description:"A floor on staff in any hour (default 0)."`
}

// Redial is what callers who hang up do next.
type Redial struct {
	Prob  *Prob `yaml:"prob,omitempty" jsonschema_description:"The probability that a caller who hung up calls again."`
	Delay *Dist `yaml:"delay,omitempty" jsonschema_description:"How long after hanging up they call again."`
}

// CAS is clinical assessment after triage.
type CAS struct {
	Priorities []Priority    `yaml:"priorities" jsonschema_description:"Call-back priorities, served in this order, with targets and shares summing to 100%."`
	GiveUp     *Dist         `yaml:"give_up,omitempty" jsonschema_description:"How long a patient waits for a call-back before giving up; omit for never."`
	GiveUpTo   *Dispositions `yaml:"give_up_to,omitempty" jsonschema_description:"Where patients who give up go: ed, ambulance, gp_in_hours or self_care (nowhere), summing to 100%."`
	Outcomes   *Dispositions `yaml:"outcomes" jsonschema_description:"Final dispositions after assessment (no clinical_assessment), summing to 100%."`
}

// Priority is a call-back or out-of-hours priority class.
type Priority struct {
	Name   string    `yaml:"name" jsonschema_description:"The class name, e.g. p1 or urgent."`
	Target *Duration `yaml:"target" jsonschema_description:"The target time to call-back or consultation."`
	Share  *Prob     `yaml:"share" jsonschema_description:"The share of patients in this class."`
}

// GP is a nation's or a region's in-hours general practices, in
// aggregate.
type GP struct {
	SameDayCapacity  *float64 `yaml:"same_day_capacity,omitempty" jsonschema_description:"Same-day appointments per working day."`
	BaselineDemand   *float64 `yaml:"baseline_demand,omitempty" jsonschema_description:"Same-day appointment demand per working day that does not come from 111."`
	OverflowToED     *Prob    `yaml:"overflow_to_ed,omitempty" jsonschema_description:"The share of demand above capacity that goes to ED that day; the rest waits for the next working day."`
	TriageMinutes    *float64 `yaml:"triage_minutes,omitempty" jsonschema_description:"Practice time (minutes) to triage one contact: a patient from 111 who rings or writes in without a booked slot (default 0)."`
	AppointmentShare *Prob    `yaml:"appointment_share,omitempty" jsonschema_description:"The share of triaged contacts that need a same-day appointment (default 0); booked patients always take one."`
}

// Region is where patients live: one of England's NHS regions, or a
// devolved nation as one region.
type Region struct {
	Patients  *float64 `yaml:"patients,omitempty" jsonschema_description:"Patients registered at the region's GP practices."`
	Practices *float64 `yaml:"practices,omitempty" jsonschema_description:"The region's GP practices."`
	GP        *GP      `yaml:"gp,omitempty" jsonschema_description:"The region's practices: same_day_capacity (required, > 0) and baseline_demand; other fields default to the nation's gp."`
}

// PLT is protected learning time: sessions when a share of a nation's
// practices close for training while 111 and out-of-hours cover their
// patients.
type PLT struct {
	Sessions           []DateTime `yaml:"sessions" jsonschema_description:"When each session starts, local date-times such as 2022-08-16 13:00."`
	Length             *Duration  `yaml:"length,omitempty" jsonschema_description:"How long a session lasts (default 4h)."`
	Share              *Prob      `yaml:"share" jsonschema_description:"The share of the regions' practices that close."`
	Regions            []string   `yaml:"regions,omitempty" jsonschema_description:"The regions whose practices take part (default all the nation's regions)."`
	CoverRate          *float64   `yaml:"cover_rate" jsonschema_description:"The calls to 111 per 1,000 registered patients of the closed practices per hour of a session."`
	OpenHours          *Duration  `yaml:"open_hours,omitempty" jsonschema_description:"A practice's working day, to turn a closure into a share of the day's capacity and demand (default 10h)."`
	CancelDuringOutage bool       `yaml:"cancel_during_outage,omitempty" jsonschema_description:"true: sessions that start in the outage window are cancelled, the practices stay open and 111 covers nothing (as in August 2022)."`
	CancelWhen         *PLTRule   `yaml:"cancel_when,omitempty" jsonschema_description:"Cancel a session during the run when 111 or out-of-hours is short at its decision time: any measure given above its threshold."`
}

// PLTRule cancels a PLT session when, decide_before its start, a measure
// of the nation's 111 or out-of-hours service is above its threshold.
type PLTRule struct {
	DecideBefore          *Duration `yaml:"decide_before,omitempty" jsonschema_description:"How long before a session starts practices decide whether to close (default 2h)."`
	OOHBacklogAbove       *float64  `yaml:"ooh_backlog_above,omitempty" jsonschema_description:"Cancel when more than this many of the nation's out-of-hours cases wait for a clinician."`
	CallsWaitingAbove     *float64  `yaml:"calls_waiting_above,omitempty" jsonschema_description:"Cancel when more than this many calls wait for a 111 health adviser, over the nation's services."`
	CallbacksWaitingAbove *float64  `yaml:"callbacks_waiting_above,omitempty" jsonschema_description:"Cancel when more than this many patients wait for a clinical call-back, over the nation's services."`
}

// OOH is a nation's GP out-of-hours service.
type OOH struct {
	System     string     `yaml:"system,omitempty" jsonschema_description:"The out-of-hours case-management system."`
	Clinicians *Staffing  `yaml:"clinicians,omitempty" jsonschema_description:"Out-of-hours clinicians (on duty only out of hours)."`
	Consult    *Dist      `yaml:"consult,omitempty" jsonschema_description:"Clinician time per out-of-hours case."`
	Priorities []Priority `yaml:"priorities,omitempty" jsonschema_description:"Case priorities with time-to-consultation targets and shares summing to 100%."`
}

// Surge multiplies a nation's demand over a window.
type Surge struct {
	From   *When    `yaml:"from" jsonschema_description:"When the surge starts (date-time, or +offset from the scenario start)."`
	To     *When    `yaml:"to" jsonschema_description:"When it ends."`
	Factor *float64 `yaml:"factor" jsonschema_description:"The demand multiplier, e.g. 1.6 for +60%."`
	// Unplanned surges get no extra staff; planned ones are staffed for.
	Unplanned bool `yaml:"unplanned,omitempty" jsonschema_description:"true if staffing does not plan for the surge (no extra staff); default false: staffed for it."`
}

// Outage is the failure of IT systems, its handling and its end.
type Outage struct {
	Systems        []string        `yaml:"systems" jsonschema_description:"The systems that fail."`
	Start          *When           `yaml:"start" jsonschema_description:"When they fail (date-time, or +offset from the scenario start)."`
	End            *When           `yaml:"end,omitempty" jsonschema_description:"When every failed and isolated system is restored at once, without waves (date-time, or +offset from the outage start)."`
	Isolations     []Isolation     `yaml:"isolations,omitempty" jsonschema_description:"Systems a supplier takes offline as a precaution, beyond those hit."`
	Disconnections []Disconnection `yaml:"disconnections,omitempty" jsonschema_description:"Customers cutting themselves off from a supplier as a precaution."`
	DetectionDelay *Duration       `yaml:"detection_delay,omitempty" jsonschema_description:"Time from the failure until contingencies start; until then referrals through failed systems may be lost."`
	UnhandledLoss  *Prob           `yaml:"unhandled_loss,omitempty" jsonschema_description:"The probability that a referral through a failed system is lost before detection."`
	Contingency    *Contingency    `yaml:"contingency,omitempty" jsonschema_description:"How services work from detection until they are reconnected."`
	Waves          []Wave          `yaml:"waves,omitempty" jsonschema_description:"Reconnection waves, in time order; a service in no wave is never reconnected."`
	BackEntry      *BackEntry      `yaml:"back_entry,omitempty" jsonschema_description:"Back-entry of paper records after each reconnection wave."`
}

// Contingency is how affected services work while their systems are down.
type Contingency struct {
	HandleFactor  *float64    `yaml:"handle_factor,omitempty" jsonschema_description:"Multiplies health adviser handle time (paper triage; default 1)."`
	ConsultFactor *float64    `yaml:"consult_factor,omitempty" jsonschema_description:"Multiplies clinician consult time, including out of hours (default 1)."`
	StaffFactor   *float64    `yaml:"staff_factor,omitempty" jsonschema_description:"Multiplies affected services' staff (extra staff > 1; default 1)."`
	Routes        *Routes     `yaml:"routes,omitempty" jsonschema_description:"How each referral route works while its system is down."`
	MutualAid     []MutualAid `yaml:"mutual_aid,omitempty" jsonschema_description:"Shares of affected services' calls diverted to other services."`
}

// Routes gives a contingency per referral route; all applies to every
// route, and a named route's own fields override it.
type Routes struct {
	All          *RouteContingency `yaml:"all,omitempty" jsonschema_description:"Applies to every route; a route's own settings override it field by field."`
	OOH          *RouteContingency `yaml:"ooh,omitempty" jsonschema_description:"Referrals to GP out of hours."`
	GPBooking    *RouteContingency `yaml:"gp_booking,omitempty" jsonschema_description:"Booking into GP practices or hubs."`
	Pharmacy     *RouteContingency `yaml:"pharmacy,omitempty" jsonschema_description:"Referrals to community pharmacy."`
	Dental       *RouteContingency `yaml:"dental,omitempty" jsonschema_description:"Referrals to urgent dental."`
	MentalHealth *RouteContingency `yaml:"mental_health,omitempty" jsonschema_description:"Referrals to mental health teams."`
	ED           *RouteContingency `yaml:"ed,omitempty" jsonschema_description:"ED or UTC bookings and pre-alerts."`
	Ambulance    *RouteContingency `yaml:"ambulance,omitempty" jsonschema_description:"Ambulance dispatch."`
}

// RouteContingency is one route's fallback while its system is down.
type RouteContingency struct {
	Mode       string `yaml:"mode,omitempty" jsonschema_description:"manual (phone or NHSmail hand-off) or closed (the patient is signposted instead)." jsonschema:"enum=manual,enum=closed"`
	SenderTime *Dist  `yaml:"sender_time,omitempty" jsonschema_description:"manual: extra staff time per referral at the sender."`
	Delay      *Dist  `yaml:"delay,omitempty" jsonschema_description:"manual: time until the receiver has the referral."`
	LossProb   *Prob  `yaml:"loss_prob,omitempty" jsonschema_description:"manual: the probability the referral is lost or not actioned."`
	SignpostTo string `yaml:"signpost_to,omitempty" jsonschema_description:"closed: where the patient is sent instead, gp_in_hours (the next GP opening) or ed." jsonschema:"enum=gp_in_hours,enum=ed"`
	Compliance *Prob  `yaml:"compliance,omitempty" jsonschema_description:"closed: the probability a patient signposted to their GP goes."`
}

// MutualAid diverts a share of one service's new calls to another.
type MutualAid struct {
	From  string `yaml:"from" jsonschema_description:"The affected service whose calls are diverted."`
	To    string `yaml:"to" jsonschema_description:"The service that takes them."`
	Share *Prob  `yaml:"share" jsonschema_description:"The share of From's new calls diverted."`
	At    *When  `yaml:"at,omitempty" jsonschema_description:"When diversion starts (date-time, or +offset from the outage start; default the outage start)."`
	Until *When  `yaml:"until,omitempty" jsonschema_description:"When it stops (default the end of the run)."`
	// StaffFactor multiplies the receiving service's staff while the aid
	// runs.
	StaffFactor *float64 `yaml:"staff_factor,omitempty" jsonschema_description:"Multiplies the receiving service's staff while the aid runs (default 1: no extra staff)."`
}

// Isolation is a precaution by a supplier: systems taken offline although
// they were not hit.
type Isolation struct {
	Supplier string   `yaml:"supplier" jsonschema_description:"The supplier (a name under suppliers)."`
	Systems  []string `yaml:"systems,omitempty" jsonschema_description:"The systems taken offline (default: every system of the supplier that the outage did not hit)."`
	Start    *When    `yaml:"start,omitempty" jsonschema_description:"When they go offline (date-time, or +offset from the outage start; default the outage start)."`
	End      *When    `yaml:"end,omitempty" jsonschema_description:"When they are restored at once (default: with the outage's end, or by waves naming them)."`
}

// Disconnection is a customer's precaution: services cut off from a
// supplier's systems for a period.
type Disconnection struct {
	Supplier string   `yaml:"supplier" jsonschema_description:"The supplier cut off (a name under suppliers)."`
	Services []string `yaml:"services,omitempty" jsonschema_description:"Front-door services, and out-of-hours services as ooh:<nation>, that disconnect."`
	Nations  []string `yaml:"nations,omitempty" jsonschema_description:"Nations whose every front door and out-of-hours service disconnects."`
	From     *When    `yaml:"from,omitempty" jsonschema_description:"When they disconnect (date-time, or +offset from the outage start; default the outage start)."`
	Until    *When    `yaml:"until,omitempty" jsonschema_description:"When they reconnect (default: the end of the run)."`
}

// Wave reconnects services, systems or a supplier's systems: afterwards a
// fraction of the sites work electronically again.
type Wave struct {
	At        *When    `yaml:"at" jsonschema_description:"When the wave happens (date-time, or +offset from the outage start)."`
	Services  []string `yaml:"services,omitempty" jsonschema_description:"Front-door services by name, and out-of-hours services as ooh:<nation>: reconnected with every system they use."`
	Systems   []string `yaml:"systems,omitempty" jsonschema_description:"Systems reconnected for every service that uses them."`
	Suppliers []string `yaml:"suppliers,omitempty" jsonschema_description:"Suppliers whose every system is reconnected."`
	Fraction  *Prob    `yaml:"fraction" jsonschema_description:"The cumulative share of each service's sites reconnected (never decreasing)."`
}

// BackEntry is the catch-up of paper records after reconnection.
type BackEntry struct {
	Days     *float64 `yaml:"days,omitempty" jsonschema_description:"For how many days after each wave staff lose time to back-entry."`
	Fraction *Prob    `yaml:"fraction,omitempty" jsonschema_description:"The share of staff time lost."`
}
