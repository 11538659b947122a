// Package dist provides the probability distributions of the simulator's
// durations: handle times, patience, redial delays, consult times.
//
// A distribution is a Dist: a small concrete value (a kind and its
// parameters), not an interface, so that sampling on the simulator's hot path
// is a direct call with no boxing, no allocation and one switch. Dists are
// built by constructors that check their parameters and say which one is
// wrong and what is allowed; the zero Dist is invalid. A Dist is immutable,
// so copies may be shared freely, also between goroutines (each goroutine
// with its own *rand.Rand).
//
// All values are non-negative (they are durations in seconds, or
// multipliers). Continuous distributions are parameterised the way planners
// quote them: by mean and coefficient of variation (CV = standard deviation /
// mean) where that makes sense.
//
// Fill draws many values at once, and Ahead hands them out one at a time
// from a stream of its own: the same values in the same order as Sample,
// faster on the hot path.
//
// Package dist must not read files, use a global or time-seeded random
// generator, or log: randomness comes only from the *rand.Rand passed to
// Sample, Fill or NewAhead.
package dist
