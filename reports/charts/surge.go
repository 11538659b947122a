package charts

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/stats"
	"github.com/outagesim/outagesim/sim/calendar"
)

// IDGPSurgeByRegion is the chart of where the outage's GP surge landed,
// region by region, beside the practices' headroom.
const IDGPSurgeByRegion = "h-gp-surge-by-region"

// The surge chart's bars: the outage's extra contacts and appointments
// in its colour, the headroom (measured without the outage) in the
// counterfactual's.
var (
	surgeContactsColour = outageColour
	surgeApptsColour    = withAlpha(outageColour, 0x70)
	surgeSpareColour    = withAlpha(counterfactualColour, 0x90)
)

// surgeBar is one bar of a region's group: a value from 0 and, for an
// impact, its 95% interval.
type surgeBar struct {
	y, value float64
	ci       *[2]float64
	fill     color.Color
	label    string
}

// surgeBars draws horizontal bars from zero with their intervals as
// whiskers and their values as labels beyond the bar's end.
type surgeBars struct {
	bars      []surgeBar
	halfWidth float64 // in data units of y
}

func (s *surgeBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	whisker := draw.LineStyle{Color: black, Width: 1}
	sty := textStyle(tickFontSize, false)
	sty.YAlign = draw.YCenter
	for _, b := range s.bars {
		if !valid(b.value) {
			continue
		}
		x0, x1 := trX(math.Min(0, b.value)), trX(math.Max(0, b.value))
		y0, y1 := trY(b.y-s.halfWidth), trY(b.y+s.halfWidth)
		c.FillPolygon(b.fill, c.ClipPolygonXY([]vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}))
		lo, hi := b.value, b.value
		if b.ci != nil && valid(b.ci[0]) && valid(b.ci[1]) {
			lo, hi = b.ci[0], b.ci[1]
			y, cap := trY(b.y), (y1-y0)/3
			c.StrokeLine2(whisker, trX(lo), y, trX(hi), y)
			c.StrokeLine2(whisker, trX(lo), y-cap, trX(lo), y+cap)
			c.StrokeLine2(whisker, trX(hi), y-cap, trX(hi), y+cap)
		}
		// The label sits beyond whichever end is further from zero.
		at, align := trX(math.Max(0, hi))+3, draw.XLeft
		if b.value < 0 {
			at, align = trX(math.Min(0, lo))-3, draw.XRight
		}
		sty.XAlign = align
		c.FillText(sty, vg.Point{X: at, Y: trY(b.y)}, b.label)
	}
}

// gpSurgeByRegion draws, for each region whose practices the scenario
// models, the outage's extra GP contacts from 111 and extra same-day
// appointments per practice per working day over the outage window (with
// minus without the outage, paired, with 95% intervals), beside the
// same-day appointments a practice left unused on an average working day
// without the outage: where the surge landed and whether it fits. Without
// an outage, or without such regions, there is no chart.
func (b *builder) gpSurgeByRegion() (*figure, error) {
	surges := b.a.GPSurges()
	if len(surges) == 0 {
		return nil, nil
	}
	n := len(surges)
	p := plot.New()
	p.BackgroundColor = nil
	styleAxes(p)
	p.X.Label.Text = "per practice per working day"
	p.X.Tick.Marker = countTicker{}
	grid := plotter.NewGrid()
	grid.Horizontal.Color = nil
	grid.Vertical.Color = gridColour
	grid.Vertical.Width = 0.6
	p.Add(grid)

	// Regions top to bottom in area order; three bars a region.
	const step, half = 0.28, 0.11
	var ticks []plot.Tick
	bars := &surgeBars{halfWidth: half}
	lo, hi := 0.0, 0.0
	sg := func(s stats.Summary) string { return signed(s.Mean, 2) }
	var alt []string
	for i, g := range surges {
		y := float64(n - 1 - i)
		ticks = append(ticks, plot.Tick{Value: y, Label: nationName(g.Area)})
		contacts, appts := g.ContactsPerPractice, g.AppointmentsPerPractice
		ci := func(s stats.Summary) *[2]float64 {
			if s.N < 2 {
				return nil
			}
			return &[2]float64{s.CI95[0], s.CI95[1]}
		}
		bars.bars = append(bars.bars,
			surgeBar{y: y + step, value: contacts.Mean, ci: ci(contacts), fill: surgeContactsColour, label: sg(contacts)},
			surgeBar{y: y, value: appts.Mean, ci: ci(appts), fill: surgeApptsColour, label: sg(appts)},
			surgeBar{y: y - step, value: g.Spare, fill: surgeSpareColour, label: formatNumber(g.Spare, 2)})
		for _, x := range []float64{contacts.Mean, appts.Mean, g.Spare} {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
		if contacts.N >= 2 && appts.N >= 2 {
			lo = math.Min(lo, math.Min(contacts.CI95[0], appts.CI95[0]))
			hi = math.Max(hi, math.Max(contacts.CI95[1], appts.CI95[1]))
		}
		alt = append(alt, fmt.Sprintf("%s %s contacts (%s), %s appointments (%s), %s spare", nationName(g.Area),
			sg(contacts), ciText(contacts), sg(appts), ciText(appts), formatNumber(g.Spare, 2)))
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Length = 0
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	// Room beyond the bars for their labels.
	pad := 0.16 * (hi - lo)
	p.X.Min, p.X.Max = lo-pad*boolF(lo < 0), hi+pad
	p.Add(&vline{xs: []float64{0}, style: draw.LineStyle{Color: black, Width: 0.8}})
	p.Add(bars)

	period := b.a.SurgePeriod()
	dates := dayText(calendarDate(b.a, period.From)) + " to " + dayText(calendarDate(b.a, math.Max(period.From, period.To-1)))
	f := &figure{title: "GP practices: where the surge landed, against their headroom"}
	f.sections = []section{{rows: 1, cols: 1, panels: []*plot.Plot{p}, height: vg.Length(60 + 36*n)}}
	f.legend = []legendItem{
		{"extra contacts from 111", swatchThumb(surgeContactsColour)},
		{"extra same-day appointments", swatchThumb(surgeApptsColour)},
		{"unused same-day appointments without the outage", swatchThumb(surgeSpareColour)},
		{"95% confidence interval", lineThumb(draw.LineStyle{Color: black, Width: 1})},
	}
	f.caption = fmt.Sprintf("For each region, over the outage window (%s): the outage's extra GP contacts from 111's "+
		"patients and the extra same-day appointments they needed, per practice per working day (with minus without "+
		"the outage, paired replication by replication; whiskers are 95%% confidence intervals, %s), beside the "+
		"same-day appointments a practice left unused on an average working day without the outage: its headroom. "+
		"Extra appointments longer than the headroom do not fit; a contact costs the practice triage time even when "+
		"it needs no appointment.", dates, b.replicationsText())
	f.alt = fmt.Sprintf("Per practice per working day, %s: %s. %s", dates, strings.Join(alt, "; "), b.windowText())
	return f, nil
}

// ciText is "95% CI lo to hi" for alt text, or "one replication".
func ciText(s stats.Summary) string {
	if s.N < 2 {
		return "one replication"
	}
	return "95% CI " + formatSigned(s.CI95[0], 2) + " to " + formatSigned(s.CI95[1], 2)
}

// calendarDate is the local date of sim time t.
func calendarDate(a *reports.Aggregate, t float64) calendar.Date {
	return calendar.DateOf(a.At(t).In(calendar.London()))
}
