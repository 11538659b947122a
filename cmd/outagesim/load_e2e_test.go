package main

import (
	"encoding/json"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/outagesim/outagesim/scenarios"
	"github.com/outagesim/outagesim/sim/loadplan"
)

// endpoint is a test server on 127.0.0.1 with a primary and a
// contingency path. It records every request.
type endpoint struct {
	*httptest.Server
	failFrom time.Time // the primary answers 503 for requests simulated from then on
	always   bool      // the primary always fails

	mu   sync.Mutex
	hits []hit
}

type hit struct {
	arrival int
	primary bool
	sim     time.Time
	id      string
}

func newEndpoint(t *testing.T, failFrom time.Time, always bool) *endpoint {
	e := &endpoint{failFrom: failFrom, always: always}
	e.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			ID        string `json:"id"`
			Synthetic bool   `json:"synthetic"`
		}
		data, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(data, &body); err != nil || !body.Synthetic || !strings.HasPrefix(body.ID, "SYN-") {
			t.Errorf("a request body that is not plainly synthetic: %s", data)
		}
		k, _ := strconv.Atoi(r.Header.Get("X-Outagesim-Arrival"))
		sim, err := time.Parse(time.RFC3339Nano, r.Header.Get("X-Outagesim-Sim-Time"))
		if err != nil {
			t.Errorf("X-Outagesim-Sim-Time: %v", err)
		}
		primary := r.URL.Path == "/primary"
		e.mu.Lock()
		e.hits = append(e.hits, hit{k, primary, sim, body.ID})
		e.mu.Unlock()
		if primary && (e.always || !sim.Before(e.failFrom)) {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusCreated)
	}))
	t.Cleanup(e.Close)
	if !strings.HasPrefix(e.URL, "http://127.0.0.1:") {
		t.Fatalf("the test server is on %s, not loopback", e.URL)
	}
	return e
}

// byArrival returns the hits in arrival order.
func (e *endpoint) byArrival() []hit {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := append([]hit(nil), e.hits...)
	sort.Slice(out, func(i, j int) bool { return out[i].arrival < out[j].arrival })
	return out
}

// TestLoadEndToEnd runs outagesim load over the Adastra outage day in 6 s
// against a loopback server: eng-north's referrals, the primary failing
// from 07:00 of simulated time.
func TestLoadEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("sends a few thousand requests to a loopback server for about 12 s")
	}
	s, err := scenarios.Load("adastra-2022")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := s.Config()
	if err != nil {
		t.Fatal(err)
	}
	outage := loadplan.LocalTime(cfg, cfg.Outage.Start)
	common := []string{"load", "-service", "eng-north", "-stream", "referrals", "-speedup", "14400", "-scale", "0.15", "-max-rate", "1000", "-failures", "5", "-cooldown", "700ms"}

	t.Run("scheduled", func(t *testing.T) {
		e := newEndpoint(t, outage, false)
		out := filepath.Join(t.TempDir(), "results.json")
		args := slices.Concat(common, []string{"-target", e.URL + "/primary", "-failover-target", e.URL + "/contingency",
			"-threshold", "errors<1%", "-threshold", "p99<2s", "-threshold", "requests>=95%", "-output", out, "-format", "json", "adastra-2022"})
		code, stdout, stderr := runCLI(t, t.TempDir(), args...)
		if code != exitOK {
			t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
		}
		// The count: every scheduled arrival sent, and near the model's.
		m := regexp.MustCompile(`requests: (\d+) sent, ([\d.]+) expected`).FindStringSubmatch(stdout)
		if m == nil {
			t.Fatalf("no request count in\n%s", stdout)
		}
		sent, _ := strconv.Atoi(m[1])
		expected, _ := strconv.ParseFloat(m[2], 64)
		hits := e.byArrival()
		if len(hits) != sent {
			t.Errorf("the server saw %d requests, the summary says %d", len(hits), sent)
		}
		if math.Abs(float64(sent)-expected) > 0.05*expected {
			t.Errorf("%d requests, %.1f expected: off by more than 5%%", sent, expected)
		}
		var primary, contingency int
		for i, h := range hits {
			if h.arrival != i {
				t.Fatalf("arrival %d missing or repeated (got %d)", i, h.arrival)
			}
			if h.primary {
				primary++
				if !h.sim.Before(outage) {
					t.Errorf("arrival %d reached the primary at %v, after the outage began at %v", i, h.sim, outage)
				}
			} else {
				contingency++
				if h.sim.Before(outage) {
					t.Errorf("arrival %d went to the contingency at %v, before the outage", i, h.sim)
				}
			}
		}
		if primary == 0 || contingency == 0 {
			t.Errorf("%d to the primary, %d to the contingency: want both", primary, contingency)
		}
		if !strings.Contains(stdout, "switches: 1\n") || !strings.Contains(stdout, "to failover, scheduled") {
			t.Errorf("want one scheduled switch:\n%s", stdout)
		}
		for _, th := range []string{"errors<1%", "p99<2s", "requests>=95%"} {
			if !strings.Contains(stdout, "threshold "+th+": pass") {
				t.Errorf("threshold %s did not pass:\n%s", th, stdout)
			}
		}
		// vegeta's own decoder reads the results file.
		f, err := os.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		dec, n := vegeta.NewJSONDecoder(f), 0
		for {
			var r vegeta.Result
			if err := dec.Decode(&r); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("result %d: %v", n, err)
			}
			n++
		}
		if n != sent {
			t.Errorf("%d results in the file, %d sent", n, sent)
		}
		t.Logf("%d sent, %.1f expected; %d primary, %d contingency\n%s", sent, expected, primary, contingency, stdout)
	})

	t.Run("reactive", func(t *testing.T) {
		// The primary fails from the first request, on the day before the
		// outage: only reactive failover can help.
		e := newEndpoint(t, outage, true)
		args := slices.Concat(common, []string{"-target", e.URL + "/primary", "-failover-target", e.URL + "/contingency",
			"-from", "2022-08-03", "-to", "2022-08-03 12:00", "-threshold", "errors<1%", "adastra-2022"})
		code, stdout, stderr := runCLI(t, t.TempDir(), args...)
		if code != exitRegression {
			t.Fatalf("exit %d, want 1 (errors<1%% breached)\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
		}
		if !strings.Contains(stdout, "threshold errors<1%: FAIL") {
			t.Errorf("the breached threshold is not reported:\n%s", stdout)
		}
		// Each switch counted once: the summary's switches are the changes
		// of target in arrival order, alternating, the first reactive.
		hits := e.byArrival()
		changes := 0
		for i := 1; i < len(hits); i++ {
			if hits[i].primary != hits[i-1].primary {
				changes++
			}
		}
		lines := regexp.MustCompile(`(?m)^  request \d+ .*: to (\w+), (.*)$`).FindAllStringSubmatch(stdout, -1)
		if len(lines) != changes || changes == 0 {
			t.Fatalf("%d switches reported, %d changes of target seen by the server:\n%s", len(lines), changes, stdout)
		}
		for i, l := range lines {
			want := []string{"failover", "reactive"}
			if i%2 == 1 {
				want = []string{"primary", "cool-down over"}
			}
			if l[1] != want[0] || l[2] != want[1] {
				t.Errorf("switch %d: to %s, %s; want to %s, %s", i, l[1], l[2], want[0], want[1])
			}
		}
		var primary int
		for _, h := range hits {
			if h.primary {
				primary++
			}
		}
		if primary*2 > len(hits) {
			t.Errorf("%d of %d requests to the failing primary: reactive failover did not take most of them away", primary, len(hits))
		}
		t.Logf("%d requests, %d to the primary, %d switches\n%s", len(hits), primary, changes, stdout)
	})
}
