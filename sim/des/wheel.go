package des

import (
	"math"
	"math/bits"
)

// wheel is the calendar: a timing wheel (a calendar queue) in front of a
// binary heap.
//
// Time is cut into buckets of one width; an event's bucket number is
// ⌊t/width⌋, which is monotone in t, so a lower bucket holds only earlier
// events and equal times share a bucket. The wheel keeps the wheelSize
// buckets from cur, the bucket of the clock or earlier, in a ring indexed by
// the low bits of the bucket number; events further ahead wait in the
// overflow heap and move into the ring as cur advances. The earliest event
// is in the first non-empty bucket from cur, found with a two-level bitmap,
// and is the least (time, seq) of that bucket's few entries.
//
// Why this shape: in an outage run the calendar holds thousands of events,
// most due within the hour, and a few leave per simulated second; a bucket
// of a second holds a handful, so scheduling is a link into a list and
// taking the earliest event a bitmap search and a scan of a few entries,
// where the radix heap it replaced moved each event about six times between
// its buckets. The peer model's calendar holds a dozen events seconds to
// minutes apart: the bitmap skips the empty buckets between them 64 at a
// time. The width follows the workload (see adapt).
//
// Entries live in one pool and are reused from a free list, so memory grows
// only with the number of events pending at once. An entry's pool index is
// also its cancellation handle: its links (or its heap position) say where
// it is, so Cancel unlinks it at once, and its generation, bumped every time
// the entry is released, makes old handles stale. (Splitting the pool into
// the links and time that the lists touch and the rest cost more in
// scheduling than it saved in the scans.)
type wheel struct {
	pool []entry
	free []int32 // released pool entries, reused last-in first-out (warm in cache)
	n    int     // pending events, in the ring and the heap
	ring int     // pending events in the ring
	cur  uint64  // the ring's first bucket number; ≤ the clock's bucket
	// heads[b&wheelMask] is the first entry of bucket b (-1 when empty);
	// used has bit i set when word i of occupied is non-zero, and occupied
	// bit b&wheelMask when bucket b is non-empty.
	heads    [wheelSize]int32
	occupied [wheelSize / 64]uint64
	used     uint64
	over     []int32 // the overflow heap, ordered by (time, seq)
	// invW is 1/width of a bucket, a power of two so bucket edges are
	// exact. It follows the mean gap between the events taken out: see
	// adapt.
	invW       float64
	pops       int     // events taken out since batchStart
	batchStart float64 // the time of the first of them
	scratch    []int32 // rebuild's list of pending entries
	// What the width costs, counted over the batch: entries scanned past
	// the first in the buckets that came up, and events scheduled into the
	// heap. boost doubles the width that many times (see adapt).
	scanned, heaped int
	boost           int
	// The earliest entry, kept between peeks (the kernel peeks before
	// every event, sources included) and checked against each new entry.
	minOK bool
	min   int32
}

const (
	// wheelSize buckets, with 16 KB of heads. used has a bit per word of
	// occupied, so at most 64 × 64 (a larger ring measured no better).
	wheelSize = 1 << 12
	wheelMask = wheelSize - 1
	// The bucket width starts at a second (the model's unit) and is
	// re-chosen every adaptEvery events taken out as a power of two near
	// wheelSpread times their mean gap, when it is off by more than a factor
	// of four, within [minWidth, maxWidth]: a bucket then holds a few events
	// when its turn comes, and the ring covers a few thousand gaps ahead.
	// These were chosen by measurement (docs/performance.md).
	initialInvW = 1.0
	adaptEvery  = 1024
	wheelSpread = 2.0
	// boost's thresholds: events scheduled into the heap, and entries
	// scanned past the first, per event taken out.
	boostHeaped  = 0.1
	boostScanned = 4.0
	maxBoost     = 3
	minWidth     = 1.0 / (1 << 20)
	maxWidth     = 1 << 20
	// farBucket is where times beyond 2^62 buckets (up to +Inf) go. They
	// share it, and its scan compares their actual times, so their order is
	// still exact.
	farBucket = uint64(1) << 62
)

// The two-level bitmap holds at most 64 × 64 buckets.
const _ = uint(64*64 - wheelSize)

// entry is a calendar element, in the wheel's pool.
type entry struct {
	time   float64
	seq    uint64
	target int32
	kind   int32
	arg    int32
	gen    uint32 // bumped when released: a Handle's gen must match
	next   int32  // the bucket's list, -1 at its end
	prev   int32  // -1 at its head
	heap   int32  // position in the overflow heap, -1 when in the ring
}

// bucketOf is the number of t's bucket (t ≥ 0).
func (w *wheel) bucketOf(t float64) uint64 {
	x := t * w.invW
	if !(x < float64(farBucket)) {
		return farBucket
	}
	return uint64(int64(x)) // one instruction, where uint64(x) takes a dozen
}

func (w *wheel) reset() {
	w.pool = w.pool[:0]
	w.free = w.free[:0]
	w.over = w.over[:0]
	w.n, w.ring, w.cur, w.minOK = 0, 0, 0, false
	w.pops, w.batchStart, w.heaped, w.scanned = 0, 0, 0, 0
	if w.invW == 0 {
		// A reset kernel keeps the width it learnt: the next run of the
		// same model wants the same.
		w.invW = initialInvW
	}
	for i := range w.heads {
		w.heads[i] = -1
	}
	w.occupied = [wheelSize / 64]uint64{}
	w.used = 0
}

// alloc returns a free pool entry. An entry taken again from beyond the
// pool's length after a reset gets a new generation too, so a handle from
// before the reset cannot cancel its new event.
func (w *wheel) alloc() int32 {
	if n := len(w.free); n > 0 {
		i := w.free[n-1]
		w.free = w.free[:n-1]
		return i
	}
	n := len(w.pool)
	if n < cap(w.pool) {
		w.pool = w.pool[:n+1]
		w.pool[n].gen++
	} else {
		w.pool = append(w.pool, entry{})
	}
	return int32(n)
}

// release returns entry i to the free list with a new generation.
func (w *wheel) release(i int32) {
	w.pool[i].gen++
	w.free = append(w.free, i)
}

// pending reports whether entry i is the event that handle generation gen
// was given for, still in the calendar.
func (w *wheel) pending(i int32, gen uint32) bool {
	return int(i) < len(w.pool) && w.pool[i].gen == gen
}

// push adds an event at t ≥ now and returns its pool index.
func (w *wheel) push(t, now float64, seq uint64, target, kind, arg int32) int32 {
	i := w.alloc()
	e := &w.pool[i]
	e.time, e.seq, e.target, e.kind, e.arg = t, seq, target, kind, arg
	b := w.bucketOf(t)
	if b-w.cur >= wheelSize {
		// The ring may be behind the clock (sources and RunUntil move it
		// without taking events out): catching up may make room.
		if c := w.bucketOf(now); c > w.cur {
			w.advance(c)
		}
	}
	if b-w.cur < wheelSize {
		w.link(i, b)
	} else {
		w.heapPush(i)
		w.heaped++
	}
	w.n++
	if w.minOK && less(e, &w.pool[w.min]) {
		w.min = i
	}
	return i
}

// link puts entry i at the head of bucket b's list.
func (w *wheel) link(i int32, b uint64) {
	r := b & wheelMask
	e := &w.pool[i]
	h := w.heads[r]
	e.next, e.prev, e.heap = h, -1, -1
	if h >= 0 {
		w.pool[h].prev = i
	} else {
		w.occupied[r>>6] |= 1 << (r & 63)
		w.used |= 1 << (r >> 6)
	}
	w.heads[r] = i
	w.ring++
}

// unlink takes entry i out of its bucket's list.
func (w *wheel) unlink(i int32) {
	e := &w.pool[i]
	if e.next >= 0 {
		w.pool[e.next].prev = e.prev
	}
	if e.prev >= 0 {
		w.pool[e.prev].next = e.next
	} else {
		r := w.bucketOf(e.time) & wheelMask
		w.heads[r] = e.next
		if e.next < 0 {
			w.occupied[r>>6] &^= 1 << (r & 63)
			if w.occupied[r>>6] == 0 {
				w.used &^= 1 << (r >> 6)
			}
		}
	}
	w.ring--
}

// advance moves the ring's start to bucket c (no pending event is earlier)
// and brings in the overflow events that are now inside the ring.
func (w *wheel) advance(c uint64) {
	w.cur = c
	for len(w.over) > 0 {
		i := w.over[0]
		b := w.bucketOf(w.pool[i].time)
		if b-c >= wheelSize {
			break
		}
		w.heapPop()
		w.link(i, b)
	}
}

// first is the ring position of the first non-empty bucket from cur; the
// ring must not be empty. Positions from cur's around to the end and then
// from 0 are buckets in increasing order.
func (w *wheel) first() uint64 {
	p := w.cur & wheelMask
	wd := p >> 6
	if m := w.occupied[wd] & (^uint64(0) << (p & 63)); m != 0 {
		return wd<<6 | uint64(bits.TrailingZeros64(m))
	}
	u := w.used & (^uint64(0) << (wd + 1))
	if u == 0 {
		u = w.used
	}
	wd = uint64(bits.TrailingZeros64(u))
	return wd<<6 | uint64(bits.TrailingZeros64(w.occupied[wd]))
}

// peek returns the pool index of the earliest entry; the calendar must not
// be empty.
func (w *wheel) peek() int32 {
	if w.minOK {
		return w.min
	}
	var m int32
	if w.ring == 0 {
		m = w.over[0]
	} else {
		m = w.heads[w.first()]
		n := 0
		for i := w.pool[m].next; i >= 0; i = w.pool[i].next {
			if less(&w.pool[i], &w.pool[m]) {
				m = i
			}
			n++
		}
		w.scanned += n
	}
	w.min, w.minOK = m, true
	return m
}

// pop removes the earliest entry and returns its pool index, released but
// still holding the event until the next push (read it before that, rather
// than copy it out); the calendar must not be empty. Its time becomes the
// clock's, so the ring can start at its bucket.
func (w *wheel) pop() int32 {
	i := w.peek()
	w.remove(i)
	w.release(i)
	t := w.pool[i].time
	if b := w.bucketOf(t); b > w.cur {
		w.advance(b)
	}
	if w.pops++; w.pops == adaptEvery {
		w.adapt(t)
	}
	return i
}

// adapt re-chooses the bucket width from the mean gap between the last
// adaptEvery events taken out, the last at now. A fixed width suits one
// workload only: an outage run takes out a few events a second at its
// daytime peak and far fewer at night, the peer model one every twenty
// seconds, the benchmarks a thousand per unit of time. Too wide, and the
// buckets fill up and are scanned at length; too narrow, and the ring
// covers too little, so most events go through the heap.
//
// The mean gap is not the whole story: with thousands of events pending
// whose lifetimes are long next to the gap (the benchmark's 4,096 chains),
// a ring of a few thousand gaps covers too little of them and a third go
// through the heap. Then the width is doubled (boost), up to three times,
// while the heap takes more than a tenth of the events scheduled and the
// scans stay short, and halved again if the scans grow long. An outage run
// and the peer model put too few events in the heap to be boosted.
func (w *wheel) adapt(now float64) {
	gap := (now - w.batchStart) / adaptEvery
	heaped, scanned := float64(w.heaped)/adaptEvery, float64(w.scanned)/adaptEvery
	w.pops, w.batchStart, w.heaped, w.scanned = 0, now, 0, 0
	boost := w.boost
	switch {
	case heaped > boostHeaped && scanned < boostScanned && boost < maxBoost:
		boost++
	case scanned > 2*boostScanned && boost > 0:
		boost--
	}
	width := min(max(math.Ldexp(gap*wheelSpread, boost), minWidth), maxWidth)
	_, e := math.Frexp(width) // width is in [2^(e-1), 2^e)
	invW := math.Ldexp(1, 1-e)
	if r := invW / w.invW; r < 4 && r > 0.25 && boost == w.boost {
		return
	}
	w.boost = boost
	w.rebuild(invW, now)
}

// rebuild sets the width to 1/invW and puts every pending event (none
// before now) where the new width wants it.
func (w *wheel) rebuild(invW, now float64) {
	es := w.scratch[:0]
	for r, h := range w.heads {
		for i := h; i >= 0; i = w.pool[i].next {
			es = append(es, i)
		}
		w.heads[r] = -1
	}
	es = append(es, w.over...)
	w.over = w.over[:0]
	w.occupied = [wheelSize / 64]uint64{}
	w.used, w.ring = 0, 0
	w.invW = invW
	w.cur = w.bucketOf(now)
	for _, i := range es {
		if b := w.bucketOf(w.pool[i].time); b-w.cur < wheelSize {
			w.link(i, b)
		} else {
			w.heapPush(i)
		}
	}
	w.scratch = es[:0]
}

// remove takes pending entry i out of the calendar (without releasing it).
func (w *wheel) remove(i int32) {
	if h := w.pool[i].heap; h >= 0 {
		w.heapRemove(int(h))
	} else {
		w.unlink(i)
	}
	w.n--
	if w.minOK && w.min == i {
		w.minOK = false
	}
}

// The overflow heap is a binary min-heap of pool indices; each entry knows
// its position so Cancel can remove it from the middle.

func (w *wheel) heapLess(a, b int) bool { return less(&w.pool[w.over[a]], &w.pool[w.over[b]]) }

func (w *wheel) heapSwap(a, b int) {
	w.over[a], w.over[b] = w.over[b], w.over[a]
	w.pool[w.over[a]].heap = int32(a)
	w.pool[w.over[b]].heap = int32(b)
}

func (w *wheel) heapPush(i int32) {
	w.over = append(w.over, i)
	h := len(w.over) - 1
	w.pool[i].heap = int32(h)
	w.heapUp(h)
}

func (w *wheel) heapPop() { w.heapRemove(0) }

func (w *wheel) heapRemove(h int) {
	last := len(w.over) - 1
	if h != last {
		w.heapSwap(h, last)
	}
	w.over = w.over[:last]
	if h != last {
		w.heapDown(h)
		w.heapUp(h)
	}
}

func (w *wheel) heapUp(h int) {
	for h > 0 {
		p := (h - 1) / 2
		if !w.heapLess(h, p) {
			break
		}
		w.heapSwap(h, p)
		h = p
	}
}

func (w *wheel) heapDown(h int) {
	n := len(w.over)
	for {
		c := 2*h + 1
		if c >= n {
			return
		}
		if c+1 < n && w.heapLess(c+1, c) {
			c++
		}
		if !w.heapLess(c, h) {
			return
		}
		w.heapSwap(h, c)
		h = c
	}
}

func less(a, b *entry) bool {
	if a.time != b.time {
		return a.time < b.time
	}
	return a.seq < b.seq
}
