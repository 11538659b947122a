package loadplan

import (
	"math"
	"reflect"
	"slices"
	"testing"
)

func TestLoadFollowsTheModel(t *testing.T) {
	m := NewModel(testConfig(), 1)
	day := 86400.0
	opts := ArrivalOptions{Selection: Selection{Service: "eng-a", Stream: "referrals"}, Timeline: Timeline{Speedup: 1440, From: 3 * day, To: 4 * day}, Scale: 0.1}
	l, err := m.Load(opts)
	if err != nil {
		t.Fatal(err)
	}
	p, err := m.Arrivals(opts)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(l.Expected-p.Expected) > 1e-9*p.Expected || math.Abs(l.Rate.Integral(0, l.Duration())-l.Expected) > 1e-9*l.Expected {
		t.Errorf("expected %v, k6 plan %v, ∫ rate %v", l.Expected, p.Expected, l.Rate.Integral(0, l.Duration()))
	}
	if l.Duration() != 60 || l.Rate.End() != 60 {
		t.Errorf("a day at 1440×: duration %v, rate ends at %v; want 60 s", l.Duration(), l.Rate.End())
	}
	a, err := l.Arrivals(7, 1e6)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := l.Arrivals(7, 1e6)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave different arrivals")
	}
	if c, _ := l.Arrivals(8, 1e6); reflect.DeepEqual(a, c) {
		t.Fatal("another seed gave the same arrivals")
	}
	if !slices.IsSorted(a) || a[0] < 0 || a[len(a)-1] >= 60 {
		t.Errorf("arrivals not sorted within [0, 60): first %v, last %v", a[0], a[len(a)-1])
	}
	// A Poisson count: within 4 standard deviations of the mean.
	if n := float64(len(a)); math.Abs(n-l.Expected) > 4*math.Sqrt(l.Expected) {
		t.Errorf("%v arrivals, expected %v", n, l.Expected)
	}
	if _, err := l.Arrivals(7, 10); err == nil {
		t.Error("a limit of 10 arrivals was not enforced")
	}
}

func TestScheduledFailover(t *testing.T) {
	m := NewModel(testConfig(), 1)
	day := 86400.0
	week := Timeline{Speedup: 10080, From: 3 * day, To: 10 * day} // a week in a minute
	outage := week.Elapsed(outageStart)
	for _, tc := range []struct {
		name    string
		sel     Selection
		tl      Timeline
		systems []string
		down    []Interval
	}{
		// eng-a runs on adastra: down at 07:00 until its wave 4 days later.
		{"eng-a calls", Selection{Service: "eng-a"}, week, []string{"adastra"}, []Interval{{outage, week.Elapsed(outageStart + 4*day)}}},
		{"eng-a ooh referrals", Selection{Service: "eng-a", Stream: "referrals:ooh"}, week, []string{"adastra"}, []Interval{{outage, week.Elapsed(outageStart + 4*day)}}},
		// eng-b is on another system: never down.
		{"eng-b", Selection{Service: "eng-b", Stream: "referrals"}, week, nil, nil},
		// The UK is back when the last service (NHS 24, day 6) is.
		{"uk", Selection{}, week, []string{"adastra"}, []Interval{{outage, week.Elapsed(outageStart + 6*day)}}},
		// A window that ends before reconnection clips the interval.
		{"outage day", Selection{Service: "eng-a"}, Timeline{Speedup: 1440, From: 3 * day, To: 4 * day}, []string{"adastra"}, []Interval{{17.5, 60}}},
		// A window before the outage has none.
		{"the day before", Selection{Service: "eng-a"}, Timeline{Speedup: 1440, From: 2 * day, To: 3 * day}, []string{"adastra"}, nil},
	} {
		l, err := m.Load(ArrivalOptions{Selection: tc.sel, Timeline: tc.tl, Scale: 1})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(l.Systems, tc.systems) || !reflect.DeepEqual(l.Down, tc.down) {
			t.Errorf("%s: systems %v down %v, want %v %v", tc.name, l.Systems, l.Down, tc.systems, tc.down)
		}
		for _, iv := range tc.down {
			if l.PrimaryDown(iv.From-1e-6) || !l.PrimaryDown(iv.From) || !l.PrimaryDown(iv.To-1e-6) || l.PrimaryDown(iv.To) {
				t.Errorf("%s: PrimaryDown disagrees with %v", tc.name, iv)
			}
		}
	}
}

// TestArrivalsFirstDraws pins the first arrival times of seed 1: a change
// here changes every load test's schedule.
func TestArrivalsFirstDraws(t *testing.T) {
	l, err := NewModel(testConfig(), 1).Load(ArrivalOptions{Selection: Selection{Nation: "england"}, Timeline: Timeline{Speedup: 1440, From: 3 * 86400, To: 4 * 86400}, Scale: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	a, err := l.Arrivals(1, 1e6)
	if err != nil {
		t.Fatal(err)
	}
	got := make([]float64, 3)
	for i := range got {
		got[i] = math.Round(a[i]*1e6) / 1e6
	}
	want := []float64{0.397664, 0.789599, 1.457421}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("first arrivals %v, want %v", got, want)
	}
}
