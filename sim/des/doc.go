// Package des is outagesim's discrete-event kernel: a typed event calendar
// ordered by (time, sequence) and a single-threaded dispatch loop.
//
// Events are small values (time, target, kind, argument) kept in an indexed
// binary heap, so scheduling and dispatching allocate nothing once the heap
// has grown to its working size, and no event is boxed in an interface.
// Events scheduled with a handle can be cancelled: the entry is removed from
// the heap at once, so cancelled timers (a caller's patience after they were
// answered) never pile up.
//
// Simultaneous events run in the order they were scheduled, which makes a
// run a pure function of its inputs and random streams.
//
// Sources are event streams merged in without the heap (arrival processes):
// the kernel keeps each source's next time and the earliest of them, so a
// source event costs a comparison instead of a push and a pop.
//
// The package must not know about calls, NHS services, files, wall-clock
// time or randomness: it orders events and nothing else.
package des
