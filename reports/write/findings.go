package write

import (
	"fmt"
	"math"
	"strings"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/stats"
	"github.com/outagesim/outagesim/sim/kpi"
)

// A summary is the executive summary: an opening paragraph, warnings about
// the run itself, and the findings, grouped by nation.
type summary struct {
	Intro    string
	Warnings []string
	Groups   []findingGroup
}

// findingGroup is one nation's findings (or the UK's, when the scenario
// has more than one nation).
type findingGroup struct {
	Nation   string
	Findings []string
}

// change is what an impact's interval says.
type change int

const (
	noClear change = iota // the 95% interval includes zero
	rise                  // the whole interval is above zero
	fall                  // the whole interval is below zero
	unknown               // one replication: no interval
)

func classify(imp *stats.Summary) change {
	switch {
	case imp.N < 2:
		return unknown
	case imp.CI95[0] > 0:
		return rise
	case imp.CI95[1] < 0:
		return fall
	}
	return noClear
}

// executiveSummary writes the findings the numbers support, in plain
// English. Each finding reads its KPI and checks its interval first; an
// impact whose interval includes zero is reported as no clear difference,
// never as a rise or a fall.
func executiveSummary(a *reports.Aggregate) summary {
	var s summary
	reps := fmt.Sprintf("%d %s", a.Replications, plural(a.Replications, "replication"))
	if a.Outage != nil {
		s.Intro = "These findings compare the scenario with its outage against the same scenario without it " +
			"(the counterfactual), over " + reps + " that share their random numbers. Ranges are 95% confidence " +
			"intervals; a difference is called clear only when its interval excludes zero."
	} else {
		s.Intro = "This scenario has no outage: the findings describe normal running, over " + reps +
			". Ranges are 95% confidence intervals."
	}
	if a.Replications < 2 {
		s.Warnings = append(s.Warnings, "Only one replication was run, so there are no confidence intervals and "+
			"no difference can be called clear. Run at least 10 replications before quoting these numbers.")
	}
	scenarioNations := 0
	for _, n := range a.Nations {
		if n != reports.UK {
			scenarioNations++
		}
	}
	for _, n := range a.Nations {
		if n == reports.UK && scenarioNations < 2 {
			continue // the UK is the one nation
		}
		f := &finder{a: a, nation: n, name: inProse(n), heading: nationName(n)}
		f.serviceLevel()
		f.abandoned()
		f.callbacks()
		if n != reports.UK {
			f.gpCapacity()
		}
		f.lostReferrals()
		f.signposted()
		f.oohBacklog()
		f.dispositions(kpi.EDDispositions, "sent to A&E or an urgent treatment centre")
		f.dispositions(kpi.AmbulanceDispositions, "given an ambulance disposition")
		if g := f.group(); len(g.Findings) > 0 {
			s.Groups = append(s.Groups, g)
		}
	}
	return s
}

// finder collects one nation's findings.
type finder struct {
	a            *reports.Aggregate
	nation, name string // name reads inside a sentence
	heading      string
	findings     []string
	// unclear lists the measures whose impact's interval includes zero,
	// as phrases with their numbers.
	unclear []string
	// clear counts impacts whose interval excludes zero.
	clear int
}

func (f *finder) add(format string, args ...any) {
	f.findings = append(f.findings, fmt.Sprintf(format, args...))
}

func (f *finder) group() findingGroup {
	g := findingGroup{Nation: f.heading, Findings: f.findings}
	switch {
	case len(f.unclear) == 0:
	case f.clear == 0 && len(f.unclear) > 1:
		g.Findings = append(g.Findings, "In "+f.name+" the outage made no clear difference (each 95% interval of "+
			"the difference includes zero) to "+strings.Join(f.unclear, "; to ")+".")
	default:
		for _, u := range f.unclear {
			g.Findings = append(g.Findings, "No clear difference in "+u+".")
		}
	}
	return g
}

// kpi returns the nation's KPI, or nil when it does not apply.
func (f *finder) kpi(key string) *reports.KPI { return f.a.KPI(f.nation, key) }

// ci is " (95% CI lo–hi)" for a summary of more than one replication.
func ci(s *stats.Summary, dec int, suffix string) string {
	if s.N < 2 {
		return ""
	}
	return " (95% CI " + interval(s.CI95[0], s.CI95[1], dec, suffix) + ")"
}

// pointsChange describes a percentage impact: "a fall of 7.2 points, 95% CI
// 6.1–8.3".
func pointsChange(imp *stats.Summary, c change, dec int) string {
	word := "a rise"
	lo, hi := imp.CI95[0], imp.CI95[1]
	if imp.Mean < 0 {
		word, lo, hi = "a fall", -hi, -lo
	}
	s := word + " of " + num(math.Abs(imp.Mean), dec, false) + " " + plural(pointsPlural(imp.Mean, dec), "point")
	if c == unknown {
		return s + "; one replication gives no interval"
	}
	return s + ", 95% CI " + interval(lo, hi, dec, "")
}

// pointsPlural is 1 when |x| shows as exactly 1, for "1.0 point".
func pointsPlural(x float64, dec int) int {
	if num(math.Abs(x), dec, false) == num(1, dec, false) {
		return 1
	}
	return 2
}

// countChange describes a count impact as "1,234 more" and its interval
// as " (95% CI 1,100–1,370)".
func countChange(imp *stats.Summary, c change, dec int) (phrase, interval95 string) {
	word := "more"
	lo, hi := imp.CI95[0], imp.CI95[1]
	if imp.Mean < 0 {
		word, lo, hi = "fewer", -hi, -lo
	}
	phrase = num(math.Abs(imp.Mean), dec, false) + " " + word
	if c == unknown {
		return phrase, " (one replication gives no interval)"
	}
	return phrase, " (95% CI " + interval(lo, hi, dec, "") + ")"
}

// unclearPct records a percentage KPI with no clear difference.
func (f *finder) unclearPct(what string, k *reports.KPI) {
	d := info(k.Key).Decimals
	f.unclear = append(f.unclear, fmt.Sprintf("%s (%s with the outage, %s without; difference %s points, 95%% CI %s)",
		what, kpiNum(k.Key, k.Outage.Mean), kpiNum(k.Key, k.Counterfactual.Mean),
		num(k.Impact.Mean, d, true), interval(k.Impact.CI95[0], k.Impact.CI95[1], d, "")))
}

// unclearCount records a count KPI with no clear difference.
func (f *finder) unclearCount(what string, k *reports.KPI) {
	d := info(k.Key).Decimals
	f.unclear = append(f.unclear, fmt.Sprintf("%s (%s with the outage, %s without; difference %s, 95%% CI %s)",
		what, num(k.Outage.Mean, d, false), num(k.Counterfactual.Mean, d, false),
		num(k.Impact.Mean, d, true), interval(k.Impact.CI95[0], k.Impact.CI95[1], d, "")))
}

// percentFinding states a percentage KPI. subject completes "X% of ...",
// e.g. "answered 111 calls in Wales were answered within 60 seconds".
func (f *finder) percentFinding(key, subject, unclearWhat string) {
	k := f.kpi(key)
	if k == nil {
		return
	}
	d := info(key).Decimals
	if k.Impact == nil {
		f.add("%s of %s%s.", kpiNum(key, k.Outage.Mean), subject, ci(&k.Outage, d, "%"))
		return
	}
	c := classify(k.Impact)
	if c == noClear {
		f.unclearPct(unclearWhat, k)
		return
	}
	if c != unknown {
		f.clear++
	}
	f.add("During the outage, %s of %s, against %s without it (%s).",
		kpiNum(key, k.Outage.Mean), subject, kpiNum(key, k.Counterfactual.Mean), pointsChange(k.Impact, c, d))
}

func (f *finder) serviceLevel() {
	door := frontDoor(f.nation)
	f.percentFinding(kpi.AnsweredWithin60sPct,
		"answered "+door+" in "+f.name+" were answered within 60 seconds",
		"the share of "+door+" answered within 60 seconds")
}

func (f *finder) abandoned() {
	door := frontDoor(f.nation)
	f.percentFinding(kpi.AbandonedPct,
		door+" in "+f.name+" were abandoned after waiting more than 30 seconds",
		"the share of "+door+" abandoned after 30 seconds")
}

func (f *finder) callbacks() {
	f.percentFinding(kpi.CallbackWithinTargetPct,
		"clinical call-backs in "+f.name+" started within their target time",
		"the share of clinical call-backs within their target time")
}

// gpCapacity counts the working days on which GP practices' mean same-day
// demand exceeded their capacity, and states the busiest day's load.
func (f *finder) gpCapacity() {
	peak := f.kpi(kpi.GPPeakUtilisationPct)
	demand := f.a.Find(f.nation, kpi.GPDemand, true)
	capacity := f.a.Find(f.nation, kpi.GPCapacity, true)
	if peak == nil || demand == nil || capacity == nil {
		return
	}
	over, working := daysOver(demand.Outage.Mean, capacity.Outage.Mean)
	if working == 0 {
		return
	}
	d := info(peak.Key).Decimals
	peakText := kpiNum(peak.Key, peak.Outage.Mean) + " of capacity" + ci(&peak.Outage, d, "%")
	var s string
	switch {
	case over > 0:
		s = fmt.Sprintf("GP practices in %s were over capacity on %d of %d working %s, peaking at %s",
			f.name, over, working, plural(working, "day"), peakText)
	case peak.Outage.Mean > 100:
		s = fmt.Sprintf("On an average day GP practices in %s stayed within capacity, but their busiest working day "+
			"reached %s", f.name, peakText)
	default:
		s = fmt.Sprintf("GP practices in %s stayed within capacity; their busiest working day reached %s",
			f.name, peakText)
	}
	if peak.Counterfactual != nil {
		cfOver, _ := daysOver(demand.Counterfactual.Mean, capacity.Counterfactual.Mean)
		cfPeak := kpiNum(peak.Key, peak.Counterfactual.Mean)
		switch {
		case cfOver > 0:
			s += fmt.Sprintf(". Without the outage they would have been over capacity on %d %s, peaking at %s",
				cfOver, plural(cfOver, "day"), cfPeak)
		case over > 0:
			s += ". Without the outage they would not have been over capacity on any day (busiest day " + cfPeak + ")"
		default:
			s += ", against " + cfPeak + " without the outage"
		}
		switch c := classify(peak.Impact); c {
		case noClear:
			s += "; the outage made no clear difference to the busiest day (" +
				num(peak.Impact.Mean, d, true) + " points, 95% CI " + interval(peak.Impact.CI95[0], peak.Impact.CI95[1], d, "") + ")"
		default:
			if c != unknown {
				f.clear++
			}
			lo, hi := peak.Impact.CI95[0], peak.Impact.CI95[1]
			if peak.Impact.Mean < 0 {
				lo, hi = -hi, -lo
			}
			by := num(math.Abs(peak.Impact.Mean), d, false)
			s += "; the outage " + pick(peak.Impact.Mean < 0, "lowered", "raised") + " the busiest day's load by " +
				by + " " + plural(pointsPlural(peak.Impact.Mean, d), "point")
			if c == unknown {
				s += " (one replication gives no interval)"
			} else {
				s += " (95% CI " + interval(lo, hi, d, "") + ")"
			}
		}
	}
	if spill := f.a.Find(f.nation, kpi.GPSpilledToED, true); spill != nil {
		if total := sum(spill.Outage.Mean); total >= 0.5 {
			s += fmt.Sprintf(". About %s patients who could not get a same-day appointment went to A&E instead",
				num(total, 0, false))
			if spill.Counterfactual.Mean != nil {
				s += fmt.Sprintf(" (%s without the outage)", num(sum(spill.Counterfactual.Mean), 0, false))
			}
		}
	}
	f.findings = append(f.findings, s+".")
}

// daysOver counts the days with capacity (working days) and those whose
// demand exceeded it.
func daysOver(demand, capacity []float64) (over, working int) {
	for i := range min(len(demand), len(capacity)) {
		if capacity[i] > 0 {
			working++
			if demand[i] > capacity[i] {
				over++
			}
		}
	}
	return over, working
}

func sum(xs []float64) float64 {
	var t float64
	for _, x := range xs {
		if !math.IsNaN(x) {
			t += x
		}
	}
	return t
}

// countFinding states a count KPI. It is silent when the count is zero
// with and without the outage: nothing happened.
func (f *finder) countFinding(key string, plain func(x, ci string) string, changed func(ch, ci, x, y string) string, unclearWhat string) {
	k := f.kpi(key)
	if k == nil || (k.Outage.Mean == 0 && (k.Counterfactual == nil || k.Counterfactual.Mean == 0)) {
		return
	}
	d := info(key).Decimals
	if k.Impact == nil {
		if plain != nil {
			f.add("%s", plain(num(k.Outage.Mean, d, false), ci(&k.Outage, d, "")))
		}
		return
	}
	c := classify(k.Impact)
	if c == noClear {
		f.unclearCount(unclearWhat, k)
		return
	}
	if c != unknown {
		f.clear++
	}
	ch, ci95 := countChange(k.Impact, c, d)
	f.add("%s", changed(ch, ci95, num(k.Outage.Mean, d, false), num(k.Counterfactual.Mean, d, false)))
}

func (f *finder) lostReferrals() {
	f.countFinding(kpi.ReferralsLost,
		func(x, ci string) string {
			return "An estimated " + x + " referrals from " + f.name + " were lost or not actioned" + ci + "."
		},
		func(ch, ci, x, y string) string {
			return "The outage left an estimated " + ch + " referrals from " + f.name + " lost or not actioned" + ci +
				": " + x + " in all, against " + y + " without it."
		},
		"referrals lost or not actioned")
}

func (f *finder) signposted() {
	f.countFinding(kpi.SignpostedToGP,
		func(x, ci string) string {
			return x + " patients in " + f.name + " were told to contact their GP practice themselves" + ci + "."
		},
		func(ch, ci, x, y string) string {
			return "During the outage " + ch + " patients in " + f.name + " were told to contact their GP practice " +
				"themselves instead of being referred" + ci + ": " + x + " in all, against " + y + " without it."
		},
		"patients told to contact their GP practice")
}

func (f *finder) oohBacklog() {
	f.countFinding(kpi.OOHBacklogPeak,
		func(x, ci string) string {
			return "The GP out-of-hours backlog in " + f.name + " peaked at " + x + " cases waiting" + ci + "."
		},
		func(ch, ci, x, y string) string {
			return "The GP out-of-hours backlog in " + f.name + " peaked at " + x + " cases waiting, against " + y +
				" without the outage: " + ch + ci + "."
		},
		"the largest GP out-of-hours backlog")
}

// dispositions states a change in ED or ambulance dispositions; without
// an outage the counts are in the tables only.
func (f *finder) dispositions(key, what string) {
	f.countFinding(key, nil,
		func(ch, ci, x, y string) string {
			return "During the outage " + ch + " patients in " + f.name + " were " + what + ci + ": " + x +
				" in all, against " + y + " without it."
		},
		"patients "+what)
}
