package sensitivity

import (
	"html/template"
	"io"
)

// page is sensitivity.html: the method, then per KPI its tornado chart
// and full ranking, then the assumptions not varied.
var page = template.Must(template.New("sensitivity").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sensitivity of {{.Scenario}}</title>
<style>
body { font-family: Arial, "Liberation Sans", sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
table { border-collapse: collapse; font-size: 0.9rem; margin: 0.5rem 0 2rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: right; }
th:nth-child(2), td:nth-child(2), th:nth-child(3), td:nth-child(3) { text-align: left; }
td code { font-size: 0.85rem; }
img { max-width: 100%; }
.clear { font-weight: bold; }
</style>
</head>
<body>
<h1>Sensitivity of {{.Scenario}} to its assumptions</h1>
<p>{{.Method}}</p>
<p>Effects in <b>bold</b> have a 95% interval that excludes zero.</p>
{{range .KPIs}}
<h2>{{.Label}}</h2>
<p>Base {{.Measure}}: {{.Base}}.</p>
{{if .Chart}}<img src="{{.Chart}}" alt="Tornado chart of the effects on {{.Label}}">{{end}}
<table>
<thead><tr><th>rank</th><th>parameter</th><th>where</th><th>base</th><th>low</th><th>high</th><th>effect of low</th><th>effect of high</th><th>swing</th></tr></thead>
<tbody>
{{range .Rows}}<tr><td>{{.Rank}}</td><td><code>{{.Name}}</code></td><td>{{.Where}}</td><td>{{.Base}}</td><td>{{.Low}}</td><td>{{.High}}</td><td{{if .LowClear}} class="clear"{{end}}>{{.EffectLow}}</td><td{{if .HighClear}} class="clear"{{end}}>{{.EffectHigh}}</td><td>{{.Swing}}</td></tr>
{{end}}</tbody>
</table>
{{end}}
{{if .Skipped}}
<h2>Assumptions not varied</h2>
<table>
<thead><tr><th></th><th>assumption</th><th>where</th><th>why</th></tr></thead>
<tbody>
{{range .Skipped}}<tr><td></td><td><code>{{.Name}}</code></td><td>{{.Where}}</td><td style="text-align:left">{{.Reason}}</td></tr>
{{end}}</tbody>
</table>
{{end}}
</body>
</html>
`))

type htmlRow struct {
	Rank                                                int
	Name, Where, Base, Low, High, EffectLow, EffectHigh string
	Swing                                               string
	LowClear, HighClear                                 bool
}

type htmlKPI struct {
	Label, Measure, Base, Chart string
	Rows                        []htmlRow
}

// WriteHTML writes sensitivity.html, which shows each KPI's tornado chart
// from charts/ (those Tornado drew: charted lists their KPIs) above its
// full ranking.
func (r *Result) WriteHTML(w io.Writer, charted []string) error {
	s := r.Study
	data := struct {
		Scenario, Method string
		KPIs             []htmlKPI
		Skipped          []Skipped
	}{Scenario: s.Scenario, Method: r.method(), Skipped: s.Skipped}
	has := map[string]bool{}
	for _, k := range charted {
		has[k] = true
	}
	for _, key := range s.KPIs {
		dec := decimals(key)
		k := htmlKPI{Label: label(key), Measure: r.measureName(), Base: r.baseText(key)}
		if has[key] {
			k.Chart = "charts/tornado-" + key + ".svg"
		}
		for _, row := range r.Rows[key] {
			p := s.Params[row.Param]
			base, lo, hi := r.values(p)
			k.Rows = append(k.Rows, htmlRow{Rank: row.Rank, Name: p.Name, Where: p.Where, Base: base, Low: lo, High: hi,
				EffectLow: row.Low.text(dec), EffectHigh: row.High.text(dec), Swing: swingText(row.Swing, dec),
				LowClear: row.Low.Clear(), HighClear: row.High.Clear()})
		}
		data.KPIs = append(data.KPIs, k)
	}
	return page.Execute(w, data)
}
