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
