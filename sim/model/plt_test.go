package model

import (
	"math"
	"strings"
	"testing"
)

// Protected learning time on the small scenario: an afternoon a week for
// 40% of England's practices. Without an outage 111 covers every session;
// with the rule, the outage cancels those in its window and the practices
// stay open.
func TestPLT(t *testing.T) {
	withPLT := func(down bool) *Config {
		cfg := smallConfig()
		cfg.Regions = []Region{
			{Name: "england", Nation: cfg.Nations[0].Nation, Practices: 100, Patients: 1e6, GP: cfg.Nations[0].GP,
				PLT: PLT{Share: 0.4, CoverRate: 8e-5, CancelDuringOutage: true, Sessions: [][2]float64{
					{-18*day + 13*3600, -18*day + 17*3600}, // before the run: closes nothing
					{1*day + 13*3600, 1*day + 17*3600},     // Tue 2 Aug, before the outage
					{8*day + 13*3600, 8*day + 17*3600},     // Tue 9 Aug, in it
					{10*day + 13*3600, 10*day + 17*3600},   // Thu 11 Aug, in it
				}}},
			{Name: "scotland", Nation: cfg.Nations[1].Nation, GP: cfg.Nations[1].GP},
		}
		if down {
			cfg.Outage = outage()
		}
		return cfg
	}
	out, cf := run(t, withPLT(true), 2, 0), run(t, Counterfactual(withPLT(true)), 2, 0)
	o, c := total(out), total(cf)
	if o.PLTSessionsHeld != 40 || o.PLTSessionsCancelled != 80 || o.PLTPracticeHoursAdded != 320 {
		t.Errorf("outage run: %v practices closed, %v kept open, %v hours added; want 40, 80, 320",
			o.PLTSessionsHeld, o.PLTSessionsCancelled, o.PLTPracticeHoursAdded)
	}
	if c.PLTSessionsHeld != 120 || c.PLTSessionsCancelled != 0 {
		t.Errorf("counterfactual: %v closed, %v kept open; want 120 and 0", c.PLTSessionsHeld, c.PLTSessionsCancelled)
	}
	// Two sessions × 40% of a million patients × 4 h × 0.08 calls per
	// 1,000 patients an hour.
	if want := 2 * 0.4 * 1e6 * 4 * 8e-5; math.Abs(o.PLTCallsAvoided-want) > 1e-9 {
		t.Errorf("calls avoided %v, want %v", o.PLTCallsAvoided, want)
	}
	// The held sessions' cover reaches 111: more calls in the afternoon
	// of 9 Aug without the outage's cancellation than with it is not
	// testable through the outage's own effects, so compare the
	// counterfactual with the same scenario without PLT.
	plain := smallConfig()
	noPLT := run(t, plain, 2, 0)
	afternoon := func(r *Result, d float64) float64 {
		h := int(d*24) + 13
		n := 0.0
		for k := h; k < h+4; k++ {
			n += r.Nations[0].Hourly[k].Offered
		}
		return n
	}
	if !(afternoon(cf, 8) > afternoon(noPLT, 8)+100) {
		t.Errorf("calls on the PLT afternoon: %v with cover, %v without PLT; want about 128 more", afternoon(cf, 8), afternoon(noPLT, 8))
	}
	// Practices closed lose 40% × 4/10 of the day's capacity, and of the
	// demand they would have booked.
	day8 := cf.Nations[0].Daily[8]
	if want := 1000 * (1 - 0.4*0.4); math.Abs(day8.GPCapacity-want) > 1e-9 {
		t.Errorf("GP capacity on the PLT day %v, want %v", day8.GPCapacity, want)
	}
	if want := 800 * (1 - 0.4*0.4); math.Abs(day8.GPBaseline-want) > 1e-9 {
		t.Errorf("GP baseline on the PLT day %v, want %v", day8.GPBaseline, want)
	}
	if got := cf.Nations[0].Daily[0].GPCapacity; got != 1000 {
		t.Errorf("GP capacity on the first day %v, want 1000: a session before the run closes nothing", got)
	}
	if got := out.Nations[0].Daily[8].GPCapacity; got != 1000 {
		t.Errorf("GP capacity on the cancelled PLT day %v, want 1000", got)
	}
}

// The threshold rule decides each session in the run, DecideBefore its
// start, on the nation's OOH backlog then: above the threshold the
// practices stay open and 111 gets none of the session's cover calls.
func TestPLTCancelWhen(t *testing.T) {
	// Weekday sessions 13:00–17:00 in the first two weeks of August 2022:
	// at 11:00 the out-of-hours backlog is the cases waiting since 08:00,
	// some 20 to 45 on this scenario.
	days := []int{1, 2, 3, 4, 7, 8, 9, 10, 11}
	withRule := func(rule *PLTRule) *Config {
		cfg := smallConfig()
		var sessions [][2]float64
		for _, d := range days {
			sessions = append(sessions, [2]float64{float64(d)*day + 13*3600, float64(d)*day + 17*3600})
		}
		plt := PLT{Share: 0.4, CoverRate: 8e-5, Sessions: sessions, CancelWhen: rule}
		if rule == nil {
			plt = PLT{}
		}
		cfg.Regions = []Region{
			{Name: "england", Nation: cfg.Nations[0].Nation, Practices: 100, Patients: 1e6, GP: cfg.Nations[0].GP, PLT: plt},
			{Name: "scotland", Nation: cfg.Nations[1].Nation, GP: cfg.Nations[1].GP},
		}
		return cfg
	}
	threshold := 36.0 // on 3 Aug the backlog at 11:00 is exactly 36: not above, so held
	r := run(t, withRule(&PLTRule{DecideBefore: 2 * 3600, OOHBacklogAbove: &threshold}), 2, 0)
	cancelled := 0
	for _, d := range days {
		backlog := r.Nations[0].Hourly[d*24+11].OOHWaiting // at 11:00, when it is decided
		open := r.Nations[0].Daily[d].GPCapacity == 1000
		if open != (backlog > threshold) {
			t.Errorf("day %d: %v OOH cases waiting at 11:00, threshold %v, practices open %v", d, backlog, threshold, open)
		}
		if open {
			cancelled++
		}
	}
	if cancelled == 0 || cancelled == len(days) {
		t.Fatalf("%d of %d sessions cancelled: the test needs backlogs on both sides of %v", cancelled, len(days), threshold)
	}
	s := total(r)
	if s.PLTSessionsCancelled != float64(40*cancelled) || s.PLTSessionsHeld != float64(40*(len(days)-cancelled)) ||
		s.PLTPracticeHoursAdded != float64(160*cancelled) {
		t.Errorf("%v practices kept open, %v closed, %v hours added; want %d, %d, %d",
			s.PLTSessionsCancelled, s.PLTSessionsHeld, s.PLTPracticeHoursAdded, 40*cancelled, 40*(len(days)-cancelled), 160*cancelled)
	}
	if want := float64(cancelled) * 0.4 * 1e6 * 4 * 8e-5; math.Abs(s.PLTCallsAvoided-want) > 1e-9 {
		t.Errorf("calls avoided %v, want %v", s.PLTCallsAvoided, want)
	}

	// The same threshold on calls waiting for a 111 adviser, which are
	// few: every session is held, and 111 gets their cover.
	none := run(t, withRule(&PLTRule{DecideBefore: 2 * 3600, CallsWaitingAbove: new(1e6)}), 2, 0)
	// A threshold of 0 on the backlog, above 0 on every weekday morning:
	// every session is cancelled, and 111 gets not one cover call.
	all := run(t, withRule(&PLTRule{DecideBefore: 2 * 3600, OOHBacklogAbove: new(0.0)}), 2, 0)
	plain := run(t, withRule(nil), 2, 0)
	if n, a := total(none), total(all); n.PLTSessionsCancelled != 0 || a.PLTSessionsHeld != 0 {
		t.Errorf("threshold never reached: %v kept open; always passed: %v closed; want 0 and 0", n.PLTSessionsCancelled, a.PLTSessionsHeld)
	}
	// The cover calls come from their own random streams, so the other
	// patients arrive as without PLT (staffing differs: rotas plan for
	// the cover, so compare first contacts, not calls offered).
	if a, p := all.Nations[0].Counts.Patients, plain.Nations[0].Counts.Patients; a != p {
		t.Errorf("%v patients with every session cancelled, %v without PLT; want the same", a, p)
	}
	// 9 sessions × 128 expected cover calls.
	extra := none.Nations[0].Counts.Patients - plain.Nations[0].Counts.Patients
	if want := 9 * 0.4 * 1e6 * 4 * 8e-5; math.Abs(extra-want) > 4*math.Sqrt(want) {
		t.Errorf("held sessions brought %v patients to 111, want about %v", extra, want)
	}

	// Same seed, same result.
	again := run(t, withRule(&PLTRule{DecideBefore: 2 * 3600, OOHBacklogAbove: &threshold}), 2, 0)
	if total(again) != s || again.UK.Counts != r.UK.Counts {
		t.Error("the same seed gave a different run")
	}
}

// TestPLTRuleChecks: a rule needs a measure, and thresholds and the lead
// time are numbers ≥ 0.
func TestPLTRuleChecks(t *testing.T) {
	for _, tc := range []struct {
		rule PLTRule
		want string
	}{
		{PLTRule{DecideBefore: 3600}, "regions[0].plt.cancel_when: no measure (allowed: one or more of ooh_backlog_above"},
		{PLTRule{OOHBacklogAbove: new(-1.0)}, "regions[0].plt.cancel_when.ooh_backlog_above: -1 is negative"},
		{PLTRule{CallbacksWaitingAbove: new(math.NaN())}, "regions[0].plt.cancel_when.callbacks_waiting_above: NaN"},
		{PLTRule{DecideBefore: -60, CallsWaitingAbove: new(5.0)}, "regions[0].plt.cancel_when.decide_before: -60 is negative"},
	} {
		cfg := smallConfig()
		cfg.Regions = []Region{{Name: "england", Nation: cfg.Nations[0].Nation, GP: cfg.Nations[0].GP,
			PLT: PLT{Share: 0.4, Sessions: [][2]float64{{day, day + 3600}}, CancelWhen: &tc.rule}}}
		if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("got %v, want an error containing %q", err, tc.want)
		}
	}
}
