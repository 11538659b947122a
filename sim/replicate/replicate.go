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
	// Replications is the total number of replications of the run; a
	// shard runs part of them (First, Count).
	Replications int
	Seed         uint64
	// First and Count pick the replications First … First+Count−1 to
	// simulate; Count 0 means every replication from First. Replication i
	// draws its random numbers from (Seed, i) alone, so a shard's
	// replications equal those of a run of all of them, wherever it runs.
	First, Count int
	// Workers is the number of replications simulated at once; 0 means one
	// per core. Results do not depend on it.
	Workers int
	// Progress, if set, is called after each replication is handed over,
	// with the number done and the number to do, from the calling
	// goroutine.
	Progress func(done, total int)
}

// Pair is one replication: the run as configured and, if the scenario has
// an outage, its counterfactual (nil otherwise).
type Pair struct {
	Replication            int
	Outage, Counterfactual *model.Result
}

// Run simulates the replications opts picks (all opts.Replications of
// them unless First or Count say otherwise) of cfg and calls use with
// each, in replication order, from the calling goroutine. It stops at the
// first error, from the model or from use.
func Run(cfg *model.Config, opts Options, use func(Pair) error) error {
	if opts.Replications < 1 {
		return fmt.Errorf("replications %d: want at least 1", opts.Replications)
	}
	first, count := opts.First, opts.Count
	if count == 0 {
		count = opts.Replications - first
	}
	if first < 0 || count < 1 || first+count > opts.Replications {
		return fmt.Errorf("replications %d to %d: want a range inside 0 to %d", first, first+count-1, opts.Replications-1)
	}
	m, err := newModels(cfg)
	if err != nil {
		return err
	}
	return m.run(opts, first, count, use, func(done int) { progress(opts, done, count) })
}

// Sequential runs replications in batches until more says stop: first
// replications 0 … opts.Replications−1, then after each batch, once every
// replication of it has been handed to use, as many more as more(done)
// returns (0 to stop). Replication i draws its random numbers from
// (Seed, i) alone and batches are decided between replications, never
// during them, so as long as more depends only on what use was given, the
// replications run and their results do not depend on the number of
// workers or on timing. First and Count must be zero; Progress gets the
// number done and the number run so far and in the current batch.
func Sequential(cfg *model.Config, opts Options, use func(Pair) error, more func(done int) (int, error)) error {
	if opts.Replications < 1 {
		return fmt.Errorf("replications %d: want at least 1", opts.Replications)
	}
	if opts.First != 0 || opts.Count != 0 {
		return fmt.Errorf("replications from %d (%d of them): a sequential run starts at 0 and decides how many as it goes", opts.First, opts.Count)
	}
	m, err := newModels(cfg)
	if err != nil {
		return err
	}
	done, batch := 0, opts.Replications
	for batch > 0 {
		target := done + batch
		if err := m.run(opts, done, batch, use, func(n int) { progress(opts, done+n, target) }); err != nil {
			return err
		}
		done = target
		if batch, err = more(done); err != nil {
			return err
		}
		if batch < 0 {
			return fmt.Errorf("after %d replications: %d more asked for", done, batch)
		}
	}
	return nil
}

func progress(opts Options, done, total int) {
	if opts.Progress != nil {
		opts.Progress(done, total)
	}
}

// models are a configuration's checked models: the outage (or only) run
// and, with an outage, its counterfactual.
type models struct {
	outage, cf *model.Model
}

// newModels checks cfg once; every replication then runs the checked
// models.
func newModels(cfg *model.Config) (*models, error) {
	outage, err := model.New(cfg)
	if err != nil {
		return nil, err
	}
	m := &models{outage: outage}
	if cfg.Outage != nil {
		if m.cf, err = model.New(model.Counterfactual(cfg)); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// run simulates replications first … first+count−1 on a pool of workers
// and hands them to use in order, calling handed with the number handed
// so far. A replication's outage run and its counterfactual are separate
// tasks, so two workers share even a single replication, and the last
// replications of a run leave a core idle for half as long.
func (m *models) run(opts Options, first, count int, use func(Pair) error, handed func(int)) error {
	parts := 1
	if m.cf != nil {
		parts = 2
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, count*parts)

	// Task j is part j%parts (0 the outage run, 1 its counterfactual) of
	// replication first + j/parts.
	type done struct {
		rep, part int
		r         *model.Result
		err       error
	}
	next := make(chan int)
	results := make(chan done, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range next {
				d := done{rep: first + j/parts, part: j % parts}
				mod := m.outage
				if d.part == 1 {
					mod = m.cf
				}
				d.r, d.err = mod.Run(opts.Seed, uint64(d.rep))
				results <- d
			}
		})
	}
	stop := make(chan struct{})
	go func() {
		defer close(next)
		for j := range count * parts {
			select {
			case next <- j:
			case <-stop:
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	// Hand over strictly in replication order, once both parts are in;
	// hold early finishers until their turn. At most a few results per
	// worker wait here.
	type pending struct {
		p    Pair
		have int
		err  error
	}
	waiting := map[int]*pending{}
	var errs []error
	at := first
	for d := range results {
		w := waiting[d.rep]
		if w == nil {
			w = &pending{p: Pair{Replication: d.rep}}
			waiting[d.rep] = w
		}
		w.have++
		if d.part == 0 {
			w.p.Outage = d.r
		} else {
			w.p.Counterfactual = d.r
		}
		if d.err != nil && w.err == nil {
			w.err = d.err
		}
		for {
			w, ok := waiting[at]
			if !ok || w.have < parts {
				break
			}
			delete(waiting, at)
			err := w.err
			if err == nil && len(errs) == 0 {
				err = use(w.p)
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("replication %d: %w", at, err))
			}
			at++
			handed(at - first)
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

// Shard returns the items shard k of n runs out of total: the items
// k·total/n … (k+1)·total/n − 1, as first and count. The n shards cover
// every item exactly once, in order, and differ in size by at most one;
// a shard may be empty when n > total.
func Shard(k, n, total int) (first, count int) {
	if n < 1 || k < 0 || k >= n || total < 0 {
		panic(fmt.Sprintf("replicate.Shard(%d, %d, %d): want 0 ≤ k < n and total ≥ 0", k, n, total))
	}
	first = int(int64(k) * int64(total) / int64(n))
	last := int(int64(k+1) * int64(total) / int64(n))
	return first, last - first
}
