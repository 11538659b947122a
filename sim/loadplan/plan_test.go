package loadplan

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/outagesim/outagesim/sim/model"
)

// integral is ∫ rate over [from, to) of the selected services' demand ×
// factor, computed straight from the model, not through Model.Demand.
func integral(t *testing.T, cfg *model.Config, services []string, factor func(*model.Service) float64, from, to float64) float64 {
	t.Helper()
	sum := 0.0
	for _, name := range services {
		breaks, rates, err := cfg.HourlyDemand(name)
		if err != nil {
			t.Fatal(err)
		}
		var svc *model.Service
		for i := range cfg.Services {
			if cfg.Services[i].Name == name {
				svc = &cfg.Services[i]
			}
		}
		for h, r := range rates {
			if a, b := max(breaks[h], from), min(breaks[h+1], to); b > a {
				sum += r * factor(svc) * (b - a)
			}
		}
	}
	return sum
}

func routeFactor(cfg *model.Config, routes ...model.Route) func(*model.Service) float64 {
	return func(s *model.Service) float64 {
		for i := range cfg.Nations {
			if n := &cfg.Nations[i]; n.Nation == s.Nation {
				f := 0.0
				for _, r := range routes {
					f += n.RouteShare(r)
				}
				return f
			}
		}
		return 0
	}
}

func TestArrivalsIntegrateTheModelsDemand(t *testing.T) {
	cfg := testConfig()
	m := NewModel(cfg, 1)
	calls := func(*model.Service) float64 { return 1 }
	all := []model.Route{}
	for r := range model.NumRoutes {
		all = append(all, r)
	}
	day := 86400.0
	for _, tc := range []struct {
		name     string
		opts     ArrivalOptions
		services []string
		factor   func(*model.Service) float64
		unit     time.Duration
	}{
		// One day of England's calls in two minutes, at full scale: > 40/s
		// all day, so the time unit is a second.
		{"england calls, a day in 2 min", ArrivalOptions{Selection: Selection{Nation: "england"}, Timeline: Timeline{Speedup: 720, From: 3 * day, To: 4 * day}, Scale: 1},
			[]string{"eng-a", "eng-b"}, calls, time.Second},
		// One service, a tenth of its referrals by GP booking: small rates
		// need a minute time unit.
		{"one service, one route, scaled", ArrivalOptions{Selection: Selection{Service: "eng-a", Stream: "referrals:gp_booking"}, Timeline: Timeline{Speedup: 1440, From: 3 * day, To: 4 * day}, Scale: 0.1},
			[]string{"eng-a"}, routeFactor(cfg, model.RouteGPBooking), time.Minute},
		// Every route, every nation, a window that cuts hours in half.
		{"uk referrals, ragged window", ArrivalOptions{Selection: Selection{Stream: "referrals"}, Timeline: Timeline{Speedup: 600, From: 2*day + 1800, To: 5*day + 5400}, Scale: 0.05},
			[]string{"eng-a", "eng-b", "nhs24"}, routeFactor(cfg, all...), time.Minute},
		// Scotland's ambulance referrals, tiny: an hour time unit.
		{"tiny rates", ArrivalOptions{Selection: Selection{Nation: "scotland", Stream: "referrals:ambulance"}, Timeline: Timeline{Speedup: 3600, From: 0, To: 2 * day}, Scale: 0.01},
			[]string{"nhs24"}, routeFactor(cfg, model.RouteAmbulance), time.Hour},
		// Real time (speedup 1) for a whole run.
		{"real time, whole run", ArrivalOptions{Selection: Selection{Nation: "scotland"}, Timeline: Timeline{Speedup: 1, To: cfg.Horizon}, Scale: 1},
			[]string{"nhs24"}, calls, time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := m.Arrivals(tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			want := tc.opts.Scale * integral(t, cfg, tc.services, tc.factor, tc.opts.From, tc.opts.To)
			if math.Abs(p.Expected-want) > 1e-9*want {
				t.Errorf("expected %v, want ∫ rate × scale = %v", p.Expected, want)
			}
			if got := Area(p.StartRate, p.TimeUnit, p.Stages); math.Abs(got-p.Scheduled) > 1e-6 {
				t.Errorf("area under the stages %v, plan says %v", got, p.Scheduled)
			}
			if math.Abs(p.Scheduled-p.Expected) > p.ScheduledErrorBound {
				t.Errorf("scheduled %v, expected %v: off by more than the rounding bound %v", p.Scheduled, p.Expected, p.ScheduledErrorBound)
			}
			// The bound is under one iteration whenever a stage lasts under
			// 2 time units.
			if p.TimeUnit != tc.unit {
				t.Errorf("time unit %v, want %v", p.TimeUnit, tc.unit)
			}
			wantDur := time.Duration(math.Round((tc.opts.To - tc.opts.From) / tc.opts.Speedup * 1e9))
			if d := p.Duration(); d != wantDur {
				t.Errorf("duration %v, want (to − from)/speedup = %v", d, wantDur)
			}
			checkSteps(t, p)
		})
	}
}

// checkSteps: every change of rate is a zero-length stage followed by a
// hold at the same target, so k6 never ramps between hours.
func checkSteps(t *testing.T, p Plan) {
	t.Helper()
	prev := p.StartRate
	for i, s := range p.Stages {
		if s.Duration == 0 {
			if i+1 >= len(p.Stages) || p.Stages[i+1].Target != s.Target || p.Stages[i+1].Duration == 0 {
				t.Fatalf("stage %d: a step not followed by a hold at %d", i, s.Target)
			}
		} else if s.Target != prev {
			t.Fatalf("stage %d: ramps from %d to %d over %v", i, prev, s.Target, s.Duration)
		}
		prev = s.Target
	}
}

func TestSpeedupAndScale(t *testing.T) {
	m := NewModel(testConfig(), 1)
	base := ArrivalOptions{Selection: Selection{Nation: "england", Stream: "referrals:ed"}, Timeline: Timeline{Speedup: 720, From: 86400, To: 2 * 86400}, Scale: 1}
	p1, err := m.Arrivals(base)
	if err != nil {
		t.Fatal(err)
	}
	fast := base
	fast.Speedup = 1440
	p2, err := m.Arrivals(fast)
	if err != nil {
		t.Fatal(err)
	}
	// Twice the speed: the same arrivals in half the time at twice the rate.
	if p2.Expected != p1.Expected || p2.Duration() != p1.Duration()/2 || math.Abs(p2.PeakRate-2*p1.PeakRate) > 1e-9 {
		t.Errorf("speedup ×2: expected %v→%v, duration %v→%v, peak %v→%v", p1.Expected, p2.Expected, p1.Duration(), p2.Duration(), p1.PeakRate, p2.PeakRate)
	}
	half := base
	half.Scale = 0.5
	p3, err := m.Arrivals(half)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(p3.Expected-p1.Expected/2) > 1e-9 || p3.Duration() != p1.Duration() {
		t.Errorf("scale ½: expected %v, want %v", p3.Expected, p1.Expected/2)
	}
	// A window is the sum of its parts.
	a, b := base, base
	a.To, b.From = 1.5*86400+1234, 1.5*86400+1234
	pa, _ := m.Arrivals(a)
	pb, _ := m.Arrivals(b)
	if math.Abs(pa.Expected+pb.Expected-p1.Expected) > 1e-9*p1.Expected {
		t.Errorf("windows %v + %v ≠ whole %v", pa.Expected, pb.Expected, p1.Expected)
	}
	// The default VUs cover the peak.
	if float64(p1.PreAllocatedVUs) < p1.PeakRate*0.5 || p1.MaxVUs < p1.PreAllocatedVUs {
		t.Errorf("VUs %d..%d for a peak of %v/s", p1.PreAllocatedVUs, p1.MaxVUs, p1.PeakRate)
	}
}

func TestArrivalsRejectBadOptions(t *testing.T) {
	m := NewModel(testConfig(), 1)
	ok := ArrivalOptions{Timeline: Timeline{Speedup: 720, To: 86400}, Scale: 1}
	for _, tc := range []struct {
		name string
		edit func(*ArrivalOptions)
		want string
	}{
		{"zero speedup", func(o *ArrivalOptions) { o.Speedup = 0 }, "speedup"},
		{"negative scale", func(o *ArrivalOptions) { o.Scale = -1 }, "scale"},
		{"from after to", func(o *ArrivalOptions) { o.From = 2 * 86400 }, "to"},
		{"past the horizon", func(o *ArrivalOptions) { o.To = 15 * 86400 }, "horizon"},
		{"unknown stream", func(o *ArrivalOptions) { o.Stream = "bookings" }, "stream"},
		{"unknown route", func(o *ArrivalOptions) { o.Stream = "referrals:taxi" }, "route"},
		{"unknown nation", func(o *ArrivalOptions) { o.Nation = "france" }, "nation"},
		{"nation not in scenario", func(o *ArrivalOptions) { o.Nation = "wales" }, "not in scenario"},
		{"service of another nation", func(o *ArrivalOptions) { o.Nation, o.Service = "scotland", "eng-a" }, "no service"},
		{"fewer max than preallocated VUs", func(o *ArrivalOptions) { o.PreAllocatedVUs, o.MaxVUs = 10, 5 }, "maxVUs"},
	} {
		o := ok
		tc.edit(&o)
		if _, err := m.Arrivals(o); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one about %q", tc.name, err, tc.want)
		}
	}
}

func TestParseWhen(t *testing.T) {
	cfg := testConfig() // starts 2022-08-01 00:00 BST
	for _, tc := range []struct {
		in   string
		want float64
	}{
		{"3600", 3600},                       // seconds
		{"90m", 5400},                        // a Go duration
		{"3d7h", outageStart},                // days, then a duration
		{"1.5d", 1.5 * 86400},                // fractional days
		{"2022-08-04 07:00", outageStart},    // local time
		{"2022-08-04T07:00:00", outageStart}, // ISO-ish local time
		{"2022-08-02", 86400},                // a date is its midnight
		{"2022-07-31 23:00", -3600},          // before the start: caught by Timeline.check
	} {
		got, err := ParseWhen(cfg, tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseWhen(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"tomorrow", "3d-1h", "2022-13-01"} {
		if _, err := ParseWhen(cfg, bad); err == nil {
			t.Errorf("ParseWhen(%q) accepted", bad)
		}
	}
}
