package arrivals

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/sim/dist"
	"github.com/outagesim/outagesim/sim/rng"
)

const hour = 3600.0

// perHour converts rates per hour to rates per second.
func perHour(rates ...float64) []float64 {
	out := make([]float64, len(rates))
	for i, r := range rates {
		out[i] = r / hour
	}
	return out
}

// surge is the profile of validation.md §5 pitfall 5 with a short surge:
// 60/h on [0, 8h), 180/h for 15 min, 90/h to 12h, nothing for an hour
// (a closed channel), 90/h to 16h.
var surge = Piecewise{
	Breaks: []float64{0, 8 * hour, 8.25 * hour, 12 * hour, 13 * hour, 16 * hour},
	Rates:  perHour(60, 180, 90, 0, 90),
}

// surgeQuarterHours is surge again with 64 equal 15-minute pieces.
func surgeQuarterHours() Piecewise {
	p := Piecewise{Start: 0, Width: hour / 4}
	for i := range 64 {
		p.Rates = append(p.Rates, surge.Rate((float64(i)+0.5)*hour/4))
	}
	return p
}

// TestIntervalCounts checks the counts per interval over many replications
// against the exact law: the count in [a, b) is Poisson(∫_a^b λ). The mean
// must lie within 4 standard errors √(∫λ / n). The dispersion s²/mean must
// be within 4 standard deviations of 1: for n Poisson(μ) counts, Var(s²) =
// μ²·2/(n−1) + μ/n, so the ratio's SD is √(2/(n−1) + 1/(μn)), about 0.032 for
// n = 2000. The intervals include the 15-minute surge, one hour straddling
// its start, and the zero-rate hour (which must get no arrivals at all).
func TestIntervalCounts(t *testing.T) {
	const reps = 2000
	type interval struct{ a, b float64 }
	var intervals []interval
	for h := 0.0; h < 16; h++ {
		intervals = append(intervals, interval{h * hour, (h + 1) * hour})
	}
	intervals = append(intervals,
		interval{8 * hour, 8.25 * hour},     // the surge alone: 45 expected
		interval{8.25 * hour, 9 * hour},     // just after it: 67.5
		interval{7.5 * hour, 8.5 * hour},    // straddling its start: 30 + 45 + 22.5
		interval{11.75 * hour, 13.5 * hour}, // into and out of the zero-rate hour: 22.5 + 0 + 45
		interval{0, 16 * hour},              // the whole day
	)
	for _, tc := range []struct {
		name string
		p    Piecewise
	}{{"breaks", surge}, {"quarter-hours", surgeQuarterHours()}} {
		t.Run(tc.name, func(t *testing.T) {
			counts := make([][]float64, len(intervals))
			for rep := range reps {
				r := rng.New(1, uint64(rep), "arrivals")
				pr, err := NewProcess(tc.p, tc.p.Begin(), tc.p.End())
				if err != nil {
					t.Fatal(err)
				}
				c := make([]float64, len(intervals))
				for {
					at, ok := pr.Next(r)
					if !ok {
						break
					}
					for i, iv := range intervals {
						if at >= iv.a && at < iv.b {
							c[i]++
						}
					}
				}
				for i := range intervals {
					counts[i] = append(counts[i], c[i])
				}
			}
			for i, iv := range intervals {
				want := tc.p.Integral(iv.a, iv.b)
				mean, variance := meanVar(counts[i])
				name := fmt.Sprintf("[%gh, %gh)", iv.a/hour, iv.b/hour)
				if want == 0 {
					if mean != 0 {
						t.Errorf("%s: zero-rate interval got %.3f arrivals on average", name, mean)
					}
					continue
				}
				if se := math.Sqrt(want / reps); math.Abs(mean-want) > 4*se {
					t.Errorf("%s: mean count %.3f, want %.3f ± %.3f (4 SE)", name, mean, want, 4*se)
				}
				ratio := variance / mean
				if sd := math.Sqrt(2.0/(reps-1) + 1/(want*reps)); math.Abs(ratio-1) > 4*sd {
					t.Errorf("%s: variance/mean %.3f, want 1 ± %.3f", name, ratio, 4*sd)
				}
			}
		})
	}
}

func meanVar(xs []float64) (mean, variance float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		variance += (x - mean) * (x - mean)
	}
	return mean, variance / float64(len(xs)-1)
}

// TestPieceLayoutInvariance: cutting a piece into equal sub-pieces of the
// same rate changes only rounding, not the arrivals, because the unused
// intensity is carried across boundaries.
func TestPieceLayoutInvariance(t *testing.T) {
	a, _ := NewProcess(surge, 0, 16*hour)
	q := surgeQuarterHours()
	b, _ := NewProcess(q, 0, 16*hour)
	ra, rb := rng.New(5, 0, "layout"), rng.New(5, 0, "layout")
	for i := 0; ; i++ {
		ta, oka := a.Next(ra)
		tb, okb := b.Next(rb)
		if oka != okb || math.Abs(ta-tb) > 1e-6 {
			t.Fatalf("arrival %d: breaks give %v %v, quarter-hours give %v %v", i, ta, oka, tb, okb)
		}
		if !oka {
			break
		}
	}
}

func TestPinnedArrivals(t *testing.T) {
	pr, err := NewProcess(surge, 0, surge.End())
	if err != nil {
		t.Fatal(err)
	}
	r := rng.New(1, 0, "pin")
	var got []string
	for range 5 {
		at, _ := pr.Next(r)
		got = append(got, fmt.Sprintf("%.10g", at))
	}
	want := "162.1570483 212.8755224 320.7469988 324.4762921 324.9884384"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("first arrivals\n got %s\nwant %s", s, want)
	}
	// The first arrivals after the surge starts, from a process started there.
	pr, _ = NewProcess(surge, 8*hour-1, surge.End())
	got = got[:0]
	for range 3 {
		at, _ := pr.Next(r)
		got = append(got, fmt.Sprintf("%.10g", at))
	}
	want = "28810.37575 28816.01536 28874.82652"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("first arrivals from 8h-1s\n got %s\nwant %s", s, want)
	}
}

func TestEdgeCases(t *testing.T) {
	tests := []struct {
		name     string
		p        Piecewise
		from, to float64
		want     float64 // expected count, ∫λ over the horizon
	}{
		{"all-zero rates", Piecewise{Width: hour, Rates: []float64{0, 0, 0}}, 0, 3 * hour, 0},
		{"horizon ends mid-piece", Piecewise{Width: hour, Rates: perHour(100, 200)}, 0, 1.5 * hour, 200},
		{"horizon starts mid-piece", Piecewise{Width: hour, Rates: perHour(100, 200)}, 0.5 * hour, 2 * hour, 250},
		{"single piece", Piecewise{Start: 100, Width: hour, Rates: perHour(120)}, 100, 100 + hour, 120},
		{"constant", Constant(50/hour, 0, 2*hour), 0, 2 * hour, 100},
		{"horizon wider than the rate", Piecewise{Start: hour, Width: hour, Rates: perHour(80)}, 0, 5 * hour, 80},
		{"horizon before the rate", Piecewise{Start: hour, Width: hour, Rates: perHour(80)}, 0, hour, 0},
		{"horizon after the rate", Piecewise{Start: hour, Width: hour, Rates: perHour(80)}, 2 * hour, 3 * hour, 0},
		{"empty horizon", Piecewise{Width: hour, Rates: perHour(80)}, 0.5 * hour, 0.5 * hour, 0},
		{"leading and trailing zero pieces", Piecewise{Width: hour, Rates: perHour(0, 0, 60, 0, 0)}, 0, 5 * hour, 60},
		{"tiny rate", Piecewise{Width: hour, Rates: perHour(0.01)}, 0, hour, 0.01},
	}
	const reps = 400
	for _, tt := range tests {
		if got := tt.p.Integral(tt.from, tt.to); math.Abs(got-tt.want) > 1e-9*max(tt.want, 1) {
			t.Errorf("%s: Integral = %v, want %v", tt.name, got, tt.want)
		}
		var total float64
		for rep := range reps {
			pr, err := NewProcess(tt.p, tt.from, tt.to)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			r := rng.New(2, uint64(rep), "edge")
			last := math.Inf(-1)
			for {
				at, ok := pr.Next(r)
				if !ok {
					break
				}
				if at < tt.from || at >= tt.to || at < last || tt.p.Rate(at) == 0 {
					t.Fatalf("%s: arrival at %v after %v: want non-decreasing in [%v, %v) where λ > 0", tt.name, at, last, tt.from, tt.to)
				}
				last = at
				total++
			}
			for range 3 {
				if _, ok := pr.Next(r); ok {
					t.Fatalf("%s: Next returned an arrival after reporting the end", tt.name)
				}
			}
		}
		mean := total / reps
		if se := math.Sqrt(tt.want / reps); math.Abs(mean-tt.want) > 4*se {
			t.Errorf("%s: mean count %.3f, want %.3f ± %.3f", tt.name, mean, tt.want, 4*se)
		}
	}
	var zero Process
	if _, ok := zero.Next(rng.New(1, 0, "zero")); ok {
		t.Error("the zero Process returned an arrival")
	}
}

func TestRateAndIntegral(t *testing.T) {
	p := Piecewise{Start: 10, Width: 10, Rates: []float64{1, 0, 3}}
	rates := map[float64]float64{9.99: 0, 10: 1, 19.99: 1, 20: 0, 30: 3, 39.99: 3, 40: 0}
	for at, want := range rates {
		if got := p.Rate(at); got != want {
			t.Errorf("Rate(%v) = %v, want %v", at, got, want)
		}
	}
	integrals := []struct{ a, b, want float64 }{
		{0, 100, 40},     // everything
		{15, 35, 5 + 15}, // half of piece 0, piece 1, half of piece 2
		{20, 30, 0},      // the zero piece
		{35, 15, -20},    // reversed
		{25, 25, 0},      // empty
		{-50, 12, 2},     // before the start
	}
	for _, tt := range integrals {
		if got := p.Integral(tt.a, tt.b); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("Integral(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	// Breaks: a boundary belongs to the piece it starts.
	if got := surge.Rate(8 * hour); got != 180/hour {
		t.Errorf("surge.Rate(8h) = %v, want 180/h", got*hour)
	}
	if got := surge.Integral(0, surge.End()); math.Abs(got-(480+45+337.5+270)) > 1e-9 {
		t.Errorf("surge.Integral over the day = %v, want 1132.5", got)
	}
}

func TestValidate(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		p    Piecewise
		want string // a fragment of the error naming the field
	}{
		{"no pieces", Piecewise{Width: hour}, "rates"},
		{"negative rate", Piecewise{Width: hour, Rates: []float64{1, -1}}, "rates[1]"},
		{"NaN rate", Piecewise{Width: hour, Rates: []float64{nan}}, "rates[0]"},
		{"infinite rate", Piecewise{Width: hour, Rates: []float64{math.Inf(1)}}, "rates[0]"},
		{"zero width", Piecewise{Rates: []float64{1}}, "width"},
		{"negative width", Piecewise{Width: -1, Rates: []float64{1}}, "width"},
		{"NaN start", Piecewise{Start: nan, Width: 1, Rates: []float64{1}}, "start"},
		{"end overflows", Piecewise{Width: math.MaxFloat64, Rates: []float64{1, 1}}, "width"},
		{"breaks of wrong length", Piecewise{Breaks: []float64{0, 1}, Rates: []float64{1, 1}}, "breaks"},
		{"breaks not increasing", Piecewise{Breaks: []float64{0, 2, 2}, Rates: []float64{1, 1}}, "breaks[2]"},
		{"breaks with NaN", Piecewise{Breaks: []float64{0, nan}, Rates: []float64{1}}, "breaks[1]"},
		{"breaks with width", Piecewise{Width: 1, Breaks: []float64{0, 1}, Rates: []float64{1}}, "width"},
	}
	for _, tt := range tests {
		err := tt.p.Validate()
		if err == nil || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Validate() = %v, want an ErrInvalid naming %q", tt.name, err, tt.want)
		}
		if _, err := NewProcess(tt.p, 0, 1); err == nil {
			t.Errorf("%s: NewProcess accepted it", tt.name)
		}
	}
	for _, h := range [][2]float64{{1, 0}, {nan, 1}, {0, math.Inf(1)}} {
		if _, err := NewProcess(surge, h[0], h[1]); !errors.Is(err, ErrInvalid) {
			t.Errorf("NewProcess horizon [%v, %v): err = %v, want ErrInvalid", h[0], h[1], err)
		}
	}
}

// TestSpendIsNext checks that Spend, given the Exp(1) draws of the stream
// Next would draw from, drawn ahead as the model draws them, gives Next's
// times bit for bit and ends where Next ends, on a rate with zero pieces
// and a horizon cut inside a piece.
func TestSpendIsNext(t *testing.T) {
	p := Piecewise{Breaks: []float64{0, hour, 2 * hour, 3 * hour, 5 * hour}, Rates: perHour(40, 0, 300, 7)}
	a, err := NewProcess(p, 0.25*hour, 4.5*hour)
	if err != nil {
		t.Fatal(err)
	}
	b := a
	unit, err := dist.Exponential(1)
	if err != nil {
		t.Fatal(err)
	}
	ra, rb := rng.New(9, 4, "spend"), dist.NewAhead(&unit, rng.New(9, 4, "spend"))
	n := 0
	for {
		ta, oka := a.Next(ra)
		tb, okb := b.Spend(rb.Draw())
		if oka != okb || math.Float64bits(ta) != math.Float64bits(tb) {
			t.Fatalf("arrival %d: Next gives (%v, %v), Spend (%v, %v)", n, ta, oka, tb, okb)
		}
		if !oka {
			break
		}
		n++
	}
	if n < 200 {
		t.Fatalf("only %d arrivals: the test rate is wrong", n)
	}
	if tb, ok := b.Spend(1); ok {
		t.Fatalf("Spend after the end gave %v", tb)
	}
}

func TestNextDoesNotAllocate(t *testing.T) {
	r := rng.New(1, 0, "alloc")
	pr, _ := NewProcess(surgeQuarterHours(), 0, 16*hour)
	allocs := testing.AllocsPerRun(1000, func() {
		if _, ok := pr.Next(r); !ok {
			pr, _ = NewProcess(surgeQuarterHours(), 0, 16*hour)
		}
	})
	if allocs != 0 {
		t.Errorf("Next allocates %v times per call", allocs)
	}
}

// BenchmarkNext is the cost per arrival on a week of hourly pieces.
func BenchmarkNext(b *testing.B) {
	p := Piecewise{Width: hour}
	for h := range 168 {
		p.Rates = append(p.Rates, float64(200+100*(h%24/8))/hour)
	}
	r := rng.New(1, 0, "bench")
	pr, _ := NewProcess(p, p.Begin(), p.End())
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := pr.Next(r); !ok {
			pr, _ = NewProcess(p, p.Begin(), p.End())
		}
	}
}
