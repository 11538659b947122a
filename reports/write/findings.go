package write

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/stats"
	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/kpi"
	"github.com/outagesim/outagesim/sim/model"
)

// maxFindings is how many findings page one holds: a commissioner reads
// the answer, not a list of every measure.
const maxFindings = 5

// A summary is page one: an opening sentence saying what is compared over
// which dates, warnings about the run itself, and at most maxFindings
// findings, each one sentence with its number, interval, dates and area.
type summary struct {
	Intro    string
	Warnings []string
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

// finding is a candidate sentence; clear says its impact's interval
// excludes zero (a level without an outage counts as clear).
type finding struct {
	text  string
	clear bool
}

// finder writes the findings of one period in one headline area.
type finder struct {
	a      *reports.Aggregate
	period string
	from   float64
	to     float64
	area   string // the headline area's key
	when   string // the period's dates for a sentence: "from 4 Aug to 16 Sep 2022"
	out    []finding
}

// executiveSummary writes page one from the numbers: the measures a
// commissioner asks about first, over the outage window (or the run
// without an outage), in the UK or the scenario's one nation. Findings
// whose impact is clear come first, in a fixed order of importance; an
// impact whose interval includes zero is worded "no clear difference" with
// its interval, never as a rise or a fall.
func executiveSummary(a *reports.Aggregate) summary {
	var s summary
	f := newFinder(a)
	reps := fmt.Sprintf("%d %s", a.Replications, plural(a.Replications, "replication"))
	if a.Outage != nil {
		s.Intro = "The outage window runs " + spanText(a, f.from, f.to) + ", from the outage " +
			pick(f.to >= a.Horizon, "to the end of the run (not every affected service and site was back by then)",
				"to the last affected service's reconnection") +
			". These findings compare it with the same scenario without the outage (the counterfactual), over " +
			reps + " that share their random numbers; ranges are 95% confidence intervals, and a difference is " +
			"called clear only when its interval excludes zero."
	} else {
		s.Intro = "This scenario has no outage: the findings describe normal running from " + spanText(a, f.from, f.to) +
			", over " + reps + ". Ranges are 95% confidence intervals."
	}
	if a.Replications < 2 {
		s.Warnings = append(s.Warnings, "Only one replication was run, so there are no confidence intervals and "+
			"no difference can be called clear. Run at least 10 replications before quoting these numbers.")
	}
	s.Warnings = append(s.Warnings, stillWaiting(a, f.area)...)
	s.Warnings = append(s.Warnings, fewObservations(a)...)
	f.abandoned()
	f.meanAnswer()
	f.worstDay()
	f.referrals()
	f.gp()
	f.ooh()
	f.worstArea()
	f.callbacks()
	for _, clear := range []bool{true, false} {
		for _, c := range f.out {
			if c.clear == clear && len(s.Findings) < maxFindings {
				s.Findings = append(s.Findings, c.text)
			}
		}
	}
	return s
}

// headlineArea is the UK when the scenario has several nations, else its
// one nation.
func headlineArea(a *reports.Aggregate) string {
	if len(a.Nations) > 2 || len(a.Nations) == 0 {
		return reports.UK
	}
	return a.Nations[0]
}

// headlinePeriod is the period the page opens with: the outage window, or
// the run when there is none.
func headlinePeriod(a *reports.Aggregate) (name string, from, to float64) {
	if p := a.Period(model.PeriodOutageWindow); p != nil && a.Outage != nil {
		return p.Name, p.From, p.To
	}
	if a.Outage != nil && len(a.Periods) == 0 {
		// An aggregate built by hand without periods: the outage to the end.
		return model.PeriodRun, a.Outage.Start, a.Horizon
	}
	return model.PeriodRun, 0, a.Horizon
}

func newFinder(a *reports.Aggregate) *finder {
	f := &finder{a: a, area: headlineArea(a)}
	f.period, f.from, f.to = headlinePeriod(a)
	f.when = whenText(a, f.from, f.to)
	return f
}

// kpiOver returns an area's KPI over a period, or nil. An aggregate built
// by hand with only run KPIs answers for the run.
func kpiOver(a *reports.Aggregate, period, area, key string) *reports.KPI {
	if k := a.PeriodKPI(period, area, key); k != nil {
		return k
	}
	if period == model.PeriodRun || len(a.PeriodKPIs) == 0 {
		return a.KPI(area, key)
	}
	return nil
}

func (f *finder) kpi(key string) *reports.KPI { return kpiOver(f.a, f.period, f.area, key) }

func (f *finder) add(clear bool, format string, args ...any) {
	f.out = append(f.out, finding{fmt.Sprintf(format, args...), clear})
}

// where is an area inside a sentence: "in England", "in the UK", "in
// london".
func where(area string) string { return "in " + inProse(area) }

// ---- wording of impacts ----

// ci is " (95% CI lo–hi)" for a summary of more than one replication.
func ci(s *stats.Summary, dec int, suffix string) string {
	if s.N < 2 {
		return ""
	}
	return " (95% CI " + interval(s.CI95[0], s.CI95[1], dec, suffix) + ")"
}

// impactText words an impact by its interval: "a rise of 7.2 points (95%
// CI 6.1–8.3)", "1,234 more (95% CI 1,100–1,370)", or, when the interval
// includes zero, "no clear difference (+0.1 points, 95% CI −0.2 to 0.4)".
// more and less name the directions of a non-percentage KPI ("more",
// "fewer"; "longer", "shorter").
func impactText(key string, imp *stats.Summary, more, less string) (text string, clear bool) {
	d := info(key).Decimals
	unit := ""
	if info(key).Percent {
		unit = " " + plural(pointsPlural(imp.Mean, d), "point")
	}
	c := classify(imp)
	if c == noClear {
		return "no clear difference (" + num(imp.Mean, d, true) + unit + ", 95% CI " +
			interval(imp.CI95[0], imp.CI95[1], d, "") + ")", false
	}
	lo, hi := imp.CI95[0], imp.CI95[1]
	neg := imp.Mean < 0
	if neg {
		lo, hi = -hi, -lo
	}
	size := num(math.Abs(imp.Mean), d, false)
	if info(key).Percent {
		text = pick(neg, "a fall of ", "a rise of ") + size + unit
	} else {
		text = size + " " + pick(neg, less, more)
	}
	if c == unknown {
		return text + " (one replication gives no interval)", false
	}
	return text + " (95% CI " + interval(lo, hi, d, "") + ")", true
}

// pointsPlural is 1 when |x| shows as exactly 1, for "1.0 point".
func pointsPlural(x float64, dec int) int {
	if num(math.Abs(x), dec, false) == num(1, dec, false) {
		return 1
	}
	return 2
}

// levelFinding states a KPI over the headline period: with an outage, the
// level with and without it and the impact; without one, the level and its
// interval. subject reads "X of <subject>" for percentages and
// "<subject> X" otherwise.
func (f *finder) levelFinding(k *reports.KPI, when, sentence string, more, less string) {
	if k == nil {
		return
	}
	d := info(k.Key).Decimals
	val := func(x float64) string { return kpiNum(k.Key, x) }
	if k.Impact == nil {
		f.add(true, "%s", fmt.Sprintf(sentence, when, val(k.Outage.Mean)+ci(&k.Outage, d, pick(info(k.Key).Percent, "%", ""))))
		return
	}
	text, clear := impactText(k.Key, k.Impact, more, less)
	f.add(clear, "%s", fmt.Sprintf(sentence, when, val(k.Outage.Mean))+" against "+val(k.Counterfactual.Mean)+
		" without the outage: "+text+".")
}

// ---- the findings, in order of importance ----

func (f *finder) abandoned() {
	f.levelFinding(f.kpi(kpi.AbandonedPct), capital(f.when),
		"%s, %s of "+frontDoor(f.area)+" "+where(f.area)+" were abandoned after waiting more than 30 seconds",
		"", "")
	f.fixLast(".")
}

func (f *finder) meanAnswer() {
	f.levelFinding(f.kpi(kpi.MeanAnswerS), capital(f.when),
		"%s, "+frontDoor(f.area)+" "+where(f.area)+" waited on average %s seconds to be answered",
		"seconds longer", "seconds shorter")
	f.fixLast(".")
}

// fixLast ends a finding without an outage (which has no impact clause)
// with a full stop.
func (f *finder) fixLast(stop string) {
	if n := len(f.out); n > 0 && f.out[n-1].text[len(f.out[n-1].text)-1] != '.' {
		f.out[n-1].text += stop
	}
}

// worstDay names the day of the headline period with the largest rise in
// calls abandoned (or, without an outage, the highest share abandoned).
func (f *finder) worstDay() {
	day, k := f.peakDay(kpi.AbandonedPct, f.area, false)
	if k == nil {
		return
	}
	if k.Impact == nil {
		f.add(true, "The worst day %s was %s, when %s of %s were abandoned after waiting more than 30 seconds%s.",
			where(f.area), dayText(day), kpiNum(k.Key, k.Outage.Mean), frontDoor(f.area),
			ci(&k.Outage, info(k.Key).Decimals, "%"))
		return
	}
	text, clear := impactText(k.Key, k.Impact, "", "")
	f.add(clear, "The worst day %s was %s, when %s of %s were abandoned after waiting more than 30 seconds against "+
		"%s without the outage: %s.", where(f.area), dayText(day), kpiNum(k.Key, k.Outage.Mean), frontDoor(f.area),
		kpiNum(k.Key, k.Counterfactual.Mean), text)
}

// peakDay is the day of the headline period on which a KPI is largest in
// an area, and its numbers: the largest impact (the worst day of the
// outage), or with byLevel or without an outage the largest level (the
// busiest day).
func (f *finder) peakDay(key, area string, byLevel bool) (calendar.Date, *reports.DayKPI) {
	first, last := f.dates()
	var best *reports.DayKPI
	score := func(d *reports.DayKPI) float64 {
		if d.Impact != nil && !byLevel {
			return d.Impact.Mean
		}
		return d.Outage.Mean
	}
	for i := range f.a.Daily {
		d := &f.a.Daily[i]
		if d.Key != key || d.Area != area || d.Date.Before(first) || last.Before(d.Date) {
			continue
		}
		if best == nil || score(d) > score(best) {
			best = d
		}
	}
	if best == nil {
		return calendar.Date{}, nil
	}
	return best.Date, best
}

// dates are the first and last local dates of the headline period.
func (f *finder) dates() (first, last calendar.Date) {
	return dateOf(f.a, f.from), dateOf(f.a, math.Max(f.from, f.to-1))
}

// referrals states referrals lost and, where measured, how much longer
// the delivered ones took to reach their receiver.
func (f *finder) referrals() {
	lost := f.kpi(kpi.ReferralsLost)
	if lost == nil || (lost.Outage.Mean == 0 && (lost.Counterfactual == nil || lost.Counterfactual.Mean == 0)) {
		return
	}
	d := info(lost.Key).Decimals
	if lost.Impact == nil {
		f.add(true, "%s, an estimated %s referrals %s were lost or not actioned%s.", capital(f.when),
			num(lost.Outage.Mean, d, false), fromArea(f.area), ci(&lost.Outage, d, ""))
		return
	}
	text, clear := impactText(lost.Key, lost.Impact, "more", "fewer")
	s := fmt.Sprintf("%s, %s referrals %s were lost or not actioned than without the outage%s: %s in all against %s",
		capital(f.when), trimCI(text), fromArea(f.area), ciOf(text), num(lost.Outage.Mean, d, false),
		num(lost.Counterfactual.Mean, d, false))
	if !clear {
		s = fmt.Sprintf("%s, the outage made %s to the referrals %s lost or not actioned (%s in all)",
			capital(f.when), text, fromArea(f.area), num(lost.Outage.Mean, d, false))
	}
	if delay := f.kpi(kpi.ReferralDelayMeanMin); delay != nil && delay.Impact != nil {
		dt, _ := impactText(delay.Key, delay.Impact, "minutes longer", "minutes shorter")
		s += fmt.Sprintf(", and those delivered reached their receiver after %s minutes on average against %s "+
			"without it: %s", kpiNum(delay.Key, delay.Outage.Mean), kpiNum(delay.Key, delay.Counterfactual.Mean), dt)
	}
	f.add(clear, "%s.", s)
}

// trimCI and ciOf split "1,234 more (95% CI …)" into its phrase and its
// interval, to put the interval after the subject.
func trimCI(text string) string {
	if i := indexOf(text, " ("); i >= 0 {
		return text[:i]
	}
	return text
}

func ciOf(text string) string {
	if i := indexOf(text, " ("); i >= 0 {
		return text[i:]
	}
	return ""
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func fromArea(area string) string { return "from " + inProse(area) }

// capital upper-cases a sentence's first letter.
func capital(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// gp states the surge on GP practices: contacts sent there by 111 where
// the model counts them, else the busiest working day's load, with its
// date.
func (f *finder) gp() {
	for _, g := range gpFindings {
		if k := f.kpi(g.key); k != nil {
			g.write(f, k)
			return
		}
	}
}

// gpFindings are the GP measures page one can use, best first; a KPI the
// catalogue does not have (yet) is skipped.
var gpFindings = []struct {
	key   string
	write func(f *finder, k *reports.KPI)
}{
	{kpi.GPContactsFrom111, func(f *finder, k *reports.KPI) {
		f.levelFinding(k, capital(f.when), "%s, GP practices "+where(f.area)+" had %s contacts from 111",
			"more", "fewer")
		f.fixLast(".")
		// Where the surge landed and whether it fits, in the same finding:
		// the number alone does not say whether practices can absorb it.
		p := f.a.SurgePeriod()
		if s := briefSurgeSentence(f.a.GPSurges(), whenText(f.a, p.From, p.To), appointmentShare(f.a)); s != "" && len(f.out) > 0 {
			f.out[len(f.out)-1].text += " " + s
		}
	}},
	{kpi.GPPeakUtilisationPct, func(f *finder, k *reports.KPI) {
		day, dk := f.peakDay(k.Key, f.area, true)
		if dk == nil {
			return
		}
		dec := info(k.Key).Decimals
		if dk.Impact == nil {
			f.add(true, "GP practices %s were busiest on %s, at %s of their same-day capacity%s.", where(f.area),
				dayText(day), kpiNum(k.Key, dk.Outage.Mean), ci(&dk.Outage, dec, "%"))
			return
		}
		text, clear := impactText(k.Key, dk.Impact, "", "")
		f.add(clear, "GP practices %s were busiest on %s, at %s of their same-day capacity against %s without "+
			"the outage: %s.", where(f.area), dayText(day), kpiNum(k.Key, dk.Outage.Mean),
			kpiNum(k.Key, dk.Counterfactual.Mean), text)
	}},
}

// ooh states GP out-of-hours consultations within target counted from
// 111's decision, where the scenario has out-of-hours services.
func (f *finder) ooh() {
	f.levelFinding(f.kpi(kpi.OOHWithinTargetPct), capital(f.when),
		"%s, %s of GP out-of-hours patients "+where(f.area)+" were seen within their target time, counted from "+
			"111's decision", "", "")
	f.fixLast(".")
}

func (f *finder) callbacks() {
	f.levelFinding(f.kpi(kpi.CallbackWithinTargetPct), capital(f.when),
		"%s, %s of clinical call-backs "+where(f.area)+" started within their target time", "", "")
	f.fixLast(".")
}

// worstArea names the nation or region (other than the headline area)
// where the share of calls abandoned rose most over the headline period.
func (f *finder) worstArea() {
	if f.a.Outage == nil {
		return
	}
	var best *reports.KPI
	for _, ar := range f.a.AreaNames() {
		if ar == f.area || ar == reports.UK {
			continue
		}
		k := kpiOver(f.a, f.period, ar, kpi.AbandonedPct)
		if k == nil || k.Impact == nil {
			continue
		}
		if best == nil || k.Impact.Mean > best.Impact.Mean {
			best = k
		}
	}
	if best == nil {
		return
	}
	text, clear := impactText(best.Key, best.Impact, "", "")
	f.add(clear, "%s, the hardest hit was %s, where %s of %s were abandoned after waiting more than 30 seconds "+
		"against %s without the outage: %s.", capital(f.when), inProse(best.Nation), kpiNum(best.Key, best.Outage.Mean),
		frontDoor(best.Nation), kpiNum(best.Key, best.Counterfactual.Mean), text)
}

// ---- dates ----

// dateOf is the local date of sim time t.
func dateOf(a *reports.Aggregate, t float64) calendar.Date {
	l := london(a.At(t))
	return calendar.Date{Year: l.Year(), Month: l.Month(), Day: l.Day()}
}

// dayText is a date for a reader: "Mon 8 Aug 2022".
func dayText(d calendar.Date) string {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Format("Mon 2 Jan 2006")
}

// dateSpan is the local dates of [from, to) for a sentence: "4 Aug to 16
// Sep 2022" (the year once when both ends share it).
func dateSpan(a *reports.Aggregate, from, to float64) string {
	first, last := dateOf(a, from), dateOf(a, math.Max(from, to-1))
	l := func(d calendar.Date, year bool) string {
		s := fmt.Sprintf("%d %s", d.Day, d.Month.String()[:3])
		if year {
			s += fmt.Sprintf(" %d", d.Year)
		}
		return s
	}
	if first == last {
		return l(first, true)
	}
	return l(first, first.Year != last.Year) + " to " + l(last, true)
}

// whenText is [from, to) as a sentence's opening: "from 4 Aug to 16 Sep
// 2022", or "on 4 Aug 2022" for a single day.
func whenText(a *reports.Aggregate, from, to float64) string {
	if dateOf(a, from) == dateOf(a, math.Max(from, to-1)) {
		return "on " + dateSpan(a, from, to)
	}
	return "from " + dateSpan(a, from, to)
}

// spanText is [from, to) with local times: "Thu 4 Aug 2022 07:00 to Fri
// 16 Sep 2022 09:00".
func spanText(a *reports.Aggregate, from, to float64) string {
	return localTime(a.At(from)) + " to " + localTime(a.At(to))
}

// stillWaiting warns about contacts still queued when the run ended in
// the headline area: the service levels count only the calls answered and
// the call-backs made, so a queue left at the end changes how to read
// them.
func stillWaiting(a *reports.Aggregate, area string) []string {
	var out []string
	get := func(key string) float64 {
		if k := a.KPI(area, key); k != nil {
			return k.Outage.Mean
		}
		return 0
	}
	if n := get(kpi.CallsWaitingAtEnd); n >= 0.5 {
		share := ""
		if offered := get(kpi.CallsOffered); offered > 0 {
			share = " (" + num(100*n/offered, 1, false) + "% of the calls offered)"
		}
		out = append(out, fmt.Sprintf("When the run ended, %s calls %s were still waiting to be answered%s: the share "+
			"answered within 60 seconds and the time to answer count only the calls answered.", num(n, 0, false), where(area), share))
	}
	if n := get(kpi.CallbacksWaitingAtEnd); n >= 0.5 {
		out = append(out, fmt.Sprintf("When the run ended, %s patients %s were still waiting for a clinical call-back; "+
			"the share called back within target counts only those called back.", num(n, 0, false), where(area)))
	}
	if n := get(kpi.OOHWaitingAtEnd); n >= 0.5 {
		out = append(out, fmt.Sprintf("When the run ended, %s GP out-of-hours cases %s were still waiting to be seen.",
			num(n, 0, false), where(area)))
	}
	return out
}

// fewObservations warns about every whole-run share or average, in a
// nation or the UK, that rests on fewer than kpi.MinObservations
// observations in some replication: its number is noise, however precise
// it looks.
func fewObservations(a *reports.Aggregate) []string {
	var out []string
	for i := range a.KPIs {
		k := &a.KPIs[i]
		if !slices.Contains(a.Nations, k.Nation) {
			continue // regions: their nation's line says enough
		}
		fewest, few, ok := a.Observations(k)
		if !ok || !few {
			continue
		}
		d, b := info(k.Key), info(info(k.Key).Basis)
		out = append(out, fmt.Sprintf("%s %s rests on as few as %s %s in one replication (fewer than %d), "+
			"so treat it as unreliable.", d.Label, where(k.Nation), num(fewest, 0, false), strings.ToLower(b.Label), kpi.MinObservations))
	}
	return out
}
