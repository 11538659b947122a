package model

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/outagesim/outagesim/sim/arrivals"
	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/des"
	"github.com/outagesim/outagesim/sim/rng"
)

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
	// CancelWhen cancels, during the run, a session that starts in it
	// when 111 or out-of-hours is short at the session's decision time;
	// nil for no such rule.
	CancelWhen *PLTRule
}

// PLTRule cancels a PLT session when, DecideBefore its start, a measure
// of its nation's 111 or out-of-hours service is above its threshold:
// practices decide in the morning whether to close in the afternoon, on
// what they can see then. Thresholds left nil are not used; any one above
// cancels.
type PLTRule struct {
	// DecideBefore is how long before the session it is decided, in
	// seconds (at the run's start if that is earlier).
	DecideBefore float64
	// OOHBacklogAbove: the nation's out-of-hours cases waiting for a
	// clinician.
	OOHBacklogAbove *float64
	// CallsWaitingAbove: calls waiting for a 111 health adviser, over
	// the nation's services.
	CallsWaitingAbove *float64
	// CallbacksWaitingAbove: patients waiting for a clinical call-back,
	// over the nation's services.
	CallbacksWaitingAbove *float64
}

// pltSession is one session of one region, as the run will see it.
type pltSession struct {
	region    int
	from, to  float64
	cancelled bool
	// ruled: the session starts in the run and its region's CancelWhen
	// decides at run time whether it is held (until then it is).
	ruled bool
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
			x.ruled = plt.CancelWhen != nil && !x.cancelled && s[0] >= 0 && s[0] < cfg.Horizon
			out = append(out, x)
		}
	}
	return out
}

// Which sessions a PLT rate counts.
const (
	pltHeld      = iota // every session not cancelled before the run
	pltStatic           // those of them the run does not decide
	pltRuled            // those the run decides, cancelled or not
	pltRuledHeld        // those the run decides and has not cancelled (yet)
)

// pltRate is the extra 111 demand per second at t in a nation from the
// practices closed for PLT (planned cover, so rotas plan for it), over the
// sessions which selects.
func pltRate(sessions []pltSession, regions []Region, n calendar.Nation, t float64, which int) float64 {
	rate := 0.0
	for _, s := range sessions {
		switch {
		case (which == pltRuled || which == pltRuledHeld) && !s.ruled, which == pltStatic && s.ruled,
			which != pltRuled && s.cancelled:
			continue
		}
		if regions[s.region].Nation == n && t >= s.from && t < s.to {
			rate += s.calls / (s.to - s.from)
		}
	}
	return rate
}

// demandRates is a nation's 111 demand per hour: its own (nationRates) and
// the cover of its practices' PLT sessions, those the run decides counted
// as held (rotas are planned before anyone knows).
func (cfg *Config) demandRates(cal *calendar.Calendar, n *Nation, breaks []float64, plannedOnly bool) []float64 {
	return cfg.pltDemandRates(cal, n, breaks, plannedOnly, pltHeld)
}

// pltDemandRates is demandRates over the PLT sessions which selects.
func (cfg *Config) pltDemandRates(cal *calendar.Calendar, n *Nation, breaks []float64, plannedOnly bool, which int) []float64 {
	rates := nationRates(cal, n, breaks, plannedOnly)
	sessions := cfg.pltSessions()
	if len(sessions) == 0 {
		return rates
	}
	regions := cfg.regions()
	for h := range rates {
		rates[h] += pltRate(sessions, regions, n.Nation, (breaks[h]+breaks[h+1])/2, which)
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
// open for the afternoon, the calls 111 did not have to cover). The
// sessions the run decides are counted when it decides them.
func (m *sim) recordPLT() {
	for i := range m.plt {
		if s := &m.plt[i]; !s.ruled && s.from >= 0 && s.from < m.cfg.Horizon {
			m.recordSession(s)
		}
	}
}

// recordSession counts one session in its region's tally (recordPLT).
func (m *sim) recordSession(s *pltSession) {
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

// pltDecision decides a session of m.plt (Arg) at its decision time.
type pltDecision struct{ m *sim }

// Handle cancels the session if its nation is short now (PLTRule).
func (d pltDecision) Handle(_ *des.Kernel, ev des.Event) {
	m := d.m
	s := &m.plt[ev.Arg]
	s.cancelled = m.pltShort(m.regions[s.region].Nation, m.regions[s.region].PLT.CancelWhen)
	m.recordSession(s)
}

// pltShort reports whether any of the rule's measures is above its
// threshold in nation n now.
func (m *sim) pltShort(n calendar.Nation, rule *PLTRule) bool {
	ns := m.byNation[n]
	var calls, callbacks int
	for _, ss := range m.services {
		if ss.nat == ns {
			calls += ss.ha.Waiting()
			callbacks += ss.cas.Waiting()
		}
	}
	above := func(v int, limit *float64) bool { return limit != nil && float64(v) > *limit }
	return above(ns.ooh.Waiting(), rule.OOHBacklogAbove) || above(calls, rule.CallsWaitingAbove) ||
		above(callbacks, rule.CallbacksWaitingAbove)
}

// schedulePLT sets up the sessions the run decides: an event at each
// one's decision time, and for each service of their nations a source of
// the cover calls, which drops those of the sessions cancelled by then.
// Nothing is added when no session is ruled, so runs without the rule
// draw the same numbers as before it existed.
func (m *sim) schedulePLT(breaks []float64) error {
	var id int32 = -1
	nations := map[calendar.Nation]bool{}
	for i := range m.plt {
		s := &m.plt[i]
		if !s.ruled {
			continue
		}
		if id < 0 {
			id = m.k.Register(pltDecision{m})
		}
		nations[m.regions[s.region].Nation] = true
		m.k.Schedule(max(0, s.from-m.regions[s.region].PLT.CancelWhen.DecideBefore), id, 0, int32(i))
	}
	for _, ss := range m.services {
		if !nations[ss.cfg.Nation] {
			continue
		}
		all := make([]float64, len(breaks)-1)
		rates := make([]float64, len(breaks)-1)
		for h := range rates {
			all[h] = pltRate(m.plt, m.regions, ss.cfg.Nation, (breaks[h]+breaks[h+1])/2, pltRuled)
			rates[h] = all[h] * ss.cfg.Share
		}
		p, err := arrivals.NewProcess(arrivals.Piecewise{Breaks: breaks, Rates: rates}, 0, m.cfg.Horizon)
		if err != nil {
			return fmt.Errorf("service %q: PLT cover: %w", ss.cfg.Name, err)
		}
		c := &pltCover{ss: ss, proc: p, breaks: breaks, all: all,
			rArr:     m.src.Stream("plt/arrivals/" + ss.cfg.Name),
			rPatient: m.src.Blocks("plt/patient/"+ss.cfg.Name, uniformDraws),
			rKeep:    m.src.Stream("plt/keep/" + ss.cfg.Name)}
		c.advance()
		m.k.AddSource(c)
	}
	return nil
}

// pltCover is a service's share of the cover calls of the sessions the
// run decides (des.Source). Calls come at the rate of all of them; a call
// is kept with the probability that it belongs to a session still held,
// so a cancelled session's calls never reach 111. Its own random streams
// keep the other patients' numbers the same whichever sessions are held.
type pltCover struct {
	ss     *serviceState
	proc   arrivals.Process
	breaks []float64
	// all is the nation's cover rate of the ruled sessions at each hour's
	// midpoint: fixed for the run, so a call need only sum those held.
	all         []float64
	next        float64
	rArr, rKeep *rand.Rand
	rPatient    *rng.Blocks
}

func (c *pltCover) advance() {
	t, ok := c.proc.Next(c.rArr)
	if !ok {
		t = math.Inf(1)
	}
	c.next = t
}

// Peek is the time of the next cover call (des.Source).
func (c *pltCover) Peek() float64 { return c.next }

// Fire handles a cover call (des.Source).
func (c *pltCover) Fire(k *des.Kernel) float64 {
	m, ss := c.ss.m, c.ss
	t := k.Now()
	// The rates were built at each hour's midpoint: judge the sessions
	// there too.
	h := m.cal.HourIndex(t)
	mid := (c.breaks[h] + c.breaks[h+1]) / 2
	n := ss.cfg.Nation
	held := pltRate(m.plt, m.regions, n, mid, pltRuledHeld)
	if u := c.rKeep.Float64(); u*c.all[h] < held {
		ss.contact(m.newPatient(ss.idx, c.rPatient), t)
	}
	c.advance()
	return c.next
}
