package sensitivity

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/outagesim/outagesim/reports/grid"
	"github.com/outagesim/outagesim/sim/kpi"
)

// The Okabe–Ito blue and vermillion the reports use for the two sides.
var (
	lowColour  = color.NRGBA{0x00, 0x72, 0xb2, 0xff}
	highColour = color.NRGBA{0xd5, 0x5e, 0x00, 0xff}
)

// Chart is one KPI's tornado chart.
type Chart struct {
	KPI      string
	SVG, PNG []byte
}

// Tornado draws, per KPI, a tornado diagram of its top parameters (all
// when top ≤ 0): one row per parameter, largest swing at the top, a bar
// from 0 to the effect of each side and the 95% interval as a whisker.
// A KPI no parameter has a defined effect on gets no chart.
func (r *Result) Tornado(top int) ([]Chart, error) {
	var out []Chart
	for _, key := range r.Study.KPIs {
		var rows []Row
		for _, row := range r.Rows[key] {
			if (top > 0 && len(rows) >= top) || !row.Low.Defined || !row.High.Defined {
				break
			}
			rows = append(rows, row)
		}
		if len(rows) == 0 {
			continue
		}
		c, err := r.tornado(key, rows)
		if err != nil {
			return nil, fmt.Errorf("sensitivity: chart of %s: %w", key, err)
		}
		out = append(out, c)
	}
	return out, nil
}

func (r *Result) tornado(key string, rows []Row) (Chart, error) {
	p := plot.New()
	title := key
	unit := ""
	if d, ok := kpi.Lookup(key); ok {
		title, unit = d.Label, d.Unit
	}
	p.Title.Text = fmt.Sprintf("%s: effect on %s, %s", r.Study.Scenario, title, r.Area)
	// The key goes in the axis label: a legend inside the plot would
	// cover the longest bars.
	p.X.Label.Text = fmt.Sprintf("change in the %s from the base (%s)\nupper blue bar: the low value; lower orange bar: the high value; whiskers: 95%% CI", r.measureName(), unit)
	n := len(rows)
	names := make([]string, n)
	// y = n−1 for rank 1, so the largest swing is at the top.
	for i, row := range rows {
		names[n-1-i] = r.Study.Params[row.Param].Name
	}
	const half = 0.35
	for side, colour := range []color.Color{lowColour, highColour} {
		var xys plotter.XYs
		var errs plotter.XErrors
		for i, row := range rows {
			e := row.Low
			if side == High {
				e = row.High
			}
			y := float64(n - 1 - i)
			// The low bar in the upper half of the row, the high in the
			// lower, so overlapping effects of one sign both show.
			y0, y1 := y, y+half
			if side == High {
				y0, y1 = y-half, y
			}
			x := e.Summary.Mean
			if x != 0 {
				poly, err := plotter.NewPolygon(plotter.XYs{{X: 0, Y: y0}, {X: x, Y: y0}, {X: x, Y: y1}, {X: 0, Y: y1}})
				if err != nil {
					return Chart{}, err
				}
				poly.Color = colour
				poly.LineStyle.Width = 0
				p.Add(poly)
			}
			if e.Ran {
				xys = append(xys, plotter.XY{X: x, Y: (y0 + y1) / 2})
				errs = append(errs, struct{ Low, High float64 }{x - e.Summary.CI95[0], e.Summary.CI95[1] - x})
			}
		}
		if len(xys) > 0 {
			bars, err := plotter.NewXErrorBars(struct {
				plotter.XYer
				plotter.XErrorer
			}{xys, errs})
			if err != nil {
				return Chart{}, err
			}
			bars.LineStyle.Width = vg.Points(1)
			p.Add(bars)
		}
	}
	zero, err := plotter.NewLine(plotter.XYs{{X: 0, Y: -0.6}, {X: 0, Y: float64(n) - 0.4}})
	if err != nil {
		return Chart{}, err
	}
	zero.Color = color.Gray{Y: 0x60}
	lines := plotter.NewGrid()
	lines.Horizontal.Width = 0
	p.Add(lines, zero)
	p.NominalY(names...)
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	width := 24 * vg.Centimeter
	height := vg.Length(3+0.75*float64(n)) * vg.Centimeter
	c := Chart{KPI: key}
	if c.SVG, c.PNG, err = grid.Render(p, width, height); err != nil {
		return Chart{}, err
	}
	return c, nil
}

func (r *Result) measureName() string {
	if r.Impact {
		return "impact"
	}
	return "value"
}
