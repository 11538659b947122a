package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/outagesim/outagesim/scenarios"
	"github.com/outagesim/outagesim/sim/calendar"
	"github.com/outagesim/outagesim/sim/model"
)

// The end-to-end runs compress the outage day, Thursday 4 August 2022, into
// 60 s (speedup 1440): Adastra fails at 07:00, 17.5 s in.
const (
	e2eSpeedup = 1440
	e2eFrom    = "2022-08-04"
	e2eTo      = "2022-08-05"
	e2eService = "eng-north" // an Adastra customer, for the failover run
)

// countSlack is how far the requests may be from the model's expected
// arrivals. k6's arrival-rate executors are not Poisson: iteration i starts
// when the area under the stages' rate curve reaches i, so k6 starts
// exactly ⌊area⌋ iterations; the area differs from ∫ rate × scale only by
// the rounding of integer targets, which the plan bounds (under 0.03 here:
// half a target unit × a 2.5 s stage / a 1 min unit). The slack covers the
// floor and floating point at stage boundaries; dropped iterations would
// fail the scripts' thresholds. (A Poisson process would need ±3√E, about
// ±130 requests here.)
const countSlack = 3

// guard is the latency allowed between a VU calling phase() and its request
// reaching the server: a request that left just before the outage may
// arrive just after it.
const guard = 50 * time.Millisecond

type hit struct {
	path   string
	at     time.Duration // since the scenario started (X-Outagesim-Start), or since the server started
	status int
	phase  string // the script's phase header
}

// server is the loopback endpoint: /referrals accepts everything, /primary
// fails while the model has e2eService down, /contingency accepts.
type server struct {
	cfg   *model.Config
	from  float64
	begun time.Time

	mu   sync.Mutex
	hits []hit
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	h := hit{path: r.URL.Path, at: now.Sub(s.begun), status: http.StatusOK, phase: r.Header.Get("X-Outagesim-Phase")}
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
		h.status = http.StatusBadRequest
	}
	var body struct {
		ID        string `json:"id"`
		Synthetic bool   `json:"synthetic"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || !body.Synthetic || len(body.ID) < 4 || body.ID[:4] != "SYN-" {
		h.status = http.StatusBadRequest
	}
	switch r.URL.Path {
	case "/referrals", "/contingency":
	case "/primary":
		ms, err := strconv.ParseInt(r.Header.Get("X-Outagesim-Start"), 10, 64)
		if err != nil {
			h.status = http.StatusBadRequest
			break
		}
		h.at = now.Sub(time.UnixMilli(ms))
		if s.down(h.at) {
			h.status = http.StatusServiceUnavailable
		}
	default:
		h.status = http.StatusNotFound
	}
	s.mu.Lock()
	s.hits = append(s.hits, h)
	s.mu.Unlock()
	w.WriteHeader(h.status)
}

// down is the server's own view: the model's phase at the compressed time,
// computed from the config, not by the extension.
func (s *server) down(elapsed time.Duration) bool {
	_, affected := s.cfg.PhaseAt(s.from + elapsed.Seconds()*e2eSpeedup)
	return slices.Contains(affected, e2eService)
}

func (s *server) count(path string, keep func(hit) bool) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, h := range s.hits {
		if h.path == path && (keep == nil || keep(h)) {
			n++
		}
	}
	return n
}

// expected is ∫ rate × scale of the services' referrals over [from, to),
// straight from the model.
func expected(t *testing.T, cfg *model.Config, services []string, scale, from, to float64) float64 {
	t.Helper()
	sum := 0.0
	for _, name := range services {
		breaks, rates, err := cfg.HourlyDemand(name)
		if err != nil {
			t.Fatal(err)
		}
		var share float64
		for i := range cfg.Services {
			if s := &cfg.Services[i]; s.Name == name {
				for j := range cfg.Nations {
					if n := &cfg.Nations[j]; n.Nation == s.Nation {
						for r := range model.NumRoutes {
							share += n.RouteShare(r)
						}
					}
				}
			}
		}
		for h, r := range rates {
			if a, b := max(breaks[h], from), min(breaks[h+1], to); b > a {
				sum += r * share * scale * (b - a)
			}
		}
	}
	return sum
}

func simTime(t *testing.T, cfg *model.Config, local string) float64 {
	t.Helper()
	tm, err := time.ParseInLocation("2006-01-02", local, calendar.London())
	if err != nil {
		t.Fatal(err)
	}
	return tm.Sub(cfg.Start).Seconds()
}

type summary struct {
	Metrics map[string]map[string]any `json:"metrics"`
}

func (s summary) count(metric string) float64 {
	v, _ := s.Metrics[metric]["count"].(float64)
	return v
}

// runK6 runs an example against env and returns k6's summary.
func runK6(t *testing.T, bin, script string, env ...string) summary {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	out := filepath.Join(t.TempDir(), "summary.json")
	cmd := exec.CommandContext(ctx, bin, "run", "--quiet", "--no-color", "--address", "", "--summary-export", out, script)
	cmd.Env = append(os.Environ(), "K6_AUTO_EXTENSION_RESOLUTION=false", "K6_NO_USAGE_REPORT=true")
	cmd.Env = append(cmd.Env, env...)
	begun := time.Now()
	output, err := cmd.CombinedOutput()
	t.Logf("k6 run %s: %v in %v", filepath.Base(script), err, time.Since(begun).Round(time.Millisecond))
	if err != nil {
		t.Fatalf("k6 failed (thresholds are exit code 99): %v\n%s", err, output)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var s summary
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestExamplesEndToEnd builds the k6 binary, then runs both examples
// against loopback servers, a day in 60 s each, in parallel.
func TestExamplesEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds k6 and runs two one-minute load tests")
	}
	bin := filepath.Join(t.TempDir(), "k6-outagesim")
	begun := time.Now()
	if out, err := exec.CommandContext(t.Context(), "go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Logf("go build ./cmd/k6-outagesim: %v", time.Since(begun).Round(time.Millisecond))
	if out, err := exec.CommandContext(t.Context(), bin, "version").CombinedOutput(); err != nil || !strings.Contains(string(out), "k6/x/outagesim") {
		t.Fatalf("k6-outagesim version does not list k6/x/outagesim: %v\n%s", err, out)
	}

	sc, err := scenarios.Load(scenarios.Default)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := sc.Config()
	if err != nil {
		t.Fatal(err)
	}
	from, to := simTime(t, cfg, e2eFrom), simTime(t, cfg, e2eTo)
	window := []string{"SPEEDUP=" + strconv.Itoa(e2eSpeedup), "FROM=" + e2eFrom, "TO=" + e2eTo}

	t.Run("load-referrals", func(t *testing.T) {
		t.Parallel()
		const scale = 0.05
		srv := &server{cfg: cfg, from: from, begun: time.Now()}
		ts := httptest.NewServer(srv) // 127.0.0.1 only
		defer ts.Close()
		var england []string
		for _, s := range cfg.Services {
			if s.Nation == calendar.England {
				england = append(england, s.Name)
			}
		}
		want := expected(t, cfg, england, scale, from, to)
		sum := runK6(t, bin, "../../examples/load-referrals.js",
			append(window, "TARGET="+ts.URL+"/referrals", "SCALE="+fmt.Sprint(scale))...)
		got := srv.count("/referrals", nil)
		bad := srv.count("/referrals", func(h hit) bool { return h.status != http.StatusOK })
		t.Logf("requests %d, k6 iterations %v, dropped %v; model expects %.2f (slack ±%d)", got, sum.count("iterations"), sum.count("dropped_iterations"), want, countSlack)
		if math.Abs(float64(got)-want) > countSlack {
			t.Errorf("%d requests, want %.2f ± %d", got, want, countSlack)
		}
		if bad > 0 || float64(got) != sum.count("iterations") {
			t.Errorf("%d bad requests; the server saw %d, k6 counted %v iterations", bad, got, sum.count("iterations"))
		}
	})

	t.Run("failover", func(t *testing.T) {
		t.Parallel()
		const scale = 0.2
		srv := &server{cfg: cfg, from: from, begun: time.Now()}
		ts := httptest.NewServer(srv)
		defer ts.Close()
		want := expected(t, cfg, []string{e2eService}, scale, from, to)
		outage := time.Duration((cfg.Outage.Start - from) / e2eSpeedup * float64(time.Second))
		sum := runK6(t, bin, "../../examples/failover.js",
			append(window, "PRIMARY="+ts.URL+"/primary", "CONTINGENCY="+ts.URL+"/contingency", "SERVICE="+e2eService, "SCALE="+fmt.Sprint(scale))...)

		primary := srv.count("/primary", nil)
		failed := srv.count("/primary", func(h hit) bool { return h.status == http.StatusServiceUnavailable })
		contingency := srv.count("/contingency", nil)
		// Each iteration posts once, plus one retry on the contingency
		// endpoint after a failed primary.
		iterations := primary + contingency - failed
		late := srv.count("/primary", func(h hit) bool { return h.at > outage+guard })
		inGuard := srv.count("/primary", func(h hit) bool { return h.at > outage && h.at <= outage+guard })
		early := srv.count("/contingency", func(h hit) bool { return h.phase == "normal" })
		t.Logf("primary %d (%d failed with 503, %d in the %v after the outage began), contingency %d; iterations %d (k6 %v, dropped %v); model expects %.2f (±%d); failovers: %v",
			primary, failed, inGuard, guard, contingency, iterations, sum.count("iterations"), sum.count("dropped_iterations"), want, countSlack, sum.count("outagesim_failovers"))
		if math.Abs(float64(iterations)-want) > countSlack {
			t.Errorf("%d iterations, want %.2f ± %d", iterations, want, countSlack)
		}
		if late > 0 {
			t.Errorf("%d requests reached the primary more than %v into the outage (%v in)", late, guard, outage)
		}
		if primary-inGuard == 0 || contingency == 0 {
			t.Errorf("primary %d, contingency %d: want both used", primary, contingency)
		}
		if early != failed {
			t.Errorf("%d requests went to the contingency endpoint in the normal phase, but the primary failed %d", early, failed)
		}
	})
}
