// Package des is outagesim's discrete-event kernel: a typed event calendar
// ordered by (time, sequence) and a single-threaded dispatch loop.
//
// Events are small values (time, target, kind, argument) kept in binary
// heaps, so scheduling and dispatching allocate nothing once the heaps have
// grown to their working size, and no event is boxed in an interface.
// Events scheduled with a handle can be cancelled: they live in an indexed
// heap and are removed at once, so cancelled timers (a caller's patience
// after they were answered) never pile up. Events that cannot be cancelled
// live in a second, plain heap that keeps no positions; the two share one
// sequence counter, so together they keep one (time, sequence) order.
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
