// Package kpi is the one home of outagesim's measures: every KPI is one row
// of the catalogue (its key, label, unit, decimals, which way is better,
// whether it heads the reports, and how it is computed from a model
// result), and every time series one row of the series tables.
//
// The model, the statistics, the CSV and JSON column order, the charts'
// labels, the findings, the CI gate's directions and the KPI table in
// docs/model.md all read from here, so adding a KPI is adding one row.
// Code elsewhere names a KPI by the constants below, never by a string
// literal.
//
// The package is pure: it computes numbers from model results and never
// formats, prints or writes them.
package kpi
