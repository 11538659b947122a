package scenarios

import (
	"fmt"
	"strings"

	"github.com/outagesim/outagesim/sim/model"
)

// Caps on the work one command may ask for. They keep a scenario from a
// pull request, or a typo (calls_per_day: 1e8, a surge factor of 1e6),
// from exhausting a CI machine's memory or time; docs/scenarios.md lists
// them. The work caps are checked against model.Estimate before anything
// runs, and every error names the field or flag and the cap.
const (
	// MaxReplications bounds a scenario's replications, -reps and a
	// baseline's replications. The library's scenarios use 5 to 30.
	MaxReplications = 10_000
	// MaxSweepPoints bounds the points of a sweep's grid.
	MaxSweepPoints = 1_000
)

// Limits are the caps on the estimated work of one command. Scale
// multiplies them all, for the flag that raises them knowingly.
type Limits struct {
	// ContactsPerRun and EventsPerRun bound one run (one replication, or
	// its counterfactual); BytesPerRun its estimated peak memory.
	ContactsPerRun, EventsPerRun, BytesPerRun float64
	// ContactsTotal bounds every run of the command together: the time it
	// takes (about 1–2 million contacts a second per core).
	ContactsTotal float64
}

// DefaultLimits are the caps without -max-work. adastra-2022, the largest
// library scenario, offers 6.6 million contacts per run and 130 million
// over its 10 replications and their counterfactuals.
var DefaultLimits = Limits{
	ContactsPerRun: 50e6,
	EventsPerRun:   200e6,
	BytesPerRun:    4 << 30,
	ContactsTotal:  2e9,
}

// Scale returns the limits multiplied by f.
func (l Limits) Scale(f float64) Limits {
	return Limits{l.ContactsPerRun * f, l.EventsPerRun * f, l.BytesPerRun * f, l.ContactsTotal * f}
}

// CheckWork estimates the work of runs runs of the scenario (a replication
// with its counterfactual is two) and returns an Errors naming the field
// that drives it (the busiest nation's calls_per_day, or a surge factor if
// one is large) when it exceeds a cap. raise is how to raise the caps, for
// the message (e.g. "-max-work 10").
func (s *Scenario) CheckWork(cfg *model.Config, runs int, lim Limits, raise string) (model.Work, error) {
	w, err := model.Estimate(cfg)
	if err != nil {
		return w, err
	}
	var over []string
	add := func(what string, got, limit float64, unit string) {
		if got > limit || got != got {
			over = append(over, fmt.Sprintf("%s %s (cap %s)", what, human(got, unit), human(limit, unit)))
		}
	}
	add("contacts per run", w.Contacts, lim.ContactsPerRun, "")
	add("events per run", w.Events, lim.EventsPerRun, "")
	add("memory per run", w.Bytes, lim.BytesPerRun, "B")
	add("contacts over all runs", w.Contacts*float64(runs), lim.ContactsTotal, "")
	if len(over) == 0 {
		return w, nil
	}
	nation := w.Largest.String()
	path := "nations." + nation + ".demand.calls_per_day"
	if n := s.nation(nation); n != nil {
		for i, sg := range n.Surges {
			if sg.Factor != nil && float64(*sg.Factor) > 10 {
				path = fmt.Sprintf("nations.%s.surges[%d].factor", nation, i)
			}
		}
	}
	p := s.src.where(path)
	return w, Errors{{File: p.file, Line: p.line, Column: p.column, Path: path, Msg: fmt.Sprintf(
		"the run would be too large: about %s (allowed: within the caps; lower the demand, a surge factor, the horizon or "+
			"the replications, or raise every cap with %s if the machine can take it)", strings.Join(over, ", "), raise)}}
}

// nation returns the scenario's nation called name, or nil.
func (s *Scenario) nation(name string) *Nation {
	for _, e := range s.Nations.each() {
		if e.nation.String() == name {
			return e.n
		}
	}
	return nil
}

// human writes a large number with a metric prefix: 6.6M, 4.3 GB.
func human(x float64, unit string) string {
	for _, p := range []struct {
		f float64
		s string
	}{{1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}} {
		if x >= p.f*0.9995 {
			return fmt.Sprintf("%.3g %s%s", x/p.f, p.s, unit)
		}
	}
	return strings.TrimSpace(fmt.Sprintf("%.3g %s", x, unit))
}
