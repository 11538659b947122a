package model

// Staffing: rotas for the health advisers, clinicians and OOH
// clinicians, from the planned demand and the outage's effect on staff.

import (
	"fmt"
	"math"
	"slices"

	"github.com/outagesim/outagesim/sim/dist"
	"github.com/outagesim/outagesim/sim/queue"
)

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

// staffMultiplier is the outage's effect on a client's staff at t: the
// contingency's staff factor while any of its systems is not fully back,
// the back-entry of paper records after each reconnection, and the extra
// staff of any mutual aid the client receives while the aid runs.
func (m *sim) staffMultiplier(client string, es []*exposure) func(t float64) float64 {
	var back []float64
	for _, e := range es {
		back = append(back, e.changes()...)
	}
	slices.Sort(back)
	var aid []MutualAid
	if m.out != nil {
		for _, a := range m.out.Contingency.MutualAid {
			if a.To == client && a.StaffFactor > 0 {
				aid = append(aid, a)
			}
		}
	}
	return func(t float64) float64 {
		if m.out == nil {
			return 1
		}
		f := 1.0
		for _, a := range aid {
			if t >= a.At && t < a.Until {
				f *= a.StaffFactor
			}
		}
		if len(es) == 0 {
			return f
		}
		if t >= m.ready && clientFraction(es, t) < 1 {
			f *= factorOr1(m.out.Contingency.StaffFactor)
		}
		for _, b := range back {
			if t >= b && t < b+m.out.BackEntry.Days*86400 {
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
	mult := m.staffMultiplier(sc.Name, ss.exps)
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
		// The model books only staff time (bookStaff).
		StaffAreasOnly: true,
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
	cq, err := queue.New(m.k, queue.Config{Name: sc.Name + " clinical assessment", Classes: classes, Staff: staff, Rota: rota, StaffAreasOnly: true},
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
	plan := m.staffPlan(&nc.OOH.Clinicians, work, m.staffMultiplier("ooh:"+nc.Nation.String(), ns.exposures()))
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
	q, err := queue.New(m.k, queue.Config{Name: "ooh:" + nc.Nation.String(), Classes: classes, Staff: staff, Rota: rota, StaffAreasOnly: true},
		queue.Streams{Service: m.src.Stream("ooh/service/" + nc.Nation.String())}, oohObserver{ns})
	if err != nil {
		return fmt.Errorf("nation %s: ooh: %w", nc.Nation, err)
	}
	ns.ooh = q
	return nil
}
