package theory

import (
	"math"
	"testing"
)

// Stationary truncated chain (large K) against Erlang A (PASTA and
// Little: P(W>0) = P(N>=c) − P(N=K), P(Ab) = θE[Q]/λ).
func TestBirthDeathStationaryVsErlangA(t *testing.T) {
	m := mustT(t)
	for _, q := range []ErlangA{
		{Lambda: 100.0 / 30, MeanService: 3, MeanPatience: 5, Servers: 14},
		{Lambda: 0.8, MeanService: 1, MeanPatience: 2, Servers: 1},
		{Lambda: 1, MeanService: 2.1, MeanPatience: 1 / 0.3, Servers: 3},
		{Lambda: 600, MeanService: 1, MeanPatience: 1 / 0.06, Servers: 500},
		{Lambda: 450, MeanService: 1, MeanPatience: 1 / 0.045, Servers: 500},
	} {
		bd := BirthDeath{Servers: q.Servers, MeanService: q.MeanService, MeanPatience: q.MeanPatience, Capacity: q.Servers + 6000}
		p, err := bd.Stationary(q.Lambda)
		if err != nil {
			t.Fatal(err)
		}
		s, err := bd.Summarize(p)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "P(W>0)", s.ProbAllBusy-s.ProbFull, m(q.ProbWait()), 1e-10, 1e-15)
		near(t, "P(Ab)", s.MeanQueue/q.MeanPatience/q.Lambda, m(q.ProbAbandon()), 1e-10, 1e-15)
		near(t, "E[N]", s.MeanN, m(q.MeanNumberInSystem()), 1e-10, 0)
		near(t, "E[busy]", s.MeanBusy, m(q.MeanBusy()), 1e-10, 0)
		near(t, "π_c", p[q.Servers], m(q.ProbAllBusyNoQueue()), 1e-10, 1e-300)
	}
}

func TestBirthDeathStationaryVsErlangC(t *testing.T) {
	m := mustT(t)
	c := ErlangC{Lambda: 4.5, MeanService: 1, Servers: 5}
	bd := BirthDeath{Servers: 5, MeanService: 1, MeanPatience: math.Inf(1), Capacity: 600}
	p, err := bd.Stationary(4.5)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := bd.Summarize(p)
	near(t, "P(W>0)", s.ProbAllBusy, m(c.ProbWait()), 1e-12, 0)
	near(t, "L_q", s.MeanQueue, m(c.MeanQueueLength()), 1e-12, 0)
}

// Transient RK4 with c = K (no queue, M_t/M/∞ up to a negligible
// truncation) against TV2's closed form, and Var N = E N (Poisson).
func TestBirthDeathTransientTV2(t *testing.T) {
	m := mustT(t)
	tv2 := PiecewiseRate{Edges: []float64{0, 8, 16, 24}, Rates: []float64{60, 180, 90}}
	lam := func(u float64) float64 { v, _ := tv2.Rate(u); return v }
	bd := BirthDeath{Servers: 80, MeanService: 0.1, MeanPatience: math.Inf(1), Capacity: 80}
	p0, _ := bd.EmptyState()
	times := []float64{1, 8, 8.1, 8.25, 8.5, 9, 16, 16.1, 16.5, 24}
	ps, err := bd.Transient(lam, p0, 0, times, 1e-3)
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range times {
		s, err := bd.Summarize(ps[i])
		if err != nil {
			t.Fatal(err)
		}
		want := m(MtMInfPiecewise(tv2, 10, 0, tt))
		near(t, "E N(t)", s.MeanN, want, 1e-9, 0)
		v := 0.0
		for n, pn := range ps[i] {
			v += (float64(n) - s.MeanN) * (float64(n) - s.MeanN) * pn
		}
		near(t, "Var N(t)", v, want, 1e-8, 0)
	}
}

// TV1b started empty with c = K = 400 agents (validation.md: P(all busy)
// negligible for c >= ~250), smooth λ, against the closed form.
func TestBirthDeathTransientTV1b(t *testing.T) {
	m := mustT(t)
	bd := BirthDeath{Servers: 400, MeanService: 1, MeanPatience: 1, Capacity: 400}
	p0, _ := bd.EmptyState()
	times := []float64{1, 3, 6, 12}
	ps, err := bd.Transient(tvRate, p0, 0, times, 1e-3)
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range times {
		s, _ := bd.Summarize(ps[i])
		near(t, "TV1b E N(t)", s.MeanN, m(MtMInfSinusoidFrom(tvSin, 1, 0, 0, tt)), 1e-9, 0)
	}
}

// From empty, the M/M/c+M transient converges to the stationary law.
func TestBirthDeathTransientToStationary(t *testing.T) {
	bd := BirthDeath{Servers: 1, MeanService: 1, MeanPatience: 2, Capacity: 60}
	p0, _ := bd.EmptyState()
	ps, err := bd.Transient(func(float64) float64 { return 0.8 }, p0, 0, []float64{200}, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := bd.Stationary(0.8)
	for n := range st {
		near(t, "p_n", ps[0][n], st[n], 1e-9, 1e-13)
	}
}
