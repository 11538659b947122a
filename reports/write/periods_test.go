package write

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/stats"
	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/kpi"
	"github.com/outagesim/outagesim/sim/model"
	"github.com/outagesim/outagesim/sim/model/modeltest"
	"github.com/outagesim/outagesim/sim/replicate"
)

// fourWeeks is the small Welsh scenario over 28 days from start, its
// outage starting at outageAt (local) with the given waves (local times,
// fraction); every wave reconnects 111 Wales and its OOH service.
func fourWeeks(start, outageAt time.Time, waves map[time.Time]float64) *model.Config {
	cfg := modeltest.Wales(true)
	cfg.Start = start
	cfg.Horizon = end(start, 28).Sub(start).Seconds()
	cfg.Outage.Start = outageAt.Sub(start).Seconds()
	cfg.Outage.Waves = nil
	for at, f := range waves {
		cfg.Outage.Waves = append(cfg.Outage.Waves, model.Wave{At: at.Sub(start).Seconds(),
			Services: []string{"111-wales", "ooh:wales"}, Fraction: f})
	}
	slices.SortFunc(cfg.Outage.Waves, func(x, y model.Wave) int { return cmp.Compare(x.At, y.At) })
	return cfg
}

func end(start time.Time, days int) time.Time { return start.AddDate(0, 0, days) }

func local(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, calendar.London())
}

// TestPeriodsThroughThePipeline runs four-week scenarios through
// Summarise and Write and reads the periods back from summary.json: a
// 10-day outage reports its outage window with the right local dates,
// across a clock change, with no full reconnection, or with one after the
// run's end.
func TestPeriodsThroughThePipeline(t *testing.T) {
	aug1, oct17 := local(2022, 8, 1, 0), local(2022, 10, 17, 0)
	for _, tc := range []struct {
		name string
		cfg  *model.Config
		want map[string][2]string // period → from, to
	}{{
		name: "10 days in August",
		cfg:  fourWeeks(aug1, local(2022, 8, 4, 7), map[time.Time]float64{local(2022, 8, 9, 7): 0.5, local(2022, 8, 14, 7): 1}),
		want: map[string][2]string{
			"before":        {"2022-08-01T00:00:00+01:00", "2022-08-04T07:00:00+01:00"},
			"down":          {"2022-08-04T07:00:00+01:00", "2022-08-09T07:00:00+01:00"},
			"recovery":      {"2022-08-09T07:00:00+01:00", "2022-08-14T07:00:00+01:00"},
			"after":         {"2022-08-14T07:00:00+01:00", "2022-08-29T00:00:00+01:00"},
			"outage_window": {"2022-08-04T07:00:00+01:00", "2022-08-14T07:00:00+01:00"},
			"run":           {"2022-08-01T00:00:00+01:00", "2022-08-29T00:00:00+01:00"},
		},
	}, {
		// The clocks go back at 02:00 on 30 October: the window's end is in
		// GMT, and its 10 days hold 241 hours.
		name: "10 days across the clock change",
		cfg:  fourWeeks(oct17, local(2022, 10, 20, 9), map[time.Time]float64{local(2022, 10, 30, 9): 1}),
		want: map[string][2]string{
			"down":          {"2022-10-20T09:00:00+01:00", "2022-10-30T09:00:00+00:00"},
			"outage_window": {"2022-10-20T09:00:00+01:00", "2022-10-30T09:00:00+00:00"},
			"after":         {"2022-10-30T09:00:00+00:00", "2022-11-14T00:00:00+00:00"},
		},
	}, {
		name: "no reconnection",
		cfg:  fourWeeks(aug1, local(2022, 8, 4, 7), map[time.Time]float64{local(2022, 8, 9, 7): 0.5}),
		want: map[string][2]string{
			"recovery":      {"2022-08-09T07:00:00+01:00", "2022-08-29T00:00:00+01:00"},
			"outage_window": {"2022-08-04T07:00:00+01:00", "2022-08-29T00:00:00+01:00"},
		},
	}, {
		name: "reconnection after the run",
		cfg:  fourWeeks(aug1, local(2022, 8, 24, 7), map[time.Time]float64{local(2022, 9, 3, 7): 1}),
		want: map[string][2]string{
			"down":          {"2022-08-24T07:00:00+01:00", "2022-08-29T00:00:00+01:00"},
			"outage_window": {"2022-08-24T07:00:00+01:00", "2022-08-29T00:00:00+01:00"},
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := reports.Summarise(tc.cfg, replicate.Options{Replications: 2, Seed: 3})
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(t.TempDir(), "out")
			if err := Write(dir, a, nil, Meta{}, Formats{JSON: true}); err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Periods map[string]struct {
					From, To string
					KPIs     map[string]map[string]json.RawMessage
				}
			}
			if err := json.Unmarshal(readTree(t, dir)["summary.json"], &doc); err != nil {
				t.Fatal(err)
			}
			for name, w := range tc.want {
				p, ok := doc.Periods[name]
				if !ok {
					t.Errorf("summary.json has no period %q (has %v)", name, keysOf(doc.Periods))
					continue
				}
				if p.From != w[0] || p.To != w[1] {
					t.Errorf("%s: %s to %s, want %s to %s", name, p.From, p.To, w[0], w[1])
				}
				if _, ok := p.KPIs["abandoned_pct"]["wales"]; !ok {
					t.Errorf("%s: no abandoned_pct for wales", name)
				}
			}
			// The window's impact is undiluted: larger than the whole run's.
			win, run := a.PeriodKPI("outage_window", "wales", "abandoned_pct"), a.PeriodKPI("run", "wales", "abandoned_pct")
			if win.Impact.Mean <= run.Impact.Mean {
				t.Errorf("abandonment impact over the outage window %.2f ≤ over the run %.2f", win.Impact.Mean, run.Impact.Mean)
			}
		})
	}
}

func keysOf[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// TestDailyImpactCI recomputes one day's KPI replication by replication
// from the model's tallies and checks daily_impact.csv's impact and its
// interval are the paired statistics of those values.
func TestDailyImpactCI(t *testing.T) {
	cfg := testConfig(true)
	opts := replicate.Options{Replications: 4, Seed: 11}
	var out, cf [][]float64 // replication → day → abandoned_pct
	days := 0
	err := replicate.Run(cfg, opts, func(p replicate.Pair) error {
		for _, r := range []struct {
			res  *model.Result
			dest *[][]float64
		}{{p.Outage, &out}, {p.Counterfactual, &cf}} {
			days = len(r.res.Days)
			var row []float64
			for d := range days {
				w := kpi.Of(r.res, kpi.InNation("wales"), func(s model.Segment) bool { return s.Day == d })
				row = append(row, kpi.Map(w)[kpi.AbandonedPct])
			}
			*r.dest = append(*r.dest, row)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := reports.Summarise(cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := DailyImpactCSV(&b, a); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, row := range rows[1:] {
		if row[1] != "wales" || row[2] != kpi.AbandonedPct {
			continue
		}
		d := -1
		for i, date := range a.Days {
			if date.String() == row[0] {
				d = i
			}
		}
		var o, c []float64
		for r := range out {
			o, c = append(o, out[r][d]), append(c, cf[r][d])
		}
		imp, err := stats.Paired(o, c)
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range []float64{mean(o), mean(c), imp.Mean, imp.CI95[0], imp.CI95[1]} {
			got, _ := strconv.ParseFloat(row[3+i], 64)
			if math.Abs(got-want) > 1e-4 {
				t.Errorf("%s: column %d = %v, want %v", row[0], 3+i, got, want)
			}
		}
		checked++
	}
	if checked != days {
		t.Errorf("checked %d days of %d", checked, days)
	}
	// The outage's first day has a clear rise; the day before it none.
	if day := a.Daily; len(day) > 0 {
		first := dayKPI(a, a.Days[1], "wales", kpi.AbandonedPct)
		before := dayKPI(a, a.Days[0], "wales", kpi.AbandonedPct)
		if first == nil || before == nil || classify(first.Impact) != rise || before.Impact.Mean != 0 {
			t.Errorf("first day %+v, day before %+v: want a clear rise, then no impact", first, before)
		}
	}
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func dayKPI(a *reports.Aggregate, d calendar.Date, area, key string) *reports.DayKPI {
	for i := range a.Daily {
		if k := &a.Daily[i]; k.Date == d && k.Area == area && k.Key == key {
			return k
		}
	}
	return nil
}
