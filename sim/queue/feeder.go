package queue

import (
	"math"
	"math/rand/v2"

	"github.com/outagesim/outagesim/sim/arrivals"
	"github.com/outagesim/outagesim/sim/des"
)

// Feeder offers the arrivals of a (possibly time-varying) Poisson process to
// a queue, each as a first call of one class. It is how textbook models and
// validation cases drive a queue on its own. It is a des.Source, so its
// arrivals never enter the kernel's heap.
type Feeder struct {
	q     *Queue
	p     arrivals.Process
	r     *rand.Rand
	class int
	n     int64
	at    float64 // next arrival, +Inf when done
}

// NewFeeder adds a feeder to k as a source and draws its first arrival.
func NewFeeder(k *des.Kernel, q *Queue, p arrivals.Process, r *rand.Rand, class int) *Feeder {
	f := &Feeder{q: q, p: p, r: r, class: class}
	f.advance()
	k.AddSource(f)
	return f
}

// Arrivals is the number of first calls offered so far.
func (f *Feeder) Arrivals() int64 { return f.n }

func (f *Feeder) advance() {
	t, ok := f.p.Next(f.r)
	if !ok {
		t = math.Inf(1)
	}
	f.at = t
}

// Peek is the time of the next arrival (des.Source).
func (f *Feeder) Peek() float64 { return f.at }

// Fire offers the arrival (des.Source).
func (f *Feeder) Fire(*des.Kernel) float64 {
	f.q.Arrive(f.n, f.class)
	f.n++
	f.advance()
	return f.at
}
