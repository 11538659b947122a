package theory

import (
	"math"
	"sort"
)

// PiecewiseRate is a piecewise-constant arrival rate: λ(t) = Rates[i] on
// [Edges[i], Edges[i+1]) and λ(t) = 0 outside [Edges[0], Edges[len(Rates)]).
// Edges must be finite and strictly increasing with len(Edges) ==
// len(Rates)+1; rates must be finite and >= 0.
type PiecewiseRate struct {
	Edges []float64 // piece boundaries t_0 < t_1 < … < t_n
	Rates []float64 // Rates[i] applies on [Edges[i], Edges[i+1])
}

// Validate returns an error wrapping ErrInvalidInput if p is malformed.
func (p PiecewiseRate) Validate() error {
	if len(p.Rates) == 0 || len(p.Edges) != len(p.Rates)+1 {
		return invalid("PiecewiseRate needs len(Edges) == len(Rates)+1 >= 2, got %d and %d",
			len(p.Edges), len(p.Rates))
	}
	for i, e := range p.Edges {
		if math.IsNaN(e) || math.IsInf(e, 0) {
			return invalid("PiecewiseRate edge %d is %v", i, e)
		}
		if i > 0 && !(e > p.Edges[i-1]) {
			return invalid("PiecewiseRate edges must increase strictly (edge %d)", i)
		}
	}
	for i, r := range p.Rates {
		if err := checkNonNegative("PiecewiseRate rate", r); err != nil {
			return invalid("PiecewiseRate rate %d is %v", i, r)
		}
	}
	return nil
}

func (p PiecewiseRate) rate(t float64) float64 {
	n := len(p.Rates)
	if !(t >= p.Edges[0]) || t >= p.Edges[n] {
		return 0
	}
	i := sort.SearchFloat64s(p.Edges, t) // first edge >= t
	if i == len(p.Edges) || p.Edges[i] > t {
		i--
	}
	return p.Rates[i]
}

// Rate returns λ(t).
func (p PiecewiseRate) Rate(t float64) (float64, error) {
	if err := p.Validate(); err != nil {
		return 0, err
	}
	if math.IsNaN(t) {
		return 0, invalid("t is NaN")
	}
	return p.rate(t), nil
}

func (p PiecewiseRate) integral(a, b float64) float64 {
	s := 0.0
	for i, r := range p.Rates {
		lo, hi := math.Max(a, p.Edges[i]), math.Min(b, p.Edges[i+1])
		if hi > lo {
			s += r * (hi - lo)
		}
	}
	return s
}

// Integral returns ∫_a^b λ(u) du for a <= b (infinite limits allowed).
func (p PiecewiseRate) Integral(a, b float64) (float64, error) {
	if err := p.Validate(); err != nil {
		return 0, err
	}
	if !(a <= b) {
		return 0, invalid("Integral needs a <= b, got %v, %v", a, b)
	}
	return p.integral(a, b), nil
}

// MtMInfPiecewise returns the mean m(t) of the M_t/M/∞ queue with
// piecewise-constant arrival rate p and Exp(mu) service, given
// m(p.Edges[0]) = m0 (m0 = 0: start empty). On each piece with rate L,
// m(t) = L/μ + (m(t0) − L/μ)·e^{−μ(t−t0)} (Eick, Massey & Whitt 1993).
// It needs t >= p.Edges[0].
func MtMInfPiecewise(p PiecewiseRate, mu, m0, t float64) (float64, error) {
	if err := p.Validate(); err != nil {
		return 0, err
	}
	if err := checkPositive("mu", mu); err != nil {
		return 0, err
	}
	if err := checkNonNegative("m0", m0); err != nil {
		return 0, err
	}
	if !(t >= p.Edges[0]) || math.IsInf(t, 0) {
		return 0, invalid("t = %v must be finite and >= Edges[0] = %v", t, p.Edges[0])
	}
	m := m0
	n := len(p.Rates)
	for i := 0; i <= n; i++ {
		lo := p.Edges[i]
		if t <= lo {
			break
		}
		hi, r := math.Inf(1), 0.0
		if i < n {
			hi, r = p.Edges[i+1], p.Rates[i]
		}
		d := math.Min(t, hi) - lo
		// m·e^{−μd} + (r/μ)(1 − e^{−μd}), with expm1 for small μd.
		m = m*math.Exp(-mu*d) - r/mu*math.Expm1(-mu*d)
	}
	return m, nil
}

// MtDInfPiecewise returns m(t) = ∫_{t−d}^{t} λ(u) du, the mean of the
// M_t/D/∞ queue with constant service time d > 0, starting empty at
// p.Edges[0] (λ is zero before it).
func MtDInfPiecewise(p PiecewiseRate, d, t float64) (float64, error) {
	if err := p.Validate(); err != nil {
		return 0, err
	}
	if err := checkPositive("d", d); err != nil {
		return 0, err
	}
	if math.IsNaN(t) || math.IsInf(t, 0) {
		return 0, invalid("t must be finite, got %v", t)
	}
	return p.integral(t-d, t), nil
}

// Sinusoid is the arrival rate λ(t) = Mean + Amplitude·sin(AngularFreq·t),
// AngularFreq = 2π/period. It needs Mean >= |Amplitude| (so λ >= 0) and
// AngularFreq >= 0, all finite.
type Sinusoid struct {
	Mean        float64 // λ̄
	Amplitude   float64 // β
	AngularFreq float64 // γ
}

// Validate returns an error wrapping ErrInvalidInput if s is not a valid
// non-negative rate.
func (s Sinusoid) Validate() error {
	if err := checkNonNegative("Sinusoid.Mean", s.Mean); err != nil {
		return err
	}
	if math.IsNaN(s.Amplitude) || !(math.Abs(s.Amplitude) <= s.Mean) {
		return invalid("Sinusoid needs |Amplitude| <= Mean, got %v, %v", s.Amplitude, s.Mean)
	}
	return checkNonNegative("Sinusoid.AngularFreq", s.AngularFreq)
}

// Rate returns λ(t).
func (s Sinusoid) Rate(t float64) (float64, error) {
	if err := s.Validate(); err != nil {
		return 0, err
	}
	return s.Mean + s.Amplitude*math.Sin(s.AngularFreq*t), nil
}

func (s Sinusoid) integral(a, b float64) float64 {
	v := s.Mean * (b - a)
	if s.AngularFreq == 0 {
		return v // λ ≡ Mean
	}
	return v + s.Amplitude/s.AngularFreq*(math.Cos(s.AngularFreq*a)-math.Cos(s.AngularFreq*b))
}

// Integral returns ∫_a^b λ(u) du for finite a <= b.
func (s Sinusoid) Integral(a, b float64) (float64, error) {
	if err := s.Validate(); err != nil {
		return 0, err
	}
	if !(a <= b) || math.IsInf(a, 0) || math.IsInf(b, 0) {
		return 0, invalid("Integral needs finite a <= b, got %v, %v", a, b)
	}
	return s.integral(a, b), nil
}

func (s Sinusoid) periodicExp(mu, t float64) float64 {
	g := s.AngularFreq
	return s.Mean/mu + s.Amplitude/(mu*mu+g*g)*(mu*math.Sin(g*t)-g*math.Cos(g*t))
}

// MtMInfSinusoid returns the periodic-regime mean of M_t/M/∞ with
// sinusoidal rate s and Exp(mu) service:
// m(t) = λ̄/μ + β/(μ²+γ²)·(μ·sin γt − γ·cos γt) (Eick, Massey & Whitt 1993b).
func MtMInfSinusoid(s Sinusoid, mu, t float64) (float64, error) {
	if err := s.Validate(); err != nil {
		return 0, err
	}
	if err := checkPositive("mu", mu); err != nil {
		return 0, err
	}
	if math.IsNaN(t) || math.IsInf(t, 0) {
		return 0, invalid("t must be finite, got %v", t)
	}
	return s.periodicExp(mu, t), nil
}

// MtMInfSinusoidFrom returns the M_t/M/∞ mean at t >= t0 given m(t0) = m0,
// solving dm/dt = λ(t) − μm: m(t) = m_p(t) + (m0 − m_p(t0))·e^{−μ(t−t0)} with
// m_p the periodic solution. t0 = 0, m0 = 0 is "start empty at 0".
func MtMInfSinusoidFrom(s Sinusoid, mu, t0, m0, t float64) (float64, error) {
	mp, err := MtMInfSinusoid(s, mu, t)
	if err != nil {
		return 0, err
	}
	if err := checkNonNegative("m0", m0); err != nil {
		return 0, err
	}
	if math.IsNaN(t0) || math.IsInf(t0, 0) || !(t >= t0) {
		return 0, invalid("need finite t0 <= t, got %v, %v", t0, t)
	}
	return mp + (m0-s.periodicExp(mu, t0))*math.Exp(-mu*(t-t0)), nil
}

// MtMInfSinusoidAmplitudeLag returns the amplitude β/√(μ²+γ²) of the
// periodic M_t/M/∞ mean and the lag atan(γ/μ)/γ of its peak behind λ's peak
// (1/μ in the limit γ → 0).
func MtMInfSinusoidAmplitudeLag(s Sinusoid, mu float64) (amplitude, lag float64, err error) {
	if err := s.Validate(); err != nil {
		return 0, 0, err
	}
	if err := checkPositive("mu", mu); err != nil {
		return 0, 0, err
	}
	g := s.AngularFreq
	amplitude = math.Abs(s.Amplitude) / math.Hypot(mu, g)
	if g == 0 {
		return amplitude, 1 / mu, nil
	}
	return amplitude, math.Atan(g/mu) / g, nil
}

// MtDInfSinusoid returns the M_t/D/∞ mean with service time d > 0,
// m(t) = ∫_{max(start, t−d)}^{t} λ(u) du, for a system empty at start <= t
// (start = −Inf gives the periodic regime).
func MtDInfSinusoid(s Sinusoid, d, start, t float64) (float64, error) {
	if err := s.Validate(); err != nil {
		return 0, err
	}
	if err := checkPositive("d", d); err != nil {
		return 0, err
	}
	if math.IsNaN(start) || math.IsInf(start, 1) || math.IsNaN(t) || math.IsInf(t, 0) || !(t >= start) {
		return 0, invalid("need start <= t with t finite, got %v, %v", start, t)
	}
	return s.integral(math.Max(start, t-d), t), nil
}

// MtGInf returns m(t) = ∫_0^{t−start} λ(t−u)·G^c(u) du, the mean number in
// an M_t/G/∞ system that is empty at time start, for a caller-supplied rate
// λ(·) >= 0 and service survival function G^c(u) = P(S > u). start = −Inf
// gives ∫_0^∞ (the system has run forever, e.g. the periodic regime). The
// integral is computed by adaptive Gauss–Legendre quadrature to about 1e-10
// relative; an infinite range is cut into [0,1], [1,2], [2,4], … and summed
// until G^c vanishes or a chunk adds less than 1e-16 of the total (so λ must
// not vanish on a whole chunk and return later). Jumps in λ are handled by
// adaptivity.
func MtGInf(lambda, survival func(float64) float64, start, t float64) (float64, error) {
	if lambda == nil || survival == nil {
		return 0, invalid("MtGInf needs non-nil lambda and survival")
	}
	if math.IsNaN(start) || math.IsInf(start, 1) || math.IsNaN(t) || math.IsInf(t, 0) || !(t >= start) {
		return 0, invalid("need start <= t with t finite, got %v, %v", start, t)
	}
	bad := false
	f := func(u float64) float64 {
		l, g := lambda(t-u), survival(u)
		if !(l >= 0) || !(g >= 0) || math.IsInf(l, 0) {
			bad = true
			return 0
		}
		return l * g
	}
	const rel, abs = 1e-11, 1e-300
	var m float64
	if !math.IsInf(start, -1) {
		m = integrate(f, 0, t-start, rel, abs)
	} else {
		lo, hi, done := 0.0, 1.0, false
		for k := 0; k < 200 && !done; k++ {
			c := integrate(f, lo, hi, rel, abs)
			m += c
			done = survival(hi) == 0 || (k > 4 && c <= 1e-16*m)
			lo, hi = hi, 2*hi
		}
		if !done {
			return 0, invalid("MtGInf: the integral over [0, ∞) does not converge")
		}
	}
	if bad || math.IsNaN(m) {
		return 0, invalid("MtGInf: lambda or survival returned a negative, NaN or infinite value")
	}
	return m, nil
}

// LognormalSurvival returns G^c(u) = P(S > u) for a lognormal service time
// with the given mean > 0 and coefficient of variation cv > 0
// (σ² = log(1+cv²), m = log(mean) − σ²/2), for use with MtGInf.
func LognormalSurvival(mean, cv float64) (func(float64) float64, error) {
	if err := checkPositive("mean", mean); err != nil {
		return nil, err
	}
	if err := checkPositive("cv", cv); err != nil {
		return nil, err
	}
	s2 := math.Log1p(cv * cv)
	m, s := math.Log(mean)-s2/2, math.Sqrt(s2)
	return func(u float64) float64 {
		if u <= 0 {
			return 1
		}
		return 0.5 * math.Erfc((math.Log(u)-m)/(s*math.Sqrt2))
	}, nil
}
