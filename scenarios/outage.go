package scenarios

import (
	"fmt"
	"slices"
	"strings"

	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/model"
)

func (b *builder) outage(o *Outage) {
	out := &model.Outage{Contingency: model.Contingency{HandleFactor: 1, ConsultFactor: 1, StaffFactor: 1}}
	b.cfg.Outage = out
	if len(o.Systems) == 0 && len(o.Isolations) == 0 && len(o.Disconnections) == 0 {
		b.missing("outage.systems", "a list of the systems that fail, e.g. [adastra] (or isolations or disconnections)")
	}
	out.Systems = o.Systems
	owner := map[string]string{}
	for _, name := range sortedKeys(b.s.Suppliers) {
		if len(b.s.Suppliers[name]) == 0 {
			b.fail("suppliers."+name, "no systems (allowed: a list of system names)")
		}
		for j, sys := range b.s.Suppliers[name] {
			if other, ok := owner[sys]; ok {
				b.fail(fmt.Sprintf("suppliers.%s[%d]", name, j), "%q already belongs to %s (allowed: each system under one supplier)", sys, other)
			}
			owner[sys] = name
		}
	}
	if o.Start == nil {
		b.missing("outage.start", "a date-time such as 2022-08-04 07:00, or +offset from the scenario start")
	} else {
		out.Start = o.Start.seconds(b.cfg.Start, 0)
	}
	if o.End != nil {
		out.End = o.End.seconds(b.cfg.Start, out.Start)
	}
	for i, iso := range o.Isolations {
		out.Isolations = append(out.Isolations, b.isolation(fmt.Sprintf("outage.isolations[%d]", i), iso, out))
	}
	for i, d := range o.Disconnections {
		out.Disconnections = append(out.Disconnections, b.disconnection(fmt.Sprintf("outage.disconnections[%d]", i), d, out))
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
			out.BackEntry.Days = *be.Days
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
		// The model names the route's fields as the route's own; record
		// which were inherited from all.
		mp := "outage.contingency.routes." + f.name + "."
		for _, x := range []struct {
			name     string
			own, all bool
		}{
			{"mode", own.Mode != "", all.Mode != ""},
			{"sender_time", own.SenderTime != nil, all.SenderTime != nil},
			{"delay", own.Delay != nil, all.Delay != nil},
			{"loss_prob", own.LossProb != nil, all.LossProb != nil},
			{"signpost_to", own.SignpostTo != "", all.SignpostTo != ""},
			{"compliance", own.Compliance != nil, all.Compliance != nil},
		} {
			// A field given nowhere belongs to the route itself.
			b.from(mp+x.name, where(x.name, x.own || !x.all))
		}
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
		if f.v == "" {
			b.missing(path+"."+f.name, "a front-door service name")
		}
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
	if m.StaffFactor != nil {
		out.StaffFactor = b.positive(path+".staff_factor", *m.StaffFactor)
	}
	return out
}

// supplier checks a supplier name and returns its systems.
func (b *builder) supplier(path, name string) []string {
	if name == "" {
		b.missing(path, "a supplier named under suppliers")
		return nil
	}
	systems, ok := b.s.Suppliers[name]
	if !ok {
		b.fail(path, "unknown supplier %q (allowed: %s)", name, strings.Join(sortedKeys(b.s.Suppliers), ", "))
	}
	return systems
}

// isolation converts a supplier's precautionary isolation.
func (b *builder) isolation(path string, iso Isolation, out *model.Outage) model.Isolation {
	m := model.Isolation{Supplier: iso.Supplier, Start: out.Start}
	own := b.supplier(path+".supplier", iso.Supplier)
	if len(iso.Systems) > 0 {
		for j, s := range iso.Systems {
			if own != nil && !slices.Contains(own, s) {
				b.fail(fmt.Sprintf("%s.systems[%d]", path, j), "%q is not a system of %s (allowed: %s)", s, iso.Supplier, strings.Join(own, ", "))
			}
		}
		m.Systems = iso.Systems
	} else {
		for _, s := range own {
			if !slices.Contains(out.Systems, s) {
				m.Systems = append(m.Systems, s)
			}
		}
	}
	if iso.Start != nil {
		m.Start = iso.Start.seconds(b.cfg.Start, out.Start)
	}
	if iso.End != nil {
		m.End = iso.End.seconds(b.cfg.Start, out.Start)
	}
	return m
}

// disconnection converts a customer's precautionary disconnection.
func (b *builder) disconnection(path string, d Disconnection, out *model.Outage) model.Disconnection {
	m := model.Disconnection{Supplier: d.Supplier, From: out.Start, Systems: b.supplier(path+".supplier", d.Supplier)}
	// The file's services come first, so the model's services[j] is the
	// file's for j below their count; a nation adds all its services.
	m.Services = append(m.Services, d.Services...)
	for j, n := range d.Nations {
		nation, err := calendar.ParseNation(n)
		known := false
		for _, e := range b.s.Nations.each() {
			if err != nil || e.nation != nation || e.n == nil {
				continue
			}
			known = true
			m.Services = append(m.Services, sortedKeys(e.n.Services)...)
		}
		if !known {
			b.fail(fmt.Sprintf("%s.nations[%d]", path, j), "unknown nation %q (allowed: the scenario's nations)", n)
			continue
		}
		m.Services = append(m.Services, "ooh:"+n)
	}
	if len(m.Services) == 0 {
		b.missing(path+".services", "services (front doors or ooh:<nation>) or nations")
	}
	if d.From != nil {
		m.From = d.From.seconds(b.cfg.Start, out.Start)
	}
	if d.Until != nil {
		m.Until = d.Until.seconds(b.cfg.Start, out.Start)
	}
	return m
}

func (b *builder) waves(ws []Wave, out *model.Outage) {
	systems := b.usedSystems()
	for i, w := range ws {
		p := fmt.Sprintf("outage.waves[%d]", i)
		var mw model.Wave
		if w.At == nil {
			b.missing(p+".at", "a date-time, or +offset from the outage start")
		} else {
			mw.At = w.At.seconds(b.cfg.Start, out.Start)
		}
		if w.Fraction == nil {
			b.missing(p+".fraction", "the cumulative share of sites reconnected, e.g. 50%")
		} else {
			mw.Fraction = float64(*w.Fraction)
		}
		if len(w.Services) == 0 && len(w.Systems) == 0 && len(w.Suppliers) == 0 {
			b.missing(p+".services", "front-door service names or ooh:<nation>; or systems, or suppliers")
		}
		for j, s := range w.Systems {
			// Only the file knows suppliers, so this check is the file's.
			if !systems[s] && !b.supplierSystem(s) {
				b.fail(fmt.Sprintf("%s.systems[%d]", p, j), "unknown system %q (allowed: %s)", s, strings.Join(sortedKeys(systems), ", "))
			}
			mw.Systems = append(mw.Systems, s)
		}
		for j, sup := range w.Suppliers {
			mw.Systems = append(mw.Systems, b.supplier(fmt.Sprintf("%s.suppliers[%d]", p, j), sup)...)
		}
		mw.Services = w.Services
		out.Waves = append(out.Waves, mw)
	}
}

// supplierSystem reports whether s is some supplier's system.
func (b *builder) supplierSystem(s string) bool {
	for _, systems := range b.s.Suppliers {
		if slices.Contains(systems, s) {
			return true
		}
	}
	return false
}

// usedSystems are the systems the converted services and out-of-hours
// services use.
func (b *builder) usedSystems() map[string]bool {
	used := map[string]bool{}
	for _, s := range b.cfg.Services {
		for _, x := range append(s.Systems[:], s.RouteSystems[:]...) {
			if x != "" {
				used[x] = true
			}
		}
	}
	for _, n := range b.cfg.Nations {
		if n.OOH.System != "" {
			used[n.OOH.System] = true
		}
	}
	return used
}
