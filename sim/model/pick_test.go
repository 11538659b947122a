package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

// pickRef is how categories were drawn before picker: the reference the
// picker must match for every uniform.
func pickRef(p []float64, u float64) int {
	acc := 0.0
	last := 0
	for i, x := range p {
		if x <= 0 {
			continue
		}
		acc += x
		last = i
		if u < acc {
			return i
		}
	}
	return last
}

func TestPickerMatchesTheRunningSum(t *testing.T) {
	third := 1.0 / 3
	cases := map[string][]float64{
		"none positive":     {0, 0, 0},
		"one":               {1},
		"zeros between":     {0, 0.25, 0, 0, 0.5, 0, 0.25, 0},
		"thirds":            {third, third, third},
		"sum below 1":       {0.3, 0.3, 0.3999999999},
		"sum above 1":       {0.6, 0.6},
		"tiny":              {1e-12, 1 - 1e-12},
		"nhs dispositions":  {0.09, 0.08, 0.34, 0.2, 0.03, 0.05, 0.02, 0.01, 0.06, 0.12},
		"unnormalised":      {2, 5, 1},
		"negative and zero": {-1, 0, 0.5, 0.5},
		"infinite":          {0.5, math.Inf(1), 0.5},
		// Past the start table's 127 names: a scenario's own regions or
		// providers by the hundred.
		"127 equal":       equalShares(127, 0),
		"128 equal":       equalShares(128, 0),
		"300 with zeros":  equalShares(300, 3),
		"1000 with zeros": equalShares(1000, 7),
	}
	r := rand.New(rand.NewPCG(1, 2))
	for name, p := range cases {
		pk := newPicker(p)
		check := func(u uint32) {
			got, want := pk.pick(u), pickRef(p, float64(u)*(1.0/(1<<32)))
			if got != want {
				t.Fatalf("%s: u=%d: picker %d, running sum %d", name, u, got, want)
			}
			if pk.only >= 0 && got != int(pk.only) {
				t.Fatalf("%s: u=%d: picker %d, but only says every uniform draws %d", name, u, got, pk.only)
			}
		}
		for _, u := range []uint32{0, 1, math.MaxUint32, math.MaxUint32 - 1, 1 << 31} {
			check(u)
		}
		// Either side of every threshold, where an off-by-one would show.
		for _, th := range pk.thr {
			for d := int64(-2); d <= 2; d++ {
				if v := int64(th) + d; v >= 0 && v <= math.MaxUint32 {
					check(uint32(v))
				}
			}
		}
		for range 100000 {
			check(r.Uint32())
		}
	}
}

// only names the category when the draw is certain, so that the model
// can skip drawing the uniform; never when it is not.
func TestPickerOnly(t *testing.T) {
	for _, tt := range []struct {
		p    []float64
		want int32
	}{
		{[]float64{1}, 0},
		{[]float64{0, 1, 0}, 1},
		{[]float64{0, 0, 0}, 0},
		{[]float64{-1, 2}, 1},
		{[]float64{0.5, 0.5}, -1},
		{[]float64{1 - 1e-15, 1e-15}, 0}, // beyond a 32-bit uniform's resolution
		{[]float64{1 - 1e-9, 1e-9}, -1},
		{[]float64{1e-300, 1}, -1}, // the first category's threshold is 1: u = 0 draws it
		{[]float64{math.Inf(1), 1}, 0},
	} {
		if got := newPicker(tt.p).only; got != tt.want {
			t.Errorf("newPicker(%v).only = %d, want %d", tt.p, got, tt.want)
		}
	}
}

// equalShares is n equal probabilities, every k-th zero (k > 0).
func equalShares(n, k int) []float64 {
	p := make([]float64, n)
	for i := range p {
		if k == 0 || i%k != 0 {
			p[i] = 1 / float64(n)
		}
	}
	return p
}
