package scenarios

import (
	"testing"

	"github.com/outagesim/outagesim/sim/kpi"
	"github.com/outagesim/outagesim/sim/model"
)

// TestBaselineCalibration runs baseline-2022 once and checks England's
// figures stay near the published July 2022 ones (docs/calibration.md):
// 43.2% answered within 60 s, ≈21% unanswered, mean answer 395 s, 60,038
// calls a day. The bands are wide enough for one replication's noise and
// narrow enough to catch a drift in the model or the scenario.
func TestBaselineCalibration(t *testing.T) {
	if testing.Short() {
		t.Skip("a four-week run")
	}
	s, err := Load("baseline-2022")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := s.Config()
	if err != nil {
		t.Fatal(err)
	}
	r, err := model.Run(cfg, s.SeedOrDefault(), 0)
	if err != nil {
		t.Fatal(err)
	}
	days := cfg.Horizon / 86400
	for _, n := range r.Nations {
		k, c := kpi.Map(kpi.Of(r, kpi.InNation(n.Nation.String()), nil)), n.Counts
		t.Logf("%-16s offered/day %6.0f  within 60 s %5.1f%%  unanswered %5.1f%%  abandoned >30 s %5.1f%%  mean answer %5.0f s",
			n.Nation, c.CallsOffered/days, k["answered_within_60s_pct"], 100*c.CallsAbandoned/c.CallsOffered, k["abandoned_pct"], k["mean_answer_s"])
	}
	eng := r.Nations[0]
	k, c := kpi.Map(kpi.Of(r, kpi.InNation(eng.Nation.String()), nil)), eng.Counts
	for _, check := range []struct {
		what        string
		got, lo, hi float64
	}{
		{"calls offered a day", c.CallsOffered / days, 57000, 63000},
		{"answered within 60 s %", k["answered_within_60s_pct"], 35, 50},
		{"unanswered %", 100 * c.CallsAbandoned / c.CallsOffered, 18, 24},
		{"mean answer s", k["mean_answer_s"], 340, 460},
	} {
		if check.got < check.lo || check.got > check.hi {
			t.Errorf("England %s = %.1f, want within [%v, %v] (see docs/calibration.md)", check.what, check.got, check.lo, check.hi)
		}
	}
}
