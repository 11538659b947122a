package model

import (
	"fmt"

	"github.com/outagesim/outagesim/sim/calendar"
)

// Phase is where a run is in its outage timeline.
type Phase uint8

// Phases of an outage, in order.
const (
	PhaseNormal      Phase = iota // before the outage, or no outage
	PhaseOutage                   // systems down, not yet handled (detection delay)
	PhaseContingency              // contingency working, nothing reconnected yet
	PhaseRecovering               // reconnection waves under way
	PhaseRecovered                // every affected service fully reconnected
)

var phaseNames = [...]string{"normal", "outage", "contingency", "recovering", "recovered"}

// String is the phase's name.
func (p Phase) String() string { return nameOf(phaseNames[:], int(p)) }

// AffectedServices lists the front doors (by name) and out-of-hours
// services ("ooh:<nation>") that lose a system at some point (failed,
// isolated as a precaution, or cut off by their own precaution), in
// configuration order.
func (cfg *Config) AffectedServices() []string {
	if cfg.Outage == nil {
		return nil
	}
	var out []string
	for _, c := range cfg.clients() {
		if len(cfg.exposures(c)) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// Reconnected is the fraction of a service's sites with every system it
// uses at t (1 for a service the outage never touches).
func (cfg *Config) Reconnected(service string, t float64) float64 {
	if cfg.Outage == nil {
		return 1
	}
	return clientFraction(cfg.exposures(service), t)
}

// PhaseAt is the outage phase at t, with the services still not fully
// reconnected (nil before the outage).
func (cfg *Config) PhaseAt(t float64) (Phase, []string) {
	o := cfg.Outage
	if o == nil || t < o.Start {
		return PhaseNormal, nil
	}
	var down []string
	recovering := false
	for _, c := range cfg.clients() {
		es := cfg.exposures(c)
		if len(es) == 0 {
			continue
		}
		if clientFraction(es, t) < 1 {
			down = append(down, c)
		}
		for _, e := range es {
			for _, x := range e.changes() {
				recovering = recovering || x <= t
			}
		}
	}
	switch {
	case len(down) == 0:
		return PhaseRecovered, nil
	case t < o.Start+o.DetectionDelay:
		return PhaseOutage, down
	case recovering:
		return PhaseRecovering, down
	}
	return PhaseContingency, down
}

// HourlyDemand is a service's expected first contacts per second in each
// hour of the run (phone and online, surges included), with the hour
// boundaries in sim seconds (len(rates)+1 of them, the last the horizon).
func (cfg *Config) HourlyDemand(service string) (breaks, rates []float64, err error) {
	var svc *Service
	for i := range cfg.Services {
		if cfg.Services[i].Name == service {
			svc = &cfg.Services[i]
		}
	}
	if svc == nil {
		return nil, nil, fmt.Errorf("no service %q", service)
	}
	n := nationOf(cfg, svc)
	if n == nil {
		return nil, nil, fmt.Errorf("service %q: nation %s not configured", service, svc.Nation)
	}
	cal, err := calendar.New(cfg.Start, cfg.Horizon)
	if err != nil {
		return nil, nil, err
	}
	breaks = append(cal.HourStarts(), cfg.Horizon)
	rates = cfg.demandRates(cal, n, breaks, false)
	for h := range rates {
		rates[h] *= svc.Share
	}
	return breaks, rates, nil
}

// nationRates is a nation's demand per second in each hour, surges
// included (only planned ones if plannedOnly); a surge applies to an hour
// whose midpoint it covers.
func nationRates(cal *calendar.Calendar, n *Nation, breaks []float64, plannedOnly bool) []float64 {
	rates := n.Demand.HourlyRates(cal, n.Nation)
	for h := range rates {
		mid := (breaks[h] + breaks[h+1]) / 2
		for _, s := range n.Surges {
			if plannedOnly && s.Unplanned {
				continue
			}
			if mid >= s.From && mid < s.To {
				rates[h] *= s.Factor
			}
		}
	}
	return rates
}

// RouteShare is the expected share of a nation's first contacts that end
// in a disposition travelling by route r: directly from triage (phone or
// online) or after clinical assessment.
func (n *Nation) RouteShare(r Route) float64 {
	share := 0.0
	for d := range NumDispositions {
		if rr, ok := RouteOf(d); !ok || rr != r {
			continue
		}
		direct := (1-n.OnlineShare)*n.Dispositions[d] + n.OnlineShare*n.OnlineDispositions[d]
		cas := (1-n.OnlineShare)*n.Dispositions[ClinicalAssessment] + n.OnlineShare*n.OnlineDispositions[ClinicalAssessment]
		share += direct + cas*n.CAS.Outcomes[d]
	}
	return share
}
