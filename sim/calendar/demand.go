package calendar

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// shareTolerance is how far each hour-share profile may sum from 1.
const shareTolerance = 1e-9

// DateFactor sets the whole-day demand multiplier for one date.
type DateFactor struct {
	Date   Date
	Factor float64
}

// DemandProfile describes a nation's expected call arrivals, from which
// HourlyRates builds the piecewise-constant rate λ(t) of design §3.
//
// The expected calls in a real hour are
//
//	CallsPerDay × dayFactor × Month[month-1] × share[localHour]
//
// where dayFactor is DayOfWeek[weekday], or BankHoliday on the nation's bank
// holidays, and share comes from HourShareWeekday, or HourShareWeekend on
// weekends and bank holidays. A date listed in DateOverrides uses its Factor in
// place of dayFactor × Month (see DateOverrides).
type DemandProfile struct {
	// CallsPerDay is the mean calls on an ordinary (non-holiday) day with all
	// factors 1. Must be finite and >= 0.
	CallsPerDay float64
	// DayOfWeek multiplies CallsPerDay by local weekday, indexed by
	// time.Weekday (Sunday = 0). Each must be finite and > 0.
	DayOfWeek [7]float64
	// BankHoliday is the day factor on the nation's bank holidays. It
	// replaces the day-of-week factor rather than multiplying it, because the
	// observed bank-holiday indices (calibration.md §E: Monday bank holidays
	// 1.24–1.33) are ratios to the overall non-holiday mean, not to an
	// ordinary Monday; multiplying would count the weekday effect twice.
	// Must be finite and > 0.
	BankHoliday float64
	// DateOverrides gives whole-day factors for particular dates (Christmas
	// Day, Boxing Day, Easter Saturday ...). The factor replaces both the day
	// factor and the month factor: the calibration indices for such days are
	// whole-day ratios to the non-holiday mean (Boxing Day 2025 = 1.50), and
	// multiplying by December's 1.13 as well would overshoot. The hour shares
	// still follow the day type. Dates must be valid and distinct; factors
	// finite and >= 0. Optional.
	DateOverrides []DateFactor
	// Month multiplies by local month, indexed by time.Month-1 (January = 0).
	// Each must be finite and > 0.
	Month [12]float64
	// HourShareWeekday is the share of a weekday's calls arriving in each
	// local hour 0–23. Each share finite and >= 0, summing to 1 within 1e-9.
	HourShareWeekday [24]float64
	// HourShareWeekend is the same for weekends and bank holidays.
	HourShareWeekend [24]float64
}

// Validate reports every field that breaks its rule, each error naming the
// field and what is allowed. HourlyRates assumes a valid profile.
func (p *DemandProfile) Validate() error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("calendar: DemandProfile."+format, args...))
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

	if !finite(p.CallsPerDay) || p.CallsPerDay < 0 {
		bad("CallsPerDay: must be finite and >= 0, got %g", p.CallsPerDay)
	}
	for wd, f := range p.DayOfWeek {
		if !finite(f) || f <= 0 {
			bad("DayOfWeek[%v]: must be finite and > 0 (unset entries are 0), got %g", time.Weekday(wd), f)
		}
	}
	if !finite(p.BankHoliday) || p.BankHoliday <= 0 {
		bad("BankHoliday: must be finite and > 0, got %g", p.BankHoliday)
	}
	for m, f := range p.Month {
		if !finite(f) || f <= 0 {
			bad("Month[%v]: must be finite and > 0 (unset entries are 0), got %g", time.Month(m+1), f)
		}
	}
	seen := make(map[Date]bool, len(p.DateOverrides))
	for i, o := range p.DateOverrides {
		switch {
		case !o.Date.Valid():
			bad("DateOverrides[%d].Date: %v is not a real date", i, o.Date)
		case seen[o.Date]:
			bad("DateOverrides[%d].Date: %v is listed twice; each date may appear once", i, o.Date)
		}
		seen[o.Date] = true
		if !finite(o.Factor) || o.Factor < 0 {
			bad("DateOverrides[%d].Factor (%v): must be finite and >= 0, got %g", i, o.Date, o.Factor)
		}
	}
	for _, s := range []struct {
		name   string
		shares *[24]float64
	}{{"HourShareWeekday", &p.HourShareWeekday}, {"HourShareWeekend", &p.HourShareWeekend}} {
		sum := 0.0
		ok := true
		for h, v := range s.shares {
			if !finite(v) || v < 0 {
				bad("%s[%d]: must be finite and >= 0, got %g", s.name, h, v)
				ok = false
			}
			sum += v
		}
		if ok && math.Abs(sum-1) > shareTolerance {
			bad("%s: shares of the day's calls by local hour must sum to 1 within %g, got %.12g", s.name, shareTolerance, sum)
		}
	}
	return errors.Join(errs...)
}

// overrideMap indexes DateOverrides; nil when there are none.
func (p *DemandProfile) overrideMap() map[Date]float64 {
	if len(p.DateOverrides) == 0 {
		return nil
	}
	m := make(map[Date]float64, len(p.DateOverrides))
	for _, o := range p.DateOverrides {
		m[o.Date] = o.Factor
	}
	return m
}

// dayFactor returns the whole-day multiplier and the hour-share profile for
// a date of the given type.
func (p *DemandProfile) dayFactor(overrides map[Date]float64, d Date, wd time.Weekday, dt DayType) (float64, *[24]float64) {
	shares := &p.HourShareWeekday
	if dt != DayWeekday {
		shares = &p.HourShareWeekend
	}
	if f, ok := overrides[d]; ok {
		return f, shares
	}
	f := p.DayOfWeek[wd]
	if dt == DayBankHoliday {
		f = p.BankHoliday
	}
	return f * p.Month[d.Month-1], shares
}

// DayFactor returns the whole-day multiplier for date d in nation n: the
// date's override if it has one, else (BankHoliday or DayOfWeek) × Month.
// Expected calls on an ordinary 24-hour day are CallsPerDay × DayFactor.
func (p *DemandProfile) DayFactor(c *Calendar, n Nation, d Date) float64 {
	f, _ := p.dayFactor(p.overrideMap(), d, d.Weekday(), c.DayType(n, d))
	return f
}

// HourlyRates returns the arrival rate in calls per second for each real hour
// of the run, hour h covering [c.HourStarts()[h], c.HourStarts()[h+1]) (the
// last ending at the horizon):
//
//	CallsPerDay × dayFactor × monthFactor × share[local hour] / 3600
//
// DST: each real hour takes the share of the wall-clock hour it is. On the
// spring-change day (23 hours) the 01:00 share is skipped, and on the autumn
// day (25 hours) it is used twice, so those days expect about share[1] less
// or more than an ordinary day (under 1% with the assumed profiles, whose
// 01:00 share is a night-time trough). Rates are not renormalised per day,
// because the autumn day really does have an extra night hour in which people
// call.
//
// The profile must be valid (see Validate); nation n picks the bank holidays.
func (p *DemandProfile) HourlyRates(c *Calendar, n Nation) []float64 {
	n.mustValid()
	overrides := p.overrideMap()
	rates := make([]float64, c.numHours)
	lastDay := int32(-1)
	var factor float64
	var shares *[24]float64
	for h := range rates {
		hi := c.hours[h]
		if hi.day != lastDay {
			d := &c.days[hi.day]
			factor, shares = p.dayFactor(overrides, d.date, d.weekday, d.dayType(n))
			lastDay = hi.day
		}
		rates[h] = p.CallsPerDay * factor * shares[hi.localHour] / 3600
	}
	return rates
}
