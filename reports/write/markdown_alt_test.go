package write

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/reports/charts"
)

// TestMarkdownAltTextIsTheChartsDescription: each image in report.md has
// the chart's own description (its numbers, for readers who cannot see
// it) as alt text, escaped so that it stays one Markdown image.
func TestMarkdownAltTextIsTheChartsDescription(t *testing.T) {
	a := runAggregate(t, true, 2, 1)
	cs, err := charts.All(a)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Markdown(&b, a, cs, testMeta(a.Start)); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	digits := regexp.MustCompile(`[0-9]`)
	for _, c := range cs {
		want := "![" + mdText(c.Alt) + "](" + pngPath(c.ID) + ")"
		if !strings.Contains(md, want) {
			t.Errorf("report.md lacks %s", want)
		}
		if !digits.MatchString(c.Alt) || strings.Contains(strings.ToLower(c.Alt), "chart of") {
			t.Errorf("%s: alt text %q does not describe the data", c.ID, c.Alt)
		}
	}
	if n := strings.Count(md, "]("+chartsDir+"/"); n != len(cs) {
		t.Errorf("report.md has %d chart images, want %d", n, len(cs))
	}
}
