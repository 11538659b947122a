package stats

import (
	"errors"
	"fmt"
	"math"
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
	for _, p := range []struct {
		dst *float64
		pct float64
	}{{&s.P5, 5}, {&s.P50, 50}, {&s.P95, 95}} {
		// Linear interpolation between order statistics (R and NumPy's
		// default), defined for any number of replications.
		v, err := data.Percentile(p.pct)
		if err != nil {
			return Summary{}, err
		}
		*p.dst = v
	}
	return s, nil
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
	d := make([]float64, len(a))
	for i := range a {
		d[i] = a[i] - b[i]
	}
	return Summarise(d)
}
