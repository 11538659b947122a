package charts

import (
	"errors"
	"fmt"
	"strings"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/internal/par"
)

// Chart is one rendered figure of a report.
type Chart struct {
	// ID is a stable file-name stem, e.g. "a-calls-per-hour".
	ID string
	// Title and Caption are shown with the figure; Alt describes it for
	// screen readers.
	Title, Caption, Alt string
	// SVG is embedded in report.html; PNG is written beside it.
	//
	// The SVG leaves Title and Caption to the page (it carries them only
	// as <title> and <desc>) and has no XML declaration, so it can be
	// pasted into HTML as it is; style it with width: 100%; height: auto.
	// The PNG is read on its own, so it draws Title and Caption above the
	// chart.
	SVG, PNG []byte
}

// IDs of the charts, in report order.
const (
	IDCallsPerHour     = "a-calls-per-hour"
	IDAnsweredWithin60 = "b-answered-within-60s"
	IDGPSurge          = "c-gp-surge"
	IDReferralsByMode  = "d-referrals-by-mode"
	IDOOH              = "e-ooh"
	IDEDAmbulance      = "f-ed-ambulance"
)

// builders make the figures in report order.
var builders = []struct {
	id    string
	build func(*builder) (*figure, error)
}{
	{IDCallsPerHour, (*builder).callsPerHour},
	{IDAnsweredWithin60, (*builder).answeredWithin60s},
	{IDGPSurge, (*builder).gpSurge},
	{IDReferralsByMode, (*builder).referralsByMode},
	{IDOOH, (*builder).ooh},
	{IDEDAmbulance, (*builder).edAmbulance},
	{IDDailyImpact, (*builder).dailyImpact},
	{IDGPSurgeByRegion, (*builder).gpSurgeByRegion},
}

// All renders the report's charts (a–f of the report design, and g, the
// outage's daily impact) from an
// aggregate, in report order.
//
// A day or hour whose value is NaN is left as a gap. A chart whose series
// has no valid value at all (a share of answered calls when none was
// answered) is drawn empty, with a caption that says why. A series that a
// chart needs but that is missing or of the wrong length is an error (a
// *SeriesError), as is an aggregate with no days or one built without
// its daily KPIs or series (reports.ErrOmitted); All never returns a
// partial set.
func All(a *reports.Aggregate) ([]Chart, error) {
	figs, err := build(a)
	if err != nil {
		return nil, err
	}
	// Each chart renders into its own slot, so the result does not depend
	// on scheduling.
	charts := make([]Chart, len(figs))
	errs := make([]error, len(figs))
	// One chart per core at a time: each PNG is drawn on full-size RGBA
	// canvases (about 20 MB a chart), and drawing all seven at once on two
	// cores raised a run's peak memory by a third for no gain in time.
	par.Each(len(figs), func(i int) {
		f := figs[i]
		c := Chart{ID: f.id, Title: f.title, Caption: f.caption, Alt: f.alt}
		if c.SVG, errs[i] = f.svg(); errs[i] != nil {
			return
		}
		c.PNG, errs[i] = f.png()
		charts[i] = c
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return charts, nil
}

// build checks the aggregate and lays out every figure, drawing nothing.
func build(a *reports.Aggregate) ([]*figure, error) {
	if a == nil {
		return nil, errors.New("charts: no aggregate")
	}
	// The charts draw the series and the daily KPIs (the GP surge's
	// peak day): without them they would say the run had none.
	if err := a.Require(reports.AllParts); err != nil {
		return nil, fmt.Errorf("charts: %w", err)
	}
	if err := checkAggregate(a); err != nil {
		return nil, err
	}
	var figs []*figure
	for _, bd := range builders {
		b := newBuilder(a, bd.id)
		f, err := bd.build(b)
		var se *SeriesError
		if errors.As(err, &se) && se.Problem == problemNoValue {
			f, err = b.emptyFigure(bd.id, se), nil
		}
		if err != nil {
			return nil, err
		}
		if f == nil {
			continue // the scenario does not model what this chart shows
		}
		f.id = bd.id
		f.alt = strings.TrimSpace(f.alt)
		figs = append(figs, f)
	}
	return figs, nil
}

// SeriesError is a series that a chart needs but cannot draw.
type SeriesError struct {
	Chart  string // the chart's ID
	Nation string // as in Aggregate.Nations
	Series string // the series' name, as in Aggregate.Find
	Daily  bool
	// Run is "outage", "counterfactual", or "run" for a scenario without
	// an outage.
	Run     string
	Problem string
}

func (e *SeriesError) Error() string {
	freq := "hourly"
	if e.Daily {
		freq = "daily"
	}
	return fmt.Sprintf("chart %s: %s series %q of %s (%s): %s", e.Chart, freq, e.Series, e.Nation, e.Run, e.Problem)
}

func checkAggregate(a *reports.Aggregate) error {
	switch {
	case len(a.Days) == 0:
		return errors.New("charts: the aggregate has no days")
	case len(a.HourStarts) == 0:
		return errors.New("charts: the aggregate has no hours")
	case len(a.Nations) == 0:
		return errors.New("charts: the aggregate has no nations")
	case a.Start.IsZero():
		return errors.New("charts: the aggregate has no start time")
	}
	for i, d := range a.Days {
		if !d.Valid() {
			return fmt.Errorf("charts: day %d (%v) is not a valid date", i, d)
		}
		if i > 0 && d != a.Days[i-1].AddDays(1) {
			return fmt.Errorf("charts: day %d (%v) does not follow %v", i, d, a.Days[i-1])
		}
	}
	for i := 1; i < len(a.HourStarts); i++ {
		if !(a.HourStarts[i] > a.HourStarts[i-1]) {
			return fmt.Errorf("charts: hour %d starts at %v, not after hour %d", i, a.HourStarts[i], i-1)
		}
	}
	return nil
}
