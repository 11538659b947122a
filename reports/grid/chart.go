package grid

import (
	"bytes"
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// okabeIto is the colour-blind-safe palette the reports use.
var okabeIto = []color.Color{
	color.RGBA{0, 114, 178, 255}, color.RGBA{213, 94, 0, 255}, color.RGBA{0, 158, 115, 255},
	color.RGBA{204, 121, 167, 255}, color.RGBA{86, 180, 233, 255}, color.RGBA{230, 159, 0, 255},
	color.RGBA{0, 0, 0, 255},
}

// Chart is one rendered sweep chart.
type Chart struct {
	KPI      string
	SVG, PNG []byte
}

// numeric reads a swept value as a number: 1.2, 80% (as 80), 30m or 2h
// (as minutes) — or reports false.
func numeric(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64); err == nil {
		return v, true
	}
	for _, u := range []struct {
		suffix string
		mins   float64
	}{{"s", 1.0 / 60}, {"m", 1}, {"h", 60}, {"d", 1440}, {"w", 10080}} {
		if v, err := strconv.ParseFloat(strings.TrimSuffix(s, u.suffix), 64); err == nil && strings.HasSuffix(s, u.suffix) {
			return v * u.mins, true
		}
	}
	return 0, false
}

// SweepCharts draws, for each KPI, its mean and 95% interval against the
// first swept parameter, one line per value of the second.
func (t *Table) SweepCharts() ([]Chart, error) {
	if len(t.Params) == 0 || len(t.Runs) == 0 {
		return nil, fmt.Errorf("grid: not a sweep")
	}
	// x positions: numbers when every value of the first parameter is one,
	// else the order of first appearance.
	var firsts []string
	seen := map[string]int{}
	allNumeric := true
	for _, r := range t.Runs {
		v := r.Values[0]
		if _, ok := seen[v]; !ok {
			seen[v] = len(firsts)
			firsts = append(firsts, v)
			_, isNum := numeric(v)
			allNumeric = allNumeric && isNum
		}
	}
	xOf := func(v string) float64 {
		if allNumeric {
			x, _ := numeric(v)
			return x
		}
		return float64(seen[v])
	}
	var groups []string
	for _, r := range t.Runs {
		g := ""
		if len(r.Values) > 1 {
			g = r.Values[1]
		}
		if !contains(groups, g) {
			groups = append(groups, g)
		}
	}
	var out []Chart
	for _, kpi := range t.KPIs {
		p := plot.New()
		p.Title.Text = fmt.Sprintf("%s (%s) by %s", kpi, t.Nation, t.Params[0])
		p.X.Label.Text = t.Params[0]
		p.Y.Label.Text = kpi
		p.Legend.Top = true
		if !allNumeric {
			ticks := make([]plot.Tick, len(firsts))
			for i, v := range firsts {
				ticks[i] = plot.Tick{Value: float64(i), Label: v}
			}
			p.X.Tick.Marker = plot.ConstantTicks(ticks)
		}
		drawn := false
		for gi, g := range groups {
			var pts plotter.XYs
			var errs plotter.YErrors
			for i, r := range t.Runs {
				if len(r.Values) > 1 && r.Values[1] != g {
					continue
				}
				c, err := t.Cell(i, kpi)
				if err != nil {
					return nil, err
				}
				if c.Summary == nil {
					continue
				}
				pts = append(pts, plotter.XY{X: xOf(r.Values[0]), Y: c.Summary.Mean})
				errs = append(errs, struct{ Low, High float64 }{c.Summary.Mean - c.Summary.CI95[0], c.Summary.CI95[1] - c.Summary.Mean})
			}
			if len(pts) == 0 {
				continue
			}
			col := okabeIto[gi%len(okabeIto)]
			line, points, err := plotter.NewLinePoints(pts)
			if err != nil {
				return nil, fmt.Errorf("grid: %s: %w", kpi, err)
			}
			line.Color, points.Color = col, col
			points.Shape = draw.CircleGlyph{}
			bars, err := plotter.NewYErrorBars(struct {
				plotter.XYer
				plotter.YErrorer
			}{pts, errs})
			if err != nil {
				return nil, fmt.Errorf("grid: %s: %w", kpi, err)
			}
			bars.Color = col
			p.Add(line, points, bars)
			if len(t.Params) > 1 {
				p.Legend.Add(t.Params[1]+" = "+g, line, points)
			}
			drawn = true
		}
		if !drawn {
			continue // the KPI does not apply to this nation
		}
		c := Chart{KPI: kpi}
		var err error
		if c.SVG, c.PNG, err = Render(p, 18*vg.Centimeter, 11*vg.Centimeter); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("grid: none of the KPIs %v applies to %s", t.KPIs, t.Nation)
	}
	return out, nil
}

// Render draws p at width × height as SVG and as a 144 dpi PNG, the two
// forms every stand-alone chart of a sweep or a sensitivity study is
// written in.
func Render(p *plot.Plot, width, height vg.Length) (svg, png []byte, err error) {
	var buf bytes.Buffer
	sc := vgsvg.New(width, height)
	p.Draw(draw.New(sc))
	if _, err := sc.WriteTo(&buf); err != nil {
		return nil, nil, err
	}
	svg = append([]byte(nil), buf.Bytes()...)
	buf.Reset()
	img := vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(144))}
	p.Draw(draw.New(img))
	if _, err := img.WriteTo(&buf); err != nil {
		return nil, nil, err
	}
	return svg, buf.Bytes(), nil
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
