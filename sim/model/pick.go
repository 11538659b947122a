package model

import (
	"math"
	"slices"
)

// picker draws a category from fixed probabilities p with a patient's
// 32-bit uniform u: the first positive category i whose running sum
// acc = p[0] + … + p[i] (positive terms only, added in order) exceeds
// u·2⁻³², or the last positive one when rounding leaves none (u just below
// 1 with probabilities summing to 1−ε), or 0 when none is positive. The
// model drew categories that way with a loop whose exit the uniform
// decides, which mispredicted about once a draw (a tenth of a run's
// mispredicts); the picker gives the same answers from integer thresholds,
// since for an integer u
//
//	u·2⁻³² < acc  ⟺  u < acc·2³²  ⟺  u < ⌈acc·2³²⌉
//
// (scaling by 2³² is exact). The answer is the category after the k
// thresholds at or below u. For most values of u's top byte every u with
// that byte has the same answer, which start holds, so a draw reads one
// byte of a 256-byte table (the thresholds, read otherwise, were a cache
// miss a draw more); a byte whose range holds a threshold says so with
// its top bit and where the walk over the thresholds starts.
type picker struct {
	start [256]uint8
	// thr are the thresholds of the positive categories in order; idx[k]
	// the category drawn when k thresholds are at or below u.
	thr []uint64
	idx []int32
	// wide: more categories than a start entry can name (127); every
	// draw then searches the thresholds (see newPicker).
	wide bool
	// only is the category every uniform draws (one region, say), or −1:
	// a patient's uniform need not then be drawn at all (see rng.Blocks).
	only int32
}

// straddles marks a start entry whose top byte's range holds a threshold.
const straddles = 0x80

// newPicker precomputes the draws from p. Up to 127 categories (every
// library scenario's) a draw reads the start table; beyond that (a
// scenario's own regions or providers by the hundred) every start entry
// sends the draw to a binary search of the thresholds, which gives the
// same answers.
func newPicker(p []float64) *picker {
	pk := &picker{wide: len(p) >= straddles, only: -1}
	acc := 0.0
	last := int32(0)
	for i, x := range p {
		if x <= 0 {
			continue
		}
		acc += x
		last = int32(i)
		// acc·2³² is exact; a threshold above 2³² - 1 is never reached by
		// a uniform (also for sums above 1 or infinite).
		t := uint64(1) << 32
		if v := math.Ceil(acc * (1 << 32)); v < 1<<32 {
			t = uint64(v)
		}
		pk.thr = append(pk.thr, t)
		pk.idx = append(pk.idx, int32(i))
	}
	pk.idx = append(pk.idx, last)
	// With no threshold a uniform can reach, every uniform draws idx[0]:
	// the first positive category, or 0 when none is.
	if len(pk.thr) == 0 || pk.thr[0] == 1<<32 {
		pk.only = pk.idx[0]
	}
	if pk.wide {
		for b := range pk.start {
			pk.start[b] = straddles
		}
		return pk
	}
	for b := range pk.start {
		lo, hi := uint64(b)<<24, uint64(b+1)<<24-1
		if k := pk.count(lo, 0); k == pk.count(hi, k) {
			pk.start[b] = uint8(pk.idx[k])
		} else {
			pk.start[b] = straddles | uint8(k)
		}
	}
	return pk
}

// count is the number of thresholds at or below u, counting from the
// k-th (those before it are known to be).
func (pk *picker) count(u uint64, k int) int {
	for k < len(pk.thr) && u >= pk.thr[k] {
		k++
	}
	return k
}

// pick draws the category of uniform u.
func (pk *picker) pick(u uint32) int {
	if e := pk.start[u>>24]; e&straddles == 0 {
		return int(e)
	}
	return pk.pickSlow(u)
}

// pickSlow is kept out of line so that pick inlines small.
//
//go:noinline
func (pk *picker) pickSlow(u uint32) int {
	if pk.wide {
		// The number of thresholds at or below u.
		k, _ := slices.BinarySearch(pk.thr, uint64(u)+1)
		return int(pk.idx[k])
	}
	return int(pk.idx[pk.count(uint64(u), int(pk.start[u>>24]&^straddles))])
}
