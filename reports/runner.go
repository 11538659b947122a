package reports

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/outagesim/outagesim/sim/model"
)

// RunOptions control a set of replications.
type RunOptions struct {
	Replications int
	Seed         uint64
	// Workers is the number of replications simulated at once; 0 means one
	// per core. Results do not depend on it.
	Workers int
	// Progress, if set, is called after each replication is reduced, with
	// the number done and the total, from the calling goroutine.
	Progress func(done, total int)
}

// pair is one replication: the run as configured and, if the scenario has
// an outage, its counterfactual.
type pair struct {
	outage, counterfactual *model.Result
	err                    error
}

// Run simulates opts.Replications replications of cfg, each with its
// counterfactual when cfg has an outage, and reduces them in replication
// order into an Aggregate. Metadata (scenario hash, tool version,
// command) is the caller's to fill in.
func Run(cfg *model.Config, opts RunOptions) (*Aggregate, error) {
	if opts.Replications < 1 {
		return nil, fmt.Errorf("replications %d: want at least 1", opts.Replications)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, opts.Replications)
	var cf *model.Config
	if cfg.Outage != nil {
		cf = model.Counterfactual(cfg)
	}

	type done struct {
		i int
		p pair
	}
	next := make(chan int)
	results := make(chan done, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				var p pair
				p.outage, p.err = model.Run(cfg, opts.Seed, uint64(i))
				if p.err == nil && cf != nil {
					p.counterfactual, p.err = model.Run(cf, opts.Seed, uint64(i))
				}
				results <- done{i, p}
			}
		})
	}
	stop := make(chan struct{})
	go func() {
		defer close(next)
		for i := range opts.Replications {
			select {
			case next <- i:
			case <-stop:
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	agg := newAggregate(cfg, opts)
	// Reduce strictly in replication order; hold early finishers until
	// their turn. At most one result per worker waits here.
	pending := map[int]pair{}
	var errs []error
	reduced := 0
	for d := range results {
		pending[d.i] = d.p
		for {
			p, ok := pending[reduced]
			if !ok {
				break
			}
			delete(pending, reduced)
			if p.err != nil {
				errs = append(errs, fmt.Errorf("replication %d: %w", reduced, p.err))
			} else if len(errs) == 0 {
				agg.add(p)
			}
			reduced++
			if opts.Progress != nil {
				opts.Progress(reduced, opts.Replications)
			}
		}
		if len(errs) > 0 {
			select {
			case <-stop:
			default:
				close(stop)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if err := agg.finish(); err != nil {
		return nil, err
	}
	return agg, nil
}
