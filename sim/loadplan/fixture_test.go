package loadplan

import (
	"time"

	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/dist"
	"github.com/outagesim/outagesim/sim/model"
)

func must(d dist.Dist, err error) dist.Dist {
	if err != nil {
		panic(err)
	}
	return d
}

func ptr(d dist.Dist) *dist.Dist { return &d }

// demand has weekday/weekend hour profiles, so hourly rates vary.
func demand(perDay float64) calendar.DemandProfile {
	p := calendar.DemandProfile{CallsPerDay: perDay, BankHoliday: 1,
		HourShareWeekday: calendar.AssumedHourShareWeekday(), HourShareWeekend: calendar.AssumedHourShareWeekend()}
	for i := range p.DayOfWeek {
		p.DayOfWeek[i] = 1
	}
	for i := range p.Month {
		p.Month[i] = 1
	}
	return p
}

func nation(n calendar.Nation, perDay float64) model.Nation {
	var disp, out [model.NumDispositions]float64
	disp[model.Ambulance], disp[model.ED], disp[model.ClinicalAssessment], disp[model.GPInHours] = 0.1, 0.15, 0.25, 0.3
	disp[model.OOHGP], disp[model.Pharmacy], disp[model.SelfCare] = 0.1, 0.05, 0.05
	out[model.ED], out[model.GPInHours], out[model.OOHGP], out[model.SelfCare] = 0.2, 0.3, 0.3, 0.2
	return model.Nation{
		Nation: n, Demand: demand(perDay), Dispositions: disp,
		CAS: model.CAS{Priorities: []model.Priority{{Name: "p1", Target: 1200, Share: 0.3}, {Name: "p2", Target: 3600, Share: 0.7}}, Outcomes: out},
		GP:  model.GPPractices{SameDayCapacity: perDay / 2, BaselineDemand: perDay / 3, OverflowToED: 0.3},
		OOH: model.OOH{System: "adastra", Clinicians: model.Staffing{Occupancy: 0.8}, Consult: must(dist.LogNormal(1200, 0.5)),
			Priorities: []model.Priority{{Name: "urgent", Target: 7200, Share: 0.4}, {Name: "routine", Target: 6 * 3600, Share: 0.6}}},
	}
}

func service(name string, n calendar.Nation, share float64, system string) model.Service {
	return model.Service{
		Name: name, Nation: n, Share: share,
		Systems:  [model.NumFunctions]string{system, system, system, system},
		Advisers: model.Staffing{Occupancy: 0.9}, Handle: must(dist.LogNormal(600, 0.5)),
		Patience: ptr(must(dist.Exponential(900))), Clinicians: model.Staffing{Occupancy: 0.85},
		Consult: must(dist.LogNormal(900, 0.5)),
	}
}

// outageStart is 07:00 on Thursday 4 August 2022, day 3 of testConfig.
const outageStart = 3*86400 + 7*3600

// testConfig is England (two 111 services, one on adastra) and Scotland
// (NHS 24 on adastra) for two weeks from Monday 1 August 2022. Adastra
// fails at outageStart, is handled after 3 h, and comes back in two waves.
func testConfig() *model.Config {
	cfg := &model.Config{
		Name: "k6-test", Start: time.Date(2022, 8, 1, 0, 0, 0, 0, calendar.London()), Horizon: 14 * 86400,
		AnswerTarget: 60, AbandonThreshold: 30,
		Nations: []model.Nation{nation(calendar.England, 48000), nation(calendar.Scotland, 5000)},
		Services: []model.Service{
			service("eng-a", calendar.England, 0.7, "adastra"),
			service("eng-b", calendar.England, 0.3, "other-cms"),
			service("nhs24", calendar.Scotland, 1, "adastra"),
		},
	}
	o := &model.Outage{Systems: []string{"adastra"}, Start: outageStart, DetectionDelay: 3 * 3600,
		Contingency: model.Contingency{HandleFactor: 1.3, ConsultFactor: 1.2},
		Waves: []model.Wave{
			{At: outageStart + 4*86400, Services: []string{"eng-a", "ooh:england"}, Fraction: 1},
			{At: outageStart + 6*86400, Services: []string{"nhs24", "ooh:scotland"}, Fraction: 1},
		}}
	for r := range o.Contingency.Routes {
		o.Contingency.Routes[r] = model.RouteContingency{Mode: model.Manual, Delay: ptr(must(dist.Fixed(1800))), SenderTime: ptr(must(dist.Fixed(300))), LossProb: 0.05}
	}
	cfg.Outage = o
	return cfg
}
