package model

// The rulebook's outage rules: failed systems, contingency, mutual aid and
// reconnection waves.

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

func (c *checker) outage(cfg *Config, o *Outage) {
	systems := map[string]bool{}
	for _, s := range cfg.Services {
		for _, x := range s.Systems {
			systems[x] = true
		}
		for _, x := range s.RouteSystems {
			systems[x] = true
		}
	}
	frontDoors := map[string]bool{}
	for _, s := range cfg.Services {
		frontDoors[s.Name] = true
	}
	oohNames := map[string]bool{}
	for _, n := range cfg.Nations {
		systems[n.OOH.System] = true
		oohNames[oohPrefix+n.Nation.String()] = true
	}
	delete(systems, "")
	if len(o.Systems) == 0 && len(o.Isolations) == 0 && len(o.Disconnections) == 0 {
		c.add("outage.systems", "none (allowed: a list of the systems that fail, e.g. [adastra], or isolations or disconnections)")
	}
	listed := map[string]bool{}
	for i, s := range o.Systems {
		p := fmt.Sprintf("outage.systems[%d]", i)
		switch {
		case !systems[s]:
			c.add(p, "unknown system %q: no service or out-of-hours service uses it (allowed: %s)", s, strings.Join(sortedKeys(systems), ", "))
		case listed[s]:
			c.add(p, "%q listed twice", s)
		}
		listed[s] = true
	}
	// Without a valid horizon (already reported) there is no run to be in.
	if cfg.Horizon > 0 && !(o.Start >= 0 && o.Start < cfg.Horizon) {
		c.timed("outage.start", "%s is outside the run, %s to %s (allowed: a time from start up to end)",
			"outside the run (allowed: a time from start up to end)", o.Start, 0, cfg.Horizon)
	}
	if o.End != 0 && !(o.End > o.Start) {
		c.timed("outage.end", "%s is not after the outage starts at %s (allowed: a time after outage.start)",
			"not after the outage starts (allowed: a time after outage.start)", o.End, o.Start)
	}
	for i, iso := range o.Isolations {
		p := fmt.Sprintf("outage.isolations[%d]", i)
		if len(iso.Systems) == 0 {
			c.add(p+".systems", "none (allowed: the systems isolated)")
		}
		if iso.End != 0 && !(iso.End > iso.Start) {
			c.timed(p+".end", "%s is not after the isolation starts at %s (allowed: a later time)",
				"not after the isolation starts (allowed: a later time)", iso.End, iso.Start)
		}
	}
	for i, d := range o.Disconnections {
		p := fmt.Sprintf("outage.disconnections[%d]", i)
		if len(d.Services) == 0 {
			c.add(p+".services", "none (allowed: the services that disconnect, front doors or ooh:<nation>)")
		}
		for j, s := range d.Services {
			if !frontDoors[s] && !oohNames[s] {
				c.add(fmt.Sprintf("%s.services[%d]", p, j), "unknown service %q (allowed: %s)", s,
					strings.Join(append(sortedKeys(frontDoors), sortedKeys(oohNames)...), ", "))
			}
		}
		if d.Until != 0 && !(d.Until > d.From) {
			c.timed(p+".until", "%s is not after the disconnection starts at %s (allowed: a later time)",
				"not after the disconnection starts (allowed: a later time)", d.Until, d.From)
		}
	}
	c.nonNeg("outage.detection_delay", o.DetectionDelay)
	c.prob("outage.unhandled_loss", o.UnhandledLoss)
	ct := &o.Contingency
	c.nonNeg("outage.contingency.handle_factor", ct.HandleFactor)
	c.nonNeg("outage.contingency.consult_factor", ct.ConsultFactor)
	c.nonNeg("outage.contingency.staff_factor", ct.StaffFactor)
	for r := range ct.Routes {
		c.route("outage.contingency.routes."+Route(r).String(), &ct.Routes[r])
	}
	for i, a := range ct.MutualAid {
		c.mutualAid(cfg, fmt.Sprintf("outage.contingency.mutual_aid[%d]", i), a, frontDoors)
	}
	c.waves(o, frontDoors, oohNames)
	c.nonNeg("outage.back_entry.days", o.BackEntry.Days)
	c.prob("outage.back_entry.fraction", o.BackEntry.Fraction)
}

func (c *checker) route(p string, rc *RouteContingency) {
	switch rc.Mode {
	case Manual:
		if rc.SenderTime != nil {
			c.dist(p+".sender_time", rc.SenderTime)
		}
		if rc.Delay != nil {
			c.dist(p+".delay", rc.Delay)
		}
		c.prob(p+".loss_prob", rc.LossProb)
	case Closed:
		if rc.SignpostTo != GPInHours && rc.SignpostTo != ED {
			c.add(p+".signpost_to", "%s (allowed: gp_in_hours, ed)", rc.SignpostTo)
		}
		c.prob(p+".compliance", rc.Compliance)
	default:
		c.add(p+".mode", "invalid (allowed: manual, closed)")
	}
}

func (c *checker) mutualAid(cfg *Config, p string, a MutualAid, frontDoors map[string]bool) {
	for _, n := range []struct{ f, v string }{{"from", a.From}, {"to", a.To}} {
		if !frontDoors[n.v] {
			c.add(p+"."+n.f, "unknown service %q (allowed: %s)", n.v, strings.Join(sortedKeys(frontDoors), ", "))
		}
	}
	if a.From == a.To {
		c.add(p+".to", "%q diverts to itself (allowed: another service)", a.To)
	}
	// Diverted patients get their own nation's dispositions but the
	// receiving service's clinical assessment, which must exist.
	if from, to := serviceNamed(cfg, a.From), serviceNamed(cfg, a.To); from != nil && to != nil {
		if fn, tn := nationOf(cfg, from), nationOf(cfg, to); fn != nil && tn != nil &&
			fn.Dispositions[ClinicalAssessment] > 0 && len(tn.CAS.Priorities) == 0 {
			c.add(p+".to", "%q is in %s, which has no clinical assessment, but %s's callers need one (allowed: a service in a nation with cas.priorities)",
				a.To, to.Nation, from.Nation)
		}
	}
	c.prob(p+".share", a.Share)
	c.nonNeg(p+".staff_factor", a.StaffFactor)
	if !(a.Until > a.At) {
		c.timed(p+".until", "%s is not after at %s (allowed: a time after at)",
			"ends at or before it starts (allowed: a time after at)", a.Until, a.At)
	}
}

func (c *checker) waves(o *Outage, frontDoors, oohNames map[string]bool) {
	last := map[string]float64{}
	prevAt := math.Inf(-1)
	for i, w := range o.Waves {
		p := fmt.Sprintf("outage.waves[%d]", i)
		switch {
		case w.At < o.Start:
			c.timed(p+".at", "%s is before the outage starts at %s (allowed: a time at or after outage.start)",
				"before the outage starts (allowed: a time at or after outage.start)", w.At, o.Start)
		case w.At < prevAt:
			c.timed(p+".at", "%s is before the previous wave at %s (allowed: waves in time order)",
				"before the previous wave (allowed: waves in time order)", w.At, prevAt)
		}
		prevAt = max(prevAt, w.At)
		c.prob(p+".fraction", w.Fraction)
		if len(w.Services) == 0 && len(w.Systems) == 0 {
			c.add(p+".services", "none (allowed: front-door service names or ooh:<nation>; or systems, or suppliers)")
		}
		for j, s := range w.Services {
			if !frontDoors[s] && !oohNames[s] {
				c.add(fmt.Sprintf("%s.services[%d]", p, j), "unknown service %q (allowed: %s)", s,
					strings.Join(append(sortedKeys(frontDoors), sortedKeys(oohNames)...), ", "))
				continue
			}
			if w.Fraction < last[s] {
				c.add(p+".fraction", "%s is below the %s already reconnected for %q (allowed: cumulative fractions that never decrease)",
					percent(w.Fraction), percent(last[s]), s)
			}
			last[s] = max(last[s], w.Fraction)
		}
	}
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
