package outagesim

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/grafana/sobek"
	"go.k6.io/k6/js/modules"
	"go.k6.io/k6/lib"
	"go.k6.io/k6/metrics"

	"github.com/outagesim/outagesim/scenarios"
	"github.com/outagesim/outagesim/sim/calendar"
)

// Metric names the module registers.
const (
	// PhaseMetric is a gauge: the phase's index in PhaseNames at each
	// phase() call, tagged with the phase's name.
	PhaseMetric = "outagesim_phase"
	// FailoverMetric counts failover() calls, tagged with the reason.
	FailoverMetric = "outagesim_failovers"
)

// RootModule is the k6/x/outagesim module; k6 makes one Instance of it per
// VU. The scenarios it parses are shared by all VUs.
type RootModule struct{ scenarios cache }

// New returns the root module to register with k6.
func New() *RootModule { return &RootModule{} }

var (
	_ modules.Module   = (*RootModule)(nil)
	_ modules.Instance = (*Instance)(nil)
)

// NewModuleInstance implements modules.Module. k6 calls it in each VU's
// init context, where the metrics can be registered.
func (r *RootModule) NewModuleInstance(vu modules.VU) modules.Instance {
	in := &Instance{root: r, vu: vu}
	if ie := vu.InitEnv(); ie != nil {
		in.phase, in.metricsErr = ie.Registry.NewMetric(PhaseMetric, metrics.Gauge)
		if in.metricsErr == nil {
			in.failovers, in.metricsErr = ie.Registry.NewMetric(FailoverMetric, metrics.Counter)
		}
	} else {
		in.metricsErr = errors.New("the module was not imported in the init context")
	}
	return in
}

// Instance is one VU's view of the module: the scenario it loaded, the
// timeline of its arrivals, and its referral sequence.
type Instance struct {
	root *RootModule
	vu   modules.VU

	model    *Model
	tl       Timeline
	seed     uint64
	seedSet  bool
	referral *Referrals

	phase, failovers *metrics.Metric
	metricsErr       error
}

// Exports implements modules.Instance.
func (in *Instance) Exports() modules.Exports {
	return modules.Exports{Named: map[string]any{
		"load":     in.load,
		"arrivals": in.arrivals,
		"plan":     in.plan,
		"timeline": in.timeline,
		"phase":    in.phaseAt,
		"referral": in.nextReferral,
		"failover": in.failover,
		"phases":   PhaseNames(),
	}}
}

func (in *Instance) rt() *sobek.Runtime { return in.vu.Runtime() }

// current returns the loaded model, loading the default scenario if the
// script loaded none.
func (in *Instance) current() (*Model, error) {
	if in.model == nil {
		l, err := in.root.scenarios.loadLibrary(scenarios.Default)
		if err != nil {
			return nil, loadError(scenarios.Default, err)
		}
		in.use(l)
	}
	return in.model, nil
}

func (in *Instance) use(l *loaded) {
	in.model, in.referral = l.model, nil
	in.tl = Timeline{Speedup: 1, From: 0, To: l.model.Config.Horizon}
}

// load(nameOrPath | {name, data}, options?)
func (in *Instance) load(arg sobek.Value, options sobek.Value) (sobek.Value, error) {
	ie := in.vu.InitEnv()
	if ie == nil {
		return nil, errors.New("load: call it in the init context (outside the default function), like open()")
	}
	var l *loaded
	var err error
	var what string
	switch x := exportOf(arg).(type) {
	case string:
		what = x
		switch {
		case isLibraryName(x):
			l, err = in.root.scenarios.loadLibrary(x)
		case x == "":
			err = fmt.Errorf("want a library scenario (%s) or a .yaml path", libraryNames())
		default:
			l, err = in.root.scenarios.loadFile(ie, x)
		}
	case map[string]any:
		o := newOpts("load", x, "name", "data")
		name, data := o.str("name", "scenario.yaml"), o.bytes("data")
		if err := o.err(); err != nil {
			return nil, err
		}
		if data == nil {
			return nil, errors.New(`load: {name, data}: data is missing; pass open("./file.yaml")`)
		}
		what = name
		l, err = in.root.scenarios.loadData(name, data)
	default:
		return nil, errors.New(`load: want a scenario name ("adastra-2022"), a path ("./my.yaml") or {name, data: open("./my.yaml")}`)
	}
	if err != nil {
		return nil, loadError(what, err)
	}
	in.use(l)
	o := newOpts("load options", exportMap(options), "seed", "speedup", "from", "to")
	in.tl = o.timeline(l.model, in.tl)
	if o.has("seed") {
		in.seed, in.seedSet = o.uint("seed"), true
	}
	if err := o.err(); err != nil {
		return nil, err
	}
	if err := in.tl.check(l.model.Config); err != nil {
		return nil, fmt.Errorf("load options: %w", err)
	}
	return in.toJS(in.summary(l)), nil
}

// summary describes a loaded scenario to the script.
func (in *Instance) summary(l *loaded) Object {
	cfg := l.model.Config
	var services []any
	for _, s := range cfg.Services {
		services = append(services, Object{{"name", s.Name}, {"nation", s.Nation.String()}, {"share", s.Share}})
	}
	var outage any
	if o := cfg.Outage; o != nil {
		outage = Object{
			{"systems", slices.Clone(o.Systems)},
			{"start", o.Start}, {"startLocal", formatLocal(LocalTime(cfg, o.Start))},
			{"detectionDelay", o.DetectionDelay},
			{"affected", cfg.AffectedServices()},
		}
	}
	return Object{
		{"name", cfg.Name}, {"description", l.scenario.Description},
		{"start", formatLocal(cfg.Start)}, {"horizon", cfg.Horizon},
		{"seed", in.seedOr(l.model)},
		{"services", services}, {"outage", outage},
	}
}

func (in *Instance) seedOr(m *Model) uint64 {
	if in.seedSet {
		return in.seed
	}
	return m.Seed
}

var arrivalKeys = []string{"nation", "service", "stream", "speedup", "scale", "from", "to", "preAllocatedVUs", "maxVUs"}

// buildPlan reads arrivals() / plan() options. The plan's timeline becomes
// the VU's timeline for phase().
func (in *Instance) buildPlan(fn string, options sobek.Value) (Plan, error) {
	m, err := in.current()
	if err != nil {
		return Plan{}, err
	}
	o := newOpts(fn, exportMap(options), arrivalKeys...)
	opts := ArrivalOptions{
		Selection:       Selection{Nation: o.str("nation", ""), Service: o.str("service", ""), Stream: o.str("stream", "calls")},
		Timeline:        o.timeline(m, in.tl),
		Scale:           o.num("scale", 1),
		PreAllocatedVUs: int64(o.uint("preAllocatedVUs")),
		MaxVUs:          int64(o.uint("maxVUs")),
	}
	if err := o.err(); err != nil {
		return Plan{}, err
	}
	p, err := m.Arrivals(opts)
	if err != nil {
		return Plan{}, fmt.Errorf("%s: %w", fn, err)
	}
	in.tl = p.Timeline
	return p, nil
}

// arrivals(options) is the k6 scenario config following the model's demand.
func (in *Instance) arrivals(options sobek.Value) (sobek.Value, error) {
	p, err := in.buildPlan("arrivals", options)
	if err != nil {
		return nil, err
	}
	return in.toJS(p.Scenario()), nil
}

// plan(options) is arrivals() with the numbers behind it.
func (in *Instance) plan(options sobek.Value) (sobek.Value, error) {
	p, err := in.buildPlan("plan", options)
	if err != nil {
		return nil, err
	}
	return in.toJS(Object{
		{"scenario", p.Scenario()},
		{"expected", p.Expected},
		{"scheduled", p.Scheduled},
		{"iterations", math.Floor(p.Scheduled + 1e-9)},
		{"duration", p.Duration().Seconds()},
		{"peakRate", p.PeakRate},
		{"timeline", in.timelineObject()},
	}), nil
}

// timeline() is the VU's current timeline.
func (in *Instance) timeline() (sobek.Value, error) {
	if _, err := in.current(); err != nil {
		return nil, err
	}
	return in.toJS(in.timelineObject()), nil
}

func (in *Instance) timelineObject() Object {
	cfg := in.model.Config
	return Object{
		{"speedup", in.tl.Speedup}, {"from", in.tl.From}, {"to", in.tl.To},
		{"fromLocal", formatLocal(LocalTime(cfg, in.tl.From))}, {"toLocal", formatLocal(LocalTime(cfg, in.tl.To))},
		{"duration", in.tl.Duration()},
	}
}

// phaseAt(elapsedSeconds?, timeline?) is the outage phase on the VU's
// timeline; without elapsedSeconds, the time since the current k6
// scenario started.
func (in *Instance) phaseAt(elapsed sobek.Value, options sobek.Value) (sobek.Value, error) {
	m, err := in.current()
	if err != nil {
		return nil, err
	}
	var secs float64
	if isAbsent(elapsed) {
		ss := lib.GetScenarioState(in.vu.Context())
		if ss == nil {
			return nil, errors.New("phase: outside a running scenario pass elapsedSeconds, e.g. phase(0)")
		}
		secs = time.Since(ss.StartTime).Seconds()
	} else if v, ok := toFloat(exportOf(elapsed)); ok {
		secs = v
	} else {
		return nil, fmt.Errorf("phase: elapsedSeconds %v: want a number", elapsed)
	}
	o := newOpts("phase", exportMap(options), "speedup", "from", "to")
	tl := o.timeline(m, in.tl)
	if err := o.err(); err != nil {
		return nil, err
	}
	info := PhaseAt(m.Config, tl, secs)
	if err := in.push(in.phase, float64(info.Phase), "phase", info.Phase.String()); err != nil {
		return nil, fmt.Errorf("phase: %w", err)
	}
	affected := info.Affected
	if affected == nil {
		affected = []string{}
	}
	return in.toJS(Object{
		{"phase", info.Phase.String()}, {"code", int64(info.Phase)},
		{"affected", affected},
		{"simTime", info.SimTime}, {"localTime", formatLocal(info.Local)},
		{"elapsed", secs},
	}), nil
}

// nextReferral(options?) is the VU's next synthetic referral.
func (in *Instance) nextReferral(options sobek.Value) (sobek.Value, error) {
	m, err := in.current()
	if err != nil {
		return nil, err
	}
	o := newOpts("referral", exportMap(options), "nation", "service", "route")
	ro := ReferralOptions{Nation: o.str("nation", ""), Service: o.str("service", ""), Route: o.str("route", "")}
	if err := o.err(); err != nil {
		return nil, err
	}
	if in.referral == nil {
		var vu uint64 // 0 in the init context
		if st := in.vu.State(); st != nil {
			vu = st.VUIDGlobal
		}
		in.referral = m.Referrals(in.seedOr(m), vu)
	}
	r, err := in.referral.Next(ro)
	if err != nil {
		return nil, fmt.Errorf("referral: %w", err)
	}
	return in.toJS(r.Object()), nil
}

// failover(reason?) adds one to outagesim_failovers.
func (in *Instance) failover(reason sobek.Value) error {
	if in.vu.State() == nil {
		return errors.New("failover: call it from a running VU, not the init context")
	}
	why := "unspecified"
	if !isAbsent(reason) {
		why = reason.String()
	}
	if err := in.push(in.failovers, 1, "reason", why); err != nil {
		return fmt.Errorf("failover: %w", err)
	}
	return nil
}

// push records a sample in VU context (and nothing in the init context).
// It fails if the module could not register its metrics, e.g. because the
// script defined a metric of the same name and another type.
func (in *Instance) push(m *metrics.Metric, value float64, tag, tagValue string) error {
	st := in.vu.State()
	if st == nil {
		return nil
	}
	if in.metricsErr != nil {
		return in.metricsErr
	}
	ctm := st.Tags.GetCurrentValues()
	metrics.PushIfNotDone(in.vu.Context(), st.Samples, metrics.Sample{
		TimeSeries: metrics.TimeSeries{Metric: m, Tags: ctm.Tags.With(tag, tagValue)},
		Time:       time.Now(),
		Metadata:   ctm.Metadata,
		Value:      value,
	})
	return nil
}

func formatLocal(t time.Time) string {
	return t.In(calendar.London()).Format("2006-01-02T15:04:05.000Z07:00")
}

// toJS converts Objects and slices into plain JS objects and arrays, in
// order, so scripts can spread, mutate and JSON.stringify them.
func (in *Instance) toJS(v any) sobek.Value {
	rt := in.rt()
	switch x := v.(type) {
	case Object:
		obj := rt.NewObject()
		for _, f := range x {
			_ = obj.Set(f.Key, in.toJS(f.Value))
		}
		return obj
	case []any:
		items := make([]any, len(x))
		for i, e := range x {
			items[i] = in.toJS(e)
		}
		return rt.NewArray(items...)
	case []string:
		items := make([]any, len(x))
		for i, e := range x {
			items[i] = e
		}
		return rt.NewArray(items...)
	case nil:
		return sobek.Null()
	}
	return rt.ToValue(v)
}

func isAbsent(v sobek.Value) bool { return v == nil || sobek.IsUndefined(v) || sobek.IsNull(v) }

func exportOf(v sobek.Value) any {
	if isAbsent(v) {
		return nil
	}
	return v.Export()
}

func exportMap(v sobek.Value) map[string]any {
	m, _ := exportOf(v).(map[string]any)
	if m == nil && !isAbsent(v) {
		return map[string]any{"": v.Export()} // reported as not an object
	}
	return m
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// opts reads a JS options object strictly: unknown keys and wrong types
// are errors, all reported at once.
type opts struct {
	fn      string
	m       map[string]any
	allowed []string
	errs    []string
}

func newOpts(fn string, m map[string]any, allowed ...string) *opts {
	o := &opts{fn: fn, m: m, allowed: allowed}
	if v, bad := m[""]; bad && len(m) == 1 {
		o.errs = append(o.errs, fmt.Sprintf("want an options object, got %v", v))
		o.m = nil
	}
	var unknown []string
	for k := range o.m {
		if !slices.Contains(allowed, k) {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		o.errs = append(o.errs, fmt.Sprintf("unknown option %q (allowed: %s)", k, strings.Join(allowed, ", ")))
	}
	return o
}

func (o *opts) has(k string) bool { v, ok := o.m[k]; return ok && v != nil }

func (o *opts) fail(k, format string, args ...any) {
	o.errs = append(o.errs, k+": "+fmt.Sprintf(format, args...))
}

func (o *opts) err() error {
	if len(o.errs) == 0 {
		return nil
	}
	return fmt.Errorf("%s: %s", o.fn, strings.Join(o.errs, "; "))
}

func (o *opts) str(k, def string) string {
	if !o.has(k) {
		return def
	}
	s, ok := o.m[k].(string)
	if !ok {
		o.fail(k, "want a string, got %v", o.m[k])
	}
	return s
}

func (o *opts) num(k string, def float64) float64 {
	if !o.has(k) {
		return def
	}
	if v, ok := toFloat(o.m[k]); ok {
		return v
	}
	o.fail(k, "want a number, got %v", o.m[k])
	return def
}

func (o *opts) uint(k string) uint64 {
	v := o.num(k, 0)
	if v < 0 || v != math.Trunc(v) || v > 1<<53 {
		o.fail(k, "want a whole number ≥ 0, got %v", o.m[k])
		return 0
	}
	return uint64(v)
}

func (o *opts) bytes(k string) []byte {
	switch v := o.m[k].(type) {
	case nil:
		return nil
	case string:
		return []byte(v)
	case []byte:
		return v
	case sobek.ArrayBuffer:
		return v.Bytes()
	}
	o.fail(k, `want the text of the file (open("./x.yaml")), got %T`, o.m[k])
	return nil
}

// when reads a moment: seconds (a number) or a string for ParseWhen.
func (o *opts) when(m *Model, k string, def float64) float64 {
	if !o.has(k) {
		return def
	}
	if v, ok := toFloat(o.m[k]); ok {
		return v
	}
	switch v := o.m[k].(type) {
	case string:
		t, err := ParseWhen(m.Config, v)
		if err != nil {
			o.fail(k, "%v", err)
		}
		return t
	}
	o.fail(k, "want seconds from the scenario's start or a time string, got %v", o.m[k])
	return def
}

// timeline overrides def with speedup, from and to. A from at or after the
// old to, without a to, runs to the horizon.
func (o *opts) timeline(m *Model, def Timeline) Timeline {
	tl := def
	tl.Speedup = o.num("speedup", def.Speedup)
	tl.From = o.when(m, "from", def.From)
	tl.To = o.when(m, "to", def.To)
	if o.has("from") && !o.has("to") && tl.To <= tl.From {
		tl.To = m.Config.Horizon
	}
	return tl
}
