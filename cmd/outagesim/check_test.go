package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gateFixture writes a one-day variant of textbook-erlang-a and records
// its baseline; it returns the folder, the scenario file and the
// baseline's path.
func gateFixture(t *testing.T) (tmp, scenario, baseline string) {
	t.Helper()
	tmp = t.TempDir()
	scenario = filepath.Join(tmp, "tiny.yaml")
	writeText(t, scenario, "extends: textbook-erlang-a\nhorizon: 1d\nreplications: 3\n")
	code, _, stderr := runCLI(t, tmp, "check", "-update", "-baselines", "$TMP/b", scenario)
	if code != exitOK {
		t.Fatalf("check -update: exit %d\n%s", code, stderr)
	}
	return tmp, scenario, filepath.Join(tmp, "b", "tiny.json")
}

func writeText(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// editBaseline rewrites the baseline's JSON with f.
func editBaseline(t *testing.T, path string, f func(m map[string]any)) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	out, _ := json.MarshalIndent(m, "", "  ")
	writeText(t, path, string(out))
}

// TestCheckBaselineFormat: -update records the scenario's name and hash,
// the tool version and a checksum, and the record checks clean.
func TestCheckBaselineFormat(t *testing.T) {
	tmp, scenario, path := gateFixture(t)
	var b map[string]any
	data, _ := os.ReadFile(path)
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"scenario", "scenario_hash", "tool_version", "checksum"} {
		if s, _ := b[key].(string); s == "" {
			t.Errorf("baseline has no %s:\n%s", key, data)
		}
	}
	if b["scenario"] != "tiny" || b["replications"] != 3.0 {
		t.Errorf("scenario %v, replications %v: want tiny, 3", b["scenario"], b["replications"])
	}
	if code, out, stderr := runCLI(t, tmp, "check", "-baselines", "$TMP/b", scenario); code != exitOK {
		t.Fatalf("check of a fresh baseline: exit %d\n%s\n%s", code, out, stderr)
	}
}

// TestCheckRejectsBadBaselines: every baseline that is empty, edited,
// inconsistent or foreign is an input error (exit 2) with a message that
// says why, and the JUnit file still records the scenario as an error.
func TestCheckRejectsBadBaselines(t *testing.T) {
	entry := func(m map[string]any, i int) map[string]any { return m["entries"].([]any)[i].(map[string]any) }
	scale := func(xs any) []any {
		var out []any
		for _, x := range xs.([]any) {
			out = append(out, x.(float64)*1.5)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		edit func(m map[string]any)
		want string
	}{
		{"entries empty", func(m map[string]any) { m["entries"] = []any{} }, "no entries"},
		{"entries null", func(m map[string]any) { m["entries"] = nil }, "no entries"},
		{"entries missing", func(m map[string]any) { delete(m, "entries") }, "no entries"},
		{"mean ×1.5", func(m map[string]any) { e := entry(m, 0); e["mean"] = e["mean"].(float64) * 1.5 }, "not the mean of its values"},
		{"values ×1.5", func(m map[string]any) { e := entry(m, 0); e["values"] = scale(e["values"]) }, "not the mean of its values"},
		{"mean and values ×1.5", func(m map[string]any) {
			for i := range m["entries"].([]any) {
				e := entry(m, i)
				e["mean"], e["values"] = e["mean"].(float64)*1.5, scale(e["values"])
			}
		}, "checksum"},
		{"replications 0", func(m map[string]any) { m["replications"] = 0 }, "replications 0"},
		{"replications 1e9", func(m map[string]any) { m["replications"] = 1e9 }, "values for 1000000000 replications"},
		{"foreign scenario", func(m map[string]any) { m["scenario"] = "adastra-2022" }, "checksum"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmp, scenario, path := gateFixture(t)
			editBaseline(t, path, tc.edit)
			code, _, stderr := runCLI(t, tmp, "check", "-baselines", "$TMP/b", "-junit", "$TMP/check.xml", scenario)
			if code != exitUsage || !strings.Contains(stderr, tc.want) {
				t.Fatalf("exit %d, stderr:\n%s\nwant exit 2 and %q", code, stderr, tc.want)
			}
			junit, err := os.ReadFile(filepath.Join(tmp, "check.xml"))
			if err != nil || !strings.Contains(string(junit), `errors="1"`) || !strings.Contains(string(junit), tc.want) {
				t.Errorf("JUnit: %v\n%s", err, junit)
			}
		})
	}
}

// TestCheckForeignBaseline: a valid baseline of another scenario, put in
// this scenario's place, is refused by name.
func TestCheckForeignBaseline(t *testing.T) {
	tmp, scenario, path := gateFixture(t)
	other := filepath.Join(tmp, "other.yaml")
	writeText(t, other, "extends: textbook-erlang-a\nhorizon: 1d\nreplications: 3\nname: other\n")
	data, _ := os.ReadFile(path)
	writeText(t, filepath.Join(tmp, "b", "other.json"), string(data))
	code, _, stderr := runCLI(t, tmp, "check", "-baselines", "$TMP/b", other)
	if code != exitUsage || !strings.Contains(stderr, `written for scenario "tiny", not "other"`) {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	_ = scenario
}

// TestCheckEditedScenario: a scenario edited after its baseline fails the
// check (exit 1) on its hash, with the KPIs that moved.
func TestCheckEditedScenario(t *testing.T) {
	tmp, scenario, _ := gateFixture(t)
	writeText(t, scenario, "extends: textbook-erlang-a\nhorizon: 1d\nreplications: 3\nnations: {england: {services: {queue: {advisers: {fixed: 12}}}}}\n")
	code, stdout, _ := runCLI(t, tmp, "check", "-baselines", "$TMP/b", scenario)
	if code != exitRegression || !strings.Contains(stdout, "scenario_hash") || !strings.Contains(stdout, "worse") {
		t.Fatalf("exit %d, stdout:\n%s\nwant 1, the scenario's hash and a worse KPI", code, stdout)
	}
}

// TestCheckWritesJUnitForEveryScenario: a bad second scenario does not
// hide the first one's regression: both are in the JUnit file, and the
// exit code is the input error's.
func TestCheckWritesJUnitForEveryScenario(t *testing.T) {
	tmp, scenario, _ := gateFixture(t)
	code, stdout, stderr := runCLI(t, tmp, "check", "-baselines", "$TMP/b", "-junit", "$TMP/check.xml",
		"-set", "nations.england.services.queue.advisers.fixed=12", scenario, "$TMP/nope.yaml")
	if code != exitUsage {
		t.Fatalf("exit %d, want 2\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	junit, err := os.ReadFile(filepath.Join(tmp, "check.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<failure message="worse`, `<error message="the scenario could not be checked"`, "nope.yaml"} {
		if !strings.Contains(string(junit), want) {
			t.Errorf("JUnit lacks %q:\n%s", want, junit)
		}
	}
}

// TestCheckRepsCap: -reps beyond the cap is refused before anything runs.
func TestCheckRepsCap(t *testing.T) {
	code, _, stderr := runCLI(t, t.TempDir(), "check", "-update", "-reps", "1000000000", "-baselines", "$TMP/b", "textbook-erlang-a")
	if code != exitUsage || !strings.Contains(stderr, "-reps 1000000000: want 0 to 10000") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}
