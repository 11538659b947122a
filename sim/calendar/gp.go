package calendar

// maxClosedRun bounds the slow-path search for the next working day; the
// longest closed run in practice is about six days (Christmas, Easter and
// Scotland's New Year with a weekend).
const maxClosedRun = 30

// NextGPOpening returns when a patient told at time t to contact their GP
// practice in nation n can do so:
//
//   - within practice hours of a working day (Open <= local time < Close,
//     Monday–Friday, not a bank holiday in n), t itself;
//   - otherwise the next opening strictly after t: Open (08:00 by default)
//     local time on the same day if t is before it on a working day, else on
//     the next working day in n.
//
// Local times follow Europe/London, so across a DST change the result is
// 08:00 on the new clock. From the table it is O(1) with no allocation.
func (c *Calendar) NextGPOpening(n Nation, t float64) float64 {
	n.mustValid()
	if hi, ok := c.lookup(t); ok {
		d := &c.days[hi.day]
		if d.working(n) {
			if t < d.gpOpen {
				return d.gpOpen
			}
			if t < d.gpClose {
				return t
			}
		}
		if next := d.nextWorking[n]; next >= 0 {
			return c.days[next].gpOpen
		}
	}
	return c.slowNextGPOpening(n, t)
}

// slowNextGPOpening answers NextGPOpening outside the tables.
func (c *Calendar) slowNextGPOpening(n Nation, t float64) float64 {
	d := c.LocalDate(t)
	for range maxClosedRun {
		if c.IsWorkingDay(n, d) {
			if open := c.SimTimeOf(d, c.gp.Open); t < open {
				return open
			} else if t < c.SimTimeOf(d, c.gp.Close) {
				return t
			}
		}
		d = d.AddDays(1)
	}
	panic("calendar: no GP working day within 30 days of " + c.LocalDate(t).String())
}

// IsGPOpen reports whether GP practices in nation n are in hours at t:
// Open <= local time < Close (08:00–18:30 by default) on a working day.
func (c *Calendar) IsGPOpen(n Nation, t float64) bool {
	n.mustValid()
	if hi, ok := c.lookup(t); ok {
		d := &c.days[hi.day]
		return d.working(n) && t >= d.gpOpen && t < d.gpClose
	}
	d := c.LocalDate(t)
	return c.IsWorkingDay(n, d) && t >= c.SimTimeOf(d, c.gp.Open) && t < c.SimTimeOf(d, c.gp.Close)
}

// IsOOH reports whether t is in the GP out-of-hours period in nation n, the
// complement of IsGPOpen: weekday evenings and nights (18:30–08:00 by
// default), weekends and bank holidays.
func (c *Calendar) IsOOH(n Nation, t float64) bool { return !c.IsGPOpen(n, t) }
