package model

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/outagesim/outagesim/sim/arrivals"
	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/des"
	"github.com/outagesim/outagesim/sim/dist"
	"github.com/outagesim/outagesim/sim/queue"
	"github.com/outagesim/outagesim/sim/rng"
)

// The uniforms drawn for every patient on arrival, in this order, so that
// a patient makes the same choices in an outage run and its counterfactual
// (common random numbers).
const (
	uOnline   = iota // online rather than phone
	uDivert          // diverted by mutual aid
	uSite            // which of the service's sites: reconnected or not
	uDisp            // triage disposition
	uPriority        // clinical priority
	uCASOut          // outcome of clinical assessment
	uGiveUp          // where they go if they give up waiting for a call-back
	uLoss1           // referral lost before the contingency
	uLoss2           // manual referral lost
	uComply          // follows signposting
	uOOHPri          // OOH case priority
	uRegion          // where the patient lives (the spare half of a draw)
	numU
)

type patient struct {
	origin  int32 // service first called
	handler int32 // service that answered
	region  int32 // where the patient lives
	disp    Disposition
	u       [numU]float64
}

// step is a piecewise-constant value from time at on.
type step struct{ at, v float64 }

func valueAt(steps []step, t float64) float64 {
	v := 0.0
	for _, s := range steps {
		if s.at > t {
			break
		}
		v = s.v
	}
	return v
}

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
	rPatient *rand.Rand
	rRef     *rand.Rand
	rArr     *rand.Rand
	proc     arrivals.Process
	next     float64           // time of the next first contact
	sys      [NumFunctions]int // system index, -1 for none
	routeSys [NumRoutes]int
	affected bool   // depends on a failed system
	restored []step // fraction of sites reconnected
	aid      []aid  // mutual aid from this service
	casTgt   []float64
	casObs   casObserver
	// regions and regionShare: where the service's patients live.
	regions     []int32
	regionShare []float64
}

type nationState struct {
	m         *sim
	idx       int
	cfg       *Nation
	res       *NationResult
	ooh       *queue.Queue
	oohSys    int
	restored  []step
	rSite     *rand.Rand
	oohTarget []float64
	gpFrom111 []float64 // by day
	oohCases  float64
	oohShares []float64
	casShares []float64
	// sessionStart marks the hours an out-of-hours session starts in.
	sessionStart []bool
	// regions are the nation's regions.
	regions []int32
}

type sim struct {
	cfg       *Config
	k         *des.Kernel
	cal       *calendar.Calendar
	src       rng.Source
	services  []*serviceState
	nations   []*nationState
	byNation  [4]*nationState
	patients  []patient
	free      []int32
	created   uint64
	finished  uint64
	failed    []bool
	hourStart []float64
	dayOfHour []int32
	days      []calendar.Date
	tickID    int32
	hour      int // the hour the clock is in, kept by the tick
	oohID     int32
	out       *Outage // nil without an outage
	ready     float64 // contingency start
	// handleFactor and consultFactor slow paper working (1 if unset).
	handleFactor, consultFactor float64
	// Measurement: the regions, the segments of the run and the segment
	// each hour starts in, one tally per region and segment, and each
	// region's OOH cases waiting.
	regions    []Region
	periods    []Period
	segs       []Segment
	segOfHour  []int32
	tallies    []Tally
	oohWaiting []float64
}

// Counterfactual returns a copy of cfg with the outage removed: the same
// scenario as if nothing had failed.
func Counterfactual(cfg *Config) *Config {
	c := *cfg
	c.Timeline = cfg.Periods()
	c.Outage = nil
	return &c
}

// Run simulates one replication of cfg. The same (cfg, seed, replication)
// always gives the same Result; a configuration and its Counterfactual
// with the same seed and replication share their random numbers.
func Run(cfg *Config, seed, replication uint64) (*Result, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	m, err := build(cfg, rng.Source{Seed: seed, Replication: replication})
	if err != nil {
		return nil, err
	}
	m.k.RunUntil(cfg.Horizon)
	return m.finish()
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
	m.failed = make([]bool, len(sysIndex))
	if m.out != nil {
		for _, s := range m.out.Systems {
			m.failed[sysIndex[s]] = true
		}
		m.ready = m.out.Start + m.out.DetectionDelay
		m.handleFactor = factorOr1(m.out.Contingency.HandleFactor)
		m.consultFactor = factorOr1(m.out.Contingency.ConsultFactor)
	}
	restoredOf := func(name string) []step {
		var st []step
		if m.out == nil {
			return nil
		}
		for _, w := range m.out.Waves {
			if slices.Contains(w.Services, name) {
				st = append(st, step{w.At, w.Fraction})
			}
		}
		return st
	}

	m.regions = cfg.regions()
	m.periods = cfg.Periods()
	var dayStarts []float64
	for h, t := range m.hourStart {
		if h == 0 || m.dayOfHour[h] != m.dayOfHour[h-1] {
			dayStarts = append(dayStarts, t)
		}
	}
	m.segs = segments(dayStarts, cfg.Horizon, m.periods)
	m.segOfHour = make([]int32, len(m.hourStart))
	for h, s := 0, 0; h < len(m.hourStart); h++ {
		for s+1 < len(m.segs) && m.segs[s+1].From <= m.hourStart[h] {
			s++
		}
		m.segOfHour[h] = int32(s)
	}
	m.tallies = make([]Tally, len(m.regions)*len(m.segs))
	m.oohWaiting = make([]float64, len(m.regions))

	m.tickID = m.k.Register(tick{m})
	m.oohID = m.k.Register(oohDelivery{m})

	// Nations and their OOH services.
	for i := range cfg.Nations {
		nc := &cfg.Nations[i]
		ns := &nationState{m: m, idx: i, cfg: nc, oohSys: index(nc.OOH.System), gpFrom111: make([]float64, len(m.days))}
		ns.res = &NationResult{Nation: nc.Nation, Hourly: make([]Hour, len(m.hourStart)), Daily: make([]Day, len(m.days))}
		for d := range ns.res.Daily {
			ns.res.Daily[d].Date = m.days[d]
		}
		name := "ooh:" + nc.Nation.String()
		ns.restored = restoredOf(name)
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
			ss.routeSys[r] = ss.sys[Referral]
			if Route(r) == RouteGPBooking && ss.sys[Booking] >= 0 {
				ss.routeSys[r] = ss.sys[Booking]
			}
			if sc.RouteSystems[r] != "" {
				ss.routeSys[r] = index(sc.RouteSystems[r])
			}
		}
		for _, s := range ss.sys {
			ss.affected = ss.affected || (s >= 0 && m.failed[s])
		}
		for _, s := range ss.routeSys {
			ss.affected = ss.affected || (s >= 0 && m.failed[s])
		}
		ss.restored = restoredOf(sc.Name)
		ss.regions, ss.regionShare = sc.regionShares(m.regions)
		if len(ss.regions) == 0 {
			return nil, fmt.Errorf("service %q: no region of %s for its patients", sc.Name, sc.Nation)
		}
		ss.rPatient = src.Stream("patient/" + sc.Name)
		ss.rRef = src.Stream("referral/" + sc.Name)
		ss.rArr = src.Stream("arrivals/" + sc.Name)
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
		rates := nationRates(cal, ns.cfg, breaks, false)
		// Staff are planned for the demand they expect: unplanned surges
		// arrive without extra staff.
		planned := nationRates(cal, ns.cfg, breaks, true)
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
	for _, ss := range m.services {
		ss.advance()
		m.k.AddSource(ss)
	}
	m.k.Schedule(m.hourStart[0], m.tickID, 0, 0) // each tick schedules the next
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

// hourOf and dayOf index the series; times at or after the horizon fall
// in the last bucket.
func (m *sim) hourOf(t float64) int {
	// Nearly every call is for the current hour, which the tick keeps.
	if h := m.hour; t >= m.hourStart[h] && (h+1 == len(m.hourStart) || t < m.hourStart[h+1]) {
		return h
	}
	h := m.cal.HourIndex(t)
	return min(max(h, 0), len(m.hourStart)-1)
}

func (m *sim) dayOf(t float64) int { return int(m.dayOfHour[m.hourOf(t)]) }

// dayStart is the start of local day d.
func (m *sim) dayStart(d int) float64 {
	for _, s := range m.segs {
		if s.Day == d {
			return s.From
		}
	}
	return m.cfg.Horizon
}

// segOf is the segment holding t; times at or after the horizon fall in
// the last one.
func (m *sim) segOf(t float64) int {
	s := int(m.segOfHour[m.hourOf(t)])
	for s+1 < len(m.segs) && t >= m.segs[s+1].From {
		s++
	}
	return s
}

// tally is region r's tally of the segment holding t.
func (m *sim) tally(r int32, t float64) *Tally {
	return &m.tallies[int(r)*len(m.segs)+m.segOf(t)]
}

func factorOr1(f float64) float64 {
	if f == 0 {
		return 1
	}
	return f
}

// staffPlan turns a Staffing into staff per hour of the run, given the
// expected workload (arrival rate × mean time) per hour and a multiplier
// per hour for outage effects.
func (m *sim) staffPlan(st *Staffing, workload []float64, mult func(t float64) float64) []int {
	out := make([]int, len(m.hourStart))
	for h, t := range m.hourStart {
		var v float64
		if len(st.HourOfWeek) == 168 {
			how := (int(m.cal.Weekday(t))+6)%7*24 + m.cal.LocalHour(t)
			v = float64(st.HourOfWeek[how])
		} else if st.Occupancy > 0 {
			v = workload[h] / st.Occupancy
		}
		v *= factorOr1(st.Factor) * mult(t)
		n := int(math.Ceil(v - 1e-9))
		out[h] = max(n, st.Minimum)
	}
	return out
}

func shifts(plan []int, starts []float64) (int, []queue.Shift) {
	var rota []queue.Shift
	for h := 1; h < len(plan); h++ {
		if plan[h] != plan[h-1] {
			rota = append(rota, queue.Shift{At: starts[h], Staff: plan[h]})
		}
	}
	return plan[0], rota
}

// staffMultiplier is the outage's effect on a service's staff at t: the
// contingency's staff factor while it is not fully reconnected, and the
// back-entry of paper records after each reconnection wave.
func (m *sim) staffMultiplier(affected bool, restored []step) func(t float64) float64 {
	return func(t float64) float64 {
		if m.out == nil || !affected {
			return 1
		}
		f := 1.0
		if t >= m.ready && valueAt(restored, t) < 1 {
			f *= factorOr1(m.out.Contingency.StaffFactor)
		}
		for _, w := range restored {
			if t >= w.at && t < w.at+m.out.BackEntry.Days*86400 {
				f *= 1 - m.out.BackEntry.Fraction
				break
			}
		}
		return f
	}
}

// buildQueues makes the service's health-adviser and clinical assessment
// queues, staffed for the planned demand rates.
func (ss *serviceState) buildQueues(rates []float64) error {
	m, sc, nc := ss.m, ss.cfg, ss.nat.cfg
	mult := m.staffMultiplier(ss.affected, ss.restored)
	phone := make([]float64, len(rates))
	cas := make([]float64, len(rates))
	for h, r := range rates {
		phone[h] = r * (1 - nc.OnlineShare) * sc.Handle.Mean()
		cas[h] = r * ((1-nc.OnlineShare)*nc.Dispositions[ClinicalAssessment] + nc.OnlineShare*nc.OnlineDispositions[ClinicalAssessment])
		if sc.Consult.Kind() != dist.KindInvalid {
			cas[h] *= sc.Consult.Mean()
		}
	}
	staff, rota := shifts(m.staffPlan(&sc.Advisers, phone, mult), m.hourStart)
	ha, err := queue.New(m.k, queue.Config{
		Name:             sc.Name + " health advisers",
		Classes:          []queue.Class{{Name: "calls", Service: sc.Handle, Patience: sc.Patience, Target: m.cfg.AnswerTarget, RedialProb: sc.RedialProb, RedialDelay: sc.RedialDelay}},
		Staff:            staff,
		Rota:             rota,
		AbandonThreshold: m.cfg.AbandonThreshold,
	}, queue.Streams{
		Service:  m.src.Stream("ha/service/" + sc.Name),
		Patience: m.src.Stream("ha/patience/" + sc.Name),
		Redial:   m.src.Stream("ha/redial/" + sc.Name),
	}, haObserver{ss})
	if err != nil {
		return fmt.Errorf("service %q: %w", sc.Name, err)
	}
	ss.ha = ha
	if len(nc.CAS.Priorities) == 0 {
		return nil
	}
	classes := make([]queue.Class, len(nc.CAS.Priorities))
	for i, p := range nc.CAS.Priorities {
		classes[i] = queue.Class{Name: p.Name, Service: sc.Consult, Patience: nc.CAS.GiveUp, Target: p.Target}
		ss.casTgt = append(ss.casTgt, p.Target)
	}
	staff, rota = shifts(m.staffPlan(&sc.Clinicians, cas, mult), m.hourStart)
	ss.casObs = casObserver{ss}
	cq, err := queue.New(m.k, queue.Config{Name: sc.Name + " clinical assessment", Classes: classes, Staff: staff, Rota: rota},
		queue.Streams{Service: m.src.Stream("cas/service/" + sc.Name), Patience: m.src.Stream("cas/patience/" + sc.Name)}, ss.casObs)
	if err != nil {
		return fmt.Errorf("service %q: clinical assessment: %w", sc.Name, err)
	}
	ss.cas = cq
	return nil
}

// buildOOH staffs the nation's out-of-hours service. In the occupancy mode
// each local day's expected OOH referrals are spread over that day's OOH
// hours, and no one is on duty in hours.
func (ns *nationState) buildOOH(rates []float64) error {
	m, nc := ns.m, ns.cfg
	if len(nc.OOH.Priorities) == 0 {
		return nil
	}
	toOOH := (1-nc.OnlineShare)*(nc.Dispositions[OOHGP]+nc.Dispositions[ClinicalAssessment]*nc.CAS.Outcomes[OOHGP]) +
		nc.OnlineShare*(nc.OnlineDispositions[OOHGP]+nc.OnlineDispositions[ClinicalAssessment]*nc.CAS.Outcomes[OOHGP])
	mean := 0.0
	if nc.OOH.Consult.Kind() != dist.KindInvalid {
		mean = nc.OOH.Consult.Mean()
	}
	perDay := make([]float64, len(m.days))
	oohHours := make([]float64, len(m.days))
	isOOH := make([]bool, len(m.hourStart))
	for h, t := range m.hourStart {
		d := m.dayOfHour[h]
		perDay[d] += rates[h] * 3600 * toOOH
		isOOH[h] = m.cal.IsOOH(nc.Nation, t+1800)
		if isOOH[h] {
			oohHours[d]++
		}
	}
	work := make([]float64, len(m.hourStart))
	for h := range work {
		if d := m.dayOfHour[h]; isOOH[h] && oohHours[d] > 0 {
			work[h] = perDay[d] / oohHours[d] / 3600 * mean
		}
	}
	ns.sessionStart = make([]bool, len(m.hourStart))
	for h := 1; h < len(isOOH); h++ {
		ns.sessionStart[h] = isOOH[h] && !isOOH[h-1]
	}
	plan := m.staffPlan(&nc.OOH.Clinicians, work, m.staffMultiplier(ns.oohSys >= 0 && m.failed[ns.oohSys], ns.restored))
	for h := range plan {
		if !isOOH[h] {
			plan[h] = 0
		}
	}
	staff, rota := shifts(plan, m.hourStart)
	classes := make([]queue.Class, len(nc.OOH.Priorities))
	for i, p := range nc.OOH.Priorities {
		classes[i] = queue.Class{Name: p.Name, Service: nc.OOH.Consult, Target: p.Target}
		ns.oohTarget = append(ns.oohTarget, p.Target)
		ns.oohShares = append(ns.oohShares, p.Share)
	}
	q, err := queue.New(m.k, queue.Config{Name: "ooh:" + nc.Nation.String(), Classes: classes, Staff: staff, Rota: rota},
		queue.Streams{Service: m.src.Stream("ooh/service/" + nc.Nation.String())}, oohObserver{ns})
	if err != nil {
		return fmt.Errorf("nation %s: ooh: %w", nc.Nation, err)
	}
	ns.ooh = q
	return nil
}

// pick draws an index from probabilities p with the uniform u.
func pick(p []float64, u float64) int {
	acc := 0.0
	last := 0
	for i, x := range p {
		if x <= 0 {
			continue
		}
		acc += x
		last = i
		if u < acc {
			return i
		}
	}
	return last // rounding: u just below 1 with probabilities summing to 1−ε
}

func (m *sim) newPatient(svc int32, r *rand.Rand) int32 {
	var i int32
	if n := len(m.free); n > 0 {
		i = m.free[n-1]
		m.free = m.free[:n-1]
	} else {
		m.patients = append(m.patients, patient{})
		i = int32(len(m.patients) - 1)
	}
	p := &m.patients[i]
	*p = patient{origin: svc, handler: svc}
	ss := m.services[svc]
	// Two 32-bit uniforms from each 64-bit draw: ample resolution for
	// probabilities, at half the draws.
	const scale = 1.0 / (1 << 32)
	for j := 0; j < len(p.u); j += 2 {
		x := r.Uint64()
		p.u[j] = float64(uint32(x)) * scale
		if j+1 < len(p.u) {
			p.u[j+1] = float64(x>>32) * scale
		}
	}
	p.region = ss.regions[pick(ss.regionShare, p.u[uRegion])]
	m.created++
	return i
}

func (m *sim) release(i int32) {
	m.free = append(m.free, i)
	m.finished++
}

// down reports whether system s is down for a patient at site u at t.
func (m *sim) down(s int, restored []step, u, t float64) bool {
	if m.out == nil || s < 0 || !m.failed[s] || t < m.out.Start {
		return false
	}
	return u >= valueAt(restored, t)
}

// advance draws the time of the service's next first contact.
func (ss *serviceState) advance() {
	t, ok := ss.proc.Next(ss.rArr)
	if !ok {
		t = math.Inf(1)
	}
	ss.next = t
}

// Peek is the time of the next first contact (des.Source).
func (ss *serviceState) Peek() float64 { return ss.next }

// Fire handles a new first contact at the service (des.Source).
func (ss *serviceState) Fire(k *des.Kernel) {
	m := ss.m
	t := k.Now()
	pi := m.newPatient(ss.idx, ss.rPatient)
	p := &m.patients[pi]
	tl := m.tally(p.region, t)
	ss.counts.Patients++
	tl.Patients++
	if p.u[uOnline] < ss.nat.cfg.OnlineShare {
		ss.counts.Online++
		tl.Online++
		p.disp = Disposition(pick(ss.nat.cfg.OnlineDispositions[:], p.u[uDisp]))
		m.dispose(pi, ss, t)
	} else {
		h := ss
		for _, a := range ss.aid {
			if t >= a.at && t < a.till && p.u[uDivert] < a.share {
				h = m.services[a.to]
				ss.counts.DivertedOut++
				tl.DivertedOut++
				break
			}
		}
		p.handler = h.idx
		h.ha.Arrive(int64(pi), 0)
	}
	ss.advance()
}

// dispose acts on a patient's disposition at t: to clinical assessment, or
// a final disposition with its referral. The patient leaves the model
// unless they now wait for a call-back.
func (m *sim) dispose(pi int32, ss *serviceState, t float64) {
	p := &m.patients[pi]
	d := p.disp
	if d == ClinicalAssessment {
		if ss.cas != nil {
			ss.counts.CASReferred++
			m.tally(p.region, t).CASReferred++
			ss.cas.Arrive(int64(pi), pick(ss.nat.casShares, p.u[uPriority]))
			return
		}
		// Validate requires a CAS wherever clinical assessment can happen.
		panic(fmt.Sprintf("model: service %q has no clinical assessment for a clinical_assessment disposition", ss.cfg.Name))
	}
	ss.counts.Dispositions[d]++
	m.tally(p.region, t).Dispositions[d]++
	day := &ss.nat.res.Daily[m.dayOf(t)]
	switch d {
	case ED:
		day.ED++
	case Ambulance:
		day.Ambulance++
	}
	m.refer(p, d, ss, t)
	m.release(pi)
}

type routeState uint8

const (
	routeUp routeState = iota
	routeUnhandled
	routeContingency
)

func (m *sim) routeState(p *patient, r Route, ss *serviceState, t float64) routeState {
	down := m.down(ss.routeSys[r], ss.restored, p.u[uSite], t)
	if r == RouteOOH {
		ns := m.patientNation(p)
		down = down || m.down(ns.oohSys, ns.restored, p.u[uSite], t)
	}
	switch {
	case !down:
		return routeUp
	case t < m.ready:
		return routeUnhandled
	}
	return routeContingency
}

func (m *sim) patientNation(p *patient) *nationState { return m.services[p.origin].nat }

// refer sends the referral for disposition d, if it has a route.
func (m *sim) refer(p *patient, d Disposition, ss *serviceState, t float64) {
	r, ok := RouteOf(d)
	if !ok {
		return
	}
	c := &ss.counts
	day := &ss.nat.res.Daily[m.dayOf(t)]
	mode := Electronic
	switch m.routeState(p, r, ss, t) {
	case routeUnhandled:
		if p.u[uLoss1] < m.out.UnhandledLoss {
			mode = Lost
			break
		}
		fallthrough
	case routeContingency:
		rc := &m.out.Contingency.Routes[r]
		switch {
		case rc.Mode == Closed:
			mode = Signposted
		case p.u[uLoss2] < rc.LossProb:
			mode = Lost
		default:
			mode = ManualSent
		}
	}
	tl := m.tally(p.region, t)
	c.Referrals[r][mode]++
	tl.Referrals[r][mode]++
	day.Referrals[mode]++
	ns := m.patientNation(p)
	switch mode {
	case Electronic:
		m.deliver(ns, r, p, t)
	case ManualSent:
		at := t
		if rc := &m.out.Contingency.Routes[r]; rc.Delay != nil {
			at += rc.Delay.Sample(ss.rRef)
		}
		if at >= m.cfg.Horizon {
			c.ManualPending[r]++
			m.tally(p.region, at).ManualPending[r]++
			return
		}
		m.deliver(ns, r, p, at)
	case Signposted:
		rc := &m.out.Contingency.Routes[r]
		comply := p.u[uComply] < rc.Compliance
		switch rc.SignpostTo {
		case GPInHours:
			c.SignpostedToGP++
			tl.SignpostedToGP++
			if comply {
				m.toGP(ns, t)
			}
		case ED:
			// A patient whose disposition was ED already counts there.
			if d != ED {
				c.SignpostedToED++
				tl.SignpostedToED++
				if comply {
					day.ED++
				}
			}
		}
	}
}

// deliver hands a referral to its receiver at time at (≥ now).
func (m *sim) deliver(ns *nationState, r Route, p *patient, at float64) {
	switch r {
	case RouteOOH:
		if ns.ooh == nil {
			return
		}
		class := pick(ns.oohShares, p.u[uOOHPri])
		if at <= m.k.Now() {
			ns.oohArrive(class, p.region)
		} else {
			m.k.Schedule(at, m.oohID, int32(ns.idx), int32(class)|p.region<<8)
		}
	case RouteGPBooking:
		m.toGP(ns, at)
	}
}

// toGP adds a patient to the same-day demand of the nation's GP practices
// on the day of their next opening after t.
func (m *sim) toGP(ns *nationState, t float64) {
	open := m.cal.NextGPOpening(ns.cfg.Nation, t)
	if open < m.cfg.Horizon {
		ns.gpFrom111[m.dayOf(open)]++
	}
}

// oohArrive adds an OOH case of a patient of region r; the case's job
// carries the region.
func (ns *nationState) oohArrive(class int, r int32) {
	m := ns.m
	ns.oohCases++
	m.tally(r, m.k.Now()).OOHCases++
	m.oohWaiting[r]++
	ns.ooh.Arrive(int64(r), class)
}

type oohDelivery struct{ m *sim }

// Handle delivers a manual OOH referral: Kind is the nation, Arg the class
// and, from bit 8, the patient's region.
func (o oohDelivery) Handle(_ *des.Kernel, ev des.Event) {
	o.m.nations[ev.Kind].oohArrive(int(ev.Arg&0xff), ev.Arg>>8)
}

type tick struct{ m *sim }

// Handle records the state at the start of each hour.
func (tk tick) Handle(k *des.Kernel, ev des.Event) {
	m := tk.m
	m.hour = int(ev.Arg)
	if next := int(ev.Arg) + 1; next < len(m.hourStart) {
		k.Schedule(m.hourStart[next], m.tickID, 0, int32(next))
	}
	for _, ns := range m.nations {
		hr := &ns.res.Hourly[ev.Arg]
		if ns.ooh != nil {
			hr.OOHWaiting = float64(ns.ooh.Waiting())
			ns.res.OOHBacklogPeak = max(ns.res.OOHBacklogPeak, hr.OOHWaiting)
			if ns.sessionStart[ev.Arg] {
				for _, r := range ns.regions {
					tl := m.tally(r, k.Now())
					tl.OOHSessionBacklog += m.oohWaiting[r]
					tl.OOHSessionStarts++
				}
			}
		}
	}
	for _, ss := range m.services {
		hr := &ss.nat.res.Hourly[ev.Arg]
		hr.Advisers += float64(ss.ha.Staff())
		if ss.cas != nil {
			hr.CASWaiting += float64(ss.cas.Waiting())
		}
	}
}

// manualExtra is the sender's extra time for a manual hand-off of the
// patient's disposition, if the route will be manual.
func (m *sim) manualExtra(p *patient, ss *serviceState, t float64) float64 {
	r, ok := RouteOf(p.disp)
	if !ok || m.out == nil {
		return 0
	}
	rc := &m.out.Contingency.Routes[r]
	if rc.Mode != Manual || rc.SenderTime == nil || m.routeState(p, r, ss, t) == routeUp {
		return 0
	}
	x := rc.SenderTime.Sample(ss.rRef)
	ss.counts.ManualWork += x
	m.tally(p.region, t).ManualWork += x
	return x
}

func (m *sim) slowed(ss *serviceState, p *patient, t float64) bool {
	return t >= m.ready && m.down(ss.sys[CallHandling], ss.restored, p.u[uSite], t)
}

// haObserver follows the health-adviser queue of a service.
type haObserver struct{ ss *serviceState }

func (o haObserver) Offered(_ *queue.Queue, j *queue.Job) {
	ss := o.ss
	m := ss.m
	t := m.k.Now()
	tl := m.tally(m.patients[j.Ref].region, t)
	ss.counts.CallsOffered++
	tl.CallsOffered++
	if j.Attempt > 0 {
		ss.counts.Redials++
		tl.Redials++
	}
	ss.nat.res.Hourly[m.hourOf(t)].Offered++
	ss.nat.res.Daily[m.dayOf(t)].Offered++
}

func (o haObserver) Answered(_ *queue.Queue, j *queue.Job, wait, service float64) float64 {
	ss := o.ss
	m := ss.m
	t := m.k.Now()
	c := &ss.counts
	p := &m.patients[j.Ref]
	tl := m.tally(p.region, t)
	c.CallsAnswered++
	c.WaitAnsweredSum += wait
	tl.CallsAnswered++
	tl.WaitAnsweredSum += wait
	hr := &ss.nat.res.Hourly[m.hourOf(t)]
	day := &ss.nat.res.Daily[m.dayOf(t)]
	hr.Answered++
	day.Answered++
	if wait <= m.cfg.AnswerTarget {
		c.AnsweredWithinTarget++
		tl.AnsweredWithinTarget++
		hr.AnsweredWithinTarget++
		day.AnsweredWithinTarget++
	}
	p.disp = Disposition(pick(m.patientNation(p).cfg.Dispositions[:], p.u[uDisp]))
	return m.outageTime(p, ss, t, service, m.handleFactor)
}

// outageTime is a call's duration in an outage: × factor (handle or
// consult) if the service works on paper for this patient, plus the
// sender's time for a manual hand-off of the disposition just drawn.
func (m *sim) outageTime(p *patient, ss *serviceState, t, service, factor float64) float64 {
	if m.out == nil {
		return service
	}
	if m.slowed(ss, p, t) {
		service *= factor
	}
	return service + m.manualExtra(p, ss, t)
}

func (o haObserver) Completed(_ *queue.Queue, j *queue.Job) {
	o.ss.m.dispose(int32(j.Ref), o.ss, o.ss.m.k.Now())
}

func (o haObserver) Abandoned(_ *queue.Queue, j *queue.Job, wait float64, redial bool) {
	ss := o.ss
	m := ss.m
	t := m.k.Now()
	tl := m.tally(m.patients[j.Ref].region, t)
	ss.counts.CallsAbandoned++
	tl.CallsAbandoned++
	hr := &ss.nat.res.Hourly[m.hourOf(t)]
	hr.Abandoned++
	ss.nat.res.Daily[m.dayOf(t)].Abandoned++
	if wait > m.cfg.AbandonThreshold {
		ss.counts.AbandonedAfterThreshold++
		tl.AbandonedAfterThreshold++
		hr.AbandonedAfterThreshold++
	}
	if !redial {
		m.gaveUp(int32(j.Ref), ss, t)
	}
}

// gaveUp sends a caller who hung up for good where the patient's nation's
// AbandonTo says, then lets them go.
func (m *sim) gaveUp(pi int32, ss *serviceState, t float64) {
	p := &m.patients[pi]
	ns := m.patientNation(p)
	tl := m.tally(p.region, t)
	ss.counts.GaveUp++
	tl.GaveUp++
	if anyPositive(ns.cfg.AbandonTo[:]) {
		// The triage draw is unused for a caller never triaged, so it
		// decides where they go.
		d := Disposition(pick(ns.cfg.AbandonTo[:], p.u[uDisp]))
		ss.counts.AbandonedTo[d]++
		tl.AbandonedTo[d]++
		m.goTo(d, ns, ss, t)
	}
	m.release(pi)
}

func (o haObserver) Blocked(*queue.Queue, *queue.Job, bool) {
	panic("model: a front door has no cap on lines, so nothing is blocked")
}

// casObserver follows a service's clinical call-back queue.
type casObserver struct{ ss *serviceState }

func (o casObserver) Offered(*queue.Queue, *queue.Job) {}

func (o casObserver) Answered(_ *queue.Queue, j *queue.Job, wait, service float64) float64 {
	ss := o.ss
	m := ss.m
	t := m.k.Now()
	p := &m.patients[j.Ref]
	tl := m.tally(p.region, t)
	ss.counts.CASAnswered++
	tl.CASAnswered++
	if wait <= ss.casTgt[j.Class] {
		ss.counts.CASWithinTarget++
		tl.CASWithinTarget++
	}
	nc := m.patientNation(p).cfg
	p.disp = Disposition(pick(nc.CAS.Outcomes[:], p.u[uCASOut]))
	return m.outageTime(p, ss, t, service, m.consultFactor)
}

func (o casObserver) Completed(_ *queue.Queue, j *queue.Job) {
	o.ss.m.dispose(int32(j.Ref), o.ss, o.ss.m.k.Now())
}

func (o casObserver) Abandoned(_ *queue.Queue, j *queue.Job, _ float64, _ bool) {
	ss := o.ss
	m := ss.m
	t := m.k.Now()
	p := &m.patients[j.Ref]
	ns := m.patientNation(p)
	tl := m.tally(p.region, t)
	ss.counts.CASGaveUp++
	tl.CASGaveUp++
	d := Disposition(pick(ns.cfg.CAS.GiveUpTo[:], p.u[uGiveUp]))
	ss.counts.CASGaveUpTo[d]++
	tl.CASGaveUpTo[d]++
	m.goTo(d, ns, ss, t)
	m.release(int32(j.Ref))
}

// goTo sends a patient who left 111 on their own (gave up waiting) where d
// says: ED or 999 count on the day, their GP practice sees them at its next
// opening, anything else is nowhere.
func (m *sim) goTo(d Disposition, ns *nationState, ss *serviceState, t float64) {
	day := &ss.nat.res.Daily[m.dayOf(t)]
	switch d {
	case ED:
		day.ED++
	case Ambulance:
		day.Ambulance++
	case GPInHours:
		m.toGP(ns, t)
	}
}

func (o casObserver) Blocked(*queue.Queue, *queue.Job, bool) {
	panic("model: the call-back queue has no cap, so nothing is blocked")
}

// oohObserver follows a nation's OOH case queue.
type oohObserver struct{ ns *nationState }

func (oohObserver) Offered(*queue.Queue, *queue.Job) {}

func (o oohObserver) Answered(_ *queue.Queue, j *queue.Job, wait, service float64) float64 {
	ns := o.ns
	m := ns.m
	t := m.k.Now()
	r := ns.res
	day := &r.Daily[m.dayOf(t)]
	region := int32(j.Ref)
	tl := m.tally(region, t)
	m.oohWaiting[region]--
	tl.OOHConsults++
	tl.OOHWaitSum += wait
	r.OOHConsults++
	r.OOHWaitSum += wait
	day.OOHConsults++
	day.OOHWaitSum += wait
	if wait <= ns.oohTarget[j.Class] {
		tl.OOHWithinTarget++
		r.OOHWithinTarget++
		day.OOHWithinTarget++
	}
	// Whether this case's site has its system back is drawn per case.
	u := ns.rSite.Float64()
	if m.out != nil && t >= m.ready && m.down(ns.oohSys, ns.restored, u, t) {
		service *= factorOr1(m.out.Contingency.ConsultFactor)
	}
	return service
}

func (oohObserver) Completed(*queue.Queue, *queue.Job)                {}
func (oohObserver) Abandoned(*queue.Queue, *queue.Job, float64, bool) {}
func (oohObserver) Blocked(*queue.Queue, *queue.Job, bool)            {}

// finish closes the books: GP practice days, totals, and the conservation
// checks.
func (m *sim) finish() (*Result, error) {
	res := &Result{Name: m.cfg.Name, HourStarts: m.hourStart, Events: m.k.Executed()}
	var errs []error
	for _, ss := range m.services {
		st := ss.ha.Stats()
		ss.counts.CallsWaitingAtEnd = float64(ss.ha.Waiting())
		ss.counts.RedialPending = float64(ss.ha.InOrbit())
		if ss.cas != nil {
			ss.counts.CASWaitingAtEnd = float64(ss.cas.Waiting())
		}
		c := &ss.counts
		// Every call ends answered, abandoned or still waiting.
		if c.CallsOffered != c.CallsAnswered+c.CallsAbandoned+c.CallsWaitingAtEnd || float64(st.Offered) != c.CallsOffered {
			errs = append(errs, conservation("service %q: %v calls offered ≠ %v answered + %v abandoned + %v waiting",
				ss.cfg.Name, c.CallsOffered, c.CallsAnswered, c.CallsAbandoned, c.CallsWaitingAtEnd))
		}
		// Every abandoned call was redialled, waits to be, or gave up.
		if c.CallsAbandoned != c.Redials+c.RedialPending+c.GaveUp {
			errs = append(errs, conservation("service %q: %v abandoned ≠ %v redialled + %v to redial + %v gave up",
				ss.cfg.Name, c.CallsAbandoned, c.Redials, c.RedialPending, c.GaveUp))
		}
		if ss.cas != nil {
			cs := ss.cas.Stats()
			if float64(cs.Offered) != c.CASReferred || c.CASReferred != c.CASAnswered+c.CASGaveUp+c.CASWaitingAtEnd {
				errs = append(errs, conservation("service %q: %v call-backs ≠ %v answered + %v gave up + %v waiting",
					ss.cfg.Name, c.CASReferred, c.CASAnswered, c.CASGaveUp, c.CASWaitingAtEnd))
			}
		}
		// Every referral is delivered electronically, sent by hand, lost
		// or signposted; pending ones are among those sent by hand.
		for r := range c.Referrals {
			if c.ManualPending[r] > c.Referrals[r][ManualSent] {
				errs = append(errs, conservation("service %q: route %s: %v pending > %v sent by hand",
					ss.cfg.Name, Route(r), c.ManualPending[r], c.Referrals[r][ManualSent]))
			}
			var dispositions float64
			for d := range c.Dispositions {
				if rr, ok := RouteOf(Disposition(d)); ok && rr == Route(r) {
					dispositions += c.Dispositions[d]
				}
			}
			var sum float64
			for _, v := range c.Referrals[r] {
				sum += v
			}
			if sum != dispositions {
				errs = append(errs, conservation("service %q: route %s: %v referrals by mode ≠ %v dispositions",
					ss.cfg.Name, Route(r), sum, dispositions))
			}
		}
		res.Services = append(res.Services, ServiceResult{Name: ss.cfg.Name, Nation: ss.cfg.Nation, Counts: ss.counts})
		ss.nat.res.Counts.add(&ss.counts)
	}
	// Every patient has left or is in exactly one place: waiting for or
	// talking to a health adviser, waiting to redial, or waiting for or
	// talking to a clinician.
	var present uint64
	for _, ss := range m.services {
		present += uint64(ss.ha.Waiting() + ss.ha.Busy() + ss.ha.InOrbit())
		if ss.cas != nil {
			present += uint64(ss.cas.Waiting() + ss.cas.Busy())
		}
	}
	if m.created != m.finished+present {
		errs = append(errs, conservation("%d patients ≠ %d finished + %d in queues", m.created, m.finished, present))
	}
	res.UK.Hourly = make([]Hour, len(m.hourStart))
	res.UK.Daily = make([]Day, len(m.days))
	for _, ns := range m.nations {
		r := ns.res
		if ns.ooh != nil {
			r.OOHCases = ns.oohCases
			r.OOHWaitingAtEnd = float64(ns.ooh.Waiting())
			if r.OOHCases != r.OOHConsults+r.OOHWaitingAtEnd {
				errs = append(errs, conservation("nation %s: %v OOH cases ≠ %v consulted + %v waiting", r.Nation, r.OOHCases, r.OOHConsults, r.OOHWaitingAtEnd))
			}
		}
		ns.closeGP()
		res.Nations = append(res.Nations, *r)
		res.UK.Counts.add(&r.Counts)
		res.UK.OOHCases += r.OOHCases
		res.UK.OOHConsults += r.OOHConsults
		res.UK.OOHWithinTarget += r.OOHWithinTarget
		res.UK.OOHWaitSum += r.OOHWaitSum
		res.UK.OOHWaitingAtEnd += r.OOHWaitingAtEnd
		res.UK.GPSpilledToED += r.GPSpilledToED
		res.UK.GPPeakUtilisation = max(res.UK.GPPeakUtilisation, r.GPPeakUtilisation)
		for h := range r.Hourly {
			u, x := &res.UK.Hourly[h], &r.Hourly[h]
			u.Offered += x.Offered
			u.Answered += x.Answered
			u.Abandoned += x.Abandoned
			u.AnsweredWithinTarget += x.AnsweredWithinTarget
			u.AbandonedAfterThreshold += x.AbandonedAfterThreshold
			u.Advisers += x.Advisers
			u.CASWaiting += x.CASWaiting
			u.OOHWaiting += x.OOHWaiting
		}
	}
	for _, r := range res.Nations {
		for d := range r.Daily {
			res.UK.Daily[d].addDay(&r.Daily[d])
		}
	}
	for _, h := range res.UK.Hourly {
		res.UK.OOHBacklogPeak = max(res.UK.OOHBacklogPeak, h.OOHWaiting)
	}
	errs = append(errs, m.closeTallies(res)...)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return res, nil
}

// closeGP runs the nation's GP practice days: each working day serves up
// to its capacity; what is left spills to ED or carries to the next
// working day.
func (ns *nationState) closeGP() {
	gp := &ns.cfg.GP
	r := ns.res
	carry := 0.0
	for d := range r.Daily {
		day := &r.Daily[d]
		day.GPFrom111 = ns.gpFrom111[d]
		day.GPCarriedIn = carry
		if !ns.m.cal.IsWorkingDay(ns.cfg.Nation, day.Date) {
			carry += day.GPFrom111
			continue
		}
		day.GPCapacity = gp.SameDayCapacity
		day.GPBaseline = gp.BaselineDemand
		demand := day.GPDemand()
		if day.GPCapacity > 0 {
			r.GPPeakUtilisation = max(r.GPPeakUtilisation, demand/day.GPCapacity)
		}
		over := max(0, demand-day.GPCapacity)
		day.GPSpilledToED = over * gp.OverflowToED
		r.GPSpilledToED += day.GPSpilledToED
		carry = over - day.GPSpilledToED
		if len(ns.regions) == 1 {
			// A GP day counts in the segment that holds its midday.
			tl := ns.m.tally(ns.regions[0], ns.m.dayStart(d)+12*3600)
			tl.GPCapacity += day.GPCapacity
			tl.GPBaseline += day.GPBaseline
			tl.GPFrom111 += day.GPFrom111
			tl.GPCarriedIn += day.GPCarriedIn
			tl.GPSpilledToED += day.GPSpilledToED
			tl.GPWorkingDays++
		}
	}
}

// closeTallies puts what is still pending at the end in each region's last
// segment, checks that the regions' tallies add up to the services' and
// nations' totals, and hands them to the result.
func (m *sim) closeTallies(res *Result) []error {
	var errs []error
	n := len(m.segs)
	var all Tally
	for r := range m.regions {
		var sum Tally
		for s := range n {
			sum.Add(&m.tallies[r*n+s])
		}
		last := &m.tallies[r*n+n-1]
		last.CallsWaitingAtEnd = sum.CallsOffered - sum.CallsAnswered - sum.CallsAbandoned
		last.RedialPending = sum.CallsAbandoned - sum.Redials - sum.GaveUp
		last.CASWaitingAtEnd = sum.CASReferred - sum.CASAnswered - sum.CASGaveUp
		last.OOHWaitingAtEnd = m.oohWaiting[r]
		if sum.OOHCases-sum.OOHConsults != m.oohWaiting[r] {
			errs = append(errs, conservation("region %s: %v OOH cases − %v consulted ≠ %v waiting",
				m.regions[r].Name, sum.OOHCases, sum.OOHConsults, m.oohWaiting[r]))
		}
		for s := range n {
			all.Add(&m.tallies[r*n+s])
		}
	}
	// Every event counted for a service is counted once for a region.
	uk := &res.UK
	for _, c := range []struct {
		what          string
		region, total float64
	}{
		{"calls offered", all.CallsOffered, uk.CallsOffered},
		{"calls answered", all.CallsAnswered, uk.CallsAnswered},
		{"calls abandoned", all.CallsAbandoned, uk.CallsAbandoned},
		{"calls waiting at the end", all.CallsWaitingAtEnd, uk.CallsWaitingAtEnd},
		{"redials pending", all.RedialPending, uk.RedialPending},
		{"patients", all.Patients, uk.Patients},
		{"call-backs waiting at the end", all.CASWaitingAtEnd, uk.CASWaitingAtEnd},
		{"referrals lost", all.ReferralTotal(Lost), uk.ReferralTotal(Lost)},
		{"referrals signposted", all.ReferralTotal(Signposted), uk.ReferralTotal(Signposted)},
		{"signposted to GP", all.SignpostedToGP, uk.SignpostedToGP},
		{"OOH cases", all.OOHCases, uk.OOHCases},
		{"OOH consultations", all.OOHConsults, uk.OOHConsults},
	} {
		if c.region != c.total {
			errs = append(errs, conservation("%s: %v over the regions ≠ %v over the services", c.what, c.region, c.total))
		}
	}
	res.Periods, res.Days, res.Segments, res.Tallies = m.periods, m.days, m.segs, m.tallies
	for _, r := range m.regions {
		res.Areas = append(res.Areas, Area{Name: r.Name, Nation: r.Nation.String()})
	}
	return errs
}
