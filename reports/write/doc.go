// Package write turns a run's [reports.Aggregate] and its rendered charts
// into the files a commissioner, a planner and a CI pipeline read:
// report.html (one self-contained page that prints cleanly to A4 PDF),
// report.md, summary.json, kpis.csv, timeseries.csv and the charts' PNG
// files. docs/outputs.md documents every file and field.
//
// Everything is generated from the numbers: page one holds at most five
// findings over the outage window, and their wording follows the numbers
// (a fall, a rise, or no clear difference when the impact's 95% confidence
// interval includes zero); the limitations are written from the
// configuration that was run. Output is deterministic: the same aggregate,
// charts and [Meta] give byte-identical files, with no timestamps other
// than those the caller puts in Meta.
//
// [Write] is safe to point at an existing folder: it renders every file in
// memory first, writes them into a temporary folder beside the target and
// renames that into place. It replaces only a folder that an earlier
// Write created (it carries a [MarkerFile]) or an empty one, and a failure
// leaves the old report as it was and no temporary folder behind. [Folder]
// gives other output folders (a comparison, a sweep) the same safety.
//
// The package never simulates, never parses scenario files and never
// prints to a terminal; the renderers that take an io.Writer ([HTML],
// [Markdown], [SummaryJSON], [KPIsCSV], [TimeseriesCSV]) open no files.
package write
