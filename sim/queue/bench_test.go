package queue

import (
	"testing"
	"unsafe"

	"github.com/outagesim/outagesim/sim/arrivals"
	"github.com/outagesim/outagesim/sim/des"
	"github.com/outagesim/outagesim/sim/rng"
)

// BenchmarkMMcM runs the reference call centre of issue 2 and
// docs/performance.md: M/M/c+M with λ = 100/h, mean service 6 min, mean
// patience 5 min and c = 12, one caller per b.N, on one goroutine. It
// reports callers per second.
func BenchmarkMMcM(b *testing.B) {
	const lambda = 100.0 / 3600
	k := des.New()
	src := rng.Source{Seed: 1}
	cfg := Config{Name: "mmcm", Classes: []Class{{Name: "calls", Service: exp(360), Patience: expP(300), Target: 60}}, Staff: 12, AbandonThreshold: 30}
	q, err := New(k, cfg, Streams{Service: src.Stream("service"), Patience: src.Stream("patience")}, nil)
	if err != nil {
		b.Fatal(err)
	}
	horizon := float64(b.N) / lambda
	p, err := arrivals.NewConstantProcess(lambda, 0, horizon)
	if err != nil {
		b.Fatal(err)
	}
	NewFeeder(k, q, p, src.Stream("arrivals"), 0)
	b.ReportAllocs()
	b.ResetTimer()
	k.RunUntil(horizon)
	b.StopTimer()
	s := q.Stats()
	b.ReportMetric(float64(s.Offered)/b.Elapsed().Seconds(), "callers/s")
	b.ReportMetric(float64(k.Executed())/float64(s.Offered), "events/caller")
}

// A job is touched again when its wait or its service ends, minutes of
// simulated time later; one cache line each keeps that to one miss.
func TestJobFitsACacheLine(t *testing.T) {
	if n := unsafe.Sizeof(job{}); n > 64 {
		t.Errorf("job is %d bytes, want at most 64", n)
	}
}
