package textbook

import (
	"fmt"

	"github.com/outagesim/outagesim/sim/arrivals"
	"github.com/outagesim/outagesim/sim/des"
	"github.com/outagesim/outagesim/sim/dist"
	"github.com/outagesim/outagesim/sim/queue"
	"github.com/outagesim/outagesim/sim/rng"
)

// Model is one queue fed by a Poisson process of constant rate. Times are
// in seconds.
type Model struct {
	// Rate is arrivals per second.
	Rate float64
	// Service is the handle time; Patience the time a caller will wait
	// (nil: forever).
	Service  dist.Dist
	Patience *dist.Dist
	Servers  int
	// Redial: probability and delay for callers who abandon.
	RedialProb  float64
	RedialDelay *dist.Dist
	// AnswerTarget is the service-level threshold (60 s for NHS 111) and
	// AbandonThreshold the short-abandon cut-off (30 s).
	AnswerTarget, AbandonThreshold float64
	// WarmUp is dropped from the statistics; Horizon is measured after it.
	WarmUp, Horizon float64
}

// Result is what one replication measured after the warm-up. The KPI
// methods are ratios of sums over the replication.
type Result struct {
	queue.Stats
	Span float64 // measured time
}

// AnsweredWithinTarget is the share of answered calls answered within the
// target (the NHS 111 "% answered within 60 s").
func (r Result) AnsweredWithinTarget() float64 {
	return float64(r.Stats.AnsweredWithinTarget) / float64(r.Answered)
}

// AbandonedAfterThreshold is the share of calls that ended in answer or
// abandonment which abandoned after the threshold (the NHS 111 "% of calls
// abandoned after 30 s").
func (r Result) AbandonedAfterThreshold() float64 {
	return float64(r.Stats.AbandonedAfterThreshold) / float64(r.Answered+r.Abandoned)
}

// AbandonedShare is P(Ab): abandoned over answered plus abandoned.
func (r Result) AbandonedShare() float64 {
	return float64(r.Abandoned) / float64(r.Answered+r.Abandoned)
}

// MeanAnswerTime is the mean wait of answered calls.
func (r Result) MeanAnswerTime() float64 { return r.WaitAnswered / float64(r.Answered) }

// Occupancy is busy time over staffed time.
func (r Result) Occupancy() float64 { return r.AreaBusy / r.AreaStaff }

// Run simulates replication rep of m with the given seed.
func (m Model) Run(seed, rep uint64) (Result, error) {
	k := des.New()
	src := rng.Source{Seed: seed, Replication: rep}
	cfg := queue.Config{
		Name: "textbook",
		Classes: []queue.Class{{
			Name: "calls", Service: m.Service, Patience: m.Patience, Target: m.AnswerTarget,
			RedialProb: m.RedialProb, RedialDelay: m.RedialDelay,
		}},
		Staff:            m.Servers,
		AbandonThreshold: m.AbandonThreshold,
	}
	q, err := queue.New(k, cfg, queue.Streams{
		Service: src.Stream("service"), Patience: src.Stream("patience"), Redial: src.Stream("redial"),
	}, nil)
	if err != nil {
		return Result{}, err
	}
	if !(m.WarmUp >= 0) || !(m.Horizon > 0) {
		return Result{}, fmt.Errorf("textbook: warm-up %v and horizon %v: want warm-up ≥ 0 and horizon > 0", m.WarmUp, m.Horizon)
	}
	p, err := arrivals.NewConstantProcess(m.Rate, 0, m.WarmUp+m.Horizon)
	if err != nil {
		return Result{}, fmt.Errorf("textbook: rate: %w", err)
	}
	queue.NewFeeder(k, q, p, src.Stream("arrivals"), 0)
	k.RunUntil(m.WarmUp)
	q.ResetStats()
	k.RunUntil(m.WarmUp + m.Horizon)
	return Result{Stats: q.Stats(), Span: m.Horizon}, nil
}
