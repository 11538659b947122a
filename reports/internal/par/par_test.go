package par

import (
	"runtime"
	"sync/atomic"
	"testing"
)

func TestEachCallsEveryIndexOnceAtMostOneACore(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 100} {
		calls := make([]int32, n)
		var running, most atomic.Int32
		Each(n, func(i int) {
			r := running.Add(1)
			for {
				m := most.Load()
				if r <= m || most.CompareAndSwap(m, r) {
					break
				}
			}
			atomic.AddInt32(&calls[i], 1)
			runtime.Gosched()
			running.Add(-1)
		})
		for i, c := range calls {
			if c != 1 {
				t.Fatalf("n %d: index %d called %d times, want once", n, i, c)
			}
		}
		if m := int(most.Load()); m > runtime.GOMAXPROCS(0) {
			t.Fatalf("n %d: %d calls at once, want at most %d", n, m, runtime.GOMAXPROCS(0))
		}
	}
}
