package scenarios

import (
	"fmt"
	"math"
	"time"

	"github.com/outagesim/outagesim/sim/calendar"
)

var weekdayOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

func (b *builder) demand(path string, which calendar.Nation, d *Demand) calendar.DemandProfile {
	var p calendar.DemandProfile
	if d.CallsPerDay == nil {
		b.missing(path+".calls_per_day", "the mean calls per ordinary day, e.g. 60000")
	} else {
		p.CallsPerDay = b.nonNeg(path+".calls_per_day", *d.CallsPerDay)
	}
	if d.Flat {
		for _, f := range []struct {
			name string
			set  bool
		}{
			{"day_of_week", d.DayOfWeek != nil}, {"bank_holiday", d.BankHoliday != nil}, {"month", d.Month != nil},
			{"hour_share_weekday", d.HourShareWeekday != nil}, {"hour_share_weekend", d.HourShareWeekend != nil},
			{"date_overrides", d.DateOverrides != nil},
		} {
			if f.set {
				b.fail(path+"."+f.name, "not used with flat: true (allowed: calls_per_day only)")
			}
		}
		p.BankHoliday = 1
		for i := range p.DayOfWeek {
			p.DayOfWeek[i] = 1
		}
		for i := range p.Month {
			p.Month[i] = 1
		}
		for h := range 24 {
			p.HourShareWeekday[h], p.HourShareWeekend[h] = 1.0/24, 1.0/24
		}
		return p
	}
	p.DayOfWeek = calendar.EnglandDayOfWeek2025()
	if d.DayOfWeek != nil {
		for i, f := range namedFields(d.DayOfWeek) {
			if v := f.v.Interface().(*float64); v != nil {
				p.DayOfWeek[weekdayOrder[i]] = b.positive(path+".day_of_week."+f.name, *v)
			}
		}
	}
	p.BankHoliday = calendar.EnglandBankHoliday2025()
	if d.BankHoliday != nil {
		p.BankHoliday = b.positive(path+".bank_holiday", *d.BankHoliday)
	}
	p.Month = calendar.EnglandMonth2025()
	if d.Month != nil {
		for i, f := range namedFields(d.Month) {
			if v := f.v.Interface().(*float64); v != nil {
				p.Month[i] = b.positive(path+".month."+f.name, *v)
			}
		}
	}
	p.HourShareWeekday = b.hourShares(path+".hour_share_weekday", d.HourShareWeekday, calendar.AssumedHourShareWeekday())
	p.HourShareWeekend = b.hourShares(path+".hour_share_weekend", d.HourShareWeekend, calendar.AssumedHourShareWeekend())
	if d.DateOverrides == nil {
		if (which == calendar.England || which == calendar.Wales) && !b.cfg.Start.IsZero() {
			end := b.cfg.Start.Add(time.Duration(b.cfg.Horizon * float64(time.Second)))
			p.DateOverrides = calendar.EnglandSpecialDays2025(b.cfg.Start.Year(), end.Year())
		}
	} else {
		for _, k := range sortedKeys(d.DateOverrides) {
			date, err := calendar.ParseDate(k)
			if err != nil || !date.Valid() {
				b.fail(path+".date_overrides."+k, "%q is not a date (allowed: YYYY-MM-DD)", k)
				continue
			}
			p.DateOverrides = append(p.DateOverrides, calendar.DateFactor{Date: date, Factor: b.nonNeg(path+".date_overrides."+k, d.DateOverrides[k])})
		}
	}
	return p
}

func (b *builder) positive(path string, v float64) float64 {
	if !(v > 0) {
		b.fail(path, "%v (allowed: a factor > 0)", v)
		return 1
	}
	return v
}

func (b *builder) hourShares(path string, w []float64, def [24]float64) [24]float64 {
	if w == nil {
		return def
	}
	if len(w) != 24 {
		b.fail(path, "%d values (allowed: 24, one per hour 00–23)", len(w))
		return def
	}
	sum := 0.0
	for i, v := range w {
		if v < 0 {
			b.fail(fmt.Sprintf("%s[%d]", path, i), "%v is negative (allowed: a weight ≥ 0)", v)
			return def
		}
		sum += v
	}
	if !(sum > 0) || math.IsInf(sum, 0) {
		b.fail(path, "the weights sum to %v (allowed: weights ≥ 0 with a positive, finite sum)", sum)
		return def
	}
	var out [24]float64
	for i, v := range w {
		out[i] = v / sum
	}
	return out
}
