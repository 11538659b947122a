package write

import (
	"fmt"
	"strings"

	"github.com/outagesim/outagesim/reports"
)

// Formats selects the files Write produces. PNG charts are written when
// HTML or Markdown is selected, since those reports link to them.
type Formats struct {
	HTML     bool // report.html
	Markdown bool // report.md
	JSON     bool // summary.json
	CSV      bool // kpis.csv and timeseries.csv
}

// AllFormats selects every file.
var AllFormats = Formats{HTML: true, Markdown: true, JSON: true, CSV: true}

// formatNames are the names ParseFormats accepts, in String's order.
var formatNames = []string{"html", "md", "json", "csv"}

// ParseFormats parses a comma-separated list of format names, such as
// "html,md,json,csv" (the value of a --formats flag). Names are
// case-insensitive and may repeat; "all" selects every format.
func ParseFormats(s string) (Formats, error) {
	var f Formats
	if strings.TrimSpace(s) == "" {
		return f, fmt.Errorf("no report formats given (want a comma-separated list of %s)", formatList())
	}
	for part := range strings.SplitSeq(s, ",") {
		switch name := strings.ToLower(strings.TrimSpace(part)); name {
		case "html":
			f.HTML = true
		case "md", "markdown":
			f.Markdown = true
		case "json":
			f.JSON = true
		case "csv":
			f.CSV = true
		case "all":
			f = AllFormats
		case "":
			return Formats{}, fmt.Errorf("report formats %q: empty name (want a comma-separated list of %s)", s, formatList())
		default:
			return Formats{}, fmt.Errorf("unknown report format %q (want %s, or all)", strings.TrimSpace(part), formatList())
		}
	}
	return f, nil
}

func formatList() string {
	return strings.Join(formatNames[:len(formatNames)-1], ", ") + " or " + formatNames[len(formatNames)-1]
}

// String returns the selection in ParseFormats' syntax, e.g. "html,json".
func (f Formats) String() string {
	var names []string
	for i, on := range []bool{f.HTML, f.Markdown, f.JSON, f.CSV} {
		if on {
			names = append(names, formatNames[i])
		}
	}
	return strings.Join(names, ",")
}

// Needs are the parts of an aggregate (reports.Parts) the selected files
// read: summary.json needs none (the KPIs over the run and its periods
// are in every aggregate); the CSV files need the daily KPIs
// (daily_impact.csv) and the series (timeseries.csv); the reports need
// both, for their charts and findings. A run that writes only
// summary.json can build its aggregate with reports.NewAggregateFor(…,
// f.Needs()) and skip most of the summaries' work.
func (f Formats) Needs() reports.Parts {
	var p reports.Parts
	if f.HTML || f.Markdown || f.CSV {
		p |= reports.AllParts
	}
	return p
}

// empty reports whether no format is selected.
func (f Formats) empty() bool { return f == Formats{} }

// charts reports whether the selection needs the charts.
func (f Formats) charts() bool { return f.HTML || f.Markdown }
