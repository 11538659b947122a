package replicate_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/outagesim/outagesim/sim/model/modeltest"
	"github.com/outagesim/outagesim/sim/replicate"
)

// Replications arrive in order with their counterfactuals, and the same
// seed gives the same results whatever the number of workers.
func TestOrderAndWorkers(t *testing.T) {
	cfg := modeltest.Wales(true)
	collect := func(workers int) ([]int, []float64) {
		var order []int
		var offered []float64
		var progress []int
		err := replicate.Run(cfg, replicate.Options{Replications: 5, Seed: 3, Workers: workers,
			Progress: func(done, total int) { progress = append(progress, done) }},
			func(p replicate.Pair) error {
				if p.Counterfactual == nil {
					t.Fatal("an outage scenario's replication came without its counterfactual")
				}
				order = append(order, p.Replication)
				offered = append(offered, p.Outage.UK.CallsOffered, p.Counterfactual.UK.CallsOffered)
				return nil
			})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(progress, []int{1, 2, 3, 4, 5}) {
			t.Errorf("progress %v, want 1..5", progress)
		}
		return order, offered
	}
	o1, v1 := collect(1)
	o2, v2 := collect(3)
	if !reflect.DeepEqual(o1, []int{0, 1, 2, 3, 4}) || !reflect.DeepEqual(o1, o2) {
		t.Errorf("order %v and %v, want 0..4", o1, o2)
	}
	if !reflect.DeepEqual(v1, v2) {
		t.Error("1 and 3 workers gave different results")
	}
}

func TestStopsAtTheCallersError(t *testing.T) {
	stop := errors.New("enough")
	n := 0
	err := replicate.Run(modeltest.Wales(false), replicate.Options{Replications: 6, Seed: 1, Workers: 2},
		func(p replicate.Pair) error {
			n++
			if p.Counterfactual != nil {
				t.Error("a scenario without an outage has no counterfactual")
			}
			if p.Replication == 1 {
				return stop
			}
			return nil
		})
	if !errors.Is(err, stop) || n != 2 {
		t.Errorf("err %v after %d replications, want %v after 2", err, n, stop)
	}
}

func TestRejectsBadInput(t *testing.T) {
	use := func(replicate.Pair) error { return nil }
	if err := replicate.Run(modeltest.Wales(true), replicate.Options{}, use); err == nil {
		t.Error("0 replications accepted")
	}
	bad := modeltest.Wales(true)
	bad.Horizon = -1
	if err := replicate.Run(bad, replicate.Options{Replications: 2}, use); err == nil {
		t.Error("an invalid config ran")
	}
}
