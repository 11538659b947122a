package calendar

import (
	"math"
	"strings"
	"testing"
	"time"
)

const cpd = 57000.0 // calibration.md §N England 2022 suggestion

// dayCalls sums rate × piece length over the real hours of local date day.
func dayCalls(c *Calendar, rates []float64, day Date) float64 {
	starts := c.HourStarts()
	total := 0.0
	for h, r := range rates {
		end := c.Horizon()
		if h+1 < len(starts) {
			end = starts[h+1]
		}
		if c.LocalDate(starts[h]) == day {
			total += r * (end - starts[h])
		}
	}
	return total
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func TestHourlyRatesOrdinaryWeek(t *testing.T) {
	p := EnglandProfile2025(cpd, 2022, 2022)
	c := mustNew(t, at(2022, 9, 5, 0, 0), 7*86400) // Mon 5 – Sun 11 Sep 2022
	rates := p.HourlyRates(c, England)
	if len(rates) != 168 {
		t.Fatalf("len = %d, want 168", len(rates))
	}
	wd, we := AssumedHourShareWeekday(), AssumedHourShareWeekend()
	tests := []struct {
		day    Date
		factor float64 // day-of-week × September 0.94
		shares [24]float64
	}{
		{d(2022, 9, 5), 1.02 * 0.94, wd},  // Monday
		{d(2022, 9, 7), 0.88 * 0.94, wd},  // Wednesday
		{d(2022, 9, 10), 1.31 * 0.94, we}, // Saturday, weekend shares
		{d(2022, 9, 11), 1.14 * 0.94, we}, // Sunday
	}
	for _, tt := range tests {
		if got, want := dayCalls(c, rates, tt.day), cpd*tt.factor; !near(got, want) {
			t.Errorf("%v: %g calls, want %g", tt.day, got, want)
		}
		h := c.HourIndex(c.SimTimeOf(tt.day, 19*time.Hour))
		if got, want := rates[h], cpd*tt.factor*tt.shares[19]/3600; !near(got, want) {
			t.Errorf("%v 19:00: rate %g, want %g", tt.day, got, want)
		}
	}
}

func TestHourlyRatesHolidaysAndOverrides(t *testing.T) {
	p := EnglandProfile2025(cpd, 2022, 2022)
	c := mustNew(t, at(2022, 8, 1, 0, 0), 160*86400)
	we := AssumedHourShareWeekend()
	tests := []struct {
		nation Nation
		day    Date
		want   float64 // expected calls that day
		shares [24]float64
	}{
		// Summer bank holiday in England: bank-holiday factor × August, weekend shares.
		{England, d(2022, 8, 29), cpd * 1.30 * 1.00, we},
		// The same Monday in Scotland is ordinary.
		{Scotland, d(2022, 8, 29), cpd * 1.02 * 1.00, AssumedHourShareWeekday()},
		// Scotland's own Summer bank holiday.
		{Scotland, d(2022, 8, 1), cpd * 1.30 * 1.00, we},
		// Boxing Day override: 1.50 whole-day, no December factor, bank-holiday shares.
		{England, d(2022, 12, 26), cpd * 1.50, we},
		// Christmas Day (a Sunday in 2022) override 0.79.
		{England, d(2022, 12, 25), cpd * 0.79, we},
		// Tue 27 Dec 2022, Christmas substitute: bank-holiday factor × December.
		{England, d(2022, 12, 27), cpd * 1.30 * 1.13, we},
	}
	for _, tt := range tests {
		rates := p.HourlyRates(c, tt.nation)
		if got := dayCalls(c, rates, tt.day); !near(got, tt.want) {
			t.Errorf("%v %v: %g calls, want %g", tt.nation, tt.day, got, tt.want)
		}
		h := c.HourIndex(c.SimTimeOf(tt.day, 9*time.Hour))
		if got, want := rates[h], tt.want*tt.shares[9]/3600; !near(got, want) {
			t.Errorf("%v %v 09:00: rate %g, want %g", tt.nation, tt.day, got, want)
		}
		if got := p.DayFactor(c, tt.nation, tt.day); !near(got*cpd, tt.want) {
			t.Errorf("DayFactor(%v, %v) = %g, want %g", tt.nation, tt.day, got, tt.want/cpd)
		}
	}
}

func TestHourlyRatesDST(t *testing.T) {
	p := EnglandProfile2025(cpd, 2022, 2022)
	p.DateOverrides = nil
	we := AssumedHourShareWeekend()
	tests := []struct {
		start time.Time
		day   Date
		hours int
		want  float64
	}{
		// 27 Mar 2022, Sunday, 23 hours: the 01:00 share is missing.
		{at(2022, 3, 27, 0, 0), d(2022, 3, 27), 23, cpd * 1.14 * 1.00 * (1 - we[1])},
		// 30 Oct 2022, Sunday, 25 hours: the 01:00 share counts twice.
		{at(2022, 10, 30, 0, 0), d(2022, 10, 30), 25, cpd * 1.14 * 0.97 * (1 + we[1])},
	}
	for _, tt := range tests {
		c := mustNew(t, tt.start, 86400*2)
		rates := p.HourlyRates(c, England)
		if got := dayCalls(c, rates, tt.day); !near(got, tt.want) {
			t.Errorf("%v: %g calls, want %g", tt.day, got, tt.want)
		}
		next := c.SimTimeOf(tt.day.AddDays(1), 0)
		if n := c.HourIndex(next); n != tt.hours {
			t.Errorf("%v has %d real hours, want %d", tt.day, n, tt.hours)
		}
	}
}

func TestHourlyRatesMidHourStart(t *testing.T) {
	p := EnglandProfile2025(cpd, 2022, 2022)
	c := mustNew(t, at(2022, 9, 6, 7, 30), 3*3600) // Tuesday 07:30–10:30
	rates := p.HourlyRates(c, England)
	wd := AssumedHourShareWeekday()
	want := []float64{wd[7], wd[8], wd[9], wd[10]} // 07:30–08:00 is a short first piece
	if len(rates) != len(want) {
		t.Fatalf("len = %d, want %d", len(rates), len(want))
	}
	for i, share := range want {
		if r := cpd * 0.91 * 0.94 * share / 3600; !near(rates[i], r) {
			t.Errorf("rates[%d] = %g, want %g", i, rates[i], r)
		}
	}
}

func TestValidate(t *testing.T) {
	good := EnglandProfile2025(cpd, 2022, 2030)
	if err := good.Validate(); err != nil {
		t.Fatalf("default profile invalid: %v", err)
	}
	tests := []struct {
		name   string
		breaks func(*DemandProfile)
		want   string
	}{
		{"negative calls", func(p *DemandProfile) { p.CallsPerDay = -1 }, "CallsPerDay"},
		{"NaN calls", func(p *DemandProfile) { p.CallsPerDay = math.NaN() }, "CallsPerDay"},
		{"unset Saturday", func(p *DemandProfile) { p.DayOfWeek[time.Saturday] = 0 }, "DayOfWeek[Saturday]"},
		{"unset bank holiday", func(p *DemandProfile) { p.BankHoliday = 0 }, "BankHoliday"},
		{"infinite March", func(p *DemandProfile) { p.Month[2] = math.Inf(1) }, "Month[March]"},
		{"30 February", func(p *DemandProfile) {
			p.DateOverrides = append(p.DateOverrides, DateFactor{Date{2023, 2, 30}, 1})
		}, "not a real date"},
		{"date twice", func(p *DemandProfile) {
			p.DateOverrides = append(p.DateOverrides, DateFactor{d(2022, 12, 26), 1.4})
		}, "listed twice"},
		{"negative override", func(p *DemandProfile) { p.DateOverrides[0].Factor = -0.1 }, "DateOverrides[0].Factor"},
		{"weekday shares sum 1.01", func(p *DemandProfile) { p.HourShareWeekday[3] += 0.01 }, "HourShareWeekday: shares"},
		{"weekend shares sum 0.999", func(p *DemandProfile) { p.HourShareWeekend[10] -= 0.001 }, "HourShareWeekend: shares"},
		{"negative share", func(p *DemandProfile) { p.HourShareWeekend[4] = -0.01 }, "HourShareWeekend[4]"},
		{"zero value", func(p *DemandProfile) { *p = DemandProfile{} }, "HourShareWeekday"},
	}
	for _, tt := range tests {
		p := EnglandProfile2025(cpd, 2022, 2030)
		tt.breaks(&p)
		err := p.Validate()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Validate() = %v, want an error naming %q", tt.name, err, tt.want)
		}
	}
	// A share error within 1e-9 is accepted.
	p := EnglandProfile2025(cpd, 2022, 2022)
	p.HourShareWeekday[12] += 5e-10
	if err := p.Validate(); err != nil {
		t.Errorf("share sum off by 5e-10 rejected: %v", err)
	}
}

func TestAssumedHourProfilesShape(t *testing.T) {
	tests := []struct {
		name           string
		shares         [24]float64
		peakLo, peakHi int // the peak hour must lie in [peakLo, peakHi]
	}{
		{"weekday", AssumedHourShareWeekday(), 18, 20}, // evening peak 18:00–21:00
		{"weekend", AssumedHourShareWeekend(), 8, 11},  // morning peak 08:00–12:00
	}
	for _, tt := range tests {
		sum, peak := 0.0, 0
		for h, s := range tt.shares {
			sum += s
			if s > tt.shares[peak] {
				peak = h
			}
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("%s: shares sum to %.15g", tt.name, sum)
		}
		if peak < tt.peakLo || peak > tt.peakHi {
			t.Errorf("%s: peak at %02d:00, want %02d–%02d", tt.name, peak, tt.peakLo, tt.peakHi)
		}
		for h := 2; h < 6; h++ { // trough 02:00–06:00 at 20–25% of the mean hour
			if rel := tt.shares[h] * 24; rel < 0.20-1e-9 || rel > 0.25+1e-9 {
				t.Errorf("%s: %02d:00 at %.3f of the mean hourly rate, want 0.20–0.25", tt.name, h, rel)
			}
		}
	}
}

func TestEnglandDefaults(t *testing.T) {
	dow := EnglandDayOfWeek2025()
	if dow[time.Monday] != 1.02 || dow[time.Saturday] != 1.31 || dow[time.Sunday] != 1.14 {
		t.Errorf("day-of-week factors %v do not match calibration.md §E", dow)
	}
	if m := EnglandMonth2025(); m[time.December-1] != 1.13 || m[time.September-1] != 0.94 {
		t.Errorf("month factors %v do not match calibration.md §E", m)
	}
	// Easter 2022 was 17 April.
	want := map[Date]float64{
		d(2022, 4, 15): 1.70, d(2022, 4, 16): 1.68, d(2022, 4, 17): 1.28, d(2022, 4, 18): 1.37,
		d(2022, 12, 26): 1.50, d(2022, 1, 1): 1.14,
	}
	got := map[Date]float64{}
	for _, o := range EnglandSpecialDays2025(2022, 2022) {
		got[o.Date] = o.Factor
	}
	for day, f := range want {
		if got[day] != f {
			t.Errorf("special day %v factor %g, want %g", day, got[day], f)
		}
	}
}
