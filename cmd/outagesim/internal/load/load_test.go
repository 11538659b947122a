package load

import (
	"strings"
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

func TestPacerFollowsTheSchedule(t *testing.T) {
	p := Pacer{Arrivals: []time.Duration{0, 100 * time.Millisecond, 250 * time.Millisecond}, RateAt: func(e float64) float64 { return 2 * e }}
	for _, tc := range []struct {
		elapsed time.Duration
		hits    uint64
		wait    time.Duration
		stop    bool
	}{
		{0, 0, 0, false}, // the first arrival at once
		{40 * time.Millisecond, 1, 60 * time.Millisecond, false}, // wait for the second
		{300 * time.Millisecond, 2, 0, false},                    // late: no wait, never negative
		{300 * time.Millisecond, 3, 0, true},                     // all sent: stop
	} {
		wait, stop := p.Pace(tc.elapsed, tc.hits)
		if wait != tc.wait || stop != tc.stop {
			t.Errorf("Pace(%v, %d) = %v, %v; want %v, %v", tc.elapsed, tc.hits, wait, stop, tc.wait, tc.stop)
		}
	}
	if r := p.Rate(3 * time.Second); r != 6 {
		t.Errorf("Rate = %v, want the model's 6", r)
	}
}

func TestThresholds(t *testing.T) {
	s := &Summary{Expected: 100, ByPhase: map[string]*Count{}, ByTarget: map[string]*Count{}}
	for i := range 100 {
		r := &vegeta.Result{Code: 200, Latency: time.Duration(i+1) * time.Millisecond, Timestamp: time.Unix(0, 0)}
		if i%50 == 0 {
			r.Code, r.Error = 503, "503 Service Unavailable"
		}
		s.add(r, arrival{})
	}
	s.close()
	for _, tc := range []struct {
		th   string
		pass bool
	}{
		{"p95<500ms", true},
		{"p95<50ms", false},
		{"p50 <= 60ms", true},
		{"max<100ms", false}, // the max is 100 ms
		{"mean>10ms", true},
		{"errors<1%", false}, // 2%
		{"errors<3%", true},
		{"errors<=2", true},
		{"errors<2", false},
		{"requests>=99%", true},
		{"requests>100", false},
	} {
		th, err := ParseThreshold(tc.th)
		if err != nil {
			t.Fatalf("%s: %v", tc.th, err)
		}
		if ok, got := th.Check(s); ok != tc.pass {
			t.Errorf("%s on %s: pass %v, want %v", tc.th, got, ok, tc.pass)
		}
	}
	for _, bad := range []string{"p95", "p95<500", "p0<1s", "p100<1s", "errors<lots", "latency<1s", "p95=1s", "errors<-1%"} {
		if _, err := ParseThreshold(bad); err == nil || !strings.Contains(err.Error(), "threshold") {
			t.Errorf("%q: error %v, want one naming the threshold", bad, err)
		}
	}
}

func TestEncoderNames(t *testing.T) {
	for _, f := range []string{"gob", "csv", "json"} {
		if _, err := Encoder(f, nil); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if _, err := Encoder("xml", nil); err == nil {
		t.Error("xml accepted")
	}
}
