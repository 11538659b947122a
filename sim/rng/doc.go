// Package rng derives the simulator's random number streams.
//
// Every stream is a math/rand/v2 PCG generator whose two 64-bit seeds are a
// hash of (scenario seed, replication, purpose). A purpose is a short stable
// name such as "arrivals/england" or "handle-time". Because each stream
// depends only on its own triple, adding a stream, reordering the code that
// creates streams, or running replications on more workers changes no other
// stream's draws; and the outage run and its counterfactual see the same
// draws for the same purpose (common random numbers).
//
// Package rng must not use a global generator, the wall clock, or any other
// source of entropy: the same triple always gives the same stream.
package rng
