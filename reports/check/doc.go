// Package check is the CI regression gate: it records a scenario's KPIs
// as a baseline with a tolerance rule beside each, and compares a new run
// with it. Compare is a pure function that returns a Report; the command
// renders the report (text, JUnit XML) and picks the exit code.
//
// It must not run simulations or touch files: callers pass aggregates in
// and readers and writers for the JSON and XML.
package check
