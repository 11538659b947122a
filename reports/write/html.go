package write

import (
	_ "embed"
	"html/template"
	"io"
	"net/url"
	"strings"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/charts"
)

//go:embed report.html.tmpl
var htmlSource string

// stressSource defines the "stress" template, the STRESS-DES section,
// kept apart from the page so the two change independently.
//
//go:embed stress.html.tmpl
var stressSource string

var htmlTemplate = template.Must(template.Must(template.New("report.html").Funcs(template.FuncMap{
	"isURL": isURL,
}).Parse(htmlSource)).Parse(stressSource))

// isURL reports whether an assumption's source is a plain web address,
// shown as a link (links are followed only when clicked: the page loads
// nothing).
func isURL(s string) bool {
	if strings.ContainsAny(s, " \t\n") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// HTML writes report.html: one self-contained page (inline CSS and SVG, no
// scripts, nothing fetched) with the findings on page one, the charts, the
// tables by period and nation, the timeline and assumptions, the method
// and a reproducibility block. It links each chart's PNG as charts/<ID>.png,
// which Write puts beside it. Its print stylesheet paginates to A4.
func HTML(w io.Writer, a *reports.Aggregate, cs []charts.Chart, meta Meta) error {
	if err := validate(a, cs, meta, reports.AllParts); err != nil {
		return err
	}
	v, err := newView(a, cs, meta)
	if err != nil {
		return err
	}
	return htmlTemplate.Execute(w, v)
}
