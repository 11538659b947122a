// Command baremmcm is the peer comparison's third column: the reference
// M/M/c+M call centre (λ = 100/h, mean handle 6 min, mean patience 5 min,
// c = 12) as a bare loop written for this one model, with no event
// calendar, no queue library and no statistics beyond the three the
// comparison checks. It is the practical limit a general simulator can
// approach, so docs/performance.md can say how close outagesim's path comes
// to it. Prints one line of JSON, with the keys of simpy_mmcm.py.
//
//	go run ./docs/perf/baremmcm -callers 1000000
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"time"
)

const (
	servers      = 12
	rate         = 100.0 / 3600 // arrivals a second
	meanHandle   = 360.0
	meanPatience = 300.0
	answerTarget = 60.0
	abandonAfter = 30.0
)

// waiter is a caller in the queue.
type waiter struct {
	arrived, deadline, handle float64
}

type result struct {
	Callers     int     `json:"callers"`
	Seconds     float64 `json:"seconds"`
	CallersPerS int     `json:"callers_per_s"`
	Within60Pct float64 `json:"answered_within_60s_pct"`
	AbandonPct  float64 `json:"abandoned_pct"`
	MeanAnswerS float64 `json:"mean_answer_s"`
}

func main() {
	callers := flag.Int("callers", 1_000_000, "callers to simulate")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *callers < 1 {
		fmt.Fprintln(os.Stderr, "baremmcm: -callers must be at least 1")
		os.Exit(2)
	}
	began := time.Now()
	r := simulate(*callers, *seed)
	r.Seconds = time.Since(began).Seconds()
	r.CallersPerS = int(math.Round(float64(r.Callers) / r.Seconds))
	if err := json.NewEncoder(os.Stdout).Encode(r); err != nil {
		fmt.Fprintln(os.Stderr, "baremmcm:", err)
		os.Exit(1)
	}
}

// simulate runs the call centre, starting empty, until n callers have
// arrived and every one of them has left.
func simulate(n int, seed uint64) result {
	rng := rand.New(rand.NewPCG(seed, 0))
	var done [servers]float64 // each handler's end of call, +Inf when free
	for i := range done {
		done[i] = math.Inf(1)
	}
	var queue []waiter // in arrival order: the head is answered first
	offered, answered, within, abandonedLate := 0, 0, 0, 0
	waitSum := 0.0
	nextArrival := rng.ExpFloat64() / rate
	answer := func(s int, now float64, w waiter) {
		wait := now - w.arrived
		answered++
		waitSum += wait
		if wait <= answerTarget {
			within++
		}
		done[s] = now + w.handle
	}
	for {
		// The earliest of the three kinds of event: an arrival, the end of
		// a call, a caller giving up. With c = 12 and a short queue, scans
		// beat any heap.
		s, tDone := 0, done[0]
		for i := 1; i < servers; i++ {
			if done[i] < tDone {
				s, tDone = i, done[i]
			}
		}
		q, tGive := -1, math.Inf(1)
		for i := range queue {
			if queue[i].deadline < tGive {
				q, tGive = i, queue[i].deadline
			}
		}
		tArr := math.Inf(1)
		if offered < n {
			tArr = nextArrival
		}
		switch {
		case tArr <= tDone && tArr <= tGive:
			if math.IsInf(tArr, 1) {
				return result{
					Callers:     offered,
					Within60Pct: 100 * float64(within) / float64(answered),
					AbandonPct:  100 * float64(abandonedLate) / float64(offered),
					MeanAnswerS: waitSum / float64(answered),
				}
			}
			offered++
			w := waiter{arrived: tArr, deadline: tArr + rng.ExpFloat64()*meanPatience, handle: rng.ExpFloat64() * meanHandle}
			nextArrival = tArr + rng.ExpFloat64()/rate
			free := -1
			for i := range done {
				if math.IsInf(done[i], 1) {
					free = i
					break
				}
			}
			if free >= 0 && len(queue) == 0 {
				answer(free, tArr, w)
			} else {
				queue = append(queue, w)
			}
		case tDone <= tGive:
			done[s] = math.Inf(1)
			if len(queue) > 0 {
				w := queue[0]
				queue = queue[1:]
				answer(s, tDone, w)
			}
		default:
			if tGive-queue[q].arrived > abandonAfter {
				abandonedLate++
			}
			queue = append(queue[:q], queue[q+1:]...)
		}
	}
}
