package model

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
)

func run(t *testing.T, cfg *Config, seed, rep uint64) *Result {
	t.Helper()
	r, err := Run(cfg, seed, rep)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestNoOutageNoManualOrLostReferrals(t *testing.T) {
	r := run(t, smallConfig(), 1, 0)
	uk := &r.UK.Counts
	if uk.CallsOffered < 30000 {
		t.Fatalf("only %v calls offered in two weeks", uk.CallsOffered)
	}
	for _, m := range []int{ManualSent, Lost, Signposted} {
		if v := uk.ReferralTotal(m); v != 0 {
			t.Errorf("referral mode %d: %v without an outage, want 0", m, v)
		}
	}
	if uk.ReferralTotal(Electronic) == 0 {
		t.Error("no electronic referrals")
	}
	if r.UK.OOHConsults == 0 || r.UK.GPPeakUtilisation == 0 {
		t.Errorf("downstream not exercised: OOH consults %v, GP peak %v", r.UK.OOHConsults, r.UK.GPPeakUtilisation)
	}
}

func TestClosedRouteSignpostsEveryAffectedPatient(t *testing.T) {
	cfg := smallConfig()
	cfg.Outage = outage()
	cfg.Outage.DetectionDelay = 0
	r := run(t, cfg, 1, 0)
	// Scotland is all on adastra: nothing is signposted before the outage
	// day and nothing is electronic after it.
	for i, d := range r.Nations[1].Daily {
		if i < 3 && d.Referrals[Signposted] != 0 || i > 3 && d.Referrals[Electronic] != 0 {
			t.Errorf("scotland %s: referrals by mode %v", d.Date, d.Referrals)
		}
	}
	for _, s := range r.Services {
		gp := s.Referrals[RouteGPBooking]
		switch s.Name {
		case "eng-b": // not on adastra: untouched
			if gp[Signposted] != 0 || gp[Electronic] == 0 {
				t.Errorf("%s: GP bookings %v, want all electronic", s.Name, gp)
			}
		default:
			// Electronic only in the 3 days 7 hours before the outage;
			// signposted after, never manual or lost.
			if gp[ManualSent] != 0 || gp[Lost] != 0 || gp[Signposted] == 0 {
				t.Errorf("%s: GP bookings %v, want electronic then signposted only", s.Name, gp)
			}
			if s.SignpostedToGP != gp[Signposted] {
				t.Errorf("%s: %v signposted to GP, %v GP routes closed", s.Name, s.SignpostedToGP, gp[Signposted])
			}
		}
	}
}

// TestSignpostedPatientsArriveAtNextOpening: Scotland's summer bank
// holiday is the first Monday of August, England's the last; a patient
// told on a Friday evening goes to their GP on the next working day.
func TestSignpostedPatientsArriveAtNextOpening(t *testing.T) {
	cfg := smallConfig()
	cfg.Start = start2022.AddDate(0, 0, 21) // Monday 22 August 2022
	cfg.Horizon = 9 * 86400
	cfg.Outage = outage()
	cfg.Outage.Start = 0
	cfg.Outage.DetectionDelay = 0
	r := run(t, cfg, 3, 0)
	for _, n := range r.Nations {
		for _, d := range n.Daily {
			wd := d.Date.Weekday()
			holiday := d.Date.String() == "2022-08-29" && n.Nation.String() == "england"
			if (wd == 0 || wd == 6 || holiday) && d.GPContacts != 0 {
				t.Errorf("%s %s (%s): %v contacts at a closed practice", n.Nation, d.Date, wd, d.GPContacts)
			}
			if wd >= 1 && wd <= 5 && !holiday && d.GPContacts == 0 {
				t.Errorf("%s %s: no contacts from 111 on a working day", n.Nation, d.Date)
			}
		}
		// Tuesday after England's holiday gets Saturday to Monday's patients.
		if n.Nation.String() == "england" {
			mon, tue := n.Daily[7], n.Daily[8]
			if mon.Date.String() != "2022-08-29" || tue.GPContacts < 2*n.Daily[3].GPContacts {
				t.Errorf("england: Tue 30 Aug has %v from 111, Thu 25 Aug %v: want the weekend and holiday's patients on Tuesday", tue.GPContacts, n.Daily[3].GPContacts)
			}
		}
	}
}

func TestReconnectionRestoresElectronicRoute(t *testing.T) {
	cfg := smallConfig()
	cfg.Outage = outage()
	wave := 8 * 86400.0 // Tuesday 9 August 00:00
	cfg.Outage.Waves = []Wave{{At: wave, Services: []string{"eng-a", "nhs24", "ooh:england", "ooh:scotland"}, Fraction: 1}}
	r := run(t, cfg, 1, 0)
	for _, n := range r.Nations {
		for i, d := range n.Daily {
			day := float64(i) * 86400
			switch {
			case day >= wave && (d.Referrals[ManualSent]+d.Referrals[Lost]+d.Referrals[Signposted]) != 0:
				t.Errorf("%s %s: %v after reconnection, want electronic only", n.Nation, d.Date, d.Referrals)
			case day > cfg.Outage.Start && day < wave && n.Nation.String() == "scotland" && d.Referrals[Electronic] != 0:
				t.Errorf("%s %s: %v electronic during the outage", n.Nation, d.Date, d.Referrals[Electronic])
			}
		}
	}
}

func TestPartialReconnection(t *testing.T) {
	cfg := smallConfig()
	cfg.Outage = outage()
	cfg.Outage.Start = 0
	cfg.Outage.DetectionDelay = 0
	cfg.Outage.Waves = []Wave{{At: 0, Services: []string{"nhs24", "ooh:scotland"}, Fraction: 0.5}}
	r := run(t, cfg, 1, 0)
	s := r.Services[2].Referrals[RouteDental]
	if share := s[Electronic] / (s[Electronic] + s[ManualSent] + s[Lost]); math.Abs(share-0.5) > 0.08 {
		t.Errorf("half the sites reconnected: %.3f of dental referrals electronic, want ≈ 0.5", share)
	}
}

func TestMutualAidMovesLoad(t *testing.T) {
	cfg := smallConfig()
	base := run(t, cfg, 1, 0)
	cfg.Outage = outage()
	cfg.Outage.Contingency.MutualAid = []MutualAid{{From: "eng-a", To: "eng-b", Share: 0.4, At: 0, Until: cfg.Horizon}}
	r := run(t, cfg, 1, 0)
	a, b := r.Services[0], r.Services[1]
	if got, want := a.DivertedOut/a.Patients, 0.4; math.Abs(got-want) > 0.02 {
		t.Errorf("%.3f of eng-a's first calls diverted, want ≈ %v", got, want)
	}
	if b.CallsOffered < base.Services[1].CallsOffered+0.9*a.DivertedOut {
		t.Errorf("eng-b offered %v with aid, %v without, %v diverted to it", b.CallsOffered, base.Services[1].CallsOffered, a.DivertedOut)
	}
	if a.CallsOffered > 0.7*base.Services[0].CallsOffered {
		t.Errorf("eng-a still offered %v (was %v)", a.CallsOffered, base.Services[0].CallsOffered)
	}
}

func TestCounterfactualEqualsOutageFreeRun(t *testing.T) {
	cfg := smallConfig()
	cfg.Outage = outage()
	cf := run(t, Counterfactual(cfg), 7, 2)
	plain := run(t, smallConfig(), 7, 2)
	// The counterfactual is measured over the outage's periods, so only
	// its cutting into segments differs; every total is the same.
	if len(cf.Periods) < 3 || len(plain.Periods) != 1 {
		t.Fatalf("periods: counterfactual %v, plain %v", cf.Periods, plain.Periods)
	}
	sum := func(r *Result) []Tally {
		out := make([]Tally, len(r.Areas))
		for a := range r.Areas {
			for s := range r.Segments {
				out[a].Add(r.Tally(a, s))
			}
		}
		return out
	}
	if !reflect.DeepEqual(sum(cf), sum(plain)) {
		t.Fatal("the counterfactual's regional totals differ from the same scenario without an outage")
	}
	cf.Periods, cf.Segments, cf.Tallies = nil, nil, nil
	plain.Periods, plain.Segments, plain.Tallies = nil, nil, nil
	if !reflect.DeepEqual(cf, plain) {
		t.Fatal("the counterfactual differs from the same scenario without an outage")
	}
	out := run(t, cfg, 7, 2)
	// Common random numbers: the same patients arrive in both runs.
	if out.UK.Patients != cf.UK.Patients {
		t.Errorf("outage run had %v patients, counterfactual %v: arrivals must share their streams", out.UK.Patients, cf.UK.Patients)
	}
	if out.UK.ReferralTotal(Lost) == 0 || out.UK.SignpostedToGP == 0 {
		t.Error("the outage changed nothing")
	}
}

func TestOutageMakesFrontDoorWorse(t *testing.T) {
	cfg := smallConfig()
	cfg.Outage = outage()
	out, cf := run(t, cfg, 5, 0), run(t, Counterfactual(cfg), 5, 0)
	ko, kc := kpis(&out.Nations[1]), kpis(&cf.Nations[1])
	if !(ko["answered_within_60s_pct"] < kc["answered_within_60s_pct"]-5) {
		t.Errorf("Scotland within 60 s: %.1f%% in the outage, %.1f%% without: a 1.3× handle time must hurt", ko["answered_within_60s_pct"], kc["answered_within_60s_pct"])
	}
	if out.UK.ManualWork == 0 {
		t.Error("no manual hand-off work recorded")
	}
}

func TestSameSeedSameResult(t *testing.T) {
	cfg := smallConfig()
	cfg.Outage = outage()
	a, b, c := run(t, cfg, 9, 1), run(t, cfg, 9, 1), run(t, cfg, 9, 2)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed, different results")
	}
	if reflect.DeepEqual(a, c) {
		t.Fatal("different replications, same results")
	}
}

func TestNewReportsEveryProblem(t *testing.T) {
	cfg := smallConfig()
	cfg.Services[0].Share = 0.9
	cfg.Nations[0].Dispositions[SelfCare] = 0.5
	cfg.Outage = outage()
	cfg.Outage.Waves = []Wave{{At: 1e6, Services: []string{"nope"}, Fraction: 1}, {At: 2e6, Services: []string{"eng-a"}, Fraction: 1.5}}
	cfg.Outage.Systems = append(cfg.Outage.Systems, "ghost")
	_, err := Run(cfg, 1, 0)
	if err == nil {
		t.Fatal("an invalid config ran")
	}
	for _, want := range []string{
		"nations[0].services: the services' shares sum to 120%",
		"nations[0].dispositions: the probabilities sum to 140%",
		`outage.waves[0].services[0]: unknown service "nope"`,
		"outage.waves[1].fraction: 1.5 (allowed: a probability from 0 to 1)",
		`outage.systems[1]: unknown system "ghost"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not contain %q:\n%v", want, err)
		}
	}
	var errs Errors
	if !errors.As(err, &errs) || len(errs) < 5 {
		t.Errorf("got %T with %d problems, want Errors with every problem", err, len(errs))
	}
}

// TestRules checks the rulebook rule by rule: each row breaks one rule of
// a valid config and names the path and words of the problem.
func TestRules(t *testing.T) {
	for _, tc := range []struct {
		name      string
		break_    func(c *Config)
		path, msg string
	}{
		// A run must have a positive length, and not an absurd one.
		{"horizon", func(c *Config) { c.Horizon = 0 }, "horizon", "not after it starts"},
		{"horizon cap", func(c *Config) { c.Horizon = 21 * 365 * 86400 }, "horizon", "longer than 20 years"},
		// Staffing by hour of week needs one value per hour.
		{"hour of week", func(c *Config) { c.Services[0].Advisers.HourOfWeek = make([]int, 167) }, "services[0].advisers.hour_of_week", "167 values (allowed: 168"},
		// Priority shares and names.
		{"priority shares", func(c *Config) { c.Nations[0].CAS.Priorities[0].Share += 0.1 }, "nations[0].cas.priorities", "the shares sum to"},
		{"priority names", func(c *Config) {
			ps := c.Nations[0].CAS.Priorities
			ps[len(ps)-1].Name = ps[0].Name
		}, "nations[0].cas.priorities[", "used twice"},
		// Where a patient can go on their own.
		{"abandon_to", func(c *Config) { c.Nations[0].AbandonTo[Pharmacy] = 1 }, "nations[0].abandon_to.pharmacy", "not possible here"},
		{"give_up_to without give_up", func(c *Config) {
			c.Nations[0].CAS.GiveUp = nil
			c.Nations[0].CAS.GiveUpTo[ED] = 1
		}, "nations[0].cas.give_up_to", "given without give_up"},
		// An assessment ends in a final disposition.
		{"cas outcome", func(c *Config) {
			c.Nations[0].CAS.Outcomes[ClinicalAssessment] += 0.1
			c.Nations[0].CAS.Outcomes[SelfCare] -= 0.1
		}, "nations[0].cas.outcomes.clinical_assessment", "not possible here"},
		// Service names are unique and leave ooh: to out-of-hours.
		{"service twice", func(c *Config) { c.Services[1].Name = c.Services[0].Name }, "services[1].name", "used twice"},
		{"ooh name", func(c *Config) { c.Services[0].Name = "ooh:x" }, "services[0].name", "reserved"},
		// A redial needs a delay.
		{"redial delay", func(c *Config) {
			c.Services[0].RedialProb = 0.5
			c.Services[0].RedialDelay = nil
		}, "services[0].redial_delay", "missing"},
		// A surge ends after it starts.
		{"surge", func(c *Config) { c.Nations[0].Surges = []Surge{{From: 10, To: 5, Factor: 2}} }, "nations[0].surges[0].to", "is not after from"},
		// Outage references and times.
		{"outage start", func(c *Config) {
			c.Outage = outage()
			c.Outage.Start = c.Horizon
		}, "outage.start", "outside the run"},
		{"system twice", func(c *Config) {
			c.Outage = outage()
			c.Outage.Systems = append(c.Outage.Systems, c.Outage.Systems[0])
		}, "outage.systems[1]", "listed twice"},
		{"aid to itself", func(c *Config) {
			c.Outage = outage()
			c.Outage.Contingency.MutualAid = []MutualAid{{From: "eng-a", To: "eng-a", Share: 0.1, At: 0, Until: 1}}
		}, "outage.contingency.mutual_aid[0].to", "diverts to itself"},
		{"aid window", func(c *Config) {
			c.Outage = outage()
			c.Outage.Contingency.MutualAid = []MutualAid{{From: "eng-a", To: "eng-b", Share: 0.1, At: 5, Until: 5}}
		}, "outage.contingency.mutual_aid[0].until", "is not after at"},
		// Mutual aid into a nation without clinical assessment, from one
		// that needs it.
		{"aid without CAS", func(c *Config) {
			c.Nations[1].CAS.Priorities = nil
			c.Nations[1].Dispositions[ClinicalAssessment] = 0
			c.Nations[1].Dispositions[SelfCare] += 0.2
			c.Outage = outage()
			c.Outage.Contingency.MutualAid = []MutualAid{{From: "eng-a", To: "nhs24", Share: 0.1, At: 0, Until: 1}}
		}, "outage.contingency.mutual_aid[0].to", `"nhs24" is in scotland, which has no clinical assessment`},
		{"wave order", func(c *Config) {
			c.Outage = outage()
			c.Outage.Waves = []Wave{{At: 2e6, Services: []string{"eng-a"}, Fraction: 0.5}, {At: 1.5e6, Services: []string{"eng-a"}, Fraction: 0.6}}
		}, "outage.waves[1].at", "before the previous wave"},
		{"wave fractions", func(c *Config) {
			c.Outage = outage()
			c.Outage.Waves = []Wave{{At: 1.5e6, Services: []string{"eng-a"}, Fraction: 0.5}, {At: 2e6, Services: []string{"eng-a"}, Fraction: 0.4}}
		}, "outage.waves[1].fraction", "cumulative"},
	} {
		cfg := smallConfig()
		if _, err := New(cfg); err != nil {
			t.Fatalf("%s: the fixture is invalid: %v", tc.name, err)
		}
		tc.break_(cfg)
		_, err := New(cfg)
		var errs Errors
		if !errors.As(err, &errs) {
			t.Errorf("%s: got %v, want Errors", tc.name, err)
			continue
		}
		found := false
		for _, e := range errs {
			found = found || strings.HasPrefix(e.Path, tc.path) && strings.Contains(e.Msg, tc.msg)
		}
		if !found {
			t.Errorf("%s: no problem at %s saying %q in:\n%v", tc.name, tc.path, tc.msg, err)
		}
	}
}

// TestCallersWhoGiveUpGoElsewhere: with AbandonTo set, every caller who
// hangs up for good goes to their GP, ED, 999 or nowhere by its shares, and
// the GP practices see them at the next opening.
func TestCallersWhoGiveUpGoElsewhere(t *testing.T) {
	cfg := smallConfig()
	cfg.Outage = outage()
	plain := run(t, cfg, 2, 0)
	for i := range cfg.Nations {
		cfg.Nations[i].AbandonTo = dispositions(map[Disposition]float64{GPInHours: 0.5, ED: 0.2, Ambulance: 0.05, SelfCare: 0.25})
	}
	r := run(t, cfg, 2, 0)
	uk := &r.UK.Counts
	var gone float64
	for _, v := range uk.AbandonedTo {
		gone += v
	}
	// Abandoned calls that were not redialled and will not be.
	if want := uk.CallsAbandoned - uk.Redials - uk.RedialPending; gone != want || gone != uk.GaveUp {
		t.Errorf("%v callers sent on after giving up, want %v (abandoned, less redials)", gone, want)
	}
	if share := uk.AbandonedTo[GPInHours] / gone; math.Abs(share-0.5) > 0.02 {
		t.Errorf("%.3f of them went to their GP, want 0.5", share)
	}
	var gpPlain, gpNow float64
	for d := range r.UK.Daily {
		gpPlain += plain.UK.Daily[d].GPContacts
		gpNow += r.UK.Daily[d].GPContacts
	}
	// Those who give up after Friday evening of the last week would see
	// their GP after the run ends, so not all of them appear.
	if gpNow-gpPlain < 0.75*uk.AbandonedTo[GPInHours] || gpNow-gpPlain > uk.AbandonedTo[GPInHours] {
		t.Errorf("GP practices got %v more contacts, want about the %v callers who gave up and went to their GP", gpNow-gpPlain, uk.AbandonedTo[GPInHours])
	}
	if k := kpis(&r.UK); k["ed_dispositions"] <= kpis(&plain.UK)["ed_dispositions"] {
		t.Error("callers going to ED after giving up are not counted")
	}
	bad := smallConfig()
	bad.Nations[0].AbandonTo = dispositions(map[Disposition]float64{Pharmacy: 1})
	if _, err := New(bad); err == nil || !strings.Contains(err.Error(), "abandon_to.pharmacy") {
		t.Errorf("abandon_to to a pharmacy: %v", err)
	}
}
