package main

import (
	"encoding/json"
	"io"
	"math"

	"github.com/outagesim/outagesim/reports/check"
)

// checkJSONVersion is the version of check -json's document; it changes
// when a field changes meaning or goes away (not when one is added).
const checkJSONVersion = 1

// checkJSON is check -json's document: what the text report and the JUnit
// XML say, for tools. It is built from reports/check's Report, whose own
// fields carry no JSON names.
type checkJSON struct {
	SchemaVersion int `json:"schema_version"`
	// Passed is true when every scenario was checked and no KPI moved
	// beyond its tolerance (exit code 0).
	Passed    bool            `json:"passed"`
	Scenarios []checkScenario `json:"scenarios"`
}

type checkScenario struct {
	Scenario     string `json:"scenario"`
	Seed         uint64 `json:"seed"`
	Replications int    `json:"replications"`
	Passed       bool   `json:"passed"`
	Error        string `json:"error,omitempty"`
	// Results has every KPI compared, in the report's order.
	Results []checkResult `json:"results"`
}

type checkResult struct {
	Nation   string     `json:"nation"`
	KPI      string     `json:"kpi"`
	Baseline *float64   `json:"baseline"` // null for a KPI new in the run
	Current  *float64   `json:"current"`  // null for a KPI missing from the run
	Rule     check.Rule `json:"rule"`
	Status   string     `json:"status"`
	Detail   string     `json:"detail,omitempty"`
}

// writeCheckJSON writes the reports as one indented JSON document.
func writeCheckJSON(w io.Writer, reports []*check.Report) error {
	doc := checkJSON{SchemaVersion: checkJSONVersion, Passed: true, Scenarios: []checkScenario{}}
	for _, r := range reports {
		s := checkScenario{
			Scenario: r.Scenario, Seed: r.Seed, Replications: r.Replications,
			Passed:  r.Err == nil && !r.Failed(),
			Results: []checkResult{},
		}
		if r.Err != nil {
			s.Error = r.Err.Error()
		}
		for _, x := range r.Results {
			res := checkResult{Nation: x.Nation, KPI: x.KPI, Rule: x.Rule, Status: string(x.Status), Detail: x.Detail}
			if x.Status != check.Added {
				res.Baseline = finite(x.Baseline)
			}
			if x.Status != check.Missing {
				res.Current = finite(x.Current)
			}
			s.Results = append(s.Results, res)
		}
		doc.Passed = doc.Passed && s.Passed
		doc.Scenarios = append(doc.Scenarios, s)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// finite is x, or nil for NaN and infinities, which JSON cannot hold.
func finite(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}
