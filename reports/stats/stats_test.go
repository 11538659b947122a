package stats

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	mstats "github.com/montanaflynn/stats"
)

func TestSummarise(t *testing.T) {
	for _, tc := range []struct {
		name string
		xs   []float64
		want Summary
	}{
		// One replication: the interval collapses to the value.
		{"single", []float64{4}, Summary{N: 1, Mean: 4, CI95: [2]float64{4, 4}, P5: 4, P50: 4, P95: 4}},
		// 1..5: mean 3, sd √2.5, t(0.975, 4) = 2.776445, half-width
		// 2.776445·√2.5/√5 = 1.963243; percentiles interpolate (type 7).
		{"one to five", []float64{5, 1, 4, 2, 3}, Summary{N: 5, Mean: 3, CI95: [2]float64{1.036757, 4.963243}, P5: 1.2, P50: 3, P95: 4.8}},
		// Identical values: zero width.
		{"constant", []float64{2, 2, 2}, Summary{N: 3, Mean: 2, CI95: [2]float64{2, 2}, P5: 2, P50: 2, P95: 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Summarise(tc.xs)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []struct {
				name      string
				got, want float64
			}{
				{"mean", got.Mean, tc.want.Mean}, {"ci lo", got.CI95[0], tc.want.CI95[0]}, {"ci hi", got.CI95[1], tc.want.CI95[1]},
				{"p5", got.P5, tc.want.P5}, {"p50", got.P50, tc.want.P50}, {"p95", got.P95, tc.want.P95},
			} {
				if math.Abs(f.got-f.want) > 1e-6 {
					t.Errorf("%s = %.7g, want %.7g", f.name, f.got, f.want)
				}
			}
			if got.N != tc.want.N {
				t.Errorf("n = %d, want %d", got.N, tc.want.N)
			}
		})
	}
}

func TestSummariseRejectsBadInput(t *testing.T) {
	for _, xs := range [][]float64{nil, {1, math.NaN()}, {math.Inf(1)}} {
		if _, err := Summarise(xs); err == nil {
			t.Errorf("Summarise(%v) gave no error", xs)
		}
	}
}

func TestTQuantile(t *testing.T) {
	// Published t tables: t(0.975; 1) = 12.706, t(0.975; 29) = 2.045.
	for _, tc := range []struct {
		df   int
		want float64
	}{{1, 12.7062}, {29, 2.04523}, {1000, 1.96234}} {
		if got := TQuantile(0.975, tc.df); math.Abs(got-tc.want) > 1e-4 {
			t.Errorf("t(0.975; %d) = %v, want %v", tc.df, got, tc.want)
		}
	}
}

func TestPaired(t *testing.T) {
	// Common random numbers: large spread in each run, constant difference.
	a := []float64{10, 50, 90, 30}
	b := []float64{8, 48, 88, 28}
	s, err := Paired(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if s.Mean != 2 || s.CI95 != [2]float64{2, 2} {
		t.Errorf("paired difference %+v, want mean 2 with zero width", s)
	}
	if _, err := Paired(a, b[:2]); err == nil {
		t.Error("samples of different sizes gave no error")
	}
}

// BenchmarkSummarise summarises 30 replications, as a report does for each
// of its hundreds of thousands of cells.
func BenchmarkSummarise(b *testing.B) {
	xs := make([]float64, 30)
	for i := range xs {
		xs[i] = float64(i*i%17) + 0.5
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Summarise(xs); err != nil {
			b.Fatal(err)
		}
	}
}

// Percentile must give mstats' Percentile to the bit, or a speed-up would
// change every report.
func TestPercentileMatchesMstats(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 2000 {
		n := 1 + trial%40
		xs := make([]float64, n)
		for i := range xs {
			switch trial % 4 {
			case 0: // ties
				xs[i] = float64(rng.IntN(4))
			case 1:
				xs[i] = rng.NormFloat64() * 1e3
			case 2: // differences that overflow
				xs[i] = math.MaxFloat64 * (2*rng.Float64() - 1)
			default:
				xs[i] = rng.ExpFloat64()
			}
		}
		sorted := slices.Clone(xs)
		slices.Sort(sorted)
		for _, p := range []float64{1, 5, 25, 50, 95, 99.9, 100} {
			want, err := mstats.Percentile(xs, p)
			if err != nil {
				t.Fatal(err)
			}
			if got := Percentile(sorted, p); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("%v: percentile %v = %v, mstats %v", xs, p, got, want)
			}
		}
	}
	if !math.IsNaN(Percentile(nil, 50)) {
		t.Error("the percentile of nothing must be NaN")
	}
}
