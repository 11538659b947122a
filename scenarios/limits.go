package scenarios

// Caps on the work one command may ask for. They keep a scenario from a
// pull request, or a typo, from exhausting a CI machine's memory or time;
// docs/scenarios.md lists them. Each error that hits a cap names the field
// or flag and the cap.
const (
	// MaxReplications bounds a scenario's replications, -reps and a
	// baseline's replications. The library's scenarios use 5 to 30.
	MaxReplications = 10_000
)
