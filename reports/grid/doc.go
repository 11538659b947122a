// Package grid holds the results of several runs side by side, the
// comparison of scenarios on common random numbers ("outagesim compare")
// and the sweep of one or two parameters ("outagesim sweep"), and renders
// them as tables, Markdown, CSV, JSON and a chart.
//
// It must not run simulations or load scenarios: the command does that and
// hands the aggregates in.
package grid
