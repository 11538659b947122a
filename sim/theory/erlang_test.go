package theory

import (
	"math"
	"testing"
)

func near(t *testing.T, what string, got, want, rel, abs float64) {
	t.Helper()
	if d := math.Abs(got - want); !(d <= abs || d <= rel*math.Abs(want)) {
		t.Errorf("%s: got %.15g, want %.15g (|diff| %.3g)", what, got, want, d)
	}
}

// mustT returns a helper that unwraps (value, error), failing t on error.
func mustT(t *testing.T) func(float64, error) float64 {
	return func(v float64, err error) float64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// ErlangB and ErlangC against the explicit sums of validation.md §1.1.
func TestErlangBCAgainstDirectSums(t *testing.T) {
	m := mustT(t)
	for _, tc := range []struct {
		c int
		a float64
	}{{1, 0.3}, {2, 1.8}, {5, 4.5}, {10, 2}, {20, 18}, {30, 29.5}} {
		sum, term := 0.0, 1.0 // term = A^k/k!
		for k := 0; k < tc.c; k++ {
			sum += term
			term *= tc.a / float64(k+1)
		}
		b := m(ErlangB(tc.c, tc.a))
		near(t, "ErlangB", b, term/(sum+term), 1e-13, 0)
		cTerm := term * float64(tc.c) / (float64(tc.c) - tc.a)
		pw := m(ErlangC{Lambda: tc.a, MeanService: 1, Servers: tc.c}.ProbWait())
		near(t, "ErlangC", pw, cTerm/(sum+cTerm), 1e-13, 0)
	}
}

func TestErlangCIdentities(t *testing.T) {
	m := mustT(t)
	q := ErlangC{Lambda: 100.0 / 1800, MeanService: 180, Servers: 14}
	pw := m(q.ProbWait())
	w := m(q.MeanWait())
	// E[W] = ∫_0^∞ P(W>t) dt.
	integ := integrate(func(u float64) float64 { v, _ := q.ProbWaitExceeds(u); return v }, 0, 1e5, 1e-13, 0)
	near(t, "∫P(W>t)", integ, w, 1e-11, 0)
	near(t, "P(W>0)", m(q.ProbWaitExceeds(0)), pw, 1e-15, 0)
	near(t, "SL(∞)", m(q.ServiceLevel(math.Inf(1))), 1, 0, 0)
	near(t, "L = Lq + A", m(q.MeanNumberInSystem()), m(q.MeanQueueLength())+10, 1e-14, 0)
	// A tiny load must not underflow into NaN.
	tiny := ErlangC{Lambda: 1e-3, MeanService: 1, Servers: 500}
	if v := m(tiny.ProbWait()); v != 0 && !(v > 0 && v < 1e-300) {
		t.Errorf("tiny load P(W>0) = %v", v)
	}
}

// Erlang A → Erlang C as θ → 0 (mean patience → ∞).
func TestErlangAToErlangC(t *testing.T) {
	m := mustT(t)
	for _, c := range []ErlangC{
		{Lambda: 1.8, MeanService: 1, Servers: 2},
		{Lambda: 100.0 / 1800, MeanService: 180, Servers: 14},
		{Lambda: 450, MeanService: 1, Servers: 500},
	} {
		a := ErlangA{Lambda: c.Lambda, MeanService: c.MeanService, MeanPatience: 1e9 * c.MeanService, Servers: c.Servers}
		near(t, "P(W>0)", m(a.ProbWait()), m(c.ProbWait()), 1e-6, 0)
		near(t, "E[W]", m(a.MeanWait()), m(c.MeanWait()), 1e-6, 0)
		near(t, "E[W|answered]", m(a.MeanWaitAnswered()), m(c.MeanWait()), 1e-6, 0)
		near(t, "E[Q]", m(a.MeanQueueLength()), m(c.MeanQueueLength()), 1e-6, 0)
		near(t, "occupancy", m(a.Occupancy()), m(c.Occupancy()), 1e-6, 0)
		for _, T := range []float64{0, 0.1 * c.MeanService, c.MeanService} {
			want := m(c.ServiceLevel(T))
			near(t, "SL1", m(a.SL1(T)), want, 1e-6, 0)
			near(t, "SL2", m(a.SL2(T)), want, 1e-6, 0)
		}
		if p := m(a.ProbAbandon()); !(p > 0 && p < 1e-6) {
			t.Errorf("P(Ab) = %v, want small positive", p)
		}
	}
	// The gap closes at first order in θ: (E[W]_A − E[W]_C)/θ settles to a
	// constant, which also shows no precision is lost as θ → 0.
	c := ErlangC{Lambda: 1.8, MeanService: 1, Servers: 2}
	wc := m(c.MeanWait())
	slope := func(patience float64) float64 {
		a := ErlangA{Lambda: 1.8, MeanService: 1, MeanPatience: patience, Servers: 2}
		return (m(a.MeanWait()) - wc) * patience
	}
	s7, s9 := slope(1e7), slope(1e9)
	near(t, "first-order slope", s9, s7, 1e-4, 0)
	if !(s9 < -1) {
		t.Errorf("abandonment should shorten E[W]: slope %v", s9)
	}
}

var erlangAProps = []ErlangA{
	{Lambda: 100.0 / 30, MeanService: 3, MeanPatience: 5, Servers: 14}, // EA3
	{Lambda: 0.8, MeanService: 1, MeanPatience: 2, Servers: 1},         // EA4
	{Lambda: 1, MeanService: 2.1, MeanPatience: 1 / 0.3, Servers: 3},   // EA5
	{Lambda: 600, MeanService: 1, MeanPatience: 1 / 0.06, Servers: 500},
	{Lambda: 100, MeanService: 1, MeanPatience: 0.1, Servers: 3},
	{Lambda: 40, MeanService: 0.5, MeanPatience: 0.25, Servers: 25},
	{Lambda: 1.8, MeanService: 1, MeanPatience: 1e6, Servers: 2}, // nearly Erlang C
	{Lambda: 9000, MeanService: 1.0 / 60, MeanPatience: 0.5, Servers: 120},
}

func TestErlangAProperties(t *testing.T) {
	m := mustT(t)
	for _, q := range erlangAProps {
		pw := m(q.ProbWait())
		pab := m(q.ProbAbandon())
		pabW := m(q.ProbAbandonGivenWait())
		theta := 1 / q.MeanPatience
		near(t, "P(Ab)=P(Ab|W>0)P(W>0)", pab, pabW*pw, 1e-14, 0)
		near(t, "P(Ab)=θE[W]", theta*m(q.MeanWait()), pab, 1e-14, 0)
		near(t, "E[Q]=λE[W]", m(q.MeanQueueLength()), q.Lambda*m(q.MeanWait()), 1e-14, 0)
		near(t, "P(V>0)=P(W>0)", m(q.ProbOfferedWaitExceeds(0)), pw, 1e-13, 0)
		near(t, "P(Ab,W>0)=P(Ab)", m(q.ProbAbandonAfter(0)), pab, 1e-11, 1e-15)
		near(t, "P(ans)+P(Ab)=1", m(q.ProbAnsweredWithin(math.Inf(1)))+pab, 1, 1e-13, 0)
		near(t, "SL2(∞)=1", m(q.SL2(math.Inf(1))), 1, 1e-14, 0)
		// π_c = E_B/(1+(A−1)E_B) ⇔ P(W>0) = A·π_c, checked through the
		// offered-wait density at 0: f_V(0+) = π_c·cμ.
		if pic := m(q.ProbAllBusyNoQueue()); pic > 1e-6 {
			h := 1e-6 * q.MeanService
			fv0 := (m(q.ProbOfferedWaitExceeds(0)) - m(q.ProbOfferedWaitExceeds(h))) / h
			near(t, "f_V(0)", fv0, pic*float64(q.Servers)/q.MeanService, 1e-4, 0)
		}
		prevSL1 := -1.0
		for _, T := range []float64{0, 0.01, 0.1, 1 / 3.0, 0.5, 1, 3, 10} {
			T *= q.MeanService
			sl1, sl2 := m(q.SL1(T)), m(q.SL2(T))
			sl3, sl4 := m(q.SL3(T)), m(q.SL4(T))
			abLE, abGT := m(q.ProbAbandonWithin(T)), m(q.ProbAbandonAfter(T))
			const eps = 1e-12
			if !(sl2 >= sl1-eps && sl3 >= sl1-eps && sl4 >= sl1-eps && sl1 >= prevSL1-eps) {
				t.Errorf("%+v T=%v: SL ordering broken: SL1 %v SL2 %v SL3 %v SL4 %v", q, T, sl1, sl2, sl3, sl4)
			}
			prevSL1 = sl1
			near(t, "P(Ab,W≤t)+P(Ab,W>t)=P(Ab)", abLE+abGT, pab, 1e-11, 1e-15)
			// Independent closed form: answered or abandoned within t,
			// minus answered within t.
			pwt := m(q.ProbWaitExceeds(T))
			ansGT := m(q.ProbAnsweredAfter(T))
			ans0 := m(q.ProbAnsweredAfter(0))
			near(t, "P(Ab,W≤t) closed form", abLE, pw-pwt-(ans0-ansGT), 1e-9, 1e-13)
			near(t, "SL3 = SL1 + P(Ab,W≤t)", sl3, sl1+abLE, 1e-12, 1e-12)
			near(t, "SL1 = SL2·P(ans)", sl1, sl2*(1-pab), 1e-12, 1e-13)
		}
	}
}

// The offered-wait law: −d/dt P(V>t) equals the density of §1.2,
// f_V(t) = π_c·cμ·exp(−cμt + y(1−e^{−θt})).
func TestErlangAOfferedWaitDensity(t *testing.T) {
	m := mustT(t)
	q := ErlangA{Lambda: 100.0 / 30, MeanService: 3, MeanPatience: 5, Servers: 14}
	pic := m(q.ProbAllBusyNoQueue())
	cmu, theta, y := 14.0/3, 0.2, 100.0/30*5
	for _, s := range []float64{0.05, 0.3, 1, 2.5} {
		h := 1e-4
		d := (m(q.ProbOfferedWaitExceeds(s-h)) - m(q.ProbOfferedWaitExceeds(s+h))) / (2 * h)
		f := pic * cmu * math.Exp(-cmu*s+y*(1-math.Exp(-theta*s)))
		near(t, "f_V", d, f, 1e-7, 0)
	}
}

// Regression against an independent 30-digit mpmath evaluation (₁F₁ for
// A(x,y), closed forms with γ(·,·), quadrature for E[W|answered]) at the
// stressed end of the range: c up to 500, y = λ/θ up to 1e4, overload,
// very long and very short patience. Tolerance: 1e-9 relative or 1e-11
// absolute (closed-form differences such as SL1 carry ≈1e-12 absolute
// round-off when log A(x,y) is large).
func TestErlangAStressMpmath(t *testing.T) {
	m := mustT(t)
	// want: P(W>0), P(Ab), E[W|ans], then for T=0.05 and T=2: SL1, SL2, P(Ab,W>T).
	cases := []struct {
		c           int
		lam, mu, th float64
		want        [9]float64
	}{
		{500, 600, 1, 0.06, [9]float64{1.0, 0.16666666666666667, 3.0376926332325772, 0, 0, 0.16367116217003964, 3.9064369609687202e-9, 4.6877243531624643e-9, 0.053587103390719738}},
		{500, 450, 1, 0.045, [9]float64{0.012113559759737661, 1.0723125814435186e-5, 0.00023808488603619977, 0.9990416453396802, 0.9990523583038135, 8.2347514758396241e-7, 0.99998927687418556, 1.0, 9.9549780151899771e-67}},
		{500, 500, 1, 0.05, [9]float64{0.81940617984671209, 0.0065205188362017451, 0.13044371845220217, 0.34172512890715253, 0.34396797859060279, 0.0046769367613777244, 0.99347948116379825, 1.0, 6.1981692701778886e-26}},
		{5, 100, 1, 0.01, [9]float64{1.0, 0.95, 299.47326068871909, 0, 0, 0.94950012497916927, 0, 0, 0.9301986733067553}},
		{1, 0.5, 1, 1e-4, [9]float64{0.49995003495558176, 9.9930088836489523e-5, 0.99920103803679538, 0.51239621167895027, 0.51244742059521438, 9.7461339107336145e-5, 0.81610737404071151, 0.81618893587358072, 3.6736518529072749e-5}},
		{200, 150, 1, 2, [9]float64{5.4766698843111569e-5, 1.7951842812300737e-6, 8.6982557495181532e-7, 0.99999598112908591, 0.9999977763093752, 6.2441855795668917e-8, 0.99999820481571877, 1.0, 5.0720339980848372e-151}},
		{3, 100, 1, 10, [9]float64{0.99999691083310826, 0.97000003150938118, 0.2471787703791228, 0.00013925948893799937, 0.0046419878401387879, 0.57654881021190862, 0.029999968487997619, 0.99999999991262641, 8.7373500159467773e-12}},
	}
	for _, c := range cases {
		q := ErlangA{Lambda: c.lam, MeanService: 1 / c.mu, MeanPatience: 1 / c.th, Servers: c.c}
		got := []float64{m(q.ProbWait()), m(q.ProbAbandon()), m(q.MeanWaitAnswered())}
		for _, T := range []float64{0.05, 2} {
			got = append(got, m(q.SL1(T)), m(q.SL2(T)), m(q.ProbAbandonAfter(T)))
		}
		for i, g := range got {
			near(t, "stress", g, c.want[i], 1e-9, 1e-11)
		}
	}
}

// The three evaluations of Palm's A(x,z) (series, incomplete gamma,
// integral representation) agree wherever each is meant to be used, and
// logPalmA picks an accurate one everywhere.
func TestPalmABranches(t *testing.T) {
	for _, x := range []float64{0.3, 5, 50, 300, 8333, 1e5, 1e6, 1e7} {
		sq := math.Sqrt(x)
		for _, k := range []float64{-3000, -1000, -100, -20, -5, -4.5, -4.4, -2, 0, 2, 4.4, 4.5, 5, 10, 30} {
			z := x + k*sq
			if z <= 0 {
				continue
			}
			tail, _, ok := kummerSeries(x, z)
			if !ok || math.IsInf(tail, 0) {
				continue
			}
			ref := math.Log1p(tail)
			if z <= x {
				near(t, "integral vs series", logPalmAIntegral(x, z), ref, 1e-12, 1e-14)
			}
			if x <= 200 || k >= -4.4 {
				near(t, "gamma vs series", logPalmAGamma(x, z), ref, 1e-12, 1e-14)
			}
			near(t, "logPalmA vs series", logPalmA(x, z), ref, 1e-12, 1e-14)
		}
	}
	for _, u := range []float64{-1, -0.1, -1e-3, -1e-9, 0, 1e-6, 0.05, 2} {
		near(t, "expm1PlusX", expm1PlusX(u), math.Expm1(u)-u, 1e-6, 0) // coarse: the reference cancels
	}
	near(t, "expm1PlusX small", expm1PlusX(-1e-4), 1e-8/2-1e-12/6+1e-16/24-1e-20/120, 1e-15, 0)
}

// Erlang A with λ = 0 is defined and trivial.
func TestErlangANoArrivals(t *testing.T) {
	m := mustT(t)
	q := ErlangA{Lambda: 0, MeanService: 2, MeanPatience: 1, Servers: 3}
	near(t, "P(W>0)", m(q.ProbWait()), 0, 0, 0)
	near(t, "SL2", m(q.SL2(1)), 1, 0, 0)
	near(t, "ASA", m(q.MeanWaitAnswered()), 0, 0, 0)
	near(t, "P(Ab|W>0)", m(q.ProbAbandonGivenWait()), 1/(1+1.5), 1e-15, 0)
}
