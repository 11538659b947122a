package reports

import (
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/dist"
	"github.com/outagesim/outagesim/sim/model"
)

func d(x dist.Dist, err error) dist.Dist {
	if err != nil {
		panic(err)
	}
	return x
}

func dp(x dist.Dist, err error) *dist.Dist { y := d(x, err); return &y }

// testConfig is Wales for five days from Wednesday 3 August 2022 with one
// 111 service on adastra, which fails on day 2 with manual referrals and
// GP booking closed.
func testConfig(outage bool) *model.Config {
	demand := calendar.DemandProfile{CallsPerDay: 3000, BankHoliday: 1,
		HourShareWeekday: calendar.AssumedHourShareWeekday(), HourShareWeekend: calendar.AssumedHourShareWeekend()}
	for i := range demand.DayOfWeek {
		demand.DayOfWeek[i] = 1
	}
	for i := range demand.Month {
		demand.Month[i] = 1
	}
	var disp [model.NumDispositions]float64
	disp[model.Ambulance], disp[model.ED], disp[model.ClinicalAssessment], disp[model.GPInHours] = 0.1, 0.15, 0.25, 0.3
	disp[model.OOHGP], disp[model.Pharmacy], disp[model.SelfCare] = 0.1, 0.05, 0.05
	var out [model.NumDispositions]float64
	out[model.ED], out[model.GPInHours], out[model.OOHGP], out[model.SelfCare] = 0.2, 0.3, 0.3, 0.2
	svc := model.Service{
		Name: "111-wales", Nation: calendar.Wales, Share: 1,
		Systems:  [model.NumFunctions]string{"adastra", "adastra", "adastra", "adastra"},
		Advisers: model.Staffing{Occupancy: 0.9}, Handle: d(dist.LogNormal(600, 0.5)),
		Patience: dp(dist.Exponential(900)), Clinicians: model.Staffing{Occupancy: 0.85},
		Consult: d(dist.LogNormal(900, 0.5)),
	}
	cfg := &model.Config{
		Name: "wales-test", Start: time.Date(2022, 8, 3, 0, 0, 0, 0, calendar.London()), Horizon: 5 * 86400,
		AnswerTarget: 60, AbandonThreshold: 30,
		Nations: []model.Nation{{
			Nation: calendar.Wales, Demand: demand, Dispositions: disp,
			CAS: model.CAS{Priorities: []model.Priority{{Name: "1h", Target: 3600, Share: 1}}, Outcomes: out},
			GP:  model.GPPractices{SameDayCapacity: 1000, BaselineDemand: 900, OverflowToED: 0.3},
			OOH: model.OOH{System: "adastra", Clinicians: model.Staffing{Occupancy: 0.8}, Consult: d(dist.LogNormal(1200, 0.5)),
				Priorities: []model.Priority{{Name: "urgent", Target: 7200, Share: 1}}},
		}},
		Services: []model.Service{svc},
	}
	if outage {
		o := &model.Outage{Systems: []string{"adastra"}, Start: 86400 + 7*3600, DetectionDelay: 3600,
			Contingency: model.Contingency{HandleFactor: 1.4, ConsultFactor: 1.2}}
		for r := range o.Contingency.Routes {
			o.Contingency.Routes[r] = model.RouteContingency{Mode: model.Manual, Delay: dp(dist.Fixed(1800)), SenderTime: dp(dist.Fixed(300)), LossProb: 0.05}
		}
		o.Contingency.Routes[model.RouteGPBooking] = model.RouteContingency{Mode: model.Closed, SignpostTo: model.GPInHours, Compliance: 0.9}
		cfg.Outage = o
	}
	return cfg
}

func TestWorkersDoNotChangeTheAggregate(t *testing.T) {
	cfg := testConfig(true)
	var calls []int
	a1, err := Run(cfg, RunOptions{Replications: 5, Seed: 3, Workers: 1, Progress: func(done, total int) { calls = append(calls, done) }})
	if err != nil {
		t.Fatal(err)
	}
	a2, err := Run(cfg, RunOptions{Replications: 5, Seed: 3, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a1, a2) {
		t.Fatal("1 and 2 workers gave different aggregates")
	}
	if !reflect.DeepEqual(calls, []int{1, 2, 3, 4, 5}) {
		t.Errorf("progress calls %v, want 1..5 in order", calls)
	}
}

func TestImpactIsPairedAndConsistent(t *testing.T) {
	a, err := Run(testConfig(true), RunOptions{Replications: 8, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Nations; !reflect.DeepEqual(got, []string{"wales", "uk"}) {
		t.Fatalf("nations %v", got)
	}
	for _, k := range a.KPIs {
		if k.Counterfactual == nil || k.Impact == nil {
			t.Fatalf("%s %s: an outage run must have a counterfactual and an impact", k.Nation, k.Key)
		}
		if diff := k.Outage.Mean - k.Counterfactual.Mean; math.Abs(diff-k.Impact.Mean) > 1e-9*math.Max(1, math.Abs(diff)) {
			t.Errorf("%s %s: impact mean %v ≠ outage − counterfactual %v", k.Nation, k.Key, k.Impact.Mean, diff)
		}
	}
	// Common random numbers: the same callers arrive, so first contacts
	// are identical and calls offered differ only through redials.
	sig := a.KPI("wales", "signposted_to_gp")
	if sig == nil || sig.Counterfactual.Mean != 0 || !(sig.Impact.CI95[0] > 0) {
		t.Errorf("signposted to GP: %+v, want none without the outage and a positive impact", sig)
	}
	within := a.KPI("uk", "answered_within_60s_pct")
	if within == nil || !(within.Impact.CI95[1] < 0) {
		t.Errorf("answered within 60 s: impact %+v, want a fall with a 1.4× handle time", within.Impact)
	}
	if s := a.Find("wales", "gp_demand", true); s == nil || len(s.Outage.Mean) != len(a.Days) || len(a.Days) != 5 {
		t.Fatalf("daily GP demand series missing or wrong length")
	}
	if s := a.Find("uk", "calls_offered", false); s == nil || len(s.Outage.Mean) != 120 {
		t.Fatalf("hourly calls offered: want 120 hours")
	}
}

func TestRunWithoutOutage(t *testing.T) {
	a, err := Run(testConfig(false), RunOptions{Replications: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range a.KPIs {
		if k.Counterfactual != nil || k.Impact != nil {
			t.Fatalf("%s %s: a run without an outage has no counterfactual", k.Nation, k.Key)
		}
	}
	if k := a.KPI("wales", "referrals_lost"); k == nil || k.Outage.Mean != 0 {
		t.Errorf("referrals lost without an outage: %+v", k)
	}
}

func TestRunRejectsBadOptions(t *testing.T) {
	if _, err := Run(testConfig(true), RunOptions{Replications: 0}); err == nil {
		t.Error("0 replications accepted")
	}
	bad := testConfig(true)
	bad.Horizon = -1
	if _, err := Run(bad, RunOptions{Replications: 2}); err == nil {
		t.Error("an invalid config ran")
	}
}
