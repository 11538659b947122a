package theory

import "math"

// BirthDeath is the M/M/c+M queue truncated at Capacity places (N <= K;
// arrivals finding N = K are blocked), the exact numerical benchmark of
// validation.md §1.5 and pitfall 8. The death rate in state n is
// d_n = min(n,c)·μ + (n−c)⁺·θ. MeanPatience may be +Inf (θ = 0: no
// abandonment; the truncation keeps the chain finite). Servers must be
// constant; Capacity >= 1.
type BirthDeath struct {
	Servers      int     // c
	MeanService  float64 // 1/μ
	MeanPatience float64 // 1/θ, or +Inf
	Capacity     int     // K
}

func (b BirthDeath) validate() error {
	if err := checkServers(b.Servers); err != nil {
		return err
	}
	if err := checkPositive("MeanService", b.MeanService); err != nil {
		return err
	}
	if !(b.MeanPatience > 0) {
		return invalid("MeanPatience must be > 0 (or +Inf), got %v", b.MeanPatience)
	}
	if b.Capacity < 1 {
		return invalid("Capacity must be >= 1, got %d", b.Capacity)
	}
	return nil
}

// deathRates returns d_0..d_K.
func (b BirthDeath) deathRates() []float64 {
	mu, theta := 1/b.MeanService, 1/b.MeanPatience
	d := make([]float64, b.Capacity+1)
	for n := range d {
		busy := min(n, b.Servers)
		d[n] = float64(busy)*mu + float64(n-busy)*theta
	}
	return d
}

// EmptyState returns the distribution with all mass on N = 0, the usual
// starting point for Transient.
func (b BirthDeath) EmptyState() ([]float64, error) {
	if err := b.validate(); err != nil {
		return nil, err
	}
	p := make([]float64, b.Capacity+1)
	p[0] = 1
	return p, nil
}

// Stationary returns the stationary distribution p_0..p_K for constant
// arrival rate lambda >= 0: p_n ∝ Π_{k=1..n} λ/d_k (computed in logs).
func (b BirthDeath) Stationary(lambda float64) ([]float64, error) {
	if err := b.validate(); err != nil {
		return nil, err
	}
	if err := checkNonNegative("lambda", lambda); err != nil {
		return nil, err
	}
	p := make([]float64, b.Capacity+1)
	if lambda == 0 {
		p[0] = 1
		return p, nil
	}
	d := b.deathRates()
	lp, top := make([]float64, len(p)), 0.0
	for n := 1; n < len(p); n++ {
		lp[n] = lp[n-1] + math.Log(lambda) - math.Log(d[n])
		top = math.Max(top, lp[n])
	}
	sum := 0.0
	for n := range p {
		p[n] = math.Exp(lp[n] - top)
		sum += p[n]
	}
	for n := range p {
		p[n] /= sum
	}
	return p, nil
}

// BDSummary holds moments of a distribution of N over 0..K.
type BDSummary struct {
	MeanN       float64 // E[N]
	MeanQueue   float64 // E[Q] = E[(N−c)⁺]
	MeanBusy    float64 // E[min(N,c)]
	ProbAllBusy float64 // P(N >= c); = P(W>0) + P(blocked) for arrivals in steady state (PASTA)
	ProbFull    float64 // P(N = K); = P(blocked) for arrivals in steady state
}

// Summarize returns the moments of the distribution p over 0..K, which must
// have length Capacity+1 and non-negative entries summing to 1 (±1e-9).
// In steady state P(Ab) = θ·MeanQueue/λ and P(W>0) = ProbAllBusy − ProbFull.
func (b BirthDeath) Summarize(p []float64) (BDSummary, error) {
	if err := b.validate(); err != nil {
		return BDSummary{}, err
	}
	if err := b.checkDist(p); err != nil {
		return BDSummary{}, err
	}
	var s BDSummary
	for n, pn := range p {
		busy := min(n, b.Servers)
		s.MeanN += float64(n) * pn
		s.MeanBusy += float64(busy) * pn
		s.MeanQueue += float64(n-busy) * pn
		if n >= b.Servers {
			s.ProbAllBusy += pn
		}
	}
	s.ProbFull = p[b.Capacity]
	return s, nil
}

func (b BirthDeath) checkDist(p []float64) error {
	if len(p) != b.Capacity+1 {
		return invalid("distribution has length %d, want Capacity+1 = %d", len(p), b.Capacity+1)
	}
	sum := 0.0
	for n, pn := range p {
		if !(pn >= 0) || math.IsInf(pn, 0) {
			return invalid("p[%d] = %v", n, pn)
		}
		sum += pn
	}
	if math.Abs(sum-1) > 1e-9 {
		return invalid("distribution sums to %v, want 1", sum)
	}
	return nil
}

// Transient solves the Kolmogorov forward equations
// dp_n/dt = λ(t)p_{n−1} + d_{n+1}p_{n+1} − (λ(t)·[n<K] + d_n)p_n
// from p(t0) = p0 by classical RK4 and returns copies of p at each of
// times (non-decreasing, all >= t0). maxStep bounds the step; steps are
// also cut to keep RK4 stable (h·(λ(t)+d_K) <= 1) and to land on each
// requested time. λ is sampled at t, t+h/2 and just before t+h, so a
// right-continuous piecewise rate is integrated at full RK4 order when its
// jump times are among times. lambda must return finite values >= 0.
func (b BirthDeath) Transient(lambda func(float64) float64, p0 []float64, t0 float64, times []float64, maxStep float64) ([][]float64, error) {
	if err := b.validate(); err != nil {
		return nil, err
	}
	if lambda == nil {
		return nil, invalid("lambda is nil")
	}
	if err := b.checkDist(p0); err != nil {
		return nil, err
	}
	if err := checkPositive("maxStep", maxStep); err != nil {
		return nil, err
	}
	if math.IsNaN(t0) || math.IsInf(t0, 0) {
		return nil, invalid("t0 must be finite, got %v", t0)
	}
	prev := t0
	for i, t := range times {
		if math.IsInf(t, 0) || !(t >= prev) {
			return nil, invalid("times[%d] = %v must be finite, >= t0 and non-decreasing", i, t)
		}
		prev = t
	}
	d := b.deathRates()
	k := b.Capacity
	p := append([]float64(nil), p0...)
	n := len(p)
	k1, k2, k3, k4, tmp := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	badRate := false
	deriv := func(t float64, x, out []float64) {
		l := lambda(t)
		if !(l >= 0) || math.IsInf(l, 0) {
			badRate = true
			l = 0
		}
		for i := 0; i <= k; i++ {
			v := -d[i] * x[i]
			if i < k {
				v -= l * x[i]
				v += d[i+1] * x[i+1]
			}
			if i > 0 {
				v += l * x[i-1]
			}
			out[i] = v
		}
	}
	out := make([][]float64, 0, len(times))
	t := t0
	for _, target := range times {
		for t < target && !badRate {
			h := math.Min(maxStep, target-t)
			// The generator's eigenvalues lie in [−2(λ+d_K), 0] (Gershgorin);
			// RK4 is stable on the real axis down to −2.78/h.
			if r := lambda(t) + d[k]; r*h > 1 {
				h = 1 / r
			}
			deriv(t, p, k1)
			for i := range p {
				tmp[i] = p[i] + 0.5*h*k1[i]
			}
			deriv(t+0.5*h, tmp, k2)
			for i := range p {
				tmp[i] = p[i] + 0.5*h*k2[i]
			}
			deriv(t+0.5*h, tmp, k3)
			for i := range p {
				tmp[i] = p[i] + h*k3[i]
			}
			// Sample λ just inside the step's end so that a right-continuous
			// step rate with a jump at t+h uses its left limit.
			deriv(t+h*(1-1e-9), tmp, k4)
			for i := range p {
				p[i] += h / 6 * (k1[i] + 2*k2[i] + 2*k3[i] + k4[i])
			}
			if target-(t+h) <= 1e-12*math.Max(1, math.Abs(target)) {
				t = target
			} else {
				t += h
			}
		}
		if badRate {
			return nil, invalid("lambda returned a negative, NaN or infinite rate")
		}
		out = append(out, append([]float64(nil), p...))
	}
	return out, nil
}
