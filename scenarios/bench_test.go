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
	sc, err := LoadWith("adastra-2022", []string{"end=2022-08-29 00:00"})
	if err != nil {
		b.Fatal(err)
	}
	cfg, err := sc.Config()
	if err != nil {
		b.Fatal(err)
	}
	outage, err := model.New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	cf, err := model.New(model.Counterfactual(cfg))
	if err != nil {
		b.Fatal(err)
	}
	calls := 0.0
	for i := 0; b.Loop(); i++ {
		for _, m := range []*model.Model{outage, cf} {
			r, err := m.Run(1, uint64(i))
			if err != nil {
				b.Fatal(err)
			}
			calls += r.UK.CallsOffered
		}
	}
	b.ReportMetric(calls/b.Elapsed().Seconds(), "calls/s")
}

// BenchmarkReferenceMMcM simulates the peer comparison's model
// (docs/perf/reference-mmcm.yaml: an M/M/c+M queue, a million callers)
// once per iteration and reports callers per second. Its CPU profile is
// the other half of cmd/outagesim/default.pgo (docs/perf/pgo.sh), so that
// the build is optimised for the peer comparison's path too.
func BenchmarkReferenceMMcM(b *testing.B) {
	sc, err := LoadWith("../docs/perf/reference-mmcm.yaml", nil)
	if err != nil {
		b.Fatal(err)
	}
	cfg, err := sc.Config()
	if err != nil {
		b.Fatal(err)
	}
	m, err := model.New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	calls := 0.0
	for i := 0; b.Loop(); i++ {
		r, err := m.Run(1, uint64(i))
		if err != nil {
			b.Fatal(err)
		}
		calls += r.UK.CallsOffered
	}
	b.ReportMetric(calls/b.Elapsed().Seconds(), "callers/s")
}
