package rng

import "math/bits"

// Blocks cuts a PCG stream into blocks of n consecutive draws and hands out
// each block as a Block, whose draws may then be taken in any order, more
// than once, or not at all: Block.Uint64(j) is the stream's draw j of the
// block, the number math/rand/v2's PCG with the same seeds would return for
// that place in its sequence.
//
// Why: a patient's uniforms are a block of the patient stream, drawn on
// arrival so that the patient makes the same choices in an outage run and
// its counterfactual (common random numbers). Drawing every one in order is
// a chain of dependent 128-bit multiplications, each waiting for the last,
// though most patients use only a few of their uniforms. A Block is the
// generator's state at the block's start, and a draw is one jump from it:
// the stream moves on by n draws in a single multiplication, and the draws a
// patient never uses cost nothing.
//
// PCG's state advances by s ← a·s + c (mod 2^128), so k steps are again an
// affine map, a^k·s + c·(a^(k−1) + … + 1): the jumps are computed once, by
// composing the step with itself.
type Blocks struct {
	hi, lo uint64 // the state before the next block's first draw
	skip   affine // n steps
}

// Block is one block of draws: the generator's state before the block's
// first draw.
type Block struct{ hi, lo uint64 }

// MaxBlock is the most draws a block may hold.
const MaxBlock = 64

// NewBlocks returns the stream of PCG(seed1, seed2) cut into blocks of n
// draws (1 ≤ n ≤ MaxBlock).
func NewBlocks(seed1, seed2 uint64, n int) *Blocks {
	if n < 1 || n > MaxBlock {
		panic("rng: block size out of range")
	}
	return &Blocks{hi: seed1, lo: seed2, skip: jumps[n]}
}

// Blocks returns the numbers of Stream(purpose) cut into blocks of n draws.
func (s Source) Blocks(purpose string, n int) *Blocks {
	hi, lo := Seeds(s.Seed, s.Replication, purpose)
	return NewBlocks(hi, lo, n)
}

// Next returns the next block and moves the stream past it.
func (b *Blocks) Next() Block {
	k := Block{b.hi, b.lo}
	b.hi, b.lo = b.skip.apply(b.hi, b.lo)
	return k
}

// Uint64 is draw j of the block, 0 ≤ j < the block size.
func (k Block) Uint64(j int) uint64 { return k.at(&jumps[j+1]) }

// Uint32 is the block's 32-bit half i: the low half of draw i/2 when i is
// even, the high half when odd (0 ≤ i < 2n).
func (k Block) Uint32(i int) uint32 {
	h := &halves[i]
	return uint32(k.at(&h.affine) >> h.shift)
}

// at is the draw from the state a takes the block's start to, through
// PCG's output function, DXSM ("double xorshift multiply", as in
// math/rand/v2). a.apply is written out: called, it would make Uint32 too
// costly to inline (89 against the compiler's budget of 80).
func (k Block) at(a *affine) uint64 {
	h, l := bits.Mul64(k.lo, a.mulLo)
	l, c := bits.Add64(l, a.addLo, 0)
	h += k.hi*a.mulLo + k.lo*a.mulHi + a.addHi + c
	h ^= h >> 32
	h *= cheapMul
	h ^= h >> 48
	return h * (l | 1)
}

// affine is the map s ↦ mul·s + add on 128-bit states.
type affine struct{ mulHi, mulLo, addHi, addLo uint64 }

// apply maps the state (hi, lo).
func (a *affine) apply(hi, lo uint64) (uint64, uint64) {
	h, l := bits.Mul64(lo, a.mulLo)
	l, c := bits.Add64(l, a.addLo, 0)
	return h + hi*a.mulLo + lo*a.mulHi + a.addHi + c, l
}

// then is the map "a, then b".
func (a affine) then(b affine) affine {
	// b(a(s)) = b.mul·a.mul·s + (b.mul·a.add + b.add)
	mh, ml := bits.Mul64(a.mulLo, b.mulLo)
	mh += a.mulHi*b.mulLo + a.mulLo*b.mulHi
	ah, al := b.apply(a.addHi, a.addLo)
	return affine{mulHi: mh, mulLo: ml, addHi: ah, addLo: al}
}

// cheapMul is the multiplier of DXSM, PCG's output function.
const cheapMul = 0xda942042e4dd58b5

// step is one step of math/rand/v2's PCG: its multiplier and increment
// (pcg.go, from O'Neill's pcg-cpp).
var step = affine{
	mulHi: 2549297995355413924, mulLo: 4865540595714422341,
	addHi: 6364136223846793005, addLo: 1442695040888963407,
}

// halves[i] is the jump to the draw of Block.Uint32(i), and the shift
// that picks its half.
var halves = func() (hs [2 * MaxBlock]struct {
	affine
	shift uint
}) {
	for i := range hs {
		hs[i].affine, hs[i].shift = jumps[i/2+1], uint(32*(i%2))
	}
	return hs
}()

// jumps[k] is k steps: to a block's draw k−1, and for k = n past a block
// of n.
var jumps = func() (js [MaxBlock + 1]affine) {
	js[0] = affine{mulLo: 1}
	for k := 1; k <= MaxBlock; k++ {
		js[k] = js[k-1].then(step)
	}
	return js
}()
