package calendar

import (
	"errors"
	"fmt"
	"math"
	"time"
	_ "time/tzdata" // Europe/London rules on any machine, whatever its zoneinfo
)

// london is loaded once; the embedded tzdata makes failure impossible.
var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic("calendar: Europe/London missing despite embedded tzdata: " + err.Error())
	}
	return loc
}()

// London returns the Europe/London time zone, in which all local times here
// are given.
func London() *time.Location { return london }

// DayType classifies a local day for demand profiles and opening hours.
type DayType uint8

// Day types. A bank holiday is DayBankHoliday whatever its weekday.
const (
	DayWeekday     DayType = iota // Monday–Friday, not a bank holiday
	DayWeekend                    // Saturday or Sunday, not a bank holiday
	DayBankHoliday                // an observed bank holiday in the nation
)

// String returns "weekday", "weekend" or "bank_holiday".
func (d DayType) String() string {
	switch d {
	case DayWeekday:
		return "weekday"
	case DayWeekend:
		return "weekend"
	case DayBankHoliday:
		return "bank_holiday"
	}
	return fmt.Sprintf("DayType(%d)", uint8(d))
}

// GPHours is the in-hours opening window of GP practices, as local
// wall-clock offsets from midnight on each working day.
type GPHours struct {
	Open  time.Duration // default 8h (08:00)
	Close time.Duration // default 18h30m (18:30)
}

// DefaultGPHours returns the core contract hours, 08:00–18:30.
func DefaultGPHours() GPHours {
	return GPHours{Open: 8 * time.Hour, Close: 18*time.Hour + 30*time.Minute}
}

// Validate reports an error unless 0 <= Open < Close <= 24h.
func (g GPHours) Validate() error {
	if g.Open < 0 || g.Close > 24*time.Hour || g.Open >= g.Close {
		return fmt.Errorf("calendar: GPHours: need 0 <= Open < Close <= 24h, got Open %v, Close %v", g.Open, g.Close)
	}
	return nil
}

// Options adjusts a Calendar. The zero value means the defaults.
type Options struct {
	// GPHours is the GP practice in-hours window; zero means DefaultGPHours.
	GPHours GPHours
}

// MaxHorizon is the longest horizon New accepts, 20 years, which keeps the
// tables to a few megabytes.
const MaxHorizon = 20 * 366 * 86400.0

// tableMarginDays extends the tables past the horizon so that NextGPOpening
// near the end of a run (a Friday before Christmas, say) is still a lookup.
const tableMarginDays = 40

// Calendar converts simulation time (float64 seconds of real time from a
// start instant) to Europe/London civil time, bank holidays and GP opening
// hours. Build it with New; its lookup methods are O(1), allocate nothing
// and are safe for concurrent use.
type Calendar struct {
	start   time.Time // in London
	horizon float64
	gp      GPHours

	// hourOffset is how far start lies past the top of its local hour. Local
	// hours begin on whole UTC hours in Europe/London (offsets are 0 or +1h),
	// so hour h of the run begins at h*3600 - hourOffset.
	hourOffset float64
	numHours   int // real hours overlapping [0, horizon)

	firstDay int // days() of days[0], the local date of start
	days     []dayInfo
	hours    []hourInfo // hours[h]: hour h of the run
}

type dayInfo struct {
	date    Date
	weekday time.Weekday
	start   float64 // sim time of local midnight
	numHrs  int8    // 23, 24 or 25
	holiday [numNations]bool
	gpOpen  float64 // sim time of GPHours.Open on this date
	gpClose float64
	// nextWorking is the index of the first working day strictly after this
	// one, or -1 past the table's end.
	nextWorking [numNations]int32
}

func (d *dayInfo) working(n Nation) bool {
	return d.weekday != time.Saturday && d.weekday != time.Sunday && !d.holiday[n]
}

func (d *dayInfo) dayType(n Nation) DayType {
	switch {
	case d.holiday[n]:
		return DayBankHoliday
	case d.weekday == time.Saturday || d.weekday == time.Sunday:
		return DayWeekend
	}
	return DayWeekday
}

type hourInfo struct {
	localHour int8
	day       int32 // index into days
}

// New builds a Calendar for a run that starts at the instant start and lasts
// horizon seconds, with GP practices open 08:00–18:30.
func New(start time.Time, horizon float64) (*Calendar, error) {
	return NewWithOptions(start, horizon, Options{})
}

// NewWithOptions is New with adjustable options.
func NewWithOptions(start time.Time, horizon float64, opts Options) (*Calendar, error) {
	if start.IsZero() {
		return nil, errors.New("calendar: start: must be set")
	}
	if math.IsNaN(horizon) || horizon <= 0 || horizon > MaxHorizon {
		return nil, fmt.Errorf("calendar: horizon: must be > 0 and <= %g s (20 years), got %g", MaxHorizon, horizon)
	}
	gp := opts.GPHours
	if gp == (GPHours{}) {
		gp = DefaultGPHours()
	}
	if err := gp.Validate(); err != nil {
		return nil, err
	}
	c := &Calendar{start: start.In(london), horizon: horizon, gp: gp}
	c.hourOffset = float64(c.start.Minute()*60+c.start.Second()) + float64(c.start.Nanosecond())/1e9
	c.numHours = int(math.Ceil((horizon + c.hourOffset) / 3600))

	first := DateOf(c.start)
	last := DateOf(c.LocalTime(horizon)).AddDays(tableMarginDays)
	c.firstDay = first.days()
	numDays := last.days() - c.firstDay + 1

	holidays := make(map[Date][numNations]bool)
	for y := first.Year; y <= last.Year; y++ {
		for _, n := range Nations() {
			for _, h := range BankHolidays(n, y) {
				v := holidays[h.Date]
				v[n] = true
				holidays[h.Date] = v
			}
		}
	}

	c.days = make([]dayInfo, numDays)
	for i := range c.days {
		date := first.AddDays(i)
		midnight := time.Date(date.Year, date.Month, date.Day, 0, 0, 0, 0, london)
		next := time.Date(date.Year, date.Month, date.Day+1, 0, 0, 0, 0, london)
		d := &c.days[i]
		d.date = date
		d.weekday = date.Weekday()
		d.start = c.SimTime(midnight)
		d.numHrs = int8(next.Sub(midnight) / time.Hour)
		d.holiday = holidays[date]
		d.gpOpen = c.SimTime(wallClock(date, gp.Open))
		d.gpClose = c.SimTime(wallClock(date, gp.Close))
		if frac := math.Mod(d.start+c.hourOffset, 3600); math.Abs(frac) > 1e-6 && math.Abs(frac-3600) > 1e-6 {
			return nil, fmt.Errorf("calendar: start: Europe/London offset on %v is not a whole number of hours; dates before 1900 are not supported", date)
		}
	}
	for _, n := range Nations() {
		next := int32(-1)
		for i := numDays - 1; i >= 0; i-- {
			c.days[i].nextWorking[n] = next
			if c.days[i].working(n) {
				next = int32(i)
			}
		}
	}

	lastEnd := c.days[numDays-1].start + float64(c.days[numDays-1].numHrs)*3600
	c.hours = make([]hourInfo, int(math.Round((lastEnd+c.hourOffset)/3600)))
	for i := range c.days {
		d := &c.days[i]
		for k := 0; k < int(d.numHrs); k++ {
			boundary := d.start + float64(k)*3600
			h := int(math.Round((boundary + c.hourOffset) / 3600))
			if h < 0 || h >= len(c.hours) {
				continue // before the start's own hour
			}
			c.hours[h] = hourInfo{localHour: int8(c.LocalTime(boundary).Hour()), day: int32(i)}
		}
	}
	return c, nil
}

// wallClock returns the instant at which the London wall clock shows
// offset past midnight on date. On the autumn change an ambiguous 01:xx
// resolves as time.Date documents.
func wallClock(date Date, offset time.Duration) time.Time {
	return time.Date(date.Year, date.Month, date.Day, 0, 0, 0, int(offset), london)
}

// Start returns the run's start instant in Europe/London.
func (c *Calendar) Start() time.Time { return c.start }

// Horizon returns the run length in seconds.
func (c *Calendar) Horizon() float64 { return c.horizon }

// GPHours returns the GP opening window the calendar uses.
func (c *Calendar) GPHours() GPHours { return c.gp }

// LocalTime returns the Europe/London time at simulation time t (seconds,
// rounded to the nanosecond).
func (c *Calendar) LocalTime(t float64) time.Time {
	return c.start.Add(time.Duration(math.Round(t * 1e9)))
}

// SimTime returns the simulation time of the instant tm: the inverse of LocalTime.
func (c *Calendar) SimTime(tm time.Time) float64 { return tm.Sub(c.start).Seconds() }

// SimTimeOf returns the simulation time at which the London wall clock shows
// clock past midnight on date d (e.g. 8*time.Hour for 08:00).
func (c *Calendar) SimTimeOf(d Date, clock time.Duration) float64 {
	return c.SimTime(wallClock(d, clock))
}

// hourStart is the sim time at which hour h of the run begins (negative for
// h = 0 when the run starts mid-hour).
func (c *Calendar) hourStart(h int) float64 { return float64(h)*3600 - c.hourOffset }

// HourIndex returns the index h of the real hour containing t: hour h covers
// [HourStarts()[h], HourStarts()[h+1]). Hour 0 contains time 0. Negative for
// t before the start's hour. t must be finite.
func (c *Calendar) HourIndex(t float64) int {
	h := int(math.Floor((t + c.hourOffset) / 3600))
	// Rounding in the division can land one hour off right at a boundary.
	if t < c.hourStart(h) {
		h--
	} else if t >= c.hourStart(h+1) {
		h++
	}
	return h
}

// NextHourBoundary returns the first local-hour boundary strictly after t.
// Every boundary is 3600 s of real time after the previous one, across
// DST changes too.
func (c *Calendar) NextHourBoundary(t float64) float64 {
	return c.hourStart(c.HourIndex(t) + 1)
}

// NumHours returns the number of real hours overlapping [0, Horizon()).
func (c *Calendar) NumHours() int { return c.numHours }

// HourStarts returns the start of each real hour overlapping the horizon, in
// sim seconds: element 0 is 0 (even when the run starts mid-hour, so the first
// piece may be short) and element h > 0 is the local-hour boundary
// h*3600 - (start's minutes and seconds). Hour h ends where hour h+1 starts,
// the last one at Horizon(). The slice is fresh on each call.
func (c *Calendar) HourStarts() []float64 {
	out := make([]float64, c.numHours)
	for h := 1; h < c.numHours; h++ {
		out[h] = c.hourStart(h)
	}
	return out
}

// lookup returns the hour-table entry for t, or false outside the table.
func (c *Calendar) lookup(t float64) (hourInfo, bool) {
	h := c.HourIndex(t)
	if h < 0 || h >= len(c.hours) {
		return hourInfo{}, false
	}
	return c.hours[h], true
}

// LocalHour returns the Europe/London wall-clock hour (0–23) at t.
func (c *Calendar) LocalHour(t float64) int {
	if hi, ok := c.lookup(t); ok {
		return int(hi.localHour)
	}
	return c.LocalTime(t).Hour()
}

// Weekday returns the Europe/London day of the week at t.
func (c *Calendar) Weekday(t float64) time.Weekday {
	if hi, ok := c.lookup(t); ok {
		return c.days[hi.day].weekday
	}
	return c.LocalTime(t).Weekday()
}

// LocalDate returns the Europe/London date at t.
func (c *Calendar) LocalDate(t float64) Date {
	if hi, ok := c.lookup(t); ok {
		return c.days[hi.day].date
	}
	return DateOf(c.LocalTime(t))
}

// day returns the table entry for date d, or nil outside the table.
func (c *Calendar) day(d Date) *dayInfo {
	i := d.days() - c.firstDay
	if i < 0 || i >= len(c.days) {
		return nil
	}
	return &c.days[i]
}

// IsBankHoliday reports whether d is an observed bank holiday in nation n.
func (c *Calendar) IsBankHoliday(n Nation, d Date) bool {
	n.mustValid()
	if di := c.day(d); di != nil {
		return di.holiday[n]
	}
	return IsBankHoliday(n, d)
}

// DayType classifies date d in nation n.
func (c *Calendar) DayType(n Nation, d Date) DayType {
	n.mustValid()
	if di := c.day(d); di != nil {
		return di.dayType(n)
	}
	switch {
	case IsBankHoliday(n, d):
		return DayBankHoliday
	case d.Weekday() == time.Saturday || d.Weekday() == time.Sunday:
		return DayWeekend
	}
	return DayWeekday
}

// DayTypeAt classifies the local day containing t in nation n.
func (c *Calendar) DayTypeAt(n Nation, t float64) DayType {
	n.mustValid()
	if hi, ok := c.lookup(t); ok {
		return c.days[hi.day].dayType(n)
	}
	return c.DayType(n, c.LocalDate(t))
}

// IsWorkingDay reports whether d is a GP working day in nation n: Monday to
// Friday and not a bank holiday there.
func (c *Calendar) IsWorkingDay(n Nation, d Date) bool {
	return c.DayType(n, d) == DayWeekday
}
