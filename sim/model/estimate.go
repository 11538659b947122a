package model

import (
	"fmt"
	"math"

	"github.com/outagesim/outagesim/sim/calendar"
)

// Work is what one run of a configuration is expected to cost, estimated
// from the configuration alone before anything is simulated. Callers
// compare it with caps to refuse a scenario that would exhaust a machine
// (a mistyped calls_per_day, a surge factor of a million) with a clear
// error instead of running out of memory hours later.
type Work struct {
	// Contacts is the expected number of contacts offered (phone and
	// online) over the horizon, with redials counted as if every caller
	// hung up (1/(1 − p) calls per caller): an upper estimate.
	Contacts float64
	// Events is the expected number of simulation events.
	Events float64
	// Bytes is the expected peak memory of the run: a fixed part, the
	// hourly series, and the contacts that may be held at once (see
	// HeldContacts).
	Bytes float64
	// HeldContacts is the contacts allowed for in the system at once: a
	// front door whose callers hang up holds about λ·E[patience] of them
	// (Little's law with nobody answered, at the busiest hour); one whose
	// callers never hang up may hold all of its contacts; referrals
	// downstream a day's worth at the busiest hour.
	HeldContacts float64
	// Largest is the nation whose demand gives most of the contacts, so an
	// error can name the field to change.
	Largest calendar.Nation
}

// Per-contact costs measured with outagesim run -timing and /usr/bin/time:
// adastra-2022 averaged 2.6 events per contact; a waiting call held about
// 550–750 bytes of heap with GOGC=400 (1.35 million calls queued for
// advisers who never came: 0.99 GB peak resident).
const (
	eventsPerContact = 3.0
	bytesPerContact  = 750.0
	bytesPerHour     = 2048.0 // hourly series and staffing, per service
	bytesFixed       = 32 << 20
)

// Estimate returns the expected work of one run of cfg (a counterfactual
// costs at most as much). It needs a valid configuration; it is pure
// arithmetic on the demand profile, surges and redial settings, and takes
// well under a second for a 20-year horizon.
func Estimate(cfg *Config) (Work, error) {
	cal, err := calendar.New(cfg.Start, cfg.Horizon)
	if err != nil {
		return Work{}, fmt.Errorf("start/horizon: %w", err)
	}
	breaks := append(cal.HourStarts(), cfg.Horizon)
	var w Work
	largest := -1.0
	for i := range cfg.Nations {
		n := &cfg.Nations[i]
		rates := cfg.demandRates(cal, n, breaks, false)
		total, peak := 0.0, 0.0
		for h, r := range rates {
			total += r * (breaks[h+1] - breaks[h])
			peak = math.Max(peak, r)
		}
		contacts, held := 0.0, 0.0
		for j := range cfg.Services {
			s := &cfg.Services[j]
			if s.Nation != n.Nation {
				continue
			}
			phone := total * s.Share * (1 - n.OnlineShare)
			tries := attempts(s, cfg.Horizon)
			contacts += phone * tries
			if s.Patience != nil && s.Patience.Mean() > 0 {
				held += math.Min(phone*tries, peak*s.Share*(1-n.OnlineShare)*s.Patience.Mean()*tries)
			} else {
				held += phone * tries
			}
		}
		online := total * n.OnlineShare
		contacts += online
		// Referred onwards (clinical assessment, GP, OOH): call-backs and
		// cases are worked through within the day, so a day's referrals
		// at the busiest hour's rate is the backlog allowed for (a model
		// whose OOH backlog grows for weeks exceeds it, by its KPI).
		onward := 1 - (1-n.OnlineShare)*n.Dispositions[SelfCare] - n.OnlineShare*n.OnlineDispositions[SelfCare]
		held += math.Min(total, peak*86400) * math.Max(0, onward)
		w.Contacts += contacts
		w.HeldContacts += held
		if contacts > largest {
			largest, w.Largest = contacts, n.Nation
		}
	}
	w.Events = w.Contacts*eventsPerContact + float64(len(breaks))*float64(len(cfg.Services)+len(cfg.Nations))
	w.Bytes = bytesFixed + w.HeldContacts*bytesPerContact + float64(len(breaks))*bytesPerHour*float64(len(cfg.Services)+len(cfg.Nations))
	return w, nil
}

// attempts is the expected calls per caller of a service when every call
// is abandoned (the worst case): 1/(1 − p) for a redial probability p < 1;
// with p = 1 a caller tries until the horizon, once per patience and
// redial delay.
func attempts(s *Service, horizon float64) float64 {
	if s.RedialProb <= 0 || s.RedialDelay == nil {
		return 1
	}
	if s.RedialProb < 1 {
		return 1 / (1 - s.RedialProb)
	}
	cycle := s.RedialDelay.Mean()
	if s.Patience != nil {
		cycle += s.Patience.Mean()
	}
	if cycle <= 0 {
		return math.Inf(1)
	}
	return 1 + horizon/cycle
}
