package des

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// recorder is a Handler that remembers what it was given.
type recorder struct{ got []Event }

func (r *recorder) Handle(_ *Kernel, ev Event) { r.got = append(r.got, ev) }

func TestSimultaneousEventsRunInScheduleOrder(t *testing.T) {
	k := New()
	rec := &recorder{}
	id := k.Register(rec)
	// Three events at t=5 scheduled in the order 1,2,3 must run in that
	// order whatever else is in the heap; the t=1 event runs first.
	k.Schedule(5, id, 0, 1)
	k.Schedule(9, id, 0, 9)
	k.Schedule(5, id, 0, 2)
	k.Schedule(1, id, 0, 0)
	k.Schedule(5, id, 0, 3)
	k.RunUntil(6)
	var args []int32
	for _, ev := range rec.got {
		args = append(args, ev.Arg)
	}
	if want := []int32{0, 1, 2, 3}; !slices.Equal(args, want) {
		t.Fatalf("dispatch order %v, want %v", args, want)
	}
	if k.Now() != 6 || k.Len() != 1 || k.PeekTime() != 9 {
		t.Fatalf("after RunUntil(6): now=%v len=%d peek=%v, want 6, 1, 9", k.Now(), k.Len(), k.PeekTime())
	}
}

func TestCancel(t *testing.T) {
	k := New()
	rec := &recorder{}
	id := k.Register(rec)
	a := k.ScheduleCancellable(3, id, 0, 1)
	b := k.ScheduleCancellable(4, id, 0, 2)
	k.Schedule(2, id, 0, 0)
	if !k.Cancel(a) {
		t.Fatal("cancel of a pending event reported false")
	}
	if k.Cancel(a) {
		t.Fatal("second cancel of the same event reported true")
	}
	k.RunUntil(10)
	if len(rec.got) != 2 || rec.got[0].Arg != 0 || rec.got[1].Arg != 2 {
		t.Fatalf("got %v, want the t=2 and t=4 events only", rec.got)
	}
	if k.Cancel(b) {
		t.Fatal("cancel of an event that already fired reported true")
	}
	if k.Cancel(Handle{}) {
		t.Fatal("cancel of the zero handle reported true")
	}
	// A slot reused by a new event must not be cancellable through the old
	// handle of the event that used it before.
	c := k.ScheduleCancellable(11, id, 0, 3)
	if k.Cancel(b) || k.Cancel(a) {
		t.Fatal("a stale handle cancelled a reused slot")
	}
	if !k.Cancel(c) {
		t.Fatal("cancel of the new event failed")
	}
}

func TestCancelledEventsDoNotPileUp(t *testing.T) {
	k := New()
	id := k.Register(&recorder{})
	// A million patience timers, each cancelled soon after: the heap must
	// hold only the live ones and the slot table must stay small.
	var live []Handle
	for i := range 1_000_000 {
		live = append(live, k.ScheduleCancellable(float64(i)+300, id, 0, int32(i)))
		if len(live) > 10 {
			if !k.Cancel(live[0]) {
				t.Fatal("cancel failed")
			}
			live = live[1:]
		}
	}
	if k.Len() != 10 {
		t.Fatalf("heap holds %d events, want the 10 live ones", k.Len())
	}
	if len(k.cal.pool) > 11 {
		t.Fatalf("pool grew to %d, want at most 11", len(k.cal.pool))
	}
}

// TestMatchesReference drives the kernel with random schedule, cancel and
// pop operations and checks every pop against a sorted reference list.
func TestMatchesReference(t *testing.T) {
	type ref struct {
		time float64
		seq  int
		h    Handle
	}
	r := rand.New(rand.NewPCG(1, 2))
	k := New()
	id := k.Register(&recorder{})
	var pending []ref
	seq := 0
	for step := range 200_000 {
		switch op := r.IntN(10); {
		case op < 5:
			seq++
			tm := k.Now() + float64(r.IntN(50)) // coarse times force ties
			// Plain and cancellable events must come out in one
			// (time, seq) order.
			var h Handle
			if r.IntN(2) == 0 {
				h = k.ScheduleCancellable(tm, id, 0, int32(seq))
			} else {
				k.Schedule(tm, id, 0, int32(seq))
			}
			pending = append(pending, ref{tm, seq, h})
		case op < 7 && len(pending) > 0:
			i := r.IntN(len(pending))
			if !pending[i].h.Valid() {
				if k.Cancel(pending[i].h) {
					t.Fatal("the zero handle cancelled something")
				}
				continue
			}
			if !k.Cancel(pending[i].h) {
				t.Fatalf("step %d: cancel of pending event %d failed", step, pending[i].seq)
			}
			pending = slices.Delete(pending, i, i+1)
		default:
			ev, ok := k.Next()
			if ok != (len(pending) > 0) {
				t.Fatalf("step %d: Next ok=%v with %d pending", step, ok, len(pending))
			}
			if !ok {
				continue
			}
			best := 0
			for i, p := range pending {
				if p.time < pending[best].time || (p.time == pending[best].time && p.seq < pending[best].seq) {
					best = i
				}
			}
			if ev.Arg != int32(pending[best].seq) || ev.Time != pending[best].time {
				t.Fatalf("step %d: popped (%v, %d), want (%v, %d)", step, ev.Time, ev.Arg, pending[best].time, pending[best].seq)
			}
			pending = slices.Delete(pending, best, best+1)
		}
		if k.Len() != len(pending) {
			t.Fatalf("step %d: kernel holds %d, reference %d", step, k.Len(), len(pending))
		}
	}
}

func TestScheduleInThePastPanics(t *testing.T) {
	k := New()
	id := k.Register(&recorder{})
	k.Schedule(5, id, 0, 0)
	k.RunUntil(5)
	defer func() {
		if recover() == nil {
			t.Fatal("scheduling before now did not panic")
		}
	}()
	k.Schedule(4, id, 0, 0)
}

func TestReset(t *testing.T) {
	k := New()
	rec := &recorder{}
	id := k.Register(rec)
	h := k.ScheduleCancellable(3, id, 0, 0)
	k.Schedule(1, id, 0, 0)
	k.RunUntil(2)
	k.Reset()
	if k.Now() != 0 || k.Len() != 0 || k.Executed() != 0 {
		t.Fatalf("after Reset: now=%v len=%d executed=%d", k.Now(), k.Len(), k.Executed())
	}
	if k.Cancel(h) {
		t.Fatal("a handle from before Reset cancelled something")
	}
	k.Schedule(1, id, 0, 7)
	k.RunUntil(1)
	if got := rec.got[len(rec.got)-1].Arg; got != 7 {
		t.Fatalf("handler still registered after Reset should see arg 7, got %d", got)
	}
}

// hold is the classic "hold" benchmark handler: every event schedules its
// successor a random time ahead, so the calendar size stays constant.
type hold struct {
	r      *rand.Rand
	cancel bool
	h      Handle
}

func (h *hold) Handle(k *Kernel, ev Event) {
	t := k.Now() + h.r.ExpFloat64()
	if h.cancel {
		// Schedule a timer and cancel the previous one, as a call centre
		// does with patience timers.
		k.Cancel(h.h)
		h.h = k.ScheduleCancellable(t+h.r.ExpFloat64(), ev.Target, 1, ev.Arg)
	}
	k.Schedule(t, ev.Target, 0, ev.Arg)
}

func benchmarkHold(b *testing.B, size int, cancel bool) {
	k := New()
	h := &hold{r: rand.New(rand.NewPCG(1, 1)), cancel: cancel}
	id := k.Register(h)
	for i := range size {
		k.Schedule(h.r.ExpFloat64(), id, 0, int32(i))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		ev, _ := k.Next()
		h.Handle(k, ev)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkKernel measures events dispatched per second with a calendar of
// 32, 1024 or 4096 pending events, with and without a cancelled timer per
// event (4096 with timers is an outage run's daytime peak).
func BenchmarkKernel(b *testing.B) {
	for _, bc := range []struct {
		name   string
		size   int
		cancel bool
	}{
		{"pending=32", 32, false},
		{"pending=1024", 1024, false},
		{"pending=32/cancel", 32, true},
		{"pending=4096/cancel", 4096, true},
	} {
		b.Run(bc.name, func(b *testing.B) { benchmarkHold(b, bc.size, bc.cancel) })
	}
}

// ticker is a Source firing at start, start+step, ... up to n times.
type ticker struct {
	at, step float64
	n        int
	name     string
	log      *[]string
}

func (s *ticker) Peek() float64 {
	if s.n == 0 {
		return math.Inf(1)
	}
	return s.at
}

func (s *ticker) Fire(k *Kernel) float64 {
	*s.log = append(*s.log, fmt.Sprintf("%s@%g", s.name, k.Now()))
	s.at += s.step
	s.n--
	return s.Peek()
}

type logger struct{ log *[]string }

func (l logger) Handle(k *Kernel, ev Event) {
	*l.log = append(*l.log, fmt.Sprintf("e%d@%g", ev.Arg, k.Now()))
}

func TestSourcesMergeWithTheCalendar(t *testing.T) {
	var log []string
	k := New()
	id := k.Register(logger{&log})
	k.AddSource(&ticker{at: 1, step: 2, n: 3, name: "a", log: &log}) // 1, 3, 5
	k.AddSource(&ticker{at: 2, step: 3, n: 2, name: "b", log: &log}) // 2, 5
	k.Schedule(3, id, 0, 1)                                          // ties with a@3: calendar first
	k.Schedule(5, id, 0, 2)                                          // ties with a@5 and b@5
	k.Schedule(0.5, id, 0, 0)
	k.RunUntil(4)
	if k.Now() != 4 {
		t.Errorf("now %v after RunUntil(4)", k.Now())
	}
	k.RunUntil(10)
	want := []string{"e0@0.5", "a@1", "b@2", "e1@3", "a@3", "e2@5", "a@5", "b@5"}
	if !slices.Equal(log, want) {
		t.Errorf("order %v, want %v", log, want)
	}
	if k.Executed() != 8 {
		t.Errorf("executed %d, want 8", k.Executed())
	}
}

// TestSourcesAfterReset reuses one kernel for runs with fewer, then more
// sources than before (a model's kernel is reset for every replication),
// with ties among them and with the calendar, and a source added after the
// clock has moved.
func TestSourcesAfterReset(t *testing.T) {
	var log []string
	k := New()
	id := k.Register(logger{&log})
	type src struct {
		at, step float64
		n        int
	}
	runs := []struct {
		srcs  []src
		until float64
		want  []string
	}{
		{[]src{{1, 1, 3}, {1, 2, 2}, {2, 1, 2}}, 2.5,
			[]string{"e0@0.5", "s0@1", "s1@1", "s0@2", "s2@2"}},
		{[]src{{3, 1, 2}}, math.Inf(1),
			[]string{"e0@0.5", "s0@3", "s0@4"}},
		{[]src{{2, 1, 2}, {1, 1, 2}, {2, 0, 2}, {1, 3, 1}, {0, 2, 2}}, math.Inf(1),
			[]string{"s4@0", "e0@0.5", "s1@1", "s3@1", "s0@2", "s1@2", "s2@2", "s2@2", "s4@2", "s0@3"}},
	}
	for r, run := range runs {
		k.Reset()
		log = log[:0]
		k.Schedule(0.5, id, 0, 0)
		for i, s := range run.srcs {
			k.AddSource(&ticker{at: s.at, step: s.step, n: s.n, name: fmt.Sprintf("s%d", i), log: &log})
		}
		k.RunUntil(run.until)
		if !slices.Equal(log, run.want) {
			t.Errorf("run %d: order %v, want %v", r, log, run.want)
		}
	}
	// A source added at 2.5, after the clock moved, with one due at 3
	// already: the new one at 3 runs after it, the calendar's first.
	k.Reset()
	log = log[:0]
	k.AddSource(&ticker{at: 3, step: 1, n: 1, name: "old", log: &log})
	k.RunUntil(2.5)
	k.Schedule(3, id, 0, 7)
	k.AddSource(&ticker{at: 3, step: 1, n: 2, name: "new", log: &log})
	k.RunUntil(math.Inf(1))
	if want := []string{"e7@3", "old@3", "new@3", "new@4"}; !slices.Equal(log, want) {
		t.Errorf("added after the start: order %v, want %v", log, want)
	}
}

// world is the behaviour TestSourcesMatchReference runs on the kernel and
// on a reference: calendar events and source events each log themselves
// and may schedule a calendar event a coarse time ahead (so times tie),
// drawing from one stream in the order the events run.
type world struct {
	r    *rand.Rand
	log  []string
	args int32
}

func (w *world) react(now float64, schedule func(t float64, arg int32)) {
	if w.r.IntN(2) == 0 {
		w.args++
		schedule(now+float64(w.r.IntN(3)), w.args)
	}
}

type worldHandler struct{ w *world }

func (h worldHandler) Handle(k *Kernel, ev Event) {
	h.w.log = append(h.w.log, fmt.Sprintf("e%d@%g", ev.Arg, k.Now()))
	h.w.react(k.Now(), func(t float64, arg int32) { k.Schedule(t, ev.Target, 0, arg) })
}

// worldSource fires n times, steps of 0, 1 or 2 apart.
type worldSource struct {
	w   *world
	id  int
	at  float64
	n   int
	tgt int32
}

func (s *worldSource) Peek() float64 {
	if s.n == 0 {
		return math.Inf(1)
	}
	return s.at
}

func (s *worldSource) Fire(k *Kernel) float64 {
	s.w.log = append(s.w.log, fmt.Sprintf("s%d@%g", s.id, k.Now()))
	s.w.react(k.Now(), func(t float64, arg int32) { k.Schedule(t, s.tgt, 0, arg) })
	s.at += float64(s.w.r.IntN(3))
	s.n--
	return s.Peek()
}

// TestSourcesMatchReference runs random sources and calendar events, with
// many equal times, through the kernel and through a plain reference merge
// (the earliest time; at equal times calendar events in schedule order,
// then sources in the order added) and compares what ran, in order.
func TestSourcesMatchReference(t *testing.T) {
	for seed := range uint64(20) {
		nsrc := 1 + int(seed)%13
		// The kernel.
		kw := &world{r: rand.New(rand.NewPCG(seed, 7))}
		k := New()
		id := k.Register(worldHandler{kw})
		// The reference: the same draws, merged by hand.
		rw := &world{r: rand.New(rand.NewPCG(seed, 7))}
		var cal []refEvent
		type refSrc struct {
			at float64
			n  int
		}
		srcs := make([]refSrc, nsrc)
		setup := rand.New(rand.NewPCG(seed, 8))
		for i := range nsrc {
			at, n := float64(setup.IntN(4)), setup.IntN(200)
			if i == 0 {
				at = math.Copysign(0, -1) // -0 is a time too
			}
			k.AddSource(&worldSource{w: kw, id: i, at: at, n: n, tgt: id})
			srcs[i] = refSrc{at, n}
		}
		for i := range int32(5) {
			tm := float64(setup.IntN(4))
			k.Schedule(tm, id, 0, -i)
			cal = append(cal, refEvent{time: tm, seq: -i})
		}
		seq := int32(-100) // the reference orders by seq; its values only need to grow
		for i := range cal {
			cal[i].seq = seq + int32(i)
		}
		seq += int32(len(cal))
		slices.SortStableFunc(cal, refCmp)
		argOf := map[int32]int32{} // reference seq → the event's arg
		for i := range int32(5) {
			argOf[-100+i] = -i
		}
		now := 0.0
		for _, until := range []float64{0, 0.5, 3, 3, 50, math.Inf(1)} {
			k.RunUntil(until)
			for {
				si, st := -1, math.Inf(1)
				for i, s := range srcs {
					if s.n > 0 && s.at < st {
						si, st = i, s.at
					}
				}
				if len(cal) > 0 && cal[0].time <= st && cal[0].time <= until {
					e := cal[0]
					cal = cal[1:]
					now = e.time
					rw.log = append(rw.log, fmt.Sprintf("e%d@%g", argOf[e.seq], now))
				} else if si >= 0 && st <= until {
					now = st
					rw.log = append(rw.log, fmt.Sprintf("s%d@%g", si, now))
				} else {
					break
				}
				rw.react(now, func(tm float64, arg int32) {
					e := refEvent{time: tm, seq: seq}
					argOf[seq] = arg
					seq++
					i, _ := slices.BinarySearchFunc(cal, e, refCmp)
					cal = slices.Insert(cal, i, e)
				})
				if strings.HasPrefix(rw.log[len(rw.log)-1], "s") {
					srcs[si].at += float64(rw.r.IntN(3))
					srcs[si].n--
				}
			}
			if !slices.Equal(kw.log, rw.log) {
				for i := range min(len(kw.log), len(rw.log)) {
					if kw.log[i] != rw.log[i] {
						t.Fatalf("seed %d until %v: event %d is %s, want %s", seed, until, i, kw.log[i], rw.log[i])
					}
				}
				t.Fatalf("seed %d until %v: %d events ran, want %d", seed, until, len(kw.log), len(rw.log))
			}
			if want := max(now, until); !math.IsInf(until, 1) && k.Now() != want {
				t.Fatalf("seed %d: now %v after RunUntil(%v), want %v", seed, k.Now(), until, want)
			}
		}
		if len(kw.log) < 20 {
			t.Fatalf("seed %d: only %d events ran", seed, len(kw.log))
		}
	}
}

func TestSourceBeforeNowPanics(t *testing.T) {
	k := New()
	k.Register(&recorder{})
	k.RunUntil(5)
	var log []string
	defer func() {
		if recover() == nil {
			t.Fatal("a source whose next event is before now did not panic")
		}
	}()
	k.AddSource(&ticker{at: 4, step: 1, n: 1, name: "late", log: &log})
}
