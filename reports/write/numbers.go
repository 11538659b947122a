package write

import (
	"math"
	"strconv"
	"strings"

	"github.com/outagesim/outagesim/reports/stats"
)

// dataDecimals is the fixed precision of numbers in summary.json and the
// CSV files.
const dataDecimals = 4

// minus is the typographic minus sign used in prose and tables.
const minus = "\u2212"

// dataNum formats a finite number for summary.json and the CSV files:
// fixed decimals, no exponent, no negative zero.
func dataNum(x float64) string {
	s := strconv.FormatFloat(x, 'f', dataDecimals, 64)
	if strings.HasPrefix(s, "-") && strings.Trim(s[1:], "0.") == "" {
		s = s[1:]
	}
	return s
}

// num formats x for a reader with dec decimals, thousands separators and a
// typographic minus; signed adds "+" to positive values.
func num(x float64, dec int, signed bool) string {
	s := strconv.FormatFloat(math.Abs(x), 'f', dec, 64)
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	s = b.String()
	zero := strings.Trim(s, "0.,") == ""
	switch {
	case x < 0 && !zero:
		return minus + s
	case signed && x > 0 && !zero:
		return "+" + s
	}
	return s
}

// kpiNum formats a KPI value in its own precision, with "%" for
// percentages.
func kpiNum(key string, x float64) string {
	k := info(key)
	s := num(x, k.Decimals, false)
	if k.Percent {
		s += "%"
	}
	return s
}

// tableCell is one cell of a KPI table: the value and, for a summary of
// several replications, its 95% interval "[lo, hi]". Markdown shows them
// on one line; HTML puts the interval under the value.
type tableCell struct {
	Value, CI string
}

func (c tableCell) String() string {
	if c.CI == "" {
		return c.Value
	}
	return c.Value + " " + c.CI
}

func textCell(s string) tableCell { return tableCell{Value: s} }

// cell formats a summary for a table; suffix follows the mean.
func cell(s *stats.Summary, dec int, signed bool, suffix string) tableCell {
	if s == nil {
		return textCell("–")
	}
	c := tableCell{Value: num(s.Mean, dec, signed) + suffix}
	if s.N >= 2 {
		c.CI = "[" + num(s.CI95[0], dec, signed) + ", " + num(s.CI95[1], dec, signed) + "]"
	}
	return c
}

// interval formats a 95% interval for prose: "6.1–8.3" when both ends
// are non-negative, "−1.2 to 3.4" otherwise; suffix follows each end.
func interval(lo, hi float64, dec int, suffix string) string {
	if lo >= 0 && hi >= 0 {
		return num(lo, dec, false) + suffix + "–" + num(hi, dec, false) + suffix
	}
	return num(lo, dec, false) + suffix + " to " + num(hi, dec, false) + suffix
}

// plural returns word for one and word+"s" otherwise.
func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
