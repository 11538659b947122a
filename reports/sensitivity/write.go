package sensitivity

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/outagesim/outagesim/sim/kpi"
)

// dataNum formats a number for the CSV: fixed four decimals, no exponent,
// no negative zero; empty for NaN.
func dataNum(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	return noNegZero(strconv.FormatFloat(x, 'f', 4, 64))
}

// noNegZero drops the sign of a formatted number that rounded to zero, so
// a tiny negative effect does not print as "-0.00".
func noNegZero(s string) string {
	if strings.HasPrefix(s, "-") && strings.Trim(s[1:], "0.") == "" {
		return s[1:]
	}
	return s
}

// decimals is a KPI's precision for effects: one more than its level's,
// since effects are often a fraction of the level's last digit.
func decimals(key string) int {
	if d, ok := kpi.Lookup(key); ok {
		return d.Decimals + 1
	}
	return 2
}

// signed formats x with dec decimals and a sign, no negative zero.
func signed(x float64, dec int) string {
	s := noNegZero(strconv.FormatFloat(x, 'f', dec, 64))
	if !strings.HasPrefix(s, "-") {
		s = "+" + s
	}
	return s
}

// text writes an effect with its interval: "+1.23 (+0.80 to +1.66)".
func (e Effect) text(dec int) string {
	switch {
	case !e.Defined:
		return "n/a"
	case !e.Ran:
		return "0 (at the base)"
	}
	s := e.Summary
	return fmt.Sprintf("%s (%s to %s)", signed(s.Mean, dec), signed(s.CI95[0], dec), signed(s.CI95[1], dec))
}

// label is a KPI's short label, or its key.
func label(key string) string {
	if d, ok := kpi.Lookup(key); ok {
		return d.Short
	}
	return key
}

// what says what the effects are differences of.
func (r *Result) what() string {
	if r.Impact {
		return "the outage's impact (outage − counterfactual)"
	}
	return "the KPI"
}

func (r *Result) baseText(key string) string {
	b := r.Base[key]
	if b == nil {
		return "n/a"
	}
	dec := decimals(key)
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', dec, 64) }
	if r.Impact {
		f = func(x float64) string { return signed(x, dec) }
	}
	return fmt.Sprintf("%s (%s to %s)", f(b.Mean), f(b.CI95[0]), f(b.CI95[1]))
}

func (r *Result) values(p Param) (base, low, high string) {
	return p.Format(p.Base), p.Format(p.Low), p.Format(p.High)
}

// WriteText prints, per KPI, the top parameters by swing (all of them
// when top ≤ 0), for a terminal.
func (r *Result) WriteText(w io.Writer, top int) error {
	s := r.Study
	fmt.Fprintf(w, "Sensitivity of %s: %d parameters one at a time, %d replications each on common random numbers (seed %d)\n",
		s.Scenario, len(s.Params), s.Options.Replications, s.Options.Seed)
	fmt.Fprintf(w, "Effects on %s over the %s in %s, with 95%% CIs; ranked by swing |high − low|.\n",
		r.what(), periodText(r.Period), r.Area)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, key := range s.KPIs {
		dec := decimals(key)
		fmt.Fprintf(tw, "\n%s — base %s %s\n", label(key), r.measureName(), r.baseText(key))
		fmt.Fprint(tw, "rank\tparameter\tbase\tlow → high\teffect of low\teffect of high\tswing\n")
		for i, row := range r.Rows[key] {
			if top > 0 && i >= top {
				break
			}
			p := s.Params[row.Param]
			b, lo, hi := r.values(p)
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s → %s\t%s\t%s\t%s\n", row.Rank, p.Name, b, lo, hi,
				row.Low.text(dec), row.High.text(dec), swingText(row.Swing, dec))
		}
	}
	return tw.Flush()
}

func swingText(x float64, dec int) string {
	if math.IsNaN(x) {
		return "n/a"
	}
	return strconv.FormatFloat(x, 'f', dec, 64)
}

func periodText(p string) string {
	return strings.ReplaceAll(p, "_", " ")
}

// method says how the effects were found, for the Markdown and HTML.
func (r *Result) method() string {
	s := r.Study
	return fmt.Sprintf("Each of the %d parameters marked as an assumption was moved on its own to a low and a high value, "+
		"every other parameter at its base. Every run used the base's seed (%d) and %d replications, so runs share their random numbers "+
		"and each effect is a paired difference from the base, replication by replication, with its 95%% confidence interval. "+
		"Effects are on %s over the %s in %s. Parameters are ranked by their swing, |effect of high − effect of low|: "+
		"the length of their bar in the tornado chart. One-at-a-time moves screen for the assumptions that matter; they say nothing of interactions.",
		len(s.Params), s.Options.Seed, s.Options.Replications, r.what(), periodText(r.Period), r.Area)
}

// WriteMarkdown writes the full ranking of every KPI, then the
// assumptions left out and why.
func (r *Result) WriteMarkdown(w io.Writer) error {
	s := r.Study
	var b strings.Builder
	fmt.Fprintf(&b, "# Sensitivity of %s to its assumptions\n\n", s.Scenario)
	b.WriteString(r.method() + "\n")
	for _, key := range s.KPIs {
		dec := decimals(key)
		fmt.Fprintf(&b, "\n## %s\n\nBase %s: %s. Chart: charts/tornado-%s.svg\n\n", label(key), r.measureName(), r.baseText(key), key)
		b.WriteString("| rank | parameter | where | base | low | high | effect of low | effect of high | swing |\n")
		b.WriteString("|---:|---|---|---:|---:|---:|---:|---:|---:|\n")
		for _, row := range r.Rows[key] {
			p := s.Params[row.Param]
			base, lo, hi := r.values(p)
			fmt.Fprintf(&b, "| %d | `%s` | %s | %s | %s | %s | %s | %s | %s |\n", row.Rank, p.Name, p.Where, base, lo, hi,
				row.Low.text(dec), row.High.text(dec), swingText(row.Swing, dec))
		}
	}
	if len(s.Skipped) > 0 {
		b.WriteString("\n## Assumptions not varied\n\n| assumption | where | why |\n|---|---|---|\n")
		for _, k := range s.Skipped {
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", k.Name, k.Where, k.Reason)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteCSV writes one row per KPI and parameter in rank order: the
// parameter, where it is written, its values, the KPI, the base impact,
// each side's effect with its 95% interval, the swing and the rank. A
// side at the base has effect 0 and an empty interval.
func (r *Result) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"parameter", "where", "kind", "base", "low", "high", "kpi", "area", "period", "measure",
		"base_mean", "base_lo", "base_hi", "effect_low", "effect_low_lo", "effect_low_hi",
		"effect_high", "effect_high_lo", "effect_high_hi", "swing", "rank"})
	measure := "level"
	if r.Impact {
		measure = "impact"
	}
	eff := func(e Effect) []string {
		switch {
		case !e.Defined:
			return []string{"", "", ""}
		case !e.Ran:
			return []string{"0", "", ""}
		}
		return []string{dataNum(e.Summary.Mean), dataNum(e.Summary.CI95[0]), dataNum(e.Summary.CI95[1])}
	}
	for _, key := range r.Study.KPIs {
		base := []string{"", "", ""}
		if bs := r.Base[key]; bs != nil {
			base = []string{dataNum(bs.Mean), dataNum(bs.CI95[0]), dataNum(bs.CI95[1])}
		}
		for _, row := range r.Rows[key] {
			p := r.Study.Params[row.Param]
			rec := []string{p.Name, p.Where, p.Kind, dataNum(p.Base), dataNum(p.Low), dataNum(p.High),
				key, r.Area, r.Period, measure}
			rec = append(rec, base...)
			rec = append(rec, eff(row.Low)...)
			rec = append(rec, eff(row.High)...)
			cw.Write(append(rec, dataNum(row.Swing), strconv.Itoa(row.Rank)))
		}
	}
	cw.Flush()
	return cw.Error()
}
