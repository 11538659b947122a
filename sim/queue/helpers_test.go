package queue

import (
	"math"
	"testing"

	"github.com/outagesim/outagesim/sim/arrivals"
	"github.com/outagesim/outagesim/sim/des"
	"github.com/outagesim/outagesim/sim/dist"
	"github.com/outagesim/outagesim/sim/rng"
)

// model is a single-class M/G/c(+G) queue with Poisson arrivals, the shape
// of every textbook case. Times are in seconds unless a test says otherwise.
type model struct {
	lambda      float64    // arrivals per time unit
	service     dist.Dist  // handle time
	patience    *dist.Dist // nil: infinite
	servers     int
	redialProb  float64
	redialDelay *dist.Dist
	lossy       bool
	target      float64 // answered-within threshold
	abandonAt   float64 // abandon KPI threshold
}

func must(d dist.Dist, err error) dist.Dist {
	if err != nil {
		panic(err)
	}
	return d
}

func exp(mean float64) dist.Dist   { return must(dist.Exponential(mean)) }
func expP(mean float64) *dist.Dist { d := exp(mean); return &d }
func fixed(v float64) dist.Dist    { return must(dist.Fixed(v)) }

// waitCounter is an Observer that counts what the Stats do not: callers
// who had to wait at all, and abandons within a threshold.
type waitCounter struct {
	NopObserver
	waited, settled uint64 // waited > 0; answered or abandoned
}

func (w *waitCounter) Answered(_ *Queue, _ *Job, wait, svc float64) float64 {
	w.settled++
	if wait > 0 {
		w.waited++
	}
	return svc
}

func (w *waitCounter) Abandoned(_ *Queue, _ *Job, wait float64, _ bool) {
	w.settled++
	if wait > 0 {
		w.waited++
	}
}

// rep is what one replication of a model measured after its warm-up.
type rep struct {
	stats    Stats
	waitedFr float64 // P(W > 0) estimate
	span     float64 // measured time
}

// runModel simulates m for warm+span time units on its own random streams
// and returns the statistics of [warm, warm+span].
func runModel(t testing.TB, m model, seed, replication uint64, warm, span float64) rep {
	t.Helper()
	k := des.New()
	src := rng.Source{Seed: seed, Replication: replication}
	cfg := Config{
		Name: "m",
		Classes: []Class{{
			Name: "calls", Service: m.service, Patience: m.patience, Target: m.target,
			RedialProb: m.redialProb, RedialDelay: m.redialDelay,
		}},
		Staff: m.servers, Lossy: m.lossy, AbandonThreshold: m.abandonAt,
	}
	wc := &waitCounter{}
	q, err := New(k, cfg, Streams{Service: src.Stream("service"), Patience: src.Stream("patience"), Redial: src.Stream("redial")}, wc)
	if err != nil {
		t.Fatal(err)
	}
	p, err := arrivals.NewConstantProcess(m.lambda, 0, warm+span)
	if err != nil {
		t.Fatal(err)
	}
	NewFeeder(k, q, p, src.Stream("arrivals"), 0)
	k.RunUntil(warm)
	q.ResetStats()
	*wc = waitCounter{}
	k.RunUntil(warm + span)
	return rep{stats: q.Stats(), waitedFr: float64(wc.waited) / float64(wc.settled), span: span}
}

// estimate is a mean across replications with its standard error.
type estimate struct{ mean, se float64 }

func across(xs []float64) estimate {
	n := float64(len(xs))
	var s, ss float64
	for _, x := range xs {
		s += x
	}
	mean := s / n
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return estimate{mean, math.Sqrt(ss / (n - 1) / n)}
}

// near asserts that a simulated estimate is within 4 standard errors of the
// exact value and also within a coarse absolute guard, so that a noisy
// estimate cannot pass by having a huge standard error.
func near(t *testing.T, what string, got estimate, exact, guard float64) {
	t.Helper()
	d := math.Abs(got.mean - exact)
	if d > 4*got.se || d > guard {
		t.Errorf("%s = %.6g ± %.2g (SE), exact %.6g: off by %.2g (%.1f SE, guard %.2g)", what, got.mean, got.se, exact, d, d/got.se, guard)
	} else {
		t.Logf("%s = %.6g ± %.2g (SE), exact %.6g (%.1f SE)", what, got.mean, got.se, exact, d/got.se)
	}
}

// collect maps each replication to a number.
func collect(reps []rep, f func(r rep) float64) estimate {
	xs := make([]float64, len(reps))
	for i, r := range reps {
		xs[i] = f(r)
	}
	return across(xs)
}

func ratio(a, b uint64) float64 { return float64(a) / float64(b) }
