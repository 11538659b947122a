package write

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/stats"
)

// KPIsCSV writes kpis.csv: one row per area (each nation followed by its
// regions, then the UK, as in summary.json), KPI and run (outage,
// counterfactual, impact) with the mean, its 95% interval and the 5th,
// 50th and 95th percentiles across replications. The area column keeps
// its first name, "nation", for the readers written before regions.
func KPIsCSV(w io.Writer, a *reports.Aggregate) error {
	if err := validate(a, nil, Meta{}, 0); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"nation", "kpi", "run", "mean", "ci_lo", "ci_hi", "p5", "p50", "p95"})
	keys := kpiKeys(a)
	for _, n := range a.AreaNames() {
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
	if err := validate(a, nil, Meta{}, reports.TimeSeries); err != nil {
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

// DailyImpactCSV writes daily_impact.csv: one row per local date, area and
// KPI with the outage run's mean, the counterfactual's and the paired
// impact with its 95% interval across replications (the last three empty
// without an outage). A KPI undefined on a day is left out.
func DailyImpactCSV(w io.Writer, a *reports.Aggregate) error {
	if a == nil {
		return errors.New("write: no aggregate")
	}
	if err := a.Require(reports.DailyKPIs); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"date", "area", "kpi", "outage", "counterfactual", "impact", "impact_ci95_lo", "impact_ci95_hi"})
	for _, d := range a.Daily {
		row := []string{d.Date.String(), d.Area, d.Key, dataNum(d.Outage.Mean), "", "", "", ""}
		if d.Counterfactual != nil {
			row[4], row[5] = dataNum(d.Counterfactual.Mean), dataNum(d.Impact.Mean)
			row[6], row[7] = dataNum(d.Impact.CI95[0]), dataNum(d.Impact.CI95[1])
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// ReplicationsCSV writes replications.csv: one row per replication, run
// (outage, counterfactual), period, area and KPI with the KPI's value in
// that replication, for analysts who want their own statistics.
func ReplicationsCSV(w io.Writer, a *reports.Aggregate) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"replication", "run", "period", "area", "kpi", "value"})
	for rep := range a.Replications {
		for _, k := range a.PeriodKPIs {
			for _, run := range []struct {
				name string
				vals []float64
			}{{"outage", k.Values}, {"counterfactual", k.CounterfactualValues}} {
				if rep < len(run.vals) {
					cw.Write([]string{strconv.Itoa(rep), run.name, k.Period, k.Nation, k.Key, dataNum(run.vals[rep])})
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
