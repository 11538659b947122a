package des

import (
	"math"
	"math/bits"
	"unsafe"
)

// wheel is the calendar: a timing wheel (a calendar queue) in front of a
// binary heap.
//
// Time is cut into buckets of one width; an event's bucket number is
// ⌊t/width⌋, which is monotone in t, so a lower bucket holds only earlier
// events and equal times share a bucket. The wheel keeps the wheelSize
// buckets from cur, the bucket of the clock or earlier, in a ring indexed by
// the low bits of the bucket number; events further ahead wait in the
// overflow heap and move into the ring as cur advances. Each bucket is a
// list, put in time order when it is the first non-empty bucket from cur
// (found with a two-level bitmap), so the earliest event heads it.
//
// Events at equal times run in the order they were scheduled. In the ring
// that order is the lists' own, and equal times share a bucket, so they are
// always all in the ring or all in the heap. Until a bucket is sorted an
// insertion goes at its head, so the latest scheduled of equal times comes
// first, and settle sorts it stably from there; once sorted, an insertion
// goes after every entry at its time or earlier. Only the heap needs a
// sequence number to break ties, so only its items carry one, and an entry
// is 32 bytes, two to a cache line.
//
// Why this shape: in an outage run the calendar holds thousands of events,
// most due within the hour, and a few leave per simulated second; a bucket
// of a second holds a handful, so scheduling is an insertion into a short
// list and taking the earliest event a bitmap search, where the radix heap
// it replaced moved each event about six times between its buckets. The
// peer model's calendar holds a dozen events seconds to minutes apart: the
// bitmap skips the empty buckets between them 64 at a time. The width
// follows the workload (see adapt).
//
// The lists are sorted once, when their turn comes, rather than searched
// for their least each time one is taken out, and rather than kept sorted
// from the start: an insertion into a bucket not yet due loads nothing of
// the entries there, where a sorted insertion loaded the head's time (an
// entry last touched minutes of simulated time before), and the entries a
// sort reads are the next taken out. Sorting at the turn made a 13-week
// outage run about 5% faster in paired wall times (docs/performance.md).
// The earliest event is then known as soon as the previous one leaves
// (min), without a scan. A bucket that holds min alone counts as sorted
// without a mark until something else is put in it (insert), as most
// buckets hold one event when their turn comes.
//
// The lists are singly linked: an event taken out is always a head, and
// Cancel (a third as frequent as scheduling) walks its short bucket to find
// the entry before it, which is cheaper than keeping back links current on
// every insertion.
//
// Entries live in one pool and are reused from a free list, so memory grows
// only with the number of events pending at once. An entry's pool index is
// also its cancellation handle: its bucket (from its time) or its heap
// position says where it is, so Cancel takes it out at once, and its
// generation, bumped every time the entry is released, makes old handles
// stale. (Splitting the pool into the links and time that the lists touch
// and the rest cost more in scheduling than it saved in the scans.)
type wheel struct {
	pool []entry
	free []int32 // released pool entries, reused last-in first-out (warm in cache)
	n    int     // pending events, in the ring and the heap
	ring int     // pending events in the ring
	cur  uint64  // the ring's first bucket number; ≤ the clock's bucket
	// heads[b&wheelMask] is the first entry of bucket b (-1 when empty),
	// with sortedFlag when its list is in time order (see settle);
	// used has bit i set when word i of occupied is non-zero, and occupied
	// bit b&wheelMask when bucket b is non-empty.
	heads    [wheelSize]int32
	occupied [wheelSize / 64]uint64
	used     uint64
	over     []heapItem // the overflow heap, ordered by (time, seq)
	// seq numbers the heap's items in the order they went in: an entry
	// put in the heap is the latest scheduled at its time, and rebuild
	// moves entries in their order.
	seq uint64
	// invW is 1/width of a bucket, a power of two so bucket edges are
	// exact. It follows the mean gap between the events taken out: see
	// adapt.
	invW       float64
	pops       int     // events taken out since batchStart
	batchStart float64 // the time of the first of them
	scratch    []int32 // rebuild's list of pending entries
	// What the width costs, counted over the batch: entries walked past by
	// insertions into sorted buckets and by settle's sorts, and events
	// scheduled into the heap. boost doubles the width that many times
	// (see adapt).
	scanned, heaped int
	boost           int
	// min is the earliest pending entry (-1 when none) and minT its time
	// (+Inf when none), kept current by every change: the kernel compares
	// minT with the sources' earliest before every event.
	min  int32
	minT float64
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
	// These were chosen by measurement (docs/performance.md). A bucket's
	// list is walked, one dependent load per entry, when settle sorts it
	// and by insertions once it is sorted: half a gap per bucket (rather
	// than two) made a 13-week outage run 2.7% faster and the peer model
	// 7.5%, in paired wall times, though cachegrind's weights see only
	// 0.9% (session 5); a quarter of a gap was slower (session 9). Both
	// were measured while every insertion walked its bucket, before
	// buckets were sorted at their turn (session 10).
	initialInvW = 1.0
	adaptEvery  = 1024
	wheelSpread = 0.5
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
	// sortedFlag marks a bucket head whose list is sorted. Pool indices
	// stay below it (alloc).
	sortedFlag = 1 << 30
)

// The two-level bitmap holds at most 64 × 64 buckets.
const _ = uint(64*64 - wheelSize)

// entry is a calendar element, in the wheel's pool.
type entry struct {
	time   float64
	target int32
	kind   int32
	arg    int32
	gen    uint32 // bumped when released: a Handle's gen must match
	next   int32  // the bucket's next entry, -1 at its end
	heap   int32  // position in the overflow heap, -1 when in the ring
}

// heapItem is an entry in the overflow heap, with the key it is ordered by
// (so that comparisons do not visit the pool).
type heapItem struct {
	time float64
	seq  uint64
	i    int32
}

// The pool's entries are 32 bytes, so that none straddles a cache line.
const _ = uint(32 - unsafe.Sizeof(entry{}))
const _ = uint(unsafe.Sizeof(entry{}) - 32)

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
	w.n, w.ring, w.cur, w.seq = 0, 0, 0, 0
	w.min, w.minT = -1, math.Inf(1)
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
		if n >= sortedFlag {
			panic("des: more than 2^30 events pending")
		}
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
func (w *wheel) push(t, now float64, target, kind, arg int32) int32 {
	i := w.alloc()
	e := &w.pool[i]
	e.time, e.target, e.kind, e.arg = t, target, kind, arg
	b := w.bucketOf(t)
	if b-w.cur >= wheelSize {
		// The ring may be behind the clock (sources and RunUntil move it
		// without taking events out): catching up may make room.
		if c := w.bucketOf(now); c > w.cur {
			w.advance(c)
		}
	}
	if b-w.cur < wheelSize {
		w.insert(i, b)
	} else {
		w.heapPush(i)
		w.heaped++
	}
	w.n++
	// It is the latest scheduled, so an equal time does not make it the
	// earliest.
	if t < w.minT || w.n == 1 {
		w.min, w.minT = i, t
		// It heads its bucket: the bucket held nothing earlier, and
		// if it held min, it was sorted (insert).
	}
	return i
}

// insert puts entry i into bucket b's list: at its head when the bucket
// is not sorted (so that, among entries at one time, the latest scheduled
// comes first there), else after the entries at its time or earlier,
// which were scheduled before it.
func (w *wheel) insert(i int32, b uint64) {
	r := b & wheelMask
	e := &w.pool[i]
	e.heap = -1
	w.ring++
	p := w.heads[r]
	if p < 0 {
		e.next = -1
		w.heads[r] = i
		w.occupied[r>>6] |= 1 << (r & 63)
		w.used |= 1 << (r >> 6)
		return
	}
	if p&sortedFlag == 0 {
		if p != w.min {
			e.next = p
			w.heads[r] = i
			return
		}
		// min's bucket, holding min alone: sorted from now on.
		w.heads[r] = p | sortedFlag
	}
	p &^= sortedFlag
	t := e.time
	if t < w.pool[p].time {
		e.next = p
		w.heads[r] = i | sortedFlag
	} else {
		q := w.pool[p].next
		for q >= 0 && w.pool[q].time <= t {
			p, q = q, w.pool[q].next
			w.scanned++
		}
		e.next = q
		w.pool[p].next = i
	}
}

// settle sorts the list of ring position r, which is not sorted and has
// two entries or more, by time, keeping scheduling order among equal
// times, marks it sorted and returns its head (why only now: see wheel).
//
// The list is an insertion sort's input read in list order, where the
// latest scheduled of equal times comes first: each entry goes before the
// sorted entries at its time or later. Events are mostly scheduled in time
// order, so the list is mostly in reverse and each entry goes at the head.
func (w *wheel) settle(r uint64) int32 {
	s := w.heads[r]
	i := w.pool[s].next
	w.pool[s].next = -1
	for i >= 0 {
		e := &w.pool[i]
		nx, t := e.next, e.time
		if t <= w.pool[s].time {
			e.next, s = s, i
		} else {
			p := s
			q := w.pool[p].next
			for q >= 0 && w.pool[q].time < t {
				p, q = q, w.pool[q].next
				w.scanned++
			}
			e.next = q
			w.pool[p].next = i
		}
		i = nx
	}
	w.heads[r] = s | sortedFlag
	return s
}

// unlink takes entry i, in the ring, out of its bucket's list.
func (w *wheel) unlink(i int32) {
	e := &w.pool[i]
	r := w.bucketOf(e.time) & wheelMask
	h := w.heads[r]
	if p := h &^ sortedFlag; p != i {
		for q := w.pool[p].next; q != i; q = w.pool[q].next {
			p = q
		}
		w.pool[p].next = e.next
	} else {
		w.popHead(r, e.next, h&sortedFlag)
	}
	w.ring--
}

// popHead makes next the head of ring position r in place of its head,
// with flag (sortedFlag or 0) if the bucket is not left empty.
func (w *wheel) popHead(r uint64, next, flag int32) {
	if next >= 0 {
		w.heads[r] = next | flag
	} else {
		w.heads[r] = -1
		w.occupied[r>>6] &^= 1 << (r & 63)
		if w.occupied[r>>6] == 0 {
			w.used &^= 1 << (r >> 6)
		}
	}
}

// advance moves the ring's start to bucket c (no pending event is earlier)
// and brings in the overflow events that are now inside the ring.
func (w *wheel) advance(c uint64) {
	w.cur = c
	for len(w.over) > 0 {
		b := w.bucketOf(w.over[0].time)
		if b-c >= wheelSize {
			break
		}
		i := w.over[0].i
		w.heapPop()
		w.insert(i, b)
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

// findMin sets min and minT to the earliest pending entry: the head of the
// first non-empty bucket, or the heap's top when the ring is empty (every
// heap entry is later than every ring entry).
func (w *wheel) findMin() {
	switch {
	case w.ring > 0:
		r := w.first()
		h := w.heads[r]
		if h&sortedFlag != 0 {
			h &^= sortedFlag
		} else if w.pool[h].next >= 0 {
			h = w.settle(r)
		}
		// Else it is alone there, which counts as sorted (insert).
		w.min = h
	case w.n > 0:
		w.min = w.over[0].i
	default:
		w.min, w.minT = -1, math.Inf(1)
		return
	}
	w.minT = w.pool[w.min].time
}

// pop removes the earliest entry and returns its pool index, released but
// still holding the event until the next push (read it before that, rather
// than copy it out); the calendar must not be empty. Its time becomes the
// clock's, so the ring can start at its bucket.
func (w *wheel) pop() int32 {
	i, t := w.min, w.minT
	b := w.bucketOf(t)
	if h := w.pool[i].heap; h >= 0 {
		w.heapRemove(int(h))
	} else {
		// The earliest entry heads its bucket.
		w.popHead(b&wheelMask, w.pool[i].next, sortedFlag)
		w.ring--
	}
	w.n--
	w.release(i)
	if b > w.cur {
		w.advance(b)
	}
	if w.pops++; w.pops == adaptEvery {
		w.adapt(t)
	}
	w.findMin()
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
	// Collect the entries in order: the ring's buckets from cur, each list
	// in order, then the heap's, which are all later.
	es := w.scratch[:0]
	for j := range uint64(wheelSize) {
		r := (w.cur + j) & wheelMask
		h := w.heads[r]
		if h < 0 {
			continue
		}
		// As findMin does. (A helper for both, called from findMin,
		// measured 1.3% more instructions in a run, with the profile
		// recorded again too.)
		if h&sortedFlag != 0 {
			h &^= sortedFlag
		} else if w.pool[h].next >= 0 {
			h = w.settle(r)
		}
		for i := h; i >= 0; i = w.pool[i].next {
			es = append(es, i)
		}
		w.heads[r] = -1
	}
	for len(w.over) > 0 {
		es = append(es, w.over[0].i)
		w.heapPop()
	}
	w.occupied = [wheelSize / 64]uint64{}
	w.used, w.ring = 0, 0
	w.invW = invW
	w.cur = w.bucketOf(now)
	// The entries beyond the ring are the last ones; they go into the heap
	// in order, numbered afresh. The rest go into the ring in order, at
	// the heads of their buckets, which are all unsorted now (but min's,
	// which insert keeps sorted).
	x := len(es)
	for x > 0 && w.bucketOf(w.pool[es[x-1]].time)-w.cur >= wheelSize {
		x--
	}
	for _, i := range es[x:] {
		w.heapPush(i)
	}
	for _, i := range es[:x] {
		w.insert(i, w.bucketOf(w.pool[i].time))
	}
	w.scratch = es[:0]
	w.findMin() // min may have moved between the ring and the heap
}

// remove takes pending entry i out of the calendar (without releasing it).
func (w *wheel) remove(i int32) {
	if h := w.pool[i].heap; h >= 0 {
		w.heapRemove(int(h))
	} else {
		w.unlink(i)
	}
	w.n--
	if i == w.min {
		w.findMin()
	}
}

// The overflow heap is a binary min-heap of pool indices with their times
// and sequence numbers; each entry knows its position so Cancel can remove
// it from the middle.

func (w *wheel) heapLess(a, b int) bool {
	x, y := &w.over[a], &w.over[b]
	if x.time != y.time {
		return x.time < y.time
	}
	return x.seq < y.seq
}

func (w *wheel) heapSwap(a, b int) {
	w.over[a], w.over[b] = w.over[b], w.over[a]
	w.pool[w.over[a].i].heap = int32(a)
	w.pool[w.over[b].i].heap = int32(b)
}

// heapPush puts entry i in the heap after every item at its time.
func (w *wheel) heapPush(i int32) {
	w.seq++
	w.over = append(w.over, heapItem{time: w.pool[i].time, seq: w.seq, i: i})
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
