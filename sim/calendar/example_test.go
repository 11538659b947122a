package calendar_test

import (
	"fmt"
	"time"

	"github.com/outagesim/outagesim/sim/calendar"
)

// A patient told on Friday evening of the August 2022 bank holiday weekend to
// contact their GP practice: Monday is a holiday everywhere but Scotland.
func ExampleCalendar_NextGPOpening() {
	start := time.Date(2022, time.August, 26, 19, 0, 0, 0, calendar.London())
	c, err := calendar.New(start, 7*86400)
	if err != nil {
		panic(err)
	}
	for _, n := range calendar.Nations() {
		open := c.NextGPOpening(n, 0)
		fmt.Printf("%-16s %s (after %.0f h)\n", n, c.LocalTime(open).Format("Mon 2 Jan 15:04"), open/3600)
	}
	// Output:
	// england          Tue 30 Aug 08:00 (after 85 h)
	// scotland         Mon 29 Aug 08:00 (after 61 h)
	// wales            Tue 30 Aug 08:00 (after 85 h)
	// northern_ireland Tue 30 Aug 08:00 (after 85 h)
}

func ExampleBankHolidays() {
	for _, h := range calendar.BankHolidays(calendar.Scotland, 2023) {
		fmt.Println(h.Date, h.Date.Weekday().String()[:3], h.Name)
	}
	// Output:
	// 2023-01-02 Mon New Year's Day
	// 2023-01-03 Tue 2nd January
	// 2023-04-07 Fri Good Friday
	// 2023-05-01 Mon Early May
	// 2023-05-08 Mon Coronation of King Charles III
	// 2023-05-29 Mon Spring Bank Holiday
	// 2023-08-07 Mon Summer Bank Holiday
	// 2023-11-30 Thu St Andrew's Day
	// 2023-12-25 Mon Christmas Day
	// 2023-12-26 Tue Boxing Day
}

// Hourly arrival rates for England over the Sunday the clocks went back in
// 2022: 25 real hours, with local 01:00 twice. The day's expected calls are
// 57,000 × 1.14 (Sunday) × 0.97 (October) × (1 + the 01:00 share 0.55/24).
func ExampleDemandProfile_HourlyRates() {
	c, err := calendar.New(time.Date(2022, time.October, 30, 0, 0, 0, 0, calendar.London()), 86400+3600)
	if err != nil {
		panic(err)
	}
	p := calendar.EnglandProfile2025(57000, 2022, 2022)
	if err := p.Validate(); err != nil {
		panic(err)
	}
	rates := p.HourlyRates(c, calendar.England)
	total := 0.0
	for h, r := range rates {
		total += r * 3600
		if h < 4 {
			fmt.Printf("%s  %.0f calls/h\n", c.LocalTime(c.HourStarts()[h]).Format("15:04 MST"), r*3600)
		}
	}
	fmt.Printf("%d hours, %.0f calls\n", len(rates), total)
	// Output:
	// 00:00 BST  1838 calls/h
	// 01:00 BST  1444 calls/h
	// 01:00 GMT  1444 calls/h
	// 02:00 GMT  657 calls/h
	// 25 hours, 64475 calls
}
