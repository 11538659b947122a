package scenarios

import (
	"errors"
	"strings"
	"testing"
)

// TestEstimateMatchesTheRun: the estimate is the expected demand, so on
// the textbook queue (4,800 calls a day for 4 weeks, no redials) it is
// exact, and on adastra-2022, where it counts redials as if every caller
// hung up, it is at most half as much again as what a run offered (6.62
// million calls in replication 1 with seed 2022, outagesim run -reps 1
// -timing), never less.
func TestEstimateMatchesTheRun(t *testing.T) {
	for _, tc := range []struct {
		name     string
		contacts float64
		tol      float64
	}{
		{"textbook-erlang-c", 4800 * 28, 1e-9},
		{"adastra-2022", 6.62e6, 0.5},
	} {
		s, err := Load(tc.name)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := s.Config()
		if err != nil {
			t.Fatal(err)
		}
		w, err := s.CheckWork(cfg, 2*s.ReplicationsOrDefault(), DefaultLimits, "-max-work 10")
		if err != nil {
			t.Errorf("%s: the library's own scenario is refused: %v", tc.name, err)
		}
		if w.Contacts < tc.contacts*(1-1e-9) || w.Contacts > tc.contacts*(1+tc.tol) {
			t.Errorf("%s: estimated %.0f contacts, want %.0f to %.0f%% more", tc.name, w.Contacts, tc.contacts, 100*tc.tol)
		}
	}
}

// TestLibraryWithinCaps: every library scenario runs under the default
// caps at its own replications.
func TestLibraryWithinCaps(t *testing.T) {
	for _, name := range List() {
		s, err := Load(name.Name)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := s.Config()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CheckWork(cfg, 2*s.ReplicationsOrDefault(), DefaultLimits, "-max-work 10"); err != nil {
			t.Errorf("%s: %v", name.Name, err)
		}
	}
}

// TestWorkCaps: demand that would exhaust the machine is refused with the
// field that drives it, its position and the caps.
func TestWorkCaps(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		want       []string
	}{
		{"calls per day", "extends: textbook-erlang-c\nhorizon: 1d\nnations: {england: {demand: {calls_per_day: 1e12}}}\n",
			[]string{"main.yaml:3:45: nations.england.demand.calls_per_day", "contacts per run 1 T (cap 50 M)", "-max-work 10"}},
		{"surge", "extends: textbook-erlang-c\nhorizon: 1d\nnations: {england: {surges: [{from: +1h, to: +2h, factor: 1e6}]}}\n",
			[]string{"nations.england.surges[0].factor", "contacts per run"}},
		{"redial for ever", "extends: textbook-erlang-a\nnations: {england: {services: {queue: {redial: {prob: 100%, delay: {dist: fixed, value: 1s}}, patience: {dist: fixed, value: 1s}}}}}\n",
			[]string{"nations.england.demand.calls_per_day", "events per run"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse("main.yaml", []byte(tc.yaml))
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := s.Config()
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.CheckWork(cfg, 10, DefaultLimits, "-max-work 10")
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("CheckWork: %v, want Errors", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%v\nlacks %q", err, w)
				}
			}
			if _, err := s.CheckWork(cfg, 10, DefaultLimits.Scale(1e9), "x"); err != nil {
				t.Errorf("raised caps: %v", err)
			}
		})
	}
}
