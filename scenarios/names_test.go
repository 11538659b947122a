package scenarios

import "testing"

func TestValidName(t *testing.T) {
	for name, want := range map[string]bool{
		"adastra-2022": true, "textbook_erlang.v2": true, "A1": true,
		"": false, ".": false, "..": false, ".hidden": false, "a..b": false, "a.": false, "-a": false,
		"x/../../tmp/escape": false, `a\b`: false, "a b": false, "\x1b[31mred": false, "é": false,
		"a\nb": false, string(make([]byte, 65)): false,
	} {
		if got := ValidName(name); got != want {
			t.Errorf("ValidName(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestNameFromFile: a file's name gives a safe scenario name, whatever the
// file is called.
func TestNameFromFile(t *testing.T) {
	for file, want := range map[string]string{
		"plans/my-outage.yaml":         "my-outage",
		"my outage (v2).yml":           "my-outage-v2",
		"../../x..y.yaml":              "x.y",
		"\x1b[2J.yaml":                 "2J",
		"...yaml":                      "scenario",
		`C:\plans\winter surge.yaml`:   "winter-surge",
		"a" + string(make([]byte, 80)): "a",
	} {
		got := nameFromFile(file)
		if got != want || !ValidName(got) {
			t.Errorf("nameFromFile(%q) = %q, want %q", file, got, want)
		}
	}
}
