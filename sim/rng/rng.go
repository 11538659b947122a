package rng

import "math/rand/v2"

// New returns the PCG stream for purpose in the given replication of a run
// with the given scenario seed. Equal arguments give equal streams.
func New(seed, replication uint64, purpose string) *rand.Rand {
	return rand.New(NewPCG(seed, replication, purpose))
}

// NewPCG returns the PCG source behind New, for callers that keep the
// source by value or want to reseed it.
func NewPCG(seed, replication uint64, purpose string) *rand.PCG {
	hi, lo := Seeds(seed, replication, purpose)
	return rand.NewPCG(hi, lo)
}

// Seeds returns the two PCG seeds for (seed, replication, purpose).
//
// The purpose is hashed with 64-bit FNV-1a; the seed, the replication and
// that hash are absorbed one after another through the SplitMix64 finaliser
// (a bijection on uint64), so for a fixed seed and replication distinct
// purpose hashes give distinct states. Two SplitMix64 steps from that state
// give the seeds.
func Seeds(seed, replication uint64, purpose string) (hi, lo uint64) {
	state := mix(seed + golden)
	state = mix(state ^ (replication + golden))
	state = mix(state ^ fnv1a(purpose))
	state += golden
	hi = mix(state)
	state += golden
	lo = mix(state)
	return hi, lo
}

// Source is a run's seed and replication: the part of a stream's identity
// shared by every stream of one replication.
type Source struct {
	Seed        uint64 // Seed is the scenario seed.
	Replication uint64 // Replication is the replication index, from 0.
}

// Stream returns the stream for purpose; it is New(s.Seed, s.Replication, purpose).
func (s Source) Stream(purpose string) *rand.Rand {
	return New(s.Seed, s.Replication, purpose)
}

// golden is 2^64 divided by the golden ratio, SplitMix64's increment.
const golden = 0x9e3779b97f4a7c15

// mix is the SplitMix64 output function (Stafford's variant 13).
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// fnv1a is the 64-bit FNV-1a hash of s.
func fnv1a(s string) uint64 {
	const (
		offset = 0xcbf29ce484222325
		prime  = 0x100000001b3
	)
	h := uint64(offset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime
	}
	return h
}
