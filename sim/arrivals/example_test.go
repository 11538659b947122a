package arrivals_test

import (
	"fmt"

	"github.com/outagesim/outagesim/sim/arrivals"
	"github.com/outagesim/outagesim/sim/rng"
)

func Example() {
	// 60 calls/h for two hours, then a 15-minute surge at 180/h.
	const hour = 3600.0
	rate := arrivals.Piecewise{
		Breaks: []float64{0, 2 * hour, 2.25 * hour},
		Rates:  []float64{60 / hour, 180 / hour},
	}
	fmt.Printf("expected calls: %.0f\n", rate.Integral(0, rate.End()))

	proc, err := arrivals.NewProcess(rate, 0, rate.End())
	if err != nil {
		panic(err)
	}
	r := rng.New(1, 0, "arrivals/england")
	n := 0
	for {
		t, ok := proc.Next(r)
		if !ok {
			break
		}
		if n < 3 {
			fmt.Printf("call at %.1f s\n", t)
		}
		n++
	}
	fmt.Println("calls:", n)
	// Output:
	// expected calls: 165
	// call at 123.6 s
	// call at 133.4 s
	// call at 188.0 s
	// calls: 155
}
