package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/reports/golden"
)

const tinyAssumptions = "testdata/scenarios/tiny-assumptions.yaml"

// readCSV returns the rows of a sensitivity.csv as maps by column.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return v
}

// The handle time drives every waiting-time KPI of the queue; the wait
// for a lost referral cannot matter when nothing is referred. The first
// must rank first, the second last with an interval that holds zero.
func TestSensitivityRanksEffectiveFirstAndInertLast(t *testing.T) {
	tmp := t.TempDir()
	code, stdout, stderr := runCLI(t, tmp, "sensitivity", "-workers", "1", "-kpi", "mean_answer_s,abandoned_pct",
		"-out", "$TMP/one", tinyAssumptions)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden.CheckString(t, "testdata/sensitivity.stdout", stdout)
	data, err := os.ReadFile(filepath.Join(tmp, "one", "sensitivity.csv"))
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/sensitivity.csv", data)
	rows := readCSV(t, filepath.Join(tmp, "one", "sensitivity.csv"))
	byKPI := map[string][]map[string]string{}
	for _, r := range rows {
		byKPI[r["kpi"]] = append(byKPI[r["kpi"]], r)
	}
	for _, key := range []string{"mean_answer_s", "abandoned_pct"} {
		rs := byKPI[key]
		if len(rs) != 3 {
			t.Fatalf("%s: %d rows, want 3", key, len(rs))
		}
		first, last := rs[0], rs[len(rs)-1]
		if first["parameter"] != "nations.england.services.queue.handle" || first["rank"] != "1" {
			t.Errorf("%s: rank 1 is %s, want the handle time", key, first["parameter"])
		}
		// The longer handle time must make waits longer, the shorter one
		// shorter, each clearly.
		if num(t, first["effect_high_lo"]) <= 0 || num(t, first["effect_low_hi"]) >= 0 {
			t.Errorf("%s: handle time's effects %s..%s (low) and %s..%s (high): want clearly negative then positive", key,
				first["effect_low_lo"], first["effect_low_hi"], first["effect_high_lo"], first["effect_high_hi"])
		}
		if last["parameter"] != "nations.england.lost_referral_wait" || last["rank"] != "3" {
			t.Errorf("%s: last is %s, want the lost-referral wait", key, last["parameter"])
		}
		for _, side := range []string{"low", "high"} {
			lo, hi := num(t, last["effect_"+side+"_lo"]), num(t, last["effect_"+side+"_hi"])
			if lo > 0 || hi < 0 {
				t.Errorf("%s: inert parameter's %s interval %v..%v excludes 0", key, side, lo, hi)
			}
		}
	}
	// The same study on two workers writes the same bytes.
	if code, _, stderr := runCLI(t, tmp, "sensitivity", "-workers", "2", "-kpi", "mean_answer_s,abandoned_pct",
		"-out", "$TMP/two", tinyAssumptions); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{"sensitivity.csv", "sensitivity.md", "sensitivity.html", "charts/tornado-mean_answer_s.svg", "charts/tornado-abandoned_pct.png"} {
		a, err1 := os.ReadFile(filepath.Join(tmp, "one", f))
		b, err2 := os.ReadFile(filepath.Join(tmp, "two", f))
		if err1 != nil || err2 != nil || string(a) != string(b) {
			t.Errorf("%s differs between -workers 1 and 2 (%v %v)", f, err1, err2)
		}
	}
}

// On an outage scenario the effects are on the impact over the outage
// window: losing more referrals in flight loses more referrals.
func TestSensitivityOnOutageImpact(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an outage scenario three times")
	}
	tmp := t.TempDir()
	code, _, stderr := runCLI(t, tmp, "sensitivity", "-reps", "2", "-set", "end=2022-08-06 00:00", "-only", "outage.contingency.routes.all.loss_prob",
		"-kpi", "referrals_lost", "-out", "$TMP/o", "testdata/scenarios/short-outage.yaml")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows := readCSV(t, filepath.Join(tmp, "o", "sensitivity.csv"))
	if len(rows) != 1 {
		t.Fatalf("%d rows, want 1", len(rows))
	}
	r := rows[0]
	if r["measure"] != "impact" || r["period"] != "outage_window" {
		t.Errorf("measure %s over %s, want impact over outage_window", r["measure"], r["period"])
	}
	if num(t, r["effect_low"]) >= 0 || num(t, r["effect_high"]) <= 0 {
		t.Errorf("loss probability's effects on referrals lost: low %s, high %s: want negative then positive", r["effect_low"], r["effect_high"])
	}
}

func TestSensitivityErrors(t *testing.T) {
	tmp := t.TempDir()
	noMarks := filepath.Join(tmp, "plain.yaml")
	writeText(t, noMarks, "extends: textbook-erlang-a\nhorizon: 1d\n")
	for _, tc := range []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"unknown -only", []string{"-only", "nations.wales", tinyAssumptions}, `-only "nations.wales": no assumption of the scenario has this path`},
		{"unknown -skip", []string{"-skip", "outage", tinyAssumptions}, `-skip "outage": no assumption`},
		{"-only a run setting", []string{"-only", "horizon", tinyAssumptions}, "horizon cannot be varied: a run setting"},
		{"unknown -range", []string{"-range", "nations.england.gp.triage_minutes=1:9", tinyAssumptions}, "is not a variable assumption of the scenario"},
		{"-range without colon", []string{"-range", "nations.england.services.queue.handle=2m", tinyAssumptions}, "want path=low:high"},
		{"-range not a duration", []string{"-range", "nations.england.services.queue.handle=2m:lots", tinyAssumptions}, `high: "lots" is not a duration`},
		{"-range reversed", []string{"-range", "nations.england.services.queue.handle=5m:2m", tinyAssumptions}, "want low below high"},
		{"-spread", []string{"-spread", "150%", tinyAssumptions}, "-spread \"150%\": want a percentage above 0% and below 100%"},
		{"no assumptions", []string{noMarks}, `no value is marked "assumption [E]"`},
		{"two scenarios", []string{tinyAssumptions, tinyAssumptions}, "want one scenario, got 2"},
		{"bad kpi", []string{"-kpi", "happiness", tinyAssumptions}, `-kpi "happiness": unknown KPI`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tmp, append([]string{"sensitivity", "-out", "$TMP/x"}, tc.args...)...)
			if code != exitUsage || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q: want 2 and %q", code, stderr, tc.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(tmp, "x")); err == nil {
		t.Error("a failed analysis wrote its folder")
	}
}

func TestSensitivityList(t *testing.T) {
	code, stdout, stderr := runCLI(t, t.TempDir(), "sensitivity", "-list", tinyAssumptions)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden.CheckString(t, "testdata/sensitivity-list.stdout", stdout)
}

// -range replaces the default ±25% for its parameter, -only keeps the
// others out, and the values reach the CSV in the parameter's unit.
func TestSensitivityRangeAndOnly(t *testing.T) {
	tmp := t.TempDir()
	code, _, stderr := runCLI(t, tmp, "sensitivity", "-kpi", "mean_answer_s", "-only", "nations.england.services",
		"-range", "nations.england.services.queue.handle=2m:4m", "-out", "$TMP/r", tinyAssumptions)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows := readCSV(t, filepath.Join(tmp, "r", "sensitivity.csv"))
	if len(rows) != 2 {
		t.Fatalf("%d rows, want the handle time and patience only", len(rows))
	}
	for _, r := range rows {
		want := map[string][2]string{
			"nations.england.services.queue.handle":   {"120.0000", "240.0000"},
			"nations.england.services.queue.patience": {"225.0000", "375.0000"},
		}[r["parameter"]]
		if r["low"] != want[0] || r["high"] != want[1] {
			t.Errorf("%s: %s..%s, want %s..%s", r["parameter"], r["low"], r["high"], want[0], want[1])
		}
	}
}
