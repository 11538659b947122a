package rng

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// A block's draws, in any order, are the PCG stream's in sequence.
func TestBlocksAreThePCGStream(t *testing.T) {
	order := rand.New(rand.NewPCG(9, 9))
	for _, n := range []int{1, 2, 3, 6, 7, 12, 63, MaxBlock} {
		for _, seeds := range [][2]uint64{{0, 0}, {1, 2}, {^uint64(0), ^uint64(0)}, {0x9e3779b97f4a7c15, 42}} {
			ref := rand.NewPCG(seeds[0], seeds[1])
			bs := NewBlocks(seeds[0], seeds[1], n)
			for blk := range 2000 / n {
				k := bs.Next()
				want := make([]uint64, n)
				for j := range want {
					want[j] = ref.Uint64()
				}
				for _, j := range order.Perm(n) {
					if got := k.Uint64(j); got != want[j] {
						t.Fatalf("n=%d seeds %#x: block %d draw %d = %#x, want %#x", n, seeds, blk, j, got, want[j])
					}
				}
				if got := k.Uint64(0); got != want[0] {
					t.Fatalf("n=%d: draw 0 again = %#x, want %#x", n, got, want[0])
				}
			}
		}
	}
}

// Uint32(i) is the low half of draw i/2 for even i, the high half for odd:
// a patient's uniforms.
func TestBlockHalvesAreThePCGDrawsHalves(t *testing.T) {
	for _, n := range []int{1, 2, 6, 17, MaxBlock} {
		for _, seeds := range [][2]uint64{{1, 2}, {^uint64(0), 0}, {0x9e3779b97f4a7c15, 42}} {
			ref := rand.NewPCG(seeds[0], seeds[1])
			bs := NewBlocks(seeds[0], seeds[1], n)
			for blk := range 3000 / n {
				k := bs.Next()
				for j := range n {
					x := ref.Uint64()
					if lo, hi := k.Uint32(2*j), k.Uint32(2*j+1); lo != uint32(x) || hi != uint32(x>>32) {
						t.Fatalf("n=%d seeds %#x block %d draw %d: halves %#x %#x, want %#x %#x", n, seeds, blk, j, lo, hi, uint32(x), uint32(x>>32))
					}
				}
			}
		}
	}
}

func TestSourceBlocksMatchStream(t *testing.T) {
	s := Source{Seed: 7, Replication: 3}
	r, bs := s.Stream("patient/x"), s.Blocks("patient/x", 6)
	for blk := range 1000 {
		k := bs.Next()
		for j := range 6 {
			if a, b := r.Uint64(), k.Uint64(j); a != b {
				t.Fatalf("block %d draw %d: Stream %#x, Blocks %#x", blk, j, a, b)
			}
		}
	}
}

func TestNewBlocksRejectsBadSize(t *testing.T) {
	for _, n := range []int{0, -1, MaxBlock + 1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewBlocks(_, _, %d) did not panic", n)
				}
			}()
			NewBlocks(1, 2, n)
		}()
	}
}

func ExampleBlocks() {
	// Three patients' blocks of four draws; the second uses only its last.
	s := Source{Seed: 2024, Replication: 0}
	bs, seq := s.Blocks("patient/demo", 4), s.Stream("patient/demo")
	bs.Next()
	second := bs.Next()
	for range 4 + 3 {
		seq.Uint64()
	}
	fmt.Println(second.Uint64(3) == seq.Uint64())
	// Output: true
}

func BenchmarkBlockOfSixTwoUsed(b *testing.B) {
	bs := NewBlocks(1, 2, 6)
	var x uint64
	for b.Loop() {
		k := bs.Next()
		x += k.Uint64(0) ^ k.Uint64(5)
	}
	sink = x
}

func BenchmarkSixSequentialDraws(b *testing.B) {
	p := rand.NewPCG(1, 2)
	var x uint64
	for b.Loop() {
		a0, a1, a2, a3, a4, a5 := p.Uint64(), p.Uint64(), p.Uint64(), p.Uint64(), p.Uint64(), p.Uint64()
		x += a0 ^ a1 ^ a2 ^ a3 ^ a4 ^ a5
	}
	sink = x
}

var sink uint64
