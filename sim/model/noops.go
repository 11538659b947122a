package model

import (
	"fmt"
	"slices"
	"strings"
)

// Warning is a part of a configuration that is valid but changes nothing,
// with the path of the field (in the scenario file's terms, e.g.
// "outage.waves[2].services[0]").
type Warning struct {
	Path, Msg string
}

// NoOps finds the outage entries that change nothing: a failed system
// whose every use already fails through another system down over the same
// period; a wave naming a service or system the outage never touches, or
// bringing back only sites already back; an isolation or a disconnection
// of systems no service uses, or of systems already down whenever it
// would take them; mutual aid that starts after the run. A planner who
// wrote them meant something else. So is a PLT cancellation rule that
// has no session of the run to decide.
func (cfg *Config) NoOps() []Warning {
	out := cfg.pltNoOps()
	o := cfg.Outage
	if o == nil {
		return out
	}
	warn := func(path, format string, args ...any) {
		out = append(out, Warning{path, fmt.Sprintf(format, args...)})
	}
	touched := map[string]bool{}    // clients with an exposure
	exposedSys := map[string]bool{} // systems some client loses
	used := map[string]bool{}       // systems some client uses
	for _, c := range cfg.clients() {
		for _, s := range cfg.clientSystems(c) {
			used[s] = true
			if cfg.exposureOf(c, s) != nil {
				touched[c], exposedSys[s] = true, true
			}
		}
	}
	for i, s := range o.Systems {
		if exposedSys[s] && cfg.redundantSystem(s) {
			warn(fmt.Sprintf("outage.systems[%d]", i), "every route and service that uses %s already fails through %s, down at the same times and sites, so its failure changes nothing",
				s, list(cfg.alsoDown(s)))
		}
	}
	for i, w := range o.Waves {
		warned := len(out)
		for j, s := range w.Services {
			if !touched[s] {
				warn(fmt.Sprintf("outage.waves[%d].services[%d]", i, j), "%s is never affected by the outage, so reconnecting it changes nothing", s)
			}
		}
		for j, s := range w.Systems {
			if !exposedSys[s] {
				warn(fmt.Sprintf("outage.waves[%d].systems[%d]", i, j), "no service loses %s, so reconnecting it changes nothing", s)
			}
		}
		// A wave after the run is what cutting a scenario short leaves:
		// harmless, and too common to warn about.
		if len(out) == warned && w.At < cfg.Horizon && cfg.sameRun(cfg.without(func(o *Outage) { o.Waves = slices.Delete(o.Waves, i, i+1) })) {
			warn(fmt.Sprintf("outage.waves[%d]", i), "every site it reconnects is already back at that time, so it changes nothing")
		}
	}
	for i, iso := range o.Isolations {
		if !slices.ContainsFunc(iso.Systems, func(s string) bool { return used[s] }) {
			warn(fmt.Sprintf("outage.isolations[%d]", i), "no service uses %s, so isolating it changes nothing", list(iso.Systems))
		} else if cfg.sameRun(cfg.without(func(o *Outage) { o.Isolations = slices.Delete(o.Isolations, i, i+1) })) {
			warn(fmt.Sprintf("outage.isolations[%d]", i), "%s is already down wherever and whenever it would be isolated (hit by the outage, cut off, or after the run), so isolating it changes nothing",
				list(iso.Systems))
		}
	}
	for i, d := range o.Disconnections {
		hit := false
		for _, c := range d.Services {
			for _, s := range cfg.clientSystems(c) {
				hit = hit || slices.Contains(d.Systems, s)
			}
		}
		until := d.Until
		if until <= d.From {
			until = cfg.Horizon
		}
		switch {
		case until <= 0 || d.From >= cfg.Horizon:
			warn(fmt.Sprintf("outage.disconnections[%d]", i), "it lies wholly outside the run")
		case !hit:
			warn(fmt.Sprintf("outage.disconnections[%d]", i), "none of %s uses %s's systems (%s), so disconnecting changes nothing",
				list(d.Services), d.Supplier, list(d.Systems))
		case cfg.sameRun(cfg.without(func(o *Outage) { o.Disconnections = slices.Delete(o.Disconnections, i, i+1) })):
			warn(fmt.Sprintf("outage.disconnections[%d]", i), "%s already lose %s's systems whenever they would cut themselves off, so disconnecting changes nothing",
				list(d.Services), d.Supplier)
		}
	}
	for i, a := range o.Contingency.MutualAid {
		if a.At >= cfg.Horizon {
			warn(fmt.Sprintf("outage.contingency.mutual_aid[%d].at", i), "the aid starts after the end of the run")
		}
	}
	return out
}

// pltNoOps warns, once a nation, of a PLT cancel_when rule with no session
// to decide: none starts within the run, or the outage already cancels
// every one that does.
func (cfg *Config) pltNoOps() []Warning {
	var out []Warning
	sessions := cfg.pltSessions()
	for k := range cfg.Nations {
		n := cfg.Nations[k].Nation
		ruled := false
		for _, r := range cfg.Regions {
			ruled = ruled || (r.Nation == n && r.PLT.CancelWhen != nil)
		}
		if !ruled {
			continue
		}
		decides := slices.ContainsFunc(sessions, func(s pltSession) bool { return s.ruled && cfg.Regions[s.region].Nation == n })
		if !decides {
			out = append(out, Warning{fmt.Sprintf("nations[%d].plt.cancel_when", k),
				"no session of the run is left for it to decide (none starts within the run, or the outage cancels each one), so it changes nothing"})
		}
	}
	return out
}

func list(xs []string) string {
	if len(xs) == 0 {
		return "nothing"
	}
	return strings.Join(xs, ", ")
}

// A use is a set of (client, system) pairs that fails when any of them
// does: a service's call handling, one of its referral routes (the OOH
// route also needs the nation's OOH system), an OOH service's consults.
type use [][2]string

// uses lists what a client does with systems, each failing on its own.
func (cfg *Config) uses(client string) []use {
	var out []use
	for i := range cfg.Services {
		sc := &cfg.Services[i]
		if sc.Name != client {
			continue
		}
		out = append(out, use{{client, sc.Systems[CallHandling]}})
		for r := range NumRoutes {
			u := use{{client, sc.routeSystem(r)}}
			if r == RouteOOH {
				for j := range cfg.Nations {
					if n := &cfg.Nations[j]; n.Nation == sc.Nation {
						u = append(u, [2]string{"ooh:" + n.Nation.String(), n.OOH.System})
					}
				}
			}
			out = append(out, u)
		}
	}
	for i := range cfg.Nations {
		if n := &cfg.Nations[i]; "ooh:"+n.Nation.String() == client {
			out = append(out, use{{client, n.OOH.System}})
		}
	}
	return out
}

// routeSystem is the system route r travels through ("" for none): the
// route's own, else booking for GP booking, else the referral system.
func (sc *Service) routeSystem(r Route) string {
	switch {
	case sc.RouteSystems[r] != "":
		return sc.RouteSystems[r]
	case r == RouteGPBooking && sc.Systems[Booking] != "":
		return sc.Systems[Booking]
	}
	return sc.Systems[Referral]
}

// without is cfg with a copy of its outage that edit changes.
func (cfg *Config) without(edit func(o *Outage)) *Config {
	o := *cfg.Outage
	o.Systems = slices.Clone(o.Systems)
	o.Isolations = slices.Clone(o.Isolations)
	o.Disconnections = slices.Clone(o.Disconnections)
	o.Waves = slices.Clone(o.Waves)
	edit(&o)
	alt := *cfg
	alt.Outage = &o
	return &alt
}

// redundantSystem reports whether the outage's failure of sys changes
// nothing. A planner who names a system on an OOH route while the OOH
// system is down over the same period has written such a failure.
func (cfg *Config) redundantSystem(sys string) bool {
	return cfg.sameRun(cfg.without(func(o *Outage) {
		o.Systems = slices.DeleteFunc(o.Systems, func(s string) bool { return s == sys })
	}))
}

// sameRun reports whether alt's outage (cfg's with one entry less) runs
// exactly as cfg's within the run: every use of every client fails for the
// same sites at the same times, every client's staff factor and
// back-entry change at the same times, and the periods are the same.
func (cfg *Config) sameRun(alt *Config) bool {
	if !slices.Equal(cfg.Periods(), alt.Periods()) {
		return false
	}
	// Every fraction is constant from one break of an exposure to the
	// next, so comparing at each break inside the run (and at its start)
	// compares all of it.
	ts := []float64{0}
	for _, c := range cfg.clients() {
		for _, u := range cfg.uses(c) {
			for _, x := range []*Config{cfg, alt} {
				for _, cs := range u {
					if e := x.exposureOf(cs[0], cs[1]); e != nil {
						for _, t := range e.breaks() {
							if t > 0 && t < cfg.Horizon {
								ts = append(ts, t)
							}
						}
					}
				}
			}
		}
	}
	for _, c := range cfg.clients() {
		a, b := cfg.exposures(c), alt.exposures(c)
		if !slices.Equal(cfg.changeSet(a), cfg.changeSet(b)) {
			return false
		}
		for _, t := range ts {
			if clientFraction(a, t) != clientFraction(b, t) {
				return false
			}
		}
		for _, u := range cfg.uses(c) {
			for _, t := range ts {
				if cfg.useFraction(u, t) != alt.useFraction(u, t) {
					return false
				}
			}
		}
	}
	return true
}

// useFraction is the share of sites for which every system of u is up.
func (cfg *Config) useFraction(u use, t float64) float64 {
	f := 1.0
	for _, cs := range u {
		if e := cfg.exposureOf(cs[0], cs[1]); e != nil {
			f = min(f, e.fraction(t))
		}
	}
	return f
}

// changeSet is the sorted distinct times before the end of the run at
// which exposures change: what back-entry and the phases depend on.
func (cfg *Config) changeSet(es []*exposure) []float64 {
	var ts []float64
	for _, e := range es {
		for _, t := range e.changes() {
			if t < cfg.Horizon {
				ts = append(ts, t)
			}
		}
	}
	slices.Sort(ts)
	return slices.Compact(ts)
}

// alsoDown lists the other failing systems that the clients of sys use
// alongside it, for the warning.
func (cfg *Config) alsoDown(sys string) []string {
	var out []string
	for _, c := range cfg.clients() {
		for _, u := range cfg.uses(c) {
			if !slices.Contains(u, [2]string{c, sys}) {
				continue
			}
			for _, cs := range u {
				if cs[1] != sys && cfg.exposureOf(cs[0], cs[1]) != nil {
					out = append(out, cs[1])
				}
			}
		}
		if cfg.exposureOf(c, sys) == nil {
			continue
		}
		for _, s := range cfg.clientSystems(c) {
			if s != sys && cfg.exposureOf(c, s) != nil {
				out = append(out, s)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
