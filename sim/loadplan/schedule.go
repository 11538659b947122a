package loadplan

import (
	"fmt"
	"math"
	"slices"

	"github.com/outagesim/outagesim/sim/arrivals"
	"github.com/outagesim/outagesim/sim/model"
	"github.com/outagesim/outagesim/sim/rng"
)

// Interval is a stretch of a load test in real seconds from its start:
// [From, To).
type Interval struct{ From, To float64 }

// Contains reports whether elapsed real seconds fall in the interval.
func (iv Interval) Contains(elapsed float64) bool { return elapsed >= iv.From && elapsed < iv.To }

// Load is the plan of a load test that samples its arrivals (vegeta's
// pacer): the real-time rate, the model's expected count, and when the
// selection's systems are down.
type Load struct {
	Options ArrivalOptions
	// Rate is the arrival rate per real second, piecewise constant by
	// simulated hour, over [0, Duration) real seconds.
	Rate arrivals.Piecewise
	// Expected is the model's expected arrivals in the window, × Scale: the
	// integral of Rate.
	Expected float64
	// PeakRate is Rate's highest value, per real second.
	PeakRate float64
	// Systems are the IT systems the selection depends on that the outage
	// takes down (none if it does not touch the selection).
	Systems []string
	// Down is when those systems are down, in real seconds, clipped to the
	// window: from the outage's start until every selected service that
	// depends on them is fully reconnected. Scheduled failover sends
	// requests to the contingency target then.
	Down []Interval

	model *Model
}

// Duration is the window's length in real seconds.
func (l Load) Duration() float64 { return l.Options.Timeline.Duration() }

// Load builds the plan of a load test for opts (PreAllocatedVUs and
// MaxVUs are ignored: they are k6's).
func (m *Model) Load(opts ArrivalOptions) (Load, error) {
	cfg := m.Config
	if err := opts.check(cfg); err != nil {
		return Load{}, err
	}
	breaks, rates, err := m.Demand(opts.Selection)
	if err != nil {
		return Load{}, err
	}
	l := Load{Options: opts, model: m}
	tl := opts.Timeline
	for h, r := range rates {
		a, b := max(breaks[h], tl.From), min(breaks[h+1], tl.To)
		if b <= a {
			continue
		}
		ra, rb := tl.Elapsed(a), tl.Elapsed(b)
		if len(l.Rate.Breaks) == 0 {
			l.Rate.Breaks = append(l.Rate.Breaks, ra)
		}
		if !(rb > l.Rate.Breaks[len(l.Rate.Breaks)-1]) {
			return Load{}, fmt.Errorf("speedup %v: an hour of the scenario lasts too short a time to schedule", tl.Speedup)
		}
		rate := r * opts.Scale * tl.Speedup
		l.Rate.Breaks = append(l.Rate.Breaks, rb)
		l.Rate.Rates = append(l.Rate.Rates, rate)
		l.Expected += r * opts.Scale * (b - a)
		l.PeakRate = max(l.PeakRate, rate)
	}
	if err := l.Rate.Validate(); err != nil {
		return Load{}, fmt.Errorf("the window's demand: %w", err)
	}
	l.Systems, l.Down, err = m.down(opts.Selection, tl)
	if err != nil {
		return Load{}, err
	}
	return l, nil
}

// down finds the failed systems the selection depends on and when they
// are down, in real seconds of tl.
func (m *Model) down(sel Selection, tl Timeline) ([]string, []Interval, error) {
	cfg := m.Config
	o := cfg.Outage
	if o == nil {
		return nil, nil, nil
	}
	stream, err := ParseStream(sel.Stream)
	if err != nil {
		return nil, nil, err
	}
	svcs, err := m.services(sel)
	if err != nil {
		return nil, nil, err
	}
	var systems, dependent []string
	for _, s := range svcs {
		hit := false
		for _, sys := range stream.systems(s) {
			if sys != "" && slices.Contains(o.Systems, sys) {
				hit = true
				if !slices.Contains(systems, sys) {
					systems = append(systems, sys)
				}
			}
		}
		if hit {
			dependent = append(dependent, s.Name)
		}
	}
	if len(dependent) == 0 {
		return nil, nil, nil
	}
	// Back when the last dependent service is fully reconnected: a wave's
	// time is the only moment that can change.
	back := math.Inf(1)
	for _, w := range o.Waves {
		if w.At >= o.Start && w.At < back && allReconnected(cfg, dependent, w.At) {
			back = w.At
		}
	}
	from, to := max(o.Start, tl.From), min(back, tl.To)
	if to <= from {
		return systems, nil, nil
	}
	return systems, []Interval{{tl.Elapsed(from), tl.Elapsed(to)}}, nil
}

func allReconnected(cfg *model.Config, services []string, t float64) bool {
	for _, s := range services {
		if cfg.Reconnected(s, t) < 1 {
			return false
		}
	}
	return true
}

// systems are the IT systems a service uses for the stream: call handling
// for calls, the route's referral system for referrals.
func (s Stream) systems(svc *model.Service) []string {
	route := func(r model.Route) string {
		if sys := svc.RouteSystems[r]; sys != "" {
			return sys
		}
		return svc.Systems[model.Referral]
	}
	switch {
	case !s.Referrals:
		return []string{svc.Systems[model.CallHandling]}
	case s.AllRoutes:
		out := make([]string, 0, model.NumRoutes)
		for r := range model.NumRoutes {
			out = append(out, route(r))
		}
		return out
	}
	return []string{route(s.Route)}
}

// PrimaryDown reports whether scheduled failover sends a request elapsed
// real seconds into the test to the contingency target.
func (l Load) PrimaryDown(elapsed float64) bool {
	for _, iv := range l.Down {
		if iv.Contains(elapsed) {
			return true
		}
	}
	return false
}

// PhaseAt is the scenario's outage phase elapsed real seconds into the
// test.
func (l Load) PhaseAt(elapsed float64) PhaseInfo {
	return PhaseAt(l.model.Config, l.Options.Timeline, elapsed)
}

// ArrivalsPurpose names the random stream of a load test's arrivals.
const ArrivalsPurpose = "loadplan/arrivals"

// Arrivals samples the test's arrival times, in real seconds from its
// start, from the non-homogeneous Poisson process with rate l.Rate: the
// same seed gives the same times. It fails rather than return more than
// limit arrivals, so a bound is kept before any memory is spent on it.
func (l Load) Arrivals(seed uint64, limit int) ([]float64, error) {
	proc, err := arrivals.NewProcess(l.Rate, 0, l.Rate.End())
	if err != nil {
		return nil, err
	}
	r := rng.New(seed, 0, ArrivalsPurpose)
	out := make([]float64, 0, min(limit, int(l.Expected+4*math.Sqrt(l.Expected)+16)))
	for {
		t, ok := proc.Next(r)
		if !ok {
			return out, nil
		}
		if len(out) == limit {
			return nil, fmt.Errorf("more than %d arrivals (the model expects %.0f): raise the limit or narrow the window", limit, l.Expected)
		}
		out = append(out, t)
	}
}
