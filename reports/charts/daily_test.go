package charts

import (
	"regexp"
	"strings"
	"testing"
)

// TestDailyImpactChart: with an outage, one panel per headline KPI that
// has daily impacts, and text naming each panel's peak day with its
// interval; without an outage, no chart.
func TestDailyImpactChart(t *testing.T) {
	a := simulatedAggregate(t, true)
	f, err := newBuilder(a, IDDailyImpact).dailyImpact()
	if err != nil || f == nil {
		t.Fatalf("dailyImpact: %v, %v", f, err)
	}
	if n := len(f.sections[0].panels); n != 5 {
		t.Errorf("%d panels, want 5", n)
	}
	for _, want := range []string{"calls abandoned after 30 seconds: largest on ", "mean time to answer: largest on ",
		"referrals lost or not actioned: largest on ", "referral delay from 111's decision, mean: largest on ", "gp practice contacts from 111: largest on "} {
		if !strings.Contains(strings.ToLower(f.alt), want) {
			t.Errorf("alt text lacks %q:\n%s", want, f.alt)
		}
	}
	if m := regexp.MustCompile(`largest on \w{3} \d{1,2} \w{3} \d{4}, \+[\d.,]+ percentage points \(95% CI [\d.,]+ to [\d.,]+\)`).FindString(f.alt); m == "" {
		t.Errorf("alt text gives no dated peak with its interval:\n%s", f.alt)
	}
	if f, err := newBuilder(simulatedAggregate(t, false), IDDailyImpact).dailyImpact(); f != nil || err != nil {
		t.Errorf("without an outage: %v, %v; want no chart", f, err)
	}
}
