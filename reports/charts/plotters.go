package charts

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The plotters here know about invalid values: gonum's own reject NaN,
// and a missing day must show as a gap rather than as a line drawn
// through it. None implements plot.DataRanger; every panel sets its axis
// ranges itself.

func valid(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// line strokes ys against xs, broken wherever either is invalid. A valid
// point between two gaps is drawn as a dot so that it does not vanish.
type line struct {
	xs, ys []float64
	style  draw.LineStyle
	// marker, if its Shape is set, is drawn at every valid point.
	marker draw.GlyphStyle
}

func (l *line) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	seg := make([]vg.Point, 0, len(l.xs))
	flush := func() {
		switch {
		case len(seg) == 1 && l.marker.Shape == nil:
			c.DrawGlyph(draw.GlyphStyle{Color: l.style.Color, Radius: max(l.style.Width, 1.2), Shape: draw.CircleGlyph{}}, seg[0])
		case len(seg) > 1:
			c.StrokeLines(l.style, c.ClipLinesXY(seg)...)
		}
		seg = seg[:0]
	}
	for i := range l.xs {
		if !valid(l.xs[i]) || !valid(l.ys[i]) {
			flush()
			continue
		}
		seg = append(seg, vg.Point{X: trX(l.xs[i]), Y: trY(l.ys[i])})
	}
	flush()
	if l.marker.Shape != nil {
		for i := range l.xs {
			if valid(l.xs[i]) && valid(l.ys[i]) {
				c.DrawGlyph(l.marker, vg.Point{X: trX(l.xs[i]), Y: trY(l.ys[i])})
			}
		}
	}
}

// band fills the area between lo and hi, one polygon per run of valid
// points, so a missing day interrupts the band as it does the line.
type band struct {
	xs, lo, hi []float64
	fill       color.Color
	// halfWidth is how far a lone valid point's band extends either side,
	// in x units.
	halfWidth float64
}

func (b *band) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		xs, lo, hi := b.xs[start:end], b.lo[start:end], b.hi[start:end]
		if len(xs) == 1 {
			xs = []float64{xs[0] - b.halfWidth, xs[0] + b.halfWidth}
			lo, hi = []float64{lo[0], lo[0]}, []float64{hi[0], hi[0]}
		}
		pts := make([]vg.Point, 0, 2*len(xs))
		for i := range xs {
			pts = append(pts, vg.Point{X: trX(xs[i]), Y: trY(hi[i])})
		}
		for i := len(xs) - 1; i >= 0; i-- {
			pts = append(pts, vg.Point{X: trX(xs[i]), Y: trY(lo[i])})
		}
		c.FillPolygon(b.fill, c.ClipPolygonXY(pts))
		start = -1
	}
	for i := range b.xs {
		if valid(b.xs[i]) && valid(b.lo[i]) && valid(b.hi[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(b.xs))
}

// span shades the x interval [from, to] over the panel's full height.
type span struct {
	from, to float64
	fill     color.Color
}

func (s *span) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	from, to := max(s.from, p.X.Min), min(s.to, p.X.Max)
	if !(to > from) {
		return
	}
	c.FillPolygon(s.fill, []vg.Point{
		{X: trX(from), Y: c.Min.Y}, {X: trX(to), Y: c.Min.Y},
		{X: trX(to), Y: c.Max.Y}, {X: trX(from), Y: c.Max.Y},
	})
}

// vline draws a vertical line at each x over the panel's full height.
type vline struct {
	xs    []float64
	style draw.LineStyle
}

func (v *vline) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	for _, x := range v.xs {
		if x < p.X.Min || x > p.X.Max {
			continue
		}
		c.StrokeLine2(v.style, trX(x), c.Min.Y, trX(x), c.Max.Y)
	}
}

// rect is a filled rectangle in data coordinates.
type rect struct {
	x0, x1, y0, y1 float64
	fill           color.Color
}

// rects draws bars and highlights.
type rects []rect

func (rs rects) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, r := range rs {
		if !(r.y1 > r.y0) {
			continue
		}
		c.FillPolygon(r.fill, c.ClipPolygonXY([]vg.Point{
			{X: trX(r.x0), Y: trY(r.y0)}, {X: trX(r.x1), Y: trY(r.y0)},
			{X: trX(r.x1), Y: trY(r.y1)}, {X: trX(r.x0), Y: trY(r.y1)},
		}))
	}
}
