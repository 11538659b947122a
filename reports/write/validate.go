package write

import (
	"errors"
	"fmt"
	"math"
	"regexp"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/charts"
	"github.com/outagesim/outagesim/reports/stats"
)

// validate checks that everything a report prints as a number is a
// number, before anything is rendered: a NaN or an infinity names the KPI
// or series it is in. Series may hold NaN where a value is undefined (a
// day with no answered calls has no service level); those become empty
// cells. need are the aggregate's parts the files to be written read: an
// aggregate built without one of them is refused, rather than written
// as if the run had no days or series.
func validate(a *reports.Aggregate, cs []charts.Chart, meta Meta, need reports.Parts) error {
	if a == nil {
		return errors.New("write: no aggregate")
	}
	if err := a.Require(need); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if a.Replications < 1 {
		return fmt.Errorf("write: aggregate has %d replications", a.Replications)
	}
	if len(a.KPIs) == 0 {
		return errors.New("write: aggregate has no KPIs")
	}
	if need&reports.TimeSeries != 0 && len(a.Series) == 0 {
		return errors.New("write: aggregate has no time series")
	}
	var errs []error
	for _, k := range a.KPIs {
		if (k.Counterfactual == nil) != (k.Impact == nil) {
			errs = append(errs, fmt.Errorf("KPI %s (%s): a counterfactual needs an impact and the reverse", k.Key, k.Nation))
		}
		for _, run := range []struct {
			name string
			s    *stats.Summary
		}{{"outage", &k.Outage}, {"counterfactual", k.Counterfactual}, {"impact", k.Impact}} {
			if run.s == nil {
				continue
			}
			s := run.s
			for _, v := range []struct {
				name string
				x    float64
			}{{"mean", s.Mean}, {"ci95 lower", s.CI95[0]}, {"ci95 upper", s.CI95[1]}, {"p5", s.P5}, {"p50", s.P50}, {"p95", s.P95}} {
				if math.IsNaN(v.x) || math.IsInf(v.x, 0) {
					errs = append(errs, fmt.Errorf("KPI %s (%s), %s %s: %v is not a number a report can show", k.Key, k.Nation, run.name, v.name, v.x))
				}
			}
		}
	}
	for _, s := range a.Series {
		errs = append(errs, checkSeries(a, &s)...)
	}
	seen := map[string]bool{}
	for i, c := range cs {
		if err := checkChart(c); err != nil {
			errs = append(errs, fmt.Errorf("chart %d (%q): %w", i+1, c.ID, err))
		}
		if seen[c.ID] {
			errs = append(errs, fmt.Errorf("chart %d: ID %q used twice", i+1, c.ID))
		}
		seen[c.ID] = true
	}
	if meta.Hash != "" && !sha256Hex.MatchString(meta.Hash) {
		errs = append(errs, fmt.Errorf("meta: scenario hash %q is not a SHA-256 in hex (64 lowercase hex digits)", meta.Hash))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

var (
	sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)
	chartID   = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
)

// checkSeries checks a series' lengths and values. A series has one value
// per day (or hour), or none at all when the aggregate does not hold it
// for that nation.
func checkSeries(a *reports.Aggregate, s *reports.Series) []error {
	res, want := "hourly", len(a.HourStarts)
	if s.Daily {
		res, want = "daily", len(a.Days)
	}
	name := fmt.Sprintf("series %s (%s, %s)", s.Name, s.Nation, res)
	var errs []error
	for _, c := range s.Columns() {
		if len(c.Values) != want {
			errs = append(errs, fmt.Errorf("%s, %s %s: %d values, want %d", name, c.Run, c.Stat, len(c.Values), want))
			continue
		}
		for i, x := range c.Values {
			if math.IsInf(x, 0) {
				errs = append(errs, fmt.Errorf("%s, %s %s at %s: %v is not a number a report can show", name, c.Run, c.Stat, timeLabel(a, s.Daily, i), x))
				break
			}
		}
	}
	return errs
}

// checkChart checks a chart before it is embedded or written.
func checkChart(c charts.Chart) error {
	switch {
	case !chartID.MatchString(c.ID):
		return fmt.Errorf("ID %q is not a file-name stem (lowercase letters, digits and hyphens)", c.ID)
	case c.Title == "":
		return errors.New("no title")
	case c.Alt == "":
		return errors.New("no alt text")
	case len(c.PNG) < 8 || string(c.PNG[:8]) != "\x89PNG\r\n\x1a\n":
		return errors.New("PNG is empty or not a PNG")
	}
	_, err := inlineSVG(c.SVG, c.ID, c.Alt)
	return err
}
