package theory

import "math"

// ErlangA is the Palm/Erlang-A queue M/M/c+M: Poisson arrivals, exponential
// service, c agents, FCFS, infinite waiting room and exponential patience
// (validation.md §1.2; Mandelbaum & Zeltyn 2005). Lambda, MeanService and
// MeanPatience share one time unit, as do all time-valued results. It is
// stable for every load. Erlang C is the limit MeanPatience → ∞.
//
// W is the wait of a caller (abandoners included, up to their abandonment),
// V the offered wait (the wait with infinite patience).
type ErlangA struct {
	Lambda       float64 // arrival rate λ (>= 0)
	MeanService  float64 // mean service time h = 1/μ
	MeanPatience float64 // mean patience 1/θ (finite)
	Servers      int     // number of agents c
}

type erlangASolution struct {
	lambda, mu, theta float64
	x, y              float64 // x = cμ/θ, y = λ/θ
	logA              float64 // log A(x, y)
	pw                float64 // P(W > 0)
	pabW              float64 // P(Ab | W > 0)
	pab               float64 // P(Ab)
	p0                float64 // P(W = 0)
	pans              float64 // P(answered) = 1 − P(Ab), summed without cancellation
}

const (
	quadRelTol = 1e-11 // GL15 halving estimates overstate the error by far
	quadAbsTol = 1e-300
)

func (q ErlangA) solve() (erlangASolution, error) {
	if err := checkServers(q.Servers); err != nil {
		return erlangASolution{}, err
	}
	if err := checkNonNegative("Lambda", q.Lambda); err != nil {
		return erlangASolution{}, err
	}
	if err := checkPositive("MeanService", q.MeanService); err != nil {
		return erlangASolution{}, err
	}
	if err := checkPositive("MeanPatience", q.MeanPatience); err != nil {
		return erlangASolution{}, err
	}
	s := erlangASolution{lambda: q.Lambda, mu: 1 / q.MeanService, theta: 1 / q.MeanPatience}
	c := float64(q.Servers)
	s.x = c * q.MeanPatience / q.MeanService
	s.y = q.Lambda * q.MeanPatience
	if math.IsInf(s.x, 0) || math.IsInf(s.y, 0) {
		return erlangASolution{}, invalid("Erlang A: cμ/θ = %v or λ/θ = %v overflows", s.x, s.y)
	}
	if s.y == 0 {
		// No arrivals: nobody waits; a hypothetical waiting caller would
		// abandon with probability θ/(cμ+θ).
		s.pabW = 1 / (s.x + 1)
		s.p0, s.pans = 1, 1
		return s, nil
	}
	rho := s.y / s.x
	// The series also yields P(Ab|W>0) without cancellation; it is summed
	// once per solve even when long.
	tail, n, ok := 0.0, 0.0, false
	if useKummerSeries(s.x, s.y) {
		tail, n, ok = kummerSeries(s.x, s.y)
	}
	if ok {
		s.logA = math.Log1p(tail)
		s.pabW = n / ((s.x + 1) * (1 + tail))
	} else {
		s.logA = logPalmA(s.x, s.y)
		s.pabW = 1 + math.Expm1(-s.logA)/rho
	}
	// P(W>0) = A·π_c = 1/(1 + (1/E_B − 1)/A), with π_c = E_B/(1+(A−1)E_B).
	lr := logInvErlangB(q.Servers, q.Lambda*q.MeanService) // log(1/E_B)
	logD := lr + math.Log(-math.Expm1(-lr)) - s.logA
	d := math.Exp(logD)
	s.pw = 1 / (1 + d)
	s.p0 = d / (1 + d)
	if math.IsInf(d, 1) {
		s.p0 = 1
	}
	s.pab = s.pabW * s.pw
	s.pans = s.p0 + s.answeredAfter(0)
	return s, nil
}

// ProbAllBusyNoQueue returns π_c = P(N = c) = E_B/(1 + (A(x,y) − 1)·E_B).
func (q ErlangA) ProbAllBusyNoQueue() (float64, error) {
	s, err := q.solve()
	if err != nil || s.pw == 0 {
		return 0, err
	}
	return math.Exp(math.Log(s.pw) - s.logA), nil
}

// ProbWait returns P(W > 0) = A(x,y)·π_c, the probability that an arrival
// finds all agents busy.
func (q ErlangA) ProbWait() (float64, error) {
	s, err := q.solve()
	return s.pw, err
}

// ProbAbandonGivenWait returns P(Ab | W > 0) = 1/(ρ·A(x,y)) + 1 − 1/ρ.
func (q ErlangA) ProbAbandonGivenWait() (float64, error) {
	s, err := q.solve()
	return s.pabW, err
}

// ProbAbandon returns P(Ab) = P(Ab | W > 0)·P(W > 0).
func (q ErlangA) ProbAbandon() (float64, error) {
	s, err := q.solve()
	return s.pab, err
}

// MeanWait returns E[W] over all arrivals, abandoners included, = P(Ab)/θ
// (one of the two ASA definitions; see MeanWaitAnswered).
func (q ErlangA) MeanWait() (float64, error) {
	s, err := q.solve()
	if err != nil {
		return 0, err
	}
	return s.pab / s.theta, nil
}

// MeanQueueLength returns E[Q] = λ·E[W] = λ·P(Ab)/θ.
func (q ErlangA) MeanQueueLength() (float64, error) {
	s, err := q.solve()
	if err != nil {
		return 0, err
	}
	return s.lambda * s.pab / s.theta, nil
}

// MeanBusy returns the mean number of busy agents λ(1 − P(Ab))·h.
func (q ErlangA) MeanBusy() (float64, error) {
	s, err := q.solve()
	if err != nil {
		return 0, err
	}
	return s.lambda * s.pans / s.mu, nil
}

// MeanNumberInSystem returns E[N] = E[Q] + λ(1 − P(Ab))·h.
func (q ErlangA) MeanNumberInSystem() (float64, error) {
	s, err := q.solve()
	if err != nil {
		return 0, err
	}
	return s.lambda*s.pab/s.theta + s.lambda*s.pans/s.mu, nil
}

// Occupancy returns the agent utilisation λ(1 − P(Ab))·h/c.
func (q ErlangA) Occupancy() (float64, error) {
	b, err := q.MeanBusy()
	if err != nil {
		return 0, err
	}
	return b / float64(q.Servers), nil
}

// offeredSurvival returns P(V > t) = π_c·x·e^y·y^{−x}·γ(x, z), z = y·e^{−θt},
// evaluated as P(W>0)·e^{y−z}·(z/y)^x·A(x,z)/A(x,y) with log(z/y) = −θt.
func (s erlangASolution) offeredSurvival(t float64) float64 {
	if s.pw == 0 || math.IsInf(t, 1) {
		return 0
	}
	if t == 0 {
		return s.pw
	}
	z := s.y * math.Exp(-s.theta*t)
	// x·log(z/y) + (y − z) = −(x−y)·θt − y·(e^{−θt} − 1 + θt).
	e := -(s.x-s.y)*s.theta*t - s.y*expm1PlusX(-s.theta*t)
	return s.pw * math.Exp(logPalmA(s.x, z)-s.logA+e)
}

// answeredAfter returns P(answered, W > t) = π_c·x·e^y·y^{−x−1}·γ(x+1, z),
// evaluated as P(W>0)·x/(x+1)·e^{y−z}·(z/y)^{x+1}·A(x+1,z)/A(x,y).
func (s erlangASolution) answeredAfter(t float64) float64 {
	if s.pw == 0 || math.IsInf(t, 1) {
		return 0
	}
	z := s.y * math.Exp(-s.theta*t)
	e := -(s.x+1-s.y)*s.theta*t - s.y*expm1PlusX(-s.theta*t)
	return s.pw * s.x / (s.x + 1) * math.Exp(logPalmA(s.x+1, z)-s.logA+e)
}

// waitExceeds returns P(W > t) = e^{−θt}·P(V > t).
func (s erlangASolution) waitExceeds(t float64) float64 {
	if math.IsInf(t, 1) {
		return 0
	}
	return math.Exp(-s.theta*t) * s.offeredSurvival(t)
}

// integrateWait integrates a non-negative, non-increasing function f of the
// wait over [a, b] (b may be +Inf). The range is cut at a + τ(2^k − 1),
// τ = 1/(cμ+θ), so that sharp early mass and long overloaded tails are
// both resolved; it stops early once tail(s), an upper bound of ∫_s^∞ f,
// is negligible.
func (s erlangASolution) integrateWait(f, tail func(float64) float64, a, b float64) float64 {
	tau := 1 / (s.x*s.theta + s.theta)
	total := 0.0
	for k, lo := 0, a; lo < b; k++ {
		hi := math.Min(b, a+tau*(math.Exp2(float64(k+1))-1))
		total += integrate(f, lo, hi, quadRelTol, math.Max(quadAbsTol, 1e-15*total))
		lo = hi
		if lo < b && tail(lo) <= 1e-17*total {
			break
		}
		if k > 2000 {
			break
		}
	}
	return total
}

func (q ErlangA) solveAt(t float64) (erlangASolution, error) {
	s, err := q.solve()
	if err != nil {
		return s, err
	}
	return s, checkTime("t", t)
}

// ProbOfferedWaitExceeds returns P(V > t) = π_c·x·e^y·y^{−x}·γ(x, y·e^{−θt})
// for t >= 0, V being the wait the caller would have with infinite patience
// (P(V > 0) = P(W > 0)).
func (q ErlangA) ProbOfferedWaitExceeds(t float64) (float64, error) {
	s, err := q.solveAt(t)
	if err != nil {
		return 0, err
	}
	return s.offeredSurvival(t), nil
}

// ProbWaitExceeds returns P(W > t) = e^{−θt}·P(V > t), W = min(V, patience).
func (q ErlangA) ProbWaitExceeds(t float64) (float64, error) {
	s, err := q.solveAt(t)
	if err != nil {
		return 0, err
	}
	return s.waitExceeds(t), nil
}

// ProbAnsweredAfter returns P(answered and W > t) =
// π_c·x·e^y·y^{−x−1}·γ(x+1, y·e^{−θt}), t >= 0.
func (q ErlangA) ProbAnsweredAfter(t float64) (float64, error) {
	s, err := q.solveAt(t)
	if err != nil {
		return 0, err
	}
	return s.answeredAfter(t), nil
}

// ProbAnsweredWithin returns P(answered and W <= t), callers answered at
// once included: P(W = 0) + P(answered, W > 0) − P(answered, W > t).
func (q ErlangA) ProbAnsweredWithin(t float64) (float64, error) {
	s, err := q.solveAt(t)
	if err != nil {
		return 0, err
	}
	return s.answeredWithin(t), nil
}

func (s erlangASolution) answeredWithin(t float64) float64 {
	// Clamp the round-off of the difference (≈1e-16·P(W>0)) at 0.
	return math.Max(0, s.p0+(s.answeredAfter(0)-s.answeredAfter(t)))
}

// abandonDensity returns θe^{−θs}·P(V > s), the density of abandoning at s.
func (s erlangASolution) abandonDensity(u float64) float64 {
	return s.theta * s.waitExceeds(u)
}

// ProbAbandonWithin returns P(Ab and W <= t) = ∫_0^t θe^{−θs}·P(V > s) ds,
// by adaptive Gauss–Legendre quadrature (relative accuracy ≈1e-12).
func (q ErlangA) ProbAbandonWithin(t float64) (float64, error) {
	s, err := q.solveAt(t)
	if err != nil || s.pw == 0 {
		return 0, err
	}
	return s.integrateWait(s.abandonDensity, s.waitExceeds, 0, t), nil
}

// ProbAbandonAfter returns P(Ab and W > t) = ∫_t^∞ θe^{−θs}·P(V > s) ds,
// computed directly by quadrature (not as a difference). For t = 30 s this
// is the NHS 111 abandonment KPI (target < 5%).
func (q ErlangA) ProbAbandonAfter(t float64) (float64, error) {
	s, err := q.solveAt(t)
	if err != nil || s.pw == 0 {
		return 0, err
	}
	return s.integrateWait(s.abandonDensity, s.waitExceeds, t, math.Inf(1)), nil
}

// MeanWaitAnswered returns the ASA of answered calls E[W | answered] =
// ∫_0^∞ P(answered, W > t) dt / (1 − P(Ab)), by quadrature.
func (q ErlangA) MeanWaitAnswered() (float64, error) {
	s, err := q.solve()
	if err != nil || s.pw == 0 {
		return 0, err
	}
	// ∫_u^∞ P(ans, W>t) dt <= ∫_u^∞ P(W>t) dt <= P(V>u)·e^{−θu}/θ.
	tail := func(u float64) float64 { return s.waitExceeds(u) / s.theta }
	return s.integrateWait(s.answeredAfter, tail, 0, math.Inf(1)) / s.pans, nil
}

// SL1 returns answered within T / offered = P(answered, W <= T)
// (pyworkforce's ErlangA.service_level).
func (q ErlangA) SL1(t float64) (float64, error) {
	return q.ProbAnsweredWithin(t)
}

// SL2 returns answered within T / answered = P(W <= T | answered): the NHS
// 111 KPI "of calls answered, % answered within 60 s" (ContactCenters' g0).
func (q ErlangA) SL2(t float64) (float64, error) {
	s, err := q.solveAt(t)
	if err != nil {
		return 0, err
	}
	return s.answeredWithin(t) / s.pans, nil
}

// SL3 returns (answered within T + abandoned within T) / offered =
// 1 − P(W > T) = 1 − P(min(V, patience) > T).
func (q ErlangA) SL3(t float64) (float64, error) {
	s, err := q.solveAt(t)
	if err != nil {
		return 0, err
	}
	// P(W = 0) + P(0 < W <= T), keeping P(W = 0) exact when it is small.
	return s.p0 + math.Max(0, s.pw-s.waitExceeds(t)), nil
}

// SL4 returns answered within T / (offered − abandoned within T)
// (ContactCenters' g1, "service level with abandonment").
func (q ErlangA) SL4(t float64) (float64, error) {
	ans, err := q.ProbAnsweredWithin(t)
	if err != nil {
		return 0, err
	}
	ab, err := q.ProbAbandonWithin(t)
	if err != nil {
		return 0, err
	}
	return ans / (1 - ab), nil
}
