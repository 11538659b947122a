// Package queue is the multi-server queue that outagesim builds 111 call
// handling, clinical call-back queues and out-of-hours case queues from.
//
// A Queue has staff that change over time (a rota, or SetStaff calls from
// the model), priority classes served in order and first come, first served
// within a class, caller patience and abandonment, blocking when the waiting
// room is full, and redial after an abandoned or blocked call. Staff who go
// off shift finish the call they are on. The queue runs on a des.Kernel;
// the model feeds it with Arrive and hears what happens through an Observer.
//
// Jobs are kept in a pool and recycled, waiting lines are intrusive lists,
// and statistics are running counts and time integrals, so memory does not
// grow with the number of callers.
//
// The package must not know what a call is for (that is the model's
// business), nor touch files, clocks or global randomness: its random draws
// come from the streams it is given.
package queue
