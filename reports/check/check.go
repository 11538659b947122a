package check

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"time"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/sim/kpi"
)

// SchemaVersion is the version of the baseline file format. Version 2
// added the scenario's hash, the tool version and the checksum.
const SchemaVersion = 2

// MaxBaselineSize bounds a baseline file: the largest committed one is a
// few tens of kilobytes, so anything near this is not a baseline.
const MaxBaselineSize = 16 << 20

// ErrInvalid is wrapped by every error Read returns for a baseline that is
// empty, inconsistent or edited: the input is wrong, not the model.
var ErrInvalid = errors.New("invalid baseline")

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
	// Values are the replications' values, kept for the t-test; there is
	// one per replication and Mean is their mean.
	Values []float64 `json:"values"`
	Rule   Rule      `json:"rule"`
}

// Baseline is a committed record of a scenario's KPIs.
type Baseline struct {
	SchemaVersion int    `json:"schema_version"`
	Scenario      string `json:"scenario"`
	// ScenarioHash is the SHA-256 of the scenario as the tool resolved it
	// (the same hash as the report's), so a baseline cannot be used for
	// another scenario, or for this one after it was edited, unnoticed.
	ScenarioHash string `json:"scenario_hash"`
	// ToolVersion is the outagesim version that wrote the baseline; it is
	// for people and is not checked.
	ToolVersion  string `json:"tool_version"`
	Seed         uint64 `json:"seed"`
	Replications int    `json:"replications"`
	// Checksum is "sha256:" and the hex SHA-256 of the measured content:
	// every field but the rules and the checksum itself (see checksum). It
	// catches hand edits to the numbers; rules are meant to be edited.
	Checksum string  `json:"checksum"`
	Entries  []Entry `json:"entries"`
}

// Direction says which way a KPI improves: +1 higher is better, −1 lower
// is better, 0 neither (a change is just a change).
// It is the catalogue's (sim/kpi); an unknown KPI has none.
func Direction(key string) int {
	if d, ok := kpi.Lookup(key); ok {
		return int(d.Better)
	}
	return 0
}

// DefaultRule is the tolerance a new baseline gets for a KPI: a t-test at
// α = 0.001 that also ignores moves smaller than half a percentage point
// for percentages, or 2% of the value for counts and times.
func DefaultRule(key string, mean float64) Rule {
	if d, ok := kpi.Lookup(key); ok && d.Percent {
		return Rule{Kind: "ttest", Tolerance: 0.5, Alpha: 0.001}
	}
	return Rule{Kind: "ttest", Tolerance: math.Round(0.02*math.Abs(mean)*1000) / 1000, Alpha: 0.001}
}

// Needs are the parts of an aggregate (reports.Parts) New and Compare
// read: none, as a baseline holds the KPIs over the whole run.
const Needs reports.Parts = 0

// New records a baseline from an aggregate of the scenario whose hash is
// scenarioHash, with the default rules, or with the rules of an earlier
// baseline where it has one for the KPI (so hand-tuned tolerances survive
// an update). Write fills in the checksum.
func New(a *reports.Aggregate, scenarioHash, toolVersion string, previous *Baseline) *Baseline {
	b := &Baseline{SchemaVersion: SchemaVersion, Scenario: a.Scenario, ScenarioHash: scenarioHash, ToolVersion: toolVersion,
		Seed: a.Seed, Replications: a.Replications}
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

// checksum hashes the measured content of b: the JSON of b with the rules
// zeroed and no checksum. encoding/json writes floats in their shortest
// exact form, so a value that survives a round trip hashes the same.
func (b *Baseline) checksum() (string, error) {
	c := *b
	c.Checksum = ""
	c.Entries = make([]Entry, len(b.Entries))
	for i, e := range b.Entries {
		e.Rule = Rule{}
		c.Entries[i] = e
	}
	data, err := json.Marshal(&c)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}

var hexHash = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Read decodes a baseline and checks that it is whole and unedited: the
// fields are present, every entry has one value per replication whose mean
// is its mean, no KPI appears twice, the rules are valid and the checksum
// matches. Every such error wraps ErrInvalid.
func Read(r io.Reader) (*Baseline, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBaselineSize+1))
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	if len(data) > MaxBaselineSize {
		return nil, invalid("larger than %d bytes", MaxBaselineSize)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b Baseline
	if err := dec.Decode(&b); err != nil {
		return nil, invalid("%v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, invalid("more than one JSON value in the file")
	}
	if err := b.validate(); err != nil {
		return nil, err
	}
	return &b, nil
}

// Decode decodes a baseline without checking it, for an update that keeps
// the rules of the baseline it replaces (which may be of an older format).
func Decode(r io.Reader) (*Baseline, error) {
	var b Baseline
	if err := json.NewDecoder(io.LimitReader(r, MaxBaselineSize)).Decode(&b); err != nil {
		return nil, invalid("%v", err)
	}
	return &b, nil
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

func (b *Baseline) validate() error {
	switch {
	case b.SchemaVersion == 1:
		return invalid("schema_version 1 has no scenario hash or checksum; rewrite it with outagesim check -update")
	case b.SchemaVersion != SchemaVersion:
		return invalid("schema_version %d: want %d", b.SchemaVersion, SchemaVersion)
	case b.Scenario == "":
		return invalid("no scenario name")
	case !hexHash.MatchString(b.ScenarioHash):
		return invalid("scenario_hash %q: want the 64 hex digits of the scenario's SHA-256", b.ScenarioHash)
	case b.Seed == 0:
		return invalid("seed 0: want the seed the baseline was run with, ≥ 1")
	case b.Replications < 1:
		return invalid("replications %d: want at least 1", b.Replications)
	case len(b.Entries) == 0:
		return invalid("no entries: a baseline with nothing to compare would pass any run")
	}
	seen := make(map[[2]string]bool, len(b.Entries))
	for i, e := range b.Entries {
		at := fmt.Sprintf("entry %d (%s %s)", i+1, e.Nation, e.KPI)
		switch {
		case e.Nation == "" || e.KPI == "":
			return invalid("entry %d: want a nation and a kpi", i+1)
		case seen[[2]string{e.Nation, e.KPI}]:
			return invalid("%s: the KPI appears twice", at)
		case len(e.Values) != b.Replications:
			return invalid("%s: %d values for %d replications: want one per replication", at, len(e.Values), b.Replications)
		}
		seen[[2]string{e.Nation, e.KPI}] = true
		if m := mean(e.Values); math.Abs(m-e.Mean) > 1e-9*math.Max(1, math.Abs(m)) {
			return invalid("%s: mean %v is not the mean of its values (%v)", at, e.Mean, m)
		}
		if err := e.Rule.validate(); err != nil {
			return invalid("%s: %v", at, err)
		}
	}
	want, err := b.checksum()
	if err != nil {
		return err
	}
	if b.Checksum != want {
		return invalid("checksum %q does not match the content (%s): the numbers were edited by hand or the file is damaged; "+
			"only rules may be edited, rewrite the rest with outagesim check -update", b.Checksum, want)
	}
	return nil
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
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

// Write fills in the checksum and encodes the baseline as indented JSON
// with a trailing newline.
func (b *Baseline) Write(w io.Writer) error {
	sum, err := b.checksum()
	if err != nil {
		return err
	}
	b.Checksum = sum
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

// Report is the comparison of a run with its baseline, or why there is
// none.
type Report struct {
	Scenario string
	// Seed and Replications are the baseline's, which the run used.
	Seed         uint64
	Replications int
	Results      []Result
	// Err, when set, is why the scenario could not be checked (a bad
	// scenario or baseline, or a failed run); Results is then empty.
	Err error
	// Started and Elapsed time the check, for JUnit; the zero values are
	// written as the Unix epoch and 0 s.
	Started time.Time
	Elapsed time.Duration
}

// Failed reports whether any KPI moved beyond its tolerance or went
// missing: a change either way means the baseline no longer describes the
// model, so CI should stop until someone looks and updates it.
func (r *Report) Failed() bool {
	for _, x := range r.Results {
		if x.failed() {
			return true
		}
	}
	return false
}

func (x Result) failed() bool { return x.Status != OK && x.Status != Added }

// ForScenario checks that the baseline was written for the scenario called
// name. Another name means the wrong file was given: an input error
// (wrapping ErrInvalid), not a regression.
func (b *Baseline) ForScenario(name string) error {
	if b.Scenario != name {
		return invalid("written for scenario %q, not %q", b.Scenario, name)
	}
	return nil
}

// ScenarioHashKPI names the result that compares the scenario's hash with
// the baseline's.
const ScenarioHashKPI = "scenario_hash"

// Compare checks a new run of the scenario whose hash is scenarioHash
// against a baseline. A different hash is a Changed result of its own: the
// scenario was edited since the baseline was written, so the baseline no
// longer says what the scenario should give.
func Compare(b *Baseline, a *reports.Aggregate, scenarioHash string) *Report {
	rep := &Report{Scenario: b.Scenario, Seed: b.Seed, Replications: b.Replications}
	if scenarioHash != b.ScenarioHash {
		rep.Results = append(rep.Results, Result{KPI: ScenarioHashKPI, Status: Changed,
			Detail: fmt.Sprintf("the scenario changed since the baseline was written (sha256 %.12s… → %.12s…); "+
				"if that is on purpose, rewrite the baseline with outagesim check -update", b.ScenarioHash, scenarioHash)})
	}
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
