package model

import "github.com/outagesim/outagesim/sim/calendar"

// PLT is a region's protected learning time: afternoons when a share of
// its practices close for training and 111 and out-of-hours cover their
// patients. In an outage that cover can be withdrawn, and the practices
// stay open.
type PLT struct {
	// Sessions are the closures, [from, to) in sim seconds.
	Sessions [][2]float64
	// Share of the region's practices that close in a session.
	Share float64
	// OpenHours is a practice's working day, to turn a closure into a
	// share of the day's same-day capacity and demand (10 h if 0).
	OpenHours float64
	// CoverRate is the calls per registered patient per hour that the
	// closed practices' patients make to 111 while they are closed.
	CoverRate float64
	// CancelDuringOutage cancels the sessions that start in the outage
	// window: the practices stay open and 111 covers nothing.
	CancelDuringOutage bool
}

// pltSession is one session of one region, as the run will see it.
type pltSession struct {
	region    int
	from, to  float64
	cancelled bool
	// practices closing (or staying open when cancelled), and the 111
	// calls their patients make while they are closed (expected).
	practices, calls float64
}

func (p *PLT) openHours() float64 {
	if p.OpenHours > 0 {
		return p.OpenHours
	}
	return 10
}

// pltSessions lists every region's sessions with whether the outage
// cancels them. The patients of the closed practices who cannot wait ring
// 111 instead: the share closing × the region's registered patients × the
// session's hours × CoverRate.
func (cfg *Config) pltSessions() []pltSession {
	var out []pltSession
	var window *Period
	if cfg.Outage != nil {
		for _, p := range cfg.Periods() {
			if p.Name == PeriodOutageWindow {
				window = &p
			}
		}
	}
	regions := cfg.regions()
	for r := range regions {
		reg := &regions[r]
		plt := &reg.PLT
		for _, s := range plt.Sessions {
			hours := (s[1] - s[0]) / 3600
			x := pltSession{region: r, from: s[0], to: s[1],
				practices: reg.Practices * plt.Share,
				calls:     plt.Share * reg.Patients * hours * plt.CoverRate}
			x.cancelled = plt.CancelDuringOutage && window != nil && s[0] >= window.From && s[0] < window.To
			out = append(out, x)
		}
	}
	return out
}

// pltRate is the extra 111 demand per second at t in a nation from the
// practices closed for PLT (planned cover, so rotas plan for it).
func pltRate(sessions []pltSession, regions []Region, n calendar.Nation, t float64) float64 {
	rate := 0.0
	for _, s := range sessions {
		if !s.cancelled && regions[s.region].Nation == n && t >= s.from && t < s.to {
			rate += s.calls / (s.to - s.from)
		}
	}
	return rate
}

// demandRates is a nation's 111 demand per hour: its own (nationRates) and
// the cover of its practices' PLT sessions.
func (cfg *Config) demandRates(cal *calendar.Calendar, n *Nation, breaks []float64, plannedOnly bool) []float64 {
	rates := nationRates(cal, n, breaks, plannedOnly)
	sessions := cfg.pltSessions()
	if len(sessions) == 0 {
		return rates
	}
	regions := cfg.regions()
	for h := range rates {
		rates[h] += pltRate(sessions, regions, n.Nation, (breaks[h]+breaks[h+1])/2)
	}
	return rates
}

// pltClosed is the share of region r's same-day capacity and demand on
// local day d that the PLT sessions held that day take away.
func (m *sim) pltClosed(r, d int) float64 {
	closed := 0.0
	for _, s := range m.plt {
		// dayOf clamps times outside the run: skip sessions there.
		if s.region == r && !s.cancelled && s.from >= 0 && s.from < m.cfg.Horizon && m.dayOf(s.from) == d {
			plt := &m.regions[r].PLT
			closed += plt.Share * (s.to - s.from) / 3600 / plt.openHours()
		}
	}
	return min(closed, 1)
}

// recordPLT counts each session in its region's tally where it starts:
// held (practices closed, calls covered by 111) or cancelled (practices
// open for the afternoon, the calls 111 did not have to cover).
func (m *sim) recordPLT() {
	for _, s := range m.plt {
		if s.from < 0 || s.from >= m.cfg.Horizon {
			continue
		}
		tl := m.tally(int32(s.region), s.from)
		if s.cancelled {
			tl.PLTSessionsCancelled += s.practices
			tl.PLTPracticeHoursAdded += s.practices * (s.to - s.from) / 3600
			tl.PLTCallsAvoided += s.calls
		} else {
			tl.PLTSessionsHeld += s.practices
			tl.PLTCallsCovered += s.calls
		}
	}
}
