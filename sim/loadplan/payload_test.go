package loadplan

import (
	"encoding/json"
	"math"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/sim/model"
)

func draw(t *testing.T, m *Model, seed, vu uint64, n int, opts ReferralOptions) []Referral {
	t.Helper()
	g := m.Referrals(seed, vu)
	out := make([]Referral, n)
	for i := range out {
		r, err := g.Next(opts)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = r
	}
	return out
}

func TestReferralsAreSeeded(t *testing.T) {
	m := NewModel(testConfig(), 1)
	a := draw(t, m, 42, 3, 200, ReferralOptions{})
	if b := draw(t, NewModel(testConfig(), 1), 42, 3, 200, ReferralOptions{}); !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed and VU gave different referrals")
	}
	differ := func(x, y []Referral) bool {
		for i := range x {
			if x[i].Service != y[i].Service || x[i].Route != y[i].Route || x[i].Via != y[i].Via || x[i].Priority != y[i].Priority {
				return true
			}
		}
		return false
	}
	if !differ(a, draw(t, m, 42, 4, 200, ReferralOptions{})) {
		t.Error("another VU drew the same referrals")
	}
	if !differ(a, draw(t, m, 43, 3, 200, ReferralOptions{})) {
		t.Error("another seed drew the same referrals")
	}
}

// TestReferralFirstDraws pins the first payloads of seed 1, VU 1: a change
// here changes every load test's data.
func TestReferralFirstDraws(t *testing.T) {
	got := draw(t, NewModel(testConfig(), 1), 1, 1, 3, ReferralOptions{})
	js, err := json.Marshal([]Object{got[0].Object(), got[1].Object(), got[2].Object()})
	if err != nil {
		t.Fatal(err)
	}
	const want = `[{"id":"SYN-R-0001-000001","synthetic":true,"seq":1,"patientRef":"SYN-P-0001-000001","nation":"england","service":"eng-a","route":"ooh","disposition":"ooh_gp","via":"triage","priority":"urgent"},{"id":"SYN-R-0001-000002","synthetic":true,"seq":2,"patientRef":"SYN-P-0001-000002","nation":"england","service":"eng-a","route":"gp_booking","disposition":"gp_in_hours","via":"triage","priority":"standard"},{"id":"SYN-R-0001-000003","synthetic":true,"seq":3,"patientRef":"SYN-P-0001-000003","nation":"england","service":"eng-a","route":"gp_booking","disposition":"gp_in_hours","via":"triage","priority":"standard"}]`
	if string(js) != want {
		t.Errorf("first referrals\n got %s\nwant %s", js, want)
	}
}

var (
	syntheticID = regexp.MustCompile(`^SYN-[RP]-\d{4}-\d{6}$`)
	tenDigits   = regexp.MustCompile(`\d{10}`) // the shape of an NHS number
)

func TestReferralsAreSyntheticAndFollowTheModel(t *testing.T) {
	cfg := testConfig()
	m := NewModel(cfg, 1)
	const n = 40000
	refs := draw(t, m, 7, 1, n, ReferralOptions{Nation: "england"})
	routes := map[string]float64{}
	viaCAS := 0
	for i, r := range refs {
		if !r.Synthetic || !syntheticID.MatchString(r.ID) || !syntheticID.MatchString(r.PatientRef) || r.Seq != uint64(i+1) {
			t.Fatalf("referral %d not marked synthetic: %+v", i, r)
		}
		js, _ := json.Marshal(r.Object())
		if tenDigits.Match(js) {
			t.Fatalf("referral %d has a ten-digit number: %s", i, js)
		}
		if r.Nation != "england" || (r.Service != "eng-a" && r.Service != "eng-b") {
			t.Fatalf("referral %d from %s/%s, want england", i, r.Nation, r.Service)
		}
		if route, _ := model.ParseRoute(r.Route); func() bool {
			d, _ := model.ParseDisposition(r.Disposition)
			rr, ok := model.RouteOf(d)
			return !ok || rr != route
		}() {
			t.Fatalf("referral %d: disposition %s does not travel by %s", i, r.Disposition, r.Route)
		}
		routes[r.Route]++
		if r.Via == "clinical_assessment" {
			viaCAS++
		}
	}
	// Route frequencies match the nation's route shares within 4 standard
	// errors of a multinomial proportion.
	eng := &cfg.Nations[0]
	total := 0.0
	for r := range model.NumRoutes {
		total += eng.RouteShare(r)
	}
	for r := range model.NumRoutes {
		p := eng.RouteShare(r) / total
		got := routes[r.String()] / n
		if se := math.Sqrt(p * (1 - p) / n); math.Abs(got-p) > 4*se+1e-12 {
			t.Errorf("route %s: %.4f of referrals, want %.4f ± %.4f", r, got, p, 4*se)
		}
	}
	// Via assessment: 0.25 of triage goes to the CAS and 80% of it leaves
	// with a referral (ED, GP, OOH); directly, 0.7 of triage is referred
	// (all but the CAS and self-care).
	p := 0.25 * 0.8 / (0.25*0.8 + 0.7)
	if got, se := float64(viaCAS)/n, math.Sqrt(p*(1-p)/n); math.Abs(got-p) > 4*se {
		t.Errorf("%.4f via clinical assessment, want %.4f", got, p)
	}
}

func TestReferralOptions(t *testing.T) {
	m := NewModel(testConfig(), 1)
	for _, r := range draw(t, m, 1, 2, 300, ReferralOptions{Route: "ooh"}) {
		if r.Route != "ooh" || r.Disposition != "ooh_gp" || (r.Priority != "urgent" && r.Priority != "routine") {
			t.Fatalf("ooh referral %+v: want an OOH priority", r)
		}
	}
	for _, r := range draw(t, m, 1, 2, 300, ReferralOptions{Service: "nhs24", Route: "ed"}) {
		if r.Service != "nhs24" || r.Nation != "scotland" {
			t.Fatalf("%+v: want nhs24", r)
		}
		if (r.Via == "clinical_assessment") != (r.Priority == "p1" || r.Priority == "p2") {
			t.Fatalf("%+v: a call-back priority only after clinical assessment", r)
		}
	}
	g := m.Referrals(1, 1)
	for _, bad := range []ReferralOptions{{Route: "taxi"}, {Service: "nope"}, {Route: "dental"} /* no dental share in the fixture */} {
		if _, err := g.Next(bad); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

func TestPayloads(t *testing.T) {
	m := NewModel(testConfig(), 1)
	for _, tc := range []struct {
		sel  Selection
		want string // the first payload, pinned
	}{
		{Selection{Service: "eng-a", Stream: "referrals:gp_booking"}, `{"id":"SYN-R-0000-000001","synthetic":true,"seq":1,"patientRef":"SYN-P-0000-000001","nation":"england","service":"eng-a","route":"gp_booking","disposition":"gp_in_hours","via":"triage","priority":"standard"}`},
		{Selection{Nation: "england"}, `{"id":"SYN-C-0000-000001","synthetic":true,"seq":1,"nation":"england","service":"eng-a"}`},
	} {
		p, err := m.Payloads(tc.sel, 1)
		if err != nil {
			t.Fatal(err)
		}
		q, _ := m.Payloads(tc.sel, 1)
		for i := range 500 {
			a, err := p.Next()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := q.Next()
			js, _ := json.Marshal(a)
			jb, _ := json.Marshal(b)
			if string(js) != string(jb) {
				t.Fatalf("%+v: payload %d differs between two sequences of one seed", tc.sel, i)
			}
			if i == 0 && string(js) != tc.want {
				t.Errorf("%+v: first payload %s, want %s", tc.sel, js, tc.want)
			}
			if tenDigits.Match(js) || a.Get("synthetic") != true || !strings.HasPrefix(a.Get("id").(string), "SYN-") {
				t.Fatalf("%+v: payload %s is not plainly synthetic", tc.sel, js)
			}
			if tc.sel.Service != "" && a.Get("service") != tc.sel.Service {
				t.Fatalf("%+v: payload from %v", tc.sel, a.Get("service"))
			}
			if tc.sel.Stream == "referrals:gp_booking" && a.Get("route") != "gp_booking" {
				t.Fatalf("%+v: payload by route %v", tc.sel, a.Get("route"))
			}
		}
	}
	if _, err := m.Payloads(Selection{Stream: "parcels"}, 1); err == nil {
		t.Error("an unknown stream was accepted")
	}
}
