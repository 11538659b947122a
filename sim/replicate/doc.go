// Package replicate runs a scenario's independent replications, each with
// its counterfactual (the same scenario without the outage, on the same
// random numbers), in parallel on a pool of workers, and hands them to the
// caller strictly in replication order. Results therefore never depend on
// the number of workers.
//
// It knows nothing of statistics or outputs: reports aggregates what it
// hands over. Like the rest of sim it reads no files, flags or clocks.
package replicate
