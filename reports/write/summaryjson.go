package write

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/stats"
)

// SchemaVersion is summary.json's schema_version. It changes only when a
// field is removed or changes meaning; docs/outputs.md documents it.
const SchemaVersion = 2

// SummaryJSON writes summary.json: the run's identity; for each KPI and
// area (region, nation, UK) the outage run, the counterfactual and the
// impact over the whole run; and the same for each period of the outage
// timeline, with its dates. Keys come in a fixed order (KPIs in catalogue
// order, areas as Aggregate.Areas, periods in time order, then
// outage_window and run) and numbers have four decimals, so the same run
// always gives the same bytes and baselines diff cleanly. A KPI that does
// not apply to an area (its denominator was zero in some replication) is
// left out. A share or an average that rests on fewer than
// kpi.MinObservations observations in some replication carries
// "few_observations": the fewest.
func SummaryJSON(w io.Writer, a *reports.Aggregate, meta Meta) error {
	if err := validate(a, nil, meta, 0); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	scenario := meta.Scenario
	if scenario == "" {
		scenario = a.Scenario
	}
	nations := make([]string, len(a.Nations))
	for i, n := range a.Nations {
		nations[i] = jsonString(n)
	}
	var areas []string
	for _, ar := range a.AreaNames() {
		areas = append(areas, jsonString(ar))
	}
	fmt.Fprintf(bw, "{\n")
	for _, f := range []struct{ key, value string }{
		{"schema_version", strconv.Itoa(SchemaVersion)},
		{"tool_version", jsonString(meta.ToolVersion)},
		{"scenario", jsonString(scenario)},
		{"scenario_hash", jsonString(meta.Hash)},
		{"description", jsonString(meta.Description)},
		{"seed", strconv.FormatUint(a.Seed, 10)},
		{"replications", strconv.Itoa(a.Replications)},
		{"start", jsonString(london(a.Start).Format(isoOffset))},
		{"horizon_hours", dataNum(a.Horizon / 3600)},
		{"has_outage", strconv.FormatBool(a.Outage != nil)},
		{"nations", "[" + strings.Join(nations, ", ") + "]"},
		{"areas", "[" + strings.Join(areas, ", ") + "]"},
	} {
		fmt.Fprintf(bw, "  %s: %s,\n", jsonString(f.key), f.value)
	}
	if a.Precision != nil {
		fmt.Fprintf(bw, "  \"precision\": %s,\n", precisionObject(a.Precision))
	}
	fmt.Fprintf(bw, "  \"kpis\": %s,\n", kpisObject(a, "  ", a.KPI))
	bw.WriteString("  \"periods\": {")
	for i, p := range a.Periods {
		if i > 0 {
			bw.WriteString(",")
		}
		get := func(area, key string) *reports.KPI { return a.PeriodKPI(p.Name, area, key) }
		fmt.Fprintf(bw, "\n    %s: {\n      \"from\": %s,\n      \"to\": %s,\n      \"kpis\": %s\n    }",
			jsonString(p.Name), jsonString(simTime(a, p.From)), jsonString(simTime(a, p.To)), kpisObject(a, "      ", get))
	}
	bw.WriteString("\n  }\n}\n")
	return bw.Flush()
}

// precisionObject is how a -precision run chose its replications: the
// rule, the batches, why it stopped, and each target's last check.
func precisionObject(p *reports.PrecisionRun) string {
	batches := make([]string, len(p.Batches))
	for i, n := range p.Batches {
		batches[i] = strconv.Itoa(n)
	}
	missed := []string{}
	for _, k := range p.Missed() {
		missed = append(missed, jsonString(k))
	}
	stopped := "met"
	if !p.Met {
		stopped = "cap"
	}
	var kpis []string
	for _, k := range p.Final() {
		kpis = append(kpis, fmt.Sprintf("      %s: {\"mean\": %s, \"half_width\": %s, \"target\": %s, \"met\": %t}",
			jsonString(k.Key), dataNum(k.Mean), dataNum(k.HalfWidth), dataNum(k.Target), k.Met))
	}
	var b strings.Builder
	b.WriteString("{\n")
	for _, f := range []struct{ key, value string }{
		{"rule", jsonString(p.Rule)},
		{"period", jsonString(p.Period)},
		{"of", jsonString(pick(p.Impacts, "impact", "value"))},
		{"start", strconv.Itoa(p.Start)},
		{"max_replications", strconv.Itoa(p.Max)},
		{"batches", "[" + strings.Join(batches, ", ") + "]"},
		{"stopped", jsonString(stopped)},
		{"missed", "[" + strings.Join(missed, ", ") + "]"},
	} {
		fmt.Fprintf(&b, "    %s: %s,\n", jsonString(f.key), f.value)
	}
	b.WriteString("    \"kpis\": {\n" + strings.Join(kpis, ",\n") + "\n    }\n  }")
	return b.String()
}

// simTime is a sim time as local ISO 8601 with its UTC offset.
func simTime(a *reports.Aggregate, t float64) string {
	return london(a.At(t)).Format(isoOffset)
}

// kpisObject renders {key: {area: {outage, counterfactual, impact}}} for
// the KPIs get finds, indented by indent.
func kpisObject(a *reports.Aggregate, indent string, get func(area, key string) *reports.KPI) string {
	var b strings.Builder
	b.WriteString("{")
	firstKey := true
	for _, key := range kpiKeys(a) {
		var rows []string
		for _, ar := range a.AreaNames() {
			k := get(ar, key)
			if k == nil {
				continue
			}
			runs := []string{"\"outage\": " + jsonSummary(&k.Outage)}
			if k.Counterfactual != nil {
				runs = append(runs, "\"counterfactual\": "+jsonSummary(k.Counterfactual),
					"\"impact\": "+jsonSummary(k.Impact))
			}
			if fewest, few, ok := a.Observations(k); ok && few {
				// A share or average of a handful: flagged, with the count.
				runs = append(runs, "\"few_observations\": "+dataNum(fewest))
			}
			rows = append(rows, indent+"    "+jsonString(ar)+": {\n"+indent+"      "+strings.Join(runs, ",\n"+indent+"      ")+"\n"+indent+"    }")
		}
		if len(rows) == 0 {
			continue
		}
		if !firstKey {
			b.WriteString(",")
		}
		firstKey = false
		fmt.Fprintf(&b, "\n%s  %s: {\n%s\n%s  }", indent, jsonString(key), strings.Join(rows, ",\n"), indent)
	}
	b.WriteString("\n" + indent + "}")
	return b.String()
}

func jsonSummary(s *stats.Summary) string {
	return fmt.Sprintf(`{"mean": %s, "ci95": [%s, %s], "p5": %s, "p50": %s, "p95": %s}`,
		dataNum(s.Mean), dataNum(s.CI95[0]), dataNum(s.CI95[1]), dataNum(s.P5), dataNum(s.P50), dataNum(s.P95))
}

func jsonString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // a string always marshals
	}
	return string(b)
}
