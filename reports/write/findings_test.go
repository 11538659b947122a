package write

import (
	"strings"
	"testing"

	"github.com/outagesim/outagesim/reports"
)

// setKPI sets (or adds) a nation's KPI: outage, counterfactual and impact
// as {mean, lo, hi}; a nil cf leaves the counterfactual and impact out.
func setKPI(a *reports.Aggregate, nation, key string, out [3]float64, cf, imp *[3]float64) {
	k := reports.KPI{Key: key, Nation: nation, Outage: sm(out[0], out[1], out[2])}
	if cf != nil {
		k.Counterfactual, k.Impact = smp(cf[0], cf[1], cf[2]), smp(imp[0], imp[1], imp[2])
	}
	for i := range a.KPIs {
		if a.KPIs[i].Nation == nation && a.KPIs[i].Key == key {
			a.KPIs[i] = k
			return
		}
	}
	a.KPIs = append(a.KPIs, k)
}

func v3(mean, lo, hi float64) *[3]float64 { return &[3]float64{mean, lo, hi} }

// findingsOf returns a nation's findings (by heading) as one string.
func findingsOf(a *reports.Aggregate, heading string) string {
	s := executiveSummary(a)
	for _, g := range s.Groups {
		if g.Nation == heading {
			return strings.Join(g.Findings, "\n")
		}
	}
	return ""
}

// withoutOutage turns an aggregate into a run with no outage.
func withoutOutage(a *reports.Aggregate) {
	a.Outage = nil
	for i := range a.KPIs {
		a.KPIs[i].Counterfactual, a.KPIs[i].Impact = nil, nil
	}
	for i := range a.Series {
		a.Series[i].Counterfactual = reports.Band{}
	}
}

func TestExecutiveSummaryWording(t *testing.T) {
	for _, tc := range []struct {
		name    string
		change  func(a *reports.Aggregate)
		nation  string
		want    []string
		notWant []string
		none    bool // the nation has no findings at all
	}{{
		// The example of the brief: a clear fall is stated with its size and interval.
		name:   "service level falls",
		nation: "England",
		want: []string{"During the outage, 61.2% of answered 111 calls in England were answered within 60 seconds, " +
			"against 78.5% without it (a fall of 17.3 points, 95% CI 15.4–19.1)."},
	}, {
		// A rise is a rise, not a fall.
		name: "service level rises",
		change: func(a *reports.Aggregate) {
			setKPI(a, "england", "answered_within_60s_pct", [3]float64{80, 79, 81}, v3(78, 77, 79), v3(2, 1.5, 2.5))
		},
		nation:  "England",
		want:    []string{"80.0% of answered 111 calls in England were answered within 60 seconds, against 78.0% without it (a rise of 2.0 points, 95% CI 1.5–2.5)"},
		notWant: []string{"a fall of"},
	}, {
		// An interval that includes zero: no clear difference, never a fall.
		name: "service level unclear",
		change: func(a *reports.Aggregate) {
			setKPI(a, "england", "answered_within_60s_pct", [3]float64{78.3, 76, 80.6}, v3(78.5, 76.1, 80.9), v3(-0.2, -0.6, 0.2))
		},
		nation:  "England",
		want:    []string{"No clear difference in the share of 111 calls answered within 60 seconds (78.3% with the outage, 78.5% without; difference −0.2 points, 95% CI −0.6 to 0.2)."},
		notWant: []string{"answered within 60 seconds, against", "a fall of"},
	}, {
		// Without an outage there is nothing to compare: plain levels.
		name:    "no outage",
		change:  withoutOutage,
		nation:  "England",
		want:    []string{"61.2% of answered 111 calls in England were answered within 60 seconds (95% CI 58.9%–63.6%).", "An estimated 313 referrals from England were lost or not actioned (95% CI 290–335)."},
		notWant: []string{"During the outage", "without it", "No clear difference"},
	}, {
		// One replication: differences are given without intervals.
		name: "one replication",
		change: func(a *reports.Aggregate) {
			a.Replications = 1
			for i := range a.KPIs {
				for _, s := range []*struct{ n *int }{{&a.KPIs[i].Outage.N}, {&a.KPIs[i].Counterfactual.N}, {&a.KPIs[i].Impact.N}} {
					*s.n = 1
				}
			}
		},
		nation:  "England",
		want:    []string{"(a fall of 17.3 points; one replication gives no interval)", "313 more referrals from England lost or not actioned (one replication gives no interval)"},
		notWant: []string{"95% CI"},
	}, {
		// GP practices over capacity: days counted from the daily means.
		name:   "GP over capacity",
		nation: "England",
		want:   []string{"GP practices in England were over capacity on 1 of 1 working day, peaking at 131.2% of capacity (95% CI 125.5%–137.0%). Without the outage they would not have been over capacity on any day (busiest day 92.5%); the outage raised the busiest day's load by 38.8 points (95% CI 33.0–44.5)."},
	}, {
		// No day over capacity on average, but the busiest day of a run was.
		name: "GP peak over capacity only in some runs",
		change: func(a *reports.Aggregate) {
			a.Find("england", "gp_demand", true).Outage.Mean[1] = 990
		},
		nation:  "England",
		want:    []string{"On an average day GP practices in England stayed within capacity, but their busiest working day reached 131.2% of capacity"},
		notWant: []string{"were over capacity"},
	}, {
		name:    "GP within capacity",
		nation:  "Wales",
		want:    []string{"GP practices in Wales stayed within capacity; their busiest working day reached 88.0% of capacity (95% CI 86.0%–90.0%), against 87.9% without the outage; the outage made no clear difference to the busiest day (+0.1 points, 95% CI −0.1 to 0.3)."},
		notWant: []string{"over capacity on"},
	}, {
		// Nothing lost with or without the outage: nothing to say.
		name:    "no lost referrals",
		nation:  "Wales",
		notWant: []string{"referrals"},
	}, {
		name:   "signposted patients and OOH backlog",
		nation: "England",
		want: []string{
			"During the outage 2,045 more patients in England were told to contact their GP practice themselves instead of being referred (95% CI 1,990–2,100): 2,045 in all, against 0 without it.",
			"The GP out-of-hours backlog in England peaked at 412 cases waiting, against 150 without the outage: 262 more (95% CI 236–289).",
		},
	}, {
		// A smaller backlog reads "fewer".
		name: "OOH backlog falls",
		change: func(a *reports.Aggregate) {
			setKPI(a, "england", "ooh_backlog_peak", [3]float64{100, 90, 110}, v3(150, 140, 160), v3(-50, -60, -40))
		},
		nation: "England",
		want:   []string{"peaked at 100 cases waiting, against 150 without the outage: 50 fewer (95% CI 40–60)."},
	}, {
		// Every measure unclear: one sentence instead of a list of them.
		name: "nothing clear in a nation",
		change: func(a *reports.Aggregate) {
			setKPI(a, "wales", "abandoned_pct", [3]float64{3, 2, 4}, v3(3.1, 2.1, 4.1), v3(-0.1, -0.3, 0.1))
		},
		nation: "Wales",
		want: []string{"In Wales the outage made no clear difference (each 95% interval of the difference includes zero) to " +
			"the share of 111 calls answered within 60 seconds (80.1% with the outage, 80.3% without; difference −0.2 points, 95% CI −0.9 to 0.5); to " +
			"the share of 111 calls abandoned after 30 seconds (3.0% with the outage, 3.1% without; difference −0.1 points, 95% CI −0.3 to 0.1)."},
		notWant: []string{"No clear difference in the share"},
	}, {
		// Northern Ireland's front door is GP out-of-hours.
		name: "Northern Ireland",
		change: func(a *reports.Aggregate) {
			for i := range a.KPIs {
				if a.KPIs[i].Nation == "wales" {
					a.KPIs[i].Nation = "northern_ireland"
				}
			}
			a.Nations[1] = "northern_ireland"
		},
		nation: "Northern Ireland",
		want:   []string{"the share of out-of-hours calls answered within 60 seconds"},
	}, {
		// The UK is a group only when there are several nations.
		name: "one nation has no UK group",
		change: func(a *reports.Aggregate) {
			a.Nations = []string{"england", reports.UK}
		},
		nation: "UK",
		none:   true,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			a := syntheticAggregate()
			if tc.change != nil {
				tc.change(a)
			}
			got := findingsOf(a, tc.nation)
			if tc.none && got != "" {
				t.Errorf("want no findings for %s, got:\n%s", tc.nation, got)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("findings for %s lack\n  %s\ngot:\n%s", tc.nation, w, got)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(got, w) {
					t.Errorf("findings for %s contain %q:\n%s", tc.nation, w, got)
				}
			}
		})
	}
}

func TestExecutiveSummaryIntro(t *testing.T) {
	a := syntheticAggregate()
	if s := executiveSummary(a); !strings.Contains(s.Intro, "against the same scenario without it") || len(s.Warnings) != 0 {
		t.Errorf("outage intro %q, warnings %q", s.Intro, s.Warnings)
	}
	withoutOutage(a)
	a.Replications = 1
	s := executiveSummary(a)
	if !strings.Contains(s.Intro, "has no outage") {
		t.Errorf("no-outage intro %q", s.Intro)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "Only one replication") {
		t.Errorf("warnings %q, want the one-replication warning", s.Warnings)
	}
}
