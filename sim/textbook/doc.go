// Package textbook runs single-queue textbook models (M/M/c, M/M/c+M,
// M/G/c+G with redials) on the simulation core, one replication at a time.
// It is what the validation cases, the SimPy comparison and the
// "outagesim erlang" command stand on.
//
// Like every package under sim, it takes values and returns values: no
// files, clocks or global randomness.
package textbook
