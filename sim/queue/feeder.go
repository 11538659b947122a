package queue

import (
	"math/rand/v2"

	"github.com/outagesim/outagesim/sim/arrivals"
	"github.com/outagesim/outagesim/sim/des"
)

// Feeder offers the arrivals of a (possibly time-varying) Poisson process to
// a queue, each as a first call of one class. It is how textbook models and
// validation cases drive a queue on its own.
type Feeder struct {
	q     *Queue
	p     arrivals.Process
	r     *rand.Rand
	class int
	id    int32
	n     int64
}

// NewFeeder registers a feeder on k and schedules its first arrival.
func NewFeeder(k *des.Kernel, q *Queue, p arrivals.Process, r *rand.Rand, class int) *Feeder {
	f := &Feeder{q: q, p: p, r: r, class: class}
	f.id = k.Register(f)
	f.next(k)
	return f
}

// Arrivals is the number of first calls offered so far.
func (f *Feeder) Arrivals() int64 { return f.n }

func (f *Feeder) next(k *des.Kernel) {
	if t, ok := f.p.Next(f.r); ok {
		k.Schedule(t, f.id, 0, 0)
	}
}

// Handle implements des.Handler.
func (f *Feeder) Handle(k *des.Kernel, _ des.Event) {
	f.q.Arrive(f.n, f.class)
	f.n++
	f.next(k)
}
