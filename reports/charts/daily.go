package charts

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot/vg/draw"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/sim/kpi"
)

// IDDailyImpact is the chart of the outage's impact day by day.
const IDDailyImpact = "g-daily-impact"

// dailyImpactKPIs are the headline measures drawn day by day, in panel
// order: unanswered calls, waits, referrals lost or delayed, and GP
// contacts from 111 once the catalogue has them. unit is the y label;
// more and less word the direction in the text.
var dailyImpactKPIs = []struct {
	key, title, unit string
	decimals         int
}{
	{kpi.AbandonedPct, "Calls abandoned after 30 seconds", "percentage points", 1},
	{kpi.MeanAnswerS, "Mean time to answer", "seconds", 0},
	{kpi.ReferralsLost, "Referrals lost or not actioned", "referrals per day", 0},
	{kpi.ReferralDelayMeanMin, "Referral delay from 111's decision, mean", "minutes", 1},
	{kpi.GPContactsFrom111, "GP practice contacts from 111", "contacts per day", 0},
}

// dailyImpact draws each headline KPI's daily impact (with the outage
// minus without it, paired) with its 95% confidence band, in the headline
// area. A scenario without an outage has no such chart.
func (b *builder) dailyImpact() (*figure, error) {
	a := b.a
	if a.Outage == nil || len(a.Daily) == 0 {
		return nil, nil
	}
	area := reports.UK
	if len(a.Nations) == 2 {
		area = a.Nations[0]
	}
	dayIndex := map[string]int{}
	for i, d := range a.Days {
		dayIndex[d.String()] = i
	}
	type panelData struct {
		title, unit   string
		decimals      int
		mean, lo, hi  []float64
		peak          int
		peakLo, peakH float64
	}
	var panels []panelData
	for _, k := range dailyImpactKPIs {
		pd := panelData{title: k.title, unit: k.unit, decimals: k.decimals, peak: -1}
		pd.mean, pd.lo, pd.hi = nanSlice(len(a.Days)), nanSlice(len(a.Days)), nanSlice(len(a.Days))
		found := false
		for i := range a.Daily {
			d := &a.Daily[i]
			if d.Area != area || d.Key != k.key || d.Impact == nil {
				continue
			}
			j := dayIndex[d.Date.String()]
			pd.mean[j], pd.lo[j], pd.hi[j] = d.Impact.Mean, d.Impact.CI95[0], d.Impact.CI95[1]
			found = true
		}
		if !found {
			continue // the catalogue lacks the KPI, or it never applies here
		}
		for j, m := range pd.mean {
			if valid(m) && (pd.peak < 0 || m > pd.mean[pd.peak]) {
				pd.peak = j
			}
		}
		panels = append(panels, pd)
	}
	if len(panels) == 0 {
		return nil, nil
	}
	where := nationName(area)
	f := &figure{title: "The outage's impact day by day, " + where}
	sec := section{rows: len(panels), cols: 1, height: stackHeight(len(panels), 150)}
	var alt strings.Builder
	fmt.Fprintf(&alt, "Daily impact of the outage in %s (with the outage minus without it), with 95%% confidence bands. ", where)
	var peaks []string
	for i, pd := range panels {
		p := b.timePanel(pd.title, pd.unit, fullPanelWidth, i < len(panels)-1)
		b.shadeOutage(p, false)
		lo, hi := 0.0, 0.0
		for j := range pd.mean {
			if valid(pd.lo[j]) && valid(pd.hi[j]) {
				lo, hi = math.Min(lo, pd.lo[j]), math.Max(hi, pd.hi[j])
			}
		}
		pad := 0.08 * (hi - lo)
		setY(p, lo-pad*boolF(lo < 0), hi+pad)
		p.Add(&line{xs: []float64{b.xMin, b.xMax}, ys: []float64{0, 0}, style: draw.LineStyle{Color: black, Width: 0.8}})
		p.Add(&band{xs: b.dayMid, lo: pd.lo, hi: pd.hi, fill: withAlpha(outageColour, bandAlpha), halfWidth: 0.3 * 86400})
		p.Add(&line{xs: b.dayMid, ys: pd.mean, style: outageLine(lineWidth)})
		sec.panels = append(sec.panels, p)
		if pd.peak >= 0 {
			s := fmt.Sprintf("%s: largest on %s, %s %s (95%% CI %s to %s)", strings.ToLower(pd.title[:1])+pd.title[1:],
				dayText(a.Days[pd.peak]), signed(pd.mean[pd.peak], pd.decimals), pd.unit,
				formatSigned(pd.lo[pd.peak], pd.decimals), formatSigned(pd.hi[pd.peak], pd.decimals))
			peaks = append(peaks, s)
		}
	}
	alt.WriteString(capitalise(strings.Join(peaks, "; ")) + ". " + b.windowText())
	f.sections = []section{sec}
	f.legend = append([]legendItem{{"impact (with minus without the outage), 95% confidence band",
		bandLineThumb(withAlpha(outageColour, bandAlpha), outageLine(lineWidth))}}, b.outageLegend(false)...)
	f.caption = fmt.Sprintf("The outage's impact on each local day in %s: the mean paired difference between the "+
		"runs with and without the outage, with its 95%% confidence interval as a band (%s). Above zero is more "+
		"abandoned calls, longer waits, more referrals lost and longer referral delays. %s.",
		where, b.replicationsText(), capitalise(strings.Join(peaks, "; ")))
	f.alt = alt.String()
	return f, nil
}

func nanSlice(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = math.NaN()
	}
	return xs
}

func boolF(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// signed formats x with a sign: "+12.5", "−3".
func signed(x float64, decimals int) string {
	if x > 0 && formatNumber(x, decimals) != formatNumber(0, decimals) {
		return "+" + formatNumber(x, decimals)
	}
	return formatSigned(x, decimals)
}

// formatSigned formats x with a typographic minus when negative.
func formatSigned(x float64, decimals int) string {
	s := formatNumber(math.Abs(x), decimals)
	if x < 0 && s != formatNumber(0, decimals) {
		return "\u2212" + s
	}
	return s
}

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
