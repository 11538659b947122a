// Package reports runs a scenario's replications (each with its
// counterfactual, on common random numbers), reduces them as they finish
// into a fixed-size Aggregate, and writes what commissioners, planners and
// CI read: report.html, report.md, summary.json, timeseries.csv and
// kpis.csv, with the charts of reports/charts.
//
// Replications run in parallel but are reduced in replication order, so
// every output is byte-identical whatever the number of workers. The
// package never parses scenario files (that is package scenarios) and
// never prints to a terminal (the command does, through callbacks).
package reports
