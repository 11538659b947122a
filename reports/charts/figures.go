package charts

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/sim/kpi"
)

// Approximate panel widths, for choosing date labels.
const (
	fullPanelWidth vg.Length = 640
	halfPanelWidth vg.Length = 300
)

// stackHeight is the height of a section of n stacked panels.
func stackHeight(n int, each vg.Length) vg.Length {
	return max(vg.Length(n)*each, 260)
}

// a: calls offered, answered and abandoned per hour, one panel per nation.
func (b *builder) callsPerHour() (*figure, error) {
	nations := b.nations()
	kinds := []struct {
		name, label string
		style       draw.LineStyle
	}{
		{kpi.CallsOffered, "calls offered", draw.LineStyle{Color: black, Width: hourlyWidth}},
		{kpi.CallsAnswered, "answered", draw.LineStyle{Color: green, Width: hourlyWidth}},
		{kpi.CallsAbandoned, "abandoned", draw.LineStyle{Color: orange, Width: hourlyWidth}},
	}
	sec := section{rows: len(nations), cols: 1, height: stackHeight(len(nations), 135)}
	var alt strings.Builder
	alt.WriteString("Peak calls offered in an hour: ")
	for i, n := range nations {
		p := b.timePanel(nationName(n), "calls per hour", fullPanelWidth, i < len(nations)-1)
		b.shadeOutage(p, true)
		top := math.Inf(-1)
		var offered []float64
		for _, k := range kinds {
			r, err := b.series(n, k.name, false, false)
			if err != nil {
				return nil, err
			}
			if k.name == kpi.CallsOffered {
				offered = r.out.Mean
			}
			top = max(top, maxValid(r.out.Mean))
			p.Add(&line{xs: b.hourMid, ys: r.out.Mean, style: k.style})
		}
		setY(p, 0, headroom(top))
		sec.panels = append(sec.panels, p)
		if i > 0 {
			alt.WriteString("; ")
		}
		h := argmaxValid(offered)
		fmt.Fprintf(&alt, "%s %s (hour from %s)", nationName(n), count(offered[h]), b.hourText(h))
	}
	alt.WriteString(". ")
	if s := b.abandonedShare(); s != "" {
		alt.WriteString(s)
	}
	alt.WriteString(b.windowText())

	f := &figure{title: "NHS 111 calls per hour, by nation"}
	for _, k := range kinds {
		f.legend = append(f.legend, legendItem{k.label, lineThumb(draw.LineStyle{Color: k.style.Color, Width: 2})})
	}
	f.legend = append(f.legend, b.outageLegend(true)...)
	f.sections = []section{sec}
	if b.hasCF {
		f.caption = fmt.Sprintf("Calls per hour with the outage (%s). Look at the gap between calls offered (black) and answered (green) while systems were down (dark shading): those callers hung up (orange) or rang again. Dashed lines mark reconnection waves.", b.replicationsText())
	} else {
		f.caption = fmt.Sprintf("Calls per hour (%s). The gap between calls offered (black) and answered (green) is callers who hung up (orange) or rang again.", b.replicationsText())
	}
	f.alt = alt.String()
	return f, nil
}

// abandonedShare states the UK's share of calls abandoned, from the KPIs.
func (b *builder) abandonedShare() string {
	k := b.a.KPI(reports.UK, kpi.AbandonedPct)
	if k == nil {
		return ""
	}
	if k.Counterfactual != nil {
		return fmt.Sprintf("UK calls abandoned: %s of calls offered with the outage, %s without. ", pct(k.Outage.Mean), pct(k.Counterfactual.Mean))
	}
	return fmt.Sprintf("UK calls abandoned: %s of calls offered. ", pct(k.Outage.Mean))
}

// b: % of answered calls answered within 60 s per day, the UK above the
// nations.
func (b *builder) answeredWithin60s() (*figure, error) {
	const name, yLabel = kpi.AnsweredWithin60sPct, "% within 60 s"
	nations := b.nations()
	if len(nations) == 1 {
		nations = nil // the UK panel already shows it
	}
	panel := func(n string, width vg.Length, blank bool) (*plot.Plot, runs, error) {
		r, err := b.series(n, name, true, true)
		if err != nil {
			return nil, r, err
		}
		p := b.timePanel(nationName(n), yLabel, width, blank)
		b.shadeOutage(p, false)
		b.addRuns(p, b.dayMid, r, lineWidth, 0.3*86400)
		setY(p, 0, 100)
		return p, r, nil
	}
	uk, ukRuns, err := panel(reports.UK, fullPanelWidth, false)
	if err != nil {
		return nil, err
	}
	f := &figure{title: "NHS 111 calls answered within 60 seconds"}
	f.sections = []section{{rows: 1, cols: 1, panels: []*plot.Plot{uk}, height: 240}}
	withBands := b.hasBands(ukRuns)
	if len(nations) > 0 {
		cols := 2
		rows := (len(nations) + cols - 1) / cols
		sec := section{rows: rows, cols: cols, height: vg.Length(rows) * 150}
		for i, n := range nations {
			p, r, err := panel(n, halfPanelWidth, i/cols < rows-1 && i+cols < len(nations))
			if err != nil {
				return nil, err
			}
			withBands = withBands || b.hasBands(r)
			sec.panels = append(sec.panels, p)
		}
		for len(sec.panels) < rows*cols {
			sec.panels = append(sec.panels, nil)
		}
		f.sections = append(f.sections, sec)
	}
	f.legend = append(b.runLegend(withBands), b.outageLegend(false)...)

	what := "Each day's share of answered calls that were answered within 60 seconds"
	bandText := ""
	if withBands {
		bandText = "; shaded bands hold the middle 90% of replications"
	}
	if b.hasCF {
		f.caption = fmt.Sprintf("%s, with and without the outage (lines are %s%s). Look at how far the solid line (with the outage) falls below the dashed one (without) while systems were down.", what, b.replicationsText(), bandText)
	} else {
		f.caption = fmt.Sprintf("%s (lines are %s%s).", what, b.replicationsText(), bandText)
	}
	var alt strings.Builder
	if k := b.a.KPI(reports.UK, name); k != nil {
		if k.Counterfactual != nil {
			fmt.Fprintf(&alt, "Across the run, %s of UK calls answered were answered within 60 seconds with the outage, against %s without it. ", pct(k.Outage.Mean), pct(k.Counterfactual.Mean))
		} else {
			fmt.Fprintf(&alt, "Across the run, %s of UK calls answered were answered within 60 seconds. ", pct(k.Outage.Mean))
		}
	}
	lo := argminValid(ukRuns.out.Mean)
	fmt.Fprintf(&alt, "The worst UK day%s was %s at %s", b.withOutage(), dayText(b.a.Days[lo]), pct(ukRuns.out.Mean[lo]))
	if b.hasCF && valid(ukRuns.cf.Mean[lo]) {
		fmt.Fprintf(&alt, " (%s without the outage)", pct(ukRuns.cf.Mean[lo]))
	}
	alt.WriteString(". ")
	alt.WriteString(b.windowText())
	f.alt = alt.String()
	return f, nil
}

// c: GP practice same-day demand against capacity per working day, one
// panel per nation: the surge chart.
func (b *builder) gpSurge() (*figure, error) {
	// Only nations whose GP practices the scenario models (some capacity);
	// a scenario without any (a textbook queue) has no surge chart.
	var nations []string
	for _, n := range b.nations() {
		if s := b.a.Find(n, kpi.GPCapacity, true); s != nil && maxValid(s.Outage.Mean) > 0 {
			nations = append(nations, n)
		}
	}
	if len(nations) == 0 {
		return nil, nil
	}
	sec := section{rows: len(nations), cols: 1, height: stackHeight(len(nations), 165)}
	var peaks, overs []string
	for i, n := range nations {
		capR, err := b.series(n, kpi.GPCapacity, true, false)
		if err != nil {
			return nil, err
		}
		dem, err := b.series(n, kpi.GPDemand, true, true)
		if err != nil {
			return nil, err
		}
		// Working days are those with capacity; demand on other days waits
		// for the next one, so it is not drawn.
		capacity := capR.out.Mean
		masked := func(xs []float64) []float64 {
			out := make([]float64, len(xs))
			for d := range xs {
				out[d] = math.NaN()
				if valid(capacity[d]) && capacity[d] > 0 {
					out[d] = xs[d]
				}
			}
			return out
		}
		capW, outW := masked(capacity), masked(dem.out.Mean)
		var cfW []float64
		if b.hasCF {
			cfW = masked(dem.cf.Mean)
		}
		if !containsValid(capW) || !containsValid(outW) {
			return nil, &SeriesError{Chart: b.chart, Nation: n, Series: kpi.GPCapacity, Daily: true, Run: b.runName(),
				Problem: "no working day with both capacity and demand"}
		}

		// Capacity as a step: flat across each working day.
		var stepX, stepY []float64
		for d := range capW {
			if !valid(capW[d]) {
				stepX, stepY = append(stepX, math.NaN()), append(stepY, math.NaN())
				continue
			}
			stepX = append(stepX, b.dayStart[d], b.dayStart[d+1])
			stepY = append(stepY, capW[d], capW[d])
		}
		// The excess over capacity, as bars from the capacity up to the
		// demand, centred on the day: the outage run's wide, the
		// counterfactual's narrow and on top, so both show where both
		// exceed it.
		var excess rects
		over := func(dem []float64, halfWidth float64, fill color.Color) int {
			days := 0
			for d := range dem {
				if !valid(dem[d]) || !valid(capW[d]) || dem[d] <= capW[d] {
					continue
				}
				days++
				excess = append(excess, rect{b.dayMid[d] - halfWidth, b.dayMid[d] + halfWidth, capW[d], dem[d], fill})
			}
			return days
		}
		outOver := over(outW, 0.36*86400, overColour)
		cfOver := 0
		if b.hasCF {
			cfOver = over(cfW, 0.14*86400, overCFColour)
		}

		peak := argmaxRatio(outW, capW)
		title := fmt.Sprintf("%s: busiest working day %s of capacity (%s)", nationName(n), pct(100*outW[peak]/capW[peak]), shortDay(b.a.Days[peak]))
		if b.hasCF {
			title += fmt.Sprintf("; %d days over capacity, %d without the outage", outOver, cfOver)
		} else {
			title += fmt.Sprintf("; %d days over capacity", outOver)
		}
		p := b.timePanel(title, "patients per day", fullPanelWidth, i < len(nations)-1)
		b.shadeOutage(p, false)
		p.Add(excess)
		p.Add(&line{xs: stepX, ys: stepY, style: capacityStyle()})
		if b.hasCF {
			p.Add(&line{xs: b.dayMid, ys: cfW, style: counterfactualLine(1.2), marker: cfMarker()})
		}
		p.Add(&line{xs: b.dayMid, ys: outW, style: outageLine(1.2), marker: outMarker()})

		lo, hi := math.Inf(1), math.Inf(-1)
		for _, xs := range [][]float64{capW, outW, cfW} {
			for _, x := range xs {
				if valid(x) {
					lo, hi = min(lo, x), max(hi, x)
				}
			}
		}
		// The axis does not start at zero: the story is in the top few per
		// cent, where demand meets capacity. It keeps the spread of the
		// data as context below it, and no bars stand on the axis.
		pad := max(hi-lo, 0.02*hi)
		setY(p, max(0, lo-0.6*pad), hi+0.1*pad)
		sec.panels = append(sec.panels, p)

		peakText := fmt.Sprintf("%s %s on %s", nationName(n), pct(100*outW[peak]/capW[peak]), dayText(b.a.Days[peak]))
		if b.hasCF {
			if cp := argmaxRatio(cfW, capW); cp >= 0 {
				peakText += fmt.Sprintf(" (%s without the outage)", pct(100*cfW[cp]/capW[cp]))
			}
			overs = append(overs, fmt.Sprintf("%s %d (%d without the outage)", nationName(n), outOver, cfOver))
		} else {
			overs = append(overs, fmt.Sprintf("%s %d", nationName(n), outOver))
		}
		peaks = append(peaks, peakText)
	}

	f := &figure{title: "GP practices: same-day demand against capacity"}
	f.sections = []section{sec}
	f.legend = []legendItem{
		{"same-day capacity", lineThumb(draw.LineStyle{Color: black, Width: 2})},
		{"same-day demand" + b.withOutage(), markerLineThumb(outageLine(1.2), outMarker())},
	}
	if b.hasCF {
		f.legend = append(f.legend, legendItem{"same-day demand " + cfLabel, markerLineThumb(counterfactualLine(1.2), cfMarker())})
	}
	overLabel := "over capacity"
	if b.hasCF {
		overLabel += " with the outage"
	}
	f.legend = append(f.legend, legendItem{overLabel, swatchThumb(overColour)})
	if b.hasCF {
		f.legend = append(f.legend, legendItem{"over capacity without the outage", swatchThumb(overCFColour)})
	}
	f.legend = append(f.legend, b.outageLegend(false)...)
	f.caption = fmt.Sprintf("Each point is one working day's demand for same-day GP appointments (%s); the black step is the appointments practices can offer that day, and weekends and bank holidays are gaps. A shaded bar above the black step is patients practices could not see that day: some go to A&E, the rest wait for the next working day.", b.replicationsText())
	f.alt = fmt.Sprintf("Busiest working day's same-day GP demand as a share of capacity: %s. Working days over capacity: %s. %s",
		strings.Join(peaks, "; "), strings.Join(overs, "; "), b.windowText())
	return f, nil
}

func (b *builder) runName() string {
	if b.hasCF {
		return "outage"
	}
	return "run"
}

// Excess demand over GP capacity.
var (
	overColour   = withAlpha(outageColour, 0x80)
	overCFColour = withAlpha(counterfactualColour, 0xa0)
)

func capacityStyle() draw.LineStyle { return draw.LineStyle{Color: black, Width: 2} }

func outMarker() draw.GlyphStyle {
	return draw.GlyphStyle{Color: outageColour, Radius: 2.2, Shape: draw.CircleGlyph{}}
}

func cfMarker() draw.GlyphStyle {
	return draw.GlyphStyle{Color: counterfactualColour, Radius: 2.2, Shape: draw.RingGlyph{}}
}

func containsValid(xs []float64) bool {
	for _, x := range xs {
		if valid(x) {
			return true
		}
	}
	return false
}

// argmaxRatio returns the day with the largest valid num/den, den > 0.
func argmaxRatio(num, den []float64) int {
	at, best := -1, math.Inf(-1)
	for d := range num {
		if valid(num[d]) && valid(den[d]) && den[d] > 0 && num[d]/den[d] > best {
			at, best = d, num[d]/den[d]
		}
	}
	return at
}

// d: referrals per day by mode, stacked, UK.
func (b *builder) referralsByMode() (*figure, error) {
	modes := []struct {
		name, label string
		fill        color.Color
	}{
		{kpi.ReferralsElectronic, "sent electronically", green},
		{kpi.ReferralsManual, "sent by hand (phone, NHSmail)", orange},
		{kpi.ReferralsSignposted, "signposted: patient told to go themselves", skyBlue},
		{kpi.ReferralsLost, "lost", purple},
	}
	var rs []runs
	for _, m := range modes {
		r, err := b.series(reports.UK, m.name, true, true)
		if err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	p := b.timePanel("", "referrals per day", fullPanelWidth, false)
	b.shadeOutage(p, false)
	var bars rects
	top := 0.0
	totals := make([]float64, len(modes))
	for d := range b.a.Days {
		ok := true
		for _, r := range rs {
			ok = ok && valid(r.out.Mean[d])
		}
		if !ok {
			continue // a gap, rather than a stack missing a layer
		}
		y := 0.0
		for i, r := range rs {
			v := r.out.Mean[d]
			bars = append(bars, rect{b.dayMid[d] - 0.4*86400, b.dayMid[d] + 0.4*86400, y, y + v, modes[i].fill})
			y += v
			totals[i] += v
		}
		top = max(top, y)
	}
	p.Add(bars)
	f := &figure{title: "UK referrals from NHS 111 per day, by how they were sent"}
	for _, m := range modes {
		f.legend = append(f.legend, legendItem{m.label, swatchThumb(m.fill)})
	}
	var cfTotal float64
	if b.hasCF {
		// The counterfactual's total, as a step across each day's bar.
		var xs, ys []float64
		for d := range b.a.Days {
			t, ok := 0.0, true
			for _, r := range rs {
				ok = ok && valid(r.cf.Mean[d])
				t += r.cf.Mean[d]
			}
			if !ok {
				xs, ys = append(xs, math.NaN()), append(ys, math.NaN())
				continue
			}
			xs, ys = append(xs, b.dayStart[d], b.dayStart[d+1]), append(ys, t, t)
			top = max(top, t)
			cfTotal += t
		}
		p.Add(&line{xs: xs, ys: ys, style: counterfactualLine(1.4)})
		f.legend = append(f.legend, legendItem{"all referrals " + cfLabel, lineThumb(counterfactualLine(1.4))})
	}
	f.legend = append(f.legend, b.outageLegend(false)...)
	setY(p, 0, headroom(top))
	f.sections = []section{{rows: 1, cols: 1, panels: []*plot.Plot{p}, height: 320}}
	if b.hasCF {
		f.caption = fmt.Sprintf("Referrals per day across the UK with the outage, by how they reached the receiving service (%s). While systems were down, referrals had to be sent by hand or the patient was told to go themselves, and some were lost; the dashed line is all referrals without the outage.", b.replicationsText())
	} else {
		f.caption = fmt.Sprintf("Referrals per day across the UK, by how they reached the receiving service (%s).", b.replicationsText())
	}
	var alt strings.Builder
	fmt.Fprintf(&alt, "Over %d days in the UK%s: ", len(b.a.Days), b.withOutage())
	for i, m := range modes {
		if i > 0 {
			alt.WriteString(", ")
		}
		fmt.Fprintf(&alt, "%s referrals %s", count(totals[i]), strings.SplitN(m.label, ":", 2)[0])
	}
	alt.WriteString(". ")
	if b.hasCF {
		fmt.Fprintf(&alt, "Without the outage: %s referrals in all. ", count(cfTotal))
	}
	alt.WriteString(b.windowText())
	f.alt = alt.String()
	return f, nil
}

// e: OOH backlog (hourly) and time to consultation (daily), UK.
func (b *builder) ooh() (*figure, error) {
	backlog, err := b.series(reports.UK, kpi.OOHBacklog, false, true)
	if err != nil {
		return nil, err
	}
	// A scenario without GP out-of-hours (no consultations at all) has no
	// OOH chart.
	if s := b.a.Find(reports.UK, kpi.OOHTimeToConsultationMin, true); s != nil && !containsValid(s.Outage.Mean) && maxValid(backlog.out.Mean) <= 0 {
		return nil, nil
	}
	wait, err := b.series(reports.UK, kpi.OOHTimeToConsultationMin, true, true)
	if err != nil {
		return nil, err
	}
	top := b.timePanel("Cases waiting for a GP out-of-hours consultation, hour by hour", "cases waiting", fullPanelWidth, true)
	b.shadeOutage(top, false)
	setY(top, 0, headroom(b.addRuns(top, b.hourMid, backlog, hourlyWidth, 0)))
	bottom := b.timePanel("Average time from referral to out-of-hours consultation, day by day", "minutes", fullPanelWidth, false)
	b.shadeOutage(bottom, false)
	setY(bottom, 0, headroom(b.addRuns(bottom, b.dayMid, wait, lineWidth, 0.3*86400)))

	f := &figure{title: "GP out-of-hours: cases waiting and time to consultation"}
	f.sections = []section{{rows: 2, cols: 1, panels: []*plot.Plot{top, bottom}, height: 440}}
	f.legend = append(b.runLegend(b.hasBands(wait)), b.outageLegend(false)...)
	bandText := ""
	if b.hasBands(wait) {
		bandText = "; shaded bands hold the middle 90% of replications"
	}
	f.caption = fmt.Sprintf("UK GP out-of-hours services: cases waiting for a consultation (top) and the average wait of each day's consultations (bottom) (%s%s).", b.replicationsText(), bandText)
	if b.hasCF {
		f.caption += fmt.Sprintf(" Compare the solid lines (with the outage) with the dashed ones (without): the busiest hour had %s cases waiting with the outage against %s without.",
			count(maxValid(backlog.out.Mean)), count(maxValid(backlog.cf.Mean)))
	}
	var alt strings.Builder
	h := argmaxValid(backlog.out.Mean)
	fmt.Fprintf(&alt, "UK out-of-hours backlog peaked at %s cases waiting%s (hour from %s)", count(backlog.out.Mean[h]), b.withOutage(), b.hourText(h))
	if b.hasCF {
		fmt.Fprintf(&alt, "; without the outage the peak was %s", count(maxValid(backlog.cf.Mean)))
	}
	d := argmaxValid(wait.out.Mean)
	fmt.Fprintf(&alt, ". The longest average time to consultation was %s minutes on %s", count(wait.out.Mean[d]), dayText(b.a.Days[d]))
	if b.hasCF && valid(wait.cf.Mean[d]) {
		fmt.Fprintf(&alt, " (%s minutes without the outage)", count(wait.cf.Mean[d]))
	}
	alt.WriteString(". ")
	alt.WriteString(b.windowText())
	f.alt = alt.String()
	return f, nil
}

// f: ED and ambulance dispositions per day, UK.
func (b *builder) edAmbulance() (*figure, error) {
	kinds := []struct{ name, title, what string }{
		{kpi.EDDispositions, "Patients sent to A&E (ED dispositions)", "A&E (ED) dispositions"},
		{kpi.AmbulanceDispositions, "Ambulances called (ambulance dispositions)", "ambulance dispositions"},
	}
	f := &figure{title: "A&E and ambulance dispositions per day"}
	sec := section{rows: 2, cols: 1, height: 440}
	var alt strings.Builder
	withBands := false
	var totals, cfTotals [2]float64
	for i, k := range kinds {
		r, err := b.series(reports.UK, k.name, true, true)
		if err != nil {
			return nil, err
		}
		p := b.timePanel(k.title, "patients per day", fullPanelWidth, i == 0)
		b.shadeOutage(p, false)
		setY(p, 0, headroom(b.addRuns(p, b.dayMid, r, lineWidth, 0.3*86400)))
		sec.panels = append(sec.panels, p)
		withBands = withBands || b.hasBands(r)
		total := sumValid(r.out.Mean)
		totals[i] = total
		fmt.Fprintf(&alt, "UK %s over %d days: %s%s", k.what, len(b.a.Days), count(total), b.withOutage())
		if b.hasCF {
			cf := sumValid(r.cf.Mean)
			cfTotals[i] = cf
			fmt.Fprintf(&alt, ", %s without the outage", count(cf))
			if cf > 0 {
				fmt.Fprintf(&alt, " (%+.1f%%)", 100*(total-cf)/cf)
			}
		}
		alt.WriteString(". ")
	}
	alt.WriteString(b.windowText())
	f.sections = []section{sec}
	f.legend = append(b.runLegend(withBands), b.outageLegend(false)...)
	bandText := ""
	if withBands {
		bandText = "; shaded bands hold the middle 90% of replications"
	}
	f.caption = fmt.Sprintf("NHS 111 outcomes that send patients to A&E or call an ambulance, per day across the UK (%s%s).", b.replicationsText(), bandText)
	if b.hasCF {
		f.caption += fmt.Sprintf(" Compare the solid lines (with the outage) with the dashed ones (without): over the run the outage meant %s A&E dispositions and %s ambulance dispositions.",
			change(totals[0], cfTotals[0]), change(totals[1], cfTotals[1]))
	}
	f.alt = alt.String()
	return f, nil
}

// change says how total compares with the counterfactual cf: "13.6%
// fewer", "2.1% more" or "about as many".
func change(total, cf float64) string {
	if !(cf > 0) {
		return "no counterfactual to compare"
	}
	d := 100 * (total - cf) / cf
	switch {
	case math.Abs(d) < 0.5:
		return "about as many"
	case d < 0:
		return pct(-d) + " fewer"
	}
	return pct(d) + " more"
}
