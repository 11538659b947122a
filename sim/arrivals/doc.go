// Package arrivals generates the arrival times of callers: a
// non-homogeneous Poisson process whose rate λ(t) is piecewise constant
// (calls per second, one piece per hour or per any other interval).
//
// Arrivals are sampled exactly by inversion of the cumulative intensity
// Λ(t) = ∫λ: each gap is an Exp(1) amount of Λ, spent piece by piece, and
// what a piece does not use is carried into the next one. So a short surge
// gets exactly its expected ∫λ callers, and a zero-rate piece gets none.
//
// Package arrivals must not draw the next gap from the rate at the current
// time (the pitfall that under- or over-fills short high-rate windows), and
// must not allocate per arrival, read files, or use a global or time-seeded
// random generator: randomness comes only from the *rand.Rand passed to
// Next, or the Exp(1) draws passed to Spend.
package arrivals
