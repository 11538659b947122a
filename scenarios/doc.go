// Package scenarios is the scenario file format of outagesim: the YAML
// types a planner writes, their loading (with extends), strict validation
// that reports every problem with file:line:column, conversion into the
// model's configuration (model.Config), writing back to YAML, the JSON
// Schema editors use, and the embedded library of calibrated scenarios.
//
// The format is documented field by field in docs/scenarios.md and the
// sources of the library's numbers in docs/calibration.md.
//
// The package describes and checks scenarios; it must not simulate them
// (that is sim/model's job) and it must not write reports.
package scenarios
