package kpi

import (
	"math"

	"github.com/outagesim/outagesim/sim/model"
)

// The GP practice KPIs: what 111's patients bring to their practices, in
// contacts (phone or online requests the practice triages) by source, and
// in same-day appointments against capacity.
const (
	GPContactsFrom111           = "gp_contacts_from_111"
	GPContactsSignposted        = "gp_contacts_signposted"
	GPContactsDisplaced         = "gp_contacts_displaced"
	GPContactsGaveUp111         = "gp_contacts_gave_up_111"
	GPContactsGaveUpCallback    = "gp_contacts_gave_up_callback"
	GPContactsLostReferral      = "gp_contacts_lost_referral"
	GPBookedFrom111             = "gp_booked_from_111"
	GPAppointmentsFrom111       = "gp_appointments_from_111"
	GPTriageHoursFrom111        = "gp_triage_hours_from_111"
	GPPeakDayContacts           = "gp_peak_day_contacts"
	GPDaysOverCapacity          = "gp_days_over_capacity"
	GPContactsPer10kPerDay      = "gp_contacts_per_10k_patients_per_day"
	GPContactsPerPracticePerDay = "gp_contacts_per_practice_per_day"
	// The same-day appointments 111's patients need, what the practices
	// can offer and what they leave unused, per average practice per
	// working day: the units in which a practice manager judges whether a
	// surge fits.
	GPAppointmentsPerPracticePerDay = "gp_appointments_per_practice_per_day"
	GPCapacityPerPracticePerDay     = "gp_capacity_per_practice_per_day"
	GPSparePerPracticePerDay        = "gp_spare_per_practice_per_day"
)

// gpSourceRow is the KPI of the contacts from one source.
func gpSourceRow(key string, src model.GPSource, label, why string) Def {
	return Def{Key: key, Label: "GP contacts from 111: " + label, Unit: "contacts", Short: "GP contacts: " + label,
		Better:  Lower,
		Formula: "`GPArrivals[" + src.String() + "]`: " + why + ", counted on the day of the practice opening they reach",
		Value:   func(w *Window) float64 { return w.Total.GPArrivals[src] }}
}

// gpRows are the GP rows of the catalogue, after gp_peak_utilisation_pct.
var gpRows = []Def{
	{Key: GPContactsFrom111, Label: "GP practice contacts from 111's patients", Unit: "contacts",
		Short: "GP contacts from 111", Better: Lower,
		Formula: "Σ sources but booked of `GPArrivals`: phone or online requests to their practice by patients 111 signposted, displaced from another closed route, who gave up on 111 or on a call-back, or whose referral was lost; each patient once, under one source; a patient booked by 111 arrives with a slot and makes none",
		Value:   func(w *Window) float64 { return w.Total.GPContacts() }},
	gpSourceRow(GPContactsSignposted, model.GPSignposted, "signposted", "told to contact their practice because GP booking was closed, who did"),
	gpSourceRow(GPContactsDisplaced, model.GPDisplaced, "displaced from another route", "told to contact their practice because another route (OOH, pharmacy, dental, mental health) was closed, who did"),
	gpSourceRow(GPContactsGaveUp111, model.GPGaveUp111, "gave up on 111", "hung up on 111 for good and went to their practice (`abandon_to`)"),
	gpSourceRow(GPContactsGaveUpCallback, model.GPGaveUpCallback, "gave up waiting for a call-back", "gave up waiting for a clinical call-back and went to their practice (`give_up_to`)"),
	gpSourceRow(GPContactsLostReferral, model.GPLostReferral, "lost referral re-presenting", "referral lost; heard nothing and went to their practice (`lost_referral_to`)"),
	{Key: GPBookedFrom111, Label: "Patients booked into a GP slot by 111", Unit: "patients",
		Short: "booked into a GP slot by 111", Better: Neither,
		Formula: "`GPArrivals[booked]`: booked electronically or by phone; they arrive with a slot and make no contact",
		Value:   func(w *Window) float64 { return w.Total.GPArrivals[model.GPBooked] }},
	{Key: GPAppointmentsFrom111, Label: "Same-day GP appointments needed by 111's patients", Unit: "appointments",
		Short: "GP appointments from 111", Decimals: 0, Better: Neither,
		Formula: "`GPFrom111`: each booked patient, plus `appointment_share` of contacts after the practice's triage",
		Value:   func(w *Window) float64 { return w.Total.GPFrom111 }},
	{Key: GPTriageHoursFrom111, Label: "GP practice time triaging 111's patients", Unit: "hours",
		Short: "GP triage time from 111 (h)", Better: Lower,
		Formula: "`GPTriageMinutes` / 60: contacts × `triage_minutes`",
		Value:   func(w *Window) float64 { return w.Total.GPTriageMinutes / 60 }},
	{Key: GPPeakDayContacts, Label: "GP contacts from 111 on the busiest working day", Unit: "contacts",
		Short: "GP contacts on the peak day", Better: Lower,
		Formula: "max over the window's working days of the contacts from 111, the area's practices together (the UK: all UK practices on the same day)",
		Value:   gpPeakDayContacts},
	{Key: GPDaysOverCapacity, Label: "GP working days over same-day capacity", Unit: "region-days",
		Short: "GP region-days over capacity", Better: Lower,
		Formula: "`GPOverCapacity`: working days on which a region's same-day demand (baseline + from 111 + carried in) exceeded its capacity, summed over the area's regions (for a region, its days)",
		Value:   func(w *Window) float64 { return w.Total.GPOverCapacity }},
	{Key: GPContactsPer10kPerDay, Label: "GP contacts from 111 per 10,000 registered patients per working day", Unit: "contacts",
		Short: "GP contacts per 10,000 patients a day", Decimals: 2, Better: Lower,
		Formula: "10,000 × contacts / `GPPatients` (the area's registered patients summed over its working days)",
		Value:   func(w *Window) float64 { return ratio(1e4*w.Total.GPContacts(), w.Total.GPPatients) }},
	{Key: GPContactsPerPracticePerDay, Label: "GP contacts from 111 per average practice per working day", Unit: "contacts",
		Short: "GP contacts from 111 per practice a working day", Decimals: 2, Better: Lower, Headline: true,
		Formula: "contacts / `GPPractices` (the area's practices summed over its working days)",
		Value:   func(w *Window) float64 { return ratio(w.Total.GPContacts(), w.Total.GPPractices) }},
	{Key: GPAppointmentsPerPracticePerDay, Label: "Same-day GP appointments needed by 111's patients per average practice per working day", Unit: "appointments",
		Short: "GP appointments from 111 per practice a day", Decimals: 2, Better: Neither,
		Formula: "`GPFrom111` / `GPPractices`: each booked patient and `appointment_share` of contacts, per practice-day",
		Value:   func(w *Window) float64 { return ratio(w.Total.GPFrom111, w.Total.GPPractices) }},
	{Key: GPCapacityPerPracticePerDay, Label: "Same-day GP appointments offered per average practice per working day", Unit: "appointments",
		Short: "GP same-day capacity per practice a day", Decimals: 1, Better: Higher,
		Formula: "`GPCapacity` / `GPPractices`: the same-day capacity, less the afternoons closed for protected learning time",
		Value:   func(w *Window) float64 { return ratio(w.Total.GPCapacity, w.Total.GPPractices) }},
	{Key: GPSparePerPracticePerDay, Label: "Same-day GP appointments left unused per average practice per working day", Unit: "appointments",
		Short: "GP spare same-day capacity per practice a day", Decimals: 2, Better: Neither,
		Formula: "`GPUnused` / `GPPractices`: capacity less same-day demand (baseline + from 111 + carried in) on each working day with room to spare, 0 on a day over capacity; without the outage, the headroom a surge could use",
		Value:   func(w *Window) float64 { return ratio(w.Total.GPUnused, w.Total.GPPractices) }},
}

// ratio is a/b, NaN without a denominator (a region with no registered
// patients or practices given).
func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

// gpPeakDayContacts is the most contacts from 111 on one working day; NaN
// with no working day in the window.
func gpPeakDayContacts(w *Window) float64 {
	peak := math.NaN()
	for i := range w.Days {
		if d := &w.Days[i]; d.GPWorkingDays > 0 {
			if c := d.GPContacts(); math.IsNaN(peak) || c > peak {
				peak = c
			}
		}
	}
	return peak
}
