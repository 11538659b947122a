// Package reports reduces a scenario's replications, as sim/replicate hands
// them over in replication order, into a fixed-size Aggregate: for every
// KPI of the catalogue (sim/kpi) and every nation and the UK, the outage
// run, the counterfactual and their paired difference, with intervals and
// percentiles; and the daily and hourly series with their bands. The
// per-day KPIs and the series are Parts a caller may leave out when
// nothing it writes reads them (NewAggregateFor): summary.json does not.
//
// Its sub-packages turn an Aggregate into what people read: charts
// (reports/charts), report.html, report.md, summary.json and CSV files
// (reports/write), side-by-side comparisons and sweeps (reports/grid), and
// the CI regression gate (reports/check). The package never parses
// scenario files (that is package scenarios) and never prints to a
// terminal (the command does).
package reports
