package scenarios

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/dist"
	"github.com/outagesim/outagesim/sim/model"
)

// Defaults for fields a scenario may leave out.
const (
	DefaultSeed         = 1
	DefaultReplications = 10
	defaultAnswerTarget = 60
	defaultAbandon      = 30
)

// Config converts the scenario into the model's configuration. It checks
// the scenario first (as Parse does) and returns an Errors if it is bad.
func (s *Scenario) Config() (*model.Config, error) {
	b := newBuilder(s, nil)
	cfg := b.build()
	if len(b.errs) > 0 {
		return nil, b.errs.sorted()
	}
	return cfg, nil
}

// SeedOrDefault returns the scenario's seed, or DefaultSeed.
func (s *Scenario) SeedOrDefault() uint64 {
	if s.Seed != nil {
		return *s.Seed
	}
	return DefaultSeed
}

// ReplicationsOrDefault returns the scenario's replications, or
// DefaultReplications.
func (s *Scenario) ReplicationsOrDefault() int {
	if s.Replications != nil {
		return *s.Replications
	}
	return DefaultReplications
}

// builder checks a scenario and converts it into a model.Config, reporting
// every problem with the position of the field it concerns.
type builder struct {
	s     *Scenario
	prior Errors // problems already reported by decoding; not repeated
	// typos are fields an unknown field was probably meant to be (see
	// decoder.typos); they are not reported as missing.
	typos map[string]bool
	errs  Errors
	cfg   *model.Config
	// alias maps a service field path to the nation defaults path it was
	// inherited from, so that problems point where the value is written.
	alias map[string]string
	// origin maps a model field path ("services[3]", "horizon") to the
	// file path it was converted from ("nations.england.services.london",
	// "end"), recorded as the builder converts, so that the model's own
	// errors are placed on the file's fields (see place).
	origin map[string]string
}

func newBuilder(s *Scenario, prior Errors) *builder {
	return &builder{s: s, prior: prior, alias: map[string]string{}, origin: map[string]string{}}
}

// from records that the model field modelPath came from the file field
// filePath. Fields below a recorded path that keep their names need no
// record of their own.
func (b *builder) from(modelPath, filePath string) { b.origin[modelPath] = filePath }

// related reports whether one path is the other or lies under it.
func related(a, b string) bool {
	under := func(x, y string) bool {
		return strings.HasPrefix(x, y) && (len(x) == len(y) || x[len(y)] == '.' || x[len(y)] == '[' || y == "")
	}
	return under(a, b) || under(b, a)
}

func (b *builder) fail(path, format string, args ...any) {
	for from, to := range b.alias {
		if related(path, from) && strings.HasPrefix(path, from) {
			path = to + path[len(from):]
			break
		}
	}
	for _, e := range b.prior {
		if related(e.Path, path) {
			return
		}
	}
	p := b.s.src.where(path)
	b.errs = append(b.errs, Error{File: p.file, Line: p.line, Column: p.column, Path: path, Msg: fmt.Sprintf(format, args...)})
}

func (b *builder) missing(path, allowed string) {
	for typo := range b.typos {
		if strings.HasSuffix(path, "."+typo[strings.LastIndex(typo, ".")+1:]) || path == typo {
			return
		}
	}
	b.fail(path, "missing (allowed: %s)", allowed)
}

// build checks everything and returns the config; it is complete only if
// no problems were found.
func (b *builder) build() *model.Config {
	s := b.s
	cfg := &model.Config{Name: s.Name, AnswerTarget: defaultAnswerTarget, AbandonThreshold: defaultAbandon}
	b.cfg = cfg
	if s.Start == nil {
		b.missing("start", "a local date-time such as 2022-07-04 00:00")
	} else {
		cfg.Start = s.Start.Time()
	}
	switch {
	case s.End != nil && s.Horizon != nil:
		b.fail("horizon", "give end or horizon, not both (allowed: one of them)")
	case s.End != nil:
		b.from("horizon", "end")
		if s.Start != nil {
			cfg.Horizon = s.End.Time().Sub(cfg.Start).Seconds()
		}
	case s.Horizon != nil:
		cfg.Horizon = float64(*s.Horizon)
	default:
		b.from("horizon", "end")
		b.missing("end", "end: a date-time after start, or horizon: a duration such as 4w")
	}
	if s.Warmup != nil && s.Start != nil {
		cfg.Warmup = warmupEnd(cfg.Start, float64(*s.Warmup))
	}
	if s.AnswerTarget != nil {
		cfg.AnswerTarget = float64(*s.AnswerTarget)
	}
	if s.AbandonThreshold != nil {
		cfg.AbandonThreshold = float64(*s.AbandonThreshold)
	}
	if s.Replications != nil && (*s.Replications < 1 || *s.Replications > MaxReplications) {
		b.fail("replications", "%d: want 1 to %d", *s.Replications, MaxReplications)
	}
	if !ValidName(s.Name) {
		b.fail("name", "%q: want %s (the name becomes a folder and a file name)", s.Name, nameRule)
	}
	if strings.ContainsFunc(s.Description, unicode.IsControl) {
		b.fail("description", "has a line break or control character (allowed: one line of printable text)")
	}
	b.nations()
	if s.Outage != nil {
		b.outage(s.Outage)
	}
	// The model's rulebook decides the rest. It runs even when the file has
	// problems, so that one pass reports everything; place drops what
	// follows from a problem already reported.
	if _, err := model.New(cfg); err != nil {
		b.place(err)
	}
	return cfg
}

// each pairs each nation with its field, in the nations' declared order.
func (ns *Nations) each() []struct {
	nation calendar.Nation
	n      *Nation
} {
	return []struct {
		nation calendar.Nation
		n      *Nation
	}{
		{calendar.England, ns.England}, {calendar.Scotland, ns.Scotland},
		{calendar.Wales, ns.Wales}, {calendar.NorthernIreland, ns.NorthernIreland},
	}
}

func (b *builder) nations() {
	count := 0
	for _, e := range b.s.Nations.each() {
		if e.n == nil {
			continue
		}
		count++
		path := "nations." + e.nation.String()
		b.from(fmt.Sprintf("nations[%d]", len(b.cfg.Nations)), path)
		b.cfg.Nations = append(b.cfg.Nations, b.nation(path, e.nation, e.n))
		nat := &b.cfg.Nations[len(b.cfg.Nations)-1]
		if len(e.n.Services) == 0 {
			b.missing(path+".services", "at least one front-door service, by name")
			continue
		}
		for _, name := range sortedKeys(e.n.Services) {
			sp := path + ".services." + name
			mp := fmt.Sprintf("services[%d]", len(b.cfg.Services))
			b.from(mp, sp)
			b.from(mp+".name", sp) // a service's name is its key
			b.cfg.Services = append(b.cfg.Services, b.service(sp, path, e.nation, nat, e.n, name, e.n.Services[name]))
		}
	}
	if count == 0 {
		b.missing("nations", "one or more of england, scotland, wales, northern_ireland")
	}
}

// namedField is a field of an enum-keyed struct (Dispositions, Systems ...)
// with its file name.
type namedField struct {
	name string
	v    reflect.Value
}

func namedFields(x any) []namedField {
	v := reflect.ValueOf(x).Elem()
	var out []namedField
	for _, f := range fieldsOf(v.Type()) {
		out = append(out, namedField{f.name, v.FieldByIndex(f.index)})
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (b *builder) nation(path string, which calendar.Nation, n *Nation) model.Nation {
	out := model.Nation{Nation: which}
	if n.Demand == nil {
		b.missing(path+".demand", "calls_per_day and optional factors, or flat: true")
	} else {
		out.Demand = b.demand(path+".demand", which, n.Demand)
	}
	if n.OnlineShare != nil {
		out.OnlineShare = float64(*n.OnlineShare)
	}
	out.Dispositions = b.dispositions(path+".dispositions", n.Dispositions, true)
	out.AbandonTo = b.dispositions(path+".abandon_to", n.AbandonTo, false)
	out.OnlineDispositions = b.dispositions(path+".online_dispositions", n.OnlineDispositions, out.OnlineShare > 0)
	usesCAS := out.Dispositions[model.ClinicalAssessment] > 0 || out.OnlineShare > 0 && out.OnlineDispositions[model.ClinicalAssessment] > 0
	if n.CAS == nil {
		if usesCAS {
			b.missing(path+".cas", "priorities and outcomes, since some dispositions are clinical_assessment")
		}
	} else {
		out.CAS = b.cas(path+".cas", n.CAS)
	}
	out.GP = overGP(n.GP, model.GPPractices{})
	b.regions(path, which, n, out.GP)
	b.plt(path+".plt", n)
	if n.LostReferralTo != nil {
		out.LostReferralTo = b.dispositions(path+".lost_referral_to", n.LostReferralTo, true)
	}
	if n.LostReferralWait != nil {
		out.LostReferralWait = float64(*n.LostReferralWait)
	}
	if o := n.OOH; o != nil {
		out.OOH.System = o.System
		out.OOH.Priorities = b.priorities(path+".ooh.priorities", o.Priorities)
		if len(o.Priorities) > 0 || o.Consult != nil {
			if d := b.dist(path+".ooh.consult", o.Consult, "a distribution of out-of-hours consult time"); d != nil {
				out.OOH.Consult = *d
			}
		}
		if len(o.Priorities) > 0 || o.Clinicians != nil {
			out.OOH.Clinicians = b.staffing(path+".ooh.clinicians", o.Clinicians)
		}
	}
	for i, sg := range n.Surges {
		sp := fmt.Sprintf("%s.surges[%d]", path, i)
		var from, to float64
		if sg.From == nil {
			b.missing(sp+".from", "a date-time or +offset from the scenario start")
		} else {
			from = sg.From.seconds(b.cfg.Start, 0)
		}
		if sg.To == nil {
			b.missing(sp+".to", "a date-time or +offset from the scenario start")
		} else {
			to = sg.To.seconds(b.cfg.Start, 0)
		}
		f := 1.0
		if sg.Factor == nil {
			b.missing(sp+".factor", "a demand multiplier such as 1.6")
		} else {
			f = *sg.Factor
		}
		out.Surges = append(out.Surges, model.Surge{From: from, To: to, Factor: f, Unplanned: sg.Unplanned})
	}
	return out
}

func (b *builder) nonNeg(path string, v float64) float64 {
	if !(v >= 0) {
		b.fail(path, "%v is negative (allowed: a number ≥ 0)", v)
		return 0
	}
	return v
}

// dispositions converts a probability per outcome; the model checks them.
func (b *builder) dispositions(path string, d *Dispositions, required bool) [model.NumDispositions]float64 {
	var out [model.NumDispositions]float64
	if d == nil {
		if required {
			b.missing(path, "a probability per outcome: "+strings.Join(model.DispositionNames(), ", ")+", summing to 100%")
		}
		return out
	}
	for _, f := range namedFields(d) {
		if p := f.v.Interface().(*Prob); p != nil {
			k, err := model.ParseDisposition(f.name)
			if err != nil {
				panic(err) // the Dispositions fields are the model's names
			}
			out[k] = float64(*p)
		}
	}
	return out
}

func (b *builder) cas(path string, c *CAS) model.CAS {
	var out model.CAS
	out.Priorities = b.priorities(path+".priorities", c.Priorities)
	if len(c.Priorities) == 0 {
		b.missing(path+".priorities", "a list of {name, target, share}")
	}
	out.Outcomes = b.dispositions(path+".outcomes", c.Outcomes, true)
	out.GiveUp = b.dist(path+".give_up", c.GiveUp, "")
	out.GiveUpTo = b.dispositions(path+".give_up_to", c.GiveUpTo, c.GiveUp != nil)
	return out
}

func (b *builder) priorities(path string, ps []Priority) []model.Priority {
	var out []model.Priority
	for i, p := range ps {
		pp := fmt.Sprintf("%s[%d]", path, i)
		q := model.Priority{Name: p.Name}
		if p.Name == "" {
			b.missing(pp+".name", "a class name such as p1 or urgent")
		}
		if p.Target == nil {
			b.missing(pp+".target", "a duration such as 20m")
		} else {
			q.Target = float64(*p.Target)
		}
		if p.Share == nil {
			b.missing(pp+".share", "a share such as 30%")
		} else {
			q.Share = float64(*p.Share)
		}
		out = append(out, q)
	}
	return out
}

// dist converts a distribution; what, if not empty, makes it required.
func (b *builder) dist(path string, x *Dist, what string) *dist.Dist {
	if x == nil {
		if what != "" {
			b.missing(path, what+", e.g. {dist: lognormal, mean: 10m, cv: 0.5}")
		}
		return nil
	}
	d, probs := x.build()
	for _, p := range probs {
		fp := path
		if p.field != "" {
			fp = path + "." + p.field
		}
		b.fail(fp, "%s", p.msg)
	}
	if len(probs) > 0 {
		return nil
	}
	return &d
}

const staffingAllowed = "one of fixed (staff every hour), hour_of_week (168 numbers) or occupancy (e.g. 85%)"

func (b *builder) staffing(path string, s *Staffing) model.Staffing {
	var out model.Staffing
	if s == nil {
		b.missing(path, staffingAllowed)
		return out
	}
	given := 0
	for _, ok := range []bool{s.Fixed != nil, s.HourOfWeek != nil, s.Occupancy != nil} {
		if ok {
			given++
		}
	}
	if given > 1 {
		b.fail(path, "more than one of fixed, hour_of_week and occupancy (allowed: %s)", staffingAllowed)
	}
	if given == 0 && s.Minimum == nil {
		b.missing(path, staffingAllowed)
	}
	switch {
	case s.Fixed != nil:
		b.from(path+".hour_of_week", path+".fixed")
		out.HourOfWeek = make([]int, 168)
		for i := range out.HourOfWeek {
			out.HourOfWeek[i] = *s.Fixed
		}
	case s.HourOfWeek != nil:
		out.HourOfWeek = s.HourOfWeek
	case s.Occupancy != nil:
		out.Occupancy = float64(*s.Occupancy)
		if out.Occupancy == 0 {
			b.fail(path+".occupancy", "0%% (allowed: an occupancy above 0%%, up to 100%%)")
		}
	}
	out.Factor = 1
	if s.Factor != nil {
		out.Factor = *s.Factor
	}
	if s.Minimum != nil {
		out.Minimum = *s.Minimum
	}
	return out
}

func (b *builder) service(path, nationPath string, which calendar.Nation, nat *model.Nation, n *Nation, name string, svc *Service) model.Service {
	out := model.Service{Name: name, Nation: which}
	if svc == nil {
		b.missing(path, "the service's share and settings")
		return out
	}
	if svc.Share == nil {
		b.missing(path+".share", "the service's share of the nation's demand, e.g. 25%")
	} else {
		out.Share = float64(*svc.Share)
	}
	out.Regions = b.serviceRegions(path, svc, len(b.cfg.Services))
	set := merged(n.Defaults, svc)
	if n.Defaults != nil {
		own := reflect.ValueOf(&svc.ServiceSettings).Elem()
		for _, f := range fieldsOf(own.Type()) {
			if own.FieldByIndex(f.index).IsNil() && !reflect.ValueOf(n.Defaults).Elem().FieldByIndex(f.index).IsNil() {
				b.alias[path+"."+f.name] = nationPath + ".defaults." + f.name
			}
		}
	}
	if set.Systems != nil {
		for i, f := range namedFields(set.Systems) {
			if p := f.v.Interface().(*string); p != nil {
				out.Systems[i] = *p
			}
		}
	}
	if set.RouteSystems != nil {
		for i, f := range namedFields(set.RouteSystems) {
			if p := f.v.Interface().(*string); p != nil {
				out.RouteSystems[i] = *p
			}
		}
	}
	out.Advisers = b.staffing(path+".advisers", set.Advisers)
	if d := b.dist(path+".handle", set.Handle, "a distribution of health adviser handle time"); d != nil {
		out.Handle = *d
	}
	out.Patience = b.dist(path+".patience", set.Patience, "")
	b.from(path+".redial_prob", path+".redial.prob")
	b.from(path+".redial_delay", path+".redial.delay")
	if r := set.Redial; r != nil {
		if r.Prob != nil {
			out.RedialProb = float64(*r.Prob)
		}
		out.RedialDelay = b.dist(path+".redial.delay", r.Delay, "")
	}
	if len(nat.CAS.Priorities) > 0 {
		out.Clinicians = b.staffing(path+".clinicians", set.Clinicians)
		if d := b.dist(path+".consult", set.Consult, "a distribution of clinician consult time"); d != nil {
			out.Consult = *d
		}
	}
	return out
}

// place puts the model's errors on the file's fields: the origin recorded
// for the longest prefix of each error's path, followed by the rest of the
// path. An error on or under a field the file already has a problem with
// is dropped: it follows from that problem (a value that did not parse, a
// field that is missing or misspelt).
func (b *builder) place(err error) {
	var fes model.Errors
	if !errors.As(err, &fes) {
		b.fail("", "%v", err)
		return
	}
	known := slices.Clone(b.errs)
	for _, fe := range fes {
		p := b.filePath(fe.Path)
		if b.isKnown(known, p) || b.misspelt(p) {
			continue
		}
		b.fail(p, "%s", fe.Msg)
	}
}

// misspelt reports whether path is, or lies under, a field that an
// unknown field was probably meant to be: its problem is the misspelling,
// already reported. Like missing, it matches the field's name anywhere,
// since a misspelt default leaves every service without the field.
func (b *builder) misspelt(path string) bool {
	for typo := range b.typos {
		name := typo[strings.LastIndex(typo, ".")+1:]
		if related(path, typo) || strings.HasSuffix(path, "."+name) || strings.Contains(path, "."+name+".") {
			return true
		}
	}
	return false
}

// filePath is the file path of the model field path p: the origin of its
// longest recorded prefix, then the rest of p. Origins may also rename a
// file path (a service's redial_prob is its redial.prob, a staffing's
// hour_of_week may be written as fixed), so the lookup repeats on its
// result.
func (b *builder) filePath(p string) string {
	for range 3 {
		q := p
		for cut := len(p); cut > 0; cut-- {
			if cut < len(p) && p[cut] != '.' && p[cut] != '[' {
				continue
			}
			if to, ok := b.origin[p[:cut]]; ok {
				q = to + p[cut:]
				break
			}
		}
		if q == p {
			break
		}
		p = q
	}
	return p
}

// isKnown reports whether path, or the defaults field it is inherited
// from, lies on or under a problem already reported.
func (b *builder) isKnown(known Errors, path string) bool {
	for from, to := range b.alias {
		if related(path, from) && strings.HasPrefix(path, from) {
			path = to + path[len(from):]
			break
		}
	}
	for _, e := range known {
		if related(e.Path, path) {
			return true
		}
	}
	return false
}

// Warnings lists the parts of a valid scenario that change nothing (see
// model.Config.NoOps), each with the file position of its field, in file
// order. A warning is not an error: the scenario still runs.
func (s *Scenario) Warnings() Errors {
	b := newBuilder(s, nil)
	cfg := b.build()
	if len(b.errs) > 0 {
		return nil
	}
	var out Errors
	for _, w := range cfg.NoOps() {
		// Placed like the model's errors, on the field they came from.
		path := b.filePath(w.Path)
		p := s.src.where(path)
		out = append(out, Error{File: p.file, Line: p.line, Column: p.column, Path: path, Msg: w.Msg})
	}
	return out.sorted()
}

// warmupEnd is when statistics start after a warm-up of w seconds from
// start: the first local midnight at or after start + w, so that every day
// an output reports is whole.
func warmupEnd(start time.Time, w float64) float64 {
	if w <= 0 {
		return 0
	}
	t := start.Add(time.Duration(w * float64(time.Second))).In(calendar.London())
	m := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, calendar.London())
	if m.Before(t) {
		m = time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, calendar.London())
	}
	return m.Sub(start).Seconds()
}
