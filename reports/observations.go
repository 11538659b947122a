package reports

import (
	"math"
	"slices"

	"github.com/outagesim/outagesim/sim/kpi"
)

// Observations says how many observations a share or an average rests
// on: the fewest of its basis (kpi.Def.Basis, e.g. the calls answered
// behind the share answered within 60 s) in any one replication of either
// run, in the same area and period. few reports fewer than
// kpi.MinObservations; ok is false for a KPI that has no basis (a count)
// or whose basis was not measured.
func (a *Aggregate) Observations(k *KPI) (fewest float64, few, ok bool) {
	d, found := kpi.Lookup(k.Key)
	if !found || d.Basis == "" {
		return 0, false, false
	}
	b := a.PeriodKPI(k.Period, k.Nation, d.Basis)
	if b == nil || len(b.Values) == 0 {
		return 0, false, false
	}
	fewest = slices.Min(b.Values)
	if len(b.CounterfactualValues) > 0 {
		fewest = math.Min(fewest, slices.Min(b.CounterfactualValues))
	}
	return fewest, fewest < kpi.MinObservations, true
}
