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
	// Fire handles the event at Peek() and advances to the next.
	Fire(k *Kernel)
}

// Handle names a cancellable event. The zero Handle names no event.
type Handle struct {
	slot int32 // index into Kernel.slots plus one; 0 means none
	gen  uint32
}

// Valid reports whether h was returned by ScheduleCancellable (it may since
// have fired or been cancelled).
func (h Handle) Valid() bool { return h.slot != 0 }

// entry is a calendar element. slot is -1 for events that cannot be
// cancelled.
type entry struct {
	time   float64
	seq    uint64
	target int32
	kind   int32
	arg    int32
	slot   int32
}

// Kernel is the event calendar and clock of one simulation run. It is not
// safe for concurrent use: run one kernel per replication.
type Kernel struct {
	now      float64
	seq      uint64
	cal      radix
	free     []int32 // released slots of cancellable events
	handlers []Handler
	sources  []Source
	srcTime  []float64 // each source's Peek, refreshed when it fires
	srcMin   int       // the earliest source, -1 for none
	executed uint64
}

// New returns an empty kernel at time zero.
func New() *Kernel { return &Kernel{srcMin: -1} }

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
	k.srcTime = append(k.srcTime, s.Peek())
	k.findSource()
}

// findSource caches the earliest source. A source's time changes only when
// it fires, so this runs after source events, not after every event.
func (k *Kernel) findSource() {
	k.srcMin = -1
	best := math.Inf(1)
	for i, t := range k.srcTime {
		if t < best {
			k.srcMin, best = i, t
		}
	}
}

// Reset empties the calendar and sets the clock to zero, keeping the
// registered handlers and the memory already allocated.
func (k *Kernel) Reset() {
	k.now, k.seq, k.executed = 0, 0, 0
	k.cal.reset()
	k.free = k.free[:0]
	k.sources = k.sources[:0]
	k.srcTime = k.srcTime[:0]
	k.srcMin = -1
}

// Schedule adds an event at time t, which must not be in the past.
func (k *Kernel) Schedule(t float64, target, kind, arg int32) {
	k.push(t, target, kind, arg, -1)
}

// ScheduleCancellable adds an event at time t and returns a handle that
// Cancel accepts until the event fires.
func (k *Kernel) ScheduleCancellable(t float64, target, kind, arg int32) Handle {
	var s int32
	if n := len(k.free); n > 0 {
		s = k.free[n-1]
		k.free = k.free[:n-1]
	} else {
		k.cal.slots = append(k.cal.slots, slotInfo{})
		s = int32(len(k.cal.slots) - 1)
	}
	k.push(t, target, kind, arg, s)
	return Handle{slot: s + 1, gen: k.cal.slots[s].gen}
}

// Cancel removes the event named by h from the calendar. It reports false,
// and does nothing, if the event has already fired or been cancelled.
func (k *Kernel) Cancel(h Handle) bool {
	if h.slot == 0 {
		return false
	}
	s := h.slot - 1
	if int(s) >= len(k.cal.slots) || k.cal.slots[s].gen != h.gen || k.cal.slots[s].bucket < 0 {
		return false
	}
	k.cal.remove(s)
	k.release(s)
	return true
}

// release frees a cancellable event's slot once it has fired or been
// cancelled; the new generation makes its old handle stale.
func (k *Kernel) release(s int32) {
	k.cal.slots[s].bucket = -1
	k.cal.slots[s].gen++
	k.free = append(k.free, s)
}

func (k *Kernel) push(t float64, target, kind, arg, slot int32) {
	if !(t >= k.now) { // also rejects NaN
		panic(fmt.Sprintf("des: event scheduled at %v, before now %v", t, k.now))
	}
	k.seq++
	k.cal.push(entry{time: t, seq: k.seq, target: target, kind: kind, arg: arg, slot: slot})
}

// Next removes the earliest event, advances the clock to its time and
// returns it. It reports false when the calendar is empty.
func (k *Kernel) Next() (Event, bool) {
	if k.cal.n == 0 {
		return Event{}, false
	}
	top := k.cal.pop()
	if top.slot >= 0 {
		k.release(top.slot)
	}
	k.now = top.time
	k.executed++
	return Event{Time: top.time, Target: top.target, Kind: top.kind, Arg: top.arg}, true
}

// PeekTime is the time of the earliest pending event, or +Inf if none.
func (k *Kernel) PeekTime() float64 {
	if k.cal.n == 0 {
		return math.Inf(1)
	}
	return k.cal.min().time
}

// RunUntil dispatches events in (time, sequence) order to their handlers,
// and sources' events in time order among them, until the next event would
// be later than until or there are none, then sets the clock to until (if
// it is later than now).
func (k *Kernel) RunUntil(until float64) {
	for {
		st := math.Inf(1)
		if k.srcMin >= 0 {
			st = k.srcTime[k.srcMin]
		}
		if k.cal.n > 0 && k.cal.min().time <= st {
			if k.cal.min().time > until {
				break
			}
			ev, _ := k.Next()
			k.handlers[ev.Target].Handle(k, ev)
			continue
		}
		if st > until || k.srcMin < 0 {
			break
		}
		if !(st >= k.now) {
			panic(fmt.Sprintf("des: source event at %v, before now %v", st, k.now))
		}
		k.now = st
		k.executed++
		i := k.srcMin
		k.sources[i].Fire(k)
		k.srcTime[i] = k.sources[i].Peek()
		k.findSource()
	}
	if until > k.now && !math.IsInf(until, 1) {
		k.now = until
	}
}
