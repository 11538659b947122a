package model

import (
	"time"

	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/dist"
)

func mustDist(d dist.Dist, err error) dist.Dist {
	if err != nil {
		panic(err)
	}
	return d
}

func ptr(d dist.Dist) *dist.Dist { return &d }

func flatDemand(perDay float64) calendar.DemandProfile {
	p := calendar.DemandProfile{CallsPerDay: perDay, BankHoliday: 1}
	for i := range p.DayOfWeek {
		p.DayOfWeek[i] = 1
	}
	for i := range p.Month {
		p.Month[i] = 1
	}
	for h := range 24 {
		p.HourShareWeekday[h] = 1.0 / 24
		p.HourShareWeekend[h] = 1.0 / 24
	}
	return p
}

// dispositions builds a disposition vector from pairs.
func dispositions(kv map[Disposition]float64) (d [NumDispositions]float64) {
	for k, v := range kv {
		d[k] = v
	}
	return d
}

// testNation is a nation with CAS, OOH and GP practices, at perDay calls.
func testNation(n calendar.Nation, perDay float64) Nation {
	return Nation{
		Nation: n,
		Demand: flatDemand(perDay),
		Dispositions: dispositions(map[Disposition]float64{
			Ambulance: 0.1, ED: 0.1, ClinicalAssessment: 0.2, GPInHours: 0.25, OOHGP: 0.1,
			Pharmacy: 0.05, Dental: 0.05, MentalHealth: 0.02, OtherService: 0.03, SelfCare: 0.1,
		}),
		CAS: CAS{
			Priorities: []Priority{{"p1", 1200, 0.3}, {"p2", 3600, 0.7}},
			GiveUp:     ptr(mustDist(dist.Exponential(4 * 3600))),
			GiveUpTo:   dispositions(map[Disposition]float64{ED: 0.3, Ambulance: 0.05, GPInHours: 0.35, SelfCare: 0.3}),
			Outcomes: dispositions(map[Disposition]float64{
				Ambulance: 0.05, ED: 0.15, GPInHours: 0.3, OOHGP: 0.2, Pharmacy: 0.1, SelfCare: 0.2,
			}),
		},
		GP: GPPractices{SameDayCapacity: perDay * 0.5, BaselineDemand: perDay * 0.4, OverflowToED: 0.2, TriageMinutes: 5, AppointmentShare: 0.6},
		OOH: OOH{
			System:     "adastra",
			Clinicians: Staffing{Occupancy: 0.8, Factor: 1},
			Consult:    mustDist(dist.LogNormal(15*60, 0.5)),
			Priorities: []Priority{{"urgent", 2 * 3600, 0.4}, {"routine", 6 * 3600, 0.6}},
		},
	}
}

func testService(name string, n calendar.Nation, share float64, system string) Service {
	var s Service
	s.Name, s.Nation, s.Share = name, n, share
	s.Systems = [NumFunctions]string{system, system, system, system}
	s.Advisers = Staffing{Occupancy: 0.85, Factor: 1}
	s.Handle = mustDist(dist.LogNormal(600, 0.5))
	s.Patience = ptr(mustDist(dist.Exponential(600)))
	s.RedialProb = 0.3
	s.RedialDelay = ptr(mustDist(dist.Exponential(900)))
	s.Clinicians = Staffing{Occupancy: 0.8, Factor: 1}
	s.Consult = mustDist(dist.LogNormal(12*60, 0.5))
	return s
}

var start2022 = time.Date(2022, 8, 1, 0, 0, 0, 0, calendar.London())

// smallConfig is England with two services (one on adastra, one not) and
// Scotland with one, for two weeks from Monday 1 August 2022.
func smallConfig() *Config {
	return &Config{
		Name:    "small",
		Start:   start2022,
		Horizon: 14 * 86400,
		Nations: []Nation{testNation(calendar.England, 2000), testNation(calendar.Scotland, 500)},
		Services: []Service{
			testService("eng-a", calendar.England, 0.7, "adastra"),
			testService("eng-b", calendar.England, 0.3, "other-cms"),
			testService("nhs24", calendar.Scotland, 1, "adastra"),
		},
		AnswerTarget:     60,
		AbandonThreshold: 30,
	}
}

func manual(d, sender float64, loss float64) RouteContingency {
	return RouteContingency{Mode: Manual, Delay: ptr(mustDist(dist.Fixed(d))), SenderTime: ptr(mustDist(dist.Fixed(sender))), LossProb: loss}
}

// outage takes adastra down at 07:00 on Thursday 4 August 2022 (day 3)
// with manual routes, GP booking closed, and no reconnection.
func outage() *Outage {
	o := &Outage{
		Systems:        []string{"adastra"},
		Start:          3*86400 + 7*3600,
		DetectionDelay: 2 * 3600,
		UnhandledLoss:  0.5,
		Contingency:    Contingency{HandleFactor: 1.3, ConsultFactor: 1.2, StaffFactor: 1},
	}
	for r := range o.Contingency.Routes {
		o.Contingency.Routes[r] = manual(1800, 300, 0.05)
	}
	o.Contingency.Routes[RouteGPBooking] = RouteContingency{Mode: Closed, SignpostTo: GPInHours, Compliance: 1}
	return o
}

// kpis computes the few KPIs these tests compare, by the catalogue's
// formulas (sim/kpi imports this package, so the tests cannot use it).
func kpis(n *NationResult) map[string]float64 {
	c := &n.Counts
	return map[string]float64{
		"answered_within_60s_pct": 100 * c.AnsweredWithinTarget / c.CallsAnswered,
		"ed_dispositions":         c.Dispositions[ED] + c.SignpostedToED + c.CASGaveUpTo[ED] + c.AbandonedTo[ED],
	}
}
