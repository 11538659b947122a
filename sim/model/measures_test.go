package model

import (
	"math"
	"testing"

	"github.com/outagesim/outagesim/sim/rng"
)

func TestReferralDelayBin(t *testing.T) {
	last := ReferralDelayBins - 1
	for _, tc := range []struct {
		delay float64
		bin   int
	}{
		{0, 0}, {-1, 0}, {0.001, 1}, {300, 1}, {300.5, 2}, {1800, 6}, {8 * 3600, last - 1}, {8*3600 + 1, last}, {1e9, last},
	} {
		if got := referralDelayBin(tc.delay); got != tc.bin {
			t.Errorf("delay %v s: bin %d, want %d", tc.delay, got, tc.bin)
		}
	}
}

// total sums every region's tallies over the run.
func total(r *Result) Tally {
	var sum Tally
	for a := range r.Areas {
		for s := range r.Segments {
			sum.Add(r.Tally(a, s))
		}
	}
	return sum
}

// TestReferralDelayIsTimedFromTheDecision: every referral delivered or
// handed off is timed once, electronic ones at zero and manual ones at
// the hand-off's delay (a fixed 30 minutes here, so all in one bin).
func TestReferralDelayIsTimedFromTheDecision(t *testing.T) {
	cfg := smallConfig()
	cfg.Outage = outage()
	r := run(t, cfg, 3, 0)
	tl := total(r)
	electronic, manual := tl.ReferralTotal(Electronic), tl.ReferralTotal(ManualSent)
	if manual == 0 {
		t.Fatal("no manual referrals: the test needs some")
	}
	if tl.ReferralsTimed != electronic+manual || tl.ReferralDelayHist[0] != electronic ||
		tl.ReferralDelayHist[referralDelayBin(1800)] != manual || tl.ReferralDelaySum != 1800*manual {
		t.Errorf("timed %v (hist[0] %v, hist[30 min] %v, sum %v s); want %v electronic at 0 and %v manual at 1800 s",
			tl.ReferralsTimed, tl.ReferralDelayHist[0], tl.ReferralDelayHist[referralDelayBin(1800)], tl.ReferralDelaySum,
			electronic, manual)
	}
	cf := total(run(t, Counterfactual(cfg), 3, 0))
	if cf.ReferralDelaySum != 0 || cf.ReferralsTimed != cf.ReferralDelayHist[0] {
		t.Errorf("without the outage every referral is electronic, yet %v s of delay", cf.ReferralDelaySum)
	}
}

// TestOOHMeasuresWithClosedHours: the OOH service is closed in hours, so
// cases referred by day wait for the evening. The backlog KPI reads the
// queue at the start of each out-of-hours session, never at an in-hours
// hour when nobody is on duty; waits from 111's decision add the manual
// hand-off's delay (30 minutes) to the queue's wait.
func TestOOHMeasuresWithClosedHours(t *testing.T) {
	cfg := smallConfig()
	cfg.Outage = outage()
	m, err := build(cfg, rng.Source{Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	m.k.RunUntil(cfg.Horizon)
	r, err := m.finish()
	if err != nil {
		t.Fatal(err)
	}
	for ni, ns := range m.nations {
		nr := &r.Nations[ni]
		// The session starts of the nation's regions, day by day, from the
		// tallies; and the queue at those hours, from the hourly series.
		starts := map[int]float64{}
		backlog := map[int]float64{}
		for a, ar := range r.Areas {
			if ar.Nation != nr.Nation.String() {
				continue
			}
			for s, sg := range r.Segments {
				starts[sg.Day] += r.Tally(a, s).OOHSessionStarts
				backlog[sg.Day] += r.Tally(a, s).OOHSessionBacklog
			}
		}
		sessions := 0
		sessionDay := map[int]bool{}
		for h, start := range ns.sessionStart {
			d := int(m.dayOfHour[h])
			open := m.cal.IsOOH(ns.cfg.Nation, m.hourStart[h]+1800)
			if h > 0 && start != (open && !m.cal.IsOOH(ns.cfg.Nation, m.hourStart[h-1]+1800)) {
				t.Errorf("%s, hour %d: session start %v, but out of hours %v after %v", nr.Nation, h, start, open, !open)
			}
			if !start {
				continue
			}
			sessions++
			sessionDay[d] = true
			if waiting := nr.Hourly[h].OOHWaiting; starts[d] != 1 || backlog[d] != waiting {
				t.Errorf("%s, day %d: %v session starts with %v waiting; want 1 with the %v the hourly series shows",
					nr.Nation, d, starts[d], backlog[d], waiting)
			}
		}
		// A day inside a weekend starts no session, and reads nothing.
		for d := range r.Days {
			if !sessionDay[d] && (starts[d] != 0 || backlog[d] != 0) {
				t.Errorf("%s, day %d (%v): no session starts, yet %v starts and %v waiting recorded",
					nr.Nation, d, r.Days[d], starts[d], backlog[d])
			}
		}
		// Ten weekday evenings in two weeks (weekends start on Friday
		// evening); Scotland's first Monday, 1 August, is a bank holiday, out
		// of hours from the run's start.
		want := map[string]int{"england": 10, "scotland": 9}[nr.Nation.String()]
		if sessions != want {
			t.Errorf("%s: %d OOH sessions in two weeks, want %d", nr.Nation, sessions, want)
		}
	}
	tl := total(r)
	extra := tl.OOHDecisionWaitSum - tl.OOHWaitSum
	handedOff := extra / 1800
	if tl.OOHConsults == 0 || extra <= 0 || math.Abs(handedOff-math.Round(handedOff)) > 1e-6 ||
		handedOff > tl.Referrals[RouteOOH][ManualSent] {
		t.Errorf("waits from 111's decision exceed the queue's by %v s: want a whole number of 30-minute hand-offs, "+
			"at most the %v sent by hand", extra, tl.Referrals[RouteOOH][ManualSent])
	}
	if tl.OOHDecisionWithinTarget > tl.OOHWithinTarget {
		t.Errorf("%v within target from the decision > %v from arrival", tl.OOHDecisionWithinTarget, tl.OOHWithinTarget)
	}
	cf := total(run(t, Counterfactual(cfg), 5, 0))
	if cf.OOHDecisionWaitSum != cf.OOHWaitSum || cf.OOHDecisionWithinTarget != cf.OOHWithinTarget {
		t.Error("without the outage every OOH referral is electronic, yet waits from the decision differ")
	}
}

// TestRatesPerAnsweredCall: online contacts' ED and ambulance
// dispositions are counted apart, so the rates per answered call leave
// them out.
func TestRatesPerAnsweredCall(t *testing.T) {
	cfg := smallConfig()
	for i := range cfg.Nations {
		cfg.Nations[i].OnlineShare = 0.3
		cfg.Nations[i].OnlineDispositions = cfg.Nations[i].Dispositions
	}
	tl := total(run(t, cfg, 4, 0))
	if tl.OnlineED == 0 || tl.OnlineAmbulance == 0 {
		t.Fatalf("online ED %v, ambulance %v: want some of each", tl.OnlineED, tl.OnlineAmbulance)
	}
	ed := tl.Dispositions[ED] + tl.SignpostedToED + tl.CASGaveUpTo[ED]
	// Online is 30% of contacts and triaged like phone calls.
	if share := tl.OnlineED / ed; math.Abs(share-0.3) > 0.03 {
		t.Errorf("online contacts are %.3f of ED dispositions, want about 0.3", share)
	}
	plain := smallConfig()
	pt := total(run(t, plain, 4, 0))
	if pt.OnlineED != 0 || pt.OnlineAmbulance != 0 {
		t.Errorf("no online channel, yet %v online ED and %v ambulance dispositions", pt.OnlineED, pt.OnlineAmbulance)
	}
}
