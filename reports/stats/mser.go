package stats

import "math"

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
	best, bestD := math.Inf(1), 0
	half := n / 2
	for d := 0; d <= half; d++ {
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
	return bestD * MSERBatch, bestD < half
}
