package write

import (
	"encoding/csv"
	"io"
	"math"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/stats"
)

// KPIsCSV writes kpis.csv: one row per nation, KPI and run (outage,
// counterfactual, impact) with the mean, its 95% interval and the 5th,
// 50th and 95th percentiles across replications.
func KPIsCSV(w io.Writer, a *reports.Aggregate) error {
	if err := validate(a, nil, Meta{}); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"nation", "kpi", "run", "mean", "ci_lo", "ci_hi", "p5", "p50", "p95"})
	keys := kpiKeys(a)
	for _, n := range a.Nations {
		for _, key := range keys {
			k := a.KPI(n, key)
			if k == nil {
				continue
			}
			for _, run := range []struct {
				name string
				s    *stats.Summary
			}{{"outage", &k.Outage}, {"counterfactual", k.Counterfactual}, {"impact", k.Impact}} {
				if run.s == nil {
					continue
				}
				s := run.s
				cw.Write([]string{n, key, run.name, dataNum(s.Mean), dataNum(s.CI95[0]), dataNum(s.CI95[1]),
					dataNum(s.P5), dataNum(s.P50), dataNum(s.P95)})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// TimeseriesCSV writes timeseries.csv, tidy: one row per nation, series,
// time, run and statistic. Hourly series have the mean across
// replications; daily ones also the 5th and 95th percentiles. A value that
// is undefined (a day with no answered calls has no service level) is an
// empty cell.
func TimeseriesCSV(w io.Writer, a *reports.Aggregate) error {
	if err := validate(a, nil, Meta{}); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"nation", "series", "resolution", "time", "run", "statistic", "value"})
	for i := range a.Series {
		s := &a.Series[i]
		resolution := "hour"
		if s.Daily {
			resolution = "day"
		}
		cols := s.Columns()
		if len(cols) == 0 {
			continue
		}
		for t := range cols[0].Values {
			when := timeLabel(a, s.Daily, t)
			for _, c := range cols {
				value := ""
				if x := c.Values[t]; !math.IsNaN(x) {
					value = dataNum(x)
				}
				cw.Write([]string{s.Nation, s.Name, resolution, when, c.Run, c.Stat, value})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
