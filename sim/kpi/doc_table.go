package kpi

import (
	"fmt"
	"strings"
)

// MarkdownTable is the KPI table of docs/model.md, generated from the
// catalogue (a test keeps the document in step).
func MarkdownTable() string {
	var b strings.Builder
	b.WriteString("| key | label | unit | better | formula |\n|---|---|---|---|---|\n")
	for _, d := range catalogue {
		better := map[Better]string{Higher: "higher", Lower: "lower", Neither: "—"}[d.Better]
		key := "`" + d.Key + "`"
		if d.Headline {
			key += " ★"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", key, d.Label, d.Unit, better, d.Formula)
	}
	return b.String()
}
