package stats

import (
	"math"
	"runtime"
	"sync"
)

// MSERBatch is the batch size of MSER-5.
const MSERBatch = 5

// MSER5 applies the MSER-5 warm-up rule (White 1997; Hoad, Robinson and
// Davies 2010) to an output series, best the mean of several
// replications: it averages the series in batches of five and truncates
// the d batches that minimise the marginal standard error
// Σ_{i>d}(Y_i − Ȳ_d)² / (n − d)², searching d over the first half of the
// batches. It returns the number of observations to truncate (a multiple
// of five) and whether the choice is reliable: a minimum at the end of the
// searched half means the series is too short for the rule to settle.
// NaN observations end the series.
func MSER5(xs []float64) (truncate int, reliable bool) {
	return MSER5On(xs, runtime.GOMAXPROCS(0))
}

// MSER5On is MSER5 on at most cores cores; the result does not depend on
// how many.
func MSER5On(xs []float64, cores int) (truncate int, reliable bool) {
	var batches []float64
	for i := 0; i+MSERBatch <= len(xs); i += MSERBatch {
		s := 0.0
		for _, x := range xs[i : i+MSERBatch] {
			s += x
		}
		if math.IsNaN(s) || math.IsInf(s, 0) {
			break
		}
		batches = append(batches, s/MSERBatch)
	}
	n := len(batches)
	if n < 4 {
		return 0, false
	}
	half := n / 2
	// Each truncation's standard error is summed afresh (suffix sums
	// would round differently), O(n²) in all: 16 M instructions for the
	// peer model's 10,000 hours. The truncations are independent, so the
	// cores share them; the first minimum in order wins, as in one pass.
	parts := 1
	if half >= 256 {
		parts = max(1, cores)
	}
	bests := make([]float64, parts)
	bestDs := make([]int, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() {
			bests[p], bestDs[p] = mserMin(batches, p*(half+1)/parts, (p+1)*(half+1)/parts)
		})
	}
	wg.Wait()
	best, bestD := math.Inf(1), 0
	for p := range parts {
		if bestDs[p] >= 0 && bests[p] < best {
			best, bestD = bests[p], bestDs[p]
		}
	}
	return bestD * MSERBatch, bestD < half
}

// mserMin is the least marginal standard error over the truncations
// lo … hi−1 of batches and the first truncation that gives it; −1 when
// none is below +Inf.
func mserMin(batches []float64, lo, hi int) (best float64, bestD int) {
	n := len(batches)
	best, bestD = math.Inf(1), -1
	for d := lo; d < hi; d++ {
		m := 0.0
		for _, y := range batches[d:] {
			m += y
		}
		m /= float64(n - d)
		ss := 0.0
		for _, y := range batches[d:] {
			ss += (y - m) * (y - m)
		}
		k := float64(n - d)
		if v := ss / (k * k); v < best {
			best, bestD = v, d
		}
	}
	return best, bestD
}
