package dist

import (
	"math"
	"math/bits"
	"math/rand/v2"
	"strconv"
)

// empirical is the immutable alias table of an Empirical Dist, shared by
// its copies.
type empirical struct {
	slots    []aliasSlot
	mean     float64
	variance float64
}

// aliasSlot is one column of Walker's alias table: with probability cut the
// draw is own, otherwise alias. Keeping the values in the slot (rather than
// indices) makes a draw one random number and one memory access.
type aliasSlot struct {
	cut        float64
	own, alias float64
}

func (e *empirical) sample(r *rand.Rand) float64 {
	// One 64-bit draw gives both the column (high word of u·n, uniform on
	// [0, n)) and an independent-enough fraction (low word).
	col, frac := bits.Mul64(r.Uint64(), uint64(len(e.slots)))
	s := &e.slots[col]
	if float64(frac>>11)*0x1p-53 < s.cut {
		return s.own
	}
	return s.alias
}

// Empirical returns the discrete distribution that takes values[i] with
// probability weights[i] / Σweights. The slices must be non-empty and of
// equal length; values must be finite and ≥ 0, weights finite and ≥ 0 with a
// positive sum. Zero-weight values are never drawn. The slices are copied.
// Sampling uses Walker's alias method (Vose's construction): O(1) per draw.
func Empirical(values, weights []float64) (Dist, error) {
	if len(values) == 0 {
		return Dist{}, &ParamError{Kind: KindEmpirical, Param: "values", Got: "none", Allowed: "at least one value"}
	}
	if len(weights) != len(values) {
		return Dist{}, &ParamError{Kind: KindEmpirical, Param: "weights", Got: strconv.Itoa(len(weights)) + " weights",
			Allowed: "one weight per value (" + strconv.Itoa(len(values)) + ")"}
	}
	var total float64
	for i, v := range values {
		if err := checkNonNegative(KindEmpirical, "values["+strconv.Itoa(i)+"]", v); err != nil {
			return Dist{}, err
		}
		w := weights[i]
		if err := checkNonNegative(KindEmpirical, "weights["+strconv.Itoa(i)+"]", w); err != nil {
			return Dist{}, err
		}
		total += w
	}
	if !(total > 0) || math.IsInf(total, 0) {
		return Dist{}, &ParamError{Kind: KindEmpirical, Param: "weights", Got: "sum " + g(total), Allowed: "a finite sum > 0"}
	}

	n := len(values)
	e := &empirical{slots: make([]aliasSlot, n)}
	for i, v := range values {
		e.mean += weights[i] / total * v
	}
	for i, v := range values {
		dev := v - e.mean
		e.variance += weights[i] / total * dev * dev
	}
	if math.IsInf(e.mean, 0) || math.IsInf(e.variance, 0) {
		return Dist{}, &ParamError{Kind: KindEmpirical, Param: "values", Got: "mean " + g(e.mean) + ", variance " + g(e.variance), Allowed: "values whose mean and variance are finite"}
	}

	// Vose's construction: scaled probabilities n·p; pair each column below 1
	// with one above 1, in index order so the table is deterministic.
	scaled := make([]float64, n)
	small := make([]int, 0, n)
	large := make([]int, 0, n)
	for i := range values {
		scaled[i] = weights[i] / total * float64(n)
		if scaled[i] < 1 {
			small = append(small, i)
		} else {
			large = append(large, i)
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		e.slots[s] = aliasSlot{cut: scaled[s], own: values[s], alias: values[l]}
		scaled[l] -= 1 - scaled[s]
		if scaled[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	// Columns left over are 1 up to rounding. A zero-weight value left over
	// by rounding must still never be drawn: alias it to a positive one.
	positive := 0
	for weights[positive] == 0 {
		positive++
	}
	for _, i := range append(small, large...) {
		if weights[i] == 0 {
			e.slots[i] = aliasSlot{cut: 0, own: values[i], alias: values[positive]}
		} else {
			e.slots[i] = aliasSlot{cut: 1, own: values[i], alias: values[i]}
		}
	}
	return Dist{kind: KindEmpirical, x: 1, emp: e}, nil
}
