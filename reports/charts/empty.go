package charts

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/outagesim/outagesim/sim/kpi"
)

// problemNoValue is SeriesError.Problem for a series with the right shape
// and no valid value: a valid scenario can give one (no adviser on duty,
// no calls, every contact online), so All draws the chart empty, saying
// why, instead of failing.
const problemNoValue = "no valid value (all NaN or infinite)"

// titles are the charts' titles, for an empty chart (a test keeps them the
// same as the drawn charts').
var titles = map[string]string{
	IDCallsPerHour:     "NHS 111 calls per hour, by nation",
	IDAnsweredWithin60: "NHS 111 calls answered within 60 seconds",
	IDGPSurge:          "GP practices: same-day demand against capacity",
	IDReferralsByMode:  "UK referrals from NHS 111 per day, by how they were sent",
	IDOOH:              "GP out-of-hours: cases waiting and time to consultation",
	IDEDAmbulance:      "A&E and ambulance dispositions per day",
}

// emptyReasons say why a series can have no value at all; the default
// covers shares and averages whose denominator was 0 throughout.
var emptyReasons = map[string]string{
	kpi.AnsweredWithin60sPct:     "no call was answered on any day (no adviser on duty, no phone calls offered, or every contact went online), so there is no share of answered calls to plot",
	kpi.OOHTimeToConsultationMin: "no out-of-hours case reached a consultation on any day, so there is no time to consultation to plot",
}

// emptyFigure is the chart that cannot be drawn because se's series has no
// value: its title, one blank panel that says why, and a caption and alt
// text that say the same.
func (b *builder) emptyFigure(id string, se *SeriesError) *figure {
	what := se.Series
	if d, ok := kpi.Lookup(se.Series); ok {
		what = d.Label
	}
	reason, ok := emptyReasons[se.Series]
	if !ok {
		reason = "it is a share or an average, and what it is taken over was 0 on every day"
	}
	run := ""
	if se.Run == "counterfactual" {
		run = " without the outage"
	}
	why := fmt.Sprintf("This chart is empty: “%s” (%s%s) has no value, because %s.", what, nationName(se.Nation), run, reason)
	p := b.timePanel(nationName(se.Nation), "", fullPanelWidth, false)
	setY(p, 0, 1)
	p.Y.Tick.Marker = plot.ConstantTicks(nil)
	if l, err := plotter.NewLabels(plotter.XYLabels{
		XYs:    []plotter.XY{{X: (b.xMin + b.xMax) / 2, Y: 0.5}},
		Labels: []string{"No data: see the caption"},
	}); err == nil {
		l.TextStyle[0].XAlign, l.TextStyle[0].YAlign = draw.XCenter, draw.YCenter
		p.Add(l)
	}
	return &figure{
		id: id, title: titles[id], caption: why, alt: why,
		sections: []section{{rows: 1, cols: 1, panels: []*plot.Plot{p}, height: vg.Length(160)}},
	}
}
