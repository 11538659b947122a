// Package par runs the independent parts of a report's last steps (its
// charts, its files) on every core.
package par

import (
	"runtime"
	"sync"
)

// Each calls do(i) for every i in [0, n), on up to GOMAXPROCS goroutines at
// once, and returns when all have returned. Each call must write only to
// what is its own (slot i of a result slice), so that the results do not
// depend on scheduling; at most one call a core at a time keeps the peak
// memory of large parts (a chart's canvases) down.
func Each(n int, do func(i int)) {
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			do(i)
		})
	}
	wg.Wait()
}
