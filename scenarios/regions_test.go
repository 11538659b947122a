package scenarios

import (
	"strings"
	"testing"
)

// configErr is the error of parsing src as v.yaml and building its model
// configuration: either step may find the fault.
func configErr(src string) error {
	s, err := Parse("v.yaml", []byte(src))
	if err != nil {
		return err
	}
	_, err = s.Config()
	return err
}

// TestRegionErrors checks the rules for regions and service region shares:
// each error names the file, line, field and what is allowed, and none is
// a panic or a division by zero.
func TestRegionErrors(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, want string
	}{
		// Shares of a service's patients must sum to 100%.
		{"shares sum", `
      eng-london: {regions: {london: 90%}}
`, "v.yaml:5:29: nations.england.services.eng-london.regions: the shares sum to 90% (allowed: shares summing to 100%)"},
		// A share must name one of the nation's regions (merged with the
		// inherited london: 100%).
		{"unknown region", `
      eng-london: {regions: {londn: 100%}}
`, `v.yaml:5:37: nations.england.services.eng-london.regions.londn: "londn" is not a region of the scenario`},
		// A region whose practices have no capacity is an error, not a
		// division by zero in the utilisation.
		{"no capacity", `
    regions:
      london: {gp: {same_day_capacity: 0}}
`, "nations.england.regions.london.gp.same_day_capacity: 0: a region's practices need same-day capacity"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "extends: adastra-2022\nnations:\n  england:\n"
			if strings.Contains(tc.yaml, "eng-london") {
				src += "    services:"
			}
			if err := configErr(src + tc.yaml); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v\nwant an error containing %q", err, tc.want)
			}
		})
	}
}

// TestPLTErrors: protected learning time needs regions, names real
// regions and gives its share and cover rate.
func TestPLTErrors(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"needs regions", "textbook-erlang-a\nnations:\n  england:\n    plt: {sessions: [2022-08-16 13:00], share: 40%, cover_rate: 0.02}\n",
			"v.yaml:4:10: nations.england.plt: needs the nation's regions"},
		{"unknown region", "adastra-2022\nnations:\n  england:\n    plt: {regions: [lundon]}\n",
			`nations.england.plt.regions[0]: unknown region "lundon"`},
		{"negative cover", "adastra-2022\nnations:\n  england:\n    plt: {cover_rate: -1}\n",
			"nations.england.plt.cover_rate"},
		{"negative threshold", "adastra-2022\nnations:\n  england:\n    plt:\n      cancel_when: {ooh_backlog_above: -5}\n",
			"v.yaml:5:40: nations.england.plt.cancel_when.ooh_backlog_above: -5 is negative (allowed: a number ≥ 0)"},
		{"unknown measure", "adastra-2022\nnations:\n  england:\n    plt:\n      cancel_when: {ooh_queue_above: 5}\n",
			`v.yaml:5:21: nations.england.plt.cancel_when.ooh_queue_above: unknown field "ooh_queue_above" (allowed: decide_before, ooh_backlog_above, calls_waiting_above, callbacks_waiting_above)`},
		{"no measure", "adastra-2022\nnations:\n  england:\n    plt:\n      cancel_when: {decide_before: 3h}\n",
			"nations.england.plt.cancel_when: missing (allowed: one or more of ooh_backlog_above, calls_waiting_above, callbacks_waiting_above)"},
		{"negative lead", "adastra-2022\nnations:\n  england:\n    plt:\n      cancel_when: {decide_before: -1h, calls_waiting_above: 20}\n",
			"nations.england.plt.cancel_when.decide_before"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := configErr("extends: " + tc.yaml); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v\nwant an error containing %q", err, tc.want)
			}
		})
	}
}

// TestPLTRuleWarning: a cancel_when rule with no session of the run to
// decide is a warning on its line, not an error.
func TestPLTRuleWarning(t *testing.T) {
	for _, tc := range []struct {
		name, end string
		want      bool
	}{
		{"no session in the run", "start: 2022-07-18 00:00\nend: 2022-08-01 00:00", true},
		{"14 July in the run", "start: 2022-07-04 00:00\nend: 2022-07-18 00:00", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse("v.yaml", []byte("extends: baseline-2022\n"+tc.end+"\nnations:\n  england:\n    plt:\n      cancel_when: {ooh_backlog_above: 50}\n"))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Config(); err != nil {
				t.Fatal(err)
			}
			got := s.Warnings().Error()
			if has := strings.Contains(got, "v.yaml:7:20: nations.england.plt.cancel_when: no session of the run"); has != tc.want {
				t.Errorf("warnings %q: a warning on cancel_when %v, want %v", got, has, tc.want)
			}
		})
	}
}
