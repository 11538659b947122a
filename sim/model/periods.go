package model

import (
	"slices"
)

// Period is a stretch of the run measured on its own: before the outage,
// while it is down, while it recovers, after, the whole outage window, or
// the whole run. From and To are sim seconds; To is exclusive.
type Period struct {
	Name     string
	From, To float64
}

// Period names. Before, Down, Recovery and After partition the run (those
// that are empty are left out); OutageWindow is Down and Recovery
// together; Run is everything.
const (
	PeriodBefore       = "before"
	PeriodDown         = "down"
	PeriodRecovery     = "recovery"
	PeriodAfter        = "after"
	PeriodOutageWindow = "outage_window"
	PeriodRun          = "run"
	// PeriodWarmup is the warm-up before statistics start; it partitions
	// the run with the others but is never reported.
	PeriodWarmup = "warmup"
)

// Periods derives the periods of a run from its outage timeline: before
// (start → outage start), down (→ first reconnection), recovery (→ every
// affected service and site back), after (→ end), outage_window (outage
// start → full reconnection) and run. A scenario without an outage has
// just run. A counterfactual is measured over its outage run's periods.
func (cfg *Config) Periods() []Period {
	if cfg.Timeline != nil {
		return slices.Clone(cfg.Timeline)
	}
	end := cfg.Horizon
	w := min(max(cfg.Warmup, 0), end)
	run := Period{PeriodRun, w, end}
	var ps []Period
	if w > 0 {
		ps = append(ps, Period{PeriodWarmup, 0, w})
	}
	o := cfg.Outage
	if o == nil || o.Start >= end {
		return append(ps, run)
	}
	start := max(o.Start, w)
	// The first reconnection is the first time anything affected starts
	// coming back; full reconnection when the last site of the last
	// affected service has every system back.
	first, full := end, start
	any := false
	for _, c := range cfg.clients() {
		for _, e := range cfg.exposures(c) {
			any = true
			for _, x := range e.changes() {
				if x > start {
					first = min(first, x)
				}
			}
			full = max(full, e.backAt())
		}
	}
	if !any {
		first, full = end, end
	}
	full = min(full, end)
	first = min(first, full)
	add := func(name string, from, to float64) {
		if to > from {
			ps = append(ps, Period{name, from, to})
		}
	}
	add(PeriodBefore, w, start)
	add(PeriodDown, start, first)
	add(PeriodRecovery, first, full)
	add(PeriodAfter, full, end)
	add(PeriodOutageWindow, start, full)
	return append(ps, run)
}

// partition reports whether a period is one of the four that partition
// the run after the warm-up.
func partition(name string) bool {
	return name == PeriodBefore || name == PeriodDown || name == PeriodRecovery || name == PeriodAfter
}

// WarmupEnd is when the statistics of a run with these periods start: the
// end of the warm-up, or 0 without one.
func WarmupEnd(periods []Period) float64 {
	for _, p := range periods {
		if p.Name == PeriodWarmup {
			return p.To
		}
	}
	return 0
}
