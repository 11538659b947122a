package write

import (
	"fmt"
	"strings"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/stats"
	"github.com/outagesim/outagesim/sim/kpi"
	"github.com/outagesim/outagesim/sim/model"
)

// periodNames are the periods' headings for a reader.
var periodNames = map[string]string{
	model.PeriodBefore:       "Before the outage",
	model.PeriodDown:         "Down",
	model.PeriodRecovery:     "Recovery",
	model.PeriodAfter:        "After recovery",
	model.PeriodOutageWindow: "Outage window",
	model.PeriodRun:          "Whole run",
}

func periodName(p string) string {
	if s, ok := periodNames[p]; ok {
		return s
	}
	return p
}

// tableAreas are the areas with a table of their own: each nation, and
// the UK when there are several.
func tableAreas(a *reports.Aggregate) []string {
	var out []string
	for _, n := range a.Nations {
		if len(a.Nations) == 2 && n == reports.UK {
			continue // the same numbers as the one nation
		}
		out = append(out, n)
	}
	return out
}

// impactSections are the tables after the charts: the outage window by
// area (labelled with its dates), the headline KPIs of the headline area
// in every period side by side, then the whole run by area, labelled as
// such.
func impactSections(a *reports.Aggregate) []impactSection {
	var out []impactSection
	keys := kpiKeys(a)
	how := "Means across replications with 95% confidence intervals in square brackets."
	if a.Outage != nil {
		how += " The impact is with the outage minus without it, paired replication by replication; impacts of " +
			"percentages are in percentage points, and an impact whose interval includes zero is marked " +
			"\"no clear difference\"."
	}
	if w := a.Period(model.PeriodOutageWindow); w != nil && a.Outage != nil {
		s := impactSection{ID: "impact-window",
			Heading: "Outage window: " + spanText(a, w.From, w.To),
			Note: "From the outage to the last affected service's reconnection. Counts are totals over these " +
				"dates only; rates and averages are over the calls and patients of these dates. " + how}
		for _, n := range tableAreas(a) {
			s.Tables = append(s.Tables, kpiTable(a, w.Name, n, keys))
		}
		out = append(out, s)
	}
	if s, ok := surgeSection(a); ok {
		out = append(out, s)
	}
	if len(a.Periods) > 2 {
		area := headlineArea(a)
		s := impactSection{ID: "impact-periods", Heading: "By period: " + nationName(area),
			Note: pick(a.Outage != nil, "The impact of the outage in each period (with minus without it), 95% "+
				"confidence intervals in square brackets; impacts of percentages are in percentage points. ",
				"The mean in each period, 95% confidence intervals in square brackets. ") +
				"Each period's dates are under its name."}
		s.Tables = append(s.Tables, periodTable(a, area, kpi.HeadlineKeys()))
		out = append(out, s)
	}
	run := impactSection{ID: "impact-run", Heading: "Whole run: " + spanText(a, 0, a.Horizon),
		Note: "The whole simulated period" + pick(a.Outage != nil, ", including the days before and after the "+
			"outage, so impacts are diluted by the days it did not touch", "") + ". Counts are totals over the run. " + how}
	for _, n := range tableAreas(a) {
		run.Tables = append(run.Tables, kpiTable(a, model.PeriodRun, n, keys))
	}
	return append(out, run)
}

// periodTable shows an area's KPIs in every period: the impact with an
// outage, else the mean.
func periodTable(a *reports.Aggregate, area string, keys []string) table {
	t := table{Nation: nationName(area), Columns: []string{"KPI", "Unit"}}
	for _, p := range a.Periods {
		t.Columns = append(t.Columns, periodName(p.Name)+" ("+dateSpan(a, p.From, p.To)+")")
	}
	for _, key := range keys {
		in := info(key)
		row := []tableCell{textCell(in.Label), textCell(in.Unit)}
		any := false
		for _, p := range a.Periods {
			k := kpiOver(a, p.Name, area, key)
			switch {
			case k == nil:
				row = append(row, textCell("–"))
			case k.Impact != nil:
				row = append(row, impactCell(k.Impact, in.Decimals, pick(in.Percent, " points", "")))
				any = true
			default:
				row = append(row, cell(&k.Outage, in.Decimals, false, ""))
				any = true
			}
		}
		if any {
			t.Rows = append(t.Rows, row)
		}
	}
	return t
}

// impactCell is an impact for a table; one whose interval includes zero
// says so beside the interval.
func impactCell(imp *stats.Summary, dec int, suffix string) tableCell {
	c := cell(imp, dec, true, suffix)
	if imp != nil && classify(imp) == noClear {
		c.CI += " no clear difference"
	}
	return c
}

// limitations are the report's caveats, written from the configuration
// that was run so that none contradicts it; an aggregate built by hand
// (no configuration) gets only those that hold for every scenario.
func limitations(a *reports.Aggregate) []string {
	cfg := a.Config
	var out []string
	gp := cfg == nil
	if cfg != nil {
		for _, n := range cfg.Nations {
			gp = gp || n.GP.SameDayCapacity > 0
		}
	}
	if gp {
		out = append(out, "GP practices are a fluid model: each day's same-day demand against that day's capacity, "+
			"without appointment times.")
	}
	out = append(out, "Only GP booking and GP out-of-hours referrals reach a service with limited capacity. Lost A&E, "+
		"ambulance, pharmacy, dental and mental-health referrals are counted, but what then happens to those "+
		"patients is not modelled.")
	if cfg != nil {
		out = append(out, abandonLimitations(cfg)...)
	}
	out = append(out, "Clinical call-backs within target count only the patients who were called back; those who "+
		"gave up waiting or were still waiting at the end are left out.")
	if cfg != nil {
		for _, n := range cfg.Nations {
			if n.Nation.String() == "northern_ireland" {
				out = append(out, "Northern Ireland's ring-back front door is modelled as an ordinary phone queue.")
			}
		}
	}
	if a.Outage != nil {
		out = append(out, "Common random numbers keep arrivals and patient choices identical between the two runs; "+
			"queueing draws stay in step only until the runs' queues diverge.")
	}
	return append(out, "The results are only as good as the scenario's inputs: see the assumptions and their "+
		"sources. The full list of the model's assumptions and limitations is in docs/model.md (section 9).")
}

// abandonLimitations say, nation by nation, where callers who hang up and
// do not ring back go, as the configuration sets it.
func abandonLimitations(cfg *model.Config) []string {
	byText := map[string][]string{}
	var order []string
	for _, n := range cfg.Nations {
		var parts []string
		total := 0.0
		for _, d := range []struct {
			d    model.Disposition
			name string
		}{{model.GPInHours, "their GP practice at its next opening"}, {model.ED, "A&E"},
			{model.Ambulance, "999"}, {model.SelfCare, "nowhere (self-care)"}} {
			if x := n.AbandonTo[d.d]; x > 0 {
				parts = append(parts, fmt.Sprintf("%s%% to %s", num(100*x, 0, false), d.name))
				total += x
			}
		}
		var s string
		if total == 0 {
			s = "leave the model; whether they then go to A&E, call 999 or see their GP is not modelled."
		} else {
			s = "go " + strings.Join(parts, ", ") + ", as the scenario sets. Those sent to GP practices add to " +
				"their same-day demand; those sent to A&E or 999 are counted in the ED and ambulance KPIs, but " +
				"A&E and ambulance capacity are not modelled."
		}
		if byText[s] == nil {
			order = append(order, s)
		}
		byText[s] = append(byText[s], nationName(n.Nation.String()))
	}
	var out []string
	for _, s := range order {
		out = append(out, "Callers in "+joinAnd(byText[s])+" who hang up and do not ring back "+s)
	}
	return out
}

// joinAnd joins names as "A, B and C".
func joinAnd(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}
