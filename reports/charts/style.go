package charts

import (
	"image/color"
	"math"
	"strconv"
	"strings"
	"time"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/outagesim/outagesim/sim/calendar"
)

// The Okabe–Ito palette (Okabe and Ito, "Color Universal Design", 2008):
// eight colours that stay distinct for the common colour-vision
// deficiencies and in greyscale print.
var (
	black      = color.NRGBA{0x00, 0x00, 0x00, 0xff}
	orange     = color.NRGBA{0xe6, 0x9f, 0x00, 0xff}
	skyBlue    = color.NRGBA{0x56, 0xb4, 0xe9, 0xff}
	green      = color.NRGBA{0x00, 0x9e, 0x73, 0xff} // "bluish green"
	blue       = color.NRGBA{0x00, 0x72, 0xb2, 0xff}
	vermillion = color.NRGBA{0xd5, 0x5e, 0x00, 0xff}
	purple     = color.NRGBA{0xcc, 0x79, 0xa7, 0xff} // "reddish purple"
)

// Colours by role. The outage run and the counterfactual keep the same
// two colours in every chart, and no other series uses them.
var (
	outageColour         = vermillion
	counterfactualColour = blue
	gridColour           = color.NRGBA{0xdd, 0xdd, 0xdd, 0xff}
	downColour           = color.NRGBA{0x00, 0x00, 0x00, 0x1c} // systems down
	reconnectingColour   = color.NRGBA{0x00, 0x00, 0x00, 0x0c} // phased reconnection
	waveColour           = color.NRGBA{0x44, 0x44, 0x44, 0xff}
)

// withAlpha returns c made translucent, for bands and highlights drawn
// under lines.
func withAlpha(c color.NRGBA, a uint8) color.NRGBA { c.A = a; return c }

// Bands are drawn at this opacity so that two overlapping bands still let
// each other and the grid show through.
const bandAlpha = 0x40

// Sizes in points. A figure is 10 inches wide; the HTML report scales the
// SVG to its column, so these read as ordinary body-text sizes on screen.
const (
	figureWidth    vg.Length = 720
	pngDPI                   = 150
	margin         vg.Length = 10
	tickFontSize   vg.Length = 9.5
	labelFontSize  vg.Length = 10.5
	panelFontSize  vg.Length = 11
	legendFontSize vg.Length = 10.5
	titleFontSize  vg.Length = 15
	captionSize    vg.Length = 11
	lineWidth      vg.Length = 1.6
	hourlyWidth    vg.Length = 0.9
)

// dash is the counterfactual's dash pattern, so that outage and
// counterfactual differ in more than colour (greyscale print, and the
// rarer colour-vision deficiencies).
var dash = []vg.Length{5, 2.5}

// sans returns Liberation Sans (metrically identical to Arial, which the
// SVG names as its fallback) at size.
func sans(size vg.Length, bold bool) font.Font {
	f := font.Font{Typeface: "Liberation", Variant: "Sans"}
	if bold {
		f.Weight = xfont.WeightBold
	}
	return font.From(f, size)
}

func textStyle(size vg.Length, bold bool) text.Style {
	return text.Style{Color: black, Font: sans(size, bold), Handler: plot.DefaultTextHandler}
}

// newPanel returns an empty plot in the report's style: sans-serif text,
// no axis padding (so shading meets the axes), light horizontal grid
// lines, counts on the y axis with thousands separators and local dates
// on the x axis.
func newPanel(title, yLabel string) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil // the figure's background shows through
	p.Title.Text = title
	p.Title.TextStyle.Font = sans(panelFontSize, true)
	p.Title.Padding = 6
	styleAxes(p)
	p.Y.Label.Text = yLabel
	p.Y.Tick.Marker = countTicker{}
	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal.Color = gridColour
	grid.Horizontal.Width = 0.6
	p.Add(grid)
	return p
}

// styleAxes gives both of a plot's axes the report's fonts and line
// widths and no padding, so shading meets the axes.
func styleAxes(p *plot.Plot) {
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Padding = 0
		ax.Label.TextStyle.Font = sans(labelFontSize, false)
		ax.Tick.Label.Font = sans(tickFontSize, false)
		ax.LineStyle.Width = 0.75
		ax.Tick.LineStyle.Width = 0.75
	}
}

// setY sets a panel's y range to [lo, hi], widening an empty range so a
// flat series still draws.
func setY(p *plot.Plot, lo, hi float64) {
	if !(hi > lo) {
		hi = lo + 1
	}
	p.Y.Min, p.Y.Max = lo, hi
}

// countTicker puts five to seven round-number ticks on a y axis, labelled
// with thousands separators ("12,500").
type countTicker struct{}

func (countTicker) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) {
		return nil
	}
	step := niceStep((hi - lo) / 6)
	decimals := max(0, -int(math.Floor(math.Log10(step)+1e-9)))
	if s := step * math.Pow10(decimals); math.Abs(s-math.Round(s)) > 1e-6 {
		decimals++ // steps of 2.5, 0.25, …
	}
	var ticks []plot.Tick
	for i := math.Ceil(lo/step - 1e-9); i*step <= hi+step*1e-9; i++ {
		v := i * step
		ticks = append(ticks, plot.Tick{Value: v, Label: formatNumber(v, decimals)})
	}
	return ticks
}

// niceStep rounds x up to 1, 2, 2.5 or 5 times a power of ten.
func niceStep(x float64) float64 {
	if !(x > 0) {
		return 1
	}
	p := math.Pow10(int(math.Floor(math.Log10(x))))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= x*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// formatNumber formats v with a thousands separator and the given number
// of decimals: "12,345", "97.5".
func formatNumber(v float64, decimals int) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// dateTicker marks local midnights on a time axis whose values are Unix
// seconds. It labels every day when they fit in width, otherwise every
// other day, Mondays, every other Monday or the first of each month, and
// keeps a minor tick for each day of shorter spans. Labels are local
// (Europe/London) dates, so days start at local midnight across a clock
// change.
type dateTicker struct {
	width vg.Length // of the panel, to decide how many labels fit
	blank bool      // no labels: a panel stacked above another
}

func (t dateTicker) Ticks(min, max float64) []plot.Tick {
	if !(max > min) {
		return nil
	}
	loc := calendar.London()
	first := calendar.DateOf(time.Unix(int64(math.Floor(min)), 0).In(loc))
	last := calendar.DateOf(time.Unix(int64(math.Ceil(max)), 0).In(loc))
	var days []calendar.Date
	for d := first; !last.Before(d); d = d.AddDays(1) {
		if x := midnight(d); x >= min-0.5 && x <= max+0.5 {
			days = append(days, d)
		}
	}
	firstMonday := -1
	for i, d := range days {
		if d.Weekday() == time.Monday {
			firstMonday = i
			break
		}
	}
	rules := []struct {
		keep   func(i int, d calendar.Date) bool
		format string
		width  vg.Length // a label's width with its gap
	}{
		{func(int, calendar.Date) bool { return true }, "Mon 2 Jan", 62},
		{func(int, calendar.Date) bool { return true }, "2 Jan", 40},
		{func(i int, _ calendar.Date) bool { return i%2 == 0 }, "2 Jan", 40},
		{func(_ int, d calendar.Date) bool { return d.Weekday() == time.Monday }, "Mon 2 Jan", 62},
		{func(_ int, d calendar.Date) bool { return d.Weekday() == time.Monday }, "2 Jan", 40},
		{func(i int, _ calendar.Date) bool {
			return firstMonday >= 0 && i >= firstMonday && (i-firstMonday)%14 == 0
		}, "2 Jan", 40},
		{func(_ int, d calendar.Date) bool { return d.Day == 1 }, "Jan 2006", 50},
	}
	rule := rules[len(rules)-1]
	for _, r := range rules {
		n := 0
		for i, d := range days {
			if r.keep(i, d) {
				n++
			}
		}
		if vg.Length(n)*r.width <= t.width {
			rule = r
			break
		}
	}
	// A minor tick every day while they stay 4 points apart, else on
	// Mondays.
	daily := vg.Length(len(days))*4 <= t.width
	var ticks []plot.Tick
	for i, d := range days {
		tick := plot.Tick{Value: midnight(d)}
		switch {
		case rule.keep(i, d):
			if !t.blank {
				tick.Label = time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Format(rule.format)
			}
		case !daily && d.Weekday() != time.Monday:
			continue
		}
		ticks = append(ticks, tick)
	}
	return ticks
}

// midnight returns the Unix time of the start of local day d.
func midnight(d calendar.Date) float64 {
	return float64(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, calendar.London()).Unix())
}

// Line styles of the runs.
func outageLine(width vg.Length) draw.LineStyle {
	return draw.LineStyle{Color: outageColour, Width: width}
}

func counterfactualLine(width vg.Length) draw.LineStyle {
	return draw.LineStyle{Color: counterfactualColour, Width: width, Dashes: dash}
}
