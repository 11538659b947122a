package calendar

import (
	"time"

	"github.com/rickar/cal/v2/aa"
)

// Calibrated defaults. Values marked [3P] come from calibration.md §E: daily
// England NHS 111 calls received, 25 Aug 2025 – 31 May 2026, from the
// moffffy/NHS111-Demand-Forecasting repository built on NHS England's daily
// IUC ADC data, indexed to the non-holiday mean of 54,256 calls/day. Values
// marked [E] are assumptions.

// EnglandDayOfWeek2025 returns England's day-of-week factors, indexed by
// time.Weekday: Mon 1.02, Tue 0.91, Wed 0.88, Thu 0.86, Fri 0.91, Sat 1.31,
// Sun 1.14 [3P] (calibration.md §E; bank holidays, Easter week and
// 20 Dec–4 Jan excluded from the means).
func EnglandDayOfWeek2025() [7]float64 {
	return [7]float64{
		time.Sunday:    1.14,
		time.Monday:    1.02,
		time.Tuesday:   0.91,
		time.Wednesday: 0.88,
		time.Thursday:  0.86,
		time.Friday:    0.91,
		time.Saturday:  1.31,
	}
}

// EnglandMonth2025 returns England's month factors, indexed by
// time.Month-1: monthly mean calls/day over 54,256 [3P] (calibration.md §E):
// Sep 50.9k → 0.94, Oct 52.8k → 0.97, Nov 57.0k → 1.05, Dec 61.3k → 1.13,
// Jan 56.9k → 1.05, Feb–Apr ≈54.3k → 1.00, May 56.6k → 1.04.
// June–August are [E] 1.00: the series has no summer (summer 2022 ran at
// 60–63k/day, but at 2022's higher level, so it does not give a 2025 ratio).
func EnglandMonth2025() [12]float64 {
	return [12]float64{
		time.January - 1:   1.05,
		time.February - 1:  1.00,
		time.March - 1:     1.00,
		time.April - 1:     1.00,
		time.May - 1:       1.04,
		time.June - 1:      1.00, // [E]
		time.July - 1:      1.00, // [E]
		time.August - 1:    1.00, // [E]
		time.September - 1: 0.94,
		time.October - 1:   0.97,
		time.November - 1:  1.05,
		time.December - 1:  1.13,
	}
}

// EnglandBankHoliday2025 returns the bank-holiday day factor, 1.30 [E]: the
// rounded mean of the Monday bank holidays in calibration.md §E (25 Aug 2025
// 1.24, 4 May 2026 1.33, 25 May 2026 1.29) [3P].
func EnglandBankHoliday2025() float64 { return 1.30 }

// EnglandSpecialDays2025 returns whole-day overrides for firstYear through
// lastYear, from the single 2025–26 observation of each day in
// calibration.md §E [3P], applied to other years as [E]:
// Good Friday 1.70, Easter Saturday 1.68, Easter Sunday 1.28, Easter Monday
// 1.37, 24 Dec 0.78, 25 Dec 0.79, 26 Dec 1.50, 1 Jan 1.14. The Saturday after
// Christmas (1.87 in 2025) is left out because the days after Christmas
// shift with the weekday; add it per scenario. These are England's days:
// Easter Monday is not a bank holiday in Scotland.
func EnglandSpecialDays2025(firstYear, lastYear int) []DateFactor {
	var out []DateFactor
	for y := firstYear; y <= lastYear; y++ {
		_, e := aa.Easter.Calc(y)
		easter := DateOf(e)
		out = append(out,
			DateFactor{Date{y, time.January, 1}, 1.14},
			DateFactor{easter.AddDays(-2), 1.70}, // Good Friday
			DateFactor{easter.AddDays(-1), 1.68}, // Easter Saturday
			DateFactor{easter, 1.28},             // Easter Sunday
			DateFactor{easter.AddDays(1), 1.37},  // Easter Monday
			DateFactor{Date{y, time.December, 24}, 0.78},
			DateFactor{Date{y, time.December, 25}, 0.79},
			DateFactor{Date{y, time.December, 26}, 1.50},
		)
	}
	return out
}

// Hour-of-day weights relative to the day's mean hourly rate (each array
// sums to 24). [E] ASSUMED: no hour-of-day profile of 111 calls was found for
// any nation (calibration.md §E and gap O.3). The shape follows §E's
// suggestion: a trough 02:00–06:00 at 20–25% of the mean hourly rate; on
// weekdays a morning rise and the main peak 18:00–21:00, after GP practices
// close at 18:30; on weekends and bank holidays the peak is 08:00–12:00, when
// practices would otherwise be open. Replace with local data when available.
var (
	assumedWeekdayWeights = [24]float64{
		0.56, 0.40, 0.25, 0.22, 0.22, 0.25, // 00–05: night trough
		0.45, 0.80, 1.25, 1.40, 1.35, 1.25, // 06–11: morning rise
		1.15, 1.10, 1.10, 1.10, 1.15, 1.30, // 12–17: afternoon
		1.80, 1.85, 1.75, 1.40, 1.10, 0.80, // 18–23: evening peak 18–21
	}
	assumedWeekendWeights = [24]float64{
		0.70, 0.55, 0.25, 0.24, 0.22, 0.24, // 00–05: night trough
		0.40, 0.85, 1.60, 1.85, 1.85, 1.70, // 06–11: morning peak 08–12
		1.50, 1.35, 1.25, 1.20, 1.20, 1.20, // 12–17
		1.20, 1.15, 1.05, 0.95, 0.80, 0.70, // 18–23
	}
)

// AssumedHourShareWeekday returns the [E] assumed weekday hour-of-day shares
// (see assumedWeekdayWeights): evening peak 18:00–21:00, trough 02:00–06:00.
func AssumedHourShareWeekday() [24]float64 { return shares(assumedWeekdayWeights) }

// AssumedHourShareWeekend returns the [E] assumed weekend and bank-holiday
// hour-of-day shares: morning peak 08:00–12:00, trough 02:00–06:00.
func AssumedHourShareWeekend() [24]float64 { return shares(assumedWeekendWeights) }

// shares normalises weights to sum to 1.
func shares(w [24]float64) [24]float64 {
	sum := 0.0
	for _, v := range w {
		sum += v
	}
	var out [24]float64
	for h, v := range w {
		out[h] = v / sum
	}
	return out
}

// EnglandProfile2025 returns a DemandProfile with the England 2025–26 shape
// above scaled to callsPerDay (calibration.md §N suggests 57,000 for 2022),
// with special-day overrides for firstYear through lastYear.
func EnglandProfile2025(callsPerDay float64, firstYear, lastYear int) DemandProfile {
	return DemandProfile{
		CallsPerDay:      callsPerDay,
		DayOfWeek:        EnglandDayOfWeek2025(),
		BankHoliday:      EnglandBankHoliday2025(),
		DateOverrides:    EnglandSpecialDays2025(firstYear, lastYear),
		Month:            EnglandMonth2025(),
		HourShareWeekday: AssumedHourShareWeekday(),
		HourShareWeekend: AssumedHourShareWeekend(),
	}
}
