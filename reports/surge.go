package reports

import (
	"math"

	"github.com/outagesim/outagesim/reports/stats"
	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/kpi"
	"github.com/outagesim/outagesim/sim/model"
)

// GPSurge is the outage's surge on one region's GP practices over one
// period, in the units a commissioner and a practice manager use: extra
// contacts and same-day appointments from 111's patients (outage −
// counterfactual, paired, with 95% intervals), beside what the practices
// could offer and left unused without the outage, and the working day the
// surge peaked.
type GPSurge struct {
	// Area is the region's key; Nation the nation it is in.
	Area, Nation string
	// Practices is the region's number of practices (0 when the
	// aggregate has no configuration); WorkingDays the period's working
	// days in the region.
	Practices   float64
	WorkingDays int
	// Contacts is the impact on GP contacts from 111 over the period;
	// ContactsPerPractice and AppointmentsPerPractice the impacts per
	// average practice per working day.
	Contacts, ContactsPerPractice, AppointmentsPerPractice stats.Summary
	// Capacity and Spare are the same-day appointments offered and left
	// unused per average practice per working day without the outage (the
	// counterfactual's means): Spare is the headroom the surge could use.
	Capacity, Spare float64
	// Peak is the working day with the largest impact on contacts, or the
	// zero date when the period has no working day; PeakContacts and
	// PeakPerPractice are that day's impacts, the region's practices
	// together and per average practice.
	Peak                          calendar.Date
	PeakContacts, PeakPerPractice stats.Summary
	// Sources are the impacts on the patients 111 sent to the region's
	// practices over the period, by why they came (model.GPSource): the
	// booked, who make no contact, and each source of contacts.
	Sources [model.NumGPSources]stats.Summary
}

// GPSourceKeys are the KPIs of the patients arriving at their practice
// from each source, indexed by model.GPSource.
var GPSourceKeys = [model.NumGPSources]string{
	model.GPBooked:         kpi.GPBookedFrom111,
	model.GPSignposted:     kpi.GPContactsSignposted,
	model.GPDisplaced:      kpi.GPContactsDisplaced,
	model.GPGaveUp111:      kpi.GPContactsGaveUp111,
	model.GPGaveUpCallback: kpi.GPContactsGaveUpCallback,
	model.GPLostReferral:   kpi.GPContactsLostReferral,
}

// SurgePeriod is the period a GP surge is measured over: the outage
// window, or the whole run when the aggregate has no such period.
func (a *Aggregate) SurgePeriod() PeriodInfo {
	if p := a.Period(model.PeriodOutageWindow); p != nil {
		return *p
	}
	if p := a.Period(model.PeriodRun); p != nil {
		return *p
	}
	return PeriodInfo{Name: model.PeriodRun, From: 0, To: a.Horizon}
}

// GPSurges lists the outage's surge on each region's GP practices over
// SurgePeriod, in area order: England's regions and each devolved nation
// that is one region. A region whose practices the scenario does not
// model (no practices or no capacity) is left out, and so is everything
// without an outage: there is no surge without a counterfactual. The
// peak days come from the daily KPIs: an aggregate built without them
// (Require(DailyKPIs) fails) has none, and its surges no peak day.
func (a *Aggregate) GPSurges() []GPSurge {
	if a.Outage == nil {
		return nil
	}
	p := a.SurgePeriod()
	first, last := a.localDate(p.From), a.localDate(math.Max(p.From, p.To-1))
	var out []GPSurge
	for i, ar := range a.Areas {
		// A nation's own row stands for its one region when it has no
		// region rows after it.
		region := ar.Kind == "region" ||
			(ar.Kind == "nation" && (i+1 == len(a.Areas) || a.Areas[i+1].Kind != "region"))
		if !region {
			continue
		}
		contacts := a.PeriodKPI(p.Name, ar.Name, kpi.GPContactsFrom111)
		per := a.PeriodKPI(p.Name, ar.Name, kpi.GPContactsPerPracticePerDay)
		appts := a.PeriodKPI(p.Name, ar.Name, kpi.GPAppointmentsPerPracticePerDay)
		capacity := a.PeriodKPI(p.Name, ar.Name, kpi.GPCapacityPerPracticePerDay)
		spare := a.PeriodKPI(p.Name, ar.Name, kpi.GPSparePerPracticePerDay)
		if contacts == nil || per == nil || appts == nil || capacity == nil || spare == nil ||
			contacts.Impact == nil || per.Impact == nil || appts.Impact == nil ||
			capacity.Counterfactual == nil || spare.Counterfactual == nil || !(capacity.Counterfactual.Mean > 0) {
			continue
		}
		s := GPSurge{Area: ar.Name, Nation: ar.Nation, Contacts: *contacts.Impact,
			ContactsPerPractice: *per.Impact, AppointmentsPerPractice: *appts.Impact,
			Capacity: capacity.Counterfactual.Mean, Spare: spare.Counterfactual.Mean}
		s.Peak, s.PeakContacts, s.PeakPerPractice, s.WorkingDays = a.gpPeakDay(ar.Name, first, last)
		for src, key := range GPSourceKeys {
			if k := a.PeriodKPI(p.Name, ar.Name, key); k != nil && k.Impact != nil {
				s.Sources[src] = *k.Impact
			}
		}
		if a.Config != nil {
			for _, r := range a.Config.Regions {
				if r.Name == ar.Name {
					s.Practices = r.Practices
				}
			}
		}
		out = append(out, s)
	}
	return out
}

// gpPeakDay is the working day in [first, last] with the largest impact on
// an area's GP contacts from 111, with that day's impacts in all and per
// practice, and the number of working days there. Only working days have
// a per-practice figure, so only they count; the first of equal days
// wins.
func (a *Aggregate) gpPeakDay(area string, first, last calendar.Date) (calendar.Date, stats.Summary, stats.Summary, int) {
	perPractice := map[calendar.Date]*DayKPI{}
	for i := range a.Daily {
		if d := &a.Daily[i]; d.Area == area && d.Key == kpi.GPContactsPerPracticePerDay && d.Impact != nil {
			perPractice[d.Date] = d
		}
	}
	var best, bestPer *DayKPI
	days := 0
	for i := range a.Daily {
		d := &a.Daily[i]
		if d.Area != area || d.Key != kpi.GPContactsFrom111 || d.Impact == nil ||
			d.Date.Before(first) || last.Before(d.Date) || perPractice[d.Date] == nil {
			continue
		}
		days++
		if best == nil || d.Impact.Mean > best.Impact.Mean {
			best, bestPer = d, perPractice[d.Date]
		}
	}
	if best == nil {
		return calendar.Date{}, stats.Summary{}, stats.Summary{}, 0
	}
	return best.Date, *best.Impact, *bestPer.Impact, days
}

// localDate is the local date of sim time t.
func (a *Aggregate) localDate(t float64) calendar.Date {
	return calendar.DateOf(a.At(t).In(calendar.London()))
}
