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

// Handle names a cancellable event. The zero Handle names no event.
type Handle struct {
	slot int32 // index into Kernel.slots plus one; 0 means none
	gen  uint32
}

// Valid reports whether h was returned by ScheduleCancellable (it may since
// have fired or been cancelled).
func (h Handle) Valid() bool { return h.slot != 0 }

// entry is a heap element. slot is -1 for events that cannot be
// cancelled; gen is the slot's generation when the event was scheduled.
type entry struct {
	time float64
	seq  uint64
	tk   uint32 // target << 16 | kind: 32 bytes an entry, two to a cache line
	arg  int32
	slot int32
	gen  uint32
}

// slotInfo tracks a cancellable event. gen changes when the event fires or
// is cancelled, which makes its heap entry (and any old handle) stale.
type slotInfo struct {
	gen uint32
}

// arity is the heap's branching factor: a 4-ary heap has half the levels
// of a binary one and its children share a cache line or two, which
// matters when outages keep tens of thousands of patience timers pending.
const arity = 4

// minCompact is the smallest number of cancelled entries worth a rebuild.
const minCompact = 64

// Kernel is the event calendar and clock of one simulation run. It is not
// safe for concurrent use: run one kernel per replication.
//
// Cancelled events are not dug out of the heap: their entries go stale and
// are dropped when they reach the top, and the heap is rebuilt without
// them whenever they outnumber the live ones, so they never take more than
// half of it.
type Kernel struct {
	now      float64
	seq      uint64
	heap     []entry
	dead     int // stale entries in heap
	slots    []slotInfo
	free     []int32
	handlers []Handler
	executed uint64
}

// New returns an empty kernel at time zero.
func New() *Kernel { return &Kernel{} }

// Now is the current simulation time.
func (k *Kernel) Now() float64 { return k.now }

// Len is the number of pending events.
func (k *Kernel) Len() int { return len(k.heap) - k.dead }

// Executed is the number of events dispatched so far.
func (k *Kernel) Executed() uint64 { return k.executed }

// Register adds a handler and returns the Target id to address it with.
func (k *Kernel) Register(h Handler) int32 {
	k.handlers = append(k.handlers, h)
	return int32(len(k.handlers) - 1)
}

// Reset empties the calendar and sets the clock to zero, keeping the
// registered handlers and the memory already allocated.
func (k *Kernel) Reset() {
	k.now, k.seq, k.executed, k.dead = 0, 0, 0, 0
	k.heap = k.heap[:0]
	// Keep the slots' generations so that handles from before the reset
	// stay stale; every slot is free again.
	k.free = k.free[:0]
	for i := range k.slots {
		if !k.isFree(int32(i)) {
			k.slots[i].gen++
		}
		k.free = append(k.free, int32(i))
	}
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
		k.slots = append(k.slots, slotInfo{})
		s = int32(len(k.slots) - 1)
	}
	k.slots[s].gen++ // odd: in use
	k.push(t, target, kind, arg, s)
	return Handle{slot: s + 1, gen: k.slots[s].gen}
}

// Cancel removes the event named by h from the calendar. It reports false,
// and does nothing, if the event has already fired or been cancelled.
func (k *Kernel) Cancel(h Handle) bool {
	if h.slot == 0 {
		return false
	}
	s := h.slot - 1
	if int(s) >= len(k.slots) || k.slots[s].gen != h.gen || k.isFree(s) {
		return false
	}
	k.release(s)
	k.dead++
	if k.dead >= minCompact && 2*k.dead > len(k.heap) {
		k.compact()
	}
	return true
}

// release frees a slot, making its pending entry and handles stale.
func (k *Kernel) release(s int32) {
	k.slots[s].gen++
	k.free = append(k.free, s)
}

// isFree reports whether slot s holds no pending event. A slot's
// generation is even while it is free and odd while in use.
func (k *Kernel) isFree(s int32) bool { return k.slots[s].gen%2 == 0 }

// compact rebuilds the heap without its stale entries.
func (k *Kernel) compact() {
	live := k.heap[:0]
	for _, e := range k.heap {
		if e.slot < 0 || k.slots[e.slot].gen == e.gen {
			live = append(live, e)
		}
	}
	clear(k.heap[len(live):])
	k.heap = live
	k.dead = 0
	for i := (len(k.heap) - 2) / arity; i >= 0; i-- {
		k.down(i)
	}
}

func (k *Kernel) push(t float64, target, kind, arg, slot int32) {
	if !(t >= k.now) { // also rejects NaN
		panic(fmt.Sprintf("des: event scheduled at %v, before now %v", t, k.now))
	}
	k.seq++
	var gen uint32
	if slot >= 0 {
		gen = k.slots[slot].gen
	}
	if uint32(target) > 0xffff || uint32(kind) > 0xffff {
		panic(fmt.Sprintf("des: target %d or kind %d out of range [0, 65535]", target, kind))
	}
	k.heap = append(k.heap, entry{time: t, seq: k.seq, tk: uint32(target)<<16 | uint32(kind), arg: arg, slot: slot, gen: gen})
	k.up(len(k.heap) - 1)
}

// skipStale drops stale entries from the top of the heap.
func (k *Kernel) skipStale() {
	for len(k.heap) > 0 {
		e := &k.heap[0]
		if e.slot < 0 || k.slots[e.slot].gen == e.gen {
			return
		}
		k.pop()
		k.dead--
	}
}

// pop removes the top entry.
func (k *Kernel) pop() {
	last := len(k.heap) - 1
	k.heap[0] = k.heap[last]
	k.heap = k.heap[:last]
	if last > 0 {
		k.down(0)
	}
}

// Next removes the earliest event, advances the clock to its time and
// returns it. It reports false when the calendar is empty.
func (k *Kernel) Next() (Event, bool) {
	k.skipStale()
	if len(k.heap) == 0 {
		return Event{}, false
	}
	top := k.heap[0]
	if top.slot >= 0 {
		k.release(top.slot)
	}
	k.pop()
	k.now = top.time
	k.executed++
	return Event{Time: top.time, Target: int32(top.tk >> 16), Kind: int32(top.tk & 0xffff), Arg: top.arg}, true
}

// PeekTime is the time of the earliest pending event, or +Inf if none.
func (k *Kernel) PeekTime() float64 {
	k.skipStale()
	if len(k.heap) == 0 {
		return math.Inf(1)
	}
	return k.heap[0].time
}

// RunUntil dispatches events in (time, sequence) order to their handlers
// until the next event would be later than until or the calendar is empty,
// then sets the clock to until (if it is later than now).
func (k *Kernel) RunUntil(until float64) {
	for k.PeekTime() <= until {
		ev, _ := k.Next()
		k.handlers[ev.Target].Handle(k, ev)
	}
	if until > k.now && !math.IsInf(until, 1) {
		k.now = until
	}
}

func less(a, b *entry) bool {
	if a.time != b.time {
		return a.time < b.time
	}
	return a.seq < b.seq
}

func (k *Kernel) up(i int) {
	h := k.heap
	e := h[i]
	for i > 0 {
		p := (i - 1) / arity
		if !less(&e, &h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = e
}

func (k *Kernel) down(i int) {
	h := k.heap
	n := len(h)
	e := h[i]
	for {
		c := arity*i + 1
		if c >= n {
			break
		}
		// The least of up to four children.
		best := c
		for j := c + 1; j < c+arity && j < n; j++ {
			if less(&h[j], &h[best]) {
				best = j
			}
		}
		if !less(&h[best], &e) {
			break
		}
		h[i] = h[best]
		i = best
	}
	h[i] = e
}
