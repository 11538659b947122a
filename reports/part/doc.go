// Package part is the format of a shard's results, and the checks that a
// set of parts makes one whole run, so that a run split across machines
// (Slurm job arrays, Kubernetes Indexed Jobs) merges into the report a
// single machine would write.
//
// A part carries each of its replications' raw model results, in
// replication order, beside a manifest that says which run they belong to.
// Merging replays them through the very aggregation a single run uses
// (reports.Aggregate.Add), so every output is byte-identical to a single
// run's by construction, however the aggregate and its outputs evolve.
//
// It reads and writes streams; the command line decides where parts live.
package part
