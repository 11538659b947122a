package main

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/outagesim/outagesim/reports/stats"
	"github.com/outagesim/outagesim/sim/dist"
	"github.com/outagesim/outagesim/sim/textbook"
	"github.com/outagesim/outagesim/sim/theory"
)

const erlangUsage = `Usage: outagesim erlang [flags]

Simulates an M/M/c+M call centre (Poisson calls, exponential handle time
and patience, c call handlers) with independent seeded replications, and
prints the NHS 111 KPIs with 95% confidence intervals beside the exact
Erlang A values. It shows the simulator agreeing with queueing theory.

Examples:
  outagesim erlang
  outagesim erlang -servers 11 -rate 120 -reps 50
  outagesim erlang -patience 0      # no abandonment: Erlang C

Flags:
`

func runErlang(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("erlang", erlangUsage)
	servers := fs.Int("servers", 12, "call handlers on duty (c)")
	rate := fs.Float64("rate", 100, "calls per hour (λ)")
	handle := fs.Duration("handle", 6*time.Minute, "mean handle time")
	patience := fs.Duration("patience", 5*time.Minute, "mean patience; 0 means callers never hang up")
	reps := fs.Int("reps", 30, "independent replications")
	hours := fs.Float64("hours", 400, "simulated hours per replication, after the warm-up")
	warm := fs.Duration("warmup", 4*time.Hour, "warm-up dropped from each replication")
	seed := fs.Uint64("seed", 1, "random seed")
	workers := fs.Int("workers", 0, "replications run at once, 0 for one per core (results do not depend on it)")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if *workers == 0 {
		*workers = runtime.GOMAXPROCS(0)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "outagesim erlang: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	bad := func(flag, allowed string, v any) int {
		fmt.Fprintf(stderr, "outagesim erlang: -%s %v: %s\n", flag, v, allowed)
		return exitUsage
	}
	switch {
	case *servers < 1:
		return bad("servers", "want at least 1", *servers)
	case !(*rate > 0):
		return bad("rate", "want calls per hour > 0", *rate)
	case *handle <= 0:
		return bad("handle", "want a duration > 0, e.g. 6m", *handle)
	case *patience < 0:
		return bad("patience", "want a duration ≥ 0, e.g. 5m", *patience)
	case *reps < 2:
		return bad("reps", "want at least 2 for a confidence interval", *reps)
	case !(*hours > 0):
		return bad("hours", "want > 0", *hours)
	case *warm < 0:
		return bad("warmup", "want a duration ≥ 0", *warm)
	case *workers < 0:
		return bad("workers", "want 0 (one per core) or more", *workers)
	}

	service, err := dist.Exponential(handle.Seconds())
	if err != nil {
		return bad("handle", err.Error(), *handle)
	}
	m := textbook.Model{
		Rate: *rate / 3600, Service: service, Servers: *servers,
		AnswerTarget: 60, AbandonThreshold: 30,
		WarmUp: warm.Seconds(), Horizon: *hours * 3600,
	}
	exact := theory.ErlangA{Lambda: m.Rate, MeanService: handle.Seconds(), MeanPatience: patience.Seconds(), Servers: *servers}
	if *patience > 0 {
		p, err := dist.Exponential(patience.Seconds())
		if err != nil {
			return bad("patience", err.Error(), *patience)
		}
		m.Patience = &p
	} else if float64(*servers) <= m.Rate*handle.Seconds() {
		return bad("servers", fmt.Sprintf("with no abandonment the queue is unstable: want more than the offered load %.2f", m.Rate*handle.Seconds()), *servers)
	}

	results := make([]textbook.Result, *reps)
	errs := make([]error, *reps)
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(*workers, *reps) {
		wg.Go(func() {
			for i := range next {
				results[i], errs[i] = m.Run(*seed, uint64(i))
			}
		})
	}
	for i := range *reps {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		fmt.Fprintf(stderr, "outagesim erlang: %v\n", err)
		return exitInternal
	}

	rows := []struct {
		name  string
		scale float64
		sim   func(textbook.Result) float64
		exact func() (float64, error)
	}{
		{"answered within 60 s (% of answered)", 100, textbook.Result.AnsweredWithinTarget, func() (float64, error) { return slExact(exact, *patience > 0) }},
		{"abandoned after 30 s (% of calls)", 100, textbook.Result.AbandonedAfterThreshold, func() (float64, error) {
			if *patience == 0 {
				return 0, nil
			}
			return exact.ProbAbandonAfter(30)
		}},
		{"mean time to answer, answered (s)", 1, textbook.Result.MeanAnswerTime, func() (float64, error) {
			if *patience == 0 {
				return theory.ErlangC{Lambda: exact.Lambda, MeanService: exact.MeanService, Servers: exact.Servers}.MeanWait() // every call is answered
			}
			return exact.MeanWaitAnswered()
		}},
		{"occupancy (%)", 100, textbook.Result.Occupancy, func() (float64, error) {
			if *patience == 0 {
				return theory.ErlangC{Lambda: exact.Lambda, MeanService: exact.MeanService, Servers: exact.Servers}.Occupancy()
			}
			return exact.Occupancy()
		}},
	}
	var callers uint64
	for _, r := range results {
		callers += r.Offered
	}
	fmt.Fprintf(stdout, "M/M/c+M call centre: %.4g calls/h, handle %v, patience %v, c=%d\n", *rate, *handle, patienceText(*patience), *servers)
	fmt.Fprintf(stdout, "%d replications × %.4g h after a %v warm-up, seed %d: %d calls simulated\n\n", *reps, *hours, *warm, *seed, callers)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KPI\tsimulated\t95% CI\texact")
	for _, row := range rows {
		xs := make([]float64, len(results))
		for i, r := range results {
			xs[i] = row.sim(r) * row.scale
		}
		s, err := stats.Summarise(xs)
		if err != nil {
			fmt.Fprintf(stderr, "outagesim erlang: %s: %v\n", row.name, err)
			return exitInternal
		}
		e, err := row.exact()
		if err != nil {
			fmt.Fprintf(stderr, "outagesim erlang: exact %s: %v\n", row.name, err)
			return exitInternal
		}
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f–%.2f\t%.2f\n", row.name, s.Mean, s.CI95[0], s.CI95[1], e*row.scale)
	}
	tw.Flush()
	return exitOK
}

func patienceText(p time.Duration) string {
	if p == 0 {
		return "none (no abandonment)"
	}
	return p.String()
}

func slExact(q theory.ErlangA, abandon bool) (float64, error) {
	if abandon {
		return q.SL2(60)
	}
	return theory.ErlangC{Lambda: q.Lambda, MeanService: q.MeanService, Servers: q.Servers}.ServiceLevel(60)
}
