package replicate

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/outagesim/outagesim/sim/model"
)

// Options control a set of replications.
type Options struct {
	Replications int
	Seed         uint64
	// Workers is the number of replications simulated at once; 0 means one
	// per core. Results do not depend on it.
	Workers int
	// Progress, if set, is called after each replication is handed over,
	// with the number done and the total, from the calling goroutine.
	Progress func(done, total int)
}

// Pair is one replication: the run as configured and, if the scenario has
// an outage, its counterfactual (nil otherwise).
type Pair struct {
	Replication            int
	Outage, Counterfactual *model.Result
}

// Run simulates opts.Replications replications of cfg and calls use with
// each, in replication order, from the calling goroutine. It stops at the
// first error, from the model or from use.
func Run(cfg *model.Config, opts Options, use func(Pair) error) error {
	if opts.Replications < 1 {
		return fmt.Errorf("replications %d: want at least 1", opts.Replications)
	}
	// Check once; every replication then runs the checked models.
	outage, err := model.New(cfg)
	if err != nil {
		return err
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, opts.Replications)
	var cf *model.Model
	if cfg.Outage != nil {
		if cf, err = model.New(model.Counterfactual(cfg)); err != nil {
			return err
		}
	}

	type done struct {
		p   Pair
		err error
	}
	next := make(chan int)
	results := make(chan done, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				d := done{p: Pair{Replication: i}}
				d.p.Outage, d.err = outage.Run(opts.Seed, uint64(i))
				if d.err == nil && cf != nil {
					d.p.Counterfactual, d.err = cf.Run(opts.Seed, uint64(i))
				}
				results <- d
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

	// Hand over strictly in replication order; hold early finishers until
	// their turn. At most one result per worker waits here.
	pending := map[int]done{}
	var errs []error
	handed := 0
	for d := range results {
		pending[d.p.Replication] = d
		for {
			p, ok := pending[handed]
			if !ok {
				break
			}
			delete(pending, handed)
			err := p.err
			if err == nil && len(errs) == 0 {
				err = use(p.p)
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("replication %d: %w", handed, err))
			}
			handed++
			if opts.Progress != nil {
				opts.Progress(handed, opts.Replications)
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
	return errors.Join(errs...)
}
