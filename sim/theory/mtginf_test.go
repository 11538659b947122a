package theory

import (
	"math"
	"testing"
)

var tvSin = Sinusoid{Mean: 100, Amplitude: 50, AngularFreq: 2 * math.Pi / 24}

func tvRate(u float64) float64 { return 100 + 50*math.Sin(2*math.Pi/24*u) }

func expSurvival(mu float64) func(float64) float64 {
	return func(u float64) float64 {
		if u <= 0 {
			return 1
		}
		return math.Exp(-mu * u)
	}
}

func detSurvival(d float64) func(float64) float64 {
	return func(u float64) float64 {
		if u < d {
			return 1
		}
		return 0
	}
}

// The numerical M_t/G/∞ integral reproduces every closed form.
func TestMtGInfAgainstClosedForms(t *testing.T) {
	m := mustT(t)
	for _, mu := range []float64{10, 1} {
		for _, tt := range []float64{0, 1, 6, 13.5, 24} {
			want := m(MtMInfSinusoid(tvSin, mu, tt))
			near(t, "periodic exp", m(MtGInf(tvRate, expSurvival(mu), math.Inf(-1), tt)), want, 1e-9, 0)
			want = m(MtMInfSinusoidFrom(tvSin, mu, 0, 0, tt))
			near(t, "start-empty exp", m(MtGInf(tvRate, expSurvival(mu), 0, tt)), want, 1e-9, 1e-12)
		}
	}
	for _, d := range []float64{0.1, 1} {
		for _, tt := range []float64{0.05, 0.5, 6, 18} {
			want := m(MtDInfSinusoid(tvSin, d, 0, tt))
			near(t, "start-empty det", m(MtGInf(tvRate, detSurvival(d), 0, tt)), want, 1e-9, 0)
			want = m(MtDInfSinusoid(tvSin, d, math.Inf(-1), tt))
			near(t, "periodic det", m(MtGInf(tvRate, detSurvival(d), math.Inf(-1), tt)), want, 1e-9, 0)
		}
	}
	// TV2's piecewise rate with jumps, start empty, Exp(10) and D = 0.1.
	tv2 := PiecewiseRate{Edges: []float64{0, 8, 16, 24}, Rates: []float64{60, 180, 90}}
	lam := func(u float64) float64 { v, _ := tv2.Rate(u); return v }
	for _, tt := range []float64{1, 8, 8.1, 8.25, 16.5, 24, 25} {
		near(t, "TV2 exp", m(MtGInf(lam, expSurvival(10), 0, tt)), m(MtMInfPiecewise(tv2, 10, 0, tt)), 1e-9, 1e-12)
		near(t, "TV2 det", m(MtGInf(lam, detSurvival(0.1), 0, tt)), m(MtDInfPiecewise(tv2, 0.1, tt)), 1e-9, 1e-12)
	}
	// Constant λ = 1 gives m = E[S]; checks LognormalSurvival's parameters.
	for _, cv := range []float64{0.5, 1, 2} {
		g, err := LognormalSurvival(0.1, cv)
		if err != nil {
			t.Fatal(err)
		}
		one := func(float64) float64 { return 1 }
		near(t, "lognormal mean", m(MtGInf(one, g, math.Inf(-1), 0)), 0.1, 1e-9, 0)
	}
}

func TestMtMInfPiecewiseProperties(t *testing.T) {
	m := mustT(t)
	p := PiecewiseRate{Edges: []float64{2, 5, 7}, Rates: []float64{30, 0}}
	// From m0 with no arrivals the mean decays exponentially; after the last
	// edge λ = 0.
	near(t, "pure decay", m(MtMInfPiecewise(p, 2, 40, 2+0)), 40, 0, 0)
	near(t, "steady", m(MtMInfPiecewise(p, 2, 15, 4)), 15, 1e-14, 0)
	near(t, "decay", m(MtMInfPiecewise(p, 2, 0, 6)), 15*(1-math.Exp(-6))*math.Exp(-2), 1e-13, 0)
	near(t, "beyond end", m(MtMInfPiecewise(p, 2, 0, 9)), 15*(1-math.Exp(-6))*math.Exp(-8), 1e-13, 0)
	// Piecewise integrals (hourly counts are Poisson with mean ∫λ).
	tv2 := PiecewiseRate{Edges: []float64{0, 8, 16, 24}, Rates: []float64{60, 180, 90}}
	near(t, "∫λ over [7.5, 8.5]", m(tv2.Integral(7.5, 8.5)), 120, 1e-14, 0)
	near(t, "∫λ over all", m(tv2.Integral(math.Inf(-1), math.Inf(1))), 8*(60+180+90), 1e-14, 0)
	near(t, "λ at an edge", m(tv2.Rate(8)), 180, 0, 0)
	near(t, "λ before start", m(tv2.Rate(-1)), 0, 0, 0)
	near(t, "λ at end", m(tv2.Rate(24)), 0, 0, 0)
	// Sinusoid: amplitude and lag agree with the extrema of m(t).
	amp, lag := 0.0, 0.0
	if a, l, err := MtMInfSinusoidAmplitudeLag(tvSin, 1); err == nil {
		amp, lag = a, l
	} else {
		t.Fatal(err)
	}
	peak := 6 + lag // λ peaks at t = 6 h
	near(t, "peak value", m(MtMInfSinusoid(tvSin, 1, peak)), 100+amp, 1e-14, 0)
	h := 1e-4
	d := (m(MtMInfSinusoid(tvSin, 1, peak+h)) - m(MtMInfSinusoid(tvSin, 1, peak-h))) / (2 * h)
	near(t, "slope at peak", d, 0, 0, 1e-6)
	_, l0, _ := MtMInfSinusoidAmplitudeLag(Sinusoid{Mean: 5}, 4)
	near(t, "γ→0 lag", l0, 0.25, 0, 0)
}
