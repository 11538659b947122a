package calendar

import (
	"testing"
	"time"
)

func TestNextGPOpening(t *testing.T) {
	// One calendar covering Dec 2021 – Jan 2023, so every row is a table lookup.
	c := mustNew(t, at(2021, 12, 1, 0, 0), 420*86400)
	tests := []struct {
		nation Nation
		told   time.Time
		want   time.Time
	}{
		// August bank holiday weekend 2022: Mon 29 Aug is a holiday in England,
		// Wales and NI; Scotland's summer holiday was Mon 1 Aug.
		{England, at(2022, 8, 26, 19, 0), at(2022, 8, 30, 8, 0)},
		{Wales, at(2022, 8, 26, 19, 0), at(2022, 8, 30, 8, 0)},
		{NorthernIreland, at(2022, 8, 26, 19, 0), at(2022, 8, 30, 8, 0)},
		{Scotland, at(2022, 8, 26, 19, 0), at(2022, 8, 29, 8, 0)},
		// Scotland's own August weekend: Mon 1 Aug closed there only.
		{Scotland, at(2022, 7, 29, 19, 0), at(2022, 8, 2, 8, 0)},
		{England, at(2022, 7, 29, 19, 0), at(2022, 8, 1, 8, 0)},
		// Battle of the Boyne, Tue 12 Jul 2022: NI only.
		{NorthernIreland, at(2022, 7, 11, 19, 0), at(2022, 7, 13, 8, 0)},
		{England, at(2022, 7, 11, 19, 0), at(2022, 7, 12, 8, 0)},
		// St Patrick's Day, Thu 17 Mar 2022: NI only.
		{NorthernIreland, at(2022, 3, 16, 20, 0), at(2022, 3, 18, 8, 0)},
		{Scotland, at(2022, 3, 16, 20, 0), at(2022, 3, 17, 8, 0)},
		// St Andrew's Day, Wed 30 Nov 2022, told at 18:30 exactly (closed).
		{Scotland, at(2022, 11, 29, 18, 30), at(2022, 12, 1, 8, 0)},
		{England, at(2022, 11, 29, 18, 30), at(2022, 11, 30, 8, 0)},
		// State Funeral, Mon 19 Sep 2022: all nations closed.
		{England, at(2022, 9, 16, 19, 0), at(2022, 9, 20, 8, 0)},
		{Scotland, at(2022, 9, 16, 19, 0), at(2022, 9, 20, 8, 0)},
		{NorthernIreland, at(2022, 9, 16, 19, 0), at(2022, 9, 20, 8, 0)},
		// Christmas 2022: Mon 26 and Tue 27 Dec closed everywhere.
		{Wales, at(2022, 12, 23, 18, 31), at(2022, 12, 28, 8, 0)},
		// New Year 2022: Scotland closed Mon 3 and Tue 4 Jan, England Mon 3 only.
		{Scotland, at(2021, 12, 31, 19, 0), at(2022, 1, 5, 8, 0)},
		{England, at(2021, 12, 31, 19, 0), at(2022, 1, 4, 8, 0)},
		// Easter 2022: Scotland has no Easter Monday.
		{England, at(2022, 4, 14, 19, 0), at(2022, 4, 19, 8, 0)},
		{Scotland, at(2022, 4, 14, 19, 0), at(2022, 4, 18, 8, 0)},
		// In hours on a working day: contact now.
		{England, at(2021, 12, 31, 12, 0), at(2021, 12, 31, 12, 0)},
		{England, at(2022, 9, 6, 8, 0), at(2022, 9, 6, 8, 0)},     // opening instant counts as open
		{England, at(2022, 9, 6, 18, 29), at(2022, 9, 6, 18, 29)}, // last minute
		// Before opening on a working day: 08:00 the same day.
		{England, at(2022, 9, 6, 7, 59), at(2022, 9, 6, 8, 0)},
		{England, at(2022, 9, 6, 0, 0), at(2022, 9, 6, 8, 0)},
		// Weekend: Monday 08:00.
		{Scotland, at(2022, 9, 10, 10, 0), at(2022, 9, 12, 8, 0)},
		{Scotland, at(2022, 9, 11, 23, 59), at(2022, 9, 12, 8, 0)},
		// Across the spring DST change (Sun 27 Mar 2022): 08:00 BST Monday.
		{England, at(2022, 3, 25, 19, 0), at(2022, 3, 28, 8, 0)},
		// Across the autumn DST change (Sun 30 Oct 2022): 08:00 GMT Monday.
		{England, at(2022, 10, 28, 19, 0), at(2022, 10, 31, 8, 0)},
	}
	for _, tt := range tests {
		got := c.NextGPOpening(tt.nation, c.SimTime(tt.told))
		if want := c.SimTime(tt.want); got != want {
			t.Errorf("%v told %s: NextGPOpening = %s, want %s", tt.nation,
				tt.told.Format(time.DateTime), c.LocalTime(got).Format(time.DateTime), tt.want.Format(time.DateTime))
		}
	}
}

// TestNextGPOpeningDSTRealHours checks the real elapsed time, which differs
// from the wall-clock difference by the DST hour.
func TestNextGPOpeningDSTRealHours(t *testing.T) {
	tests := []struct {
		start time.Time
		want  float64 // hours of real time until the opening
	}{
		{at(2022, 3, 25, 19, 0), 60},  // Fri 19:00 GMT → Mon 08:00 BST: 61 wall-clock hours less one
		{at(2022, 10, 28, 19, 0), 62}, // Fri 19:00 BST → Mon 08:00 GMT: 61 plus one
		{at(2022, 3, 27, 0, 0), 31},   // Sunday of the change: a 23-hour day, then 8 hours
		{at(2022, 10, 30, 0, 0), 33},  // Sunday of the change: a 25-hour day, then 8 hours
	}
	for _, tt := range tests {
		c := mustNew(t, tt.start, 7*86400)
		if got := c.NextGPOpening(England, 0) / 3600; got != tt.want {
			t.Errorf("from %v: next opening after %g h, want %g h", tt.start, got, tt.want)
		}
	}
}

func TestNextGPOpeningSlowPathAgrees(t *testing.T) {
	big := mustNew(t, at(2022, 1, 1, 0, 0), 2*365*86400)
	small := mustNew(t, at(2022, 6, 1, 0, 0), 3600) // table ends mid-July
	for s := big.SimTime(at(2022, 1, 1, 0, 0)); s < big.SimTime(at(2023, 12, 1, 0, 0)); s += 1800 {
		instant := big.LocalTime(s)
		ts := small.SimTime(instant)
		for _, n := range Nations() {
			want := big.LocalTime(big.NextGPOpening(n, s))
			if got := small.LocalTime(small.NextGPOpening(n, ts)); !got.Equal(want) {
				t.Fatalf("%v at %v: small calendar says %v, big one %v", n, instant, got, want)
			}
			if small.IsGPOpen(n, ts) != big.IsGPOpen(n, s) {
				t.Fatalf("%v at %v: IsGPOpen disagrees between slow and fast paths", n, instant)
			}
		}
	}
}

func TestIsGPOpenAndIsOOH(t *testing.T) {
	c := mustNew(t, at(2022, 8, 1, 0, 0), 60*86400)
	tests := []struct {
		nation Nation
		when   time.Time
		open   bool
	}{
		{England, at(2022, 8, 2, 7, 59), false},         // Tuesday before 08:00
		{England, at(2022, 8, 2, 8, 0), true},           // opens at 08:00
		{England, at(2022, 8, 2, 18, 29), true},         // still open
		{England, at(2022, 8, 2, 18, 30), false},        // closed from 18:30
		{England, at(2022, 8, 6, 11, 0), false},         // Saturday
		{England, at(2022, 8, 7, 11, 0), false},         // Sunday
		{England, at(2022, 8, 29, 11, 0), false},        // Summer bank holiday
		{Scotland, at(2022, 8, 29, 11, 0), true},        // an ordinary Monday in Scotland
		{Scotland, at(2022, 8, 1, 11, 0), false},        // Scotland's Summer bank holiday
		{Wales, at(2022, 8, 1, 11, 0), true},            // an ordinary Monday in Wales
		{NorthernIreland, at(2022, 9, 19, 9, 0), false}, // State Funeral
	}
	for _, tt := range tests {
		s := c.SimTime(tt.when)
		if got := c.IsGPOpen(tt.nation, s); got != tt.open {
			t.Errorf("IsGPOpen(%v, %v) = %v, want %v", tt.nation, tt.when, got, tt.open)
		}
		if got := c.IsOOH(tt.nation, s); got == tt.open {
			t.Errorf("IsOOH(%v, %v) = %v, want %v", tt.nation, tt.when, got, !tt.open)
		}
	}
}

func TestCustomGPHours(t *testing.T) {
	c, err := NewWithOptions(at(2022, 9, 6, 8, 30), 7*86400,
		Options{GPHours: GPHours{Open: 9 * time.Hour, Close: 17 * time.Hour}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		told, want time.Time
	}{
		{at(2022, 9, 6, 8, 30), at(2022, 9, 6, 9, 0)},    // before the later opening
		{at(2022, 9, 6, 17, 0), at(2022, 9, 7, 9, 0)},    // after the earlier close
		{at(2022, 9, 6, 16, 59), at(2022, 9, 6, 16, 59)}, // in hours
	}
	for _, tt := range tests {
		if got := c.NextGPOpening(England, c.SimTime(tt.told)); got != c.SimTime(tt.want) {
			t.Errorf("told %v: got %v, want %v", tt.told, c.LocalTime(got), tt.want)
		}
	}
	if c.GPHours().Open != 9*time.Hour {
		t.Errorf("GPHours() = %+v", c.GPHours())
	}
}

func TestLookupsDoNotAllocate(t *testing.T) {
	c := mustNew(t, at(2022, 8, 1, 0, 0), 60*86400)
	s := c.SimTime(at(2022, 8, 26, 19, 0))
	checks := map[string]func(){
		"LocalHour":        func() { _ = c.LocalHour(s) },
		"Weekday":          func() { _ = c.Weekday(s) },
		"LocalDate":        func() { _ = c.LocalDate(s) },
		"LocalTime":        func() { _ = c.LocalTime(s) },
		"NextHourBoundary": func() { _ = c.NextHourBoundary(s) },
		"DayTypeAt":        func() { _ = c.DayTypeAt(Scotland, s) },
		"IsBankHoliday":    func() { _ = c.IsBankHoliday(England, d(2022, 8, 29)) },
		"NextGPOpening":    func() { _ = c.NextGPOpening(England, s) },
		"IsGPOpen":         func() { _ = c.IsGPOpen(NorthernIreland, s) },
		"IsOOH":            func() { _ = c.IsOOH(Wales, s) },
	}
	for name, f := range checks {
		if a := testing.AllocsPerRun(100, f); a != 0 {
			t.Errorf("%s allocates %g times per call, want 0", name, a)
		}
	}
}

func BenchmarkLocalHour(b *testing.B) {
	c := mustNew(b, at(2022, 1, 1, 0, 0), 365*86400)
	b.ReportAllocs()
	sum, s := 0, 0.0
	for b.Loop() {
		sum += c.LocalHour(s)
		s += 997 // wander across the year
		if s >= c.Horizon() {
			s = 0
		}
	}
	_ = sum
}

func BenchmarkNextGPOpening(b *testing.B) {
	c := mustNew(b, at(2022, 1, 1, 0, 0), 365*86400)
	b.ReportAllocs()
	sum, s := 0.0, 0.0
	for b.Loop() {
		sum += c.NextGPOpening(Scotland, s)
		s += 997
		if s >= c.Horizon() {
			s = 0
		}
	}
	_ = sum
}
