package theory

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// Every numeric "Expected (exact)" value of /work/shared/validation.md
// §2.1–§2.4, checked to the precision printed there: the tolerance is half
// a unit in the last printed digit unless a row sets tol (values printed
// with few digits that are exact, e.g. "L=1.5").

type vcase struct {
	id   string // validation.md case ID and quantity
	got  func() (float64, error)
	want string  // as printed in validation.md
	tol  float64 // 0: half a unit in the last printed digit
}

func halfUnit(t *testing.T, s string) float64 {
	t.Helper()
	if strings.ContainsAny(s, "eE") {
		t.Fatalf("printed value %q: exponents not supported", s)
	}
	dec := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		dec = len(s) - i - 1
	}
	return 0.5 * math.Pow(10, -float64(dec)) * (1 + 1e-9)
}

func runCases(t *testing.T, cases []vcase) {
	t.Helper()
	for _, c := range cases {
		got, err := c.got()
		if err != nil {
			t.Errorf("%s: unexpected error %v", c.id, err)
			continue
		}
		want, err := strconv.ParseFloat(c.want, 64)
		if err != nil {
			t.Fatalf("%s: bad want %q", c.id, c.want)
		}
		tol := c.tol
		if tol == 0 {
			tol = halfUnit(t, c.want)
		}
		if d := math.Abs(got - want); !(d <= tol) {
			t.Errorf("%s: got %.10g, want %s (|diff| %.3g > tol %.3g)", c.id, got, c.want, d, tol)
		}
	}
}

// at binds a t-argument method to a no-argument getter.
func at(f func(float64) (float64, error), t float64) func() (float64, error) {
	return func() (float64, error) { return f(t) }
}

// scaled multiplies a getter's result by k (unit conversions).
func scaled(f func() (float64, error), k float64) func() (float64, error) {
	return func() (float64, error) { v, err := f(); return v * k, err }
}

func oneMinus(f func() (float64, error)) func() (float64, error) {
	return func() (float64, error) { v, err := f(); return 1 - v, err }
}

const exact = 1e-12 // tolerance for values printed short because they are exact

func TestValidationErlangC(t *testing.T) {
	c1a := ErlangC{Lambda: 0.9, MeanService: 1, Servers: 1}
	c1b := ErlangC{Lambda: 1.8, MeanService: 1, Servers: 2}
	c1c := ErlangC{Lambda: 4.5, MeanService: 1, Servers: 5}
	c1d := ErlangC{Lambda: 9, MeanService: 1, Servers: 10}
	c1e := ErlangC{Lambda: 18, MeanService: 1, Servers: 20}
	c2a := ErlangC{Lambda: 9, MeanService: 1.0 / 5, Servers: 2}
	c2b := ErlangC{Lambda: 9, MeanService: 1.0 / 5, Servers: 4}
	// C3: 100 calls per 30 min, AHT 180 s, time unit seconds, T = 20 s.
	c3a := ErlangC{Lambda: 100.0 / 1800, MeanService: 180, Servers: 11}
	c3b := ErlangC{Lambda: 100.0 / 1800, MeanService: 180, Servers: 14}
	c3c := ErlangC{Lambda: 100.0 / 1800, MeanService: 180, Servers: 15}
	c5a := ErlangC{Lambda: 3, MeanService: 1.0 / 5, Servers: 1}
	c5b := ErlangC{Lambda: 5, MeanService: 1.0 / 8, Servers: 1}
	c6 := ErlangC{Lambda: 2, MeanService: 1.0 / 4, Servers: 1}
	runCases(t, []vcase{
		{"C1a P(W>0)", c1a.ProbWait, "0.9000000", 0},                         // C1a: Adan & Resing Table 5.1 (Python queueing test)
		{"C1a E[W]", c1a.MeanWait, "9.000000", 0},                            // C1a: same source
		{"C1b P(W>0)", c1b.ProbWait, "0.8526316", 0},                         // C1b: Adan & Resing Table 5.1
		{"C1b E[W]", c1b.MeanWait, "4.263158", 0},                            // C1b: same source
		{"C1c P(W>0)", c1c.ProbWait, "0.7624932", 0},                         // C1c: Adan & Resing Table 5.1
		{"C1c E[W]", c1c.MeanWait, "1.524986", 0},                            // C1c: same source
		{"C1d P(W>0)", c1d.ProbWait, "0.6687315", 0},                         // C1d: Adan & Resing Table 5.1
		{"C1d E[W]", c1d.MeanWait, "0.6687315", 0},                           // C1d: same source
		{"C1e P(W>0)", c1e.ProbWait, "0.5507690", 0},                         // C1e: Adan & Resing Table 5.1
		{"C1e E[W]", c1e.MeanWait, "0.2753845", 0},                           // C1e: same source
		{"C2a L_q", c2a.MeanQueueLength, "7.673684", 0},                      // C2a: ETH ASL slides / Octave queueing qsmmm.m tests
		{"C2a W", c2a.MeanSojourn, "1.052632", 0},                            // C2a: same source
		{"C2a P(W>0)", c2a.ProbWait, "0.8526316", 0},                         // C2a: same source
		{"C2b L_q", c2b.MeanQueueLength, "0.1051639", 0},                     // C2b: ETH ASL slides / Octave qsmmm.m
		{"C2b W", c2b.MeanSojourn, "0.2116849", 0},                           // C2b: same source
		{"C2b P(W>0)", c2b.ProbWait, "0.1285336", 0},                         // C2b: same source
		{"C3a P(W>0)", c3a.ProbWait, "0.6821182", 0},                         // C3a: Call Centre Helper Erlang C worked example, N=11
		{"C3a SL(20s)", at(c3a.ServiceLevel, 20), "0.3896138", 0},            // C3a: same source
		{"C3a ASA s", c3a.MeanWait, "122.7813", 0},                           // C3a: same source
		{"C3b P(W>0)", c3b.ProbWait, "0.1741319", 0},                         // C3b: Call Centre Helper N=14; pyworkforce test_erlang.py
		{"C3b SL(20s)", at(c3b.ServiceLevel, 20), "0.8883500", 0},            // C3b: same sources
		{"C3b ASA s", c3b.MeanWait, "7.835937", 0},                           // C3b: same sources
		{"C3b occupancy", c3b.Occupancy, "0.7142857", 0},                     // C3b: same sources
		{"C3b answered immediately", oneMinus(c3b.ProbWait), "0.8258681", 0}, // C3b: same sources
		{"C3c P(W>0)", c3c.ProbWait, "0.1020424", 0},                         // C3c: pyworkforce test_over_occupancy_erlangc
		{"C3c SL(20s)", at(c3c.ServiceLevel, 20), "0.9414528", 0},            // C3c: same source
		{"C3c occupancy", c3c.Occupancy, "0.6666667", 0},                     // C3c: same source
		{"C3c ASA s", c3c.MeanWait, "3.673525", 0},                           // C3c: same source
		{"C5a E[W_q]", c5a.MeanWait, "0.3000000", 0},                         // C5a: Ciw docs Examples/mm1.rst
		{"C5a L", c5a.MeanNumberInSystem, "1.5", exact},                      // C5a: same source (printed "1.5", exact)
		{"C5b E[W_q]", c5b.MeanWait, "0.2083333", 0},                         // C5b: Ciw docs Background/simulationpractice.rst
		{"C6 L", c6.MeanNumberInSystem, "1.000000", 0},                       // C6: simmer vignette "Queueing Systems" / JSS paper
		{"C6 W", c6.MeanSojourn, "0.5000000", 0},                             // C6: same source
	})
}

func TestValidationErlangA(t *testing.T) {
	// EA3 in minutes: λ = 100/30 per min, AHT 3 min, patience 5 min, T = 20 s.
	ea3 := ErlangA{Lambda: 100.0 / 30, MeanService: 3, MeanPatience: 5, Servers: 14}
	ea4 := ErlangA{Lambda: 0.8, MeanService: 1, MeanPatience: 1 / 0.5, Servers: 1}
	ea5 := ErlangA{Lambda: 1, MeanService: 2.1, MeanPatience: 1 / 0.3, Servers: 3}
	const t20 = 20.0 / 60
	runCases(t, []vcase{
		{"EA3 P(W>0)", ea3.ProbWait, "0.1452601", 0},                            // EA3: pyworkforce test_abandonment.py::test_erlanga_regression_metrics
		{"EA3 P(Ab)", ea3.ProbAbandon, "0.01398374", 0},                         // EA3: same source
		{"EA3 occupancy", ea3.Occupancy, "0.7042973", 0},                        // EA3: same source
		{"EA3 E[W]all min", ea3.MeanWait, "0.06991872", 0},                      // EA3: same source
		{"EA3 E[W]all s", scaled(ea3.MeanWait, 60), "4.195123", 0},              // EA3: same source
		{"EA3 SL1(20s)", at(ea3.SL1, t20), "0.9167921", 0},                      // EA3: same source
		{"EA3 SL2(20s)", at(ea3.SL2, t20), "0.9297941", 0},                      // EA3: validation.md exact value
		{"EA3 ASA answered s", scaled(ea3.MeanWaitAnswered, 60), "3.878480", 0}, // EA3: validation.md exact value
		{"EA3 peer P(W>0)", ea3.ProbWait, "0.14526", 0},                         // EA3: pyworkforce asserted value
		{"EA3 peer P(Ab)", ea3.ProbAbandon, "0.013984", 0},                      // EA3: pyworkforce asserted value
		{"EA3 peer occupancy", ea3.Occupancy, "0.704297", 0},                    // EA3: pyworkforce asserted value
		{"EA3 peer E[W]", ea3.MeanWait, "0.069919", 0},                          // EA3: pyworkforce asserted value
		{"EA3 peer SL1", at(ea3.SL1, t20), "0.916792", 0},                       // EA3: pyworkforce asserted value
		{"EA4 P(W>0)", ea4.ProbWait, "0.5952474", 0},                            // EA4: LINE solver example "M/M/1 Queue with Exponential Impatience"
		{"EA4 P(Ab)", ea4.ProbAbandon, "0.2559407", 0},                          // EA4: same model
		{"EA4 E[Q]", ea4.MeanQueueLength, "0.4095051", 0},                       // EA4: same model
		{"EA4 E[N]", ea4.MeanNumberInSystem, "1.004753", 0},                     // EA4: same model
		{"EA4 E[W]all", ea4.MeanWait, "0.5118814", 0},                           // EA4: same model
		{"EA4 ASA answered", ea4.MeanWaitAnswered, "0.4121069", 0},              // EA4: same model
		{"EA5 P(W>0)", ea5.ProbWait, "0.3742346", 0},                            // EA5: most_queue tests/test_retrial_erlang_a.py::test_erlang_a_vs_sim
		{"EA5 P(Ab)", ea5.ProbAbandon, "0.09971042", 0},                         // EA5: same source
		{"EA5 E[Q]", ea5.MeanQueueLength, "0.3323681", 0},                       // EA5: same source
		{"EA5 E[N]", ea5.MeanNumberInSystem, "2.222976", 0},                     // EA5: same source
	})
}

func TestValidationTimeVarying(t *testing.T) {
	sin := Sinusoid{Mean: 100, Amplitude: 50, AngularFreq: 2 * math.Pi / 24} // λ per hour
	periodic := func(mu, tt float64) func() (float64, error) {
		return func() (float64, error) { return MtMInfSinusoid(sin, mu, tt) }
	}
	empty := func(mu, tt float64) func() (float64, error) {
		return func() (float64, error) { return MtMInfSinusoidFrom(sin, mu, 0, 0, tt) }
	}
	det := func(d, tt float64) func() (float64, error) {
		return func() (float64, error) { return MtDInfSinusoid(sin, d, math.Inf(-1), tt) }
	}
	lognormal := func(tt float64) func() (float64, error) {
		return func() (float64, error) {
			g, err := LognormalSurvival(0.1, 1)
			if err != nil {
				return 0, err
			}
			lam := func(u float64) float64 { return 100 + 50*math.Sin(2*math.Pi/24*u) }
			return MtGInf(lam, g, math.Inf(-1), tt)
		}
	}
	ampLag := func(mu float64, which int, k float64) func() (float64, error) {
		return func() (float64, error) {
			a, l, err := MtMInfSinusoidAmplitudeLag(sin, mu)
			return []float64{a, l}[which] * k, err
		}
	}
	tv2 := PiecewiseRate{Edges: []float64{0, 8, 16, 24}, Rates: []float64{60, 180, 90}}
	step := func(tt float64) func() (float64, error) {
		return func() (float64, error) { return MtMInfPiecewise(tv2, 10, 0, tt) }
	}
	runCases(t, []vcase{
		{"TV1 m(0)", periodic(10, 0), "9.869190", 0},          // TV1: Eick, Massey & Whitt (1993) sinusoid formula, validation.md §2.3
		{"TV1 m(3)", periodic(10, 3), "13.44062", 0},          // TV1: same
		{"TV1 m(6)", periodic(10, 6), "14.99658", 0},          // TV1: same
		{"TV1 m(9)", periodic(10, 9), "13.62561", 0},          // TV1: same
		{"TV1 m(12)", periodic(10, 12), "10.13081", 0},        // TV1: same
		{"TV1 m(15)", periodic(10, 15), "6.559384", 0},        // TV1: same
		{"TV1 m(18)", periodic(10, 18), "5.003425", 0},        // TV1: same
		{"TV1 m(21)", periodic(10, 21), "6.374391", 0},        // TV1: same
		{"TV1 amplitude", ampLag(10, 0, 1), "4.998287", 0},    // TV1: same
		{"TV1 lag h", ampLag(10, 1, 1), "0.09997716", 0},      // TV1: same
		{"TV1 lag min", ampLag(10, 1, 60), "5.9986", 0},       // TV1: same
		{"TV1 det 6-min m(6)", det(0.1, 6), "14.99943", 0},    // TV1: M_t/D/∞, ∫_{t−D}^t λ
		{"TV1 lognormal m(6)", lognormal(6), "14.99545", 0},   // TV1: M_t/G/∞, lognormal mean 6 min CV 1
		{"TV1 lognormal m(18)", lognormal(18), "5.004550", 0}, // TV1: same
		{"TV1b m(0)", periodic(1, 0), "87.74966", 0},          // TV1b: periodic regime, Exp 60 min
		{"TV1b m(1)", periodic(1, 1), "100.2780", 0},          // TV1b: same
		{"TV1b m(2)", periodic(1, 2), "112.7873", 0},          // TV1b: same
		{"TV1b m(3)", periodic(1, 3), "124.4253", 0},          // TV1b: same
		{"TV1b m(6)", periodic(1, 6), "146.7929", 0},          // TV1b: same
		{"TV1b m(9)", periodic(1, 9), "141.7499", 0},          // TV1b: same
		{"TV1b m(12)", periodic(1, 12), "112.2503", 0},        // TV1b: same
		{"TV1b m(15)", periodic(1, 15), "75.57475", 0},        // TV1b: same
		{"TV1b m(18)", periodic(1, 18), "53.20713", 0},        // TV1b: same
		{"TV1b m(21)", periodic(1, 21), "58.25014", 0},        // TV1b: same
		{"TV1b empty m(1)", empty(1, 1), "67.99667", 0},       // TV1b: start empty at 0
		{"TV1b empty m(2)", empty(1, 2), "100.9117", 0},       // TV1b: same
		{"TV1b empty m(3)", empty(1, 3), "120.0565", 0},       // TV1b: same
		{"TV1b empty m(6)", empty(1, 6), "146.5754", 0},       // TV1b: same
		{"TV1b empty m(9)", empty(1, 9), "141.7390", 0},       // TV1b: same
		{"TV1b empty m(12)", empty(1, 12), "112.2498", 0},     // TV1b: same
		{"TV1b empty m(24)", empty(1, 24), "87.74966", 0},     // TV1b: same
		{"TV1b amplitude", ampLag(1, 0, 1), "48.36986", 0},    // TV1b: same
		{"TV1b lag h", ampLag(1, 1, 1), "0.9780495", 0},       // TV1b: same
		{"TV1b det 60-min m(6)", det(1, 6), "149.4308", 0},    // TV1b: M_t/D/∞
		{"TV1b det 60-min m(18)", det(1, 18), "50.56920", 0},  // TV1b: same
		{"TV2 m(1)", step(1), "5.999728", 0},                  // TV2: piecewise λ 60/180/90, Exp 6 min, start empty
		{"TV2 m(8.1)", step(8.1), "13.58545", 0},              // TV2: same
		{"TV2 m(8.25)", step(8.25), "17.01498", 0},            // TV2: same
		{"TV2 m(8.5)", step(8.5), "17.91914", 0},              // TV2: same
		{"TV2 m(9)", step(9), "17.99946", 0},                  // TV2: same
		{"TV2 m(16.1)", step(16.1), "12.31091", 0},            // TV2: same
		{"TV2 m(16.5)", step(16.5), "9.060642", 0},            // TV2: same
		{"TV2 m(24)", step(24), "9.000000", 0},                // TV2: same
	})
}

func TestValidationRetrial(t *testing.T) {
	r1 := RetrialMM1(0.5, 1, 1)
	r1bA := RetrialMM1(0.8, 1, 0.5)
	r1bB := RetrialMM1(0.3, 1, 2)
	runCases(t, []vcase{
		{"R1 E[orbit]", r1.MeanOrbit, "1.000000", 0},                     // R1: Falin & Templeton (1997); most_queue test_mg1_retrial_formula_matches_exact_mm1
		{"R1 P(busy)", r1.ProbBusy, "0.5", exact},                        // R1: same (printed "0.5", exact)
		{"R1 retrials per caller", r1.RetrialsPerCaller, "2.000", exact}, // R1: ν·E[M]/λ (printed "2.000", exact)
		{"R1b λ=0.8 ν=0.5 E[orbit]", r1bA.MeanOrbit, "9.600000", 0},      // R1b: Falin & Templeton formula
		{"R1b λ=0.3 ν=2 E[orbit]", r1bB.MeanOrbit, "0.1928571", 0},       // R1b: same
	})
}
