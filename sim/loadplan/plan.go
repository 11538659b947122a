package loadplan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/model"
)

// Model wraps a scenario's configuration with a cache of each service's
// hourly demand. Its methods are safe for concurrent use; the Config must
// not change after NewModel.
type Model struct {
	Config *model.Config
	// Seed is the default seed of referral payloads.
	Seed uint64

	mu     sync.Mutex
	hourly map[string]hourly // by service name
}

type hourly struct{ breaks, rates []float64 }

// NewModel wraps cfg, whose referral payloads default to seed.
func NewModel(cfg *model.Config, seed uint64) *Model {
	return &Model{Config: cfg, Seed: seed, hourly: map[string]hourly{}}
}

// serviceDemand is cfg.HourlyDemand, computed once per service.
func (m *Model) serviceDemand(service string) (hourly, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if h, ok := m.hourly[service]; ok {
		return h, nil
	}
	breaks, rates, err := m.Config.HourlyDemand(service)
	if err != nil {
		return hourly{}, err
	}
	h := hourly{breaks, rates}
	m.hourly[service] = h
	return h, nil
}

// Stream is what an arrival process counts: first contacts at the front
// door, or the referrals they lead to.
type Stream struct {
	Referrals bool
	// Route restricts referrals to one route; AllRoutes counts every route.
	Route     model.Route
	AllRoutes bool
}

// ParseStream reads "calls" (or ""), "referrals" (every route) or
// "referrals:<route>".
func ParseStream(s string) (Stream, error) {
	switch {
	case s == "" || s == "calls":
		return Stream{}, nil
	case s == "referrals":
		return Stream{Referrals: true, AllRoutes: true}, nil
	case strings.HasPrefix(s, "referrals:"):
		r, err := model.ParseRoute(strings.TrimPrefix(s, "referrals:"))
		if err != nil {
			return Stream{}, fmt.Errorf("stream %q: %w", s, err)
		}
		return Stream{Referrals: true, Route: r}, nil
	}
	return Stream{}, fmt.Errorf(`stream %q: want "calls", "referrals" or "referrals:<route>" with a route in %v`, s, model.RouteNames())
}

// String is the stream's name as ParseStream reads it.
func (s Stream) String() string {
	switch {
	case !s.Referrals:
		return "calls"
	case s.AllRoutes:
		return "referrals"
	}
	return "referrals:" + s.Route.String()
}

// factor is the share of a nation's first contacts the stream counts.
func (s Stream) factor(n *model.Nation) float64 {
	switch {
	case !s.Referrals:
		return 1
	case s.AllRoutes:
		f := 0.0
		for r := range model.NumRoutes {
			f += n.RouteShare(r)
		}
		return f
	}
	return n.RouteShare(s.Route)
}

// Selection picks the demand an arrival process follows.
type Selection struct {
	// Nation restricts to one nation's services ("" = every nation).
	Nation string
	// Service picks one front door by name ("" = all of the nation's).
	Service string
	// Stream is "calls", "referrals" or "referrals:<route>".
	Stream string
}

func (m *Model) nation(n calendar.Nation) *model.Nation {
	for i := range m.Config.Nations {
		if m.Config.Nations[i].Nation == n {
			return &m.Config.Nations[i]
		}
	}
	return nil
}

// services resolves a selection to front doors, each with its nation.
func (m *Model) services(sel Selection) ([]*model.Service, error) {
	var nation calendar.Nation
	if sel.Nation != "" {
		n, err := calendar.ParseNation(sel.Nation)
		if err != nil {
			return nil, fmt.Errorf("nation: %w", err)
		}
		if m.nation(n) == nil {
			return nil, fmt.Errorf("nation %s: not in scenario %q", n, m.Config.Name)
		}
		nation = n
	}
	var out, all []*model.Service
	for i := range m.Config.Services {
		s := &m.Config.Services[i]
		all = append(all, s)
		if (sel.Nation == "" || s.Nation == nation) && (sel.Service == "" || s.Name == sel.Service) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		names := make([]string, len(all))
		for i, s := range all {
			names[i] = s.Name + " (" + s.Nation.String() + ")"
		}
		return nil, fmt.Errorf("no service %q in nation %q of scenario %q (allowed: %s)", sel.Service, sel.Nation, m.Config.Name, strings.Join(names, ", "))
	}
	return out, nil
}

// Demand is the selection's expected arrivals per simulated second in each
// hour of the run, with the hour boundaries (len(rates)+1 of them). Mutual
// aid does not move demand here: it is the demand the services receive
// from the public.
func (m *Model) Demand(sel Selection) (breaks, rates []float64, err error) {
	stream, err := ParseStream(sel.Stream)
	if err != nil {
		return nil, nil, err
	}
	svcs, err := m.services(sel)
	if err != nil {
		return nil, nil, err
	}
	for _, s := range svcs {
		h, err := m.serviceDemand(s.Name)
		if err != nil {
			return nil, nil, err
		}
		f := stream.factor(m.nation(s.Nation))
		if rates == nil {
			breaks, rates = h.breaks, make([]float64, len(h.rates))
		}
		for i, r := range h.rates {
			rates[i] += r * f
		}
	}
	return breaks, rates, nil
}

// ArrivalOptions configure the arrivals of a load test.
type ArrivalOptions struct {
	Selection
	Timeline
	// Scale multiplies the demand (0.1: a tenth of the real traffic).
	Scale float64
	// PreAllocatedVUs and MaxVUs override the defaults derived from the
	// peak rate (0 = default).
	PreAllocatedVUs, MaxVUs int64
}

// check validates the options' timeline against cfg and their scale.
func (o ArrivalOptions) check(cfg *model.Config) error {
	if err := o.Timeline.check(cfg); err != nil {
		return err
	}
	if !(o.Scale > 0) || math.IsInf(o.Scale, 0) {
		return fmt.Errorf("scale %v: want a finite number > 0", o.Scale)
	}
	return nil
}

// Stage is one k6 stage: ramp linearly to Target (per TimeUnit) over
// Duration; a zero Duration is a step.
type Stage struct {
	Target   int64
	Duration time.Duration
}

// Plan is a ramping-arrival-rate scenario that follows the model's demand.
type Plan struct {
	StartRate               int64
	TimeUnit                time.Duration
	PreAllocatedVUs, MaxVUs int64
	Stages                  []Stage
	Timeline                Timeline
	Expected                float64 // the model's expected arrivals in the window, × Scale
	Scheduled               float64 // the area under the stages: k6 starts ⌊Scheduled⌋ iterations
	PeakRate                float64 // highest real-time rate, per second
	Selection               Selection
	Scale                   float64
	ScheduledErrorBound     float64 // |Scheduled − Expected| is at most this (integer targets)
}

// minTargetPerUnit is the least a non-zero rate may be in the chosen time
// unit: integer targets then round a rate by at most 1/(2·40) = 1.25 %.
const minTargetPerUnit = 40

var timeUnits = []time.Duration{time.Second, time.Minute, time.Hour}

// Arrivals builds the k6 plan for opts.
//
// The model's demand is piecewise constant by hour, so each hour becomes a
// step: a zero-length stage that jumps to the hour's rate, then a stage that
// holds it for the hour's compressed length. k6 starts iteration i when the
// area under its rate curve reaches i, so the iterations started are
// ⌊area⌋ with no sampling noise. k6 targets are integers per TimeUnit: the
// time unit is the smallest of 1s, 1m, 1h that keeps every non-zero rate
// at ≥ 40 per unit, and each hour's target is rounded with the previous
// hours' rounding error carried forward, so the area stays within half a
// target unit × one stage of the model's expected count.
func (m *Model) Arrivals(opts ArrivalOptions) (Plan, error) {
	cfg := m.Config
	if opts.To == 0 {
		opts.To = cfg.Horizon
	}
	if err := opts.check(cfg); err != nil {
		return Plan{}, err
	}
	breaks, rates, err := m.Demand(opts.Selection)
	if err != nil {
		return Plan{}, err
	}
	type piece struct {
		dur  time.Duration // real time
		rate float64       // per real second
		area float64       // expected arrivals
	}
	var pieces []piece
	var expected, peak float64
	startNS := func(t float64) int64 { return int64(math.Round((t - opts.From) / opts.Speedup * 1e9)) }
	for h, r := range rates {
		a, b := max(breaks[h], opts.From), min(breaks[h+1], opts.To)
		if b <= a {
			continue
		}
		area := r * opts.Scale * (b - a)
		dur := time.Duration(startNS(b) - startNS(a))
		if dur <= 0 {
			return Plan{}, fmt.Errorf("speedup %v: an hour lasts less than a nanosecond", opts.Speedup)
		}
		rate := r * opts.Scale * opts.Speedup
		pieces = append(pieces, piece{dur, rate, area})
		expected += area
		peak = max(peak, rate)
	}
	minRate := math.Inf(1)
	for _, p := range pieces {
		if p.rate > 0 {
			minRate = min(minRate, p.rate)
		}
	}
	unit := timeUnits[len(timeUnits)-1]
	for _, u := range timeUnits {
		if minRate*u.Seconds() >= minTargetPerUnit {
			unit = u
			break
		}
	}
	plan := Plan{TimeUnit: unit, Timeline: opts.Timeline, Expected: expected, PeakRate: peak, Selection: opts.Selection, Scale: opts.Scale}
	var wanted, done, maxDur float64
	for i, p := range pieces {
		wanted += p.area
		secs := p.dur.Seconds()
		maxDur = max(maxDur, secs)
		target := max(0, int64(math.Round((wanted-done)/secs*unit.Seconds())))
		done += float64(target) / unit.Seconds() * secs
		switch {
		case i == 0:
			plan.StartRate = target
			plan.Stages = append(plan.Stages, Stage{target, p.dur})
		case target == plan.Stages[len(plan.Stages)-1].Target:
			plan.Stages[len(plan.Stages)-1].Duration += p.dur
		default:
			plan.Stages = append(plan.Stages, Stage{target, 0}, Stage{target, p.dur})
		}
	}
	plan.Scheduled = done
	plan.ScheduledErrorBound = 0.5 * maxDur / unit.Seconds()
	plan.PreAllocatedVUs, plan.MaxVUs = opts.PreAllocatedVUs, opts.MaxVUs
	if plan.PreAllocatedVUs <= 0 {
		// Enough VUs for iterations lasting half a second at the peak.
		plan.PreAllocatedVUs = int64(math.Ceil(peak*0.5)) + 1
	}
	if plan.MaxVUs <= 0 {
		// Room for a slow endpoint (5 s per iteration at the peak) before k6
		// drops iterations.
		plan.MaxVUs = max(2*plan.PreAllocatedVUs, int64(math.Ceil(peak*5)))
	}
	if plan.MaxVUs < plan.PreAllocatedVUs {
		return Plan{}, fmt.Errorf("maxVUs %d: want at least preAllocatedVUs (%d)", plan.MaxVUs, plan.PreAllocatedVUs)
	}
	return plan, nil
}

// Area is the number of iterations k6 schedules for stages starting at
// startRate per unit: the area under k6's piecewise-linear rate curve.
func Area(startRate int64, unit time.Duration, stages []Stage) float64 {
	area, from := 0.0, float64(startRate)
	for _, s := range stages {
		to := float64(s.Target)
		area += s.Duration.Seconds() * (from + to) / 2 / unit.Seconds()
		from = to
	}
	return area
}

// Duration is the plan's total real time.
func (p Plan) Duration() time.Duration {
	var d time.Duration
	for _, s := range p.Stages {
		d += s.Duration
	}
	return d
}

// Scenario is the k6 scenario configuration: the object a script puts
// under options.scenarios.
func (p Plan) Scenario() Object {
	stages := make([]any, len(p.Stages))
	for i, s := range p.Stages {
		stages[i] = Object{{"target", s.Target}, {"duration", s.Duration.String()}}
	}
	return Object{
		{"executor", "ramping-arrival-rate"},
		{"startRate", p.StartRate},
		{"timeUnit", unitString(p.TimeUnit)},
		{"preAllocatedVUs", p.PreAllocatedVUs},
		{"maxVUs", p.MaxVUs},
		{"stages", stages},
	}
}

// Field is one property of an Object.
type Field struct {
	Key   string
	Value any
}

// Object is a JSON / JS object that keeps its keys in order, so scripts
// and tests see the same output every time.
type Object []Field

// Get returns the value of key, or nil.
func (o Object) Get(key string) any {
	for _, f := range o {
		if f.Key == key {
			return f.Value
		}
	}
	return nil
}

// MarshalJSON writes the object with its keys in order.
func (o Object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(f.Key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(f.Value)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Key, err)
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// unitString writes 1s, 1m and 1h as k6's documentation does.
func unitString(d time.Duration) string {
	switch d {
	case time.Second:
		return "1s"
	case time.Minute:
		return "1m"
	case time.Hour:
		return "1h"
	}
	return d.String()
}
