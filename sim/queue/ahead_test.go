package queue

import (
	"testing"

	"github.com/outagesim/outagesim/sim/des"
	"github.com/outagesim/outagesim/sim/dist"
	"github.com/outagesim/outagesim/sim/rng"
)

// abandonWaits records each caller's wait when they hang up.
type abandonWaits struct {
	NopObserver
	waits map[int64]float64
}

func (a *abandonWaits) Abandoned(_ *Queue, j *Job, wait float64, _ bool) { a.waits[j.Ref] = wait }

// TestPatienceDrawnAheadIsTheSampleSequence checks that the patience a
// queue draws ahead, when its classes share one patience distribution, is
// what drawing each caller's with Sample in turn gives: with nobody on
// duty, every caller arriving at 0 waits exactly their patience.
func TestPatienceDrawnAheadIsTheSampleSequence(t *testing.T) {
	for _, shared := range []bool{true, false} {
		p1 := must(dist.LogNormal(240, 0.8))
		p2 := p1
		if !shared {
			p2 = must(dist.LogNormal(240, 0.9))
		}
		k := des.New()
		obs := &abandonWaits{waits: map[int64]float64{}}
		cfg := Config{Name: "q", Classes: []Class{{Name: "a", Service: exp(60), Patience: &p1}, {Name: "b", Service: exp(60), Patience: &p2}}}
		q, err := New(k, cfg, Streams{Service: rng.New(1, 0, "s"), Patience: rng.New(1, 0, "p")}, obs)
		if err != nil {
			t.Fatal(err)
		}
		if q.samePat != shared {
			t.Fatalf("shared %v: samePat %v", shared, q.samePat)
		}
		const n = 50 // more than one batch
		for i := range n {
			q.Arrive(int64(i), i%2)
		}
		k.RunUntil(1e9)
		ref := rng.New(1, 0, "p")
		for i := range n {
			d := &p1
			if i%2 == 1 {
				d = &p2
			}
			if want := d.Sample(ref); obs.waits[int64(i)] != want {
				t.Fatalf("shared %v: caller %d waited %v, want its patience %v", shared, i, obs.waits[int64(i)], want)
			}
		}
	}
}
