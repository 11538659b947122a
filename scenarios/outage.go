package scenarios

import (
	"fmt"
	"strings"

	"github.com/outagesim/outagesim/sim/model"
)

func (b *builder) outage(o *Outage) {
	out := &model.Outage{Contingency: model.Contingency{HandleFactor: 1, ConsultFactor: 1, StaffFactor: 1}}
	b.cfg.Outage = out
	if len(o.Systems) == 0 {
		b.missing("outage.systems", "a list of the systems that fail, e.g. [adastra]")
	}
	seen := map[string]bool{}
	for i, s := range o.Systems {
		p := fmt.Sprintf("outage.systems[%d]", i)
		switch {
		case !b.systems[s]:
			b.fail(p, "unknown system %q: no service or out-of-hours service uses it (allowed: %s)", s, strings.Join(sortedKeys(b.systems), ", "))
		case seen[s]:
			b.fail(p, "%q listed twice", s)
		}
		seen[s] = true
	}
	out.Systems = o.Systems
	if o.Start == nil {
		b.missing("outage.start", "a date-time such as 2022-08-04 07:00, or +offset from the scenario start")
	} else {
		out.Start = o.Start.seconds(b.cfg.Start, 0)
		if b.cfg.Horizon > 0 && !(out.Start >= 0 && out.Start < b.cfg.Horizon) {
			b.fail("outage.start", "%s is outside the run (allowed: a time from start up to end)", o.Start)
		}
	}
	if o.DetectionDelay != nil {
		out.DetectionDelay = float64(*o.DetectionDelay)
	}
	if o.UnhandledLoss != nil {
		out.UnhandledLoss = float64(*o.UnhandledLoss)
	}
	if c := o.Contingency; c != nil {
		for _, f := range []struct {
			name string
			src  *float64
			dst  *float64
		}{
			{"handle_factor", c.HandleFactor, &out.Contingency.HandleFactor},
			{"consult_factor", c.ConsultFactor, &out.Contingency.ConsultFactor},
			{"staff_factor", c.StaffFactor, &out.Contingency.StaffFactor},
		} {
			if f.src != nil {
				*f.dst = b.positive("outage.contingency."+f.name, *f.src)
			}
		}
		if c.Routes != nil {
			b.routes(c.Routes, &out.Contingency)
		}
		for i, m := range c.MutualAid {
			out.Contingency.MutualAid = append(out.Contingency.MutualAid, b.mutualAid(fmt.Sprintf("outage.contingency.mutual_aid[%d]", i), m, out.Start))
		}
	}
	b.waves(o.Waves, out)
	if be := o.BackEntry; be != nil {
		if be.Days != nil {
			out.BackEntry.Days = b.nonNeg("outage.back_entry.days", *be.Days)
		}
		if be.Fraction != nil {
			out.BackEntry.Fraction = float64(*be.Fraction)
		}
	}
}

func (b *builder) routes(rs *Routes, out *model.Contingency) {
	all := rs.All
	if all == nil {
		all = &RouteContingency{}
	}
	for _, f := range namedFields(rs) {
		if f.name == "all" {
			continue
		}
		r, err := model.ParseRoute(f.name)
		if err != nil {
			panic(err) // the Routes fields are the model's route names
		}
		own := f.v.Interface().(*RouteContingency)
		if own == nil {
			own = &RouteContingency{}
		}
		rc := *own
		// where returns the path of a field: the route's own, or all's.
		where := func(field string, ownSet bool) string {
			if ownSet {
				return "outage.contingency.routes." + f.name + "." + field
			}
			return "outage.contingency.routes.all." + field
		}
		if rc.Mode == "" {
			rc.Mode = all.Mode
		}
		if rc.SenderTime == nil {
			rc.SenderTime = all.SenderTime
		}
		if rc.Delay == nil {
			rc.Delay = all.Delay
		}
		if rc.LossProb == nil {
			rc.LossProb = all.LossProb
		}
		if rc.SignpostTo == "" {
			rc.SignpostTo = all.SignpostTo
		}
		if rc.Compliance == nil {
			rc.Compliance = all.Compliance
		}
		var m model.RouteContingency
		modePath := where("mode", own.Mode != "")
		// A field the route inherits from all but its mode does not use is
		// ignored; one the route gives itself is an error.
		switch rc.Mode {
		case "", "manual":
			m.Mode = model.Manual
			m.SenderTime = b.dist(where("sender_time", own.SenderTime != nil), rc.SenderTime, "")
			m.Delay = b.dist(where("delay", own.Delay != nil), rc.Delay, "")
			if rc.LossProb != nil {
				m.LossProb = float64(*rc.LossProb)
			}
			if own.SignpostTo != "" {
				b.fail(where("signpost_to", true), "not used when mode is manual (allowed: sender_time, delay, loss_prob)")
			}
			if own.Compliance != nil {
				b.fail(where("compliance", true), "not used when mode is manual (allowed: sender_time, delay, loss_prob)")
			}
		case "closed":
			m.Mode = model.Closed
			for _, x := range []struct {
				name string
				own  bool
			}{{"sender_time", own.SenderTime != nil}, {"delay", own.Delay != nil}, {"loss_prob", own.LossProb != nil}} {
				if x.own {
					b.fail(where(x.name, true), "not used when mode is closed (allowed: signpost_to, compliance)")
				}
			}
			switch rc.SignpostTo {
			case "gp_in_hours":
				m.SignpostTo = model.GPInHours
			case "ed":
				m.SignpostTo = model.ED
			case "":
				b.missing(where("signpost_to", true), "gp_in_hours or ed")
			default:
				b.fail(where("signpost_to", own.SignpostTo != ""), "%q (allowed: gp_in_hours, ed)", rc.SignpostTo)
			}
			m.Compliance = 1
			if rc.Compliance != nil {
				m.Compliance = float64(*rc.Compliance)
			}
		default:
			b.fail(modePath, "%q (allowed: manual, closed)", rc.Mode)
		}
		out.Routes[r] = m
	}
}

func (b *builder) mutualAid(path string, m MutualAid, outageStart float64) model.MutualAid {
	out := model.MutualAid{From: m.From, To: m.To, At: outageStart, Until: b.cfg.Horizon}
	for _, f := range []struct{ name, v string }{{"from", m.From}, {"to", m.To}} {
		switch {
		case f.v == "":
			b.missing(path+"."+f.name, "a front-door service name")
		case !b.frontDoors[f.v]:
			b.fail(path+"."+f.name, "unknown service %q (allowed: %s)", f.v, strings.Join(sortedKeys(b.frontDoors), ", "))
		}
	}
	if m.From != "" && m.From == m.To {
		b.fail(path+".to", "%q diverts to itself (allowed: another service)", m.To)
	}
	if m.Share == nil {
		b.missing(path+".share", "the share of calls diverted, e.g. 20%")
	} else {
		out.Share = float64(*m.Share)
	}
	if m.At != nil {
		out.At = m.At.seconds(b.cfg.Start, outageStart)
	}
	if m.Until != nil {
		out.Until = m.Until.seconds(b.cfg.Start, outageStart)
	}
	if !(out.Until > out.At) {
		b.fail(path+".until", "ends before it starts (allowed: a time after at)")
	}
	return out
}

func (b *builder) waves(ws []Wave, out *model.Outage) {
	last := map[string]float64{}
	prev := out.Start
	for i, w := range ws {
		p := fmt.Sprintf("outage.waves[%d]", i)
		var mw model.Wave
		if w.At == nil {
			b.missing(p+".at", "a date-time, or +offset from the outage start")
		} else {
			mw.At = w.At.seconds(b.cfg.Start, out.Start)
			switch {
			case mw.At < out.Start:
				b.fail(p+".at", "%s is before the outage starts (allowed: a time at or after outage.start)", w.At)
			case mw.At < prev:
				b.fail(p+".at", "%s is before the previous wave (allowed: waves in time order)", w.At)
			}
			prev = max(prev, mw.At)
		}
		if w.Fraction == nil {
			b.missing(p+".fraction", "the cumulative share of sites reconnected, e.g. 50%")
		} else {
			mw.Fraction = float64(*w.Fraction)
		}
		if len(w.Services) == 0 {
			b.missing(p+".services", "front-door service names, or ooh:<nation>")
		}
		for j, s := range w.Services {
			sp := fmt.Sprintf("%s.services[%d]", p, j)
			if !b.frontDoors[s] && !b.oohNames[s] {
				b.fail(sp, "unknown service %q (allowed: %s)", s, strings.Join(append(sortedKeys(b.frontDoors), sortedKeys(b.oohNames)...), ", "))
				continue
			}
			if w.Fraction != nil && mw.Fraction < last[s] {
				b.fail(p+".fraction", "%s is below the %s already reconnected for %q (allowed: cumulative fractions that never decrease)", percent(mw.Fraction), percent(last[s]), s)
			}
			last[s] = max(last[s], mw.Fraction)
		}
		mw.Services = w.Services
		out.Waves = append(out.Waves, mw)
	}
}
