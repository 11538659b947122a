package write

import (
	"bytes"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/sim/replicate"
)

// stressText flattens the sections to "num topic: text | list" lines, one
// per item, to search.
func stressText(groups []stressGroup) map[string]string {
	out := map[string]string{}
	for _, g := range groups {
		for _, it := range g.Items {
			out[it.Num] = it.Topic + ": " + strings.Join(it.Text, " ") + " | " + strings.Join(it.List, " | ")
		}
	}
	return out
}

// The STRESS-DES answers come from the run: its seed, replications,
// outage, configuration, the scenario's marked assumptions and the
// machine cmd recorded, not from fixed prose.
func TestStressAnswersFromTheRun(t *testing.T) {
	a := runAggregate(t, true, 3, 0)
	meta := testMeta(a.Start)
	meta.Assumptions = append(meta.Assumptions,
		Assumption{"outage.detection_delay", "3h", `cal L: "identified early"; hours to move to paper, assumption [E] (test.yaml)`},
		Assumption{"nations.wales.demand.calls_per_day", "3000", "cal G: 111 Wales (test.yaml)"},
		Assumption{"nations.wales.gp.triage_minutes", "5", "cal C [D], assumption [E] (test.yaml)"})
	meta.Module, meta.GoVersion, meta.System = "github.com/outagesim/outagesim", "go1.99", "plan9/arm"
	got := stressText(stressSections(a, meta))
	if len(got) != 24 {
		t.Fatalf("%d checklist items, want the 24 of STRESS-DES", len(got))
	}
	for num, want := range map[string][]string{
		"1.1":   {"loss of adastra from " + reports.LocalTime(a, a.Outage.Start), "in Wales", meta.Scenario},
		"1.3":   {"Outage window (", meta.Command},
		"2.2":   {"Wales: "},
		"2.3":   {"adastra goes down", "Route gp_booking closed"},
		"2.5.3": {"health advisers, "},
		"3.1":   {"6 values of the scenario carry a source comment", "section C: cited by 1 value", "section L: cited by 1 value", "a web page: 1 value"},
		"3.2":   {"1 value of this scenario rests on such a derivation"},
		"3.4":   {"2 values of the scenario are marked", "outage.detection_delay = 3h", "nations.wales.gp.triage_minutes = 5"},
		"4.1":   {"with no warm-up", "MSER-5 was not applied"},
		"4.3":   {"3 independent replications with seed 7", "2 degrees of freedom", "common random numbers", "not chosen by a precision rule"},
		"5.1":   {"go1.99", "version v0.0.0-test"},
		"5.3":   {"in 6 runs"},
		"5.4":   {"plan9/arm"},
		"6.1":   {"github.com/outagesim/outagesim", "Apache License 2.0"},
	} {
		for _, w := range want {
			if !strings.Contains(got[num], w) {
				t.Errorf("%s %q lacks %q", num, got[num], w)
			}
		}
	}
	// "Assumed" without the word the library uses is not marked.
	if strings.Contains(got["3.4"], "Handle time with paper triage") || strings.Contains(got["3.4"], "Referrals lost") {
		t.Errorf("3.4 lists a value not marked as an assumption: %s", got["3.4"])
	}

	// A precision run says how many replications and why; a steady-state
	// run its MSER-5 verdict.
	rule, err := reports.ParsePrecision("50%")
	if err != nil {
		t.Fatal(err)
	}
	p, err := reports.SummariseToPrecision(testConfig(false), replicate.Options{Replications: 3, Seed: 7}, rule, 6)
	if err != nil {
		t.Fatal(err)
	}
	got = stressText(stressSections(p, meta))
	for num, want := range map[string]string{
		"1.3": "chosen to reach the precision 50%",
		"4.3": reports.PrecisionSentence(p),
		"4.1": "MSER-5 on the hourly health-adviser occupancy",
		"2.3": "no outage",
	} {
		if !strings.Contains(got[num], want) {
			t.Errorf("%s %q lacks %q", num, got[num], want)
		}
	}
}

// Both report formats carry the section, after everything else.
func TestStressInReports(t *testing.T) {
	a := runAggregate(t, true, 2, 0)
	meta := testMeta(a.Start)
	var md, page bytes.Buffer
	if err := Markdown(&md, a, nil, meta); err != nil {
		t.Fatal(err)
	}
	if err := HTML(&page, a, nil, meta); err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string]string{"report.md": md.String(), "report.html": page.String()} {
		i := strings.Index(doc, "STRESS-DES: reporting checklist")
		repro := max(strings.Index(doc, "### Reproducibility"), strings.Index(doc, `<h3 id="reproduce">`))
		if i < 0 || repro < 0 || i < repro {
			t.Errorf("%s: no STRESS-DES section after the reproducibility block", name)
		}
		for _, w := range []string{"6.1 Computer model sharing statement", "4.3 Estimation approach", "2.5.5 Components: entry and exit points"} {
			if !strings.Contains(doc, w) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
	}
}
