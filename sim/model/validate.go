package model

import (
	"errors"
	"fmt"
	"math"
)

// FieldError is a problem with one field of a Config; Path names it the
// way a scenario file does (e.g. "services[2].share").
type FieldError struct {
	Path, Msg string
}

func (e *FieldError) Error() string { return e.Path + ": " + e.Msg }

type checker struct{ errs []error }

func (c *checker) add(path, format string, args ...any) {
	c.errs = append(c.errs, &FieldError{Path: path, Msg: fmt.Sprintf(format, args...)})
}

func (c *checker) prob(path string, p float64) {
	if !(p >= 0 && p <= 1) {
		c.add(path, "%v: want a probability in [0, 1]", p)
	}
}

func (c *checker) sumsTo1(path string, ps []float64) {
	s := 0.0
	for i, p := range ps {
		c.prob(fmt.Sprintf("%s[%d]", path, i), p)
		s += p
	}
	if math.Abs(s-1) > 1e-6 {
		c.add(path, "probabilities sum to %.6g: want 1", s)
	}
}

func (c *checker) nonNeg(path string, v float64) {
	if !(v >= 0) || math.IsInf(v, 1) {
		c.add(path, "%v: want a finite number ≥ 0", v)
	}
}

func (c *checker) dist(path string, d interface{ Validate() error }) {
	if err := d.Validate(); err != nil {
		c.add(path, "%v", err)
	}
}

func (c *checker) staffing(path string, s *Staffing) {
	if len(s.HourOfWeek) != 0 && len(s.HourOfWeek) != 168 {
		c.add(path+".hour_of_week", "%d values: want 168, one per hour of the week from Monday 00:00", len(s.HourOfWeek))
	}
	for i, v := range s.HourOfWeek {
		if v < 0 {
			c.add(fmt.Sprintf("%s.hour_of_week[%d]", path, i), "%d: want ≥ 0", v)
		}
	}
	if len(s.HourOfWeek) == 0 && !(s.Occupancy > 0 && s.Occupancy <= 1) && s.Minimum == 0 {
		c.add(path, "no staff: give hour_of_week, an occupancy in (0, 1], or a minimum")
	}
	c.nonNeg(path+".factor", s.Factor)
	if s.Minimum < 0 {
		c.add(path+".minimum", "%d: want ≥ 0", s.Minimum)
	}
}

func (c *checker) priorities(path string, ps []Priority) {
	shares := make([]float64, len(ps))
	for i, p := range ps {
		c.nonNeg(fmt.Sprintf("%s[%d].target", path, i), p.Target)
		shares[i] = p.Share
	}
	if len(ps) > 0 {
		c.sumsTo1(path+" shares", shares)
	}
}

// Validate checks a Config and reports every problem as a FieldError.
func (cfg *Config) Validate() error {
	c := &checker{}
	if cfg.Start.IsZero() {
		c.add("start", "missing")
	}
	if !(cfg.Horizon > 0) || math.IsInf(cfg.Horizon, 1) {
		c.add("horizon", "%v: want a finite duration > 0", cfg.Horizon)
	}
	c.nonNeg("answer_target", cfg.AnswerTarget)
	c.nonNeg("abandon_threshold", cfg.AbandonThreshold)
	if len(cfg.Nations) == 0 {
		c.add("nations", "none: want at least one")
	}
	seen := map[string]bool{}
	shares := map[int]float64{}
	for i := range cfg.Nations {
		n := &cfg.Nations[i]
		p := fmt.Sprintf("nations[%d]", i)
		if !n.Nation.Valid() {
			c.add(p+".nation", "invalid")
			continue
		}
		if seen[n.Nation.String()] {
			c.add(p+".nation", "%s given twice", n.Nation)
		}
		seen[n.Nation.String()] = true
		if err := n.Demand.Validate(); err != nil {
			c.add(p+".demand", "%v", err)
		}
		c.prob(p+".online_share", n.OnlineShare)
		if anyPositive(n.AbandonTo[:]) {
			c.sumsTo1(p+".abandon_to", n.AbandonTo[:])
			for d, v := range n.AbandonTo {
				if v > 0 && !isDestination(Disposition(d)) {
					c.add(p+".abandon_to."+Disposition(d).String(), "want one of gp_in_hours, ed, ambulance or self_care")
				}
			}
		}
		c.sumsTo1(p+".dispositions", n.Dispositions[:])
		if n.OnlineShare > 0 {
			c.sumsTo1(p+".online_dispositions", n.OnlineDispositions[:])
		}
		usesCAS := n.Dispositions[ClinicalAssessment] > 0 || (n.OnlineShare > 0 && n.OnlineDispositions[ClinicalAssessment] > 0)
		if usesCAS {
			if len(n.CAS.Priorities) == 0 {
				c.add(p+".cas.priorities", "none, but some dispositions are clinical_assessment")
			}
			c.priorities(p+".cas.priorities", n.CAS.Priorities)
			if n.CAS.Outcomes[ClinicalAssessment] != 0 {
				c.add(p+".cas.outcomes.clinical_assessment", "must be 0: an assessment ends in a final disposition")
			}
			c.sumsTo1(p+".cas.outcomes", n.CAS.Outcomes[:])
			if n.CAS.GiveUp != nil {
				c.dist(p+".cas.give_up", n.CAS.GiveUp)
				c.sumsTo1(p+".cas.give_up_to", n.CAS.GiveUpTo[:])
			}
		}
		if len(n.OOH.Priorities) > 0 {
			c.priorities(p+".ooh.priorities", n.OOH.Priorities)
			c.dist(p+".ooh.consult", &n.OOH.Consult)
			c.staffing(p+".ooh.clinicians", &n.OOH.Clinicians)
		}
		for _, f := range []struct {
			name string
			v    float64
		}{{"same_day_capacity", n.GP.SameDayCapacity}, {"baseline_demand", n.GP.BaselineDemand}} {
			c.nonNeg(p+".gp."+f.name, f.v)
		}
		c.prob(p+".gp.overflow_to_ed", n.GP.OverflowToED)
		for j, s := range n.Surges {
			sp := fmt.Sprintf("%s.surges[%d]", p, j)
			if !(s.To > s.From) {
				c.add(sp, "ends (%v) before it starts (%v)", s.To, s.From)
			}
			c.nonNeg(sp+".factor", s.Factor)
		}
	}
	names := map[string]bool{}
	for i := range cfg.Services {
		s := &cfg.Services[i]
		p := fmt.Sprintf("services[%d]", i)
		if s.Name == "" {
			c.add(p+".name", "missing")
		} else if names[s.Name] {
			c.add(p+".name", "%q used twice", s.Name)
		}
		names[s.Name] = true
		if !seen[s.Nation.String()] {
			c.add(p+".nation", "%s has no entry in nations", s.Nation)
		}
		c.prob(p+".share", s.Share)
		shares[int(s.Nation)] += s.Share
		c.staffing(p+".advisers", &s.Advisers)
		c.dist(p+".handle", &s.Handle)
		if s.Patience != nil {
			c.dist(p+".patience", s.Patience)
		}
		c.prob(p+".redial_prob", s.RedialProb)
		if s.RedialProb > 0 {
			if s.RedialDelay == nil {
				c.add(p+".redial_delay", "missing: required when redial_prob > 0")
			} else {
				c.dist(p+".redial_delay", s.RedialDelay)
			}
		}
		// Everyone redials, and both waits can be 0 s: a caller would hang
		// up and call again at one instant for ever, and the run never ends.
		if s.RedialProb >= 1 && s.RedialDelay != nil && s.RedialDelay.CanBeZero() && s.Patience != nil && s.Patience.CanBeZero() {
			c.add(p+".redial_prob", "100%% of callers redial, and both their patience and the redial delay can be 0 s: "+
				"a caller would hang up and call again at the same instant for ever (allowed: a redial probability below 100%%, "+
				"or a patience or redial delay that is never 0 s)")
		}
		if n := nationOf(cfg, s); n != nil && len(n.CAS.Priorities) > 0 {
			c.dist(p+".consult", &s.Consult)
			c.staffing(p+".clinicians", &s.Clinicians)
		}
	}
	for i := range cfg.Nations {
		n := cfg.Nations[i].Nation
		if math.Abs(shares[int(n)]-1) > 1e-6 {
			c.add(fmt.Sprintf("nations[%d]", i), "the shares of %s's services sum to %.6g: want 1", n, shares[int(n)])
		}
	}
	if o := cfg.Outage; o != nil {
		c.outage(cfg, o, names)
	}
	return errors.Join(c.errs...)
}

func nationOf(cfg *Config, s *Service) *Nation {
	for i := range cfg.Nations {
		if cfg.Nations[i].Nation == s.Nation {
			return &cfg.Nations[i]
		}
	}
	return nil
}

func (c *checker) outage(cfg *Config, o *Outage, services map[string]bool) {
	systems := map[string]bool{}
	for _, s := range cfg.Services {
		for _, x := range s.Systems {
			systems[x] = true
		}
		for _, x := range s.RouteSystems {
			systems[x] = true
		}
	}
	for _, n := range cfg.Nations {
		systems[n.OOH.System] = true
		services["ooh:"+n.Nation.String()] = true
	}
	if len(o.Systems) == 0 && len(o.Isolations) == 0 && len(o.Disconnections) == 0 {
		c.add("outage.systems", "none: want at least one failed system, isolation or disconnection")
	}
	for i, s := range o.Systems {
		if s == "" || !systems[s] {
			c.add(fmt.Sprintf("outage.systems[%d]", i), "%q is not used by any service", s)
		}
	}
	if !(o.Start >= 0 && o.Start < cfg.Horizon) {
		c.add("outage.start", "%v s: want a time within the run [0, %v)", o.Start, cfg.Horizon)
	}
	if o.End != 0 && !(o.End > o.Start) {
		c.add("outage.end", "%v s: want a time after the outage starts (%v s)", o.End, o.Start)
	}
	for i, iso := range o.Isolations {
		p := fmt.Sprintf("outage.isolations[%d]", i)
		if len(iso.Systems) == 0 {
			c.add(p+".systems", "none: want the systems isolated")
		}
		if iso.End != 0 && !(iso.End > iso.Start) {
			c.add(p+".end", "%v s: want a time after the isolation starts (%v s)", iso.End, iso.Start)
		}
	}
	for i, d := range o.Disconnections {
		p := fmt.Sprintf("outage.disconnections[%d]", i)
		if len(d.Services) == 0 {
			c.add(p+".services", "none: want the services that disconnect")
		}
		for j, s := range d.Services {
			if !services[s] {
				c.add(fmt.Sprintf("%s.services[%d]", p, j), "%q: no such service (front doors by name, out-of-hours as ooh:<nation>)", s)
			}
		}
		if d.Until != 0 && !(d.Until > d.From) {
			c.add(p+".until", "%v s: want a time after the disconnection starts (%v s)", d.Until, d.From)
		}
	}
	c.nonNeg("outage.detection_delay", o.DetectionDelay)
	c.prob("outage.unhandled_loss", o.UnhandledLoss)
	ct := &o.Contingency
	c.nonNeg("outage.contingency.handle_factor", ct.HandleFactor)
	c.nonNeg("outage.contingency.consult_factor", ct.ConsultFactor)
	c.nonNeg("outage.contingency.staff_factor", ct.StaffFactor)
	for r := range ct.Routes {
		rc := &ct.Routes[r]
		p := "outage.contingency.routes." + Route(r).String()
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
				c.add(p+".signpost_to", "%s: want gp_in_hours or ed", rc.SignpostTo)
			}
			c.prob(p+".compliance", rc.Compliance)
		default:
			c.add(p+".mode", "invalid: want manual or closed")
		}
	}
	for i, a := range ct.MutualAid {
		p := fmt.Sprintf("outage.contingency.mutual_aid[%d]", i)
		for _, n := range []struct{ f, v string }{{"from", a.From}, {"to", a.To}} {
			if !services[n.v] || len(n.v) > 4 && n.v[:4] == "ooh:" {
				c.add(p+"."+n.f, "%q is not a front-door service", n.v)
			}
		}
		if a.From == a.To {
			c.add(p, "diverts %q to itself", a.From)
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
			c.add(p, "ends (%v) before it starts (%v)", a.Until, a.At)
		}
	}
	last := map[string]float64{}
	prevAt := math.Inf(-1)
	for i, w := range o.Waves {
		p := fmt.Sprintf("outage.waves[%d]", i)
		if w.At < prevAt {
			c.add(p+".at", "%v s is before the previous wave: list waves in time order", w.At)
		}
		prevAt = w.At
		if w.At < o.Start {
			c.add(p+".at", "%v s is before the outage starts (%v s)", w.At, o.Start)
		}
		c.prob(p+".fraction", w.Fraction)
		if len(w.Services) == 0 && len(w.Systems) == 0 {
			c.add(p+".services", "none: want services or systems to reconnect")
		}
		for j, s := range w.Services {
			if !services[s] {
				c.add(fmt.Sprintf("%s.services[%d]", p, j), "%q: no such service (front doors by name, out-of-hours as ooh:<nation>)", s)
			}
			if w.Fraction < last[s] {
				c.add(fmt.Sprintf("%s.fraction", p), "%v is below the %v already reconnected for %q: fractions are cumulative", w.Fraction, last[s], s)
			}
			last[s] = w.Fraction
		}
	}
	c.nonNeg("outage.back_entry.days", o.BackEntry.Days)
	c.prob("outage.back_entry.fraction", o.BackEntry.Fraction)
}

func anyPositive(xs []float64) bool {
	for _, x := range xs {
		if x > 0 {
			return true
		}
	}
	return false
}

// isDestination reports whether a patient can go there on their own
// (after hanging up or giving up on a call-back).
func isDestination(d Disposition) bool {
	return d == GPInHours || d == ED || d == Ambulance || d == SelfCare
}

func serviceNamed(cfg *Config, name string) *Service {
	for i := range cfg.Services {
		if cfg.Services[i].Name == name {
			return &cfg.Services[i]
		}
	}
	return nil
}
