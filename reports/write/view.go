package write

import (
	"fmt"
	"html/template"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/charts"
	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/kpi"
)

// view is everything report.html and report.md show, already worded and
// formatted, so the two say the same thing.
type view struct {
	Title, Description string
	Period             string
	HasOutage          bool
	Summary            summary
	Timeline           []timelineRow
	// TimelineDerived says the timeline came from the outage settings,
	// not from the scenario's own list.
	TimelineDerived bool
	Assumptions     []Assumption
	Charts          []chartView
	// Impact holds the tables by period: the outage window first, then
	// every period side by side, then the whole run.
	Impact      []impactSection
	Scope       string
	Method      []string
	Limitations []string
	Repro       []keyValue
	// Stress answers the STRESS-DES checklist (stress.go).
	Stress []stressGroup
}

type timelineRow struct{ When, What string }

type keyValue struct{ Key, Value string }

type chartView struct {
	ID, Title, Caption, Alt string
	SVG                     template.HTML
	PNG                     string
}

// impactSection is a group of tables under one heading, with a note on
// how to read them.
type impactSection struct {
	ID, Heading, Note string
	Tables            []table
}

// table is a KPI table: one nation's KPIs in all runs, or one area's
// KPIs across periods. Nation is its caption.
type table struct {
	Nation  string
	Columns []string
	Rows    [][]tableCell
}

// chartsDir is the folder of the PNG files inside a report.
const chartsDir = "charts"

func pngPath(id string) string { return chartsDir + "/" + id + ".png" }

func newView(a *reports.Aggregate, cs []charts.Chart, meta Meta) (*view, error) {
	v := &view{
		Title:       meta.Scenario,
		Description: meta.Description,
		Period:      period(a),
		HasOutage:   a.Outage != nil,
		Summary:     executiveSummary(a),
		Assumptions: meta.Assumptions,
	}
	if v.Title == "" {
		v.Title = a.Scenario
	}
	for _, e := range meta.Timeline {
		v.Timeline = append(v.Timeline, timelineRow{localTime(e.When), e.What})
	}
	if len(v.Timeline) == 0 && a.Outage != nil {
		v.Timeline, v.TimelineDerived = derivedTimeline(a), true
	}
	for _, c := range cs {
		svg, err := inlineSVG(c.SVG, c.ID, c.Alt)
		if err != nil {
			return nil, fmt.Errorf("write: chart %q: %w", c.ID, err)
		}
		v.Charts = append(v.Charts, chartView{ID: c.ID, Title: c.Title, Caption: c.Caption, Alt: c.Alt,
			SVG: template.HTML(svg), PNG: pngPath(c.ID)})
	}

	v.Impact = impactSections(a)
	v.Scope = pick(v.HasOutage, "Impact", "Results") + " by period and nation"

	reps := fmt.Sprintf("%d", a.Replications)
	v.Method = []string{
		"Each replication simulates the scenario one caller at a time (a discrete-event simulation) over the " +
			"whole period. " + pick(v.HasOutage, "Every replication is simulated twice, with the outage and "+
			"without it (the counterfactual), using the same random number streams (common random numbers): "+
			"both runs see the same callers making the same choices, so differences come from the outage rather "+
			"than from chance.", "This scenario has no outage, so there is no counterfactual run."),
		"Each KPI is computed once per replication. Percentages and averages are ratios of sums within a " +
			"replication (for example, calls answered within 60 seconds over all calls answered in that " +
			"replication), never averages of hourly or daily percentages. Counts are totals over the period " +
			"measured. " + pick(v.HasOutage, "The run is cut into periods from the outage's own timeline: before "+
			"it, down (until the first service reconnects), recovery (until every affected service and site is "+
			"back) and after; the outage window is down and recovery together. Each KPI is measured over each "+
			"period, over the whole run, and on each local day (daily_impact.csv), with the counterfactual "+
			"measured over the same dates.", ""),
		"Across the " + reps + " " + plural(a.Replications, "replication") + ", each mean has a 95% confidence " +
			"interval from Student's t distribution with " + fmt.Sprint(max(a.Replications-1, 0)) + " degrees of " +
			"freedom (shown in square brackets in the tables)." + pick(v.HasOutage, " The impact is outage − "+
			"counterfactual taken replication by replication (a paired comparison), and its interval comes from "+
			"those differences, so it can be much narrower than the two runs' intervals suggest. Impacts of "+
			"percentages are in percentage points.", "") + " The 5th, 50th and 95th percentiles across " +
			"replications are in summary.json and kpis.csv.",
	}
	v.Limitations = limitations(a)

	v.Repro = []keyValue{
		{"Tool version", orNone(meta.ToolVersion)},
		{"Scenario", v.Title},
		{"Scenario hash (SHA-256)", orNone(meta.Hash)},
		{"Seed", fmt.Sprint(a.Seed)},
		{"Replications", reps},
		{"Simulated period", v.Period},
		{"Command", orNone(meta.Command)},
	}
	v.Stress = stressSections(a, meta)
	if a.Precision != nil {
		// After Replications would split the list's code rows; the
		// stopping rule reads best last.
		v.Repro = append(v.Repro, keyValue{"Stopping rule", reports.PrecisionSentence(a)})
	}
	return v, nil
}

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}

func orNone(s string) string {
	if s == "" {
		return "not recorded"
	}
	return s
}

// kpiKeys lists the aggregate's KPI keys: the catalogue's order, then
// any others in the order they first appear.
func kpiKeys(a *reports.Aggregate) []string {
	keys := kpi.Keys()
	for _, k := range a.KPIs {
		if !slices.Contains(keys, k.Key) {
			keys = append(keys, k.Key)
		}
	}
	return keys
}

func kpiTable(a *reports.Aggregate, period, nation string, keys []string) table {
	t := table{Nation: nationName(nation)}
	if a.Outage != nil {
		t.Columns = []string{"KPI", "Unit", "With the outage", "Without the outage", "Impact"}
	} else {
		t.Columns = []string{"KPI", "Unit", "Mean [95% CI]", "5th to 95th percentile"}
	}
	for _, key := range keys {
		k := kpiOver(a, period, nation, key)
		if k == nil {
			continue
		}
		in := info(key)
		label := in.Label
		if strings.Contains(key, "peak") {
			label += peakDayText(a, period, nation, key)
		}
		row := []tableCell{textCell(label), textCell(in.Unit), cell(&k.Outage, in.Decimals, false, "")}
		if a.Outage != nil {
			points := ""
			if in.Percent {
				points = " points"
			}
			row = append(row, cell(k.Counterfactual, in.Decimals, false, ""), impactCell(k.Impact, in.Decimals, points))
		} else {
			row = append(row, textCell(num(k.Outage.P5, in.Decimals, false)+" to "+num(k.Outage.P95, in.Decimals, false)))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// peakDayText names the day a peak KPI peaked in a period and area, from
// the daily values (the outage run's mean, or the only run's): " (peak:
// Tue 30 Aug 2022)"; "" when there are no daily values.
func peakDayText(a *reports.Aggregate, period, area, key string) string {
	from, to := 0.0, a.Horizon
	if p := a.Period(period); p != nil {
		from, to = p.From, p.To
	}
	first, last := dateOf(a, from), dateOf(a, math.Max(from, to-1))
	var best *reports.DayKPI
	for i := range a.Daily {
		d := &a.Daily[i]
		if d.Area == area && d.Key == key && !d.Date.Before(first) && !last.Before(d.Date) &&
			(best == nil || d.Outage.Mean > best.Outage.Mean) {
			best = d
		}
	}
	if best == nil {
		return ""
	}
	return " (peak: " + dayText(best.Date) + ")"
}

// london returns t in Europe/London, where the scenarios' times are.
func london(t time.Time) time.Time { return t.In(calendar.London()) }

func localTime(t time.Time) string { return london(t).Format("Mon 2 Jan 2006 15:04") }

func period(a *reports.Aggregate) string {
	end := a.At(a.Horizon)
	var length string
	switch hours := a.Horizon / 3600; {
	case math.Mod(a.Horizon, 86400) == 0:
		days := int(a.Horizon / 86400)
		length = fmt.Sprintf("%d %s", days, plural(days, "day"))
	case hours == math.Round(hours):
		length = fmt.Sprintf("%s %s", num(hours, 0, false), plural(int(hours), "hour"))
	default:
		length = num(hours, 1, false) + " hours"
	}
	return localTime(a.Start) + " to " + localTime(end) + " (" + length + ")"
}

// timeLabel is the CSV time of a series' i-th value: an ISO local date for
// days, an RFC 3339 local date-time with its offset for hours (the offset
// tells the two 01:00 hours of the autumn clock change apart).
func timeLabel(a *reports.Aggregate, daily bool, i int) string {
	if daily {
		return a.Days[i].String()
	}
	return london(a.At(a.HourStarts[i])).Format(isoOffset)
}

// isoOffset is RFC 3339 with a numeric offset always: +00:00 in winter,
// not Z, since the times are UK local times.
const isoOffset = "2006-01-02T15:04:05-07:00"

// derivedTimeline lists the outage's own steps when the scenario supplied
// no timeline.
func derivedTimeline(a *reports.Aggregate) []timelineRow {
	o := a.Outage
	type step struct {
		at   float64
		what string
	}
	steps := []step{{o.Start, "Systems go down: " + strings.Join(o.Systems, ", ")}}
	if o.DetectionDelay > 0 {
		steps = append(steps, step{o.Start + o.DetectionDelay, "Contingency measures in place"})
	}
	for _, m := range o.Contingency.MutualAid {
		steps = append(steps, step{m.At, fmt.Sprintf("Mutual aid starts: %s%% of %s's new calls go to %s",
			num(100*m.Share, 0, false), m.From, m.To)})
		if m.Until > m.At && m.Until < a.Horizon {
			steps = append(steps, step{m.Until, fmt.Sprintf("Mutual aid from %s to %s ends", m.From, m.To)})
		}
	}
	for _, iso := range o.Isolations {
		steps = append(steps, step{iso.Start, fmt.Sprintf("Precaution: %s takes %s offline", supplierOr(iso.Supplier), strings.Join(iso.Systems, ", "))})
		if iso.End > iso.Start {
			steps = append(steps, step{iso.End, fmt.Sprintf("%s restores %s", supplierOr(iso.Supplier), strings.Join(iso.Systems, ", "))})
		}
	}
	for _, d := range o.Disconnections {
		steps = append(steps, step{d.From, fmt.Sprintf("Precaution: %s disconnect from %s", strings.Join(d.Services, ", "), supplierOr(d.Supplier))})
		if d.Until > d.From {
			steps = append(steps, step{d.Until, fmt.Sprintf("%s reconnect to %s", strings.Join(d.Services, ", "), supplierOr(d.Supplier))})
		}
	}
	for _, w := range o.Waves {
		steps = append(steps, step{w.At, fmt.Sprintf("Reconnection: %s (%s%% of sites)",
			strings.Join(append(slices.Clone(w.Services), w.Systems...), ", "), num(100*w.Fraction, 0, false))})
	}
	if o.End > o.Start {
		steps = append(steps, step{o.End, "The outage ends: every system restored"})
	}
	steps = append(steps, step{a.Horizon, "End of the simulated period"})
	slices.SortStableFunc(steps, func(x, y step) int {
		switch {
		case x.at < y.at:
			return -1
		case x.at > y.at:
			return 1
		}
		return 0
	})
	var rows []timelineRow
	for _, s := range steps {
		if s.at > a.Horizon {
			continue
		}
		rows = append(rows, timelineRow{localTime(a.At(s.at)), s.what})
	}
	return rows
}

func supplierOr(name string) string {
	if name == "" {
		return "the supplier"
	}
	return name
}
