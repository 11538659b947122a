package calendar

import (
	"strings"
	"testing"
	"time"
)

// at is a Europe/London wall-clock instant.
func at(year int, month time.Month, day, hour, min int) time.Time {
	return time.Date(year, month, day, hour, min, 0, 0, London())
}

func mustNew(t testing.TB, start time.Time, horizon float64) *Calendar {
	t.Helper()
	c, err := New(start, horizon)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDSTSpring2022(t *testing.T) {
	// Sunday 27 Mar 2022: clocks go from 01:00 GMT to 02:00 BST; the local
	// day has 23 hours and no 01:00.
	c := mustNew(t, at(2022, 3, 27, 0, 0), 2*86400)
	tests := []struct {
		t        float64
		wantHour int
		wantDate Date
	}{
		{0, 0, d(2022, 3, 27)},                // midnight GMT
		{3599, 0, d(2022, 3, 27)},             // last second of 00:xx
		{3600, 2, d(2022, 3, 27)},             // 01:00 GMT is 02:00 BST: hour 1 missing
		{2 * 3600, 3, d(2022, 3, 27)},         // one real hour later
		{23*3600 - 1, 23, d(2022, 3, 27)},     // 23:59:59 BST, still the 27th
		{23 * 3600, 0, d(2022, 3, 28)},        // next local midnight after 23 real hours
		{23*3600 + 8*3600, 8, d(2022, 3, 28)}, // Monday 08:00 BST
	}
	for _, tt := range tests {
		if got := c.LocalHour(tt.t); got != tt.wantHour {
			t.Errorf("LocalHour(%g) = %d, want %d", tt.t, got, tt.wantHour)
		}
		if got := c.LocalDate(tt.t); got != tt.wantDate {
			t.Errorf("LocalDate(%g) = %v, want %v", tt.t, got, tt.wantDate)
		}
	}
	if got := c.SimTimeOf(d(2022, 3, 28), 0); got != 23*3600 {
		t.Errorf("Monday midnight at %g s, want %d (a 23-hour day)", got, 23*3600)
	}
	if got := c.NextHourBoundary(0); got != 3600 {
		t.Errorf("NextHourBoundary(0) = %g, want 3600", got)
	}
}

func TestDSTAutumn2022(t *testing.T) {
	// Sunday 30 Oct 2022: clocks go from 02:00 BST back to 01:00 GMT; the
	// local day has 25 hours and 01:00 happens twice.
	c := mustNew(t, at(2022, 10, 30, 0, 0), 2*86400)
	tests := []struct {
		t        float64
		wantHour int
		wantDate Date
	}{
		{0, 0, d(2022, 10, 30)},            // midnight BST
		{3600, 1, d(2022, 10, 30)},         // 01:00 BST
		{2 * 3600, 1, d(2022, 10, 30)},     // 01:00 GMT: hour 1 again
		{3 * 3600, 2, d(2022, 10, 30)},     // 02:00 GMT
		{25*3600 - 1, 23, d(2022, 10, 30)}, // 23:59:59 GMT, still the 30th
		{25 * 3600, 0, d(2022, 10, 31)},    // next local midnight after 25 real hours
	}
	for _, tt := range tests {
		if got := c.LocalHour(tt.t); got != tt.wantHour {
			t.Errorf("LocalHour(%g) = %d, want %d", tt.t, got, tt.wantHour)
		}
		if got := c.LocalDate(tt.t); got != tt.wantDate {
			t.Errorf("LocalDate(%g) = %v, want %v", tt.t, got, tt.wantDate)
		}
	}
	if _, off := c.LocalTime(2 * 3600).Zone(); off != 0 {
		t.Errorf("second 01:00 has offset %d, want 0 (GMT)", off)
	}
	// Boundaries stay 3600 s apart through the repeated hour.
	for _, b := range []float64{3600, 7200, 10800} {
		if got := c.NextHourBoundary(b - 0.5); got != b {
			t.Errorf("NextHourBoundary(%g) = %g, want %g", b-0.5, got, b)
		}
		if got := c.NextHourBoundary(b); got != b+3600 {
			t.Errorf("NextHourBoundary(%g) = %g, want %g (strictly after)", b, got, b+3600)
		}
	}
}

// TestTablesMatchTimePackage compares every table lookup with package time,
// each quarter hour for a year spanning both 2022 changes, from a start that
// is not on the hour.
func TestTablesMatchTimePackage(t *testing.T) {
	start := time.Date(2022, 1, 10, 7, 20, 30, 0, London())
	c := mustNew(t, start, 365*86400)
	for s := -2 * 3600.0; s < c.Horizon()+60*86400; s += 900 {
		lt := start.Add(time.Duration(s) * time.Second)
		if got := c.LocalHour(s); got != lt.Hour() {
			t.Fatalf("LocalHour(%g) = %d, want %d (%v)", s, got, lt.Hour(), lt)
		}
		if got := c.Weekday(s); got != lt.Weekday() {
			t.Fatalf("Weekday(%g) = %v, want %v", s, got, lt.Weekday())
		}
		if got := c.LocalDate(s); got != DateOf(lt) {
			t.Fatalf("LocalDate(%g) = %v, want %v", s, got, DateOf(lt))
		}
		if !c.LocalTime(s).Equal(lt) {
			t.Fatalf("LocalTime(%g) = %v, want %v", s, c.LocalTime(s), lt)
		}
		nb := c.NextHourBoundary(s)
		if nbt := c.LocalTime(nb); nbt.Minute() != 0 || nbt.Second() != 0 || nb <= s || nb > s+3600 {
			t.Fatalf("NextHourBoundary(%g) = %g (%v), not the next top of the hour", s, nb, nbt)
		}
	}
}

func TestHourStartsMidHourStart(t *testing.T) {
	c := mustNew(t, at(2022, 8, 26, 7, 20), 2*3600) // 07:20 to 09:20
	got := c.HourStarts()
	want := []float64{0, 2400, 6000} // 07:20 (start), 08:00, 09:00
	if len(got) != len(want) || c.NumHours() != len(want) {
		t.Fatalf("HourStarts = %v (NumHours %d), want %v", got, c.NumHours(), want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("HourStarts[%d] = %g, want %g", i, got[i], want[i])
		}
	}
	for _, tt := range []struct {
		t    float64
		want int
	}{
		{0, 0},      // the start, 07:20
		{2399.9, 0}, // just before 08:00
		{2400, 1},   // 08:00 begins hour 1
		{5999, 1},   // 08:59:59
		{6000, 2},   // 09:00
		{-1, 0},     // 07:19:59: before the run but in its first hour
		{-1200, 0},  // 07:00, where hour 0 really begins
		{-1201, -1}, // 06:59:59, the hour before
	} {
		if h := c.HourIndex(tt.t); h != tt.want {
			t.Errorf("HourIndex(%g) = %d, want %d", tt.t, h, tt.want)
		}
	}
}

func TestHourStartsAcrossDST(t *testing.T) {
	// Saturday 26 Mar to Monday 28 Mar 2022 00:00 BST is 47 real hours.
	horizon := at(2022, 3, 28, 0, 0).Sub(at(2022, 3, 26, 0, 0)).Seconds()
	c := mustNew(t, at(2022, 3, 26, 0, 0), horizon)
	if c.NumHours() != 47 {
		t.Fatalf("NumHours = %d, want 47", c.NumHours())
	}
	hs := c.HourStarts()
	for h := 1; h < len(hs); h++ {
		if hs[h]-hs[h-1] != 3600 {
			t.Errorf("hour %d starts %g s after hour %d, want 3600", h, hs[h]-hs[h-1], h-1)
		}
	}
}

func TestOutsideTables(t *testing.T) {
	c := mustNew(t, at(2022, 8, 26, 12, 0), 3600)
	for _, s := range []float64{-30 * 86400, -3600, 200 * 86400, 3 * 365 * 86400} {
		lt := c.LocalTime(s)
		if c.LocalHour(s) != lt.Hour() || c.Weekday(s) != lt.Weekday() || c.LocalDate(s) != DateOf(lt) {
			t.Errorf("slow path at %g disagrees with %v", s, lt)
		}
	}
	// Christmas 2022 is far beyond this calendar's table.
	if got := c.DayType(England, d(2022, 12, 27)); got != DayBankHoliday {
		t.Errorf("DayType(27 Dec 2022) = %v, want bank_holiday", got)
	}
	if !c.IsBankHoliday(Scotland, d(2023, 1, 3)) {
		t.Error("IsBankHoliday(Scotland, 3 Jan 2023) = false outside the table")
	}
}

func TestDayType(t *testing.T) {
	c := mustNew(t, at(2022, 7, 1, 0, 0), 120*86400)
	tests := []struct {
		nation Nation
		date   Date
		want   DayType
	}{
		{England, d(2022, 8, 29), DayBankHoliday},         // Summer bank holiday
		{Scotland, d(2022, 8, 29), DayWeekday},            // an ordinary Monday in Scotland
		{Scotland, d(2022, 8, 1), DayBankHoliday},         // Scotland's Summer bank holiday
		{England, d(2022, 8, 27), DayWeekend},             // Saturday
		{NorthernIreland, d(2022, 7, 12), DayBankHoliday}, // Battle of the Boyne
		{Wales, d(2022, 7, 12), DayWeekday},               // an ordinary Tuesday
		{Wales, d(2022, 9, 19), DayBankHoliday},           // State Funeral
	}
	for _, tt := range tests {
		if got := c.DayType(tt.nation, tt.date); got != tt.want {
			t.Errorf("DayType(%v, %v) = %v, want %v", tt.nation, tt.date, got, tt.want)
		}
		if got := c.DayTypeAt(tt.nation, c.SimTimeOf(tt.date, 12*time.Hour)); got != tt.want {
			t.Errorf("DayTypeAt(%v, noon %v) = %v, want %v", tt.nation, tt.date, got, tt.want)
		}
	}
	if DayBankHoliday.String() != "bank_holiday" || DayWeekend.String() != "weekend" || DayWeekday.String() != "weekday" {
		t.Error("DayType names changed")
	}
}

func TestNewRejectsBadInput(t *testing.T) {
	start := at(2022, 8, 1, 0, 0)
	tests := []struct {
		start   time.Time
		horizon float64
		opts    Options
		want    string
	}{
		{time.Time{}, 3600, Options{}, "start"},       // zero start
		{start, 0, Options{}, "horizon"},              // empty run
		{start, -1, Options{}, "horizon"},             // negative run
		{start, MaxHorizon * 2, Options{}, "horizon"}, // too long for tables
		{start, 3600, Options{GPHours: GPHours{Open: 19 * time.Hour, Close: 8 * time.Hour}}, "GPHours"}, // closes before it opens
		{start, 3600, Options{GPHours: GPHours{Open: time.Hour, Close: 25 * time.Hour}}, "GPHours"},     // past midnight
	}
	for _, tt := range tests {
		if _, err := NewWithOptions(tt.start, tt.horizon, tt.opts); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewWithOptions(%v, %g, %+v) error = %v, want one naming %s", tt.start, tt.horizon, tt.opts, err, tt.want)
		}
	}
}

func TestStartInOtherZone(t *testing.T) {
	// The same instant given in UTC gives London local answers.
	c := mustNew(t, time.Date(2022, 7, 1, 23, 30, 0, 0, time.UTC), 86400)
	if h := c.LocalHour(0); h != 0 {
		t.Errorf("LocalHour(0) = %d, want 0 (00:30 BST)", h)
	}
	if got := c.LocalDate(0); got != d(2022, 7, 2) {
		t.Errorf("LocalDate(0) = %v, want 2022-07-02", got)
	}
}
