package write

import (
	"regexp"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/stats"
	"github.com/outagesim/outagesim/sim/model"
)

// setKPI sets (or adds) an area's KPI over a period: outage,
// counterfactual and impact as {mean, lo, hi}; a nil cf leaves the
// counterfactual and impact out.
func setKPI(a *reports.Aggregate, period, area, key string, out [3]float64, cf, imp *[3]float64) {
	k := reports.KPI{Key: key, Nation: area, Period: period, Outage: sm(out[0], out[1], out[2])}
	if cf != nil {
		k.Counterfactual, k.Impact = smp(cf[0], cf[1], cf[2]), smp(imp[0], imp[1], imp[2])
	}
	for i := range a.PeriodKPIs {
		if p := &a.PeriodKPIs[i]; p.Nation == area && p.Key == key && p.Period == period {
			*p = k
			return
		}
	}
	a.PeriodKPIs = append(a.PeriodKPIs, k)
}

func v3(mean, lo, hi float64) *[3]float64 { return &[3]float64{mean, lo, hi} }

// withoutOutage turns an aggregate into a run with no outage.
func withoutOutage(a *reports.Aggregate) {
	a.Outage = nil
	a.Periods = []reports.PeriodInfo{{Name: "run", From: 0, To: a.Horizon}}
	var run []reports.KPI
	for _, k := range a.PeriodKPIs {
		if k.Period == "run" {
			k.Counterfactual, k.Impact = nil, nil
			run = append(run, k)
		}
	}
	a.PeriodKPIs = run
	for i := range a.KPIs {
		a.KPIs[i].Counterfactual, a.KPIs[i].Impact = nil, nil
	}
	for i := range a.Daily {
		a.Daily[i].Counterfactual, a.Daily[i].Impact = nil, nil
	}
	for i := range a.Series {
		a.Series[i].Counterfactual = reports.Band{}
	}
}

// TestImpactWording is the rule for every impact in prose and tables: an
// interval that includes zero is "no clear difference" with the interval,
// never a rise or a fall; a clear change gives its direction, size and
// interval.
func TestImpactWording(t *testing.T) {
	s := func(n int, mean, lo, hi float64) *stats.Summary {
		return &stats.Summary{N: n, Mean: mean, CI95: [2]float64{lo, hi}}
	}
	for _, tc := range []struct {
		name, key string
		imp       *stats.Summary
		want      string
		clear     bool
	}{
		{"fall", "answered_within_60s_pct", s(10, -17.266, -19.1, -15.432), "a fall of 17.3 points (95% CI 15.4–19.1)", true},
		{"rise", "abandoned_pct", s(10, 2, 1.5, 2.5), "a rise of 2.0 points (95% CI 1.5–2.5)", true},
		{"one point", "abandoned_pct", s(10, 1.04, 0.5, 1.5), "a rise of 1.0 point (95% CI 0.5–1.5)", true},
		// The case of the issue: a mean that rounds to zero, interval across zero.
		{"rounds to zero", "abandoned_pct", s(10, -0.04, -0.3, 0.2), "no clear difference (0.0 points, 95% CI −0.3 to 0.2)", false},
		{"unclear but large", "abandoned_pct", s(10, -3, -7, 1), "no clear difference (−3.0 points, 95% CI −7.0 to 1.0)", false},
		{"interval touching zero", "referrals_lost", s(10, 5, 0, 10), "no clear difference (+5, 95% CI 0–10)", false},
		{"more", "referrals_lost", s(10, 312.7, 290.1, 335.3), "313 more (95% CI 290–335)", true},
		{"fewer", "referrals_lost", s(10, -50, -60, -40), "50 fewer (95% CI 40–60)", true},
		{"one replication", "referrals_lost", s(1, 312.7, 312.7, 312.7), "313 more (one replication gives no interval)", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, clear := impactText(tc.key, tc.imp, "more", "fewer")
			if got != tc.want || clear != tc.clear {
				t.Errorf("impactText = %q, %v; want %q, %v", got, clear, tc.want, tc.clear)
			}
			if classify(tc.imp) == noClear && (strings.Contains(got, "a fall") || strings.Contains(got, "a rise") ||
				strings.Contains(got, "more") || strings.Contains(got, "fewer")) {
				t.Errorf("%q gives a direction to an impact whose interval includes zero", got)
			}
			c := impactCell(tc.imp, 1, "")
			if strings.Contains(c.CI, "no clear difference") != (classify(tc.imp) == noClear) {
				t.Errorf("table cell %+v: no clear difference marked wrongly", c)
			}
		})
	}
}

var (
	ciRE   = regexp.MustCompile(`95% CI|one replication gives no interval`)
	dateRE = regexp.MustCompile(`\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)( \d{4})?\b`)
)

// TestFindingsArePageOne: at most five findings, each one sentence with
// its number, interval, dates and area, written from the outage window's
// numbers, clear ones first.
func TestFindingsArePageOne(t *testing.T) {
	a := syntheticAggregate()
	s := executiveSummary(a)
	if len(s.Findings) == 0 || len(s.Findings) > maxFindings {
		t.Fatalf("%d findings, want 1 to %d:\n%s", len(s.Findings), maxFindings, strings.Join(s.Findings, "\n"))
	}
	for _, f := range s.Findings {
		if strings.Count(strings.TrimSuffix(f, "."), ". ") > 0 || !strings.HasSuffix(f, ".") {
			t.Errorf("not one sentence: %q", f)
		}
		if !ciRE.MatchString(f) || !dateRE.MatchString(f) || !strings.Contains(f, " in ") {
			t.Errorf("a finding needs its interval, dates and area: %q", f)
		}
	}
	all := strings.Join(s.Findings, "\n")
	for _, want := range []string{
		// The outage window's share abandoned (9.5%), not the run's (6.05%), with its dates.
		"From 30 Oct to 31 Oct 2022, 9.5% of 111 calls in the UK were abandoned after waiting more than 30 seconds against 6.0% without the outage: a rise of 3.5 points (95% CI 2.9–4.1).",
		// The peak day's date.
		"The worst day in the UK was Mon 31 Oct 2022, when 11.0% of 111 calls were abandoned",
		"GP practices in the UK were busiest on Sun 30 Oct 2022, at 131.2% of their same-day capacity against 92.5% without the outage: a rise of 38.8 points (95% CI 33.0–44.5).",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("findings lack\n  %s\ngot:\n%s", want, all)
		}
	}
	if !strings.Contains(s.Intro, "Sun 30 Oct 2022 08:00 to Tue 1 Nov 2022 00:00") {
		t.Errorf("intro %q lacks the outage window's times", s.Intro)
	}
}

func TestFindingsWording(t *testing.T) {
	for _, tc := range []struct {
		name    string
		change  func(a *reports.Aggregate)
		want    []string
		notWant []string
	}{{
		// An interval that includes zero: no clear difference, never a
		// fall, and it comes after the clear findings.
		name: "unclear is worded so and comes last",
		change: func(a *reports.Aggregate) {
			setKPI(a, "outage_window", reports.UK, "abandoned_pct", [3]float64{6.05, 5.1, 7.0}, v3(6.07, 5.0, 6.9), v3(-0.02, -0.2, 0.2))
			setKPI(a, "outage_window", "england", "abandoned_pct", [3]float64{6.05, 5.1, 7.0}, v3(6.07, 5.0, 6.9), v3(-0.02, -0.2, 0.2))
			a.Daily = nil // no worst day, no GP peak day: room for the unclear finding
		},
		want:    []string{"against 6.1% without the outage: no clear difference (0.0 points, 95% CI −0.2 to 0.2)."},
		notWant: []string{"a fall of 0.0"},
	}, {
		// A GP surge finding once the surge KPIs exist.
		name: "GP contacts from 111",
		change: func(a *reports.Aggregate) {
			setKPI(a, "outage_window", reports.UK, "gp_contacts_from_111", [3]float64{5200, 5000, 5400}, v3(3100, 3000, 3200), v3(2100, 2000, 2200))
		},
		want:    []string{"From 30 Oct to 31 Oct 2022, GP practices in the UK had 5,200"},
		notWant: []string{"busiest on"},
	}, {
		// The hardest-hit nation.
		name: "worst area",
		change: func(a *reports.Aggregate) {
			setKPI(a, "outage_window", "wales", "abandoned_pct", [3]float64{12, 11, 13}, v3(4, 3.5, 4.5), v3(8, 7, 9))
			setKPI(a, "outage_window", reports.UK, "mean_answer_s", [3]float64{184.4, 170.2, 198.6}, v3(180, 170, 190), v3(4.4, -1, 9))
		},
		want: []string{"the hardest hit was Wales, where 12.0% of 111 calls were abandoned after waiting more than 30 seconds against 4.0% without the outage: a rise of 8.0 points (95% CI 7.0–9.0)."},
	}, {
		// Without an outage: levels over the run, no comparison.
		name:    "no outage",
		change:  withoutOutage,
		want:    []string{"From 30 Oct to 31 Oct 2022, 6.0% (95% CI 5.1%–7.0%) of 111 calls in the UK were abandoned after waiting more than 30 seconds."},
		notWant: []string{"without the outage", "no clear difference"},
	}, {
		name: "one nation is its own headline",
		change: func(a *reports.Aggregate) {
			a.Nations = []string{"england", reports.UK}
		},
		want:    []string{"of 111 calls in England were abandoned"},
		notWant: []string{"in the UK"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			a := syntheticAggregate()
			tc.change(a)
			s := executiveSummary(a)
			got := strings.Join(s.Findings, "\n")
			checkText(t, got, tc.want, tc.notWant)
			seenUnclear := false
			for _, f := range s.Findings {
				unclear := strings.Contains(f, "no clear difference")
				if seenUnclear && !unclear {
					t.Errorf("a clear finding after an unclear one:\n%s", got)
				}
				seenUnclear = seenUnclear || unclear
			}
		})
	}
}

func TestExecutiveSummaryIntro(t *testing.T) {
	a := syntheticAggregate()
	if s := executiveSummary(a); !strings.Contains(s.Intro, "same scenario without the outage") || len(s.Warnings) != 0 {
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

// TestLimitationsFollowTheConfiguration: the caveat about callers who hang
// up says what the scenario does with them.
func TestLimitationsFollowTheConfiguration(t *testing.T) {
	a := syntheticAggregate()
	a.Config = testConfig(true)
	a.Config.Nations[0].AbandonTo = [model.NumDispositions]float64{}
	got := strings.Join(limitations(a), "\n")
	if !strings.Contains(got, "Callers in Wales who hang up and do not ring back leave the model") {
		t.Errorf("no abandon_to: limitations lack 'leave the model':\n%s", got)
	}
	a.Config.Nations[0].AbandonTo[model.GPInHours] = 0.6
	a.Config.Nations[0].AbandonTo[model.ED] = 0.1
	a.Config.Nations[0].AbandonTo[model.SelfCare] = 0.3
	got = strings.Join(limitations(a), "\n")
	if strings.Contains(got, "leave the model") {
		t.Errorf("abandon_to set, yet the limitations say callers leave the model:\n%s", got)
	}
	want := "Callers in Wales who hang up and do not ring back go 60% to their GP practice at its next opening, 10% to A&E, 30% to nowhere (self-care)"
	if !strings.Contains(got, want) {
		t.Errorf("limitations lack\n  %s\ngot:\n%s", want, got)
	}
}
