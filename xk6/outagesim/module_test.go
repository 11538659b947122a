package outagesim

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/sobek"
	"go.k6.io/k6/js/common"
	"go.k6.io/k6/lib"
	"go.k6.io/k6/lib/fsext"
	"go.k6.io/k6/metrics"
)

// fakeVU is the part of a k6 VU the module uses (k6's modulestest would
// need testify in go.sum).
type fakeVU struct {
	ctx   context.Context
	init  *common.InitEnvironment
	state *lib.State
	rt    *sobek.Runtime
}

func (v *fakeVU) Context() context.Context                      { return v.ctx }
func (v *fakeVU) Events() common.Events                         { return common.Events{} }
func (v *fakeVU) InitEnv() *common.InitEnvironment              { return v.init }
func (v *fakeVU) State() *lib.State                             { return v.state }
func (v *fakeVU) Runtime() *sobek.Runtime                       { return v.rt }
func (v *fakeVU) RegisterCallback() func(func() error)          { return func(func() error) {} }
func (v *fakeVU) toVUContext(ctx context.Context, s *lib.State) { v.ctx, v.init, v.state = ctx, nil, s }

// jsRuntime is a VU in its init context with the module's exports as
// globals and a script in /scripts/ beside the given files.
func jsRuntime(t *testing.T, root *RootModule, files map[string]string) (*fakeVU, fsext.Fs) {
	t.Helper()
	rt := &fakeVU{ctx: t.Context(), rt: sobek.New()}
	rt.rt.SetFieldNameMapper(common.FieldNameMapper{})
	rt.init = &common.InitEnvironment{TestPreInitState: &lib.TestPreInitState{Registry: metrics.NewRegistry()}}
	base := fsext.NewMemMapFs()
	for name, text := range files {
		if err := fsext.WriteFile(base, name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cached := fsext.NewCacheOnReadFs(base, fsext.NewMemMapFs(), 0)
	rt.init.FileSystems = map[string]fsext.Fs{"file": cached}
	rt.init.CWD = &url.URL{Scheme: "file", Path: "/scripts/"}
	inst := root.NewModuleInstance(rt)
	for name, v := range inst.Exports().Named {
		if err := rt.rt.Set(name, v); err != nil {
			t.Fatal(err)
		}
	}
	return rt, cached
}

func run(t *testing.T, rt *fakeVU, code string) string {
	t.Helper()
	v, err := rt.rt.RunString(code)
	if err != nil {
		t.Fatalf("%s\n→ %v", code, err)
	}
	return v.String()
}

func TestLoadReadsFilesThroughK6(t *testing.T) {
	rt, fsys := jsRuntime(t, New(), map[string]string{
		"/scripts/data/mine.yaml": "extends: base.yaml\ndescription: a test scenario\n",
		"/scripts/data/base.yaml": "extends: adastra-2022\nseed: 9\n",
	})
	got := run(t, rt, `const s = load("./data/mine.yaml"); [s.name, s.description, s.seed, s.outage.startLocal].join("|")`)
	if want := "mine|a test scenario|9|2022-08-04T07:00:00.000+01:00"; got != want {
		t.Errorf("load gave %q, want %q", got, want)
	}
	// k6 archive packs the caching layer: both files must be in it.
	layer := fsys.(*fsext.CacheOnReadFs).GetCachingFs()
	for _, f := range []string{"/scripts/data/mine.yaml", "/scripts/data/base.yaml"} {
		if ok, _ := fsext.Exists(layer, f); !ok {
			t.Errorf("%s was not read through k6's file system, so k6 archive would miss it", f)
		}
	}
	// The text of a file read with open().
	got = run(t, rt, `load({name: "x.yaml", data: "extends: adastra-2022\nseed: 5\n"}, {seed: 11}).seed`)
	if got != "11" {
		t.Errorf("load({name, data}, {seed: 11}).seed = %s", got)
	}
	for _, bad := range []string{`load("./missing.yaml")`, `load("")`, `load(42)`, `load({name: "x.yaml"})`, `load("adastra-2022", {speed: 2})`} {
		if _, err := rt.rt.RunString(bad); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func TestModuleInInitAndVUContext(t *testing.T) {
	rt, _ := jsRuntime(t, New(), nil)
	// Init context: options built from the model.
	got := run(t, rt, `
		load("adastra-2022", {seed: 3});
		const sc = arrivals({nation: "england", stream: "referrals:ed", speedup: 1440, scale: 0.1, from: "2022-08-04", to: "2022-08-05"});
		const p = plan({nation: "england", stream: "referrals:ed", scale: 0.1});
		const tl = timeline();
		[sc.executor, sc.stages.length > 0, JSON.stringify(sc) === JSON.stringify(p.scenario), tl.speedup, tl.fromLocal, p.duration, phase(17.5).phase, phase(0).phase].join("|")`)
	if want := "ramping-arrival-rate|true|true|1440|2022-08-04T00:00:00.000+01:00|60|outage|normal"; got != want {
		t.Errorf("init context gave %q, want %q", got, want)
	}
	if _, err := rt.rt.RunString(`failover("x")`); err == nil {
		t.Error("failover() in the init context: no error")
	}
	if _, err := rt.rt.RunString(`arrivals({nation: "england", speed: 2})`); err == nil || !strings.Contains(err.Error(), `unknown option "speed"`) {
		t.Errorf("unknown option: %v", err)
	}

	// VU context 30 s into the scenario: 12:00 on the outage day.
	samples := make(chan metrics.SampleContainer, 10)
	reg := rt.init.Registry
	ctx := lib.WithScenarioState(t.Context(), &lib.ScenarioState{Name: "s", StartTime: time.Now().Add(-30 * time.Second)})
	rt.toVUContext(ctx, &lib.State{Samples: samples, Tags: lib.NewVUStateTags(reg.RootTagSet()), VUIDGlobal: 7})
	got = run(t, rt, `
		const ph = phase();
		const r1 = referral(), r2 = referral({route: "ooh"});
		failover("phase");
		[ph.phase, ph.code, ph.affected.includes("eng-north"), ph.localTime.slice(0, 13), r1.id, r2.route, r2.synthetic].join("|")`)
	if want := "contingency|2|true|2022-08-04T12|SYN-R-0007-000001|ooh|true"; got != want {
		t.Errorf("VU context gave %q, want %q", got, want)
	}
	close(samples)
	var seen []string
	for sc := range samples {
		for _, s := range sc.GetSamples() {
			tags := s.Tags.Map()
			seen = append(seen, fmt.Sprintf("%s{%s%s}=%v", s.Metric.Name, tags["phase"], tags["reason"], s.Value))
		}
	}
	if want := "outagesim_phase{contingency}=2 outagesim_failovers{phase}=1"; strings.Join(seen, " ") != want {
		t.Errorf("samples %v, want %s", seen, want)
	}
}

// TestReferralSequencePerVU: each VU draws its own reproducible sequence.
func TestReferralSequencePerVU(t *testing.T) {
	root := New()
	seq := func(vu uint64) string {
		rt, _ := jsRuntime(t, root, nil)
		run(t, rt, `load("adastra-2022", {seed: 5})`)
		rt.toVUContext(t.Context(), &lib.State{Tags: lib.NewVUStateTags(rt.init.Registry.RootTagSet()), VUIDGlobal: vu})
		return run(t, rt, `[referral(), referral(), referral()].map(r => r.id + r.service + r.route + r.priority).join(",")`)
	}
	if a, b := seq(1), seq(1); a != b {
		t.Errorf("VU 1 twice: %s ≠ %s", a, b)
	}
	if a, b := seq(1), seq(2); a == b {
		t.Errorf("VUs 1 and 2 drew the same: %s", a)
	}
}

// TestVUsShareTheParsedScenario: VUs initialise concurrently; they parse
// each scenario once and share its model.
func TestVUsShareTheParsedScenario(t *testing.T) {
	root := New()
	const vus = 8
	errs := make(chan error, vus)
	var wg sync.WaitGroup
	for range vus {
		rt, _ := jsRuntime(t, root, nil)
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := rt.rt.RunString(`load("adastra-2022"); arrivals({nation: "wales", speedup: 720, scale: 0.1, from: "2022-08-04", to: "2022-08-05"})`)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(root.scenarios.entries) != 1 {
		t.Errorf("%d cache entries, want 1", len(root.scenarios.entries))
	}
}
