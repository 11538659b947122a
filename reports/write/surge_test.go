package write

import (
	"strings"
	"testing"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/stats"
	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/kpi"
)

// surgeOf is a region's surge with 5 replications' impacts as {mean, lo,
// hi}, over 56 working days, its capacity and spare per practice a day.
func surgeOf(area string, practices float64, contacts, per, appts [3]float64, capacity, spare float64) reports.GPSurge {
	s := func(x [3]float64) stats.Summary { return stats.Summary{N: 5, Mean: x[0], CI95: [2]float64{x[1], x[2]}} }
	return reports.GPSurge{Area: area, Nation: "england", Practices: practices, WorkingDays: 56,
		Contacts: s(contacts), ContactsPerPractice: s(per), AppointmentsPerPractice: s(appts),
		Capacity: capacity, Spare: spare, Peak: calendar.Date{Year: 2022, Month: 8, Day: 8}}
}

// TestSurgeSentence checks the plain sentence about the GP surge: it names
// the region hit hardest per practice, computes the share of capacity
// from the run, says "small" only when the extra appointments' whole
// interval fits in the headroom (and says why), and says plainly when it
// does not fit.
func TestSurgeSentence(t *testing.T) {
	const when = "from 4 Aug to 16 Sep 2022"
	london := func(appts [3]float64, spare float64) reports.GPSurge {
		return surgeOf("london", 1188, [3]float64{83314, 82000, 84600}, [3]float64{1.1, 1.05, 1.15}, appts, 81.6, spare)
	}
	quiet := surgeOf("north_west", 975, [3]float64{20000, 19000, 21000}, [3]float64{0.4, 0.3, 0.5},
		[3]float64{0.2, 0.1, 0.3}, 71.7, 4)
	for _, tc := range []struct {
		name   string
		surges []reports.GPSurge
		share  float64
		want   []string
		absent []string
	}{
		{"small, appointments rise within the headroom",
			[]reports.GPSurge{quiet, london([3]float64{0.5, 0.4, 0.6}, 4.1)}, 0.44,
			[]string{"London's practices took the largest share", "about 1.10 extra contacts per practice per working day",
				"(95% CI 1.05–1.15)", "1.3% of the 81.6 same-day appointments", "That is small against capacity",
				"the 0.50 extra same-day appointments a practice needed a day (95% CI 0.40–0.60) fit within the 4.10",
				"because the 83,314 extra contacts were shared by 1,188 practices over 56 working days",
				"only 44% of contacts need a same-day appointment"},
			[]string{"North West", "more than their headroom"}},
		{"small, appointments fall",
			[]reports.GPSurge{london([3]float64{-0.3, -0.35, -0.25}, 1.2)}, 0.44,
			[]string{"That is small against capacity", "fell by 0.30 a practice a day (95% CI 0.25–0.35)",
				"a practice had 1.20 left unused"},
			[]string{"more than their headroom", "−0.30"}},
		{"small, no clear change in appointments",
			[]reports.GPSurge{london([3]float64{0.01, -0.02, 0.04}, 1.2)}, 0.44,
			[]string{"did not clearly change (+0.01 a practice a day, 95% CI −0.02 to 0.04)"},
			[]string{"more than their headroom"}},
		{"large: the interval's upper end exceeds the headroom",
			[]reports.GPSurge{london([3]float64{1.0, 0.9, 1.3}, 1.2)}, 0.44,
			[]string{"That is more than their headroom", "the 1.00 extra same-day appointments a practice needed a day (95% CI 0.90–1.30) exceed the 1.20",
				"next working day or goes to A&E"},
			[]string{"small against capacity", "because"}},
		{"no clear rise in contacts anywhere",
			[]reports.GPSurge{surgeOf("london", 1188, [3]float64{100, -50, 250}, [3]float64{0.01, -0.01, 0.03},
				[3]float64{0, -0.01, 0.01}, 81.6, 4)}, 0.44,
			[]string{"From 4 Aug to 16 Sep 2022, the outage made no clear difference", "London's practices moved the most"},
			[]string{"small against capacity", "more than their headroom"}},
		{"no practices known: no sharing clause",
			[]reports.GPSurge{surgeOf("london", 0, [3]float64{83314, 82000, 84600}, [3]float64{1.1, 1.05, 1.15},
				[3]float64{0.5, 0.4, 0.6}, 81.6, 4.1)}, 0,
			[]string{"That is small against capacity", "fit within the 4.10"},
			[]string{"because", "shared by"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := surgeSentence(tc.surges, when, tc.share)
			checkText(t, got, tc.want, tc.absent)
		})
	}
	if got := surgeSentence(nil, when, 0.44); got != "" {
		t.Errorf("no region: %q, want nothing", got)
	}
}

// TestBriefSurgeSentence checks page one's short form: the same verdict as
// the GP section's sentence, in fewer words.
func TestBriefSurgeSentence(t *testing.T) {
	const when = "from 4 Aug to 16 Sep 2022"
	london := func(appts [3]float64, spare float64) []reports.GPSurge {
		return []reports.GPSurge{surgeOf("london", 1188, [3]float64{83314, 82000, 84600}, [3]float64{1.1, 1.05, 1.15}, appts, 81.6, spare)}
	}
	for _, tc := range []struct {
		name   string
		surges []reports.GPSurge
		want   string
	}{
		{"fits", london([3]float64{0.5, 0.4, 0.6}, 4.1),
			"London's practices were hit hardest: 1.10 extra contacts per practice per working day (95% CI 1.05–1.15), " +
				"1.3% of their same-day capacity; small against it, as the 0.50 extra appointments a practice needed a " +
				"day fit in the 4.10 it had spare."},
		{"appointments fall", london([3]float64{-0.3, -0.35, -0.25}, 1.2),
			"London's practices were hit hardest: 1.10 extra contacts per practice per working day (95% CI 1.05–1.15), " +
				"1.3% of their same-day capacity; small against it, as after the practices' triage the same-day " +
				"appointments 111's patients needed fell."},
		{"does not fit", london([3]float64{1.0, 0.9, 1.3}, 1.2),
			"London's practices were hit hardest: 1.10 extra contacts per practice per working day (95% CI 1.05–1.15), " +
				"1.3% of their same-day capacity; more than their headroom: 1.00 extra appointments a practice a day " +
				"against 1.20 spare."},
	} {
		if got := briefSurgeSentence(tc.surges, when, 0.44); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

// TestSourceSentence checks the sentence on where the extra contacts came
// from: clear rises as shares of the clear rise in contacts, largest
// first; clear falls and fewer bookings said apart; unclear changes left
// out; nothing unless contacts clearly rose.
func TestSourceSentence(t *testing.T) {
	const w = "outage_window"
	a := &reports.Aggregate{}
	setKPI(a, w, reports.UK, kpi.GPContactsFrom111, [3]float64{1500, 1400, 1600}, v3(1000, 950, 1050), v3(500, 450, 550))
	setKPI(a, w, reports.UK, kpi.GPContactsSignposted, [3]float64{300, 280, 320}, v3(0, 0, 0), v3(300, 280, 320))
	setKPI(a, w, reports.UK, kpi.GPContactsGaveUp111, [3]float64{800, 780, 820}, v3(550, 540, 560), v3(250, 230, 270))
	setKPI(a, w, reports.UK, kpi.GPContactsGaveUpCallback, [3]float64{50, 40, 60}, v3(100, 90, 110), v3(-50, -60, -40))
	setKPI(a, w, reports.UK, kpi.GPContactsLostReferral, [3]float64{5, 0, 10}, v3(5, 0, 10), v3(0, -5, 5))
	setKPI(a, w, reports.UK, kpi.GPBookedFrom111, [3]float64{800, 780, 820}, v3(1000, 990, 1010), v3(-200, -220, -180))
	want := "Of the 500 extra contacts in the UK, 60.0% came from patients told to contact their practice because 111 " +
		"could not book them and 50.0% from callers who gave up on 111. Contacts from patients who gave up waiting for " +
		"a call-back fell by 50. 111 booked 200 fewer patients into a GP slot."
	if got := sourceSentence(a, w, reports.UK); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	setKPI(a, w, reports.UK, kpi.GPContactsFrom111, [3]float64{1010, 950, 1060}, v3(1000, 950, 1050), v3(10, -20, 40))
	if got := sourceSentence(a, w, reports.UK); got != "" {
		t.Errorf("no clear rise in contacts: %q, want nothing", got)
	}
}

// TestKPIsCSVHasRegions checks that kpis.csv has a row for every area of
// summary.json, regions included, in its order.
func TestKPIsCSVHasRegions(t *testing.T) {
	a := runAggregate(t, true, 2, 0)
	region := reports.AreaInfo{Name: "north_wales", Nation: "wales", Kind: "region"}
	a.Areas = append([]reports.AreaInfo{a.Areas[0], region}, a.Areas[1:]...)
	for _, k := range a.KPIs {
		if k.Nation == "wales" {
			k.Nation = region.Name
			a.KPIs = append(a.KPIs, k)
		}
	}
	var b strings.Builder
	if err := KPIsCSV(&b, a); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	wales, north, uk := strings.Index(out, "\nwales,"), strings.Index(out, "\nnorth_wales,gp_contacts_from_111,impact,"),
		strings.Index(out, "\nuk,")
	if wales < 0 || north < 0 || uk < 0 || !(wales < north && north < uk) {
		t.Errorf("kpis.csv rows: wales at %d, north_wales's GP contacts at %d, uk at %d: want all three in that order", wales, north, uk)
	}
}
