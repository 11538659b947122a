package des

import (
	"fmt"
	"math"
)

// Event is one scheduled occurrence, handed to the Handler registered for
// its Target. Kind and Arg are the handler's to interpret (typically an event
// type and the index of the entity concerned).
type Event struct {
	Time   float64
	Target int32
	Kind   int32
	Arg    int32
}

// Handler reacts to the events addressed to it. A handler may schedule and
// cancel events on the kernel it is called from.
type Handler interface {
	Handle(k *Kernel, ev Event)
}

// Source is a stream of events at non-decreasing times that the kernel
// merges with its calendar without putting them in the heap: arrival
// processes, which are a third of all events in the urgent-care model and
// would otherwise each cost a push and a pop.
type Source interface {
	// Peek is the time of the source's next event (+Inf when it has none).
	// It must not change except through Fire.
	Peek() float64
	// Fire handles the event at Peek(), advances to the next, and returns
	// its time: Peek() after the call (the kernel reads it from here, a
	// call less an event).
	Fire(k *Kernel) float64
}

// Handle names a cancellable event. The zero Handle names no event.
type Handle struct {
	slot int32 // the event's index in the calendar's pool plus one; 0 means none
	gen  uint32
}

// Valid reports whether h was returned by ScheduleCancellable (it may since
// have fired or been cancelled).
func (h Handle) Valid() bool { return h.slot != 0 }

// Kernel is the event calendar and clock of one simulation run. It is not
// safe for concurrent use: run one kernel per replication.
type Kernel struct {
	now      float64
	cal      wheel
	handlers []Handler
	sources  []Source
	// srcQ holds the sources in the order they fire: by next time, as
	// its IEEE bits (which order non-negative times as the times do, with
	// -0 and +0 both 0), then by the order they were added. The fired
	// source, first, moves back past the sources due before its next
	// event: in an adastra-2022 outage run, ten sources, it moves past 3.3
	// on average (5.9 M firings), where a search for the earliest read all
	// ten (and a tournament tree's path was longer still). srcTime[i] is
	// source i's next time. srcMin is the earliest and srcT its time (from
	// srcTime, so that -0 stays -0), +Inf when none has an event.
	srcQ     []srcItem
	srcTime  []float64
	srcMin   int
	srcT     float64
	executed uint64
}

// srcItem is a source's place in srcQ: its next time's key and index.
type srcItem struct {
	key uint64
	i   int32
}

// before says a fires before b: earlier, or at the same time and added
// first. srcQ is kept in this order.
func (a srcItem) before(b srcItem) bool {
	return a.key < b.key || a.key == b.key && a.i < b.i
}

// New returns an empty kernel at time zero.
func New() *Kernel {
	k := &Kernel{srcT: math.Inf(1)}
	k.cal.reset()
	return k
}

// Now is the current simulation time.
func (k *Kernel) Now() float64 { return k.now }

// Len is the number of pending events.
func (k *Kernel) Len() int { return k.cal.n }

// Executed is the number of events dispatched so far.
func (k *Kernel) Executed() uint64 { return k.executed }

// Register adds a handler and returns the Target id to address it with.
func (k *Kernel) Register(h Handler) int32 {
	k.handlers = append(k.handlers, h)
	return int32(len(k.handlers) - 1)
}

// AddSource merges a source's events with the calendar's. At equal times
// calendar events run first, then sources in the order they were added.
func (k *Kernel) AddSource(s Source) {
	k.sources = append(k.sources, s)
	t := s.Peek()
	k.srcTime = append(k.srcTime, t)
	it := srcItem{key: sourceKey(t, k.now), i: int32(len(k.sources) - 1)}
	k.srcQ = append(k.srcQ, it)
	j := len(k.srcQ) - 1
	for ; j > 0 && it.before(k.srcQ[j-1]); j-- {
		k.srcQ[j] = k.srcQ[j-1]
	}
	k.srcQ[j] = it
	k.srcFirst()
}

// sourceKey is the key of a source's time t, which must not be before now:
// a key would put a negative time after +Inf, so it is checked here rather
// than when the source fires.
func sourceKey(t, now float64) uint64 {
	if !(t > 0 && t >= now) { // also rejects NaN
		return zeroKey(t, now)
	}
	return math.Float64bits(t)
}

// zeroKey is sourceKey's slow path, kept out of line so that sourceKey is
// inlined.
//
//go:noinline
func zeroKey(t, now float64) uint64 {
	if !(t >= now) {
		panic(fmt.Sprintf("des: source event at %v, before now %v", t, now))
	}
	return 0 // t is ±0, and -0's bits would put it after +Inf
}

// requeue puts the first source, which has just fired, back in srcQ with
// its next time t.
func (k *Kernel) requeue(t float64) {
	q := k.srcQ
	it := srcItem{key: sourceKey(t, k.now), i: q[0].i}
	j := 1
	for ; j < len(q) && q[j].before(it); j++ {
		q[j-1] = q[j]
	}
	q[j-1] = it
	k.srcFirst()
}

// srcFirst sets srcMin and srcT from the first of srcQ.
func (k *Kernel) srcFirst() {
	f := k.srcQ[0]
	k.srcMin, k.srcT = int(f.i), math.Float64frombits(f.key)
	if f.key == 0 {
		k.srcT = k.srcTime[f.i] // -0 stays -0
	}
}

// Reset empties the calendar and sets the clock to zero, keeping the
// registered handlers and the memory already allocated.
func (k *Kernel) Reset() {
	k.now, k.executed = 0, 0
	k.cal.reset()
	k.sources = k.sources[:0]
	k.srcQ = k.srcQ[:0]
	k.srcTime = k.srcTime[:0]
	k.srcMin, k.srcT = 0, math.Inf(1)
}

// Schedule adds an event at time t, which must not be in the past.
func (k *Kernel) Schedule(t float64, target, kind, arg int32) {
	k.push(t, target, kind, arg)
}

// ScheduleCancellable adds an event at time t and returns a handle that
// Cancel accepts until the event fires.
func (k *Kernel) ScheduleCancellable(t float64, target, kind, arg int32) Handle {
	i := k.push(t, target, kind, arg)
	return Handle{slot: i + 1, gen: k.cal.pool[i].gen}
}

// Cancel removes the event named by h from the calendar. It reports false,
// and does nothing, if the event has already fired or been cancelled.
func (k *Kernel) Cancel(h Handle) bool {
	if h.slot == 0 || !k.cal.pending(h.slot-1, h.gen) {
		return false
	}
	k.cal.remove(h.slot - 1)
	k.cal.release(h.slot - 1)
	return true
}

func (k *Kernel) push(t float64, target, kind, arg int32) int32 {
	if !(t >= k.now) { // also rejects NaN
		panic(fmt.Sprintf("des: event scheduled at %v, before now %v", t, k.now))
	}
	return k.cal.push(t, k.now, target, kind, arg)
}

// Next removes the earliest event, advances the clock to its time and
// returns it. It reports false when the calendar is empty.
func (k *Kernel) Next() (Event, bool) {
	if k.cal.n == 0 {
		return Event{}, false
	}
	top := &k.cal.pool[k.cal.pop()]
	k.now = top.time
	k.executed++
	return Event{Time: top.time, Target: top.target, Kind: top.kind, Arg: top.arg}, true
}

// PeekTime is the time of the earliest pending event, or +Inf if none.
func (k *Kernel) PeekTime() float64 {
	return k.cal.minT
}

// RunUntil dispatches events in time order (in the order they were
// scheduled at equal times) to their handlers,
// and sources' events in time order among them, until the next event would
// be later than until or there are none, then sets the clock to until (if
// it is later than now).
func (k *Kernel) RunUntil(until float64) {
	for {
		st := k.srcT
		if ct := k.cal.minT; ct <= st {
			// +Inf when the calendar is empty, but events can be due
			// at +Inf too.
			if ct > until || k.cal.n == 0 {
				break
			}
			ev, _ := k.Next()
			k.handlers[ev.Target].Handle(k, ev)
			continue
		}
		// st < ct, so a source has an event, and not before now
		// (sourceKey).
		if st > until {
			break
		}
		k.now = st
		k.executed++
		i := k.srcMin
		t := k.sources[i].Fire(k)
		k.srcTime[i] = t
		if len(k.srcQ) == 1 {
			// The only source is the earliest (a single-queue model):
			// what requeue would do, without its call. Measured against
			// requeue on the peer model: cachegrind even, the peer
			// command's median 7.70 against 7.52 M callers/s (17 runs).
			k.srcQ[0].key = sourceKey(t, k.now)
			k.srcT = t
		} else {
			k.requeue(t)
		}
	}
	if until > k.now && !math.IsInf(until, 1) {
		k.now = until
	}
}
