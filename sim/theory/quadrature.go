package theory

import (
	"container/heap"
	"math"

	"gonum.org/v1/gonum/integrate/quad"
)

// Globally adaptive Gauss–Legendre quadrature. Each interval is estimated
// with a 15-point rule on the whole interval and on its two halves; the
// halves' sum is kept and |halves − whole| is its (very pessimistic) error
// estimate. The interval with the largest estimate is split until the sum
// of estimates is below max(absTol, relTol·|total|).

const glN = 15

var glX, glW [glN]float64

func init() {
	quad.Legendre{}.FixedLocations(glX[:], glW[:], -1, 1)
}

func glRule(f func(float64) float64, a, b float64) float64 {
	c, h := 0.5*(a+b), 0.5*(b-a)
	s := 0.0
	for i := range glX {
		s += glW[i] * f(c+h*glX[i])
	}
	return s * h
}

type qInterval struct {
	a, b      float64
	left      float64 // rule on [a, m]
	right     float64 // rule on [m, b]
	value     float64 // left + right
	err       float64
	splitable bool
}

type qHeap []qInterval

func (h qHeap) Len() int           { return len(h) }
func (h qHeap) Less(i, j int) bool { return h[i].err > h[j].err }
func (h qHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *qHeap) Push(x any)        { *h = append(*h, x.(qInterval)) }
func (h *qHeap) Pop() any {
	old := *h
	n := len(old)
	x := old[n-1]
	*h = old[:n-1]
	return x
}

func newQInterval(f func(float64) float64, a, b, whole float64) qInterval {
	m := 0.5 * (a + b)
	l, r := glRule(f, a, m), glRule(f, m, b)
	v := l + r
	return qInterval{a: a, b: b, left: l, right: r, value: v,
		err: math.Abs(v - whole), splitable: m > a && m < b}
}

const maxQIntervals = 5000

// integrate returns ∫_a^b f for finite a <= b.
func integrate(f func(float64) float64, a, b, relTol, absTol float64) float64 {
	if !(b > a) {
		return 0
	}
	first := newQInterval(f, a, b, glRule(f, a, b))
	h := &qHeap{first}
	total, errSum := first.value, first.err
	for h.Len() < maxQIntervals {
		if errSum <= math.Max(absTol, relTol*math.Abs(total)) || math.IsNaN(errSum) {
			break
		}
		if (*h)[0].err == 0 {
			break // every interval is exact or cannot be split further
		}
		worst := heap.Pop(h).(qInterval)
		total -= worst.value
		errSum -= worst.err
		if !worst.splitable {
			worst.err = 0 // cannot improve; keep its value
			total += worst.value
			heap.Push(h, worst)
			continue
		}
		m := 0.5 * (worst.a + worst.b)
		for _, child := range [2]qInterval{
			newQInterval(f, worst.a, m, worst.left),
			newQInterval(f, m, worst.b, worst.right),
		} {
			total += child.value
			errSum += child.err
			heap.Push(h, child)
		}
	}
	// Re-add from scratch so the running sum's drift does not leak out.
	total = 0
	for _, iv := range *h {
		total += iv.value
	}
	return total
}
