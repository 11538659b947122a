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
	if d, ok := mserFast(batches, half); ok {
		return d * MSERBatch, d < half
	}
	// Values so large that the fast pass overflows: every truncation's
	// standard error summed afresh, O(n²), on the cores given. The
	// truncations are independent; the first minimum in order wins, as
	// in one pass.
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

// mserFast finds the truncation 0 … half that mserMin would, in O(n)
// rather than O(n²) (the peer model's 10,000 hours took 3.5 ms): one
// backward pass estimates every truncation's standard error from running
// suffix statistics (Welford's update), which round differently from
// mserMin's two forward sums but by far less than the margin kept here;
// then only the truncations whose estimate is within that margin of the
// least are summed afresh exactly as mserMin sums them, so the choice,
// ties and rounding included, is mserMin's. It reports false when a sum
// overflows, for the caller to fall back to mserMin.
func mserFast(batches []float64, half int) (int, bool) {
	n := len(batches)
	est := make([]float64, half+1)
	margin := make([]float64, half+1)
	mean, m2, sq := 0.0, 0.0, 0.0
	for d := n - 1; d >= 0; d-- {
		y := batches[d]
		k := float64(n - d)
		delta := y - mean
		mean += delta / k
		m2 += delta * (y - mean)
		sq += y * y
		if d <= half {
			// Both ways of summing are within a few n·ε of Σy² of the
			// true value; 1e-9 of it is thousands of times that.
			est[d], margin[d] = m2/(k*k), 1e-9*sq/(k*k)
		}
	}
	if !(sq >= 1e-280) {
		// The squares of values this small are subnormal, so each sum's
		// rounding is an absolute ulp a term, which a margin relative to
		// Σy² no longer covers: the exact search decides.
		return 0, false
	}
	return mserChoose(batches, est, margin)
}

// mserChoose is mserMin's choice among the truncations 0 … len(est)−1,
// given estimates est of their standard errors, each within margin of
// the exact value: only those that could be the least are summed afresh.
func mserChoose(batches, est, margin []float64) (int, bool) {
	upper := math.Inf(1)
	for d := range est {
		if !(est[d]+margin[d] < math.Inf(1)) {
			return 0, false
		}
		upper = min(upper, est[d]+margin[d])
	}
	best, bestD := math.Inf(1), -1
	for d := range est {
		if est[d]-margin[d] <= upper {
			if v, _ := mserMin(batches, d, d+1); v < best {
				best, bestD = v, d
			}
		}
	}
	return bestD, bestD >= 0
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
