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
const SchemaVersion = 1

// SummaryJSON writes summary.json: the run's identity and, for each KPI
// and nation, the outage run, the counterfactual and the impact. Keys come
// in a fixed order (KPIs in report order, nations in the scenario's order
// then "uk") and numbers have four decimals, so the same run always gives
// the same bytes and baselines diff cleanly. A KPI that does not apply to
// a nation (its denominator was zero in some replication) is left out.
func SummaryJSON(w io.Writer, a *reports.Aggregate, meta Meta) error {
	if err := validate(a, nil, meta); err != nil {
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
	} {
		fmt.Fprintf(bw, "  %s: %s,\n", jsonString(f.key), f.value)
	}
	fmt.Fprintf(bw, "  \"kpis\": {")
	firstKey := true
	for _, key := range kpiKeys(a) {
		var rows []string
		for _, n := range a.Nations {
			k := a.KPI(n, key)
			if k == nil {
				continue
			}
			runs := []string{"\"outage\": " + jsonSummary(&k.Outage)}
			if k.Counterfactual != nil {
				runs = append(runs, "\"counterfactual\": "+jsonSummary(k.Counterfactual),
					"\"impact\": "+jsonSummary(k.Impact))
			}
			rows = append(rows, "      "+jsonString(n)+": {\n        "+strings.Join(runs, ",\n        ")+"\n      }")
		}
		if len(rows) == 0 {
			continue
		}
		if !firstKey {
			bw.WriteString(",")
		}
		firstKey = false
		fmt.Fprintf(bw, "\n    %s: {\n%s\n    }", jsonString(key), strings.Join(rows, ",\n"))
	}
	bw.WriteString("\n  }\n}\n")
	return bw.Flush()
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
