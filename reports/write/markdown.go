package write

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/charts"
)

// Markdown writes report.md: the findings, tables, timeline, assumptions,
// method and reproducibility block of report.html as GitHub-flavoured
// Markdown, for CI logs and pull requests. Charts appear as images of their
// PNG files (charts/<ID>.png).
func Markdown(w io.Writer, a *reports.Aggregate, cs []charts.Chart, meta Meta) error {
	if err := validate(a, cs, meta, reports.AllParts); err != nil {
		return err
	}
	v, err := newView(a, cs, meta)
	if err != nil {
		return err
	}
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }

	p("# %s\n\n", mdText(v.Title))
	if v.Description != "" {
		p("%s\n\n", mdText(v.Description))
	}
	p("Simulated period: %s\n\n", v.Period)

	p("## Findings\n\n%s\n\n", v.Summary.Intro)
	for _, w := range v.Summary.Warnings {
		p("> **Warning:** %s\n\n", w)
	}
	for i, f := range v.Summary.Findings {
		p("%d. %s\n", i+1, f)
	}
	if len(v.Summary.Findings) > 0 {
		p("\n")
	}

	if len(v.Charts) > 0 {
		p("## Charts\n\n")
		for _, c := range v.Charts {
			p("### %s\n\n![%s](%s)\n\n", mdText(c.Title), mdText(c.Alt), c.PNG)
			if c.Caption != "" {
				p("%s\n\n", mdText(c.Caption))
			}
		}
	}

	p("## %s\n\n", v.Scope)
	for _, sec := range v.Impact {
		p("### %s\n\n%s\n\n", sec.Heading, sec.Note)
		for _, t := range sec.Tables {
			p("#### %s\n\n", t.Nation)
			mdTable(b, t.Columns, cellText(t.Rows))
		}
	}

	p("## Timeline and assumptions\n\n### Timeline\n\n")
	switch {
	case len(v.Timeline) == 0:
		p("The scenario has no outage and lists no events.\n\n")
	default:
		if v.TimelineDerived {
			p("Derived from the scenario's outage settings; times are UK local time.\n\n")
		} else {
			p("Times are UK local time.\n\n")
		}
		var rows [][]string
		for _, e := range v.Timeline {
			rows = append(rows, []string{e.When, mdText(e.What)})
		}
		mdTable(b, []string{"When", "What"}, rows)
	}
	p("### Assumptions and sources\n\n")
	if len(v.Assumptions) == 0 {
		p("The scenario lists no assumptions.\n\n")
	} else {
		var rows [][]string
		for _, as := range v.Assumptions {
			rows = append(rows, []string{mdText(as.Name), mdText(as.Value), mdText(as.Source)})
		}
		mdTable(b, []string{"Assumption", "Value", "Source"}, rows)
	}

	p("## Method, limitations and sources\n\n")
	for _, m := range v.Method {
		p("%s\n\n", m)
	}
	p("### Key limitations\n\n")
	for _, l := range v.Limitations {
		p("- %s\n", l)
	}
	p("\n### Reproducibility\n\n")
	for _, kv := range v.Repro {
		value := mdText(kv.Value)
		if kv.Key == "Command" || kv.Key == "Scenario hash (SHA-256)" {
			value = mdCode(kv.Value)
		}
		p("- **%s:** %s\n", kv.Key, value)
	}
	p("\nThe same tool version, scenario, seed and number of replications give identical results.\n")
	stressMarkdown(b, v.Stress)
	return b.Flush()
}

// stressMarkdown writes the STRESS-DES section: each checklist item in
// bold, its answer, then its list.
func stressMarkdown(w io.Writer, groups []stressGroup) {
	fmt.Fprintf(w, "\n## STRESS-DES: reporting checklist\n\n")
	fmt.Fprintf(w, "The answers to the STRESS-DES checklist for discrete-event simulation studies (Monks et al. 2019, "+
		"*Journal of Simulation* 13(1):55–67), generated from this scenario and run, to write the study up from.\n")
	for _, g := range groups {
		fmt.Fprintf(w, "\n### %s. %s\n", g.Num, g.Title)
		for _, it := range g.Items {
			var text []string
			for _, t := range it.Text {
				text = append(text, mdText(t))
			}
			fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(fmt.Sprintf("**%s %s.** %s", it.Num, it.Topic, strings.Join(text, " "))))
			if len(it.List) > 0 {
				fmt.Fprintln(w)
			}
			for _, l := range it.List {
				fmt.Fprintf(w, "- %s\n", mdText(l))
			}
		}
	}
}

func cellText(rows [][]tableCell) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		for _, c := range r {
			out[i] = append(out[i], c.String())
		}
	}
	return out
}

// mdTable writes a table whose columns from the third on are numbers,
// aligned right. Cells are written as given, apart from pipes and line
// breaks: callers escape text from outside with mdText.
func mdTable(w io.Writer, columns []string, rows [][]string) {
	line := func(cells []string) {
		esc := make([]string, len(cells))
		for i, c := range cells {
			esc[i] = mdCell.Replace(c)
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(esc, " | "))
	}
	line(columns)
	align := make([]string, len(columns))
	for i := range align {
		align[i] = "---"
		if i >= 2 && len(columns) > 3 {
			align[i] = "--:"
		}
	}
	fmt.Fprintf(w, "|%s|\n", strings.Join(align, "|"))
	for _, r := range rows {
		line(r)
	}
	fmt.Fprintln(w)
}

var mdCell = strings.NewReplacer(`|`, `\|`, "\n", " ", "\r", " ")

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `&lt;`, `>`, `&gt;`,
	"\n", " ", "\r", " ",
)

// mdText escapes text that comes from outside (scenario names,
// descriptions, assumptions) so that it reads as written.
func mdText(s string) string { return mdEscaper.Replace(s) }

// mdCode is s as an inline code span, with a fence longer than any run of
// backticks in it.
func mdCode(s string) string {
	if s == "" || s == "not recorded" {
		return s
	}
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	pad := ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		pad = " "
	}
	return fence + pad + strings.ReplaceAll(s, "\n", " ") + pad + fence
}
