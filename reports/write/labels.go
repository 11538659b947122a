package write

import (
	"strings"

	"github.com/outagesim/outagesim/reports"
)

// kpiInfo says how a KPI is shown to a reader.
type kpiInfo struct {
	// Label is the KPI in plain English; Unit what its values count.
	Label, Unit string
	// Decimals is the fixed number of decimals in the reports.
	Decimals int
	// Percent KPIs change by percentage points, not per cent.
	Percent bool
}

var kpiInfos = map[string]kpiInfo{
	"calls_offered":              {"Calls offered", "calls", 0, false},
	"calls_answered":             {"Calls answered", "calls", 0, false},
	"calls_abandoned":            {"Calls abandoned", "calls", 0, false},
	"answered_within_60s_pct":    {"Calls answered within 60 seconds", "% of answered calls", 1, true},
	"abandoned_pct":              {"Calls abandoned after 30 seconds", "% of calls offered", 1, true},
	"mean_answer_s":              {"Mean time to answer", "seconds", 0, false},
	"callback_within_target_pct": {"Clinical call-backs within target", "% of call-backs", 1, true},
	"referrals_electronic":       {"Referrals sent electronically", "referrals", 0, false},
	"referrals_manual":           {"Referrals sent by phone or email", "referrals", 0, false},
	"referrals_lost":             {"Referrals lost or not actioned", "referrals", 0, false},
	"signposted_to_gp":           {"Patients told to contact their GP practice", "patients", 0, false},
	"gp_peak_utilisation_pct":    {"GP practices' busiest day", "% of same-day capacity", 1, true},
	"ooh_backlog_peak":           {"Largest GP out-of-hours backlog", "cases waiting", 0, false},
	"ed_dispositions":            {"Sent to A&E or an urgent treatment centre", "patients", 0, false},
	"ambulance_dispositions":     {"Ambulance dispositions", "patients", 0, false},
}

// info returns a KPI's presentation; an unknown key (a KPI added to the
// model before this table) is shown by its key with two decimals.
func info(key string) kpiInfo {
	if k, ok := kpiInfos[key]; ok {
		return k
	}
	return kpiInfo{Label: key, Decimals: 2, Percent: strings.HasSuffix(key, "_pct")}
}

var nationNames = map[string]string{
	"england":          "England",
	"scotland":         "Scotland",
	"wales":            "Wales",
	"northern_ireland": "Northern Ireland",
	reports.UK:         "UK",
}

// nationName returns a nation's name for a reader.
func nationName(n string) string {
	if s, ok := nationNames[n]; ok {
		return s
	}
	return n
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
