package dist

import "math"

// expAll replaces each value of x by its math.Exp, bit for bit, four at a
// time where the processor allows (exp_amd64.s). math.Exp was about 5% of
// an outage run's profile, most of it Fill's sixteen calls at a time, each
// through the assembly function's ABI wrapper.
func expAll(x []float64) {
	for len(x) > 0 {
		x = x[expLeading(x):]
		// A value the vector version leaves, and the rest of its group,
		// one at a time.
		for n := min(len(x), 4); n > 0; n-- {
			x[0] = math.Exp(x[0])
			x = x[1:]
		}
	}
}
