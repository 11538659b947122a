package reports

import (
	"testing"

	"github.com/outagesim/outagesim/scenarios"
	"github.com/outagesim/outagesim/sim/replicate"
)

// aggBench is a scenario's replications, simulated once, for
// BenchmarkAggregate to summarise again and again.
type aggBench struct {
	name  string
	file  string
	sets  []string
	reps  int // simulated
	times int // replications summarised, cycling through those simulated
}

var aggBenches = []aggBench{
	// The peer model of docs/perf/compare-simpy.sh: one replication of
	// 10,000 hours, so 417 days of cells and hourly series.
	{name: "reference-mmcm", file: "../docs/perf/reference-mmcm.yaml", reps: 1, times: 1},
	// The main bar summarises 30 replications of adastra-2022;
	// two weeks of it, three replications simulated and added ten times
	// each, keep the set-up short.
	{name: "adastra-2w-30reps", file: "adastra-2022", sets: []string{"end=2022-08-15 00:00"}, reps: 3, times: 30},
}

// BenchmarkAggregate measures what the CLI's timed section spends outside
// the model: NewAggregate, Add for every replication, and Finish; with
// every part, and (-json-only) with those summary.json reads, none.
func BenchmarkAggregate(b *testing.B) {
	for _, bc := range aggBenches {
		for _, v := range []struct {
			suffix string
			need   Parts
		}{{"", AllParts}, {"-json-only", 0}} {
			benchAggregate(b, bc, bc.name+v.suffix, v.need)
		}
	}
}

// benchAggregate is one case: bc summarised into an aggregate of need.
func benchAggregate(b *testing.B, bc aggBench, name string, need Parts) {
	b.Run(name, func(b *testing.B) {
		sc, err := scenarios.LoadWith(bc.file, bc.sets)
		if err != nil {
			b.Fatal(err)
		}
		cfg, err := sc.Config()
		if err != nil {
			b.Fatal(err)
		}
		opts := replicate.Options{Replications: bc.reps, Seed: 7, Workers: 2}
		var pairs []replicate.Pair
		if err := replicate.Run(cfg, opts, func(p replicate.Pair) error { pairs = append(pairs, p); return nil }); err != nil {
			b.Fatal(err)
		}
		opts.Replications = bc.times
		b.ReportAllocs()
		for b.Loop() {
			a := NewAggregateFor(cfg, opts, need)
			for i := range bc.times {
				p := pairs[i%len(pairs)]
				p.Replication = i
				if err := a.Add(p); err != nil {
					b.Fatal(err)
				}
			}
			if err := a.Finish(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
