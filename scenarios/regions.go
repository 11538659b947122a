package scenarios

import (
	"fmt"
	"slices"

	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/model"
)

// overGP lays GP practice settings over base: fields not given keep
// base's. It checks nothing, so needs no builder or path; the model
// checks the values.
func overGP(g *GP, base model.GPPractices) model.GPPractices {
	out := base
	if g == nil {
		return out
	}
	if g.SameDayCapacity != nil {
		out.SameDayCapacity = *g.SameDayCapacity
	}
	if g.BaselineDemand != nil {
		out.BaselineDemand = *g.BaselineDemand
	}
	if g.OverflowToED != nil {
		out.OverflowToED = float64(*g.OverflowToED)
	}
	if g.TriageMinutes != nil {
		out.TriageMinutes = *g.TriageMinutes
	}
	if g.AppointmentShare != nil {
		out.AppointmentShare = float64(*g.AppointmentShare)
	}
	return out
}

// regions converts a nation's regions into the model's, in name order;
// each takes the nation's GP settings for the fields it leaves out, except
// capacity and baseline, which are the region's own.
func (b *builder) regions(path string, which calendar.Nation, n *Nation, nationGP model.GPPractices) {
	if len(n.Regions) == 0 {
		return
	}
	if n.GP != nil && (n.GP.SameDayCapacity != nil || n.GP.BaselineDemand != nil) {
		b.fail(path+".gp", "same_day_capacity and baseline_demand are set per region when a nation has regions (allowed: overflow_to_ed, triage_minutes and appointment_share here, as defaults for its regions)")
	}
	shared := nationGP
	shared.SameDayCapacity, shared.BaselineDemand = 0, 0
	for _, name := range sortedKeys(n.Regions) {
		rp := path + ".regions." + name
		r := n.Regions[name]
		out := model.Region{Name: name, Nation: which, GP: shared}
		if r == nil {
			b.missing(rp, "the region's patients, practices and gp")
			continue
		}
		if r.Patients != nil {
			out.Patients = *r.Patients
		}
		if r.Practices != nil {
			out.Practices = *r.Practices
		}
		if r.GP == nil || r.GP.SameDayCapacity == nil {
			b.missing(rp+".gp.same_day_capacity", "the region's same-day appointments per working day, > 0")
		}
		out.GP = overGP(r.GP, shared)
		b.from(fmt.Sprintf("regions[%d]", len(b.cfg.Regions)), rp)
		b.cfg.Regions = append(b.cfg.Regions, out)
	}
}

// plt applies a nation's protected learning time to its regions.
func (b *builder) plt(path string, n *Nation) {
	p := n.PLT
	if p == nil {
		return
	}
	if len(n.Regions) == 0 {
		b.fail(path, "needs the nation's regions (allowed: plt in a nation with regions)")
		return
	}
	out := model.PLT{CancelDuringOutage: p.CancelDuringOutage, CancelWhen: b.pltRule(path+".cancel_when", p.CancelWhen)}
	if p.Share == nil {
		b.missing(path+".share", "the share of practices that close, e.g. 40%")
	} else {
		out.Share = float64(*p.Share)
	}
	if p.OpenHours != nil {
		out.OpenHours = float64(*p.OpenHours) / 3600
		if out.OpenHours <= 0 {
			b.fail(path+".open_hours", "%s: want a duration above 0", p.OpenHours)
		}
	}
	if p.CoverRate == nil {
		b.missing(path+".cover_rate", "calls to 111 per 1,000 patients per hour, e.g. 0.024")
	} else {
		out.CoverRate = b.nonNeg(path+".cover_rate", *p.CoverRate) / 1000
	}
	length := 4 * 3600.0
	if p.Length != nil {
		length = float64(*p.Length)
		if length <= 0 {
			b.fail(path+".length", "%s: want a duration above 0", p.Length)
		}
	}
	if len(p.Sessions) == 0 {
		b.missing(path+".sessions", "the sessions' start date-times")
	}
	for _, s := range p.Sessions {
		from := s.Time().Sub(b.cfg.Start).Seconds()
		out.Sessions = append(out.Sessions, [2]float64{from, from + length})
	}
	for j, name := range p.Regions {
		if _, ok := n.Regions[name]; !ok {
			b.fail(fmt.Sprintf("%s.regions[%d]", path, j), "unknown region %q (allowed: %v)", name, sortedKeys(n.Regions))
		}
	}
	for i := range b.cfg.Regions {
		r := &b.cfg.Regions[i]
		if _, mine := n.Regions[r.Name]; !mine {
			continue
		}
		if len(p.Regions) == 0 || slices.Contains(p.Regions, r.Name) {
			r.PLT = out
		}
	}
}

// pltRule converts a PLT cancel_when rule (nil for none).
func (b *builder) pltRule(path string, w *PLTRule) *model.PLTRule {
	if w == nil {
		return nil
	}
	out := &model.PLTRule{DecideBefore: 2 * 3600}
	if w.DecideBefore != nil {
		out.DecideBefore = float64(*w.DecideBefore)
		if out.DecideBefore < 0 {
			b.fail(path+".decide_before", "%s: want a duration ≥ 0", w.DecideBefore)
		}
	}
	threshold := func(name string, v *float64) *float64 {
		if v == nil {
			return nil
		}
		x := b.nonNeg(path+"."+name, *v)
		return &x
	}
	out.OOHBacklogAbove = threshold("ooh_backlog_above", w.OOHBacklogAbove)
	out.CallsWaitingAbove = threshold("calls_waiting_above", w.CallsWaitingAbove)
	out.CallbacksWaitingAbove = threshold("callbacks_waiting_above", w.CallbacksWaitingAbove)
	if out.OOHBacklogAbove == nil && out.CallsWaitingAbove == nil && out.CallbacksWaitingAbove == nil {
		b.missing(path, "one or more of ooh_backlog_above, calls_waiting_above, callbacks_waiting_above")
	}
	return out
}

// serviceRegions converts a service's region shares, in name order.
func (b *builder) serviceRegions(path string, svc *Service, modelIndex int) []model.RegionShare {
	var out []model.RegionShare
	for _, name := range sortedKeys(svc.Regions) {
		share := 0.0
		if p := svc.Regions[name]; p != nil {
			share = float64(*p)
		} else {
			b.missing(path+".regions."+name, "the share of the service's patients living there, e.g. 40%")
		}
		b.from(fmt.Sprintf("services[%d].regions[%d]", modelIndex, len(out)), path+".regions."+name)
		out = append(out, model.RegionShare{Region: name, Share: share})
	}
	return out
}
