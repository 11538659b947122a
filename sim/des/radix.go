package des

import (
	"math"
	"math/bits"
)

// radix is the calendar: a radix heap (Ahuja, Mehlhorn, Orlin and Tarjan
// 1990) over the bits of the event times. It works because a simulation's
// calendar is monotone: no event is ever scheduled before the last one
// taken out. Bucket 0 holds the events at exactly the time last taken out;
// bucket i ≥ 1 those whose time's bit pattern first differs from it at bit
// i−1, so every event in bucket i is later than every event in a lower
// bucket. Scheduling appends to a bucket; taking the earliest event scans
// the lowest non-empty bucket and spreads it over the buckets below (about
// six entries in an outage run), in place of the two binary heaps' dozen
// levels of unpredictable branches on every push and pop: a tenth fewer
// cycles in the calendar, which is a third of a run (docs/performance.md).
// A cancellable event's bucket and index are kept in its slot, so Cancel
// removes it at once by swapping the bucket's last entry into its place.
//
// Non-negative float64s order like their bit patterns as uint64, so the
// keys are the times' bits. Events at the same time leave in sequence
// order: bucket 0 is kept sorted by sequence and read from head0.
type radix struct {
	last    uint64 // the key of the event last taken out; every key ≥ last
	buckets [65][]entry
	head0   int    // bucket 0's entries before head0 have been taken out
	full    uint64 // bit i−1 set when bucket i ≥ 1 is non-empty
	n       int
	// The earliest entry, kept between peeks (the kernel peeks before
	// every event, sources included) and checked against each new entry.
	minOK      bool
	minB, minI int
	slots      []slotInfo
}

// slotInfo tracks where a cancellable event is. gen changes every time the
// slot is released, so stale handles are recognised.
type slotInfo struct {
	bucket int32 // -1 when free
	pos    int32
	gen    uint32
}

// key is t's place in the calendar's order (t ≥ 0; -0 counts as 0).
func key(t float64) uint64 {
	if t == 0 {
		return 0
	}
	return math.Float64bits(t)
}

func (r *radix) bucketOf(k uint64) int { return bits.Len64(k ^ r.last) }

func (r *radix) reset() {
	for i := range r.buckets {
		r.buckets[i] = r.buckets[i][:0]
	}
	r.last, r.head0, r.full, r.n, r.minOK = 0, 0, 0, 0, false
	r.slots = r.slots[:0]
}

// place appends e to bucket b and records where it went.
func (r *radix) place(e entry, b int) {
	r.buckets[b] = append(r.buckets[b], e)
	if b > 0 {
		r.full |= 1 << (b - 1)
	}
	if e.slot >= 0 {
		r.slots[e.slot].bucket, r.slots[e.slot].pos = int32(b), int32(len(r.buckets[b])-1)
	}
}

func (r *radix) push(e entry) {
	b := r.bucketOf(key(e.time))
	r.place(e, b)
	r.n++
	if r.minOK && less(&e, &r.buckets[r.minB][r.minI]) {
		r.minB, r.minI = b, len(r.buckets[b])-1
	}
}

// min returns the earliest entry; the calendar must not be empty.
func (r *radix) min() *entry {
	if !r.minOK {
		if r.head0 < len(r.buckets[0]) {
			r.minB, r.minI = 0, r.head0
		} else {
			b := bits.TrailingZeros64(r.full) + 1
			es := r.buckets[b]
			m := 0
			for i := 1; i < len(es); i++ {
				if less(&es[i], &es[m]) {
					m = i
				}
			}
			r.minB, r.minI = b, m
		}
		r.minOK = true
	}
	return &r.buckets[r.minB][r.minI]
}

// pop removes the earliest entry and returns it; the calendar must not be
// empty.
func (r *radix) pop() entry {
	r.min()
	if b := r.minB; b > 0 {
		// Bucket 0 is empty: the earliest entry's time becomes last and
		// bucket b spreads over the buckets below it (every entry of b
		// shares its bits above b−1 with the new last). Those at exactly
		// the new last land in bucket 0, which must be in sequence order.
		es := r.buckets[b]
		r.last = key(es[r.minI].time)
		r.buckets[0], r.head0 = r.buckets[0][:0], 0
		for i := range es {
			r.place(es[i], r.bucketOf(key(es[i].time)))
		}
		r.buckets[b] = es[:0]
		r.full &^= 1 << (b - 1)
		r.sort0()
	}
	b0 := r.buckets[0]
	e := b0[r.head0]
	r.head0++
	if r.head0 == len(b0) {
		r.buckets[0], r.head0 = b0[:0], 0
	}
	r.n--
	r.minOK = false
	return e
}

// sort0 puts bucket 0 (just refilled, nearly always with one entry) in
// sequence order.
func (r *radix) sort0() {
	b0 := r.buckets[0]
	if len(b0) < 2 {
		return
	}
	for i := 1; i < len(b0); i++ {
		for j := i; j > 0 && b0[j].seq < b0[j-1].seq; j-- {
			b0[j], b0[j-1] = b0[j-1], b0[j]
		}
	}
	for i, e := range b0 {
		if e.slot >= 0 {
			r.slots[e.slot].pos = int32(i)
		}
	}
}

// remove deletes the cancellable entry in slot s.
func (r *radix) remove(s int32) {
	b, i := int(r.slots[s].bucket), int(r.slots[s].pos)
	es := r.buckets[b]
	last := len(es) - 1
	if b == 0 {
		// Keep bucket 0 in sequence order.
		copy(es[i:], es[i+1:])
		for j := i; j < last; j++ {
			if es[j].slot >= 0 {
				r.slots[es[j].slot].pos = int32(j)
			}
		}
		es = es[:last]
		if r.head0 == len(es) {
			es, r.head0 = es[:0], 0
		}
	} else {
		if i != last {
			es[i] = es[last]
			if es[i].slot >= 0 {
				r.slots[es[i].slot].pos = int32(i)
			}
		}
		es = es[:last]
		if last == 0 {
			r.full &^= 1 << (b - 1)
		}
	}
	r.buckets[b] = es
	r.n--
	if b == r.minB {
		r.minOK = false
	}
}

func less(a, b *entry) bool {
	if a.time != b.time {
		return a.time < b.time
	}
	return a.seq < b.seq
}
