package scenarios

import (
	"reflect"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/sim/model"
)

// TestLibrary loads, validates, converts and briefly runs every library
// scenario.
func TestLibrary(t *testing.T) {
	entries := List()
	if len(entries) < 8 {
		t.Fatalf("List() = %d entries, want at least 8", len(entries))
	}
	for _, e := range entries {
		t.Run(e.Name, func(t *testing.T) {
			if e.Description == "" || strings.ContainsAny(e.Description, "\n") {
				t.Errorf("description %q: want one non-empty line", e.Description)
			}
			s, err := Load(e.Name)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := s.Config()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := model.New(cfg); err != nil {
				t.Fatal(err)
			}
			short := *cfg
			short.Horizon = 2 * 86400
			if short.Outage != nil {
				// Keep the outage inside the short run so that its handling runs too.
				o := *short.Outage
				o.Start = 86400
				o.Waves = nil
				o.Contingency.MutualAid = nil
				short.Outage = &o
			}
			r, err := model.Run(&short, s.SeedOrDefault(), 0)
			if err != nil {
				t.Fatal(err)
			}
			if r.UK.CallsOffered == 0 {
				t.Error("no calls offered in two days")
			}
		})
	}
}

func TestDefaultIsInLibrary(t *testing.T) {
	if _, err := Load(Default); err != nil {
		t.Fatal(err)
	}
}

// strip clears what a round trip does not keep: where fields were written.
func strip(s *Scenario) *Scenario {
	c := *s
	c.src = nil
	return &c
}

// TestRoundTrip checks load → save → load gives an equal scenario (and an
// equal model configuration) for every library file.
func TestRoundTrip(t *testing.T) {
	for _, e := range List() {
		t.Run(e.Name, func(t *testing.T) {
			s1, err := Load(e.Name)
			if err != nil {
				t.Fatal(err)
			}
			data, err := s1.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			s2, err := Parse(e.Name+"-saved.yaml", data)
			if err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			if !reflect.DeepEqual(strip(s1), strip(s2)) {
				t.Errorf("scenario changed in the round trip:\n%s", data)
			}
			c1, _ := s1.Config()
			c2, _ := s2.Config()
			if !reflect.DeepEqual(c1, c2) {
				t.Error("model config changed in the round trip")
			}
			again, _ := s2.Marshal()
			if string(again) != string(data) {
				t.Error("saving twice gives different files")
			}
		})
	}
}
