package stats

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	mstats "github.com/montanaflynn/stats"
	"gonum.org/v1/gonum/stat/distuv"
)

// Summary describes one quantity across replications.
type Summary struct {
	N    int        `json:"n"`
	Mean float64    `json:"mean"`
	CI95 [2]float64 `json:"ci95"`
	P5   float64    `json:"p5"`
	P50  float64    `json:"p50"`
	P95  float64    `json:"p95"`
}

// ErrNoData is returned for an empty sample.
var ErrNoData = errors.New("stats: no replications")

// Summarise computes the mean, its t-based 95% confidence interval, and
// the 5th, 50th and 95th percentiles of xs. With one replication the
// interval is the single value. NaN or infinite values are an error.
func Summarise(xs []float64) (Summary, error) {
	if len(xs) == 0 {
		return Summary{}, ErrNoData
	}
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return Summary{}, fmt.Errorf("stats: replication %d has the value %v", i, x)
		}
	}
	data := mstats.Float64Data(xs)
	mean, err := data.Mean()
	if err != nil {
		return Summary{}, err
	}
	s := Summary{N: len(xs), Mean: mean, CI95: [2]float64{mean, mean}}
	if len(xs) > 1 {
		sd, err := data.StandardDeviationSample()
		if err != nil {
			return Summary{}, err
		}
		half := t975(len(xs)-1) * sd / math.Sqrt(float64(len(xs)))
		s.CI95 = [2]float64{mean - half, mean + half}
	}
	// One sorted copy serves the three percentiles (mstats' Percentile
	// would copy and sort for each), on the stack for the usual number of
	// replications: a report summarises hundreds of thousands of cells.
	var buf [64]float64
	sorted := append(buf[:0], xs...)
	slices.Sort(sorted)
	s.P5, s.P50, s.P95 = Percentile(sorted, 5), Percentile(sorted, 50), Percentile(sorted, 95)
	return s, nil
}

// Percentile is the pct percentile (0 < pct ≤ 100) of sorted, a sorted
// sample of finite values, by linear interpolation between order
// statistics (Hyndman and Fan's type 7, R and NumPy's default). It is
// github.com/montanaflynn/stats' Percentile, to the bit, for a caller that
// needs several percentiles of one sample and sorts it once; NaN when
// sorted is empty.
func Percentile(sorted []float64, pct float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	rank := (pct / 100) * float64(n-1)
	k := int(rank)
	f := rank - float64(k)
	if k+1 < n && f != 0 && sorted[k+1] != sorted[k] {
		delta := sorted[k+1] - sorted[k]
		if math.IsInf(delta, 1) {
			// Two finite endpoints whose difference overflows.
			return (1-f)*sorted[k] + f*sorted[k+1]
		}
		return sorted[k] + f*delta
	}
	return sorted[k]
}

// TQuantile is the p quantile of Student's t with df degrees of freedom.
func TQuantile(p float64, df int) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(p)
}

// t975s caches TQuantile(0.975, df) by df: a report summarises hundreds of
// thousands of cells with the same number of replications, and inverting
// the incomplete beta function for each was 70% of summarising them.
var t975s sync.Map

func t975(df int) float64 {
	if q, ok := t975s.Load(df); ok {
		return q.(float64)
	}
	q := TQuantile(0.975, df)
	t975s.Store(df, q)
	return q
}

// Paired summarises the differences a[i] − b[i] of two runs that share
// their random numbers replication by replication (an outage run and its
// counterfactual), which gives a far tighter interval than comparing the
// two summaries.
func Paired(a, b []float64) (Summary, error) {
	if len(a) != len(b) {
		return Summary{}, fmt.Errorf("stats: paired samples of different sizes %d and %d", len(a), len(b))
	}
	var buf [64]float64
	d := buf[:0]
	for i := range a {
		d = append(d, a[i]-b[i])
	}
	return Summarise(d)
}
