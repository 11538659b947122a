package calendar

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// d is a short Date constructor for tables.
func d(year int, month time.Month, day int) Date { return Date{year, month, day} }

// Dates in this file are GOV.UK's lists, https://www.gov.uk/bank-holidays.

var (
	englandWales2022 = []Date{
		d(2022, 1, 3),   // New Year's Day (substitute day)
		d(2022, 4, 15),  // Good Friday
		d(2022, 4, 18),  // Easter Monday
		d(2022, 5, 2),   // Early May bank holiday
		d(2022, 6, 2),   // Spring bank holiday, moved from 30 May
		d(2022, 6, 3),   // Platinum Jubilee bank holiday
		d(2022, 8, 29),  // Summer bank holiday
		d(2022, 9, 19),  // State Funeral of Queen Elizabeth II
		d(2022, 12, 26), // Boxing Day
		d(2022, 12, 27), // Christmas Day (substitute day)
	}
	englandWales2023 = []Date{
		d(2023, 1, 2),   // New Year's Day (substitute day)
		d(2023, 4, 7),   // Good Friday
		d(2023, 4, 10),  // Easter Monday
		d(2023, 5, 1),   // Early May bank holiday
		d(2023, 5, 8),   // Coronation of King Charles III
		d(2023, 5, 29),  // Spring bank holiday
		d(2023, 8, 28),  // Summer bank holiday
		d(2023, 12, 25), // Christmas Day
		d(2023, 12, 26), // Boxing Day
	}
)

func TestBankHolidays2022And2023(t *testing.T) {
	tests := []struct {
		nation Nation
		year   int
		want   []Date
	}{
		// England and Wales share GOV.UK's "England and Wales" list.
		{England, 2022, englandWales2022},
		{Wales, 2022, englandWales2022},
		{England, 2023, englandWales2023},
		{Wales, 2023, englandWales2023},
		// Scotland 2022: two January days, no Easter Monday, summer holiday on
		// the first Monday of August, St Andrew's Day.
		{Scotland, 2022, []Date{
			d(2022, 1, 3),   // New Year's Day (substitute day)
			d(2022, 1, 4),   // 2nd January (substitute day)
			d(2022, 4, 15),  // Good Friday
			d(2022, 5, 2),   // Early May bank holiday
			d(2022, 6, 2),   // Spring bank holiday
			d(2022, 6, 3),   // Platinum Jubilee bank holiday
			d(2022, 8, 1),   // Summer bank holiday
			d(2022, 9, 19),  // State Funeral of Queen Elizabeth II
			d(2022, 11, 30), // St Andrew's Day
			d(2022, 12, 26), // Boxing Day
			d(2022, 12, 27), // Christmas Day (substitute day)
		}},
		// Scotland 2023: 2 January moves to Tuesday because New Year's Day's
		// substitute takes Monday 2 January.
		{Scotland, 2023, []Date{
			d(2023, 1, 2),   // New Year's Day (substitute day)
			d(2023, 1, 3),   // 2nd January (substitute day)
			d(2023, 4, 7),   // Good Friday
			d(2023, 5, 1),   // Early May bank holiday
			d(2023, 5, 8),   // Coronation of King Charles III
			d(2023, 5, 29),  // Spring bank holiday
			d(2023, 8, 7),   // Summer bank holiday
			d(2023, 11, 30), // St Andrew's Day
			d(2023, 12, 25), // Christmas Day
			d(2023, 12, 26), // Boxing Day
		}},
		// Northern Ireland 2022: England and Wales plus St Patrick's Day and
		// the Battle of the Boyne.
		{NorthernIreland, 2022, []Date{
			d(2022, 1, 3),   // New Year's Day (substitute day)
			d(2022, 3, 17),  // St Patrick's Day
			d(2022, 4, 15),  // Good Friday
			d(2022, 4, 18),  // Easter Monday
			d(2022, 5, 2),   // Early May bank holiday
			d(2022, 6, 2),   // Spring bank holiday
			d(2022, 6, 3),   // Platinum Jubilee bank holiday
			d(2022, 7, 12),  // Battle of the Boyne (Orangemen's Day)
			d(2022, 8, 29),  // Summer bank holiday
			d(2022, 9, 19),  // State Funeral of Queen Elizabeth II
			d(2022, 12, 26), // Boxing Day
			d(2022, 12, 27), // Christmas Day (substitute day)
		}},
		// Northern Ireland 2023.
		{NorthernIreland, 2023, []Date{
			d(2023, 1, 2),   // New Year's Day (substitute day)
			d(2023, 3, 17),  // St Patrick's Day
			d(2023, 4, 7),   // Good Friday
			d(2023, 4, 10),  // Easter Monday
			d(2023, 5, 1),   // Early May bank holiday
			d(2023, 5, 8),   // Coronation of King Charles III
			d(2023, 5, 29),  // Spring bank holiday
			d(2023, 7, 12),  // Battle of the Boyne (Orangemen's Day)
			d(2023, 8, 28),  // Summer bank holiday
			d(2023, 12, 25), // Christmas Day
			d(2023, 12, 26), // Boxing Day
		}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%v/%d", tt.nation, tt.year), func(t *testing.T) {
			var got []Date
			for _, h := range BankHolidays(tt.nation, tt.year) {
				got = append(got, h.Date)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("BankHolidays(%v, %d)\n got %v\nwant %v", tt.nation, tt.year, got, tt.want)
			}
		})
	}
}

// TestBankHolidays2024To2028 checks later years against GOV.UK, written as
// month-day lists.
func TestBankHolidays2024To2028(t *testing.T) {
	tests := []struct {
		nation Nation
		year   int
		want   string
	}{
		{England, 2024, "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26"},
		{England, 2025, "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26"},
		// Boxing Day falls on Saturday: substitute Monday 28 Dec.
		{England, 2026, "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28"},
		// Christmas on Saturday, Boxing Day on Sunday: Mon 27 and Tue 28 Dec.
		{Wales, 2027, "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28"},
		{Wales, 2028, "01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26"},
		// St Andrew's Day on Saturday: substitute Monday 2 Dec.
		{Scotland, 2024, "01-01 01-02 03-29 05-06 05-27 08-05 12-02 12-25 12-26"},
		// St Andrew's Day on Sunday: substitute Monday 1 Dec.
		{Scotland, 2025, "01-01 01-02 04-18 05-05 05-26 08-04 12-01 12-25 12-26"},
		// The one-off World Cup bank holiday, Monday 15 June.
		{Scotland, 2026, "01-01 01-02 04-03 05-04 05-25 06-15 08-03 11-30 12-25 12-28"},
		// 2 January on Saturday: substitute Monday 4 January.
		{Scotland, 2027, "01-01 01-04 03-26 05-03 05-31 08-02 11-30 12-27 12-28"},
		{Scotland, 2028, "01-03 01-04 04-14 05-01 05-29 08-07 11-30 12-25 12-26"},
		// St Patrick's Day on Sunday: substitute Monday 18 March.
		{NorthernIreland, 2024, "01-01 03-18 03-29 04-01 05-06 05-27 07-12 08-26 12-25 12-26"},
		// Battle of the Boyne on Saturday: substitute Monday 14 July.
		{NorthernIreland, 2025, "01-01 03-17 04-18 04-21 05-05 05-26 07-14 08-25 12-25 12-26"},
		// Battle of the Boyne on Sunday: substitute Monday 13 July.
		{NorthernIreland, 2026, "01-01 03-17 04-03 04-06 05-04 05-25 07-13 08-31 12-25 12-28"},
		{NorthernIreland, 2027, "01-01 03-17 03-26 03-29 05-03 05-31 07-12 08-30 12-27 12-28"},
		{NorthernIreland, 2028, "01-03 03-17 04-14 04-17 05-01 05-29 07-12 08-28 12-25 12-26"},
	}
	for _, tt := range tests {
		var got []string
		for _, h := range BankHolidays(tt.nation, tt.year) {
			got = append(got, h.Date.String()[5:])
		}
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("BankHolidays(%v, %d)\n got %s\nwant %s", tt.nation, tt.year, s, tt.want)
		}
	}
}

func TestIsBankHolidaySpotChecks(t *testing.T) {
	tests := []struct {
		nation Nation
		date   Date
		want   bool
	}{
		{Wales, d(2022, 9, 19), true},            // State Funeral, supplemented
		{NorthernIreland, d(2022, 9, 19), true},  // State Funeral, all nations
		{Scotland, d(2022, 8, 29), false},        // England's August date is not Scotland's
		{England, d(2022, 8, 1), false},          // Scotland's August date is not England's
		{Scotland, d(2024, 4, 1), false},         // no Easter Monday in Scotland
		{England, d(2024, 3, 18), false},         // NI's St Patrick's substitute only
		{NorthernIreland, d(2024, 3, 17), false}, // the Sunday itself is not listed
		{England, d(2026, 6, 15), false},         // World Cup holiday is Scotland's only
		{Scotland, d(2026, 6, 15), true},         // World Cup bank holiday
		{England, d(2026, 12, 26), false},        // Saturday: the substitute is 28 Dec
		{England, d(2026, 12, 28), true},         // Boxing Day (substitute day)
		{Scotland, d(2027, 1, 4), true},          // 2nd January (substitute day)
		{NorthernIreland, d(2027, 7, 12), true},  // Battle of the Boyne on a Monday
		{England, d(2027, 12, 27), true},         // Christmas Day (substitute day)
		{Scotland, d(2027, 11, 30), true},        // St Andrew's Day on a Tuesday
		{England, d(2025, 5, 5), true},           // Early May bank holiday
		{England, d(2025, 5, 6), false},          // an ordinary Tuesday
		{NorthernIreland, d(2030, 3, 18), true},  // rule beyond GOV.UK's list: 17 Mar 2030 is a Sunday
		{Scotland, d(2030, 12, 2), true},         // rule beyond GOV.UK's list: 30 Nov 2030 is a Saturday
		{NorthernIreland, d(2029, 3, 19), true},  // rule: 17 Mar 2029 is a Saturday
		{Scotland, d(2029, 11, 30), true},        // St Andrew's Day on a Friday
	}
	for _, tt := range tests {
		if got := IsBankHoliday(tt.nation, tt.date); got != tt.want {
			t.Errorf("IsBankHoliday(%v, %v) = %v, want %v", tt.nation, tt.date, got, tt.want)
		}
	}
}

// TestBankHolidayRulesHold checks properties every year should have, to 2040.
func TestBankHolidayRulesHold(t *testing.T) {
	minCount := map[Nation]int{England: 8, Wales: 8, Scotland: 9, NorthernIreland: 10}
	for y := 2022; y <= 2040; y++ {
		for _, n := range Nations() {
			hs := BankHolidays(n, y)
			if len(hs) < minCount[n] {
				t.Errorf("%v %d: %d holidays, want at least %d", n, y, len(hs), minCount[n])
			}
			for i, h := range hs {
				if wd := h.Date.Weekday(); wd == time.Saturday || wd == time.Sunday {
					t.Errorf("%v %d: %v (%s) observed on a %v", n, y, h.Date, h.Name, wd)
				}
				if h.Date.Year != y {
					t.Errorf("%v %d: %v observed outside the year", n, y, h.Date)
				}
				if i > 0 && !hs[i-1].Date.Before(h.Date) {
					t.Errorf("%v %d: not sorted or duplicated at %v", n, y, h.Date)
				}
			}
		}
	}
}

func TestBankHolidayNames(t *testing.T) {
	for _, h := range BankHolidays(Scotland, 2022) {
		if h.Date == d(2022, 9, 19) && !strings.Contains(h.Name, "State Funeral") {
			t.Errorf("19 Sep 2022 named %q", h.Name)
		}
		if h.Date == d(2022, 11, 30) && h.Name != "St Andrew's Day" {
			t.Errorf("30 Nov 2022 named %q", h.Name)
		}
	}
}

func TestParseNation(t *testing.T) {
	for _, n := range Nations() {
		got, err := ParseNation(n.String())
		if err != nil || got != n {
			t.Errorf("ParseNation(%q) = %v, %v", n.String(), got, err)
		}
		text, _ := n.MarshalText()
		var back Nation
		if err := back.UnmarshalText(text); err != nil || back != n {
			t.Errorf("text round trip of %v = %v, %v", n, back, err)
		}
	}
	names := []string{"england", "scotland", "wales", "northern_ireland"}
	for i, n := range Nations() {
		if n.String() != names[i] {
			t.Errorf("Nations()[%d] = %q, want %q", i, n, names[i])
		}
	}
	for _, bad := range []string{"", "England", "ni", "northern ireland", "uk"} {
		if _, err := ParseNation(bad); err == nil || !strings.Contains(err.Error(), "northern_ireland") {
			t.Errorf("ParseNation(%q) error = %v, want one listing the allowed names", bad, err)
		}
	}
	if s := Nation(9).String(); s != "Nation(9)" {
		t.Errorf("invalid nation String = %q", s)
	}
}

func TestDateArithmetic(t *testing.T) {
	// Every day 1900–2100 round-trips and agrees with package time.
	ref := time.Date(1900, 1, 1, 12, 0, 0, 0, time.UTC)
	start := DateOf(ref)
	for i := 0; i < 201*366; i += 1 {
		want := DateOf(ref.AddDate(0, 0, i))
		got := start.AddDays(i)
		if got != want {
			t.Fatalf("AddDays(%d) = %v, want %v", i, got, want)
		}
		if got.Weekday() != ref.AddDate(0, 0, i).Weekday() {
			t.Fatalf("%v Weekday = %v", got, got.Weekday())
		}
	}
	if (Date{2023, 2, 29}).Valid() || !(Date{2024, 2, 29}).Valid() || (Date{2024, 13, 1}).Valid() {
		t.Error("Valid is wrong about 29 Feb or month 13")
	}
	if p, err := ParseDate("2022-12-26"); err != nil || p != d(2022, 12, 26) {
		t.Errorf("ParseDate = %v, %v", p, err)
	}
	if _, err := ParseDate("26/12/2022"); err == nil {
		t.Error("ParseDate accepted 26/12/2022")
	}
}
