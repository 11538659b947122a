package model

import (
	"math"
	"slices"
	"sort"
)

// An exposure is how one system fails for one client (a front door, or an
// OOH service "ooh:<nation>"): down from `from` until `end` unless the
// client's site is among the fraction reconnected by waves, and wholly
// down while the client has cut itself off (`cuts`, [from, until) pairs).
type exposure struct {
	from, end float64
	restored  []step
	cuts      [][2]float64
}

// downAt reports whether the system is down at t for the client's site u
// (a uniform: sites below the reconnected fraction are back).
func (e *exposure) downAt(u, t float64) bool {
	if e == nil {
		return false
	}
	for _, c := range e.cuts {
		if t >= c[0] && t < c[1] {
			return true
		}
	}
	return t >= e.from && t < e.end && u >= valueAt(e.restored, t)
}

// fraction is the share of the client's sites with the system at t.
func (e *exposure) fraction(t float64) float64 {
	for _, c := range e.cuts {
		if t >= c[0] && t < c[1] {
			return 0
		}
	}
	if t < e.from || t >= e.end {
		return 1
	}
	return valueAt(e.restored, t)
}

// backAt is when every site has the system back for good (+Inf: never).
func (e *exposure) backAt() float64 {
	back := math.Inf(-1)
	if !math.IsInf(e.from, 1) {
		back = e.end
		for _, s := range e.restored {
			if s.v >= 1 && s.at < e.end {
				back = max(s.at, e.from)
				break
			}
		}
	}
	for _, c := range e.cuts {
		back = max(back, c[1])
	}
	return back
}

// changes are the times the exposure starts to come back: waves, its end
// and the end of each cut (finite ones only).
func (e *exposure) changes() []float64 {
	var ts []float64
	for _, s := range e.restored {
		if s.at >= e.from && s.at < e.end {
			ts = append(ts, s.at)
		}
	}
	if !math.IsInf(e.end, 1) {
		ts = append(ts, e.end)
	}
	for _, c := range e.cuts {
		if !math.IsInf(c[1], 1) {
			ts = append(ts, c[1])
		}
	}
	return ts
}

// breaks are the times at which the exposure's fraction may change.
func (e *exposure) breaks() []float64 {
	ts := []float64{e.from, e.end}
	for _, s := range e.restored {
		ts = append(ts, s.at)
	}
	for _, c := range e.cuts {
		ts = append(ts, c[0], c[1])
	}
	return ts
}

// clientSystems lists the systems a client uses, in a fixed order.
func (cfg *Config) clientSystems(client string) []string {
	var out []string
	add := func(s string) {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for i := range cfg.Services {
		if s := &cfg.Services[i]; s.Name == client {
			for _, x := range s.Systems {
				add(x)
			}
			for _, x := range s.RouteSystems {
				add(x)
			}
		}
	}
	for i := range cfg.Nations {
		if n := &cfg.Nations[i]; "ooh:"+n.Nation.String() == client && len(n.OOH.Priorities) > 0 {
			add(n.OOH.System)
		}
	}
	return out
}

// clients lists the front doors, then the OOH services, by name.
func (cfg *Config) clients() []string {
	var out []string
	for i := range cfg.Services {
		out = append(out, cfg.Services[i].Name)
	}
	for i := range cfg.Nations {
		if len(cfg.Nations[i].OOH.Priorities) > 0 {
			out = append(out, "ooh:"+cfg.Nations[i].Nation.String())
		}
	}
	return out
}

// exposureOf is how system sys fails for client, or nil if it never does.
func (cfg *Config) exposureOf(client, sys string) *exposure {
	o := cfg.Outage
	if o == nil || sys == "" {
		return nil
	}
	end := math.Inf(1)
	if o.End > o.Start {
		end = o.End
	}
	var e *exposure
	switch {
	case slices.Contains(o.Systems, sys):
		e = &exposure{from: o.Start, end: end}
	default:
		for _, iso := range o.Isolations {
			if slices.Contains(iso.Systems, sys) {
				isoEnd := end
				if iso.End > iso.Start {
					isoEnd = iso.End
				}
				e = &exposure{from: iso.Start, end: isoEnd}
				break
			}
		}
	}
	for _, d := range o.Disconnections {
		if slices.Contains(d.Services, client) && slices.Contains(d.Systems, sys) {
			if e == nil {
				e = &exposure{from: math.Inf(1), end: math.Inf(1)}
			}
			until := math.Inf(1)
			if d.Until > d.From {
				until = d.Until
			}
			e.cuts = append(e.cuts, [2]float64{d.From, until})
		}
	}
	if e == nil {
		return nil
	}
	for _, w := range o.Waves {
		if slices.Contains(w.Services, client) || slices.Contains(w.Systems, sys) {
			e.restored = append(e.restored, step{w.At, w.Fraction})
		}
	}
	sort.SliceStable(e.restored, func(i, j int) bool { return e.restored[i].at < e.restored[j].at })
	return e
}

// exposures are a client's exposures, one per system it uses that fails.
func (cfg *Config) exposures(client string) []*exposure {
	var out []*exposure
	for _, s := range cfg.clientSystems(client) {
		if e := cfg.exposureOf(client, s); e != nil {
			out = append(out, e)
		}
	}
	return out
}

// clientFraction is the share of a client's sites with every system at t.
func clientFraction(es []*exposure, t float64) float64 {
	f := 1.0
	for _, e := range es {
		f = min(f, e.fraction(t))
	}
	return f
}
