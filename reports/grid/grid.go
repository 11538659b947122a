package grid

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/stats"
)

// Run is one column of a comparison or one point of a sweep.
type Run struct {
	// Label names the run: a scenario name, or the swept values.
	Label string
	// Values are the swept parameters' values at this point (sweeps only).
	Values []string
	Agg    *reports.Aggregate
}

// Needs are the parts of an aggregate (reports.Parts) a Table reads of
// its runs: none, as it shows KPIs over the whole run.
const Needs reports.Parts = 0

// Table is several runs' KPIs for one nation.
type Table struct {
	Title  string
	Nation string
	KPIs   []string
	// Params names the swept parameters (empty for a comparison).
	Params []string
	Runs   []Run
}

// Cell is a KPI of one run: its summary, and for runs after the first of
// a comparison the paired difference from the first.
type Cell struct {
	Summary *stats.Summary
	Delta   *stats.Summary
}

// Cell returns the KPI of run i. Deltas are only for comparisons (no
// Params), where the runs share seeds and so random numbers.
func (t *Table) Cell(i int, kpi string) (Cell, error) {
	k := t.Runs[i].Agg.KPI(t.Nation, kpi)
	if k == nil {
		return Cell{}, nil
	}
	c := Cell{Summary: &k.Outage}
	if i > 0 && len(t.Params) == 0 {
		base := t.Runs[0].Agg.KPI(t.Nation, kpi)
		if base != nil && len(base.Values) == len(k.Values) {
			d, err := stats.Paired(k.Values, base.Values)
			if err != nil {
				return Cell{}, fmt.Errorf("%s %s: %w", t.Runs[i].Label, kpi, err)
			}
			c.Delta = &d
		}
	}
	return c, nil
}

func num(x float64) string {
	switch a := math.Abs(x); {
	case a >= 1000:
		return fmt.Sprintf("%.0f", x)
	case a >= 100:
		return fmt.Sprintf("%.1f", x)
	default:
		return fmt.Sprintf("%.2f", x)
	}
}

func (c Cell) text() string {
	if c.Summary == nil {
		return "n/a"
	}
	s := fmt.Sprintf("%s (%s–%s)", num(c.Summary.Mean), num(c.Summary.CI95[0]), num(c.Summary.CI95[1]))
	if c.Delta != nil {
		sign := ""
		if c.Delta.Mean > 0 {
			sign = "+"
		}
		s += fmt.Sprintf(" Δ %s%s (%s–%s)", sign, num(c.Delta.Mean), num(c.Delta.CI95[0]), num(c.Delta.CI95[1]))
	}
	return s
}

// WriteText renders the table for a terminal: one row per KPI and one
// column per run for a comparison; one row per point for a sweep.
func (t *Table) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s (%s; mean and 95%% CI", t.Title, t.Nation)
	if len(t.Params) == 0 && len(t.Runs) > 1 {
		fmt.Fprintf(tw, "; Δ is the paired difference from %s", t.Runs[0].Label)
	}
	fmt.Fprint(tw, ")\n\n")
	if len(t.Params) == 0 {
		fmt.Fprint(tw, "KPI")
		for _, r := range t.Runs {
			fmt.Fprintf(tw, "\t%s", r.Label)
		}
		fmt.Fprintln(tw)
		for _, k := range t.KPIs {
			fmt.Fprint(tw, k)
			for i := range t.Runs {
				c, err := t.Cell(i, k)
				if err != nil {
					return err
				}
				fmt.Fprintf(tw, "\t%s", c.text())
			}
			fmt.Fprintln(tw)
		}
		return tw.Flush()
	}
	fmt.Fprint(tw, strings.Join(t.Params, "\t"))
	for _, k := range t.KPIs {
		fmt.Fprintf(tw, "\t%s", k)
	}
	fmt.Fprintln(tw)
	for i, r := range t.Runs {
		fmt.Fprint(tw, strings.Join(r.Values, "\t"))
		for _, k := range t.KPIs {
			c, _ := t.Cell(i, k)
			fmt.Fprintf(tw, "\t%s", c.text())
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// WriteMarkdown renders the same table as Markdown.
func (t *Table) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", t.Title)
	fmt.Fprintf(&b, "Nation: %s. Each cell is the mean over replications with its 95%% confidence interval.", t.Nation)
	if len(t.Params) == 0 && len(t.Runs) > 1 {
		fmt.Fprintf(&b, " Δ is the paired difference from %s on common random numbers (same seed and replications).", t.Runs[0].Label)
	}
	b.WriteString("\n\n")
	if len(t.Params) == 0 {
		b.WriteString("| KPI |")
		for _, r := range t.Runs {
			fmt.Fprintf(&b, " %s |", r.Label)
		}
		b.WriteString("\n|---|" + strings.Repeat("---|", len(t.Runs)) + "\n")
		for _, k := range t.KPIs {
			fmt.Fprintf(&b, "| %s |", k)
			for i := range t.Runs {
				c, err := t.Cell(i, k)
				if err != nil {
					return err
				}
				fmt.Fprintf(&b, " %s |", c.text())
			}
			b.WriteString("\n")
		}
	} else {
		fmt.Fprintf(&b, "| %s |", strings.Join(t.Params, " | "))
		for _, k := range t.KPIs {
			fmt.Fprintf(&b, " %s |", k)
		}
		b.WriteString("\n|" + strings.Repeat("---|", len(t.Params)+len(t.KPIs)) + "\n")
		for i, r := range t.Runs {
			fmt.Fprintf(&b, "| %s |", strings.Join(r.Values, " | "))
			for _, k := range t.KPIs {
				c, _ := t.Cell(i, k)
				fmt.Fprintf(&b, " %s |", c.text())
			}
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteCSV writes one row per run and KPI: label, the swept values, kpi,
// mean, ci_lo, ci_hi, and for comparisons delta, delta_lo, delta_hi.
func (t *Table) WriteCSV(w io.Writer) error {
	var b strings.Builder
	b.WriteString("run")
	for _, p := range t.Params {
		b.WriteString("," + csvQuote(p))
	}
	b.WriteString(",nation,kpi,mean,ci_lo,ci_hi,delta,delta_lo,delta_hi\n")
	f := func(x float64) string { return fmt.Sprintf("%.6g", x) }
	for i, r := range t.Runs {
		for _, k := range t.KPIs {
			c, err := t.Cell(i, k)
			if err != nil {
				return err
			}
			if c.Summary == nil {
				continue
			}
			b.WriteString(csvQuote(r.Label))
			for _, v := range r.Values {
				b.WriteString("," + csvQuote(v))
			}
			fmt.Fprintf(&b, ",%s,%s,%s,%s,%s", t.Nation, k, f(c.Summary.Mean), f(c.Summary.CI95[0]), f(c.Summary.CI95[1]))
			if c.Delta != nil {
				fmt.Fprintf(&b, ",%s,%s,%s\n", f(c.Delta.Mean), f(c.Delta.CI95[0]), f(c.Delta.CI95[1]))
			} else {
				b.WriteString(",,,\n")
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func csvQuote(s string) string {
	if strings.ContainsAny(s, ",\"\n") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

type jsonCell struct {
	Mean  float64    `json:"mean"`
	CI95  [2]float64 `json:"ci95"`
	Delta *struct {
		Mean float64    `json:"mean"`
		CI95 [2]float64 `json:"ci95"`
	} `json:"delta,omitempty"`
}

type jsonRun struct {
	Label  string              `json:"label"`
	Values []string            `json:"values,omitempty"`
	Seed   uint64              `json:"seed"`
	Reps   int                 `json:"replications"`
	KPIs   map[string]jsonCell `json:"kpis"`
}

// WriteJSON writes the table as JSON (schema_version 1).
func (t *Table) WriteJSON(w io.Writer) error {
	out := struct {
		SchemaVersion int       `json:"schema_version"`
		Title         string    `json:"title"`
		Nation        string    `json:"nation"`
		Params        []string  `json:"params,omitempty"`
		Runs          []jsonRun `json:"runs"`
	}{SchemaVersion: 1, Title: t.Title, Nation: t.Nation, Params: t.Params}
	for i, r := range t.Runs {
		jr := jsonRun{Label: r.Label, Values: r.Values, Seed: r.Agg.Seed, Reps: r.Agg.Replications, KPIs: map[string]jsonCell{}}
		for _, k := range t.KPIs {
			c, err := t.Cell(i, k)
			if err != nil {
				return err
			}
			if c.Summary == nil {
				continue
			}
			jc := jsonCell{Mean: c.Summary.Mean, CI95: c.Summary.CI95}
			if c.Delta != nil {
				jc.Delta = &struct {
					Mean float64    `json:"mean"`
					CI95 [2]float64 `json:"ci95"`
				}{c.Delta.Mean, c.Delta.CI95}
			}
			jr.KPIs[k] = jc
		}
		out.Runs = append(out.Runs, jr)
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}
