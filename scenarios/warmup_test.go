package scenarios_test

import (
	"math"
	"testing"

	"github.com/outagesim/outagesim/sim/kpi"
	"github.com/outagesim/outagesim/sim/model"
	"github.com/outagesim/outagesim/sim/theory"
)

// A heavily loaded M/M/c that starts empty answers its first hours'
// calls faster than in steady state: measured from the start, the mean
// wait is biased low. With a day's warm-up the same four hours measure
// the steady state that Erlang C gives exactly.
func TestWarmupRemovesStartUpBias(t *testing.T) {
	const lambda, handle, servers = 200.0 / 3600, 180.0, 11 // ρ = 0.91
	exact, err := theory.ErlangC{Lambda: lambda, MeanService: handle, Servers: servers}.MeanWait()
	if err != nil {
		t.Fatal(err)
	}
	measure := func(sets ...string) (mean, se float64) {
		t.Helper()
		cfg := modelConfig(t, "textbook-erlang-c", append([]string{"nations.england.services.queue.advisers.fixed=11"}, sets...)...)
		const reps = 400
		var xs []float64
		for r := range reps {
			res, err := model.Run(cfg, 6, uint64(r))
			if err != nil {
				t.Fatal(err)
			}
			w := kpi.Of(res, nil, func(sg model.Segment) bool { return res.Periods[sg.Period].Name != model.PeriodWarmup })
			xs = append(xs, kpi.Map(w)[kpi.MeanAnswerS])
		}
		var sum, sq float64
		for _, x := range xs {
			sum += x
		}
		mean = sum / reps
		for _, x := range xs {
			sq += (x - mean) * (x - mean)
		}
		return mean, math.Sqrt(sq / (reps - 1) / reps)
	}
	cold, coldSE := measure("horizon=4h")
	warm, warmSE := measure("horizon=28h", "warmup=1d")
	t.Logf("Erlang C mean wait %.1f s; from empty %.1f ± %.1f s; after a day's warm-up %.1f ± %.1f s", exact, cold, coldSE, warm, warmSE)
	if !(exact-cold > 4*coldSE) {
		t.Errorf("from empty the mean wait is %.1f ± %.1f s, not clearly below Erlang C's %.1f s: the test no longer shows a start-up bias", cold, coldSE, exact)
	}
	if math.Abs(warm-exact) > 4*warmSE {
		t.Errorf("after the warm-up the mean wait is %.1f ± %.1f s, Erlang C says %.1f s: the warm-up did not remove the bias", warm, warmSE, exact)
	}
}
