package model

// The rulebook: what makes a Config a valid model. New is its only entry,
// and every rule lives here or in validate_outage.go, so the scenario
// loader and library users see the same rules with the same words.

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// MaxHorizon is the longest run a Config may ask for: 20 years, far beyond
// any outage study, and short enough that a typo cannot exhaust memory.
const MaxHorizon = 20 * 365 * 86400.0

// FieldError is a problem with one field of a Config. Path names the field
// in the Config with the scenario file's field names, e.g.
// "services[2].share", "nations[0].dispositions.ed" or
// "nations[1].services" (the shares of that nation's services).
type FieldError struct {
	Path, Msg string
}

func (e *FieldError) Error() string { return e.Path + ": " + e.Msg }

// Errors is every problem New found in a Config, in the order the rules
// ran. Callers that know where each field came from (the scenario loader)
// place each one by its Path.
type Errors []*FieldError

// Error returns one line per problem.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.As find each FieldError.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Model is a Config that New has checked: ready to Run any number of
// replications.
type Model struct {
	cfg *Config
}

// New checks cfg against every rule of a valid model and returns it as a
// Model, or an Errors holding every problem found. The caller must not
// change cfg afterwards.
func New(cfg *Config) (*Model, error) {
	c := &checker{start: cfg.Start}
	c.config(cfg)
	if len(c.errs) > 0 {
		return nil, c.errs
	}
	return &Model{cfg: cfg}, nil
}

// Config returns the configuration the model was made from.
func (m *Model) Config() *Config { return m.cfg }

type checker struct {
	errs  Errors
	start time.Time // of the run, to show times as the file writes them
}

// at shows a time of the run (seconds from its start) as a local
// date-time, as a scenario file writes it; ok is false for a time too far
// from a plausible start to show.
func (c *checker) at(t float64) (s string, ok bool) {
	if y := c.start.Year(); y < 1900 || y > 2200 || math.IsNaN(t) || math.Abs(t) > 2*MaxHorizon {
		return "", false
	}
	return c.start.Add(time.Duration(t * float64(time.Second))).Format("2006-01-02 15:04"), true
}

// timed adds a problem about times: format with each of ts shown by at, or
// plain if one of them cannot be shown.
func (c *checker) timed(path, format, plain string, ts ...float64) {
	args := make([]any, len(ts))
	for i, t := range ts {
		s, ok := c.at(t)
		if !ok {
			c.add(path, "%s", plain)
			return
		}
		args[i] = s
	}
	c.add(path, format, args...)
}

func (c *checker) add(path, format string, args ...any) {
	c.errs = append(c.errs, &FieldError{Path: path, Msg: fmt.Sprintf(format, args...)})
}

// percent formats a share for messages, rounded to 6 significant digits.
func percent(v float64) string {
	return strconv.FormatFloat(v*100, 'g', 6, 64) + "%"
}

func (c *checker) prob(path string, p float64) {
	if !(p >= 0 && p <= 1) {
		c.add(path, "%v (allowed: a probability from 0 to 1)", p)
	}
}

func (c *checker) nonNeg(path string, v float64) {
	switch {
	case v < 0:
		c.add(path, "%v is negative (allowed: a number ≥ 0)", v)
	case !(v >= 0) || math.IsInf(v, 1):
		c.add(path, "%v (allowed: a finite number ≥ 0)", v)
	}
}

func (c *checker) dist(path string, d interface{ Validate() error }) {
	if err := d.Validate(); err != nil {
		c.add(path, "%v", err)
	}
}

// outcomes checks a probability per disposition: each in [0, 1], summing
// to 1, and, if only is set, none outside it.
func (c *checker) outcomes(path string, ps *[NumDispositions]float64, only []Disposition) {
	s := 0.0
	for d, p := range ps {
		fp := path + "." + Disposition(d).String()
		c.prob(fp, p)
		if only != nil && p > 0 && !slices.Contains(only, Disposition(d)) {
			names := make([]string, len(only))
			for i, o := range only {
				names[i] = o.String()
			}
			c.add(fp, "not possible here (allowed: %s)", strings.Join(names, ", "))
		}
		s += p
	}
	if math.Abs(s-1) > 1e-6 {
		c.add(path, "the probabilities sum to %s (allowed: probabilities summing to 100%%)", percent(s))
	}
}

// destinations are where a patient can go on their own, after hanging up
// or giving up on a call-back.
var destinations = []Disposition{ED, Ambulance, GPInHours, SelfCare}

// finalOutcomes are the outcomes of a clinical assessment: anything but
// another assessment.
var finalOutcomes = func() []Disposition {
	var out []Disposition
	for d := range NumDispositions {
		if d != ClinicalAssessment {
			out = append(out, d)
		}
	}
	return out
}()

func (c *checker) staffing(path string, s *Staffing) {
	if len(s.HourOfWeek) != 0 && len(s.HourOfWeek) != 168 {
		c.add(path+".hour_of_week", "%d values (allowed: 168, one per hour of the week from Monday 00:00)", len(s.HourOfWeek))
	}
	for i, v := range s.HourOfWeek {
		if v < 0 {
			c.add(fmt.Sprintf("%s.hour_of_week[%d]", path, i), "%d (allowed: a number of staff ≥ 0)", v)
		}
	}
	if len(s.HourOfWeek) == 0 && !(s.Occupancy > 0 && s.Occupancy <= 1) && s.Minimum == 0 {
		c.add(path, "no staff (allowed: hour_of_week, an occupancy above 0%% up to 100%%, or a minimum)")
	}
	c.nonNeg(path+".factor", s.Factor)
	if s.Minimum < 0 {
		c.add(path+".minimum", "%d (allowed: a number of staff ≥ 0)", s.Minimum)
	}
}

func (c *checker) priorities(path string, ps []Priority) {
	names := map[string]bool{}
	sum := 0.0
	for i, p := range ps {
		pp := fmt.Sprintf("%s[%d]", path, i)
		switch {
		case p.Name == "":
			c.add(pp+".name", "missing (allowed: a class name such as p1 or urgent)")
		case names[p.Name]:
			c.add(pp+".name", "%q used twice (allowed: distinct names)", p.Name)
		}
		names[p.Name] = true
		c.nonNeg(pp+".target", p.Target)
		c.prob(pp+".share", p.Share)
		sum += p.Share
	}
	if len(ps) > 0 && math.Abs(sum-1) > 1e-6 {
		c.add(path, "the shares sum to %s (allowed: shares summing to 100%%)", percent(sum))
	}
}

func (c *checker) config(cfg *Config) {
	if cfg.Start.IsZero() {
		c.add("start", "missing (allowed: a local date-time)")
	}
	switch {
	case !(cfg.Horizon > 0):
		c.timed("horizon", "the run ends at %s, not after it starts (allowed: an end after start, or a horizon > 0)",
			"the run ends at or before it starts (allowed: an end after start, or a horizon > 0)", cfg.Horizon)
	case cfg.Horizon > MaxHorizon:
		c.add("horizon", "the run is longer than 20 years (allowed: at most 20 years)")
	}
	switch {
	case !(cfg.Warmup >= 0):
		c.add("warmup", "negative (allowed: a duration ≥ 0)")
	case cfg.Warmup > 0 && cfg.Warmup >= cfg.Horizon:
		c.timed("warmup", "the warm-up ends at %s, not before the run does (allowed: a warm-up shorter than the run)",
			"the warm-up does not end before the run does (allowed: a warm-up shorter than the run)", cfg.Warmup)
	case cfg.Warmup > 0 && cfg.Outage != nil && cfg.Warmup > cfg.Outage.Start:
		c.timed("warmup", "the warm-up ends at %s, after the outage starts at %s (allowed: a warm-up that ends before the outage)",
			"the warm-up ends after the outage starts (allowed: a warm-up that ends before the outage)", cfg.Warmup, cfg.Outage.Start)
	}
	c.nonNeg("answer_target", cfg.AnswerTarget)
	c.nonNeg("abandon_threshold", cfg.AbandonThreshold)
	if len(cfg.Nations) == 0 {
		c.add("nations", "none (allowed: one or more of england, scotland, wales, northern_ireland)")
	}
	seen := map[string]bool{}
	for i := range cfg.Nations {
		n := &cfg.Nations[i]
		p := fmt.Sprintf("nations[%d]", i)
		if !n.Nation.Valid() {
			c.add(p+".nation", "invalid")
			continue
		}
		if seen[n.Nation.String()] {
			c.add(p+".nation", "%s given twice", n.Nation)
		}
		seen[n.Nation.String()] = true
		c.nation(p, n)
	}
	c.services(cfg, seen)
	c.regions(cfg)
	if o := cfg.Outage; o != nil {
		c.outage(cfg, o)
	}
}

func (c *checker) nation(p string, n *Nation) {
	if err := n.Demand.Validate(); err != nil {
		c.add(p+".demand", "%v", err)
	}
	c.prob(p+".online_share", n.OnlineShare)
	if anyPositive(n.AbandonTo[:]) {
		c.outcomes(p+".abandon_to", &n.AbandonTo, destinations)
	}
	c.outcomes(p+".dispositions", &n.Dispositions, nil)
	if n.OnlineShare > 0 || anyPositive(n.OnlineDispositions[:]) {
		c.outcomes(p+".online_dispositions", &n.OnlineDispositions, nil)
	}
	// A CAS that exists must be whole, and one must exist wherever a
	// disposition sends patients to it.
	usesCAS := n.Dispositions[ClinicalAssessment] > 0 || (n.OnlineShare > 0 && n.OnlineDispositions[ClinicalAssessment] > 0)
	if usesCAS && len(n.CAS.Priorities) == 0 {
		c.add(p+".cas.priorities", "none, but some dispositions are clinical_assessment (allowed: a list of {name, target, share})")
	}
	if usesCAS || len(n.CAS.Priorities) > 0 {
		c.priorities(p+".cas.priorities", n.CAS.Priorities)
		c.outcomes(p+".cas.outcomes", &n.CAS.Outcomes, finalOutcomes)
		if n.CAS.GiveUp != nil {
			c.dist(p+".cas.give_up", n.CAS.GiveUp)
			c.outcomes(p+".cas.give_up_to", &n.CAS.GiveUpTo, destinations)
		} else if anyPositive(n.CAS.GiveUpTo[:]) {
			c.add(p+".cas.give_up_to", "given without give_up (allowed: give_up_to only with give_up)")
		}
	}
	if len(n.OOH.Priorities) > 0 {
		c.priorities(p+".ooh.priorities", n.OOH.Priorities)
		c.dist(p+".ooh.consult", &n.OOH.Consult)
		c.staffing(p+".ooh.clinicians", &n.OOH.Clinicians)
	}
	c.practices(p+".gp", &n.GP)
	if anyPositive(n.LostReferralTo[:]) {
		c.outcomes(p+".lost_referral_to", &n.LostReferralTo, destinations)
	}
	c.nonNeg(p+".lost_referral_wait", n.LostReferralWait)
	for j, s := range n.Surges {
		sp := fmt.Sprintf("%s.surges[%d]", p, j)
		if !(s.To > s.From) {
			c.timed(sp+".to", "%s is not after from %s (allowed: a time after from)",
				"ends at or before it starts (allowed: a time after from)", s.To, s.From)
		}
		c.nonNeg(sp+".factor", s.Factor)
	}
}

func (c *checker) services(cfg *Config, nations map[string]bool) {
	names := map[string]bool{}
	shares := map[int]float64{}
	for i := range cfg.Services {
		s := &cfg.Services[i]
		p := fmt.Sprintf("services[%d]", i)
		switch {
		case s.Name == "":
			c.add(p+".name", "missing (allowed: a service name)")
		case names[s.Name]:
			c.add(p+".name", "%q used twice (allowed: names unique across nations)", s.Name)
		case strings.HasPrefix(s.Name, oohPrefix):
			c.add(p+".name", "%q: names starting %s are reserved for out-of-hours services", s.Name, oohPrefix)
		}
		names[s.Name] = true
		if !nations[s.Nation.String()] {
			c.add(p+".nation", "%s has no entry in nations", s.Nation)
		}
		c.prob(p+".share", s.Share)
		shares[int(s.Nation)] += s.Share
		c.staffing(p+".advisers", &s.Advisers)
		c.dist(p+".handle", &s.Handle)
		if s.Patience != nil {
			c.dist(p+".patience", s.Patience)
		}
		c.prob(p+".redial_prob", s.RedialProb)
		if s.RedialProb > 0 {
			if s.RedialDelay == nil {
				c.add(p+".redial_delay", "missing (allowed: a distribution of the time to redial, needed when redial_prob > 0)")
			} else {
				c.dist(p+".redial_delay", s.RedialDelay)
			}
		}
		// Everyone redials, and both waits can be 0 s: a caller would hang
		// up and call again at one instant for ever, and the run never ends.
		if s.RedialProb >= 1 && s.RedialDelay != nil && s.RedialDelay.CanBeZero() && s.Patience != nil && s.Patience.CanBeZero() {
			c.add(p+".redial_prob", "100%% of callers redial, and both their patience and the redial delay can be 0 s: "+
				"a caller would hang up and call again at the same instant for ever (allowed: a redial probability below 100%%, "+
				"or a patience or redial delay that is never 0 s)")
		}
		if n := nationOf(cfg, s); n != nil && len(n.CAS.Priorities) > 0 {
			c.dist(p+".consult", &s.Consult)
			c.staffing(p+".clinicians", &s.Clinicians)
		}
	}
	for i := range cfg.Nations {
		n := cfg.Nations[i].Nation
		if math.Abs(shares[int(n)]-1) > 1e-6 {
			c.add(fmt.Sprintf("nations[%d].services", i), "the services' shares sum to %s (allowed: shares summing to 100%%)", percent(shares[int(n)]))
		}
	}
}

// oohPrefix starts the names of the nations' out-of-hours services
// ("ooh:england"), which waves reconnect like front doors.
const oohPrefix = "ooh:"

func nationOf(cfg *Config, s *Service) *Nation {
	for i := range cfg.Nations {
		if cfg.Nations[i].Nation == s.Nation {
			return &cfg.Nations[i]
		}
	}
	return nil
}

func anyPositive(xs []float64) bool {
	for _, x := range xs {
		if x > 0 {
			return true
		}
	}
	return false
}

func serviceNamed(cfg *Config, name string) *Service {
	for i := range cfg.Services {
		if cfg.Services[i].Name == name {
			return &cfg.Services[i]
		}
	}
	return nil
}
