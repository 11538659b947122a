package arrivals

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// ErrInvalid is matched (with errors.Is) by every error from Validate and
// NewProcess.
var ErrInvalid = errors.New("invalid arrival rate")

// Piecewise is a piecewise-constant arrival rate. Piece i has rate Rates[i]
// (arrivals per second, finite and ≥ 0) on [Start + i·Width, Start +
// (i+1)·Width); or, when Breaks is set, on [Breaks[i], Breaks[i+1]). The
// rate is 0 outside the pieces. A Piecewise is read, never modified, by this
// package.
type Piecewise struct {
	Start float64   // Start is the start of piece 0, in seconds (equal widths).
	Width float64   // Width is every piece's length in seconds, e.g. 3600 (equal widths).
	Rates []float64 // Rates holds each piece's rate per second.
	// Breaks, if not nil, gives pieces of unequal lengths: len(Rates)+1
	// strictly increasing times. Start and Width must then be 0.
	Breaks []float64
}

// Constant returns the rate that is constant at rate (per second) on
// [start, end) and 0 elsewhere.
func Constant(rate, start, end float64) Piecewise {
	return Piecewise{Start: start, Width: end - start, Rates: []float64{rate}}
}

// Validate reports the first problem with p, naming the field.
func (p Piecewise) Validate() error {
	if len(p.Rates) == 0 {
		return fmt.Errorf("rates: none given, want at least one piece: %w", ErrInvalid)
	}
	for i, r := range p.Rates {
		if !(r >= 0) || math.IsInf(r, 1) {
			return fmt.Errorf("rates[%d] = %v: want a finite number ≥ 0: %w", i, r, ErrInvalid)
		}
	}
	if p.Breaks != nil {
		if p.Start != 0 || p.Width != 0 {
			return fmt.Errorf("start = %v, width = %v: want 0 when breaks are given: %w", p.Start, p.Width, ErrInvalid)
		}
		if len(p.Breaks) != len(p.Rates)+1 {
			return fmt.Errorf("breaks: %d given, want len(rates)+1 = %d: %w", len(p.Breaks), len(p.Rates)+1, ErrInvalid)
		}
		for i, b := range p.Breaks {
			if math.IsNaN(b) || math.IsInf(b, 0) {
				return fmt.Errorf("breaks[%d] = %v: want a finite number: %w", i, b, ErrInvalid)
			}
			if i > 0 && !(b > p.Breaks[i-1]) {
				return fmt.Errorf("breaks[%d] = %v: want greater than breaks[%d] = %v: %w", i, b, i-1, p.Breaks[i-1], ErrInvalid)
			}
		}
		return nil
	}
	if math.IsNaN(p.Start) || math.IsInf(p.Start, 0) {
		return fmt.Errorf("start = %v: want a finite number: %w", p.Start, ErrInvalid)
	}
	if !(p.Width > 0) || math.IsInf(p.End(), 0) {
		return fmt.Errorf("width = %v: want a number > 0 with start + len(rates)·width finite: %w", p.Width, ErrInvalid)
	}
	return nil
}

// Len returns the number of pieces.
func (p Piecewise) Len() int { return len(p.Rates) }

// Bound returns the start of piece i, for 0 ≤ i ≤ Len(); Bound(Len()) is End().
func (p Piecewise) Bound(i int) float64 {
	if p.Breaks != nil {
		return p.Breaks[i]
	}
	return p.Start + float64(i)*p.Width
}

// Begin returns the start of the first piece.
func (p Piecewise) Begin() float64 { return p.Bound(0) }

// End returns the end of the last piece.
func (p Piecewise) End() float64 { return p.Bound(len(p.Rates)) }

// piece returns the index of the piece containing t, clamped to [0, Len()]:
// 0 before Begin, Len() at or after End.
func (p Piecewise) piece(t float64) int {
	n := len(p.Rates)
	if !(t >= p.Begin()) {
		return 0
	}
	if t >= p.End() {
		return n
	}
	var i int
	if p.Breaks != nil {
		i = sort.SearchFloat64s(p.Breaks, t) // first break ≥ t
		if i > n || p.Breaks[i] != t {
			i--
		}
	} else {
		i = int((t - p.Start) / p.Width)
		// Division can land one piece off near a boundary; Bound is the authority.
		if i > 0 && t < p.Bound(i) {
			i--
		} else if i < n-1 && t >= p.Bound(i+1) {
			i++
		}
	}
	return min(max(i, 0), n-1)
}

// Rate returns λ(t), the rate per second at time t (0 outside the pieces).
func (p Piecewise) Rate(t float64) float64 {
	if !(t >= p.Begin()) || t >= p.End() {
		return 0
	}
	return p.Rates[p.piece(t)]
}

// Integral returns ∫_a^b λ(t) dt, the expected number of arrivals in
// [a, b); it is −Integral(b, a) when b < a.
func (p Piecewise) Integral(a, b float64) float64 {
	if b < a {
		return -p.Integral(b, a)
	}
	a, b = max(a, p.Begin()), min(b, p.End())
	if !(a < b) {
		return 0
	}
	var sum float64
	for i := p.piece(a); i < len(p.Rates) && a < b; i++ {
		end := min(p.Bound(i+1), b)
		sum += p.Rates[i] * (end - a)
		a = end
	}
	return sum
}

// Process generates the arrival times of a Poisson process with a
// Piecewise rate on a horizon [from, to). Use NewProcess; the zero Process
// yields no arrivals. A Process holds its position, so each replication
// needs its own; a copy continues independently from the same point.
type Process struct {
	rate  Piecewise
	t     float64 // the last arrival, or from
	piece int     // the piece containing t (Len() when past the last piece)
	to    float64
	done  bool
	// end and lambda are the current piece's end (at most to) and rate,
	// kept so that an arrival inside the piece, nearly every one, reads
	// neither the rates nor the breaks (set by enter).
	end, lambda float64
}

// enter caches the current piece's end and rate.
func (pr *Process) enter() {
	if pr.piece < len(pr.rate.Rates) {
		pr.end, pr.lambda = min(pr.rate.Bound(pr.piece+1), pr.to), pr.rate.Rates[pr.piece]
	}
}

// NewProcess returns the process with rate p that yields arrivals in
// [from, to). Passing p.Begin() and p.End() covers the whole rate.
func NewProcess(p Piecewise, from, to float64) (Process, error) {
	if err := p.Validate(); err != nil {
		return Process{}, err
	}
	if math.IsNaN(from) || math.IsInf(from, 0) || math.IsNaN(to) || math.IsInf(to, 0) || from > to {
		return Process{}, fmt.Errorf("horizon [%v, %v): want finite from ≤ to: %w", from, to, ErrInvalid)
	}
	start := max(from, p.Begin())
	pr := Process{rate: p, t: start, piece: p.piece(start), to: min(to, p.End()), done: start >= to}
	pr.enter()
	return pr, nil
}

// NewConstantProcess returns the homogeneous Poisson process with the given
// rate per second on [from, to).
func NewConstantProcess(rate, from, to float64) (Process, error) {
	return NewProcess(Constant(rate, from, to), from, to)
}

// Next returns the next arrival time, or ok == false when there is none
// before the end of the horizon (and on every later call). Times are
// non-decreasing. Next draws one Exp(1) per arrival and one more for the
// final call; it does not allocate, and its work is O(1) per arrival plus
// O(1) per piece crossed.
func (pr *Process) Next(r *rand.Rand) (t float64, ok bool) {
	if pr.done {
		return 0, false
	}
	return pr.Spend(r.ExpFloat64())
}

// Spend is Next with its Exp(1) draw given: need is the cumulative
// intensity to spend before the next arrival. Calls of Spend with the
// draws of r.ExpFloat64, in order, give the times Next(r) would; a caller
// drawing from a stream of its own can then draw them ahead, several at
// once (dist.Ahead).
func (pr *Process) Spend(need float64) (t float64, ok bool) {
	if pr.done {
		return 0, false
	}
	// Each piece spends rate × (time crossed); the remainder is carried,
	// so the gap is an exact inversion of Λ.
	for pr.piece < len(pr.rate.Rates) && pr.t < pr.to {
		end := pr.end
		if rate := pr.lambda; rate > 0 {
			if at := pr.t + need/rate; at < end {
				pr.t = at
				return at, true
			}
			need = max(need-(end-pr.t)*rate, 0)
		}
		pr.t = end
		if end < pr.to {
			pr.piece++
			pr.enter()
		} else {
			break
		}
	}
	pr.done = true
	return 0, false
}
