// Package des is outagesim's discrete-event kernel: a typed event calendar
// ordered by time, then by the order events were scheduled, and a
// single-threaded dispatch loop.
//
// Events are small values (time, target, kind, argument) kept in a timing
// wheel: buckets of one width of time, a ring of them covering the near
// future and a binary heap for the events beyond it (the calendar is
// monotone: nothing is scheduled before the last event taken out). The
// width follows the mean gap between events, so a bucket holds a few;
// scheduling puts an event at the head of its bucket's short list, and a
// list is put in order when its bucket is the first non-empty one (found
// with a bitmap), so the earliest event heads it and is known at all
// times; neither allocates once the pool of entries has grown to the
// number pending; no event is boxed in an interface. Events scheduled with
// a handle can be cancelled: the handle names the event's entry, which
// knows where it is, so it is removed at once and cancelled timers (a
// caller's patience after they were answered) never pile up.
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
