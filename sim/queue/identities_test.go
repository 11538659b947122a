package queue

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/sim/arrivals"
	"github.com/outagesim/outagesim/sim/des"
	"github.com/outagesim/outagesim/sim/dist"
	"github.com/outagesim/outagesim/sim/rng"
)

// ledger is an Observer that keeps its own books of every attempt, so the
// queue's running statistics can be checked against sums over callers
// (validation.md §2.5 SP1–SP4).
type ledger struct {
	k       *des.Kernel
	arrived map[int64]float64 // current attempt's arrival, by Ref
	orbitAt map[int64]float64 // when the caller went into orbit, by Ref
	// Sums within [0, T] of time in system, waiting, in service, in orbit.
	sojourn, wait, service, orbit float64
	end                           float64
	offered, settled              uint64
}

func newLedger(end float64) *ledger {
	return &ledger{end: end, arrived: map[int64]float64{}, orbitAt: map[int64]float64{}}
}

func (l *ledger) clip(from, to float64) float64 { return math.Min(to, l.end) - from }

func (l *ledger) Offered(_ *Queue, j *Job) {
	l.offered++
	l.arrived[j.Ref] = l.k.Now()
	if at, ok := l.orbitAt[j.Ref]; ok {
		l.orbit += l.k.Now() - at
		delete(l.orbitAt, j.Ref)
	}
}

func (l *ledger) Answered(_ *Queue, j *Job, wait, svc float64) float64 {
	l.wait += wait
	l.service += l.clip(l.k.Now(), l.k.Now()+svc)
	return svc
}

func (l *ledger) Completed(_ *Queue, j *Job) {
	l.sojourn += l.k.Now() - l.arrived[j.Ref]
	delete(l.arrived, j.Ref)
}

func (l *ledger) leave(j *Job, redial bool) {
	l.sojourn += l.k.Now() - l.arrived[j.Ref]
	delete(l.arrived, j.Ref)
	if redial {
		l.orbitAt[j.Ref] = l.k.Now()
	}
}

func (l *ledger) Abandoned(_ *Queue, j *Job, wait float64, redial bool) {
	l.wait += wait
	l.leave(j, redial)
}

func (l *ledger) Blocked(_ *Queue, j *Job, redial bool) { l.leave(j, redial) }

// close adds the partial times of those still present at the end.
func (l *ledger) close(q *Queue) {
	for i := range q.jobs {
		j := &q.jobs[i]
		switch j.state {
		case stWaiting:
			l.wait += l.end - j.Arrival
			l.sojourn += l.end - j.Arrival
		case stInService:
			l.sojourn += l.end - j.Arrival
		}
	}
	for _, at := range l.orbitAt {
		l.orbit += l.end - at
	}
}

func closeTo(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("%s: queue says %.12g, sum over callers %.12g", what, got, want)
	}
}

// busyQueue runs a queue with everything switched on: two priority classes,
// lognormal patience, gamma service, redials, a cap on lines and a
// changing rota. It stops at T while
// callers are still waiting, in service and in orbit.
func busyQueue(t *testing.T, seed uint64, obs Observer) (*des.Kernel, *Queue) {
	t.Helper()
	k := des.New()
	src := rng.Source{Seed: seed}
	patience := must(dist.LogNormal(240, 0.8))
	delay := must(dist.Exponential(600))
	cfg := Config{
		Name: "busy",
		Classes: []Class{
			{Name: "urgent", Service: must(dist.Gamma(480, 0.6)), Patience: &patience, Target: 60, RedialProb: 0.3, RedialDelay: &delay},
			{Name: "routine", Service: must(dist.LogNormal(600, 0.5)), Patience: &patience, Target: 60, RedialProb: 0.6, RedialDelay: &delay},
		},
		Staff:            6,
		Rota:             []Shift{{3600, 2}, {7200, 9}, {4 * 3600, 0}, {5 * 3600, 5}},
		MaxWaiting:       8,
		AbandonThreshold: 30,
	}
	if l, ok := obs.(*ledger); ok {
		l.k = k
	}
	q, err := New(k, cfg, Streams{Service: src.Stream("s"), Patience: src.Stream("p"), Redial: src.Stream("r")}, obs)
	if err != nil {
		t.Fatal(err)
	}
	for c, rate := range []float64{20.0 / 3600, 40.0 / 3600} {
		p, err := arrivals.NewConstantProcess(rate, 0, 8*3600)
		if err != nil {
			t.Fatal(err)
		}
		f := NewFeeder(k, q, p, src.Stream("a"+string(rune('0'+c))), c)
		f.n = int64(c) << 40 // distinct Refs per class
	}
	k.RunUntil(8 * 3600)
	return k, q
}

func TestSamplePathIdentities(t *testing.T) {
	const end = 8 * 3600
	for seed := range uint64(5) {
		l := newLedger(end)
		_, q := busyQueue(t, seed, l)
		l.close(q)
		s := q.Stats()
		// SP1: every call ends in exactly one state.
		if s.Offered != s.Answered+s.Abandoned+s.Blocked+uint64(q.Waiting()) {
			t.Errorf("seed %d: offered %d ≠ answered %d + abandoned %d + blocked %d + waiting %d",
				seed, s.Offered, s.Answered, s.Abandoned, s.Blocked, q.Waiting())
		}
		if s.Answered != s.Completed+uint64(q.Busy()) {
			t.Errorf("seed %d: answered %d ≠ completed %d + in service %d", seed, s.Answered, s.Completed, q.Busy())
		}
		if s.Offered != l.offered {
			t.Errorf("seed %d: offered %d, observer saw %d", seed, s.Offered, l.offered)
		}
		// SP4: every redial decision is a redial made or a caller in orbit.
		if s.RedialsScheduled != s.Redials+uint64(q.InOrbit()) {
			t.Errorf("seed %d: redial decisions %d ≠ redials %d + in orbit %d", seed, s.RedialsScheduled, s.Redials, q.InOrbit())
		}
		if s.Abandoned == 0 || s.Blocked == 0 || s.Redials == 0 || q.Waiting() == 0 || q.InOrbit() == 0 {
			t.Fatalf("seed %d: the run does not exercise every path: %+v waiting=%d orbit=%d", seed, s, q.Waiting(), q.InOrbit())
		}
		// SP2, SP3, SP4: time integrals equal sums over callers.
		closeTo(t, "∫N dt", s.AreaWaiting+s.AreaBusy, l.sojourn)
		closeTo(t, "∫Q dt", s.AreaWaiting, l.wait)
		closeTo(t, "∫busy dt", s.AreaBusy, l.service)
		closeTo(t, "∫M dt", s.AreaOrbit, l.orbit)
		var byClass ClassStats
		for _, c := range s.Classes {
			byClass.Offered += c.Offered
			byClass.Answered += c.Answered
			byClass.Abandoned += c.Abandoned
			byClass.Blocked += c.Blocked
		}
		if byClass.Offered != s.Offered || byClass.Answered != s.Answered || byClass.Abandoned != s.Abandoned || byClass.Blocked != s.Blocked {
			t.Errorf("seed %d: class totals %+v do not add up to %+v", seed, byClass, s)
		}
	}
}

func TestSameSeedSameResults(t *testing.T) {
	_, a := busyQueue(t, 42, nil)
	_, b := busyQueue(t, 42, nil)
	_, c := busyQueue(t, 43, nil)
	if !reflect.DeepEqual(a.Stats(), b.Stats()) {
		t.Fatal("the same seed gave different statistics")
	}
	if reflect.DeepEqual(a.Stats(), c.Stats()) {
		t.Fatal("different seeds gave identical statistics")
	}
}

// script offers jobs at given times: arrival i is (at[i], class[i]).
type script struct {
	q     *Queue
	at    []float64
	class []int
}

func (s *script) Handle(_ *des.Kernel, ev des.Event) { s.q.Arrive(int64(ev.Arg), s.class[ev.Arg]) }

func (s *script) start(k *des.Kernel) {
	id := k.Register(s)
	for i, tm := range s.at {
		k.Schedule(tm, id, 0, int32(i))
	}
}

// events records what happened to each job, as "start"/"done"/"abandon"
// with times, to check small deterministic cases by hand.
type events struct {
	NopObserver
	k   *des.Kernel
	log []string
}

func (e *events) add(what string, j *Job) {
	e.log = append(e.log, what+" "+string(rune('A'+j.Ref))+" "+ftime(e.k.Now()))
}
func (e *events) Answered(_ *Queue, j *Job, _, s float64) float64 { e.add("start", j); return s }
func (e *events) Completed(_ *Queue, j *Job)                      { e.add("done", j) }
func (e *events) Abandoned(_ *Queue, j *Job, _ float64, _ bool)   { e.add("abandon", j) }
func (e *events) Blocked(_ *Queue, j *Job, _ bool)                { e.add("blocked", j) }

func ftime(x float64) string { return fmt.Sprintf("t=%g", x) }

func TestSmallCasesByHand(t *testing.T) {
	patience1 := fixed(1)
	for _, tc := range []struct {
		name  string
		cfg   Config
		at    []float64
		class []int
		want  []string
	}{
		{
			// SP5 (simmer): two arrivals at 0, one server, service 2,
			// patience 1: B leaves unserved at 1, A finishes at 2.
			name:  "SP5 patience shorter than the first service",
			cfg:   Config{Classes: []Class{{Service: fixed(2), Patience: &patience1}}, Staff: 1},
			at:    []float64{0, 0},
			class: []int{0, 0},
			want:  []string{"start A t=0", "abandon B t=1", "done A t=2"},
		},
		{
			// Two staff leave at 5 but finish their calls at 10; C waits for
			// the one who comes on at 20.
			name:  "staff going off shift finish their call",
			cfg:   Config{Classes: []Class{{Service: fixed(10)}}, Staff: 2, Rota: []Shift{{5, 0}, {20, 1}}},
			at:    []float64{0, 0, 0},
			class: []int{0, 0, 0},
			want:  []string{"start A t=0", "start B t=0", "done A t=10", "done B t=10", "start C t=20", "done C t=30"},
		},
		{
			// C (class 0) arrives after B (class 1) but is served first.
			name:  "priority classes",
			cfg:   Config{Classes: []Class{{Service: fixed(10)}, {Service: fixed(10)}}, Staff: 1},
			at:    []float64{0, 1, 2, 3},
			class: []int{1, 1, 0, 0},
			want:  []string{"start A t=0", "done A t=10", "start C t=10", "done C t=20", "start D t=20", "done D t=30", "start B t=30", "done B t=40"},
		},
		{
			// One line: C is blocked while A is served and B waits.
			name:  "a full waiting room blocks",
			cfg:   Config{Classes: []Class{{Service: fixed(10)}}, Staff: 1, MaxWaiting: 1},
			at:    []float64{0, 1, 2},
			class: []int{0, 0, 0},
			want:  []string{"start A t=0", "blocked C t=2", "done A t=10", "start B t=10", "done B t=20"},
		},
		{
			// No staff until 5: jobs wait, then are served first come.
			name:  "rota adds staff",
			cfg:   Config{Classes: []Class{{Service: fixed(4)}}, Staff: 0, Rota: []Shift{{5, 2}}},
			at:    []float64{0, 1, 2},
			class: []int{0, 0, 0},
			want:  []string{"start A t=5", "start B t=5", "done A t=9", "start C t=9", "done B t=9", "done C t=13"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k := des.New()
			ev := &events{k: k}
			tc.cfg.Name = tc.name
			q, err := New(k, tc.cfg, Streams{Service: rng.New(1, 0, "s"), Patience: rng.New(1, 0, "p")}, ev)
			if err != nil {
				t.Fatal(err)
			}
			(&script{q: q, at: tc.at, class: tc.class}).start(k)
			k.RunUntil(100)
			if !reflect.DeepEqual(ev.log, tc.want) {
				t.Errorf("got  %q\nwant %q", ev.log, tc.want)
			}
		})
	}
}

func TestInvalidConfig(t *testing.T) {
	negative := Config{Name: "x", Classes: []Class{{Service: fixed(1), RedialProb: 1.5}}, Staff: -1,
		Rota: []Shift{{10, 1}, {5, -2}}}
	err := negative.Validate()
	if err == nil {
		t.Fatal("an invalid config passed")
	}
	for _, want := range []string{"redial probability 1.5", "staff -1", "rota[1]: time 5", "rota[1]: staff -2", "redial delay: required"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if err := (&Config{Name: "empty"}).Validate(); err == nil || !strings.Contains(err.Error(), "at least one class") {
		t.Errorf("a config without classes gave %v", err)
	}
	if _, err := New(des.New(), Config{Name: "ok", Classes: []Class{{Service: fixed(1)}}}, Streams{}, nil); err == nil {
		t.Error("New accepted a queue without a service stream")
	}
}

// TestMemoryDoesNotGrowWithCallers runs two million callers through the
// benchmark centre: the job pool and the kernel's slot table must stay at
// the size of the largest number present at once.
func TestMemoryDoesNotGrowWithCallers(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	m := model{lambda: 100.0 / 3600, service: exp(360), patience: expP(300), servers: 12, redialProb: 0.3, redialDelay: expP(600)}
	r := runModel(t, m, 5, 0, 0, 2e6/m.lambda)
	if r.stats.Offered < 2e6 {
		t.Fatalf("only %d callers", r.stats.Offered)
	}
	k := des.New()
	src := rng.Source{Seed: 5}
	q, _ := New(k, Config{Name: "m", Classes: []Class{{Service: exp(360), Patience: expP(300), RedialProb: 0.3, RedialDelay: expP(600)}}, Staff: 12},
		Streams{Service: src.Stream("service"), Patience: src.Stream("patience"), Redial: src.Stream("redial")}, nil)
	p, _ := arrivals.NewConstantProcess(m.lambda, 0, 2e6/m.lambda)
	NewFeeder(k, q, p, src.Stream("arrivals"), 0)
	k.RunUntil(2e6 / m.lambda)
	if len(q.jobs) > 500 || k.Len() > 500 {
		t.Fatalf("after %d callers the pool holds %d jobs and the calendar %d events", q.stats.Offered, len(q.jobs), k.Len())
	}
}
