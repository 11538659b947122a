package scenarios

import (
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
		t.Errorf("seed %d after --set seed=99", s.SeedOrDefault())
	}
	if cfg.Horizon != 2*86400 || baseCfg.Horizon == cfg.Horizon {
		t.Errorf("horizon %v after --set horizon=2d (was %v)", cfg.Horizon, baseCfg.Horizon)
	}
}

func TestLoadWithBadOverrides(t *testing.T) {
	for _, tc := range []struct {
		sets []string
		want string
	}{
		{[]string{"seed"}, "--set:1:1: \"seed\": want path=value"},
		{[]string{"seed=1", "waves[0].at=2d"}, "--set:2:1: \"waves[0].at\": want dot-separated field names"},
		{[]string{"replicatoins=5"}, "--set:1:1: replicatoins:"},
		{[]string{"seed=-3"}, "--set:1:1: seed:"},
	} {
		_, err := LoadWith("textbook-erlang-a", tc.sets)
		if err == nil {
			t.Errorf("%v: no error", tc.sets)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %q does not contain %q", tc.sets, err, tc.want)
		}
	}
}
