package model

// Building a replication: systems, nations, services, demand and staff.

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/outagesim/outagesim/sim/arrivals"
	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/des"
	"github.com/outagesim/outagesim/sim/dist"
	"github.com/outagesim/outagesim/sim/queue"
	"github.com/outagesim/outagesim/sim/rng"
)

type aid struct {
	to              int32
	share, at, till float64
}

type serviceState struct {
	m        *sim
	idx      int32
	cfg      *Service
	nat      *nationState
	ha, cas  *queue.Queue
	counts   Counts
	rPatient *rng.Blocks // blocks of a patient's uniforms: see newPatient
	rRef     *rand.Rand
	// gaps are the Exp(1) draws proc spends between first contacts, from
	// the service's arrival stream, drawn several at once.
	gaps     dist.Ahead
	proc     arrivals.Process
	next     float64           // time of the next first contact
	sys      [NumFunctions]int // system index, -1 for none
	routeSys [NumRoutes]int
	// exp is how each system (by index) fails for the service; nil where
	// it never does. exps lists the non-nil ones.
	exp    []*exposure
	exps   []*exposure
	aid    []aid // mutual aid from this service
	casTgt []float64
	casObs casObserver
	// regions and regionShare: where the service's patients live;
	// regionPk picks from regionShare.
	regions     []int32
	regionShare []float64
	regionPk    *picker
	// booked are the queues' busy and staffed integrals already booked
	// (adviser busy, adviser staffed, clinician busy, clinician staffed).
	booked [4]float64
	// shareSum normalises regionShare when booking staff time.
	shareSum float64
}

type nationState struct {
	m         *sim
	idx       int
	cfg       *Nation
	res       *NationResult
	ooh       *queue.Queue
	oohSys    int
	exp       *exposure // how the OOH system fails for the OOH service
	rSite     *rand.Rand
	oohTarget []float64
	oohCases  float64
	oohShares []float64
	casShares []float64
	// sessionStart marks the hours an out-of-hours session starts in.
	sessionStart []bool
	// regions are the nation's regions.
	regions []int32
	pk      nationPickers
}

// nationPickers pick a nation's patients' categories (picker).
type nationPickers struct {
	online, triage, casOut, giveUp, abandonTo, lostTo, ooh, cas *picker
}

// makePickers precomputes the nation's pickers, once its shares are known.
func (ns *nationState) makePickers() {
	nc := ns.cfg
	ns.pk = nationPickers{
		online: newPicker(nc.OnlineDispositions[:]), triage: newPicker(nc.Dispositions[:]),
		casOut: newPicker(nc.CAS.Outcomes[:]), giveUp: newPicker(nc.CAS.GiveUpTo[:]),
		abandonTo: newPicker(nc.AbandonTo[:]), lostTo: newPicker(nc.LostReferralTo[:]),
		ooh: newPicker(ns.oohShares), cas: newPicker(ns.casShares),
	}
}

func build(cfg *Config, src rng.Source) (*sim, error) {
	cal, err := calendar.New(cfg.Start, cfg.Horizon)
	if err != nil {
		return nil, fmt.Errorf("start/horizon: %w", err)
	}
	m := &sim{cfg: cfg, k: des.New(), cal: cal, src: src, out: cfg.Outage}
	m.hourStart = cal.HourStarts()
	m.dayOfHour = make([]int32, len(m.hourStart))
	for h, t := range m.hourStart {
		d := cal.LocalDate(t)
		if len(m.days) == 0 || m.days[len(m.days)-1] != d {
			m.days = append(m.days, d)
		}
		m.dayOfHour[h] = int32(len(m.days) - 1)
	}

	// Systems: every name used anywhere gets an index.
	sysIndex := map[string]int{}
	index := func(name string) int {
		if name == "" {
			return -1
		}
		i, ok := sysIndex[name]
		if !ok {
			i = len(sysIndex)
			sysIndex[name] = i
		}
		return i
	}
	for i := range cfg.Services {
		for _, s := range cfg.Services[i].Systems {
			index(s)
		}
		for _, s := range cfg.Services[i].RouteSystems {
			index(s)
		}
	}
	for i := range cfg.Nations {
		index(cfg.Nations[i].OOH.System)
	}
	if m.out != nil {
		for _, s := range m.out.Systems {
			index(s)
		}
	}
	if m.out != nil {
		m.ready = m.out.Start + m.out.DetectionDelay
		m.handleFactor = factorOr1(m.out.Contingency.HandleFactor)
		m.consultFactor = factorOr1(m.out.Contingency.ConsultFactor)
		for d := range m.senderTime {
			if r, ok := RouteOf(Disposition(d)); ok {
				if rc := &m.out.Contingency.Routes[r]; rc.Mode == Manual {
					m.senderTime[d] = rc.SenderTime
				}
			}
		}
	}

	m.regions = cfg.regions()
	m.periods = cfg.Periods()
	for h, t := range m.hourStart {
		if h == 0 || m.dayOfHour[h] != m.dayOfHour[h-1] {
			m.dayStarts = append(m.dayStarts, t)
		}
	}
	m.segs = segments(m.dayStarts, cfg.Horizon, m.periods)
	m.segOfHour = make([]int32, len(m.hourStart))
	for h, s := 0, 0; h < len(m.hourStart); h++ {
		for s+1 < len(m.segs) && m.segs[s+1].From <= m.hourStart[h] {
			s++
		}
		m.segOfHour[h] = int32(s)
	}
	m.setHour(0)
	m.tallies = make([]Tally, len(m.regions)*len(m.segs))
	m.segTally = make([]*Tally, len(m.regions))
	m.oohWaiting = make([]float64, len(m.regions))
	m.gp = make([]regionGP, len(m.regions))
	for r := range m.gp {
		m.gp[r].arrivals = make([][NumGPSources]float64, len(m.days))
	}
	m.plt = cfg.pltSessions()
	m.recordPLT()

	m.tickID = m.k.Register(tick{m})
	m.bookID = m.k.Register(booking{m})
	m.oohID = m.k.Register(oohDelivery{m})

	// Nations and their OOH services.
	for i := range cfg.Nations {
		nc := &cfg.Nations[i]
		ns := &nationState{m: m, idx: i, cfg: nc, oohSys: index(nc.OOH.System)}
		ns.res = &NationResult{Nation: nc.Nation, Hourly: make([]Hour, len(m.hourStart)), Daily: make([]Day, len(m.days))}
		for d := range ns.res.Daily {
			ns.res.Daily[d].Date = m.days[d]
		}
		name := "ooh:" + nc.Nation.String()
		ns.exp = cfg.exposureOf(name, nc.OOH.System)
		ns.rSite = src.Stream("ooh/site/" + nc.Nation.String())
		for _, p := range nc.CAS.Priorities {
			ns.casShares = append(ns.casShares, p.Share)
		}
		for r := range m.regions {
			if m.regions[r].Nation == nc.Nation {
				ns.regions = append(ns.regions, int32(r))
			}
		}
		m.nations = append(m.nations, ns)
		m.byNation[nc.Nation] = ns
	}
	for i := range cfg.Services {
		sc := &cfg.Services[i]
		ss := &serviceState{m: m, idx: int32(i), cfg: sc, nat: m.byNation[sc.Nation]}
		for f, name := range sc.Systems {
			ss.sys[f] = index(name)
		}
		for r := range ss.routeSys {
			ss.routeSys[r] = index(sc.routeSystem(Route(r)))
		}
		ss.exp = make([]*exposure, len(sysIndex))
		for name, i := range sysIndex {
			ss.exp[i] = cfg.exposureOf(sc.Name, name)
		}
		for _, name := range cfg.clientSystems(sc.Name) {
			if e := ss.exp[sysIndex[name]]; e != nil {
				ss.exps = append(ss.exps, e)
			}
		}
		ss.regions, ss.regionShare = sc.regionShares(m.regions)
		for _, w := range ss.regionShare {
			ss.shareSum += w
		}
		if len(ss.regions) == 0 {
			return nil, fmt.Errorf("service %q: no region of %s for its patients", sc.Name, sc.Nation)
		}
		ss.rPatient = src.Blocks("patient/"+sc.Name, uniformDraws)
		ss.rRef = src.Stream("referral/" + sc.Name)
		ss.gaps = dist.NewAhead(&unitExp, src.Stream("arrivals/"+sc.Name))
		m.services = append(m.services, ss)
	}
	if m.out != nil {
		for _, a := range m.out.Contingency.MutualAid {
			from, to := m.serviceIndex(a.From), m.serviceIndex(a.To)
			m.services[from].aid = append(m.services[from].aid, aid{to: int32(to), share: a.Share, at: a.At, till: a.Until})
		}
	}

	// Demand: each nation's hourly rates, times surges, split by share.
	breaks := append(slices.Clone(m.hourStart), cfg.Horizon)
	for _, ns := range m.nations {
		// The cover of the PLT sessions the run decides comes from
		// their own sources (schedulePLT).
		rates := cfg.pltDemandRates(cal, ns.cfg, breaks, false, pltStatic)
		// Staff are planned for the demand they expect: unplanned surges
		// arrive without extra staff.
		planned := cfg.demandRates(cal, ns.cfg, breaks, true)
		for _, ss := range m.services {
			if ss.nat != ns {
				continue
			}
			sr := make([]float64, len(rates))
			plan := make([]float64, len(rates))
			for h := range rates {
				sr[h] = rates[h] * ss.cfg.Share
				plan[h] = planned[h] * ss.cfg.Share
			}
			p, err := arrivals.NewProcess(arrivals.Piecewise{Breaks: breaks, Rates: sr}, 0, cfg.Horizon)
			if err != nil {
				return nil, fmt.Errorf("service %q: demand: %w", ss.cfg.Name, err)
			}
			ss.proc = p
			if err := ss.buildQueues(plan); err != nil {
				return nil, err
			}
		}
		if err := ns.buildOOH(planned); err != nil {
			return nil, err
		}
	}
	for _, ns := range m.nations {
		ns.makePickers()
	}
	for _, ss := range m.services {
		ss.regionPk = newPicker(ss.regionShare)
		ss.advance()
		m.k.AddSource(ss)
	}
	if err := m.schedulePLT(breaks); err != nil {
		return nil, err
	}
	m.k.Schedule(m.hourStart[0], m.tickID, 0, 0) // each tick schedules the next
	// Staff time is booked at every hour start (by the tick) and at the
	// segment boundaries that fall inside an hour, so each booking lies in
	// one hour and one segment.
	for _, sg := range m.segs[1:] {
		if h := m.cal.HourIndex(sg.From); h < 0 || h >= len(m.hourStart) || m.hourStart[h] != sg.From {
			m.k.Schedule(sg.From, m.bookID, 0, 0)
		}
	}
	return m, nil
}

func (m *sim) serviceIndex(name string) int {
	for i := range m.cfg.Services {
		if m.cfg.Services[i].Name == name {
			return i
		}
	}
	panic("model: unknown service " + name) // Validate checked every name
}
