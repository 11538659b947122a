package charts

import (
	"bytes"
	"fmt"
	"html"
	"image/color"
	"image/png"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// figure is a chart before rendering: a shared legend above one or more
// grids of panels.
type figure struct {
	id, title, caption, alt string
	legend                  []legendItem
	sections                []section
}

// section is a grid of panels, drawn with aligned data areas.
type section struct {
	rows, cols int
	panels     []*plot.Plot // row-major; nil leaves a cell empty
	height     vg.Length
}

// legendItem is one legend entry: a thumbnail drawn into a small canvas
// and its label.
type legendItem struct {
	label string
	thumb func(c draw.Canvas)
}

func lineThumb(sty draw.LineStyle) func(draw.Canvas) {
	return func(c draw.Canvas) {
		y := (c.Min.Y + c.Max.Y) / 2
		c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
	}
}

func markerLineThumb(sty draw.LineStyle, g draw.GlyphStyle) func(draw.Canvas) {
	return func(c draw.Canvas) {
		lineThumb(sty)(c)
		c.DrawGlyphNoClip(g, c.Center())
	}
}

func swatchThumb(fill color.Color) func(draw.Canvas) {
	return func(c draw.Canvas) {
		r := c.Rectangle
		c.FillPolygon(fill, []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}})
		c.StrokeLines(draw.LineStyle{Color: color.NRGBA{0, 0, 0, 0x60}, Width: 0.4},
			[]vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}, r.Min})
	}
}

func bandLineThumb(fill color.Color, sty draw.LineStyle) func(draw.Canvas) {
	return func(c draw.Canvas) {
		h := (c.Max.Y - c.Min.Y) / 2
		y := (c.Min.Y + c.Max.Y) / 2
		c.FillPolygon(fill, []vg.Point{{X: c.Min.X, Y: y - h}, {X: c.Max.X, Y: y - h}, {X: c.Max.X, Y: y + h}, {X: c.Min.X, Y: y + h}})
		lineThumb(sty)(c)
	}
}

func vlineThumb(sty draw.LineStyle) func(draw.Canvas) {
	return func(c draw.Canvas) {
		x := (c.Min.X + c.Max.X) / 2
		sty.Width *= 1.5
		c.StrokeLine2(sty, x, c.Min.Y-2, x, c.Max.Y+2)
	}
}

const (
	thumbWidth  vg.Length = 24
	thumbGap    vg.Length = 5
	legendGap   vg.Length = 18 // between entries
	sectionGap  vg.Length = 10
	headerGap   vg.Length = 6
	legendAfter vg.Length = 8
)

// legendRows splits the legend into rows that fit the figure's width.
func (f *figure) legendRows(sty text.Style) [][]legendItem {
	avail := figureWidth - 2*margin
	var rows [][]legendItem
	var row []legendItem
	var used vg.Length
	for _, it := range f.legend {
		w := thumbWidth + thumbGap + sty.Width(it.label)
		if len(row) > 0 && used+legendGap+w > avail {
			rows, row, used = append(rows, row), nil, 0
		}
		if len(row) > 0 {
			used += legendGap
		}
		row, used = append(row, it), used+w
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// wrap breaks s into lines no wider than width.
func wrap(sty text.Style, s string, width vg.Length) []string {
	var lines []string
	var cur string
	for _, w := range strings.Fields(s) {
		next := w
		if cur != "" {
			next = cur + " " + w
		}
		if cur != "" && sty.Width(next) > width {
			lines, cur = append(lines, cur), w
			continue
		}
		cur = next
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// lineHeight is the baseline-to-baseline distance of sty's font.
func lineHeight(sty text.Style) vg.Length {
	return sty.FontExtents().Height * 1.15
}

// layout measures the figure. A standalone figure (the PNG, read on its
// own) carries its title and caption; the SVG leaves them to the page.
type layout struct {
	height, header vg.Length
	titleLines     []string
	captionLines   []string
	legendRows     [][]legendItem
}

func (f *figure) layout(standalone bool) layout {
	var l layout
	l.height = margin
	if standalone {
		avail := figureWidth - 2*margin
		l.titleLines = wrap(textStyle(titleFontSize, true), f.title, avail)
		l.captionLines = wrap(textStyle(captionSize, false), f.caption, avail)
		l.header = vg.Length(len(l.titleLines))*lineHeight(textStyle(titleFontSize, true)) +
			vg.Length(len(l.captionLines))*lineHeight(textStyle(captionSize, false)) + 2*headerGap
		l.height += l.header
	}
	l.legendRows = f.legendRows(textStyle(legendFontSize, false))
	l.height += vg.Length(len(l.legendRows))*lineHeight(textStyle(legendFontSize, false)) + legendAfter
	for i, s := range f.sections {
		if i > 0 {
			l.height += sectionGap
		}
		l.height += s.height
	}
	l.height += margin
	// Whole points, so that the PNG's pixel size is exactly predictable.
	l.height = vg.Length(math.Ceil(float64(l.height)))
	return l
}

// draw renders the figure onto c, whose size is figureWidth × l.height.
// background says whether to paint it white first (a new image canvas
// already is, and rasterising a fill of the whole image is slow).
func (f *figure) draw(c draw.Canvas, l layout, background bool) {
	if background {
		c.SetColor(color.White)
		c.Fill(c.Rectangle.Path())
	}
	y := c.Max.Y - margin
	left := c.Min.X + margin
	put := func(sty text.Style, s string) {
		h := lineHeight(sty)
		sty.YAlign = draw.YTop
		c.FillText(sty, vg.Point{X: left, Y: y}, s)
		y -= h
	}
	for _, s := range l.titleLines {
		put(textStyle(titleFontSize, true), s)
	}
	if len(l.titleLines) > 0 {
		y -= headerGap
	}
	for _, s := range l.captionLines {
		put(textStyle(captionSize, false), s)
	}
	if len(l.captionLines) > 0 {
		y -= headerGap
	}
	lsty := textStyle(legendFontSize, false)
	lh := lineHeight(lsty)
	ext := lsty.FontExtents()
	for _, row := range l.legendRows {
		x := left
		for _, it := range row {
			// The thumbnail spans the text's x-height band and a little more.
			mid := y - lh/2
			th := ext.Ascent * 0.8
			thumb := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
				Min: vg.Point{X: x, Y: mid - th/2}, Max: vg.Point{X: x + thumbWidth, Y: mid + th/2}}}
			it.thumb(thumb)
			sty := lsty
			sty.YAlign = draw.YCenter
			c.FillText(sty, vg.Point{X: x + thumbWidth + thumbGap, Y: mid}, it.label)
			x += thumbWidth + thumbGap + lsty.Width(it.label) + legendGap
		}
		y -= lh
	}
	y -= legendAfter
	for i, s := range f.sections {
		if i > 0 {
			y -= sectionGap
		}
		area := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: left, Y: y - s.height}, Max: vg.Point{X: c.Max.X - margin, Y: y}}}
		grid := make([][]*plot.Plot, s.rows)
		for r := range s.rows {
			grid[r] = s.panels[r*s.cols : (r+1)*s.cols]
		}
		tiles := draw.Tiles{Rows: s.rows, Cols: s.cols, PadX: 18, PadY: 8}
		canvases := plot.Align(grid, tiles, area)
		for r := range s.rows {
			for col := range s.cols {
				if p := grid[r][col]; p != nil {
					p.Draw(canvases[r][col])
				}
			}
		}
		y -= s.height
	}
}

// svg renders the figure for inline use in HTML: no XML declaration, a
// <title> and <desc> for screen readers, and Arial and sans-serif as
// fallbacks for Liberation Sans, which a reader's browser may lack.
func (f *figure) svg() ([]byte, error) {
	l := f.layout(false)
	c := vgsvg.New(figureWidth, l.height)
	f.draw(draw.New(c), l, true)
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart %s: SVG: %w", f.id, err)
	}
	out := buf.String()
	start := strings.Index(out, "<svg")
	if start < 0 {
		return nil, fmt.Errorf("chart %s: SVG: no <svg> element", f.id)
	}
	end := start + strings.Index(out[start:], ">") + 1
	var b strings.Builder
	b.Grow(len(out) + len(f.alt) + 200)
	b.WriteString(out[start : end-1])
	b.WriteString(` role="img">`)
	fmt.Fprintf(&b, "\n<title>%s</title>\n<desc>%s</desc>", html.EscapeString(f.title), html.EscapeString(f.alt))
	b.WriteString(strings.ReplaceAll(out[end:], "font-family:Liberation Sans;",
		"font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
	return []byte(b.String()), nil
}

// png renders the standalone figure at pngDPI.
func (f *figure) png() ([]byte, error) {
	l := f.layout(true)
	c := vgimg.NewWith(vgimg.UseWH(figureWidth, l.height), vgimg.UseDPI(pngDPI), vgimg.UseBackgroundColor(color.White))
	f.draw(draw.New(c), l, false)
	var buf bytes.Buffer
	// Best speed: the default level takes as long as drawing the chart and
	// saves little on images that are mostly flat colour.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, c.Image()); err != nil {
		return nil, fmt.Errorf("chart %s: PNG: %w", f.id, err)
	}
	return buf.Bytes(), nil
}

// pngSize is the pixel size of a PNG of the given height in points, as
// vgimg rounds it.
func pngSize(height vg.Length) (w, h int) {
	width := float64(figureWidth)
	return int(width/72*pngDPI + 0.5), int(float64(height)/72*pngDPI + 0.5)
}
