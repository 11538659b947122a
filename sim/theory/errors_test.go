package theory

import (
	"errors"
	"math"
	"testing"
)

// Every invalid input yields an error wrapping ErrInvalidInput, never a
// panic or a NaN.
func TestInvalidInputs(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	ea := ErlangA{Lambda: 1, MeanService: 1, MeanPatience: 1, Servers: 2}
	bd := BirthDeath{Servers: 2, MeanService: 1, MeanPatience: 1, Capacity: 10}
	p0, _ := bd.EmptyState()
	one := func(float64) float64 { return 1 }
	good := PiecewiseRate{Edges: []float64{0, 1}, Rates: []float64{1}}
	cases := map[string]func() error{
		"ErlangB c=0":          func() error { _, err := ErlangB(0, 1); return err },
		"ErlangB A<0":          func() error { _, err := ErlangB(1, -1); return err },
		"ErlangB A=NaN":        func() error { _, err := ErlangB(1, nan); return err },
		"ErlangC A=c":          func() error { _, err := ErlangC{Lambda: 2, MeanService: 1, Servers: 2}.ProbWait(); return err },
		"ErlangC A>c":          func() error { _, err := ErlangC{Lambda: 3, MeanService: 1, Servers: 2}.MeanWait(); return err },
		"ErlangC c=0":          func() error { _, err := ErlangC{Lambda: 0.1, MeanService: 1}.Occupancy(); return err },
		"ErlangC λ<0":          func() error { _, err := ErlangC{Lambda: -1, MeanService: 1, Servers: 1}.ProbWait(); return err },
		"ErlangC h=0":          func() error { _, err := ErlangC{Lambda: 1, Servers: 2}.ProbWait(); return err },
		"ErlangC T<0":          func() error { _, err := ErlangC{Lambda: 1, MeanService: 1, Servers: 2}.ServiceLevel(-1); return err },
		"ErlangA c=0":          func() error { q := ea; q.Servers = 0; _, err := q.ProbWait(); return err },
		"ErlangA patience=0":   func() error { q := ea; q.MeanPatience = 0; _, err := q.ProbAbandon(); return err },
		"ErlangA patience=Inf": func() error { q := ea; q.MeanPatience = inf; _, err := q.SL2(1); return err },
		"ErlangA λ=NaN":        func() error { q := ea; q.Lambda = nan; _, err := q.MeanWait(); return err },
		"ErlangA h<0":          func() error { q := ea; q.MeanService = -1; _, err := q.Occupancy(); return err },
		"ErlangA T<0":          func() error { _, err := ea.SL1(-1); return err },
		"ErlangA T=NaN":        func() error { _, err := ea.ProbAbandonAfter(nan); return err },
		"Piecewise empty":      func() error { return PiecewiseRate{}.Validate() },
		"Piecewise lengths":    func() error { return PiecewiseRate{Edges: []float64{0, 1, 2}, Rates: []float64{1}}.Validate() },
		"Piecewise order":      func() error { return PiecewiseRate{Edges: []float64{1, 1}, Rates: []float64{1}}.Validate() },
		"Piecewise rate<0":     func() error { return PiecewiseRate{Edges: []float64{0, 1}, Rates: []float64{-1}}.Validate() },
		"Piecewise edge Inf":   func() error { return PiecewiseRate{Edges: []float64{0, inf}, Rates: []float64{1}}.Validate() },
		"Piecewise a>b":        func() error { _, err := good.Integral(1, 0); return err },
		"MtMInfPiecewise t<t0": func() error { _, err := MtMInfPiecewise(good, 1, 0, -1); return err },
		"MtMInfPiecewise μ=0":  func() error { _, err := MtMInfPiecewise(good, 0, 0, 1); return err },
		"MtMInfPiecewise m0<0": func() error { _, err := MtMInfPiecewise(good, 1, -1, 1); return err },
		"MtDInfPiecewise d=0":  func() error { _, err := MtDInfPiecewise(good, 0, 1); return err },
		"Sinusoid β>λ̄":        func() error { return Sinusoid{Mean: 1, Amplitude: 2, AngularFreq: 1}.Validate() },
		"Sinusoid γ<0":         func() error { return Sinusoid{Mean: 1, AngularFreq: -1}.Validate() },
		"Sinusoid μ<0":         func() error { _, err := MtMInfSinusoid(tvSin, -1, 0); return err },
		"SinusoidFrom t<t0":    func() error { _, err := MtMInfSinusoidFrom(tvSin, 1, 2, 0, 1); return err },
		"SinusoidDet t<start":  func() error { _, err := MtDInfSinusoid(tvSin, 1, 2, 1); return err },
		"MtGInf nil":           func() error { _, err := MtGInf(nil, one, 0, 1); return err },
		"MtGInf negative":      func() error { _, err := MtGInf(func(float64) float64 { return -1 }, one, 0, 1); return err },
		"MtGInf divergent":     func() error { _, err := MtGInf(one, one, math.Inf(-1), 1); return err },
		"Lognormal cv=0":       func() error { _, err := LognormalSurvival(1, 0); return err },
		"Retrial E[S²]<E[S]²": func() error {
			_, err := RetrialMG1{Lambda: 0.1, MeanService: 1, ServiceSecondMoment: 0.5, RetrialRate: 1}.MeanOrbit()
			return err
		},
		"Retrial ν=0":          func() error { _, err := RetrialMM1(0.1, 1, 0).ProbBusy(); return err },
		"BirthDeath K=0":       func() error { b := bd; b.Capacity = 0; _, err := b.Stationary(1); return err },
		"BirthDeath λ<0":       func() error { _, err := bd.Stationary(-1); return err },
		"BirthDeath p0 length": func() error { _, err := bd.Transient(one, p0[:3], 0, []float64{1}, 0.1); return err },
		"BirthDeath p0 sum": func() error {
			q := append([]float64(nil), p0...)
			q[1] = 1
			_, err := bd.Transient(one, q, 0, []float64{1}, 0.1)
			return err
		},
		"BirthDeath times order": func() error { _, err := bd.Transient(one, p0, 0, []float64{2, 1}, 0.1); return err },
		"BirthDeath maxStep":     func() error { _, err := bd.Transient(one, p0, 0, []float64{1}, 0); return err },
		"BirthDeath λ(t)<0": func() error {
			_, err := bd.Transient(func(float64) float64 { return -1 }, p0, 0, []float64{1}, 0.1)
			return err
		},
	}
	for name, f := range cases {
		if err := f(); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: got %v, want ErrInvalidInput", name, err)
		}
	}
}
