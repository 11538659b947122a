package replicate_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/outagesim/outagesim/sim/model"
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

// A range of replications gives exactly those replications of a full run,
// so shards of a run on different machines add up to the run.
func TestRangeMatchesFullRun(t *testing.T) {
	cfg := modeltest.Wales(true)
	collect := func(opts replicate.Options) map[int][2]float64 {
		got := map[int][2]float64{}
		var last = -1
		err := replicate.Run(cfg, opts, func(p replicate.Pair) error {
			if p.Replication <= last {
				t.Fatalf("replication %d after %d", p.Replication, last)
			}
			last = p.Replication
			got[p.Replication] = [2]float64{p.Outage.UK.CallsOffered, p.Counterfactual.UK.CallsOffered}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	full := collect(replicate.Options{Replications: 5, Seed: 9, Workers: 2})
	for _, r := range []struct{ first, count int }{{0, 2}, {2, 3}, {4, 1}, {3, 0}} {
		part := collect(replicate.Options{Replications: 5, Seed: 9, First: r.first, Count: r.count, Workers: 2})
		want := r.count
		if want == 0 {
			want = 5 - r.first
		}
		if len(part) != want {
			t.Errorf("range %d+%d gave %d replications, want %d", r.first, r.count, len(part), want)
		}
		for i, v := range part {
			if i < r.first || full[i] != v {
				t.Errorf("range %d+%d: replication %d = %v, the full run's %v", r.first, r.count, i, v, full[i])
			}
		}
	}
	use := func(replicate.Pair) error { return nil }
	for _, bad := range []struct{ first, count int }{{-1, 2}, {4, 2}, {5, 0}, {0, -1}} {
		if err := replicate.Run(cfg, replicate.Options{Replications: 5, First: bad.first, Count: bad.count}, use); err == nil {
			t.Errorf("range %d+%d of 5 accepted", bad.first, bad.count)
		}
	}
}

// Shards cover every item once, in order, and differ by at most one.
func TestShard(t *testing.T) {
	for _, total := range []int{0, 1, 7, 10, 1000} {
		for _, n := range []int{1, 2, 3, 7, 11} {
			next := 0
			for k := range n {
				first, count := replicate.Shard(k, n, total)
				if first != next || count < total/n || count > total/n+1 {
					t.Fatalf("Shard(%d, %d, %d) = %d+%d, want from %d, %d or %d items", k, n, total, first, count, next, total/n, total/n+1)
				}
				next += count
			}
			if next != total {
				t.Fatalf("%d shards of %d cover %d", n, total, next)
			}
		}
	}
	if f, c := replicate.Shard(1, 3, 10); f != 3 || c != 3 {
		t.Errorf("Shard(1, 3, 10) = %d+%d, want 3+3", f, c)
	}
}

// A sequential run hands over the replications a run of all of them
// would, in order, batch after batch, and stops where more says, whatever
// the number of workers; more is asked only between batches.
func TestSequential(t *testing.T) {
	cfg := modeltest.Wales(true)
	full := map[int]float64{}
	if err := replicate.Run(cfg, replicate.Options{Replications: 7, Seed: 4, Workers: 2}, func(p replicate.Pair) error {
		full[p.Replication] = p.Outage.UK.CallsOffered - p.Counterfactual.UK.CallsOffered
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 3} {
		var got []int
		var asked []int
		var progress [][2]int
		err := replicate.Sequential(cfg, replicate.Options{Replications: 2, Seed: 4, Workers: workers,
			Progress: func(done, total int) { progress = append(progress, [2]int{done, total}) }},
			func(p replicate.Pair) error {
				if v := p.Outage.UK.CallsOffered - p.Counterfactual.UK.CallsOffered; v != full[p.Replication] {
					t.Errorf("replication %d: impact %v, the plain run's %v", p.Replication, v, full[p.Replication])
				}
				got = append(got, p.Replication)
				return nil
			},
			func(done int) (int, error) {
				if done != len(got) {
					t.Errorf("asked for more after %d replications, %d handed over", done, len(got))
				}
				asked = append(asked, done)
				return map[int]int{2: 3, 5: 2, 7: 0}[done], nil
			})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, []int{0, 1, 2, 3, 4, 5, 6}) || !reflect.DeepEqual(asked, []int{2, 5, 7}) {
			t.Errorf("%d workers: replications %v, asked after %v; want 0..6, asked after 2, 5, 7", workers, got, asked)
		}
		if want := [][2]int{{1, 2}, {2, 2}, {3, 5}, {4, 5}, {5, 5}, {6, 7}, {7, 7}}; !reflect.DeepEqual(progress, want) {
			t.Errorf("%d workers: progress %v, want %v", workers, progress, want)
		}
	}
	use := func(replicate.Pair) error { return nil }
	stop := errors.New("no more")
	if err := replicate.Sequential(cfg, replicate.Options{Replications: 1, Seed: 4}, use,
		func(int) (int, error) { return 0, stop }); !errors.Is(err, stop) {
		t.Errorf("more's error: got %v", err)
	}
	if err := replicate.Sequential(cfg, replicate.Options{Replications: 1, Seed: 4}, use,
		func(int) (int, error) { return -1, nil }); err == nil {
		t.Error("a negative batch accepted")
	}
	if err := replicate.Sequential(cfg, replicate.Options{Replications: 2, First: 1}, use,
		func(int) (int, error) { return 0, nil }); err == nil {
		t.Error("a sequential run from replication 1 accepted")
	}
}

// A replication's two runs are separate tasks; each must come back in its
// own place, whichever worker ran it and whenever it finished.
func TestPartsComeBackInPlace(t *testing.T) {
	cfg := modeltest.Wales(true)
	for _, workers := range []int{1, 2, 4} {
		for _, reps := range []int{1, 3} {
			err := replicate.Run(cfg, replicate.Options{Replications: reps, Seed: 5, Workers: workers}, func(p replicate.Pair) error {
				out, err := model.Run(cfg, 5, uint64(p.Replication))
				if err != nil {
					return err
				}
				cf, err := model.Run(model.Counterfactual(cfg), 5, uint64(p.Replication))
				if err != nil {
					return err
				}
				if !reflect.DeepEqual(p.Outage, out) || !reflect.DeepEqual(p.Counterfactual, cf) {
					t.Errorf("%d workers, %d replications: replication %d's runs differ from model.Run's", workers, reps, p.Replication)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
}
