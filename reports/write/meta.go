package write

import "time"

// Meta is what a report needs that the aggregate does not know: where the
// scenario came from and how the run was started. The scenario layer fills
// it in. Times in it are the only timestamps a report contains.
type Meta struct {
	// ToolVersion is the outagesim version that produced the run.
	ToolVersion string
	// Scenario is the scenario's name; empty means the aggregate's.
	Scenario string
	// Description is a one-line summary of the scenario, shown under the
	// title.
	Description string
	// Hash is the SHA-256 of the scenario source, as 64 hex digits.
	Hash string
	// Command is the command line that produced the run, shown in the
	// reproducibility block.
	Command string
	// Timeline lists the scenario's events in order. When it is empty and
	// the run has an outage, the report derives a timeline from the
	// aggregate's outage settings.
	Timeline []Event
	// Assumptions are the scenario's key inputs with their sources.
	Assumptions []Assumption
	// Module is outagesim's Go module path, GoVersion the Go release it
	// was built with and System the platform that ran it ("linux/amd64"),
	// for the STRESS-DES section; empty means not recorded. No result
	// depends on them.
	Module, GoVersion, System string
}

// Event is one dated step of a scenario's timeline, such as "Adastra taken
// offline" or "first services reconnected".
type Event struct {
	When time.Time
	What string
}

// Assumption is one input a reader should be able to check: its name, its
// value as the scenario sets it, and where the value comes from.
type Assumption struct {
	Name, Value, Source string
}
