package scenarios

import (
	"fmt"

	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/model"
)

// gp converts GP practice settings; fields not given keep base's.
func (b *builder) gp(path string, g *GP, base model.GPPractices) model.GPPractices {
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
		out.GP = b.gp(rp+".gp", r.GP, shared)
		b.from(fmt.Sprintf("regions[%d]", len(b.cfg.Regions)), rp)
		b.cfg.Regions = append(b.cfg.Regions, out)
	}
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
