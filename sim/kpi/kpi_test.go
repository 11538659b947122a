package kpi

import (
	"math"
	"os"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/reports/golden"
	"github.com/outagesim/outagesim/sim/model"
)

func TestCatalogueIsComplete(t *testing.T) {
	if err := Check(); err != nil {
		t.Fatal(err)
	}
	if len(HeadlineKeys()) == 0 || len(HeadlineKeys()) > 10 {
		t.Errorf("%d headline KPIs: a reader wants a handful", len(HeadlineKeys()))
	}
}

// Each row's formula, on counts chosen so that every KPI has a different
// value and the denominators are known.
func TestValues(t *testing.T) {
	var w Window
	n := &w.Total
	n.CallsOffered, n.CallsAnswered, n.CallsAbandoned = 1000, 800, 200
	n.AnsweredWithinTarget, n.AbandonedAfterThreshold, n.WaitAnsweredSum = 400, 150, 800*120
	n.CASAnswered, n.CASWithinTarget = 50, 40
	n.CallsWaitingAtEnd, n.CASWaitingAtEnd, n.OOHWaitingAtEnd = 13, 8, 6
	w.End = true
	n.Referrals[model.RouteOOH][model.Electronic] = 30
	n.Referrals[model.RoutePharmacy][model.Electronic] = 5
	n.Referrals[model.RouteOOH][model.ManualSent] = 7
	n.Referrals[model.RouteDental][model.Lost] = 3
	n.SignpostedToGP, n.SignpostedToED = 11, 2
	n.AdviserBusy, n.AdviserStaffed, n.ClinicianBusy, n.ClinicianStaffed = 30, 40, 9, 10
	// PLT: 120 practices closed in sessions held, 80 kept open by a
	// cancelled one (4 h each), sparing 111 50 calls.
	n.PLTSessionsHeld, n.PLTSessionsCancelled, n.PLTPracticeHoursAdded, n.PLTCallsAvoided = 120, 80, 320, 50
	// Two days: the busiest GP day is the second (125%), the largest
	// session backlog the first (17).
	w.Days = []Day{
		{GPWorkingDays: 1, GPCapacity: 100, GPBaseline: 90, GPFrom111: 5, OOHSessionStarts: 1, OOHSessionBacklog: 17,
			GPArrivals: [model.NumGPSources]float64{model.GPSignposted: 8}},
		{GPWorkingDays: 1, GPCapacity: 100, GPBaseline: 100, GPFrom111: 20, GPCarriedIn: 5, OOHSessionStarts: 1, OOHSessionBacklog: 9,
			GPArrivals: [model.NumGPSources]float64{model.GPSignposted: 3, model.GPGaveUp111: 2}},
		// A weekend day's contacts (none, by the model) never make a peak.
		{GPArrivals: [model.NumGPSources]float64{model.GPSignposted: 50}},
	}
	// GP contacts by source (booked patients make none): 15 + 5 + 4 + 3 +
	// 2 = 29 contacts, over 2 working days of 1,000 patients and 4 practices.
	n.GPArrivals = [model.NumGPSources]float64{model.GPBooked: 9, model.GPSignposted: 15, model.GPDisplaced: 5,
		model.GPGaveUp111: 4, model.GPGaveUpCallback: 3, model.GPLostReferral: 2}
	n.GPFrom111, n.GPTriageMinutes, n.GPOverCapacity, n.GPPatients, n.GPPractices = 21.5, 29*6, 1, 2000, 8
	// Capacity of the two days above; only the first (100 − 95) had room.
	n.GPCapacity, n.GPUnused = 200, 5
	n.Dispositions[model.ED], n.CASGaveUpTo[model.ED], n.AbandonedTo[model.ED] = 60, 4, 6
	n.Dispositions[model.Ambulance], n.CASGaveUpTo[model.Ambulance], n.AbandonedTo[model.Ambulance] = 20, 1, 2
	// Online contacts' dispositions are left out of the rates per answered
	// call: (60 + 2 + 4 − 6) / 800 and (20 + 1 − 1) / 800.
	n.OnlineED, n.OnlineAmbulance = 6, 1
	// Referral delays: 6 electronic, 2 in (60, 65] min, 2 in (120, 125]
	// min; the 90th percentile is the 9th of 10, half-way into the
	// (120, 125] bin.
	n.ReferralsTimed, n.ReferralDelaySum = 10, 2*62*60+2*122*60
	n.ReferralDelayHist[0], n.ReferralDelayHist[13], n.ReferralDelayHist[25] = 6, 2, 2
	// OOH consultations counted from 111's decision.
	n.OOHConsults, n.OOHDecisionWithinTarget, n.OOHDecisionWaitSum = 20, 15, 20*90*60
	want := map[string]float64{
		CallsOffered: 1000, CallsAnswered: 800, CallsAbandoned: 200,
		AnsweredWithin60sPct: 50, AbandonedPct: 15, MeanAnswerS: 120, CallbackWithinTargetPct: 80,
		ReferralsElectronic: 35, ReferralsManual: 7, ReferralsLost: 3, SignpostedToGP: 11,
		GPPeakUtilisationPct: 125, OOHBacklogPeak: 17, EDDispositions: 72, AmbulanceDispositions: 23,
		AnsweredWithin60sOfOfferedPct: 40, EDPer1000Answered: 75, AmbulancePer1000Answered: 25,
		ReferralDelayMeanMin: 36.8, ReferralDelayP90Min: 122.5, OOHWithinTargetPct: 75, OOHWaitMeanMin: 90,
		AdviserUtilisationPct: 75, ClinicianUtilisationPct: 90,
		CallsWaitingAtEnd: 13, CallbacksMade: 50, CallbacksWaitingAtEnd: 8, OOHWaitingAtEnd: 6, OOHConsultations: 20,
		PLTSessionsCancelled: 80, PLTPracticeHoursAdded: 320, PLTCoverCallsAvoided: 50,
		GPContactsFrom111: 29, GPContactsSignposted: 15, GPContactsDisplaced: 5, GPContactsGaveUp111: 4,
		GPContactsGaveUpCallback: 3, GPContactsLostReferral: 2, GPBookedFrom111: 9, GPAppointmentsFrom111: 21.5,
		GPTriageHoursFrom111: 2.9, GPPeakDayContacts: 8, GPDaysOverCapacity: 1,
		GPContactsPer10kPerDay: 145, GPContactsPerPracticePerDay: 3.625,
		GPAppointmentsPerPracticePerDay: 2.6875, GPCapacityPerPracticePerDay: 25, GPSparePerPracticePerDay: 0.625,
	}
	got := Map(&w)
	if len(got) != len(want) {
		t.Fatalf("%d KPIs computed, %d expected: a new row needs a case here", len(got), len(want))
	}
	for k, w := range want {
		if math.Abs(got[k]-w) > 1e-9 {
			t.Errorf("%s = %v, want %v", k, got[k], w)
		}
	}
	// No denominator, no value: never a 0 that reads as a measurement.
	var empty Window
	for _, k := range []string{AnsweredWithin60sPct, AbandonedPct, MeanAnswerS, CallbackWithinTargetPct, GPPeakUtilisationPct, OOHBacklogPeak,
		AnsweredWithin60sOfOfferedPct, EDPer1000Answered, AmbulancePer1000Answered, ReferralDelayMeanMin, ReferralDelayP90Min,
		OOHWithinTargetPct, OOHWaitMeanMin, AdviserUtilisationPct, ClinicianUtilisationPct,
		CallsWaitingAtEnd, CallbacksWaitingAtEnd, OOHWaitingAtEnd,
		PLTSessionsCancelled, PLTPracticeHoursAdded, PLTCoverCallsAvoided} {
		if v := Map(&empty)[k]; !math.IsNaN(v) {
			t.Errorf("%s with no denominator = %v, want NaN", k, v)
		}
	}
	// What is still waiting at the end belongs to the window that holds
	// the end: before it, "0 waiting at the end" would be no measurement.
	w.End = false
	for _, k := range []string{CallsWaitingAtEnd, CallbacksWaitingAtEnd, OOHWaitingAtEnd} {
		if v := Map(&w)[k]; !math.IsNaN(v) {
			t.Errorf("%s of a window before the end = %v, want NaN", k, v)
		}
	}
	// Every share of a count, and the mean time to answer, names the count
	// it rests on (utilisations are shares of time and capacity instead).
	for _, d := range All() {
		if (d.Percent || d.Key == MeanAnswerS) && !strings.HasSuffix(d.Key, "utilisation_pct") {
			if b, ok := Lookup(d.Basis); !ok || b.Percent {
				t.Errorf("%s: basis %q is not a count KPI", d.Key, d.Basis)
			}
		}
	}
}

func TestSeriesNamesAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range Daily() {
		if seen[d.Name] || d.Unit == "" || d.Value == nil {
			t.Errorf("daily series %q: duplicate or incomplete", d.Name)
		}
		seen[d.Name] = true
	}
	seen = map[string]bool{}
	for _, h := range Hourly() {
		if seen[h.Name] || h.Unit == "" || h.Value == nil {
			t.Errorf("hourly series %q: duplicate or incomplete", h.Name)
		}
		seen[h.Name] = true
	}
}

// docs/model.md carries the generated table between two markers.
func TestDocsTable(t *testing.T) {
	const path = "../../docs/model.md"
	const begin, end = "<!-- kpi-table:begin -->\n", "<!-- kpi-table:end -->"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s: the KPI table markers are missing", path)
	}
	// Under -update the whole document is rewritten with the table
	// regenerated; otherwise a stale table shows as a diff.
	golden.CheckString(t, path, doc[:i+len(begin)]+MarkdownTable()+doc[j:])
}

// The referral delay's quantile from the histogram at its edges: all
// electronic, everything past the last bin, and one bin exactly.
func TestReferralDelayQuantile(t *testing.T) {
	last := model.ReferralDelayBins - 1
	for _, tc := range []struct {
		name string
		hist map[int]float64
		q    float64
		want float64 // seconds
	}{
		{"all electronic", map[int]float64{0: 10}, 0.9, 0},
		{"90% electronic", map[int]float64{0: 9, 3: 1}, 0.9, 0},
		{"one bin", map[int]float64{3: 4}, 0.5, 600 + 150},
		{"top of a bin", map[int]float64{1: 1, 2: 1}, 1, 600},
		{"past the last bin: its lower edge", map[int]float64{0: 1, last: 9}, 0.9, 8 * 3600},
	} {
		var tl model.Tally
		for b, c := range tc.hist {
			tl.ReferralDelayHist[b] = c
			tl.ReferralsTimed += c
		}
		if got := referralDelayQuantile(&tl, tc.q); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s: quantile %v = %v s, want %v", tc.name, tc.q, got, tc.want)
		}
	}
}
