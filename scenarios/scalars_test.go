package scenarios

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseDuration(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"30s", 30, true},
		{"10m", 600, true},
		{"2h", 7200, true},
		{"3d", 3 * 86400, true},
		{"1w", 7 * 86400, true},
		{"1h30m", 5400, true},
		{"1.5h", 5400, true},
		{"90", 90, true},    // a bare number is seconds
		{"10 m", 600, true}, // a space before the unit is fine
		{"", 0, false},
		{"-5m", 0, false},        // durations are never negative
		{"10 minutes", 0, false}, // units are single letters
		{"m", 0, false},
		{"5", 5, true},
		{"1y", 0, false},
	} {
		got, err := ParseDuration(c.in)
		if (err == nil) != c.ok || c.ok && float64(got) != c.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v, ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

// TestScalarsRoundTrip checks that formatting then parsing gives the same
// value for durations, probabilities and moments.
func TestScalarsRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		var d Duration
		switch r.IntN(3) {
		case 0:
			d = Duration(r.Float64() * 1e7)
		case 1:
			d = Duration(r.IntN(1000)) * 60
		default:
			d = Duration(r.IntN(100)) * 86400
		}
		if back, err := ParseDuration(d.String()); err != nil || back != d {
			t.Fatalf("duration %v → %q → %v, %v", float64(d), d.String(), float64(back), err)
		}
		p := Prob(r.Float64())
		if r.IntN(2) == 0 {
			p = Prob(float64(r.IntN(10001)) / 10000)
		}
		if back, err := ParseProb(p.String()); err != nil || back != p {
			t.Fatalf("prob %v → %q → %v, %v", float64(p), p.String(), float64(back), err)
		}
		w := When{Offset: d, Relative: true}
		if back, err := ParseWhen(w.String()); err != nil || back != w {
			t.Fatalf("when %v → %q → %v, %v", w, w.String(), back, err)
		}
	}
	for _, s := range []string{"2022-08-04 07:00", "2022-03-27 01:30", "2024-02-29 23:59"} {
		w, err := ParseWhen(s)
		if err != nil || w.String() != s {
			t.Errorf("ParseWhen(%q) = %v, %v", s, w, err)
		}
	}
	if _, err := ParseDateTime("2023-02-29 10:00"); err == nil {
		t.Error("29 Feb 2023 accepted")
	}
	if p, err := ParseProb("43%"); err != nil || p != 0.43 || p.String() != "43%" {
		t.Errorf("43%% → %v, %v, %q", float64(p), err, p.String())
	}
}

// TestLoadFileWithRelativeExtends loads scenario files from disk, one
// building on the other by a relative path, and saves the result.
func TestLoadFileWithRelativeExtends(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "base"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("base/small.yaml", small)
	write("variant.yaml", "extends: base/small.yaml\ndescription: variant\nnations: {england: {services: {a: {patience: 5m}}}}\n")
	s, err := Load(filepath.Join(dir, "variant.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "variant" || s.Description != "variant" {
		t.Errorf("name %q, description %q", s.Name, s.Description)
	}
	if p := s.Nations.England.Services["a"].Patience; p == nil || p.Dist != "fixed" {
		t.Errorf("patience %+v, want fixed 5m", p)
	}
	saved := filepath.Join(dir, "saved.yaml")
	if err := s.Save(saved); err != nil {
		t.Fatal(err)
	}
	again, err := Load(saved)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(strip(s), strip(again)) {
		t.Error("saved scenario loads differently")
	}
	if _, err := Load(filepath.Join(dir, "nothing.yaml")); err == nil || !strings.Contains(err.Error(), "nothing.yaml") {
		t.Errorf("missing file: %v", err)
	}
}

// TestMergeRules checks the extends rules: mappings merge, lists replace,
// null removes, a distribution replaces whole, and a staffing choice drops
// the inherited alternatives.
func TestMergeRules(t *testing.T) {
	s, err := Parse("v.yaml", []byte(`extends: adastra-2022
nations:
  england:
    defaults:
      handle: {dist: exponential, mean: 9m}
      advisers: {fixed: 50}
      patience: null
    services:
      eng-east: {share: 20%}
      eng-north: {share: 17.209%}
outage:
  systems: [adastra]
  waves: [{at: +20d, services: [eng-north], fraction: 100%}]
`))
	if err != nil {
		t.Fatal(err)
	}
	eng := s.Nations.England
	if h := eng.Defaults.Handle; h.Dist != "exponential" || h.CV != nil {
		t.Errorf("handle %+v: want exponential without the inherited cv", h)
	}
	if a := eng.Defaults.Advisers; a.Fixed == nil || a.Occupancy != nil || a.Factor == nil {
		t.Errorf("advisers %+v: want fixed, no inherited occupancy, inherited factor", a)
	}
	if eng.Defaults.Patience != nil {
		t.Error("patience: null did not remove the inherited patience")
	}
	if len(s.Outage.Waves) != 1 {
		t.Errorf("%d waves: want the list replaced by 1", len(s.Outage.Waves))
	}
	if eng.Services["eng-london"] == nil || eng.Demand == nil {
		t.Error("inherited services or demand lost")
	}
}
