package des

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// refEvent is an event of the reference calendar: a slice kept sorted by
// (time, seq), the order the kernel must reproduce.
type refEvent struct {
	time float64
	seq  int32
	h    Handle
}

func refCmp(a, b refEvent) int {
	if c := cmp.Compare(a.time, b.time); c != 0 {
		return c
	}
	return cmp.Compare(a.seq, b.seq)
}

// gapFor draws how far ahead of now an event goes, from a mix that stresses
// the calendar: equal times, tiny and huge gaps, times far beyond the ring
// (at any bucket width it adapts to) and the far end of float64.
func gapFor(r *rand.Rand, phase int) float64 {
	switch r.IntN(20) {
	case 0:
		return 0 // ties with now
	case 1:
		return float64(r.IntN(4)) // coarse, so equal times are common
	case 2:
		return 1e-9 * float64(r.IntN(3))
	case 3:
		return math.Ldexp(r.Float64(), r.IntN(40)) // up to 10^12 ahead
	case 4:
		return 1e300
	case 5:
		if r.IntN(50) == 0 {
			return math.Inf(1)
		}
		return 3600
	}
	// The bulk: exponential gaps whose scale changes with the phase, so
	// the bucket width is re-chosen in both directions.
	return r.ExpFloat64() * math.Ldexp(1, 3*phase-12)
}

// TestWheelMatchesSortedReference drives the kernel and a sorted reference
// through long random mixes of scheduling, cancellable scheduling,
// cancelling (pending, fired and stale handles), taking out, PeekTime and
// Reset, and checks that both give the same events in the same order.
func TestWheelMatchesSortedReference(t *testing.T) {
	for seed := range uint64(4) {
		r := rand.New(rand.NewPCG(seed, 99))
		k := New()
		id := k.Register(&recorder{})
		var ref []refEvent
		var stale []Handle // handles of events that fired or were cancelled
		seq := int32(0)
		phase := 0
		steps := 400_000
		if testing.Short() {
			steps = 100_000
		}
		for step := range steps {
			if step%20_000 == 0 {
				phase = r.IntN(8)
			}
			// Grow the calendar to a few thousand, then drain it.
			pushBias := 6
			if len(ref) > 3000 || (step/50_000)%2 == 1 {
				pushBias = 3
			}
			switch op := r.IntN(10); {
			case op < pushBias:
				seq++
				tm := k.Now() + gapFor(r, phase)
				var h Handle
				if r.IntN(2) == 0 {
					h = k.ScheduleCancellable(tm, id, 0, seq)
				} else {
					k.Schedule(tm, id, 0, seq)
				}
				e := refEvent{tm, seq, h}
				i, _ := slices.BinarySearchFunc(ref, e, refCmp)
				ref = slices.Insert(ref, i, e)
			case op == 6 && len(ref) > 0:
				i := r.IntN(len(ref))
				if !ref[i].h.Valid() {
					continue
				}
				if !k.Cancel(ref[i].h) {
					t.Fatalf("seed %d step %d: cancel of pending event %d failed", seed, step, ref[i].seq)
				}
				stale = append(stale, ref[i].h)
				ref = slices.Delete(ref, i, i+1)
			case op == 7 && len(stale) > 0:
				if h := stale[r.IntN(len(stale))]; k.Cancel(h) {
					t.Fatalf("seed %d step %d: a stale handle cancelled an event", seed, step)
				}
			case op == 8 && r.IntN(3) == 0:
				// Move the clock without taking anything out, as sources
				// and RunUntil do: the ring then lags behind it.
				until := k.Now() + r.ExpFloat64()*math.Ldexp(1, 3*phase-10)
				if len(ref) > 0 && until >= ref[0].time {
					continue
				}
				k.RunUntil(until)
			case op == 8 && r.IntN(5000) == 0:
				k.Reset()
				ref = ref[:0]
				for _, h := range stale[max(0, len(stale)-10):] {
					if k.Cancel(h) {
						t.Fatalf("seed %d step %d: a handle from before Reset cancelled an event", seed, step)
					}
				}
			default:
				want := math.Inf(1)
				if len(ref) > 0 {
					want = ref[0].time
				}
				if got := k.PeekTime(); got != want {
					t.Fatalf("seed %d step %d: PeekTime %v, want %v", seed, step, got, want)
				}
				ev, ok := k.Next()
				if ok != (len(ref) > 0) {
					t.Fatalf("seed %d step %d: Next ok=%v with %d pending", seed, step, ok, len(ref))
				}
				if !ok {
					continue
				}
				if ev.Time != ref[0].time || ev.Arg != ref[0].seq {
					t.Fatalf("seed %d step %d: took out (%v, %d), want (%v, %d)", seed, step, ev.Time, ev.Arg, ref[0].time, ref[0].seq)
				}
				if ref[0].h.Valid() {
					stale = append(stale, ref[0].h)
				}
				ref = ref[1:]
				if math.IsInf(k.Now(), 1) || k.Now() > 1e200 {
					// Far times are checked; start afresh so the run
					// keeps exercising ordinary ones.
					k.Reset()
					ref = ref[:0]
				}
			}
			if len(stale) > 1000 {
				stale = stale[500:]
			}
			if k.Len() != len(ref) {
				t.Fatalf("seed %d step %d: kernel holds %d, reference %d", seed, step, k.Len(), len(ref))
			}
		}
	}
}

// steady is a handler that keeps a calendar of a fixed size over a long
// run, as a call centre does: each event schedules its successor and a
// patience timer, and cancels the previous timer.
type steady struct {
	r     *rand.Rand
	timer []Handle
	scale float64
}

func (s *steady) Handle(k *Kernel, ev Event) {
	if ev.Kind == 1 {
		return // a timer that ran out
	}
	k.Cancel(s.timer[ev.Arg])
	s.timer[ev.Arg] = k.ScheduleCancellable(k.Now()+s.r.ExpFloat64()*s.scale*3, ev.Target, 1, ev.Arg)
	gap := s.r.ExpFloat64() * s.scale
	if s.r.IntN(100) == 0 {
		gap *= 1e4 // now and then far ahead, through the heap
	}
	k.Schedule(k.Now()+gap, ev.Target, 0, ev.Arg)
}

// TestMemoryStaysBounded runs millions of events through a calendar of 500
// chains whose time scale changes, and checks that the calendar's storage
// is sized by what is pending, not by how many events went through.
func TestMemoryStaysBounded(t *testing.T) {
	const chains = 500
	k := New()
	s := &steady{r: rand.New(rand.NewPCG(5, 5)), timer: make([]Handle, chains)}
	id := k.Register(s)
	for i := range chains {
		k.Schedule(float64(i), id, 0, int32(i))
	}
	caps := func() (pool, over, free, scratch int) {
		return cap(k.cal.pool), cap(k.cal.over), cap(k.cal.free), cap(k.cal.scratch)
	}
	var first [4]int
	for round := range 40 {
		s.scale = math.Ldexp(1, round%8-2)
		for range 100_000 {
			ev, _ := k.Next()
			s.Handle(k, ev)
		}
		if round == 4 {
			first[0], first[1], first[2], first[3] = caps()
		}
	}
	// At most two events per chain are pending (its next event and its
	// timer), plus the timers that ran out... which are gone: 2 × chains,
	// and append's doubling on top.
	pool, over, free, scratch := caps()
	for _, c := range []struct {
		name        string
		got, before int
	}{{"pool", pool, first[0]}, {"overflow heap", over, first[1]}, {"free list", free, first[2]}, {"scratch", scratch, first[3]}} {
		if c.got > 4*chains {
			t.Errorf("%s capacity %d after 4M events, want at most %d", c.name, c.got, 4*chains)
		}
		if c.got > 2*c.before && c.got > 64 {
			t.Errorf("%s capacity grew from %d to %d during the run", c.name, c.before, c.got)
		}
	}
}

// TestCrowdedBucket puts many events into one bucket (equal times, times a
// hair apart and one earlier than all), cancels some of them, the earliest
// included, and checks that PeekTime and the order taken out follow (time,
// schedule order) throughout.
func TestCrowdedBucket(t *testing.T) {
	k := New()
	id := k.Register(&recorder{})
	var ref []refEvent
	r := rand.New(rand.NewPCG(3, 3))
	for seq := int32(1); seq <= 300; seq++ {
		tm := 5.0
		switch seq % 4 {
		case 1:
			tm += 1e-9 * float64(r.IntN(5))
		case 2:
			tm -= 1e-9 * float64(r.IntN(5))
		}
		if seq == 250 {
			tm = 4 // earlier than everything so far: the new earliest
		}
		h := k.ScheduleCancellable(tm, id, 0, seq)
		ref = append(ref, refEvent{tm, seq, h})
	}
	slices.SortFunc(ref, refCmp)
	check := func(when string) {
		t.Helper()
		if got := k.PeekTime(); got != ref[0].time {
			t.Fatalf("%s: PeekTime %v, want %v", when, got, ref[0].time)
		}
	}
	check("after scheduling")
	// Cancel the earliest, then every seventh.
	for i := 0; i < len(ref); i += 7 {
		if !k.Cancel(ref[i].h) {
			t.Fatalf("cancel of %d failed", ref[i].seq)
		}
		ref = slices.Delete(ref, i, i+1)
		check(fmt.Sprintf("after cancelling the entry at %d", i))
	}
	for step := 1; len(ref) > 0; step++ {
		ev, ok := k.Next()
		if !ok || ev.Time != ref[0].time || ev.Arg != ref[0].seq {
			t.Fatalf("took out (%v, %d, %v), want (%v, %d)", ev.Time, ev.Arg, ok, ref[0].time, ref[0].seq)
		}
		ref = ref[1:]
		if len(ref) > 0 {
			check("after taking one out")
			// An event due now, scheduled now, comes after those
			// already due now.
			if step%50 == 0 {
				h := k.ScheduleCancellable(k.Now(), id, 0, 1000+int32(step))
				e := refEvent{k.Now(), 1000 + int32(step), h}
				i, _ := slices.BinarySearchFunc(ref, e, func(a, b refEvent) int {
					// seq 1000+ was scheduled after all of 1..300
					if c := cmp.Compare(a.time, b.time); c != 0 {
						return c
					}
					return cmp.Compare(a.seq, b.seq)
				})
				ref = slices.Insert(ref, i, e)
			}
		}
	}
	if k.Len() != 0 || !math.IsInf(k.PeekTime(), 1) {
		t.Fatalf("after draining: len %d, PeekTime %v", k.Len(), k.PeekTime())
	}
}

// TestTiesAcrossRingAndHeap drives equal times through each place they can
// wait, checking that they run in the order they were scheduled: the ring
// keeps ties by its lists' order, the heap by its items' numbers, and an
// entry may move from one to the other (advance, rebuild).
func TestTiesAcrossRingAndHeap(t *testing.T) {
	// drain runs k to the end and returns the args in the order they ran.
	drain := func(k *Kernel) []int32 {
		var got []int32
		for {
			ev, ok := k.Next()
			if !ok {
				return got
			}
			got = append(got, ev.Arg)
		}
	}
	cases := []struct {
		name string
		run  func(k *Kernel, id int32) []int32
		want []int32
	}{
		{"far times share the last bucket", func(k *Kernel, id int32) []int32 {
			for i, tm := range []float64{1e300, math.Inf(1), 1e300, math.Inf(1), 1e300} {
				k.Schedule(tm, id, 0, int32(i))
			}
			return drain(k)
		}, []int32{0, 2, 4, 1, 3}},
		{"ties in the heap", func(k *Kernel, id int32) []int32 {
			// The ring covers 4,096 buckets of 1 s at the start.
			for i := range int32(3) {
				k.Schedule(5000, id, 0, i)
			}
			if k.cal.over[0].time != 5000 || len(k.cal.over) != 3 {
				t.Fatalf("the events at 5000 are not in the heap: %d there", len(k.cal.over))
			}
			return drain(k)
		}, []int32{0, 1, 2}},
		{"a tie moved into the ring before the next is scheduled", func(k *Kernel, id int32) []int32 {
			k.Schedule(5000, id, 0, 0) // into the heap
			k.Schedule(2000, id, 0, 9)
			if ev, _ := k.Next(); ev.Arg != 9 {
				t.Fatalf("ran %d first, want 9", ev.Arg)
			}
			if len(k.cal.over) != 0 {
				t.Fatal("advancing to 2000 left the event at 5000 in the heap")
			}
			k.Schedule(5000, id, 0, 1) // into the ring, behind it
			k.Schedule(5000, id, 0, 2)
			return drain(k)
		}, []int32{0, 1, 2}},
		{"ties moved from the ring into the heap by a rebuild", func(k *Kernel, id int32) []int32 {
			k.Schedule(100, id, 0, 0)
			k.Schedule(100, id, 0, 1)
			k.Schedule(50, id, 0, 7)
			// Buckets of 2^-20 s: the ring now covers under 4 ms, so all
			// three go to the heap, numbered in order.
			k.cal.rebuild(1<<20, k.Now())
			if len(k.cal.over) != 3 {
				t.Fatalf("%d events in the heap after the rebuild, want 3", len(k.cal.over))
			}
			k.Schedule(100, id, 0, 2)
			k.Schedule(50, id, 0, 8)
			return drain(k)
		}, []int32{7, 8, 0, 1, 2}},
		{"ties moved from the heap into the ring by a rebuild", func(k *Kernel, id int32) []int32 {
			for i := range int32(3) {
				k.Schedule(9000, id, 0, i)
			}
			k.cal.rebuild(1.0/16, k.Now()) // buckets of 16 s: 9000 is in the ring
			if len(k.cal.over) != 0 {
				t.Fatal("the rebuild left events in the heap")
			}
			k.Schedule(9000, id, 0, 3)
			return drain(k)
		}, []int32{0, 1, 2, 3}},
		{"ties moved from the heap into the empty ring by a catch-up", func(k *Kernel, id int32) []int32 {
			// Into the heap; the clock then moves on with nothing run,
			// and scheduling far ahead brings the ring up to it.
			k.Schedule(5000, id, 0, 0)
			k.Schedule(5000, id, 0, 1)
			k.Schedule(5000.5, id, 0, 2)
			k.Schedule(5000, id, 0, 3)
			k.RunUntil(3000)
			k.Schedule(8000, id, 0, 4)
			if len(k.cal.over) != 1 {
				t.Fatalf("%d events in the heap after the catch-up, want 1", len(k.cal.over))
			}
			k.Schedule(5000, id, 0, 5)
			return drain(k)
		}, []int32{0, 1, 3, 5, 2, 4}},
		{"the middle of three heap ties cancelled", func(k *Kernel, id int32) []int32 {
			var hs []Handle
			for i := range int32(3) {
				hs = append(hs, k.ScheduleCancellable(5000, id, 0, i))
			}
			if !k.Cancel(hs[1]) {
				t.Fatal("cancel failed")
			}
			k.Schedule(5000, id, 0, 3)
			return drain(k)
		}, []int32{0, 2, 3}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k := New()
			id := k.Register(&recorder{})
			if got := c.run(k, id); !slices.Equal(got, c.want) {
				t.Errorf("ran %v, want %v", got, c.want)
			}
		})
	}
}
