package queue

import (
	"fmt"
	"math"
	"testing"

	"github.com/outagesim/outagesim/sim/arrivals"
	"github.com/outagesim/outagesim/sim/des"
	"github.com/outagesim/outagesim/sim/dist"
	"github.com/outagesim/outagesim/sim/rng"
)

// probe records the number in system at fixed times.
type probe struct {
	q     *Queue
	times []float64
	got   []float64
}

func (p *probe) Handle(_ *des.Kernel, ev des.Event) {
	p.got[ev.Arg] = float64(p.q.Busy() + p.q.Waiting())
}

// infiniteServer runs one replication of an M_t/G/∞ queue that starts
// empty at 0 (time unit: hours) and returns N(t) at each probe time.
func infiniteServer(t *testing.T, rates arrivals.Piecewise, service dist.Dist, times []float64, rep uint64) []float64 {
	t.Helper()
	k := des.New()
	src := rng.Source{Seed: 99, Replication: rep}
	cfg := Config{Name: "inf", Classes: []Class{{Name: "all", Service: service}}, Staff: 1 << 20}
	q, err := New(k, cfg, Streams{Service: src.Stream("service")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	end := times[len(times)-1]
	p, err := arrivals.NewProcess(rates, 0, end)
	if err != nil {
		t.Fatal(err)
	}
	NewFeeder(k, q, p, src.Stream("arrivals"), 0)
	pr := &probe{q: q, times: times, got: make([]float64, len(times))}
	id := k.Register(pr)
	for i, tm := range times {
		k.Schedule(tm, id, 0, int32(i))
	}
	k.RunUntil(end)
	return pr.got
}

// sinusoid returns λ(t) = 100 + 50 sin(2πt/24) per hour as pieces of one
// minute, each holding the exact mean of λ over the piece, for [0, hours).
func sinusoid(hours float64) arrivals.Piecewise {
	const w = 1.0 / 60
	g := 2 * math.Pi / 24
	n := int(math.Round(hours / w))
	rates := make([]float64, n)
	for i := range rates {
		a, b := float64(i)*w, float64(i+1)*w
		rates[i] = 100 + 50*(math.Cos(g*a)-math.Cos(g*b))/(g*w)
	}
	return arrivals.Piecewise{Start: 0, Width: w, Rates: rates}
}

// TestInfiniteServerTransient compares the mean and variance of N(t) with
// the exact M_t/G/∞ law (Eick, Massey & Whitt 1993): N(t) ~ Poisson(m(t)),
// validation.md §2.3 cases TV1b (sinusoid, exponential and deterministic
// service) and TV2 (abrupt rate steps, the Ciw pitfall).
func TestInfiniteServerTransient(t *testing.T) {
	for _, tc := range []struct {
		id      string
		rates   arrivals.Piecewise
		service dist.Dist
		times   []float64
		m       []float64
	}{
		{
			id:      "TV1b sinusoid, Exp 60 min, start empty",
			rates:   sinusoid(12),
			service: exp(1),
			times:   []float64{1, 2, 3, 6, 9, 12},
			m:       []float64{67.99667, 100.9117, 120.0565, 146.5754, 141.7390, 112.2498},
		},
		{
			id:      "TV1b sinusoid, deterministic 60 min",
			rates:   sinusoid(18),
			service: fixed(1),
			times:   []float64{6, 18},
			m:       []float64{149.4308, 50.56920},
		},
		{
			id:      "TV2 steps 60/180/90 per h, Exp 6 min, start empty",
			rates:   arrivals.Piecewise{Start: 0, Width: 8, Rates: []float64{60, 180, 90}},
			service: exp(0.1),
			times:   []float64{1, 8.1, 8.25, 8.5, 9, 16.1, 16.5, 24},
			m:       []float64{5.999728, 13.58545, 17.01498, 17.91914, 17.99946, 12.31091, 9.060642, 9.000000},
		},
	} {
		t.Run(tc.id, func(t *testing.T) {
			t.Parallel()
			const reps = 1000
			samples := make([][]float64, len(tc.times))
			for r := range reps {
				for i, n := range infiniteServer(t, tc.rates, tc.service, tc.times, uint64(r)) {
					samples[i] = append(samples[i], n)
				}
			}
			for i, m := range tc.m {
				e := across(samples[i])
				near(t, fmt.Sprintf("E N(%v)", tc.times[i]), e, m, 0.05*m+0.5)
				// Var N(t) = m(t): the sample variance over the mean has
				// SD ≈ √(2/(R−1) + 1/(mR)) for a Poisson count.
				v := e.se * e.se * reps
				sd := math.Sqrt(2.0/(reps-1) + 1/(m*reps))
				if r := v / m; math.Abs(r-1) > 4*sd {
					t.Errorf("Var N(%v)/m = %.3f, want 1 ± %.3f (4 SD)", tc.times[i], r, 4*sd)
				}
			}
		})
	}
}
