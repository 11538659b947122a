package charts

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/sim/calendar"
)

// builder holds what every chart of one aggregate shares: the time axis
// (Unix seconds, so that ticks can be local dates), the outage window and
// the run labels.
type builder struct {
	a     *reports.Aggregate
	chart string
	hasCF bool
	// xMin and xMax bound every time axis: the first day's midnight to
	// the end of the horizon or of the last day.
	xMin, xMax float64
	dayStart   []float64 // len(Days)+1 local midnights
	dayMid     []float64
	hourMid    []float64
	window     *outageWindow
}

// outageWindow is the outage on the time axis: systems down from start
// until the first reconnection wave, then phased reconnection until the
// last wave that brings services back fully (or the end of the run).
type outageWindow struct {
	start, firstWave, end float64
	waves                 []float64 // distinct wave times
}

func newBuilder(a *reports.Aggregate, chart string) *builder {
	b := &builder{a: a, chart: chart, hasCF: a.Outage != nil}
	t0 := float64(a.Start.Unix())
	b.dayStart = make([]float64, len(a.Days)+1)
	for i, d := range a.Days {
		b.dayStart[i] = midnight(d)
	}
	b.dayStart[len(a.Days)] = midnight(a.Days[len(a.Days)-1].AddDays(1))
	b.dayMid = make([]float64, len(a.Days))
	for i := range a.Days {
		b.dayMid[i] = (b.dayStart[i] + b.dayStart[i+1]) / 2
	}
	hourEnd := a.HourStarts[len(a.HourStarts)-1] + 3600
	if a.Horizon > a.HourStarts[len(a.HourStarts)-1] {
		hourEnd = a.Horizon
	}
	b.hourMid = make([]float64, len(a.HourStarts))
	for h, s := range a.HourStarts {
		next := hourEnd
		if h+1 < len(a.HourStarts) {
			next = a.HourStarts[h+1]
		}
		b.hourMid[h] = t0 + (s+next)/2
	}
	b.xMin = min(b.dayStart[0], t0)
	b.xMax = max(b.dayStart[len(a.Days)], t0+hourEnd)
	if o := a.Outage; o != nil {
		w := &outageWindow{start: t0 + o.Start, end: b.xMax}
		full := math.Inf(-1)
		for _, wave := range o.Waves {
			w.waves = append(w.waves, t0+wave.At)
			if wave.Fraction >= 1 {
				full = max(full, t0+wave.At)
			}
		}
		slices.Sort(w.waves)
		w.waves = slices.Compact(w.waves)
		if !math.IsInf(full, -1) {
			w.end = min(full, b.xMax)
		}
		w.firstWave = w.end
		if len(w.waves) > 0 {
			w.firstWave = min(max(w.waves[0], w.start), w.end)
		}
		b.window = w
	}
	return b
}

// runs is one series of one nation: the outage run (or the only run) and,
// with an outage, its counterfactual.
type runs struct {
	out, cf reports.Band
}

// series fetches and checks a series. needCF says whether the chart draws
// the counterfactual (when there is one).
func (b *builder) series(nation, name string, daily, needCF bool) (runs, error) {
	s := b.a.Find(nation, name, daily)
	fail := func(run, problem string) (runs, error) {
		return runs{}, &SeriesError{Chart: b.chart, Nation: nation, Series: name, Daily: daily, Run: run, Problem: problem}
	}
	outRun := "outage"
	if !b.hasCF {
		outRun = "run"
	}
	if s == nil {
		return fail(outRun, "missing from the aggregate")
	}
	want, per := len(b.a.HourStarts), "hour"
	if daily {
		want, per = len(b.a.Days), "day"
	}
	check := func(run string, bd reports.Band) (reports.Band, error) {
		switch {
		case len(bd.Mean) == 0:
			_, err := fail(run, "empty")
			return bd, err
		case len(bd.Mean) != want:
			_, err := fail(run, fmt.Sprintf("%d values, want %d (one per %s)", len(bd.Mean), want, per))
			return bd, err
		case !slices.ContainsFunc(bd.Mean, valid):
			_, err := fail(run, problemNoValue)
			return bd, err
		}
		if bd.P5 == nil && bd.P95 == nil {
			return bd, nil
		}
		if len(bd.P5) != want || len(bd.P95) != want {
			_, err := fail(run, fmt.Sprintf("percentile band has %d and %d values, want %d", len(bd.P5), len(bd.P95), want))
			return bd, err
		}
		return bd, nil
	}
	var r runs
	var err error
	if r.out, err = check(outRun, s.Outage); err != nil {
		return runs{}, err
	}
	if b.hasCF && needCF {
		if r.cf, err = check("counterfactual", s.Counterfactual); err != nil {
			return runs{}, err
		}
	}
	return r, nil
}

// nations returns the nations for small multiples: all but "uk", or "uk"
// alone if it is the only one.
func (b *builder) nations() []string {
	var ns []string
	for _, n := range b.a.Nations {
		if n != reports.UK {
			ns = append(ns, n)
		}
	}
	if len(ns) == 0 {
		ns = []string{reports.UK}
	}
	return ns
}

// nationName is a nation's name as a reader writes it.
func nationName(n string) string {
	switch n {
	case reports.UK:
		return "UK"
	case "northern_ireland":
		return "Northern Ireland"
	}
	words := strings.Fields(strings.ReplaceAll(n, "_", " "))
	for i, w := range words {
		// "East of England", "North East and Yorkshire", as NHS England
		// writes its regions.
		if i > 0 && (w == "of" || w == "and") {
			continue
		}
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// timePanel returns a panel with the shared time axis. width is the
// panel's approximate width, for the date labels; a stacked panel above
// another leaves its dates to the one below (blank).
func (b *builder) timePanel(title, yLabel string, width vg.Length, blank bool) *plot.Plot {
	p := newPanel(title, yLabel)
	p.X.Min, p.X.Max = b.xMin, b.xMax
	p.X.Tick.Marker = dateTicker{width: width, blank: blank}
	if !blank {
		first, last := b.a.Days[0], b.a.Days[len(b.a.Days)-1]
		if first.Year == last.Year {
			p.X.Label.Text = fmt.Sprintf("Date in %d (UK local time)", first.Year)
		} else {
			p.X.Label.Text = "Date (UK local time)"
		}
	}
	return p
}

// shadeOutage shades the outage window and, if waves, marks each
// reconnection wave.
func (b *builder) shadeOutage(p *plot.Plot, waves bool) {
	w := b.window
	if w == nil {
		return
	}
	p.Add(&span{from: w.start, to: w.firstWave, fill: downColour})
	p.Add(&span{from: w.firstWave, to: w.end, fill: reconnectingColour})
	if waves && len(w.waves) > 0 {
		p.Add(&vline{xs: w.waves, style: waveStyle()})
	}
}

func waveStyle() draw.LineStyle {
	return draw.LineStyle{Color: waveColour, Width: 0.8, Dashes: []vg.Length{2, 2}}
}

// outageLegend is the legend for the shading (and wave lines).
func (b *builder) outageLegend(waves bool) []legendItem {
	w := b.window
	if w == nil {
		return nil
	}
	items := []legendItem{{"systems down", swatchThumb(downColour)}}
	if w.end > w.firstWave {
		items = append(items, legendItem{"phased reconnection", swatchThumb(reconnectingColour)})
	}
	if waves && len(w.waves) > 0 {
		items = append(items, legendItem{"reconnection wave", vlineThumb(waveStyle())})
	}
	return items
}

// outLabel names the outage run in legends: "with the outage", or
// "simulated" when there is no outage and so no counterfactual.
func (b *builder) outLabel() string {
	if b.hasCF {
		return "with the outage"
	}
	return "simulated"
}

// withOutage is " with the outage" for running text, or "" without an
// outage.
func (b *builder) withOutage() string {
	if b.hasCF {
		return " with the outage"
	}
	return ""
}

const cfLabel = "without the outage (counterfactual)"

// runLegend is the legend for the runs drawn as lines with 90% bands.
func (b *builder) runLegend(bands bool) []legendItem {
	if !bands {
		items := []legendItem{{b.outLabel(), lineThumb(outageLine(lineWidth))}}
		if b.hasCF {
			items = append(items, legendItem{cfLabel, lineThumb(counterfactualLine(lineWidth))})
		}
		return items
	}
	items := []legendItem{{b.outLabel(), bandLineThumb(withAlpha(outageColour, bandAlpha), outageLine(lineWidth))}}
	if b.hasCF {
		items = append(items, legendItem{cfLabel, bandLineThumb(withAlpha(counterfactualColour, bandAlpha), counterfactualLine(lineWidth))})
	}
	return items
}

// addRuns draws a series' runs: bands first, then the counterfactual,
// then the outage run on top. It returns the largest value drawn.
func (b *builder) addRuns(p *plot.Plot, xs []float64, r runs, width vg.Length, halfWidth float64) float64 {
	type run struct {
		bd    reports.Band
		fill  color.Color
		style draw.LineStyle
	}
	all := []run{{r.out, withAlpha(outageColour, bandAlpha), outageLine(width)}}
	if b.hasCF && r.cf.Mean != nil {
		all = append([]run{{r.cf, withAlpha(counterfactualColour, bandAlpha), counterfactualLine(width)}}, all...)
	}
	top := math.Inf(-1)
	for _, ru := range all {
		if ru.bd.P5 != nil {
			p.Add(&band{xs: xs, lo: ru.bd.P5, hi: ru.bd.P95, fill: ru.fill, halfWidth: halfWidth})
			top = max(top, maxValid(ru.bd.P95))
		}
		top = max(top, maxValid(ru.bd.Mean))
	}
	for _, ru := range all {
		p.Add(&line{xs: xs, ys: ru.bd.Mean, style: ru.style})
	}
	return top
}

// hasBands reports whether any run of r has a percentile band.
func (b *builder) hasBands(rs ...runs) bool {
	for _, r := range rs {
		if r.out.P5 != nil || (b.hasCF && r.cf.P5 != nil) {
			return true
		}
	}
	return false
}

// maxValid returns the largest valid value of xs, or -Inf.
func maxValid(xs []float64) float64 {
	m := math.Inf(-1)
	for _, x := range xs {
		if valid(x) {
			m = max(m, x)
		}
	}
	return m
}

// argmaxValid returns the index of the largest valid value of xs, or -1.
func argmaxValid(xs []float64) int {
	at := -1
	for i, x := range xs {
		if valid(x) && (at < 0 || x > xs[at]) {
			at = i
		}
	}
	return at
}

// argminValid returns the index of the smallest valid value of xs, or -1.
func argminValid(xs []float64) int {
	at := -1
	for i, x := range xs {
		if valid(x) && (at < 0 || x < xs[at]) {
			at = i
		}
	}
	return at
}

// sumValid adds the valid values of xs.
func sumValid(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		if valid(x) {
			s += x
		}
	}
	return s
}

// headroom is the top of a y axis that starts at zero and holds top.
func headroom(top float64) float64 {
	if !(top > 0) {
		return 1
	}
	return top * 1.08
}

// dayText formats a local date for captions: "Thu 4 Aug 2022".
func dayText(d calendar.Date) string {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Format("Mon 2 Jan 2006")
}

// shortDay formats a local date for panel titles: "Thu 4 Aug".
func shortDay(d calendar.Date) string {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Format("Mon 2 Jan")
}

// instantText formats a time-axis value as a local date and time.
func instantText(x float64) string {
	return time.Unix(int64(math.Round(x)), 0).In(calendar.London()).Format("Mon 2 Jan 2006 15:04")
}

// hourText formats the local start of hour h.
func (b *builder) hourText(h int) string {
	return b.a.Start.Add(time.Duration(b.a.HourStarts[h] * float64(time.Second))).In(calendar.London()).Format("Mon 2 Jan 2006 15:04")
}

// windowText describes the outage window for alt text.
func (b *builder) windowText() string {
	w := b.window
	if w == nil {
		return ""
	}
	s := "Systems were down from " + instantText(w.start)
	if w.end > w.firstWave {
		waves := "reconnection waves ran"
		if len(w.waves) == 1 {
			waves = "reconnection wave ran"
		}
		s += fmt.Sprintf("; %d %s from %s", len(w.waves), waves, instantText(w.firstWave))
		if w.end < b.xMax {
			s += " to full reconnection on " + instantText(w.end)
		} else {
			s += ", not complete by the end of the run"
		}
	}
	return s + "."
}

// replicationsText says what the lines are averages of.
func (b *builder) replicationsText() string {
	if b.a.Replications > 1 {
		return fmt.Sprintf("averages of %d replications", b.a.Replications)
	}
	return "one replication"
}

// pct formats a percentage with one decimal.
func pct(x float64) string { return formatNumber(x, 1) + "%" }

// count formats a count to whole numbers.
func count(x float64) string { return formatNumber(x, 0) }
