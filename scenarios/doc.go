// Package scenarios is the scenario file format of outagesim: the YAML
// types a planner writes, their loading (with extends), conversion into the
// model's configuration (model.Config), writing back to YAML, the JSON
// Schema editors use, and the embedded library of calibrated scenarios.
//
// Every problem is reported with file:line:column. The package checks only
// what belongs to a file: syntax, unknown fields, units and value forms,
// required fields and extends (load.go, decode.go, scalars.go, config.go).
// Whether the result is a valid model is the model's rulebook, model.New;
// while converting, the builder (config.go, outage.go, demand.go) records
// which file field each model field came from, and place puts the model's
// errors on those fields.
//
// The format is documented field by field in docs/scenarios.md and the
// sources of the library's numbers in docs/calibration.md.
//
// The package describes and checks scenarios; it must not simulate them
// (that is sim/model's job) and it must not write reports.
package scenarios
