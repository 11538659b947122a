package queue

import (
	"testing"

	"github.com/outagesim/outagesim/sim/theory"
)

// Validation against exact queueing results (../shared/validation.md §2,
// docs/validation.md). Each case runs ≥30 independent seeded replications
// that start empty, drops a warm-up, and compares ratio-of-sums estimators
// with the exact steady-state value: within 4 standard errors across
// replications and within a coarse absolute guard.

type check struct {
	name  string
	f     func(r rep) float64
	exact float64
	guard float64
}

type steadyCase struct {
	id         string
	m          model
	warm, span float64
	reps       int
	checks     []check
}

func val(x float64, err error) float64 {
	if err != nil {
		panic(err)
	}
	return x
}

// Estimators shared by the cases, all ratios of sums over a replication.
var (
	probWait   = func(r rep) float64 { return r.waitedFr }
	probAban   = func(r rep) float64 { return ratio(r.stats.Abandoned, r.stats.Answered+r.stats.Abandoned) }
	slAnswered = func(r rep) float64 { return ratio(r.stats.AnsweredWithinTarget, r.stats.Answered) }
	meanWait   = func(r rep) float64 {
		return (r.stats.WaitAnswered + r.stats.WaitAbandoned) / float64(r.stats.Answered+r.stats.Abandoned)
	}
	asaAnswered = func(r rep) float64 { return r.stats.WaitAnswered / float64(r.stats.Answered) }
	occupancy   = func(r rep) float64 { return r.stats.AreaBusy / r.stats.AreaStaff }
	meanQueue   = func(r rep) float64 { return r.stats.AreaWaiting / r.span }
	abanAfter   = func(r rep) float64 {
		return ratio(r.stats.AbandonedAfterThreshold, r.stats.Answered+r.stats.Abandoned)
	}
)

func steadyCases() []steadyCase {
	// C3b: Call Centre Helper worked example, N=14 (validation.md §2.1).
	c3b := theory.ErlangC{Lambda: 100.0 / 1800, MeanService: 180, Servers: 14}
	// C1b: M/M/2 at ρ=0.9, Adan & Resing Table 5.1.
	c1b := theory.ErlangC{Lambda: 1.8, MeanService: 1, Servers: 2}
	// EA3: pyworkforce Erlang A regression case (validation.md §2.2).
	ea3 := theory.ErlangA{Lambda: 100.0 / 1800, MeanService: 180, MeanPatience: 300, Servers: 14}
	// EA4: M/M/1+M, LINE solver example.
	ea4 := theory.ErlangA{Lambda: 0.8, MeanService: 1, MeanPatience: 2, Servers: 1}
	// EA5: M/M/3+M at ρ=0.7, most_queue test parameters.
	ea5 := theory.ErlangA{Lambda: 1, MeanService: 2.1, MeanPatience: 1 / 0.3, Servers: 3}
	// NHS: the benchmark call centre, λ=100/h, 6 min, patience 5 min, c=12,
	// with the 111 KPIs (answered within 60 s; abandoned after 30 s).
	nhs := theory.ErlangA{Lambda: 100.0 / 3600, MeanService: 360, MeanPatience: 300, Servers: 12}

	return []steadyCase{
		{
			id:   "C3b Erlang C, A=10, N=14, T=20 s",
			m:    model{lambda: c3b.Lambda, service: exp(180), servers: 14, target: 20},
			warm: 4 * 3600, span: 200 * 3600, reps: 30,
			checks: []check{
				{"P(W>0)", probWait, val(c3b.ProbWait()), 0.01},
				{"SL(20 s)", slAnswered, val(c3b.ServiceLevel(20)), 0.01},
				{"ASA (s)", meanWait, val(c3b.MeanWait()), 1},
				{"occupancy", occupancy, val(c3b.Occupancy()), 0.01},
			},
		},
		{
			id:   "C1b Erlang C, M/M/2, ρ=0.9",
			m:    model{lambda: 1.8, service: exp(1), servers: 2},
			warm: 1000, span: 50000, reps: 30,
			checks: []check{
				{"P(W>0)", probWait, val(c1b.ProbWait()), 0.01},
				{"E[W]", meanWait, val(c1b.MeanWait()), 0.2},
			},
		},
		{
			id:   "EA3 Erlang A, c=14, patience 5 min, T=20 s",
			m:    model{lambda: ea3.Lambda, service: exp(180), patience: expP(300), servers: 14, target: 20},
			warm: 4 * 3600, span: 200 * 3600, reps: 30,
			checks: []check{
				{"P(W>0)", probWait, val(ea3.ProbWait()), 0.01},
				{"P(Ab)", probAban, val(ea3.ProbAbandon()), 0.005},
				{"SL2(20 s)", slAnswered, val(ea3.SL2(20)), 0.01},
				{"E[W] all (s)", meanWait, val(ea3.MeanWait()), 0.5},
				{"ASA answered (s)", asaAnswered, val(ea3.MeanWaitAnswered()), 0.5},
				{"occupancy", occupancy, val(ea3.Occupancy()), 0.01},
			},
		},
		{
			id:   "EA4 Erlang A, M/M/1+M, λ=0.8, θ=0.5",
			m:    model{lambda: 0.8, service: exp(1), patience: expP(2), servers: 1},
			warm: 200, span: 20000, reps: 30,
			checks: []check{
				{"P(W>0)", probWait, val(ea4.ProbWait()), 0.01},
				{"P(Ab)", probAban, val(ea4.ProbAbandon()), 0.01},
				{"E[Q]", meanQueue, val(ea4.MeanQueueLength()), 0.02},
				{"ASA answered", asaAnswered, val(ea4.MeanWaitAnswered()), 0.02},
			},
		},
		{
			id:   "EA5 Erlang A, M/M/3+M, ρ=0.7, θ=0.3",
			m:    model{lambda: 1, service: exp(2.1), patience: expP(1 / 0.3), servers: 3},
			warm: 200, span: 20000, reps: 30,
			checks: []check{
				{"P(W>0)", probWait, val(ea5.ProbWait()), 0.01},
				{"P(Ab)", probAban, val(ea5.ProbAbandon()), 0.01},
				{"E[Q]", meanQueue, val(ea5.MeanQueueLength()), 0.02},
			},
		},
		{
			id: "NHS 111 KPIs on the benchmark centre, c=12",
			m: model{lambda: nhs.Lambda, service: exp(360), patience: expP(300), servers: 12,
				target: 60, abandonAt: 30},
			warm: 4 * 3600, span: 400 * 3600, reps: 30,
			checks: []check{
				{"answered within 60 s / answered", slAnswered, val(nhs.SL2(60)), 0.01},
				{"abandoned after 30 s / offered", abanAfter, val(nhs.ProbAbandonAfter(30)), 0.01},
				{"P(Ab)", probAban, val(nhs.ProbAbandon()), 0.01},
				{"mean answer time, answered (s)", asaAnswered, val(nhs.MeanWaitAnswered()), 2},
			},
		},
	}
}

func TestSteadyStateAgainstExactResults(t *testing.T) {
	for _, tc := range steadyCases() {
		t.Run(tc.id, func(t *testing.T) {
			t.Parallel()
			reps := make([]rep, tc.reps)
			for i := range reps {
				reps[i] = runModel(t, tc.m, 2026, uint64(i), tc.warm, tc.span)
			}
			for _, c := range tc.checks {
				near(t, c.name, collect(reps, c.f), c.exact, c.guard)
			}
		})
	}
}

// TestAbandonmentRateIdentity checks P(Ab) = θ·E[W_all], which holds only
// with exponential patience and catches patience clocks that are reset or
// double-counted (validation.md §4).
func TestAbandonmentRateIdentity(t *testing.T) {
	m := model{lambda: 1, service: exp(2.1), patience: expP(1 / 0.3), servers: 3}
	var reps []rep
	for i := range 30 {
		reps = append(reps, runModel(t, m, 7, uint64(i), 200, 20000))
	}
	diff := collect(reps, func(r rep) float64 { return probAban(r) - 0.3*meanWait(r) })
	near(t, "P(Ab) − θ·E[W_all]", diff, 0, 0.005)
}

// TestRetrialQueue checks the M/M/1 classical retrial queue (no waiting
// room, each caller in orbit retries at rate ν) against Falin & Templeton:
// E[orbit] = ρ(ρ + λ/ν)/(1 − ρ), P(busy) = ρ (validation.md §2.4, R1, R1b).
func TestRetrialQueue(t *testing.T) {
	for _, tc := range []struct {
		id            string
		lambda, nu    float64
		orbit, guardM float64
	}{
		{"R1 λ=0.5 ν=1", 0.5, 1, 1.0, 0.05},
		{"R1b λ=0.3 ν=2", 0.3, 2, 0.1928571, 0.02},
	} {
		t.Run(tc.id, func(t *testing.T) {
			t.Parallel()
			m := model{lambda: tc.lambda, service: exp(1), servers: 1, lossy: true,
				redialProb: 1, redialDelay: expP(1 / tc.nu)}
			var reps []rep
			for i := range 30 {
				reps = append(reps, runModel(t, m, 11, uint64(i), 500, 40000))
			}
			near(t, "E[orbit]", collect(reps, func(r rep) float64 { return r.stats.AreaOrbit / r.span }), tc.orbit, tc.guardM)
			near(t, "P(busy)", collect(reps, func(r rep) float64 { return r.stats.AreaBusy / r.span }), tc.lambda, 0.01)
			// Each first call makes ν·E[M]/λ retrials on average.
			near(t, "retrials per caller", collect(reps, func(r rep) float64 {
				return ratio(r.stats.Redials, r.stats.Offered-r.stats.Redials)
			}), tc.nu*tc.orbit/tc.lambda, 0.05)
		})
	}
}
