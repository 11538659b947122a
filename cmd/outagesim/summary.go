package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/check"
)

// The -summary flags write Markdown that renders where report.md's
// charts (relative PNG links) do not, such as a GitHub Actions job
// summary: tables only, no images.

// appendFile appends data to path, creating it if need be: a job summary
// file collects what every step adds.
func appendFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// mdCell escapes what would break a Markdown table cell.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}

// mdTable writes a table; right says which columns hold numbers, which
// read best right-aligned.
func mdTable(w io.Writer, header []string, right []bool, rows [][]string) {
	line := func(cells []string) {
		esc := make([]string, len(cells))
		for i, c := range cells {
			esc[i] = mdCell(c)
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(esc, " | "))
	}
	line(header)
	sep := make([]string, len(header))
	for i := range sep {
		sep[i] = "---"
		if i < len(right) && right[i] {
			sep[i] = "---:"
		}
	}
	fmt.Fprintf(w, "|%s|\n", strings.Join(sep, "|"))
	for _, r := range rows {
		line(r)
	}
}

// headlineMarkdown is run's headline as a Markdown section.
func headlineMarkdown(a *reports.Aggregate, report string) []byte {
	var b bytes.Buffer
	title, header, rows := headlineTable(a)
	fmt.Fprintf(&b, "### %s\n\n", mdCell(title))
	right := make([]bool, len(header))
	for i := 1; i < len(right); i++ {
		right[i] = true
	}
	mdTable(&b, header, right, rows)
	fmt.Fprintf(&b, "\nThe full report with its charts: `%s`.\n\n", report)
	return b.Bytes()
}

// checkMarkdown is check's results as Markdown: per scenario a verdict,
// the KPIs that moved in a table, and the others folded away.
func checkMarkdown(results []*check.Report) []byte {
	var b bytes.Buffer
	failed := 0
	for _, r := range results {
		if r.Err != nil || r.Failed() {
			failed++
		}
	}
	verdict := "✅ every scenario within tolerance"
	if failed > 0 {
		verdict = fmt.Sprintf("❌ %d of %d scenarios failed", failed, len(results))
	}
	fmt.Fprintf(&b, "### outagesim check: %s\n\n", verdict)
	header := []string{"nation", "KPI", "baseline", "current", "status", "detail"}
	right := []bool{false, false, true, true, false, false}
	num := func(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) }
	for _, r := range results {
		if r.Err != nil {
			fmt.Fprintf(&b, "**%s**: not checked: %s\n\n", mdCell(r.Scenario), mdCell(r.Err.Error()))
			continue
		}
		var bad, good [][]string
		for _, x := range r.Results {
			row := []string{x.Nation, x.KPI, num(x.Baseline), num(x.Current), string(x.Status), x.Detail}
			if x.Status == check.OK || x.Status == check.Added {
				good = append(good, row)
			} else {
				bad = append(bad, row)
			}
		}
		fmt.Fprintf(&b, "**%s** (seed %d, %d replications): ", mdCell(r.Scenario), r.Seed, r.Replications)
		if len(bad) > 0 {
			fmt.Fprintf(&b, "%d of %d KPIs moved beyond their tolerance\n\n", len(bad), len(r.Results))
			mdTable(&b, header, right, bad)
			b.WriteString("\n")
		} else {
			fmt.Fprintf(&b, "all %d KPIs within tolerance\n\n", len(r.Results))
		}
		if len(good) > 0 {
			fmt.Fprintf(&b, "<details><summary>%d KPIs within tolerance</summary>\n\n", len(good))
			mdTable(&b, header, right, good)
			b.WriteString("\n</details>\n\n")
		}
	}
	return b.Bytes()
}
