package calendar

import (
	"slices"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/gb"
)

// Holiday is one bank holiday as GOV.UK lists it: the date on which it is
// observed (the substitute day when the holiday falls at a weekend) and its name.
type Holiday struct {
	Date Date
	Name string
}

// Substitution rules as GOV.UK applies them: a holiday falling at a weekend
// moves to the next weekday that is not already a holiday.
var (
	// weekendToMonday moves a Saturday or Sunday holiday to the Monday after.
	weekendToMonday = []cal.AltDay{
		{Day: time.Saturday, Offset: 2},
		{Day: time.Sunday, Offset: 1},
	}
	// secondDayRule is for the second of a pair of consecutive holidays
	// (Scotland's 1 and 2 January): when it falls on a Saturday or Sunday, or
	// on the Monday that the first one's substitute has taken, it moves on.
	secondDayRule = []cal.AltDay{
		{Day: time.Saturday, Offset: 2},
		{Day: time.Sunday, Offset: 2},
		{Day: time.Monday, Offset: 1},
	}
)

// Recurring holidays that rickar/cal/v2/gb (v2.1.13) does not define. The
// package only has the England and Wales list plus Scotland's August date.
// Source for each rule and its substitute days: GOV.UK bank holidays,
// https://www.gov.uk/bank-holidays (the Scotland and Northern Ireland lists).
var (
	// secondJanuary is Scotland's 2 January, e.g. substitute Tue 4 Jan 2022,
	// Tue 3 Jan 2023 (Mon 2 Jan 2023 was New Year's Day's substitute), Mon 4 Jan 2027.
	// Source: https://www.gov.uk/bank-holidays (Scotland).
	secondJanuary = &cal.Holiday{
		Name: "2nd January", Type: cal.ObservanceBank,
		Month: time.January, Day: 2, Func: cal.CalcDayOfMonth,
		Observed: secondDayRule,
	}
	// stAndrewsDay is Scotland's 30 November, e.g. substitute Mon 2 Dec 2024
	// and Mon 1 Dec 2025. Source: https://www.gov.uk/bank-holidays (Scotland).
	stAndrewsDay = &cal.Holiday{
		Name: "St Andrew's Day", Type: cal.ObservanceBank,
		Month: time.November, Day: 30, Func: cal.CalcDayOfMonth,
		Observed: weekendToMonday,
	}
	// stPatricksDay is Northern Ireland's 17 March, e.g. substitute Mon 18 Mar
	// 2024. Source: https://www.gov.uk/bank-holidays (Northern Ireland).
	stPatricksDay = &cal.Holiday{
		Name: "St Patrick's Day", Type: cal.ObservanceBank,
		Month: time.March, Day: 17, Func: cal.CalcDayOfMonth,
		Observed: weekendToMonday,
	}
	// battleOfTheBoyne is Northern Ireland's 12 July (Orangemen's Day), e.g.
	// substitute Mon 14 Jul 2025 and Mon 13 Jul 2026.
	// Source: https://www.gov.uk/bank-holidays (Northern Ireland).
	battleOfTheBoyne = &cal.Holiday{
		Name: "Battle of the Boyne (Orangemen's Day)", Type: cal.ObservanceBank,
		Month: time.July, Day: 12, Func: cal.CalcDayOfMonth,
		Observed: weekendToMonday,
	}
)

// holidayRules lists, per nation, the recurring rules and the library's own
// one-offs (VE Day 2020, the 2022 Spring move to 2 June, the Platinum Jubilee
// 3 Jun 2022, the Coronation 8 May 2023), which match GOV.UK.
var holidayRules = [numNations][]*cal.Holiday{
	England: englandWalesRules,
	Wales:   englandWalesRules,
	Scotland: {
		gb.NewYear, secondJanuary, gb.GoodFriday, // no Easter Monday in Scotland
		gb.EarlyMay, gb.VEDay, gb.CoronationDay,
		gb.SpringHoliday, gb.SpringHoliday2022, gb.PlatinumJubilee,
		gb.SummerHolidayScotland, // first Monday of August
		stAndrewsDay, gb.ChristmasDay, gb.BoxingDay,
	},
	NorthernIreland: append(slices.Clone(englandWalesRules), stPatricksDay, battleOfTheBoyne),
}

var englandWalesRules = []*cal.Holiday{
	gb.NewYear, gb.GoodFriday, gb.EasterMonday,
	gb.EarlyMay, gb.VEDay, gb.CoronationDay,
	gb.SpringHoliday, gb.SpringHoliday2022, gb.PlatinumJubilee,
	gb.SummerHoliday, // last Monday of August
	gb.ChristmasDay, gb.BoxingDay,
}

// oneOff is a bank holiday proclaimed for a single year.
type oneOff struct {
	date    Date
	name    string
	nations [numNations]bool
}

// oneOffHolidays are the single-year bank holidays that rickar/cal/v2/gb
// v2.1.13 lacks, checked against GOV.UK's lists for 2022–2028. Add any later
// proclamation here, with its source.
var oneOffHolidays = []oneOff{
	// Mon 19 Sep 2022, all four nations: the State Funeral of Queen Elizabeth II.
	// Source: https://www.gov.uk/bank-holidays ("Bank Holiday for the State
	// Funeral of Queen Elizabeth II" in all three lists).
	{
		date:    Date{2022, time.September, 19},
		name:    "Bank Holiday for the State Funeral of Queen Elizabeth II",
		nations: [numNations]bool{England: true, Scotland: true, Wales: true, NorthernIreland: true},
	},
	// Mon 15 Jun 2026, Scotland only: Scotland's first men's World Cup finals
	// since 1998 (royal proclamation of 4 Feb 2026 under s.1(3) of the Banking
	// and Financial Dealings Act 1971). Source: https://www.gov.uk/bank-holidays
	// ("World Cup bank holiday", Scotland list).
	{
		date:    Date{2026, time.June, 15},
		name:    "World Cup bank holiday",
		nations: [numNations]bool{Scotland: true},
	},
}

// BankHolidays returns nation n's bank holidays observed in year, sorted by
// date, as GOV.UK lists them (substitute days, not the weekend dates they
// replace). Years 2022–2028 are checked against GOV.UK in the tests; later
// years follow the statutory rules and lack any one-off holiday proclaimed
// after oneOffHolidays was last updated. It allocates; a [Calendar] answers
// the same question from a table.
func BankHolidays(n Nation, year int) []Holiday {
	n.mustValid()
	var out []Holiday
	add := func(d Date, name string) {
		for i := range out {
			if out[i].Date == d { // two rules landing on one day: keep one day, both names
				out[i].Name += "; " + name
				return
			}
		}
		out = append(out, Holiday{Date: d, Name: name})
	}
	for _, h := range holidayRules[n] {
		// The library returns midnight in its DefaultLoc; only the civil date is used.
		if _, observed := h.Calc(year); !observed.IsZero() {
			add(DateOf(observed), h.Name)
		}
	}
	for _, o := range oneOffHolidays {
		if o.date.Year == year && o.nations[n] {
			add(o.date, o.name)
		}
	}
	slices.SortFunc(out, func(a, b Holiday) int { return a.Date.days() - b.Date.days() })
	return out
}

// IsBankHoliday reports whether d is an observed bank holiday in nation n.
// It allocates; use [Calendar.IsBankHoliday] in loops.
func IsBankHoliday(n Nation, d Date) bool {
	for _, h := range BankHolidays(n, d.Year) {
		if h.Date == d {
			return true
		}
	}
	return false
}
