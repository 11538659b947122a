package dist

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/sim/rng"
)

func must(d Dist, err error) Dist {
	if err != nil {
		panic(err)
	}
	return d
}

// cases are one Dist per kind, plus the gamma and Weibull variants whose
// samplers take a different path (shape < 1).
var cases = []struct {
	name string
	d    Dist
}{
	{"fixed", must(Fixed(240))},
	{"exponential", must(Exponential(300))},
	{"uniform", must(Uniform(60, 180))},
	{"triangular", must(Triangular(60, 120, 600))},
	{"lognormal", must(LogNormal(420, 0.8))},
	{"gamma", must(Gamma(420, 0.5))},
	{"gamma_shape_below_1", must(Gamma(420, 1.8))},
	{"weibull", must(Weibull(1.5, 600))},
	{"weibull_shape_below_1", must(WeibullMean(600, 0.8))},
	{"empirical", must(Empirical([]float64{0, 30, 60, 600}, []float64{1, 0, 2, 0.5}))},
}

func TestPinnedDraws(t *testing.T) {
	want := map[string]string{
		"fixed":                 "240 240 240 240 240",
		"exponential":           "810.7852414 253.5923707 539.3573818 18.64646675 2.560731583",
		"uniform":               "85.73625374 84.89664528 97.73427538 93.58922723 164.7544103",
		"triangular":            "148.7686935 146.7635869 178.4623799 167.9730689 418.5324445",
		"lognormal":             "99.60851604 596.1439983 1061.320666 412.6477652 334.4487982",
		"gamma":                 "134.9425693 827.7325031 390.6235306 167.7993079 311.1628128",
		"gamma_shape_below_1":   "0.3075387684 320.4223285 16.02910862 5.234719342 277.6489352",
		"weibull":               "1164.146501 536.4071231 887.1318368 94.14590791 25.0599261",
		"weibull_shape_below_1": "1835.062577 429.2287612 1102.463878 16.43479435 1.373958635",
		"empirical":             "60 0 60 0 60",
	}
	for _, c := range cases {
		r := rng.New(1, 0, "pin")
		var got []string
		for range 5 {
			got = append(got, fmt.Sprintf("%.10g", c.d.Sample(r)))
		}
		if s := strings.Join(got, " "); s != want[c.name] {
			t.Errorf("%s: first draws\n got %s\nwant %s", c.name, s, want[c.name])
		}
	}
}

// TestMoments checks each sampler against its own Mean and Variance over
// 200 000 seeded draws. The mean must lie within 4 standard errors
// (σ/√n). The variance must lie within 5 standard errors of the sample
// variance, estimated as √((m4 − s⁴)/n) from the sample's fourth central
// moment, which widens the band for the heavy-tailed cases (gamma with
// CV 1.8, lognormal) as it should.
func TestMoments(t *testing.T) {
	const n = 200_000
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := rng.New(1, 0, "moments/"+c.name)
			xs := make([]float64, n)
			var sum float64
			for i := range xs {
				x := c.d.Sample(r)
				if !(x >= 0) || math.IsInf(x, 0) {
					t.Fatalf("draw %d = %v, want finite and ≥ 0", i, x)
				}
				xs[i] = x
				sum += x
			}
			mean := sum / n
			var m2, m4 float64
			for _, x := range xs {
				d2 := (x - mean) * (x - mean)
				m2 += d2
				m4 += d2 * d2
			}
			m2 /= n
			m4 /= n
			s2 := m2 * n / (n - 1)

			wantMean, wantVar := c.d.Mean(), c.d.Variance()
			if se := math.Sqrt(wantVar / n); math.Abs(mean-wantMean) > 4*se || (se == 0 && mean != wantMean) {
				t.Errorf("sample mean %.6g, want %.6g ± %.3g (4 SE)", mean, wantMean, 4*se)
			}
			if se := math.Sqrt((m4 - m2*m2) / n); math.Abs(s2-wantVar) > 5*se+1e-9*wantMean*wantMean {
				t.Errorf("sample variance %.6g, want %.6g ± %.3g (5 SE)", s2, wantVar, 5*se)
			}
		})
	}
}

func TestMomentFormulas(t *testing.T) {
	tests := []struct {
		name             string
		d                Dist
		mean, cv, relTol float64
	}{
		{"fixed", must(Fixed(240)), 240, 0, 0},
		{"fixed zero has cv 0", must(Fixed(0)), 0, 0, 0},
		{"exponential cv is 1", must(Exponential(300)), 300, 1, 1e-15},
		{"uniform", must(Uniform(0, 120)), 60, 1 / math.Sqrt(3), 1e-15},
		{"triangular symmetric", must(Triangular(0, 60, 120)), 60, 1 / math.Sqrt(6), 1e-15},
		{"lognormal keeps mean and cv", must(LogNormal(420, 0.8)), 420, 0.8, 1e-15},
		{"gamma keeps mean and cv", must(Gamma(420, 1.8)), 420, 1.8, 1e-15},
		{"weibull shape 1 is exponential", must(Weibull(1, 300)), 300, 1, 1e-14},
		{"weibull shape 2", must(Weibull(2, 100)), 100 * math.Sqrt(math.Pi) / 2, math.Sqrt(4/math.Pi - 1), 1e-14},
		{"weibull by mean", must(WeibullMean(600, 0.8)), 600, must(Weibull(0.8, 1)).CV(), 1e-14},
		{"empirical", must(Empirical([]float64{10, 20}, []float64{3, 1})), 12.5, math.Sqrt(18.75) / 12.5, 1e-15},
	}
	for _, tt := range tests {
		if got := tt.d.Mean(); math.Abs(got-tt.mean) > tt.relTol*tt.mean {
			t.Errorf("%s: Mean() = %.17g, want %.17g", tt.name, got, tt.mean)
		}
		if got := tt.d.CV(); math.Abs(got-tt.cv) > tt.relTol*tt.cv+1e-15 {
			t.Errorf("%s: CV() = %.17g, want %.17g", tt.name, got, tt.cv)
		}
	}
}

func TestEmpiricalFrequencies(t *testing.T) {
	values := []float64{5, 10, 15, 20, 25}
	weights := []float64{0.1, 0, 0.4, 0.2, 0.3}
	d := must(Empirical(values, weights))
	r := rng.New(1, 0, "empirical")
	const n = 200_000
	counts := map[float64]int{}
	for range n {
		counts[d.Sample(r)]++
	}
	for i, v := range values {
		p := weights[i]
		se := math.Sqrt(p * (1 - p) / n)
		if got := float64(counts[v]) / n; math.Abs(got-p) > 4*se || (p == 0 && counts[v] != 0) {
			t.Errorf("P(%v) = %.4f, want %.4f ± %.4f", v, got, p, 4*se)
		}
	}
	if len(counts) > len(values) {
		t.Errorf("drew values outside the table: %v", counts)
	}
}

func TestEmpiricalCopiesInputs(t *testing.T) {
	values, weights := []float64{1, 2}, []float64{1, 1}
	d := must(Empirical(values, weights))
	values[0], weights[1] = 100, 0
	if got := d.Mean(); got != 1.5 {
		t.Errorf("Mean() after editing the input slices = %v, want 1.5", got)
	}
}

func TestInvalidConstructors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name  string
		build func() (Dist, error)
		param string // the parameter the error must name
	}{
		{"fixed negative", func() (Dist, error) { return Fixed(-1) }, "value"},
		{"fixed NaN", func() (Dist, error) { return Fixed(nan) }, "value"},
		{"fixed +Inf", func() (Dist, error) { return Fixed(inf) }, "value"},
		{"exponential zero mean", func() (Dist, error) { return Exponential(0) }, "mean"},
		{"exponential negative mean", func() (Dist, error) { return Exponential(-5) }, "mean"},
		{"exponential NaN mean", func() (Dist, error) { return Exponential(nan) }, "mean"},
		{"exponential Inf mean", func() (Dist, error) { return Exponential(inf) }, "mean"},
		{"uniform negative min", func() (Dist, error) { return Uniform(-1, 5) }, "min"},
		{"uniform min > max", func() (Dist, error) { return Uniform(5, 1) }, "max"},
		{"uniform min = max", func() (Dist, error) { return Uniform(5, 5) }, "max"},
		{"uniform Inf max", func() (Dist, error) { return Uniform(0, inf) }, "max"},
		{"uniform NaN min", func() (Dist, error) { return Uniform(nan, 1) }, "min"},
		{"triangular min > max", func() (Dist, error) { return Triangular(10, 10, 5) }, "max"},
		{"triangular mode below min", func() (Dist, error) { return Triangular(10, 5, 20) }, "mode"},
		{"triangular mode above max", func() (Dist, error) { return Triangular(10, 25, 20) }, "mode"},
		{"triangular NaN mode", func() (Dist, error) { return Triangular(0, nan, 20) }, "mode"},
		{"triangular degenerate", func() (Dist, error) { return Triangular(3, 3, 3) }, "max"},
		{"lognormal zero mean", func() (Dist, error) { return LogNormal(0, 1) }, "mean"},
		{"lognormal negative cv", func() (Dist, error) { return LogNormal(300, -0.5) }, "cv"},
		{"lognormal zero cv", func() (Dist, error) { return LogNormal(300, 0) }, "cv"},
		{"lognormal NaN cv", func() (Dist, error) { return LogNormal(300, nan) }, "cv"},
		{"lognormal Inf mean", func() (Dist, error) { return LogNormal(inf, 1) }, "mean"},
		{"lognormal variance overflows", func() (Dist, error) { return LogNormal(1e300, 1e10) }, "cv"},
		{"gamma negative cv", func() (Dist, error) { return Gamma(300, -1) }, "cv"},
		{"gamma negative mean", func() (Dist, error) { return Gamma(-300, 1) }, "mean"},
		{"gamma cv underflows shape", func() (Dist, error) { return Gamma(300, 1e-200) }, "cv"},
		{"weibull zero shape", func() (Dist, error) { return Weibull(0, 10) }, "shape"},
		{"weibull NaN scale", func() (Dist, error) { return Weibull(1, nan) }, "scale"},
		{"weibull mean overflows", func() (Dist, error) { return Weibull(0.001, 10) }, "shape"},
		{"weibull by mean, negative mean", func() (Dist, error) { return WeibullMean(-1, 2) }, "mean"},
		{"weibull by mean, Inf shape", func() (Dist, error) { return WeibullMean(10, inf) }, "shape"},
		{"empirical empty", func() (Dist, error) { return Empirical(nil, nil) }, "values"},
		{"empirical mismatched lengths", func() (Dist, error) { return Empirical([]float64{1, 2}, []float64{1}) }, "weights"},
		{"empirical negative value", func() (Dist, error) { return Empirical([]float64{1, -2}, []float64{1, 1}) }, "values[1]"},
		{"empirical negative weight", func() (Dist, error) { return Empirical([]float64{1, 2}, []float64{-1, 1}) }, "weights[0]"},
		{"empirical NaN weight", func() (Dist, error) { return Empirical([]float64{1, 2}, []float64{1, nan}) }, "weights[1]"},
		{"empirical Inf value", func() (Dist, error) { return Empirical([]float64{inf}, []float64{1}) }, "values[0]"},
		{"empirical all-zero weights", func() (Dist, error) { return Empirical([]float64{1, 2}, []float64{0, 0}) }, "weights"},
		{"empirical weights overflow", func() (Dist, error) { return Empirical([]float64{1, 2}, []float64{1e308, 1e308}) }, "weights"},
	}
	for _, tt := range tests {
		d, err := tt.build()
		var pe *ParamError
		switch {
		case err == nil:
			t.Errorf("%s: no error, got %v", tt.name, d)
		case !errors.Is(err, ErrInvalid):
			t.Errorf("%s: error %q does not match ErrInvalid", tt.name, err)
		case !errors.As(err, &pe) || pe.Param != tt.param:
			t.Errorf("%s: error %q, want it to name parameter %q", tt.name, err, tt.param)
		case d.Kind() != KindInvalid:
			t.Errorf("%s: returned a %v Dist with the error", tt.name, d.Kind())
		}
	}
}

func TestErrorText(t *testing.T) {
	_, err := LogNormal(300, -1)
	if got, want := fmt.Sprint(err), "lognormal cv = -1: want a finite number > 0"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}

func TestZeroDist(t *testing.T) {
	var d Dist
	if err := d.Validate(); !errors.Is(err, ErrInvalid) {
		t.Errorf("zero Dist: Validate() = %v, want ErrInvalid", err)
	}
	if !math.IsNaN(d.Mean()) || d.String() != "invalid" || d.Kind() != KindInvalid {
		t.Errorf("zero Dist: Mean %v, String %q, Kind %v", d.Mean(), d.String(), d.Kind())
	}
	defer func() {
		if recover() == nil {
			t.Error("zero Dist: Sample did not panic")
		}
	}()
	d.Sample(rng.New(1, 0, "zero"))
}

func TestScale(t *testing.T) {
	for _, c := range cases {
		s := c.d.Scale(1.5)
		if err := s.Validate(); err != nil {
			t.Errorf("%s: Scale(1.5) invalid: %v", c.name, err)
			continue
		}
		if s.Kind() != c.d.Kind() {
			t.Errorf("%s: Scale changed kind to %v", c.name, s.Kind())
		}
		if got, want := s.Mean(), 1.5*c.d.Mean(); math.Abs(got-want) > 1e-12*want {
			t.Errorf("%s: Scale(1.5).Mean() = %v, want %v", c.name, got, want)
		}
		if got, want := s.CV(), c.d.CV(); math.Abs(got-want) > 1e-12 {
			t.Errorf("%s: Scale(1.5).CV() = %v, want %v", c.name, got, want)
		}
		// Scaling is pathwise for the inversion-based samplers: same stream, 1.5× the draws.
		r1, r2 := rng.New(1, 0, "scale"), rng.New(1, 0, "scale")
		for i := range 5 {
			if a, b := 1.5*c.d.Sample(r1), s.Sample(r2); math.Abs(a-b) > 1e-9*a {
				t.Errorf("%s: draw %d: 1.5·X = %v, scaled draw %v", c.name, i, a, b)
			}
		}
		for _, f := range []float64{0, -1, math.NaN(), math.Inf(1)} {
			if err := c.d.Scale(f).Validate(); err == nil {
				t.Errorf("%s: Scale(%v) is valid, want the zero Dist", c.name, f)
			}
		}
	}
	if err := must(LogNormal(1e150, 1)).Scale(1e10).Validate(); err == nil {
		t.Error("Scale overflowing the mean gave a valid Dist")
	}
	if err := (Dist{}).Scale(2).Validate(); err == nil {
		t.Error("Scale of the zero Dist is valid")
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		d    Dist
		want string
	}{
		{must(Fixed(240)), "fixed(240)"},
		{must(Exponential(300)), "exponential(mean=300)"},
		{must(Uniform(60, 180)), "uniform(min=60, max=180)"},
		{must(Triangular(60, 120, 600)), "triangular(min=60, mode=120, max=600)"},
		{must(LogNormal(420, 0.8)), "lognormal(mean=420, cv=0.8)"},
		{must(Gamma(420, 0.5)), "gamma(mean=420, cv=0.5)"},
		{must(Weibull(1.5, 600)), "weibull(shape=1.5, scale=600)"},
		{must(Empirical([]float64{10, 20}, []float64{1, 1})), "empirical(n=2, mean=15)"},
		{must(Empirical([]float64{10, 20}, []float64{1, 1})).Scale(2), "empirical(n=2, mean=30, scale=2)"},
		{must(LogNormal(420, 0.8)).Scale(0.5), "lognormal(mean=210, cv=0.8)"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestParseKind(t *testing.T) {
	for k := KindFixed; k <= KindEmpirical; k++ {
		if got, ok := ParseKind(k.String()); !ok || got != k {
			t.Errorf("ParseKind(%q) = %v, %v", k.String(), got, ok)
		}
	}
	for _, name := range []string{"invalid", "", "LogNormal", "normal"} {
		if _, ok := ParseKind(name); ok {
			t.Errorf("ParseKind(%q) succeeded", name)
		}
	}
}

func BenchmarkSample(b *testing.B) {
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			ds := []Dist{c.d} // sampled through a slice, as the simulator holds them
			r := rng.New(1, 0, "bench")
			b.ReportAllocs()
			var sink float64
			for b.Loop() {
				sink += ds[0].Sample(r)
			}
			_ = sink
		})
	}
}

// Fill must give, bit for bit, the values that as many Sample calls give:
// queues hand out service times from it and promise the same outputs.
func TestFillEqualsSample(t *testing.T) {
	for _, c := range cases {
		d := c.d
		for _, n := range []int{1, 7, 16} {
			r1, r2 := rng.New(3, 1, "fill"), rng.New(3, 1, "fill")
			buf := make([]float64, n)
			for round := range 50 {
				d.Fill(r1, buf)
				for i, got := range buf {
					if want := d.Sample(r2); math.Float64bits(got) != math.Float64bits(want) {
						t.Fatalf("%s: Fill of %d, round %d, value %d: %v, Sample gives %v", c.name, n, round, i, got, want)
					}
				}
			}
		}
	}
}

// Ahead must hand out, bit for bit, the values that Sample gives in turn,
// across its refills: queues and arrival processes draw through it and
// promise the same outputs as drawing each when needed.
func TestAheadEqualsSample(t *testing.T) {
	for _, c := range cases {
		d := c.d
		a := NewAhead(&d, rng.New(5, 2, "ahead"))
		ref := rng.New(5, 2, "ahead")
		for i := range 100 { // six refills and part of a seventh
			if got, want := a.Draw(), d.Sample(ref); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("%s: draw %d: %v, Sample gives %v", c.name, i, got, want)
			}
		}
	}
}
