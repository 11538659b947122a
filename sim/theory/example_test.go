package theory_test

import (
	"fmt"

	"github.com/outagesim/outagesim/sim/theory"
)

// The NHS 111 KPIs for validation.md case EA3, in minutes: 100 calls per
// 30 min, 3 min handling, 5 min mean patience, 14 call handlers.
func ExampleErlangA() {
	q := theory.ErlangA{Lambda: 100.0 / 30, MeanService: 3, MeanPatience: 5, Servers: 14}
	pab, _ := q.ProbAbandon()
	sl2, _ := q.SL2(60.0 / 60)               // of calls answered, % within 60 s
	late, _ := q.ProbAbandonAfter(30.0 / 60) // abandoned after waiting > 30 s
	asa, _ := q.MeanWaitAnswered()
	fmt.Printf("P(Ab) = %.6f\n", pab)
	fmt.Printf("SL2(60 s) = %.6f\n", sl2)
	fmt.Printf("P(Ab, W > 30 s) = %.6f\n", late)
	fmt.Printf("ASA answered = %.3f s\n", asa*60)
	// Output:
	// P(Ab) = 0.013984
	// SL2(60 s) = 0.983550
	// P(Ab, W > 30 s) = 0.004674
	// ASA answered = 3.878 s
}

// Call Centre Helper's worked Erlang C example (validation.md C3b), in
// seconds.
func ExampleErlangC() {
	q := theory.ErlangC{Lambda: 100.0 / 1800, MeanService: 180, Servers: 14}
	pw, _ := q.ProbWait()
	sl, _ := q.ServiceLevel(20)
	asa, _ := q.MeanWait()
	fmt.Printf("P(W>0) = %.4f, SL(20 s) = %.4f, ASA = %.2f s\n", pw, sl, asa)
	// Output:
	// P(W>0) = 0.1741, SL(20 s) = 0.8884, ASA = 7.84 s
}

// validation.md TV2: the M_t/M/∞ mean just after the rate triples at 8 h.
func ExampleMtMInfPiecewise() {
	rate := theory.PiecewiseRate{Edges: []float64{0, 8, 16, 24}, Rates: []float64{60, 180, 90}}
	for _, t := range []float64{8, 8.1, 8.5} {
		m, _ := theory.MtMInfPiecewise(rate, 10, 0, t)
		fmt.Printf("m(%.1f) = %.4f\n", t, m)
	}
	// Output:
	// m(8.0) = 6.0000
	// m(8.1) = 13.5854
	// m(8.5) = 17.9191
}
