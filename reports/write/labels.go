package write

import (
	"strings"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/sim/kpi"
)

// info returns a KPI's row of the catalogue; a key the catalogue lacks is
// shown by its key with two decimals.
func info(key string) kpi.Def {
	if d, ok := kpi.Lookup(key); ok {
		return *d
	}
	return kpi.Def{Key: key, Label: key, Decimals: 2, Percent: strings.HasSuffix(key, "_pct")}
}

var nationNames = map[string]string{
	"england":          "England",
	"scotland":         "Scotland",
	"wales":            "Wales",
	"northern_ireland": "Northern Ireland",
	reports.UK:         "UK",
	// NHS England's regions, as NHS England writes them.
	"london":                   "London",
	"south_east":               "South East",
	"south_west":               "South West",
	"east_of_england":          "East of England",
	"midlands":                 "Midlands",
	"north_east_and_yorkshire": "North East and Yorkshire",
	"north_west":               "North West",
}

// nationName returns an area's name for a reader: a nation's own name,
// or a region's key with its words spaced and capitalised ("north_east"
// reads "North east").
func nationName(n string) string {
	if s, ok := nationNames[n]; ok {
		return s
	}
	s := strings.NewReplacer("_", " ", "-", " ").Replace(n)
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		s = string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// inProse is a nation's name inside a sentence: "the UK", not "UK".
func inProse(n string) string {
	if n == reports.UK {
		return "the UK"
	}
	return nationName(n)
}

// frontDoor names the calls a nation's front door takes. Northern
// Ireland's GP out-of-hours providers take calls directly.
func frontDoor(n string) string {
	if n == "northern_ireland" {
		return "out-of-hours calls"
	}
	return "111 calls"
}
