package scenarios_test

import (
	"math"
	"testing"

	"github.com/outagesim/outagesim/scenarios"
	"github.com/outagesim/outagesim/sim/kpi"
	"github.com/outagesim/outagesim/sim/model"
	"github.com/outagesim/outagesim/sim/theory"
)

// TestTextbookScenariosMatchTheory runs the library's textbook scenarios
// through the whole path a planner uses (YAML, scenario, model) and checks
// the NHS 111 KPIs against exact Erlang C and Erlang A values: 30 seeded
// replications of a week each, within 4 standard errors and an absolute
// guard. The runs start empty, a bias of minutes in a week.
// modelConfig loads a library scenario with -set overrides and builds
// the model's configuration, failing the test on any error.
func modelConfig(t *testing.T, name string, sets ...string) *model.Config {
	t.Helper()
	s, err := scenarios.LoadWith(name, sets)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := s.Config()
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestTextbookScenariosMatchTheory(t *testing.T) {
	const lambda, handle, patience, servers = 100.0 / 1800, 180.0, 300.0, 14
	c := theory.ErlangC{Lambda: lambda, MeanService: handle, Servers: servers}
	a := theory.ErlangA{Lambda: lambda, MeanService: handle, MeanPatience: patience, Servers: servers}
	must := func(x float64, err error) float64 {
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	for _, tc := range []struct {
		name  string
		exact map[string]float64
		guard map[string]float64
	}{
		{"textbook-erlang-c", map[string]float64{
			"answered_within_60s_pct": 100 * must(c.ServiceLevel(60)),
			"mean_answer_s":           must(c.MeanWait()),
			"abandoned_pct":           0,
		}, map[string]float64{"answered_within_60s_pct": 1, "mean_answer_s": 1, "abandoned_pct": 1e-9}},
		{"textbook-erlang-a", map[string]float64{
			"answered_within_60s_pct": 100 * must(a.SL2(60)),
			"mean_answer_s":           must(a.MeanWaitAnswered()),
			"abandoned_pct":           100 * must(a.ProbAbandonAfter(30)),
		}, map[string]float64{"answered_within_60s_pct": 1, "mean_answer_s": 1, "abandoned_pct": 0.3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := modelConfig(t, tc.name, "horizon=7d")
			const reps = 30
			values := map[string][]float64{}
			for r := range reps {
				res, err := model.Run(cfg, 11, uint64(r))
				if err != nil {
					t.Fatal(err)
				}
				for k, v := range kpi.Map(kpi.Of(res, nil, nil)) {
					values[k] = append(values[k], v)
				}
			}
			for k, exact := range tc.exact {
				mean, se := meanSE(values[k])
				d := math.Abs(mean - exact)
				if d > 4*se+1e-9 || d > tc.guard[k] {
					t.Errorf("%s = %.4g ± %.2g (SE), exact %.4g", k, mean, se, exact)
				} else {
					t.Logf("%s = %.4g ± %.2g (SE), exact %.4g", k, mean, se, exact)
				}
			}
		})
	}
}

func meanSE(xs []float64) (mean, se float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(len(xs)-1) / float64(len(xs)))
}
