package kpi

import (
	"fmt"
	"math"

	"github.com/outagesim/outagesim/sim/model"
)

// The KPI keys. They are the stable names in summary.json, kpis.csv,
// baselines and command-line flags.
const (
	CallsOffered                  = "calls_offered"
	CallsAnswered                 = "calls_answered"
	CallsAbandoned                = "calls_abandoned"
	AnsweredWithin60sPct          = "answered_within_60s_pct"
	AnsweredWithin60sOfOfferedPct = "answered_within_60s_of_offered_pct"
	AbandonedPct                  = "abandoned_pct"
	MeanAnswerS                   = "mean_answer_s"
	CallbackWithinTargetPct       = "callback_within_target_pct"
	ReferralsElectronic           = "referrals_electronic"
	ReferralsManual               = "referrals_manual"
	ReferralsLost                 = "referrals_lost"
	ReferralDelayMeanMin          = "referral_delay_mean_min"
	ReferralDelayP90Min           = "referral_delay_p90_min"
	SignpostedToGP                = "signposted_to_gp"
	GPPeakUtilisationPct          = "gp_peak_utilisation_pct"
	OOHBacklogPeak                = "ooh_backlog_peak"
	OOHWithinTargetPct            = "ooh_within_target_pct"
	OOHWaitMeanMin                = "ooh_wait_mean_min"
	EDDispositions                = "ed_dispositions"
	AmbulanceDispositions         = "ambulance_dispositions"
	EDPer1000Answered             = "ed_per_1000_answered"
	AmbulancePer1000Answered      = "ambulance_per_1000_answered"
	AdviserUtilisationPct         = "adviser_utilisation_pct"
	ClinicianUtilisationPct       = "clinician_utilisation_pct"
	CallbacksMade                 = "callbacks_made"
	CallsWaitingAtEnd             = "calls_waiting_at_end"
	CallbacksWaitingAtEnd         = "callbacks_waiting_at_end"
	OOHWaitingAtEnd               = "ooh_waiting_at_end"
	OOHConsultations              = "ooh_consultations"
	PLTSessionsCancelled          = "plt_sessions_cancelled"
	PLTPracticeHoursAdded         = "plt_practice_hours_added"
	PLTCoverCallsAvoided          = "plt_cover_calls_avoided"
)

// Better says which way a KPI improves.
type Better int8

// Directions of improvement.
const (
	Neither Better = 0  // a change is just a change
	Higher  Better = 1  // higher is better
	Lower   Better = -1 // lower is better
)

// Def is one row of the catalogue: everything outagesim knows about a KPI.
type Def struct {
	// Key is the KPI's stable name.
	Key string
	// Label is the KPI in plain English for a commissioner; Unit what its
	// values count ("% of answered calls", "patients").
	Label, Unit string
	// Short is the label of the terminal headline table, with its unit.
	Short string
	// Decimals is the fixed number of decimals in every output meant for
	// a reader.
	Decimals int
	// Percent KPIs are percentages (0–100): they change by percentage
	// points, and the CI gate tolerates a fixed move in points.
	Percent bool
	// Better is the direction of improvement; the CI gate flags moves the
	// other way.
	Better Better
	// Headline KPIs head the report, the terminal summary and the default
	// columns of compare and sweep.
	Headline bool
	// Formula says how the value is computed from the model's counts, for
	// docs/model.md.
	Formula string
	// Basis, for a share or an average, is the key of the KPI that counts
	// what it is taken over (calls answered for the share answered within
	// 60 s); a value taken over fewer than MinObservations of them in a
	// replication is flagged as resting on too few.
	Basis string
	// Value computes the KPI over a window (a period or a day, in a
	// region, a nation or the UK); it is NaN where the KPI has no
	// denominator in that window.
	Value func(w *Window) float64
}

// MinObservations is the fewest observations (Def.Basis) a share or an
// average may rest on in each replication before outputs flag it: below
// 30, a share's 95% interval is wider than ±18 points even at 50%.
const MinObservations = 30

func pct(a, b float64) float64 { return 100 * a / b }

// atEnd is an end-of-run figure, which applies only to a window that holds
// the end of the run.
func atEnd(w *Window, x float64) float64 {
	if !w.End {
		return math.NaN()
	}
	return x
}

// catalogue is the table. Its order is the order of every output.
var catalogue = insertAfter(GPPeakUtilisationPct, gpRows, []Def{
	{Key: CallsOffered, Label: "Calls offered", Unit: "calls", Short: "111 calls offered",
		Better: Neither, Headline: true,
		Formula: "`CallsOffered`: first calls and redials reaching the front door, including short abandons and calls still waiting at the end (IUC ADC calls received)",
		Value:   func(w *Window) float64 { return w.Total.CallsOffered }},
	{Key: CallsAnswered, Label: "Calls answered", Unit: "calls", Short: "calls answered",
		Better:  Higher,
		Formula: "`CallsAnswered`: calls whose service started (including any still in progress at the end)",
		Value:   func(w *Window) float64 { return w.Total.CallsAnswered }},
	{Key: CallsAbandoned, Label: "Calls abandoned", Unit: "calls", Short: "calls abandoned",
		Better:  Lower,
		Formula: "`CallsAbandoned`: every hang-up, whatever the wait",
		Value:   func(w *Window) float64 { return w.Total.CallsAbandoned }},
	{Key: CallsWaitingAtEnd, Label: "Calls still waiting at the end", Unit: "calls", Short: "calls still waiting at the end",
		Better:  Lower,
		Formula: "`CallsWaitingAtEnd`: calls in the queue when the run ends, neither answered nor abandoned; only for windows that hold the end of the run",
		Value:   func(w *Window) float64 { return atEnd(w, w.Total.CallsWaitingAtEnd) }},
	{Key: AnsweredWithin60sPct, Label: "Calls answered within 60 seconds", Unit: "% of answered calls",
		Short: "answered within 60 s (% of answered)", Decimals: 1, Percent: true, Better: Higher, Headline: true,
		Formula: "100 × `AnsweredWithinTarget` / `CallsAnswered`; within target = wait ≤ `AnswerTarget` (60 s in the scenarios)",
		Basis:   CallsAnswered,
		Value:   func(w *Window) float64 { return pct(w.Total.AnsweredWithinTarget, w.Total.CallsAnswered) }},
	{Key: AnsweredWithin60sOfOfferedPct, Label: "Calls answered within 60 seconds, of all calls offered",
		Unit: "% of calls offered", Short: "answered within 60 s (% of offered)", Decimals: 1, Percent: true,
		Better:  Higher,
		Formula: "100 × `AnsweredWithinTarget` / `CallsOffered`: unlike the share of answered calls, it cannot rise because impatient callers hung up",
		Basis:   CallsOffered,
		Value:   func(w *Window) float64 { return pct(w.Total.AnsweredWithinTarget, w.Total.CallsOffered) }},
	{Key: AbandonedPct, Label: "Calls abandoned after 30 seconds", Unit: "% of calls offered",
		Short: "abandoned after 30 s (% of offered)", Decimals: 1, Percent: true, Better: Lower, Headline: true,
		Formula: "100 × `AbandonedAfterThreshold` / `CallsOffered`; after threshold = wait > `AbandonThreshold` (30 s); the denominator includes short abandons and redials",
		Basis:   CallsOffered,
		Value:   func(w *Window) float64 { return pct(w.Total.AbandonedAfterThreshold, w.Total.CallsOffered) }},
	{Key: MeanAnswerS, Label: "Mean time to answer", Unit: "seconds", Short: "mean time to answer (s)",
		Better: Lower, Headline: true,
		Formula: "`WaitAnsweredSum` / `CallsAnswered`, each wait from that attempt's arrival",
		Basis:   CallsAnswered,
		Value:   func(w *Window) float64 { return w.Total.WaitAnsweredSum / w.Total.CallsAnswered }},
	{Key: CallbackWithinTargetPct, Label: "Clinical call-backs within target", Unit: "% of call-backs",
		Short: "call-backs within target (% of call-backs)", Decimals: 1, Percent: true, Better: Higher, Headline: true,
		Formula: "100 × `CASWithinTarget` / `CASAnswered`: call-backs started within their priority's target, among those called back (patients who gave up or are still waiting are excluded)",
		Basis:   CallbacksMade,
		Value:   func(w *Window) float64 { return pct(w.Total.CASWithinTarget, w.Total.CASAnswered) }},
	{Key: CallbacksMade, Label: "Clinical call-backs made", Unit: "call-backs", Short: "call-backs made",
		Better:  Higher,
		Formula: "`CASAnswered`: call-backs whose consultation started",
		Value:   func(w *Window) float64 { return w.Total.CASAnswered }},
	{Key: CallbacksWaitingAtEnd, Label: "Patients still waiting for a call-back at the end", Unit: "patients",
		Short: "call-backs still waiting at the end", Better: Lower,
		Formula: "`CASWaitingAtEnd`: patients in the call-back queue when the run ends; only for windows that hold the end of the run",
		Value:   func(w *Window) float64 { return atEnd(w, w.Total.CASWaitingAtEnd) }},
	{Key: ReferralsElectronic, Label: "Referrals sent electronically", Unit: "referrals", Short: "referrals sent electronically",
		Better:  Higher,
		Formula: "Σ routes `Referrals[r][Electronic]`",
		Value:   func(w *Window) float64 { return w.Total.ReferralTotal(model.Electronic) }},
	{Key: ReferralsManual, Label: "Referrals sent by phone or email", Unit: "referrals", Short: "referrals sent by hand",
		Better:  Lower,
		Formula: "Σ routes `Referrals[r][ManualSent]`: handed off by phone or NHSmail, pending ones included",
		Value:   func(w *Window) float64 { return w.Total.ReferralTotal(model.ManualSent) }},
	{Key: ReferralsLost, Label: "Referrals lost or not actioned", Unit: "referrals", Short: "referrals lost",
		Better: Lower, Headline: true,
		Formula: "Σ routes `Referrals[r][Lost]`",
		Value:   func(w *Window) float64 { return w.Total.ReferralTotal(model.Lost) }},
	{Key: ReferralDelayMeanMin, Label: "Referral delay, mean", Unit: "minutes", Short: "referral delay, mean (min)",
		Decimals: 1, Better: Lower,
		Formula: "`ReferralDelaySum` / `ReferralsTimed` / 60: from 111's decision (the end of the call or call-back that made the referral) to the receiver having it, 0 when sent electronically, the hand-off's `delay` when sent by hand (pending ones included with their drawn delay); lost and signposted referrals are not timed",
		Value:   func(w *Window) float64 { return w.Total.ReferralDelaySum / w.Total.ReferralsTimed / 60 }},
	{Key: ReferralDelayP90Min, Label: "Referral delay, 90th percentile", Unit: "minutes",
		Short: "referral delay, 90th percentile (min)", Decimals: 0, Better: Lower,
		Formula: "90th percentile of the referral delays, from the tally's fixed-bin histogram `ReferralDelayHist`: 0 when at least 90% were electronic, else interpolated linearly within its 5-minute bin (resolution 5 minutes); over 8 hours it reads 480, a lower bound",
		Value:   func(w *Window) float64 { return referralDelayQuantile(&w.Total, 0.9) / 60 }},
	{Key: SignpostedToGP, Label: "Patients told to contact their GP practice", Unit: "patients",
		Short: "patients told to contact their GP", Better: Lower, Headline: true,
		Formula: "`SignpostedToGP`: told to contact their GP practice because the route was closed, whether or not they comply",
		Value:   func(w *Window) float64 { return w.Total.SignpostedToGP }},
	{Key: GPPeakUtilisationPct, Label: "GP practices' busiest day", Unit: "% of same-day capacity",
		Short: "GP practices' peak day (% of capacity)", Decimals: 1, Percent: true, Better: Lower,
		Formula: "100 × max over the window's working days of (baseline + from 111 + carried in) / `SameDayCapacity`, the area's practices together (the UK: all UK practices combined on their busiest day)",
		Value:   func(w *Window) float64 { return gpPeakUtilisation(w) }},
	// The GP practice rows (gpRows, gp.go) follow here.
	{Key: OOHBacklogPeak, Label: "Largest GP out-of-hours backlog at the start of a session", Unit: "cases waiting",
		Short: "OOH backlog at its peak (cases)", Better: Lower, Headline: true,
		Formula: "max over the window's days of the OOH cases waiting when an out-of-hours session opens (read at the start of the hour it opens in: 18:00 for an 18:30 weekday opening, and the eve of a weekend or bank holiday), summed over the area's regions: the backlog a session inherits. Never read in hours, when nobody is on duty and cases can only pile up, nor inside a weekend",
		Value:   func(w *Window) float64 { return oohSessionBacklogPeak(w) }},
	{Key: OOHConsultations, Label: "GP out-of-hours consultations", Unit: "consultations", Short: "OOH consultations",
		Better:  Neither,
		Formula: "`OOHConsults`: out-of-hours consultations started",
		Value:   func(w *Window) float64 { return w.Total.OOHConsults }},
	{Key: OOHWithinTargetPct, Label: "GP out-of-hours consultations within target, from 111's decision",
		Unit: "% of OOH consultations", Short: "OOH seen within target from 111's decision (%)", Decimals: 1,
		Percent: true, Better: Higher,
		Formula: "100 × `OOHDecisionWithinTarget` / `OOHConsults`: consultations started within their priority's target counted from 111's decision to refer, so a manual hand-off's delay counts against the target (cases still waiting at the end are excluded)",
		Basis:   OOHConsultations,
		Value:   func(w *Window) float64 { return pct(w.Total.OOHDecisionWithinTarget, w.Total.OOHConsults) }},
	{Key: OOHWaitMeanMin, Label: "GP out-of-hours time to consultation, from 111's decision", Unit: "minutes",
		Short: "OOH time to consultation from 111's decision (min)", Decimals: 0, Better: Lower,
		Formula: "`OOHDecisionWaitSum` / `OOHConsults` / 60: the hand-off's delay (whole seconds) plus the wait in the OOH queue, over consultations started",
		Basis:   OOHConsultations,
		Value:   func(w *Window) float64 { return w.Total.OOHDecisionWaitSum / w.Total.OOHConsults / 60 }},
	{Key: OOHWaitingAtEnd, Label: "GP out-of-hours cases still waiting at the end", Unit: "cases waiting",
		Short: "OOH cases still waiting at the end", Better: Lower,
		Formula: "`OOHWaitingAtEnd`: OOH cases not yet consulted when the run ends; only for windows that hold the end of the run",
		Value:   func(w *Window) float64 { return atEnd(w, w.Total.OOHWaitingAtEnd) }},
	{Key: EDDispositions, Label: "Sent to A&E or an urgent treatment centre", Unit: "patients",
		Short: "sent to ED by 111", Better: Lower, Headline: true,
		Formula: "`Dispositions[ed]` + `SignpostedToED` + `CASGaveUpTo[ed]` + `AbandonedTo[ed]` (GP spill to ED is not included)",
		Value: func(w *Window) float64 {
			t := &w.Total
			return t.Dispositions[model.ED] + t.SignpostedToED + t.CASGaveUpTo[model.ED] + t.AbandonedTo[model.ED]
		}},
	{Key: AmbulanceDispositions, Label: "Ambulance dispositions", Unit: "patients", Short: "ambulance dispositions",
		Better:  Lower,
		Formula: "`Dispositions[ambulance]` + `CASGaveUpTo[ambulance]` + `AbandonedTo[ambulance]`",
		Value: func(w *Window) float64 {
			t := &w.Total
			return t.Dispositions[model.Ambulance] + t.CASGaveUpTo[model.Ambulance] + t.AbandonedTo[model.Ambulance]
		}},
	{Key: EDPer1000Answered, Label: "Sent to A&E or an urgent treatment centre per 1,000 answered calls",
		Unit: "per 1,000 answered calls", Short: "sent to ED per 1,000 answered", Decimals: 1, Better: Lower,
		Formula: "1000 × (`Dispositions[ed]` + `SignpostedToED` + `CASGaveUpTo[ed]` − `OnlineED`) / `CallsAnswered`: what 111 did with the calls it answered, so it does not fall just because fewer calls were answered (callers who hung up and went to ED, and online contacts, are left out)",
		Value: func(w *Window) float64 {
			t := &w.Total
			return 1000 * (t.Dispositions[model.ED] + t.SignpostedToED + t.CASGaveUpTo[model.ED] - t.OnlineED) / t.CallsAnswered
		}},
	{Key: AmbulancePer1000Answered, Label: "Ambulance dispositions per 1,000 answered calls",
		Unit: "per 1,000 answered calls", Short: "ambulance per 1,000 answered", Decimals: 1, Better: Lower,
		Formula: "1000 × (`Dispositions[ambulance]` + `CASGaveUpTo[ambulance]` − `OnlineAmbulance`) / `CallsAnswered` (callers who hung up and called 999, and online contacts, are left out)",
		Value: func(w *Window) float64 {
			t := &w.Total
			return 1000 * (t.Dispositions[model.Ambulance] + t.CASGaveUpTo[model.Ambulance] - t.OnlineAmbulance) / t.CallsAnswered
		}},
	{Key: AdviserUtilisationPct, Label: "Health advisers' occupancy", Unit: "% of staffed time",
		Short: "adviser occupancy (% of staffed time)", Decimals: 1, Percent: true, Better: Neither,
		Formula: "100 × `AdviserBusy` / `AdviserStaffed`: health advisers' time on calls over their time on duty, summed over the window's services (a ratio of sums, not a mean of hourly ratios)",
		Value:   func(w *Window) float64 { return pct(w.Total.AdviserBusy, w.Total.AdviserStaffed) }},
	{Key: ClinicianUtilisationPct, Label: "Clinicians' occupancy", Unit: "% of staffed time",
		Short: "clinician occupancy (% of staffed time)", Decimals: 1, Percent: true, Better: Neither,
		Formula: "100 × `ClinicianBusy` / `ClinicianStaffed`: clinical call-back staff's time on call-backs over their time on duty (a ratio of sums)",
		Value:   func(w *Window) float64 { return pct(w.Total.ClinicianBusy, w.Total.ClinicianStaffed) }},
	{Key: PLTSessionsCancelled, Label: "Protected learning time sessions cancelled", Unit: "practice sessions",
		Short: "PLT sessions cancelled (practices)", Better: Neither,
		Formula: "`PLTSessionsCancelled`: practices that stayed open because 111/OOH cover for their PLT afternoon was withdrawn (absent where the window has no PLT session)",
		Value:   func(w *Window) float64 { return pltValue(w, w.Total.PLTSessionsCancelled) }},
	{Key: PLTPracticeHoursAdded, Label: "Practice hours added by cancelled PLT", Unit: "practice-hours",
		Short: "practice hours added by cancelled PLT", Better: Neither,
		Formula: "`PLTPracticeHoursAdded`: practices kept open × the session's hours",
		Value:   func(w *Window) float64 { return pltValue(w, w.Total.PLTPracticeHoursAdded) }},
	{Key: PLTCoverCallsAvoided, Label: "111 and out-of-hours cover calls avoided by cancelled PLT", Unit: "calls",
		Short: "PLT cover calls avoided", Better: Neither,
		Formula: "`PLTCallsAvoided`: the calls the closed practices' patients would have made to 111 during the cancelled sessions (the closing share × the region's same-day demand × the session's share of a practice's open hours)",
		Value:   func(w *Window) float64 { return pltValue(w, w.Total.PLTCallsAvoided) }},
})

// pltValue is a PLT figure, or NaN where the window has no PLT session.
func pltValue(w *Window, v float64) float64 {
	if w.Total.PLTSessionsHeld+w.Total.PLTSessionsCancelled == 0 {
		return math.NaN()
	}
	return v
}

// insertAfter returns rows with more inserted after the row of key, so a
// group of rows kept in its own file still reads in its place.
func insertAfter(key string, more, rows []Def) []Def {
	for i := range rows {
		if rows[i].Key == key {
			return append(append(append([]Def(nil), rows[:i+1]...), more...), rows[i+1:]...)
		}
	}
	panic("kpi: no row " + key)
}

var byKey = func() map[string]int {
	m := make(map[string]int, len(catalogue))
	for i, d := range catalogue {
		m[d.Key] = i
	}
	return m
}()

// All returns the catalogue in output order. The rows are shared: do not
// modify them.
func All() []Def { return catalogue }

// Lookup returns the row of a KPI key.
func Lookup(key string) (*Def, bool) {
	i, ok := byKey[key]
	if !ok {
		return nil, false
	}
	return &catalogue[i], true
}

// Keys lists every KPI key in output order.
func Keys() []string {
	keys := make([]string, len(catalogue))
	for i, d := range catalogue {
		keys[i] = d.Key
	}
	return keys
}

// HeadlineKeys lists the headline KPIs in output order.
func HeadlineKeys() []string {
	var keys []string
	for _, d := range catalogue {
		if d.Headline {
			keys = append(keys, d.Key)
		}
	}
	return keys
}

// Compute returns every KPI of a window in catalogue order into out
// (grown if short); a KPI without a denominator is NaN.
func Compute(w *Window, out []float64) []float64 {
	out = append(out[:0], make([]float64, len(catalogue))...)
	for i := range catalogue {
		out[i] = catalogue[i].Value(w)
	}
	return out
}

// Check returns an error naming every incomplete row: a test runs it so a
// half-written row fails at once rather than in a report.
func Check() error {
	seen := map[string]bool{}
	for i, d := range catalogue {
		switch {
		case d.Key == "":
			return fmt.Errorf("kpi: row %d has no key", i)
		case seen[d.Key]:
			return fmt.Errorf("kpi: %s twice", d.Key)
		case d.Label == "" || d.Unit == "" || d.Short == "" || d.Formula == "":
			return fmt.Errorf("kpi: %s lacks a label, unit, short label or formula", d.Key)
		case d.Value == nil:
			return fmt.Errorf("kpi: %s has no value function", d.Key)
		case d.Basis != "" && byKey[d.Basis] == 0 && d.Basis != catalogue[0].Key:
			return fmt.Errorf("kpi: %s: basis %s is not a KPI", d.Key, d.Basis)
		case d.Percent != (len(d.Key) > 4 && d.Key[len(d.Key)-4:] == "_pct"):
			return fmt.Errorf("kpi: %s: percent KPIs, and only they, end in _pct", d.Key)
		}
		seen[d.Key] = true
	}
	return nil
}

// Map returns every KPI of a window by key.
func Map(w *Window) map[string]float64 {
	m := make(map[string]float64, len(catalogue))
	for i, v := range Compute(w, nil) {
		m[catalogue[i].Key] = v
	}
	return m
}
