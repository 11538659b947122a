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
