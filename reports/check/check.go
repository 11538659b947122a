package check

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/outagesim/outagesim/reports"
)

// SchemaVersion is the version of the baseline file format.
const SchemaVersion = 1

// Rule says how far a KPI may move before the change counts.
type Rule struct {
	// Kind is "absolute" (|new − old| ≤ Tolerance, in the KPI's units),
	// "relative" (|new − old| ≤ Tolerance × |old|) or "ttest" (Welch's
	// t-test on the replications: a change counts when p < Alpha and
	// |new − old| > Tolerance).
	Kind      string  `json:"kind"`
	Tolerance float64 `json:"tolerance"`
	Alpha     float64 `json:"alpha,omitempty"`
}

// Entry is one KPI of one nation in a baseline.
type Entry struct {
	Nation string  `json:"nation"`
	KPI    string  `json:"kpi"`
	Mean   float64 `json:"mean"`
	// Values are the replications' values, kept for the t-test.
	Values []float64 `json:"values,omitempty"`
	Rule   Rule      `json:"rule"`
}

// Baseline is a committed record of a scenario's KPIs.
type Baseline struct {
	SchemaVersion int     `json:"schema_version"`
	Scenario      string  `json:"scenario"`
	Seed          uint64  `json:"seed"`
	Replications  int     `json:"replications"`
	Entries       []Entry `json:"entries"`
}

// Direction says which way a KPI improves: +1 higher is better, −1 lower
// is better, 0 neither (a change is just a change).
func Direction(kpi string) int {
	switch kpi {
	case "answered_within_60s_pct", "callback_within_target_pct", "referrals_electronic", "calls_answered":
		return +1
	case "abandoned_pct", "mean_answer_s", "referrals_lost", "referrals_manual", "signposted_to_gp",
		"gp_peak_utilisation_pct", "ooh_backlog_peak", "ed_dispositions", "ambulance_dispositions", "calls_abandoned":
		return -1
	}
	return 0
}

// DefaultRule is the tolerance a new baseline gets for a KPI: a t-test at
// α = 0.001 that also ignores moves smaller than half a percentage point
// for percentages, or 2% of the value for counts and times.
func DefaultRule(kpi string, mean float64) Rule {
	switch kpi {
	case "answered_within_60s_pct", "abandoned_pct", "callback_within_target_pct", "gp_peak_utilisation_pct":
		return Rule{Kind: "ttest", Tolerance: 0.5, Alpha: 0.001}
	}
	return Rule{Kind: "ttest", Tolerance: math.Round(0.02*math.Abs(mean)*1000) / 1000, Alpha: 0.001}
}

// New records a baseline from an aggregate with the default rules, or
// with the rules of an earlier baseline where it has one for the KPI (so
// hand-tuned tolerances survive an update).
func New(a *reports.Aggregate, previous *Baseline) *Baseline {
	b := &Baseline{SchemaVersion: SchemaVersion, Scenario: a.Scenario, Seed: a.Seed, Replications: a.Replications}
	for _, k := range a.KPIs {
		rule := DefaultRule(k.Key, k.Outage.Mean)
		if previous != nil {
			if e := previous.find(k.Nation, k.Key); e != nil {
				rule = e.Rule
			}
		}
		b.Entries = append(b.Entries, Entry{Nation: k.Nation, KPI: k.Key, Mean: k.Outage.Mean, Values: k.Values, Rule: rule})
	}
	return b
}

func (b *Baseline) find(nation, kpi string) *Entry {
	for i := range b.Entries {
		if e := &b.Entries[i]; e.Nation == nation && e.KPI == kpi {
			return e
		}
	}
	return nil
}

// Read decodes a baseline and checks its rules.
func Read(r io.Reader) (*Baseline, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var b Baseline
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	if b.SchemaVersion != SchemaVersion {
		return nil, fmt.Errorf("baseline: schema_version %d: want %d", b.SchemaVersion, SchemaVersion)
	}
	for _, e := range b.Entries {
		if err := e.Rule.validate(); err != nil {
			return nil, fmt.Errorf("baseline: %s %s: %w", e.Nation, e.KPI, err)
		}
	}
	return &b, nil
}

func (r Rule) validate() error {
	switch {
	case r.Kind != "absolute" && r.Kind != "relative" && r.Kind != "ttest":
		return fmt.Errorf("rule kind %q: want absolute, relative or ttest", r.Kind)
	case !(r.Tolerance >= 0):
		return fmt.Errorf("tolerance %v: want ≥ 0", r.Tolerance)
	case r.Kind == "ttest" && !(r.Alpha > 0 && r.Alpha < 1):
		return fmt.Errorf("alpha %v: want a probability in (0, 1)", r.Alpha)
	}
	return nil
}

// Write encodes a baseline as indented JSON with a trailing newline.
func (b *Baseline) Write(w io.Writer) error {
	out, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(out, '\n'))
	return err
}

// Status is the outcome of one comparison.
type Status string

// Statuses. Worse, Better, Changed and Missing fail the check.
const (
	OK      Status = "ok"
	Worse   Status = "worse"
	Better  Status = "better"
	Changed Status = "changed"
	Missing Status = "missing" // in the baseline, not in the new run
	Added   Status = "added"   // in the new run, not in the baseline (does not fail)
)

// Result is one KPI's comparison.
type Result struct {
	Nation, KPI       string
	Baseline, Current float64
	Rule              Rule
	Status            Status
	// Detail explains the verdict, e.g. the p-value.
	Detail string
}

// Report is the comparison of a run with its baseline.
type Report struct {
	Scenario string
	Results  []Result
}

// Failed reports whether any KPI moved beyond its tolerance or went
// missing: a change either way means the baseline no longer describes the
// model, so CI should stop until someone looks and updates it.
func (r *Report) Failed() bool {
	for _, x := range r.Results {
		if x.Status != OK && x.Status != Added {
			return true
		}
	}
	return false
}

// Compare checks a new run against a baseline.
func Compare(b *Baseline, a *reports.Aggregate) *Report {
	rep := &Report{Scenario: b.Scenario}
	for _, e := range b.Entries {
		k := a.KPI(e.Nation, e.KPI)
		if k == nil {
			rep.Results = append(rep.Results, Result{Nation: e.Nation, KPI: e.KPI, Baseline: e.Mean, Rule: e.Rule,
				Status: Missing, Detail: "not in the new run"})
			continue
		}
		rep.Results = append(rep.Results, compareOne(e, k))
	}
	for _, k := range a.KPIs {
		if b.find(k.Nation, k.Key) == nil {
			rep.Results = append(rep.Results, Result{Nation: k.Nation, KPI: k.Key, Current: k.Outage.Mean, Status: Added,
				Detail: "not in the baseline"})
		}
	}
	return rep
}

func compareOne(e Entry, k *reports.KPI) Result {
	res := Result{Nation: e.Nation, KPI: e.KPI, Baseline: e.Mean, Current: k.Outage.Mean, Rule: e.Rule, Status: OK}
	diff := res.Current - res.Baseline
	beyond := false
	switch e.Rule.Kind {
	case "absolute":
		beyond = math.Abs(diff) > e.Rule.Tolerance
		res.Detail = fmt.Sprintf("|Δ| %.4g vs tolerance %.4g", math.Abs(diff), e.Rule.Tolerance)
	case "relative":
		beyond = math.Abs(diff) > e.Rule.Tolerance*math.Abs(res.Baseline)
		res.Detail = fmt.Sprintf("|Δ| %.4g vs %.4g (%.3g × baseline)", math.Abs(diff), e.Rule.Tolerance*math.Abs(res.Baseline), e.Rule.Tolerance)
	case "ttest":
		p := welchP(e.Values, k.Values)
		beyond = p < e.Rule.Alpha && math.Abs(diff) > e.Rule.Tolerance
		res.Detail = fmt.Sprintf("p = %.3g (α %.3g), |Δ| %.4g vs tolerance %.4g", p, e.Rule.Alpha, math.Abs(diff), e.Rule.Tolerance)
	}
	if beyond {
		switch d := Direction(e.KPI); {
		case d == 0:
			res.Status = Changed
		case (d > 0) == (diff > 0):
			res.Status = Better
		default:
			res.Status = Worse
		}
	}
	return res
}

// welchP is the two-sided p-value of Welch's t-test for a difference in
// means. Identical samples give 1; samples with no spread that differ
// give 0.
func welchP(a, b []float64) float64 {
	if len(a) < 2 || len(b) < 2 {
		if slices.Equal(a, b) {
			return 1
		}
		return 0
	}
	ma, va := meanVar(a)
	mb, vb := meanVar(b)
	sa, sb := va/float64(len(a)), vb/float64(len(b))
	se := math.Sqrt(sa + sb)
	if se == 0 {
		if ma == mb {
			return 1
		}
		return 0
	}
	t := math.Abs(ma-mb) / se
	df := (sa + sb) * (sa + sb) / (sa*sa/float64(len(a)-1) + sb*sb/float64(len(b)-1))
	return 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Survival(t)
}

func meanVar(xs []float64) (mean, variance float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		variance += (x - mean) * (x - mean)
	}
	return mean, variance / float64(len(xs)-1)
}
