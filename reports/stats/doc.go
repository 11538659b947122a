// Package stats summarises replications: means with t-based confidence
// intervals, percentiles, and paired differences for impacts.
//
// It works on slices of per-replication values (one number per
// replication, so its memory grows with replications, never with calls).
// It must not read files or know about scenarios.
package stats
