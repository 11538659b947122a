package reports

import (
	"math"
	"testing"

	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/model"
	"github.com/outagesim/outagesim/sim/replicate"
)

// TestGPSurgeLandsWhereThePatientsLive splits Wales into two regions, each
// with its own 111 service, and fails only the north's: the surge must
// land on the north's practices, with a clear rise per practice and a peak
// on one of its working days, and leave the south's alone. A model or a
// report that pooled the nation's practices would share it out.
func TestGPSurgeLandsWhereThePatientsLive(t *testing.T) {
	cfg := testConfig(true)
	cfg.Horizon = 8 * 86400
	gp := cfg.Nations[0].GP
	gp.AppointmentShare, gp.TriageMinutes = 0.5, 5
	cfg.Nations[0].GP = gp
	cfg.Regions = []model.Region{
		{Name: "north", Nation: calendar.Wales, Patients: 5e5, Practices: 50, GP: gp},
		{Name: "south", Nation: calendar.Wales, Patients: 5e5, Practices: 50, GP: gp},
	}
	north, south := cfg.Services[0], cfg.Services[0]
	north.Name, north.Share, north.Regions = "111-north", 0.5, []model.RegionShare{{Region: "north", Share: 1}}
	south.Name, south.Share, south.Regions = "111-south", 0.5, []model.RegionShare{{Region: "south", Share: 1}}
	for f := range south.Systems {
		south.Systems[f] = "other"
	}
	cfg.Services = []model.Service{north, south}
	a, err := Summarise(cfg, replicate.Options{Replications: 4, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	surges := a.GPSurges()
	if len(surges) != 2 || surges[0].Area != "north" || surges[1].Area != "south" {
		t.Fatalf("surges %+v: want north then south", surges)
	}
	n, s := surges[0], surges[1]
	if n.ContactsPerPractice.CI95[0] <= 0 {
		t.Errorf("north: %+v extra contacts per practice a day, want a clear rise", n.ContactsPerPractice)
	}
	if math.Abs(s.ContactsPerPractice.Mean) > 0.1*n.ContactsPerPractice.Mean {
		t.Errorf("south: %v extra contacts per practice a day against the north's %v: the surge leaked out of the north",
			s.ContactsPerPractice.Mean, n.ContactsPerPractice.Mean)
	}
	if n.Practices != 50 || n.WorkingDays == 0 || !n.Peak.Valid() || n.Peak.Weekday() == 0 || n.Peak.Weekday() == 6 {
		t.Errorf("north: %v practices, %d working days, peak %v: want 50 practices and a weekday peak", n.Practices, n.WorkingDays, n.Peak)
	}
	// The peak day's figure per practice is that day's contacts shared by
	// the region's practices, and no working day is larger than the peak.
	if got, want := n.PeakPerPractice.Mean, n.PeakContacts.Mean/50; math.Abs(got-want) > 1e-9*math.Max(1, want) {
		t.Errorf("north's peak: %v per practice, want %v / 50 = %v", got, n.PeakContacts.Mean, want)
	}
	if avg := n.Contacts.Mean / float64(n.WorkingDays); n.PeakContacts.Mean < avg {
		t.Errorf("north's peak %v below its average working day %v", n.PeakContacts.Mean, avg)
	}
	// Every contact comes from one source, so the sources' impacts add up
	// to the contacts'.
	sum := 0.0
	for src, imp := range n.Sources {
		if model.GPSource(src).Contact() {
			sum += imp.Mean
		}
	}
	if math.Abs(sum-n.Contacts.Mean) > 1e-9*math.Max(1, n.Contacts.Mean) || n.Sources[model.GPSignposted].Mean <= 0 {
		t.Errorf("north: sources of contacts add up to %v, want the contacts' %v, with signposted patients among them (%v)",
			sum, n.Contacts.Mean, n.Sources[model.GPSignposted].Mean)
	}
	if !(n.Capacity > 0) || n.Spare < 0 || n.Spare > n.Capacity {
		t.Errorf("north: capacity %v, spare %v a practice a day", n.Capacity, n.Spare)
	}
	// Without an outage there is no surge.
	b, err := Summarise(testConfig(false), replicate.Options{Replications: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got := b.GPSurges(); got != nil {
		t.Errorf("no outage: %d surges, want none", len(got))
	}
}
