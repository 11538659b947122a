// Package model is the NHS urgent-care model: four nations' 111 front
// doors, clinical assessment, referral routes through named IT systems,
// GP practices and GP out-of-hours, and the outage timeline that takes
// systems down, applies contingencies and reconnects services in waves.
//
// A Config says everything about a scenario. New is the one rulebook for a
// valid Config: it returns a Model, or every problem as an Errors with field
// paths. Model.Run (or Run, which goes through New) simulates one
// replication and returns counts, KPIs and time series. Counterfactual removes the
// outage; run with the same seed and replication, it shares every random
// stream with the outage run (common random numbers). The package must not read files, parse
// YAML, look at the wall clock or use global randomness.
//
// validate.go and validate_outage.go hold the rules. The other files
// follow a call's route: build.go and staffing.go set up a
// replication; arrival.go, frontdoor.go, triage.go, callback.go,
// referral.go, ooh.go and gp.go hold the steps a patient passes through,
// in that order; outage.go is how the outage touches a call; finish.go
// closes the books and checks that every patient and call is accounted
// for. docs/model.md §10 lists every file.
package model
