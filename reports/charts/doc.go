// Package charts draws the commissioner's report charts (a–f of the report
// design) from a [reports.Aggregate], each as an SVG for report.html and a
// PNG to write beside it.
//
// Every chart uses one style: the Okabe–Ito colour-blind-safe palette, in
// which the outage run is always vermillion and solid and the
// counterfactual always blue and dashed; Liberation Sans text; dates on
// time axes as local (Europe/London) dates; the outage window shaded grey;
// a legend above the panels, never over the data. Daily series carry
// their 90% band across replications (5th to 95th percentile) as a
// translucent area. A NaN day or hour is a gap in its line, never an
// interpolation.
//
// Output is deterministic: the same aggregate gives byte-identical SVG and
// PNG. The package renders only: it does not run simulations, compute
// statistics or write files; the report writer does those.
package charts
