package scenarios

import (
	"testing"

	"github.com/outagesim/outagesim/sim/model"
)

// BenchmarkAdastra2022 simulates four weeks of the default scenario per
// iteration, a replication and its counterfactual on one goroutine, and
// reports calls per second. Its CPU profile is two thirds of the one the
// build is optimised for (cmd/outagesim/default.pgo, docs/perf/pgo.sh).
func BenchmarkAdastra2022(b *testing.B) {
	benchRuns(b, "adastra-2022", []string{"end=2022-08-29 00:00"}, "calls/s")
}

// BenchmarkReferenceMMcM simulates the peer comparison's model
// (docs/perf/reference-mmcm.yaml: an M/M/c+M queue, a million callers, no
// outage) once per iteration and reports callers per second. Its CPU
// profile is the other third of cmd/outagesim/default.pgo
// (docs/perf/pgo.sh), so that the build is optimised for the peer
// comparison's path too.
func BenchmarkReferenceMMcM(b *testing.B) {
	benchRuns(b, "../docs/perf/reference-mmcm.yaml", nil, "callers/s")
}

// benchRuns loads a scenario with sets applied and runs, each iteration, a
// replication of it and, with an outage, its counterfactual, on one
// goroutine; it reports the calls offered per second under unit.
func benchRuns(b *testing.B, name string, sets []string, unit string) {
	sc, err := LoadWith(name, sets)
	if err != nil {
		b.Fatal(err)
	}
	cfg, err := sc.Config()
	if err != nil {
		b.Fatal(err)
	}
	cfgs := []*model.Config{cfg}
	if cfg.Outage != nil {
		cfgs = append(cfgs, model.Counterfactual(cfg))
	}
	var models []*model.Model
	for _, c := range cfgs {
		m, err := model.New(c)
		if err != nil {
			b.Fatal(err)
		}
		models = append(models, m)
	}
	calls := 0.0
	for i := 0; b.Loop(); i++ {
		for _, m := range models {
			r, err := m.Run(1, uint64(i))
			if err != nil {
				b.Fatal(err)
			}
			calls += r.UK.CallsOffered
		}
	}
	b.ReportMetric(calls/b.Elapsed().Seconds(), unit)
}
