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

// NoOps finds the outage entries that change nothing: a wave naming a
// service or system the outage never touches, an isolation or a
// disconnection of systems no service uses, mutual aid that starts after
// the run. A planner who wrote them meant something else.
func (cfg *Config) NoOps() []Warning {
	o := cfg.Outage
	if o == nil {
		return nil
	}
	var out []Warning
	warn := func(path, format string, args ...any) {
		out = append(out, Warning{path, fmt.Sprintf(format, args...)})
	}
	touched := map[string]bool{}    // clients with an exposure
	exposedSys := map[string]bool{} // systems some client loses
	for _, c := range cfg.clients() {
		for _, s := range cfg.clientSystems(c) {
			if cfg.exposureOf(c, s) != nil {
				touched[c], exposedSys[s] = true, true
			}
		}
	}
	used := map[string]bool{}
	for _, c := range cfg.clients() {
		for _, s := range cfg.clientSystems(c) {
			used[s] = true
		}
	}
	for i, w := range o.Waves {
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
	}
	for i, iso := range o.Isolations {
		if !slices.ContainsFunc(iso.Systems, func(s string) bool { return used[s] }) {
			warn(fmt.Sprintf("outage.isolations[%d]", i), "no service uses %s, so isolating it changes nothing", list(iso.Systems))
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
		if until <= 0 || d.From >= cfg.Horizon {
			warn(fmt.Sprintf("outage.disconnections[%d]", i), "it lies wholly outside the run")
		} else if !hit {
			warn(fmt.Sprintf("outage.disconnections[%d]", i), "none of %s uses %s's systems (%s), so disconnecting changes nothing",
				list(d.Services), d.Supplier, list(d.Systems))
		}
	}
	for i, a := range o.Contingency.MutualAid {
		if a.At >= cfg.Horizon {
			warn(fmt.Sprintf("outage.contingency.mutual_aid[%d].at", i), "the aid starts after the end of the run")
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
