package queue

import (
	"testing"

	"github.com/outagesim/outagesim/sim/arrivals"
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

// TestStaffAreasOnly checks that a queue keeping only the staff time
// integrals keeps them exactly as a queue keeping all four does, and
// leaves the other two at zero.
func TestStaffAreasOnly(t *testing.T) {
	run := func(staffOnly bool) Stats {
		k := des.New()
		src := rng.Source{Seed: 3}
		rota := []Shift{{At: 3600, Staff: 4}, {At: 7200, Staff: 9}}
		cfg := Config{Name: "m", Classes: []Class{{Name: "calls", Service: exp(360), Patience: expP(300),
			RedialProb: 0.3, RedialDelay: expP(600)}}, Staff: 12, Rota: rota, StaffAreasOnly: staffOnly}
		q, err := New(k, cfg, Streams{Service: src.Stream("service"), Patience: src.Stream("patience"), Redial: src.Stream("redial")}, nil)
		if err != nil {
			t.Fatal(err)
		}
		p, err := arrivals.NewConstantProcess(150.0/3600, 0, 4*3600)
		if err != nil {
			t.Fatal(err)
		}
		NewFeeder(k, q, p, src.Stream("arrivals"), 0)
		k.RunUntil(4 * 3600)
		return q.Stats()
	}
	all, only := run(false), run(true)
	if all.AreaWaiting == 0 || all.AreaOrbit == 0 {
		t.Fatalf("the full run kept no waiting or orbit integral: %+v", all)
	}
	if only.AreaBusy != all.AreaBusy || only.AreaStaff != all.AreaStaff {
		t.Errorf("staff integrals %v, %v; want %v, %v", only.AreaBusy, only.AreaStaff, all.AreaBusy, all.AreaStaff)
	}
	if only.AreaWaiting != 0 || only.AreaOrbit != 0 {
		t.Errorf("StaffAreasOnly kept ∫waiting %v and ∫orbit %v", only.AreaWaiting, only.AreaOrbit)
	}
}
