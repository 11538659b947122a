package charts

import (
	"fmt"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/sim/replicate"
)

// A report writer runs the replications, renders the charts, embeds each
// SVG in the page and writes each PNG beside it as <ID>.png.
func ExampleAll() {
	agg, err := reports.Summarise(testConfig(true), replicate.Options{Replications: 3, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	cs, err := All(agg)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range cs {
		// os.WriteFile(filepath.Join(dir, c.ID+".png"), c.PNG, 0o644)
		fmt.Printf("%s: %s\n", c.ID, c.Title)
	}
	// Output:
	// a-calls-per-hour: NHS 111 calls per hour, by nation
	// b-answered-within-60s: NHS 111 calls answered within 60 seconds
	// c-gp-surge: GP practices: same-day demand against capacity
	// d-referrals-by-mode: UK referrals from NHS 111 per day, by how they were sent
	// e-ooh: GP out-of-hours: cases waiting and time to consultation
	// f-ed-ambulance: A&E and ambulance dispositions per day
	// g-daily-impact: The outage's impact day by day, Wales
}
