package scenarios

import (
	"errors"
	"strings"
	"testing"
)

func TestLoadWithOverrides(t *testing.T) {
	base, err := Load("textbook-erlang-a")
	if err != nil {
		t.Fatal(err)
	}
	baseCfg, _ := base.Config()
	s, err := LoadWith("textbook-erlang-a", []string{"seed=99", "horizon=2d"})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := s.Config()
	if err != nil {
		t.Fatal(err)
	}
	if s.SeedOrDefault() != 99 {
		t.Errorf("seed %d after -set seed=99", s.SeedOrDefault())
	}
	if cfg.Horizon != 2*86400 || baseCfg.Horizon == cfg.Horizon {
		t.Errorf("horizon %v after -set horizon=2d (was %v)", cfg.Horizon, baseCfg.Horizon)
	}
}

// TestLoadWithIndexes: [i] picks one list item and leaves the others and
// the rest of the item as they were.
func TestLoadWithIndexes(t *testing.T) {
	s, err := LoadWith("adastra-2022-mutual-aid", []string{"outage.contingency.mutual_aid[1].share=10%", "outage.waves[0].at=+17d"})
	if err != nil {
		t.Fatal(err)
	}
	aid := s.Outage.Contingency.MutualAid
	if len(aid) != 2 || *aid[1].Share != 0.10 || *aid[0].Share != 0.15 || aid[1].From != "eng-south" || aid[1].To != "eng-east" {
		t.Errorf("mutual_aid after -set mutual_aid[1].share=10%%: %+v", aid)
	}
	if w := s.Outage.Waves[0].At; w.String() != "+17d" {
		t.Errorf("waves[0].at = %v after -set outage.waves[0].at=+17d", w)
	}
	base, _ := Load("adastra-2022-mutual-aid")
	if len(base.Outage.Waves) != len(s.Outage.Waves) || *base.Outage.Waves[1].At != *s.Outage.Waves[1].At {
		t.Errorf("the other waves changed")
	}
	if *base.Outage.Contingency.MutualAid[1].Share != 0.15 {
		t.Errorf("the override changed the library scenario")
	}
	// null removes a field, as in a variant file.
	s, err = LoadWith("adastra-2022-mutual-aid", []string{"outage.contingency.mutual_aid[0].until=null"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Outage.Contingency.MutualAid[0].Until != nil || s.Outage.Contingency.MutualAid[1].Until == nil {
		t.Errorf("until=null: %+v", s.Outage.Contingency.MutualAid)
	}
}

func TestLoadWithBadOverrides(t *testing.T) {
	for _, tc := range []struct {
		flag string
		sets []string
		want string
	}{
		{"-set", []string{"seed"}, "-set seed: want path=value"},
		{"-set", []string{"seed=1", "waves[0].at=2d"}, "-set waves[0].at=2d: waves[0]: the scenario has no waves, so no item 0"},
		{"-set", []string{"replicatoins=5"}, "-set replicatoins=5: replicatoins: unknown field"},
		{"-set", []string{"seed=-3"}, "-set seed=-3: seed: want a whole number ≥ 0"},
		{"-vary", []string{"outage.contingency.mutual_aid[0].share=120%"}, "-vary outage.contingency.mutual_aid[0].share=120%: outage.contingency.mutual_aid[0].share: 120% is outside 0–1"},
		{"-set", []string{"outage.contingency.mutual_aid[2].share=1%"}, "outage.contingency.mutual_aid[2]: outage.contingency.mutual_aid has 2 items (allowed: an index from 0 to 1"},
		{"-set", []string{"outage.start[0]=1"}, "outage.start[0]: outage.start is \"2022-08-04 07:00\", not a list"},
		{"-set", []string{"outage.start.hour=1"}, "outage.start is \"2022-08-04 07:00\", not a mapping, so it has no field \"hour\""},
		{"-set", []string{"outage.waves[x].at=1d"}, "-set outage.waves[x].at=1d: \"outage.waves[x].at\": \"waves[x]\": want a list index"},
		{"-set", []string{"outage.waves[-1].at=1d"}, "want a list index"},
		{"-set", []string{"outage.waves[0.at=1d"}, "want a list index"},
		{"-set", []string{"outage.waves[0]x.at=1d"}, "want a list index"},
		{"-set", []string{"outage..start=1"}, "\"\" is not a field name"},
		{"-set", []string{"outage.waves]=1"}, "\"waves]\" is not a field name"},
		{"-set", []string{"seed=[1"}, "-set seed=[1: seed: value \"[1\": YAML syntax"},
		{"-set", []string{"extends=adastra-2022"}, `"extends": extends cannot be set`},
		{"-set", []string{"horizon=1d\n---\nseed: 4"}, "a second YAML document"},
	} {
		_, err := LoadWithFlag("adastra-2022-mutual-aid", tc.flag, tc.sets)
		if err == nil {
			t.Errorf("%v: no error", tc.sets)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %q does not contain %q", tc.sets, err, tc.want)
		}
	}
}

// FuzzOverrides checks that no -set override makes LoadWith panic, that
// every failure is a non-empty Errors naming the flag, and that an
// accepted override leaves a scenario that builds.
func FuzzOverrides(f *testing.F) {
	for _, s := range []string{
		"seed=3", "outage.contingency.mutual_aid[0].share=10%", "outage.waves[1].services[0]=eng-london",
		"outage.waves[99].at=+1d", "outage.waves.at=1", "outage=null", "a[0][1].b=1", "x[=1", "=", "[0]=1",
		"nations.england.demand={flat: true, calls_per_day: 10}", "outage.systems=[adastra, adastra]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, set string) {
		s, err := LoadWithFlag("adastra-2022-mutual-aid", "-set", []string{set})
		if err != nil {
			var errs Errors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("error %v is not a non-empty Errors", err)
			}
			return
		}
		if _, err := s.Config(); err != nil {
			t.Fatalf("LoadWith accepted %q but Config rejects it: %v", set, err)
		}
	})
}
