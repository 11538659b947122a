package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestMSER5(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	noise := func(n int) []float64 {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = 10 + r.NormFloat64()
		}
		return xs
	}
	// A start-up transient of 40 observations rising to the steady state.
	ramp := noise(500)
	for i := range 40 {
		ramp[i] -= 10 * (1 - float64(i)/40)
	}
	for _, tc := range []struct {
		name     string
		xs       []float64
		min, max int
		reliable bool
	}{
		{"stationary", noise(500), 0, 20, true},
		{"start-up ramp", ramp, 25, 60, true},
		{"too short", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0, 0, false},
		{"still rising", func() []float64 {
			xs := make([]float64, 100)
			for i := range xs {
				xs[i] = math.Sqrt(float64(i))
			}
			return xs
		}(), 50, 50, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, ok := MSER5(tc.xs)
			if d < tc.min || d > tc.max || ok != tc.reliable || d%MSERBatch != 0 {
				t.Errorf("MSER5 = %d, %v; want %d–%d, %v", d, ok, tc.min, tc.max, tc.reliable)
			}
		})
	}
}

// The cores share the truncations of a long series; the choice must be
// the one pass's, ties included (the first minimum wins).
func TestMSER5CoresDoNotChangeIt(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 20 {
		xs := make([]float64, 3000+trial*377)
		for i := range xs {
			switch trial % 3 {
			case 0:
				xs[i] = 10 + r.NormFloat64()
			case 1: // ties everywhere
				xs[i] = 7
			default: // a transient then noise
				xs[i] = 10 + r.NormFloat64() - 10*math.Exp(-float64(i)/300)
			}
		}
		d1, ok1 := MSER5On(xs, 1)
		d3, ok3 := MSER5On(xs, 3)
		if d1 != d3 || ok1 != ok3 {
			t.Fatalf("trial %d: one core %d, %v; three %d, %v", trial, d1, ok1, d3, ok3)
		}
	}
}

// The O(n) pass must choose exactly the truncation the O(n²) sums do,
// ties and near-ties included, on every kind of series: noise, exact
// ties, a large mean with little spread (where suffix statistics lose
// digits), counts, and transients.
func TestMSER5FastEqualsFull(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	gens := []func(i int) float64{
		func(int) float64 { return 10 + r.NormFloat64() },
		func(int) float64 { return 7 },
		func(int) float64 { return 1e6 + 1e-6*r.NormFloat64() },
		func(int) float64 { return float64(r.IntN(3)) },
		func(i int) float64 { return 10 + r.NormFloat64() - 10*math.Exp(-float64(i)/300) },
		func(i int) float64 { return math.Sqrt(float64(i)) },
		func(i int) float64 {
			if i < 200 {
				return 0
			}
			return 12
		},
		func(int) float64 { return 1e200 * (1 + r.Float64()) }, // overflows: the O(n²) path
	}
	for trial := range 200 {
		gen := gens[trial%len(gens)]
		xs := make([]float64, 20+r.IntN(4000))
		for i := range xs {
			xs[i] = gen(i)
		}
		var batches []float64
		for i := 0; i+MSERBatch <= len(xs); i += MSERBatch {
			s := 0.0
			for _, x := range xs[i : i+MSERBatch] {
				s += x
			}
			batches = append(batches, s/MSERBatch)
		}
		half := len(batches) / 2
		_, want := mserMin(batches, 0, half+1)
		got, ok := mserFast(batches, half)
		if trial%len(gens) == len(gens)-1 {
			if ok {
				t.Fatalf("trial %d: the fast pass took a series that overflows", trial)
			}
			continue
		}
		if !ok || got != want {
			t.Fatalf("trial %d (generator %d, %d batches): fast %d, %v; full %d", trial, trial%len(gens), len(batches), got, ok, want)
		}
		if d, _ := MSER5(xs); d != want*MSERBatch {
			t.Fatalf("trial %d: MSER5 %d, want %d", trial, d, want*MSERBatch)
		}
	}
}

// The exact recheck, not the estimates, decides: estimates off by up to
// their margin, in either direction, must not change the choice (and do
// when the margin is not honoured).
func TestMSERChooseWithinMargin(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	changed := 0
	for trial := range 300 {
		batches := make([]float64, 40+r.IntN(400))
		for i := range batches {
			batches[i] = 10 + r.NormFloat64() - 3*math.Exp(-float64(i)/20)
		}
		half := len(batches) / 2
		_, want := mserMin(batches, 0, half+1)
		est, margin := make([]float64, half+1), make([]float64, half+1)
		for d := range est {
			v, _ := mserMin(batches, d, d+1)
			margin[d] = 0.05 * v
			est[d] = v + margin[d]*(2*r.Float64()-1)
		}
		if got, ok := mserChoose(batches, est, margin); !ok || got != want {
			t.Fatalf("trial %d: chose %d, %v; want %d", trial, got, ok, want)
		}
		if got, _ := mserChoose(batches, est, make([]float64, len(est))); got != want {
			changed++
		}
	}
	if changed == 0 {
		t.Fatal("estimates off by 5% never misled a choice without margins: the test has no teeth")
	}
}

// TestMSER5FastTinyValues: batch means near 1e-160 have subnormal squares,
// where the fast pass's margin no longer covers its rounding; MSER-5 must
// still choose what the full search chooses (here truncation 4, where the
// fast pass alone chose 5).
func TestMSER5FastTinyValues(t *testing.T) {
	b := []float64{7.037428614366952e-161, 7.037428614366952e-161, 7.037428614366952e-161,
		1.0743356608372276e-160, 7.212331152280867e-161, 7.660212187658974e-161,
		7.660212187658974e-161, 8.942056533290382e-161, 8.887494609611974e-161, 8.877246914202804e-161}
	half := len(b) / 2
	_, want := mserMin(b, 0, half+1)
	if d, ok := mserFast(b, half); ok && d != want {
		t.Fatalf("fast pass chose truncation %d, the full search %d", d, want)
	}
	xs := make([]float64, 0, len(b)*MSERBatch)
	for _, y := range b {
		for range MSERBatch {
			xs = append(xs, y)
		}
	}
	if got, _ := MSER5(xs); got != want*MSERBatch {
		t.Fatalf("MSER5 truncates %d points, want %d", got, want*MSERBatch)
	}
}
