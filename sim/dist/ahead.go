package dist

import "math/rand/v2"

// Ahead hands out the draws of one distribution from one stream in order,
// drawn len(buf) at a time with Fill: the same values as drawing each when
// needed, and faster. A lognormal's exponentials overlap, and so do the
// exponentials' 128-bit multiplications, where one draw at a time waits
// for each in turn; and a draw is not a call through Sample's switch on
// the kind.
//
// The stream must be the Ahead's alone: anything else drawing from it
// would get numbers out of order, and the Ahead numbers already drawn.
type Ahead struct {
	d    *Dist
	r    *rand.Rand
	next int
	buf  [16]float64
}

// NewAhead draws d from r ahead.
func NewAhead(d *Dist, r *rand.Rand) Ahead {
	a := Ahead{d: d, r: r}
	a.next = len(a.buf)
	return a
}

// Draw hands out the next value.
func (a *Ahead) Draw() float64 {
	if a.next == len(a.buf) {
		a.fill()
	}
	v := a.buf[a.next]
	a.next++
	return v
}

// fill draws the next len(buf) values; kept out of line so that Draw
// inlines.
//
//go:noinline
func (a *Ahead) fill() {
	a.d.Fill(a.r, a.buf[:])
	a.next = 0
}
