package model

import (
	"reflect"
	"testing"
	"time"

	"github.com/outagesim/outagesim/sim/calendar"
)

func TestPeriods(t *testing.T) {
	const h, day = 3600.0, 86400.0
	base := func() *Config {
		cfg := smallConfig()
		cfg.Horizon = 28 * day
		return cfg
	}
	for _, tc := range []struct {
		name   string
		warmup float64
		outage func(cfg *Config) *Outage
		want   []Period
	}{
		{"no outage", 0, func(*Config) *Outage { return nil },
			[]Period{{PeriodRun, 0, 28 * day}}},
		{"no outage, a day's warm-up", day, func(*Config) *Outage { return nil },
			[]Period{{PeriodWarmup, 0, day}, {PeriodRun, day, 28 * day}}},
		{"two days' warm-up before the outage", 2 * day, func(cfg *Config) *Outage {
			o := outage()
			o.Start = 3*day + 7*h
			o.Waves = nil
			return o
		}, []Period{{PeriodWarmup, 0, 2 * day}, {PeriodBefore, 2 * day, 3*day + 7*h}, {PeriodDown, 3*day + 7*h, 28 * day},
			{PeriodOutageWindow, 3*day + 7*h, 28 * day}, {PeriodRun, 2 * day, 28 * day}}},
		{"never reconnected", 0, func(cfg *Config) *Outage {
			o := outage()
			o.Start = 3*day + 7*h
			o.Waves = nil
			return o
		}, []Period{{PeriodBefore, 0, 3*day + 7*h}, {PeriodDown, 3*day + 7*h, 28 * day},
			{PeriodOutageWindow, 3*day + 7*h, 28 * day}, {PeriodRun, 0, 28 * day}}},
		{"ten days down, reconnected in two waves", 0, func(cfg *Config) *Outage {
			o := outage()
			o.Start = 2 * day
			o.Waves = []Wave{{At: 12 * day, Services: cfg.AffectedServices(), Fraction: 0.5},
				{At: 14 * day, Services: cfg.AffectedServices(), Fraction: 1}}
			return o
		}, []Period{{PeriodBefore, 0, 2 * day}, {PeriodDown, 2 * day, 12 * day}, {PeriodRecovery, 12 * day, 14 * day},
			{PeriodAfter, 14 * day, 28 * day}, {PeriodOutageWindow, 2 * day, 14 * day}, {PeriodRun, 0, 28 * day}}},
		{"full reconnection after the end of the run", 0, func(cfg *Config) *Outage {
			o := outage()
			o.Start = 2 * day
			o.Waves = []Wave{{At: 20 * day, Services: cfg.AffectedServices(), Fraction: 0.5},
				{At: 40 * day, Services: cfg.AffectedServices(), Fraction: 1}}
			return o
		}, []Period{{PeriodBefore, 0, 2 * day}, {PeriodDown, 2 * day, 20 * day}, {PeriodRecovery, 20 * day, 28 * day},
			{PeriodOutageWindow, 2 * day, 28 * day}, {PeriodRun, 0, 28 * day}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := base()
			cfg.Warmup = tc.warmup
			cfg.Outage = outage() // AffectedServices needs the systems
			cfg.Outage = tc.outage(cfg)
			if got := cfg.Periods(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("periods\n got %v\nwant %v", got, tc.want)
			}
			if cf := Counterfactual(cfg); !reflect.DeepEqual(cf.Periods(), tc.want) {
				t.Errorf("the counterfactual is measured over %v", cf.Periods())
			}
		})
	}
}

// Segments cut the run at local midnights, which move with the clocks,
// and at period boundaries; every segment lies in one day and one period.
func TestSegmentsAcrossDST(t *testing.T) {
	start := time.Date(2022, 10, 29, 0, 0, 0, 0, calendar.London()) // clocks go back on 30 Oct
	cal, err := calendar.New(start, 3*86400+3600)
	if err != nil {
		t.Fatal(err)
	}
	var dayStarts []float64
	last := calendar.Date{}
	for _, t0 := range cal.HourStarts() {
		if d := cal.LocalDate(t0); d != last {
			dayStarts = append(dayStarts, t0)
			last = d
		}
	}
	if len(dayStarts) != 3 || dayStarts[2]-dayStarts[1] != 25*3600 {
		t.Fatalf("day starts %v: want 30 Oct to last 25 hours", dayStarts)
	}
	periods := []Period{{PeriodBefore, 0, 30 * 3600}, {PeriodDown, 30 * 3600, 3*86400 + 3600},
		{PeriodOutageWindow, 30 * 3600, 3*86400 + 3600}, {PeriodRun, 0, 3*86400 + 3600}}
	segs := segments(dayStarts, 3*86400+3600, periods)
	want := []Segment{
		{0, 86400, 0, 0},
		{86400, 30 * 3600, 1, 0},
		{30 * 3600, 86400 + 25*3600, 1, 1},
		{86400 + 25*3600, 3*86400 + 3600, 2, 1},
	}
	if !reflect.DeepEqual(segs, want) {
		t.Errorf("segments\n got %v\nwant %v", segs, want)
	}
}
