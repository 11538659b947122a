package reports

import (
	"testing"

	"github.com/outagesim/outagesim/sim/kpi"
)

// TestObservations: a share resting on fewer than kpi.MinObservations
// calls in some replication, of either run, is flagged; a count is not a
// share and has no basis.
func TestObservations(t *testing.T) {
	a := &Aggregate{PeriodKPIs: []KPI{
		{Key: kpi.CallsAnswered, Nation: "uk", Period: "run", Values: []float64{5000, 14}, CounterfactualValues: []float64{5000, 5100}},
		{Key: kpi.AnsweredWithin60sPct, Nation: "uk", Period: "run", Values: []float64{90, 100}},
		{Key: kpi.CallsAnswered, Nation: "wales", Period: "run", Values: []float64{500, 600}, CounterfactualValues: []float64{29, 600}},
		{Key: kpi.AnsweredWithin60sPct, Nation: "wales", Period: "run", Values: []float64{90, 100}},
		{Key: kpi.CallsAnswered, Nation: "england", Period: "run", Values: []float64{500, 30}},
		{Key: kpi.AnsweredWithin60sPct, Nation: "england", Period: "run", Values: []float64{90, 100}},
	}}
	for _, tc := range []struct {
		nation, key string
		fewest      float64
		few, ok     bool
	}{
		{"uk", kpi.AnsweredWithin60sPct, 14, true, true},
		{"wales", kpi.AnsweredWithin60sPct, 29, true, true},
		{"england", kpi.AnsweredWithin60sPct, 30, false, true},
		{"uk", kpi.CallsAnswered, 0, false, false},
	} {
		k := a.PeriodKPI("run", tc.nation, tc.key)
		fewest, few, ok := a.Observations(k)
		if fewest != tc.fewest || few != tc.few || ok != tc.ok {
			t.Errorf("%s %s: %v, %v, %v; want %v, %v, %v", tc.nation, tc.key, fewest, few, ok, tc.fewest, tc.few, tc.ok)
		}
	}
}
