package write

import (
	"errors"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
)

var (
	svgAttr   = regexp.MustCompile(`\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*"([^"]*)"`)
	svgID     = regexp.MustCompile(`\sid="([^"]+)"`)
	svgLength = regexp.MustCompile(`^\s*([0-9.]+)\s*(pt|px)?\s*$`)
)

// inlineSVG prepares a chart's SVG document for embedding in report.html:
// it drops the XML prolog, lets the figure scale to the page width while
// keeping its aspect ratio (a viewBox, no fixed size), labels it for
// screen readers (role="img" and aria-label), and prefixes its element IDs
// with the chart's ID so that charts on one page cannot capture each
// other's references. It refuses anything that could run code.
func inlineSVG(svg []byte, id, alt string) (string, error) {
	s := string(svg)
	start := strings.Index(s, "<svg")
	end := strings.LastIndex(s, "</svg>")
	if start < 0 || end < start {
		return "", errors.New("SVG has no <svg> element")
	}
	lower := strings.ToLower(s)
	for _, bad := range []string{"<script", "javascript:", "<foreignobject", "<iframe"} {
		if strings.Contains(lower, bad) {
			return "", fmt.Errorf("SVG contains %q", bad)
		}
	}
	if onAttr.MatchString(s) {
		return "", errors.New("SVG contains an event handler attribute")
	}
	tagEnd := strings.IndexByte(s[start:], '>')
	if tagEnd < 0 {
		return "", errors.New("SVG's <svg> tag is not closed")
	}
	root, body := s[start:start+tagEnd], s[start+tagEnd+1:end]

	var b strings.Builder
	b.WriteString("<svg")
	var width, height, viewBox string
	for _, m := range svgAttr.FindAllStringSubmatch(root, -1) {
		switch name, value := m[1], m[2]; name {
		case "width":
			width = value
		case "height":
			height = value
		case "viewBox":
			viewBox = value
		case "role", "aria-label", "class", "style", "focusable", "id":
			// set below
		default:
			fmt.Fprintf(&b, " %s=\"%s\"", name, value)
		}
	}
	if viewBox == "" {
		w, h := svgLength.FindStringSubmatch(width), svgLength.FindStringSubmatch(height)
		if w == nil || h == nil {
			return "", fmt.Errorf("SVG has no viewBox and no usable size (width %q, height %q)", width, height)
		}
		viewBox = "0 0 " + w[1] + " " + h[1]
	}
	if f := strings.Fields(viewBox); len(f) != 4 || !positive(f[2]) || !positive(f[3]) {
		return "", fmt.Errorf("SVG viewBox %q has no positive width and height", viewBox)
	}
	fmt.Fprintf(&b, ` viewBox="%s" class="chart-svg" role="img" aria-label="%s" focusable="false">`,
		viewBox, html.EscapeString(alt))

	ids := map[string]bool{}
	for _, m := range svgID.FindAllStringSubmatch(body, -1) {
		ids[m[1]] = true
	}
	if len(ids) > 0 {
		body = svgRef.ReplaceAllStringFunc(body, func(ref string) string {
			m := svgRef.FindStringSubmatch(ref)
			// m[1] is the text up to the name, m[2] the name, m[3] the rest.
			if !ids[m[2]] {
				return ref
			}
			return m[1] + id + "-" + m[2] + m[3]
		})
	}
	b.WriteString(body)
	b.WriteString("</svg>")
	return b.String(), nil
}

var (
	onAttr = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
	// svgRef matches an element ID and the references to one.
	svgRef = regexp.MustCompile(`(\sid="|url\(#|href="#)([^")]+)([")])`)
)

func positive(s string) bool {
	x, err := strconv.ParseFloat(s, 64)
	return err == nil && x > 0
}
