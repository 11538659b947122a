package loadplan

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/model"
)

// Timeline maps a load test's elapsed wall-clock seconds onto simulated
// time: sim = From + elapsed × Speedup. Arrivals and phases built from the
// same Timeline line up, which is what lets a script switch endpoints at the
// moment the model's outage starts.
type Timeline struct {
	// Speedup is simulated seconds per real second (720: a day in two
	// minutes).
	Speedup float64
	// From and To bound the simulated window, in seconds from the
	// scenario's start; To is the end of the arrivals, not of phases.
	From, To float64
}

// SimTime is the simulated time elapsed real seconds into the window.
func (tl Timeline) SimTime(elapsed float64) float64 { return tl.From + elapsed*tl.Speedup }

// Elapsed is the real seconds into the window at which sim time t falls.
func (tl Timeline) Elapsed(t float64) float64 { return (t - tl.From) / tl.Speedup }

// Duration is the window's length in real seconds.
func (tl Timeline) Duration() float64 { return (tl.To - tl.From) / tl.Speedup }

// check validates the timeline against cfg's horizon.
func (tl Timeline) check(cfg *model.Config) error {
	switch {
	case !(tl.Speedup > 0) || math.IsInf(tl.Speedup, 0):
		return fmt.Errorf("speedup %v: want a finite number > 0 (720 plays a day in two minutes)", tl.Speedup)
	case !(tl.From >= 0) || tl.From >= cfg.Horizon:
		return fmt.Errorf("from %v s: want a time in [0, %v) s of scenario %q", tl.From, cfg.Horizon, cfg.Name)
	case !(tl.To > tl.From) || tl.To > cfg.Horizon:
		return fmt.Errorf("to %v s: want a time after from (%v s) and at most the horizon (%v s)", tl.To, tl.From, cfg.Horizon)
	}
	return nil
}

// PhaseInfo is the outage phase at one moment of a Timeline.
type PhaseInfo struct {
	Phase    model.Phase
	Affected []string // services not fully reconnected (none before the outage)
	SimTime  float64  // seconds from the scenario's start
	Local    time.Time
}

// PhaseAt is the phase elapsed real seconds into tl.
func PhaseAt(cfg *model.Config, tl Timeline, elapsed float64) PhaseInfo {
	t := tl.SimTime(elapsed)
	p, affected := cfg.PhaseAt(t)
	return PhaseInfo{Phase: p, Affected: affected, SimTime: t, Local: LocalTime(cfg, t)}
}

// LocalTime is sim time t as a Europe/London wall-clock instant, to the
// millisecond.
func LocalTime(cfg *model.Config, t float64) time.Time {
	return cfg.Start.Add(time.Duration(math.Round(t*1e3)) * time.Millisecond).In(calendar.London())
}

// PhaseNames lists the phase names in code order: outagesim_phase records
// a phase as its index here.
func PhaseNames() []string {
	names := make([]string, 0, model.PhaseRecovered+1)
	for p := model.PhaseNormal; p <= model.PhaseRecovered; p++ {
		names = append(names, p.String())
	}
	return names
}

var (
	localLayouts = []string{"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"}
	daysPrefix   = regexp.MustCompile(`^(\d+(?:\.\d+)?)d`)
)

// ParseWhen reads a moment of cfg's run written as seconds from its start
// ("3600"), a duration from its start ("3d7h", "90m"), or a Europe/London
// local date and time ("2022-08-04", "2022-08-04 07:00").
func ParseWhen(cfg *model.Config, s string) (float64, error) {
	s = strings.TrimSpace(s)
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return v, nil
	}
	for _, layout := range localLayouts {
		if tm, err := time.ParseInLocation(layout, s, calendar.London()); err == nil {
			return tm.Sub(cfg.Start).Seconds(), nil
		}
	}
	rest, days := s, 0.0
	if m := daysPrefix.FindStringSubmatch(s); m != nil {
		days, _ = strconv.ParseFloat(m[1], 64)
		rest = s[len(m[0]):]
	}
	secs := days * 86400
	if rest != "" {
		d, err := time.ParseDuration(rest)
		if err != nil || (days > 0 && strings.HasPrefix(rest, "-")) {
			return 0, fmt.Errorf("%q: want seconds from the scenario's start (3600), a duration (3d7h, 90m) or a local time (2022-08-04 07:00)", s)
		}
		secs += d.Seconds()
	}
	return secs, nil
}
