// Package des is outagesim's discrete-event kernel: a typed event calendar
// ordered by (time, sequence) and a single-threaded dispatch loop.
//
// Events are small values (time, target, kind, argument) kept in a radix
// heap over the bits of their times (the calendar is monotone: nothing is
// scheduled before the last event taken out), so scheduling appends to a
// bucket, taking the earliest event moves a few entries down, and neither
// allocates once the buckets have grown to their working size; no event is
// boxed in an interface. Events scheduled with a handle can be cancelled:
// the handle's slot knows where the event is, so it is removed at once and
// cancelled timers (a caller's patience after they were answered) never
// pile up.
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
