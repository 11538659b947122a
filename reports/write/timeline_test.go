package write

import (
	"reflect"
	"testing"
	"time"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/model"
)

// Every event of the outage is a line of the timeline, in time order:
// precautions and their ends, waves by service or system, and an outage
// that simply ends.
func TestDerivedTimeline(t *testing.T) {
	const h = 3600.0
	a := &reports.Aggregate{
		Start:   time.Date(2022, 8, 1, 0, 0, 0, 0, calendar.London()),
		Horizon: 28 * 24 * h,
		Outage: &model.Outage{
			Systems: []string{"adastra"}, Start: 79 * h, End: 319 * h,
			Isolations:     []model.Isolation{{Supplier: "advanced", Systems: []string{"odyssey"}, Start: 80 * h, End: 200 * h}},
			Disconnections: []model.Disconnection{{Supplier: "advanced", Services: []string{"ni-gp-ooh"}, From: 100 * h}},
			Waves:          []model.Wave{{At: 150 * h, Systems: []string{"gp-booking"}, Fraction: 0.5}},
		},
	}
	var got []string
	for _, r := range derivedTimeline(a) {
		got = append(got, r.When+" | "+r.What)
	}
	want := []string{
		"Thu 4 Aug 2022 07:00 | Systems go down: adastra",
		"Thu 4 Aug 2022 08:00 | Precaution: advanced takes odyssey offline",
		"Fri 5 Aug 2022 04:00 | Precaution: ni-gp-ooh disconnect from advanced",
		"Sun 7 Aug 2022 06:00 | Reconnection: gp-booking (50% of sites)",
		"Tue 9 Aug 2022 08:00 | advanced restores odyssey",
		"Sun 14 Aug 2022 07:00 | The outage ends: every system restored",
		"Mon 29 Aug 2022 00:00 | End of the simulated period",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("timeline\n got %q\nwant %q", got, want)
	}
}
