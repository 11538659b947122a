package load

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/outagesim/outagesim/sim/model"
)

// Count is requests and how many of them failed.
type Count struct {
	Requests, Errors int
}

// Summary is what an attack did. Metrics is vegeta's own (latencies,
// status codes, errors); the rest splits the requests the model's way.
type Summary struct {
	Metrics  vegeta.Metrics
	Expected float64 // the model's expected requests in the window
	Sent     int     // requests sent
	// ByPhase counts requests by the outage phase at their simulated time
	// (phase names in order; "unknown" for a request that never reached
	// the network).
	ByPhase  map[string]*Count
	ByTarget map[string]*Count // "primary", "failover"
	Errors   int               // requests with an error (vegeta's: no response or a status outside 2xx–3xx)
	Switches []Switch
}

func newSummary(o Options) *Summary {
	return &Summary{Expected: o.Plan.Expected, ByPhase: map[string]*Count{}, ByTarget: map[string]*Count{}}
}

func bump(m map[string]*Count, key string, failed bool) {
	c := m[key]
	if c == nil {
		c = &Count{}
		m[key] = c
	}
	c.Requests++
	if failed {
		c.Errors++
	}
}

func (s *Summary) add(r *vegeta.Result, a arrival) {
	s.Metrics.Add(r)
	s.Sent++
	failed := r.Error != ""
	if failed {
		s.Errors++
	}
	phase, target := "unknown", "primary"
	if a.ok {
		phase = a.phase.String()
		if a.failover {
			target = "failover"
		}
	}
	bump(s.ByPhase, phase, failed)
	bump(s.ByTarget, target, failed)
}

func (s *Summary) close() { s.Metrics.Close() }

// ErrorRate is the share of requests that failed.
func (s *Summary) ErrorRate() float64 {
	if s.Sent == 0 {
		return 0
	}
	return float64(s.Errors) / float64(s.Sent)
}

// Write prints the summary: requests against the model's figure, by phase
// and by target, latency percentiles, errors and switches.
func (s *Summary) Write(w io.Writer) {
	fmt.Fprintf(w, "requests: %d sent, %.1f expected by the model (%+.1f%%)\n", s.Sent, s.Expected, 100*(float64(s.Sent)-s.Expected)/max(s.Expected, 1e-9))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\trequests\terrors")
	for p := model.PhaseNormal; p <= model.PhaseRecovered; p++ {
		if c := s.ByPhase[p.String()]; c != nil {
			fmt.Fprintf(tw, "phase %s\t%d\t%d\n", p, c.Requests, c.Errors)
		}
	}
	if c := s.ByPhase["unknown"]; c != nil {
		fmt.Fprintf(tw, "phase unknown\t%d\t%d\n", c.Requests, c.Errors)
	}
	for _, t := range []string{"primary", "failover"} {
		if c := s.ByTarget[t]; c != nil {
			fmt.Fprintf(tw, "target %s\t%d\t%d\n", t, c.Requests, c.Errors)
		}
	}
	tw.Flush()
	l := s.Metrics.Latencies
	fmt.Fprintf(w, "latency: p50 %v, p90 %v, p95 %v, p99 %v, max %v\n", round(l.P50), round(l.P90), round(l.P95), round(l.P99), round(l.Max))
	fmt.Fprintf(w, "errors: %d (%.2f%%)", s.Errors, 100*s.ErrorRate())
	codes := make([]string, 0, len(s.Metrics.StatusCodes))
	for c := range s.Metrics.StatusCodes {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	if len(codes) > 0 {
		fmt.Fprint(w, "; status codes:")
		for _, c := range codes {
			fmt.Fprintf(w, " %s×%d", c, s.Metrics.StatusCodes[c])
		}
	}
	fmt.Fprintln(w)
	for i, e := range s.Metrics.Errors {
		if i == 5 {
			fmt.Fprintf(w, "  … and %d more kinds\n", len(s.Metrics.Errors)-5)
			break
		}
		fmt.Fprintf(w, "  %s\n", e)
	}
	fmt.Fprintf(w, "switches: %d\n", len(s.Switches))
	for _, sw := range s.Switches {
		fmt.Fprintf(w, "  request %d at %s (sim %s): to %s, %s\n", sw.Arrival, sw.Elapsed, sw.SimTime, sw.To, sw.Reason)
	}
}

// round keeps latencies readable: microseconds under a millisecond, else
// tenths of a millisecond.
func round(d time.Duration) time.Duration {
	if d < time.Millisecond {
		return d.Round(time.Microsecond)
	}
	return d.Round(100 * time.Microsecond)
}

// Threshold is a pass/fail condition on a summary, e.g. p95<500ms or
// errors<1%.
type Threshold struct {
	Text   string
	metric string  // p<q>, mean, max, errors, requests
	q      float64 // the quantile of p<q>
	op     string  // <, <=, >, >=
	value  float64 // seconds, a share, or a count
	pct    bool
}

var thresholdRE = regexp.MustCompile(`^\s*(p\d+(?:\.\d+)?|mean|max|errors|requests)\s*(<=|>=|<|>)\s*(\S+)\s*$`)

// ParseThreshold reads METRIC OP VALUE: a latency (p50, p95, p99.9, mean,
// max) against a duration (500ms, 1s); errors against a percentage (1%)
// or a count; requests against a percentage of the model's expected count
// (99%) or a count.
func ParseThreshold(s string) (Threshold, error) {
	m := thresholdRE.FindStringSubmatch(s)
	if m == nil {
		return Threshold{}, fmt.Errorf("threshold %q: want METRIC OP VALUE, e.g. p95<500ms, errors<1%% or requests>=99%% (metrics p<N>, mean, max, errors, requests; ops < <= > >=)", s)
	}
	t := Threshold{Text: strings.TrimSpace(s), metric: m[1], op: m[2]}
	val := m[3]
	switch {
	case strings.HasPrefix(t.metric, "p"):
		q, err := strconv.ParseFloat(t.metric[1:], 64)
		if err != nil || !(q > 0 && q < 100) {
			return Threshold{}, fmt.Errorf("threshold %q: percentile %s: want p followed by a number between 0 and 100, e.g. p95", s, t.metric)
		}
		t.q = q / 100
		fallthrough
	case t.metric == "mean" || t.metric == "max":
		d, err := time.ParseDuration(val)
		if err != nil || d < 0 {
			return Threshold{}, fmt.Errorf("threshold %q: %q: want a latency such as 500ms or 1.5s", s, val)
		}
		t.value = d.Seconds()
	default: // errors, requests
		if strings.HasSuffix(val, "%") {
			v, err := strconv.ParseFloat(strings.TrimSuffix(val, "%"), 64)
			if err != nil || v < 0 {
				return Threshold{}, fmt.Errorf("threshold %q: %q: want a percentage such as 1%%", s, val)
			}
			t.value, t.pct = v/100, true
		} else {
			v, err := strconv.ParseUint(val, 10, 64)
			if err != nil {
				return Threshold{}, fmt.Errorf("threshold %q: %q: want a count or a percentage such as 1%%", s, val)
			}
			t.value = float64(v)
		}
	}
	return t, nil
}

// Check evaluates the threshold; got is the measured value as written in
// the report.
func (t Threshold) Check(s *Summary) (ok bool, got string) {
	var v float64
	l := s.Metrics.Latencies
	switch {
	case t.metric == "mean":
		v, got = l.Mean.Seconds(), round(l.Mean).String()
	case t.metric == "max":
		v, got = l.Max.Seconds(), round(l.Max).String()
	case strings.HasPrefix(t.metric, "p"):
		d := l.Quantile(t.q)
		v, got = d.Seconds(), round(d).String()
	case t.metric == "errors" && t.pct:
		v, got = s.ErrorRate(), fmt.Sprintf("%.2f%%", 100*s.ErrorRate())
	case t.metric == "errors":
		v, got = float64(s.Errors), strconv.Itoa(s.Errors)
	case t.pct: // requests, of the expected count
		v = float64(s.Sent) / max(s.Expected, 1e-9)
		got = fmt.Sprintf("%.2f%%", 100*v)
	default:
		v, got = float64(s.Sent), strconv.Itoa(s.Sent)
	}
	switch t.op {
	case "<":
		ok = v < t.value
	case "<=":
		ok = v <= t.value
	case ">":
		ok = v > t.value
	default:
		ok = v >= t.value
	}
	return ok, got
}
