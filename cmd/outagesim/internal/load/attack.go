// Package load runs `outagesim load`: a vegeta attack whose arrivals,
// targets and payloads follow a sim/loadplan plan. It holds what touches
// the network and the clock (the pacer, the targeter, failover switching,
// the attack loop, thresholds and the summary); the model's side is in
// sim/loadplan. It must not read flags or files: the command passes
// writers in.
package load

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/outagesim/outagesim/sim/loadplan"
	"github.com/outagesim/outagesim/sim/model"
)

// Pacer is a vegeta.Pacer that releases hit i at Arrivals[i] real seconds
// from the attack's start: the model's non-homogeneous Poisson process,
// sampled in advance so the schedule is the same on every run of a seed.
type Pacer struct {
	Arrivals []time.Duration
	// RateAt is the model's rate per real second, for vegeta's Rate.
	RateAt func(elapsed float64) float64
}

var _ vegeta.Pacer = Pacer{}

// Pace implements vegeta.Pacer: wait until the next arrival; stop after
// the last.
func (p Pacer) Pace(elapsed time.Duration, hits uint64) (time.Duration, bool) {
	if hits >= uint64(len(p.Arrivals)) {
		return 0, true
	}
	return max(0, p.Arrivals[hits]-elapsed), false
}

// Rate implements vegeta.Pacer: the model's rate at elapsed.
func (p Pacer) Rate(elapsed time.Duration) float64 {
	if p.RateAt == nil {
		return 0
	}
	return p.RateAt(elapsed.Seconds())
}

// NewPacer converts arrival times in real seconds into a Pacer.
func NewPacer(l loadplan.Load, arrivals []float64) Pacer {
	at := make([]time.Duration, len(arrivals))
	for i, t := range arrivals {
		at[i] = time.Duration(t * float64(time.Second))
	}
	return Pacer{Arrivals: at, RateAt: l.Rate.Rate}
}

// Options configure an attack.
type Options struct {
	Plan     loadplan.Load
	Arrivals []float64 // real seconds from the start, from Plan.Arrivals
	Payloads *loadplan.Payloads
	// Target receives the requests; Failover, if set, receives them while
	// the plan has the route's systems down (scheduled failover) and after
	// Failures consecutive failures of Target, for Cooldown (reactive).
	Target, Failover string
	Failures         int
	Cooldown         time.Duration
	Method           string
	Header           http.Header
	Timeout          time.Duration
	// MaxDuration stops the attack however far it got.
	MaxDuration time.Duration
	// Results, if set, receives every result in vegeta's Encoding (gob,
	// csv or json), so `vegeta report` and `vegeta plot` read them.
	Results  io.Writer
	Encoding string
	// Transport, if set, replaces the HTTP transport (tests).
	Transport http.RoundTripper
}

// Headers the targeter adds to every request, so a fault injector or the
// endpoint's logs can follow the test on the model's clock.
const (
	HeaderArrival = "X-Outagesim-Arrival"  // the arrival's index, from 0
	HeaderSimTime = "X-Outagesim-Sim-Time" // its simulated local time
	HeaderPhase   = "X-Outagesim-Phase"    // the outage phase then
	HeaderTarget  = "X-Outagesim-Target"   // primary or failover
)

// Switch is one change of target.
type Switch struct {
	Arrival int    // the first arrival sent to the new target
	Elapsed string // real time into the test
	SimTime string // simulated local time
	To      string // "primary" or "failover"
	Reason  string // scheduled, reconnected, reactive or cool-down over
}

// Encoder returns vegeta's encoder for a format name.
func Encoder(format string, w io.Writer) (vegeta.Encoder, error) {
	switch format {
	case "gob", "":
		return vegeta.NewEncoder(w), nil
	case "csv":
		return vegeta.NewCSVEncoder(w), nil
	case "json":
		return vegeta.NewJSONEncoder(w), nil
	}
	return nil, fmt.Errorf("results format %q: want gob, csv or json (vegeta's encodings)", format)
}

// Probe dials each target's host once, so a target that refuses
// connections is reported before the first request rather than as a wall
// of errors.
func Probe(target string, timeout time.Duration) error {
	u, err := url.Parse(target)
	if err != nil {
		return err
	}
	host := u.Host
	if u.Port() == "" {
		port := "80"
		if u.Scheme == "https" {
			port = "443"
		}
		host = net.JoinHostPort(u.Hostname(), port)
	}
	c, err := net.DialTimeout("tcp", host, timeout)
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		// The address is in the URL the caller prints; keep the reason.
		return fmt.Errorf("%s: %w", op.Op, op.Err)
	}
	if err != nil {
		return err
	}
	return c.Close()
}

// CheckURL accepts an absolute http or https URL.
func CheckURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return err
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("want an http:// or https:// URL")
	case u.Host == "":
		return fmt.Errorf("no host")
	}
	return nil
}

// arrival is what the targeter decided for one request.
type arrival struct {
	phase    model.Phase
	failover bool
	ok       bool
}

// state is shared by the targeter, the transport and the results loop.
type state struct {
	o     *Options
	start time.Time

	mu            sync.Mutex
	next          int       // the next arrival's index
	onFailover    bool      // where the last request went
	reactiveUntil time.Time // reactive failover lasts until then
	primarySince  time.Time // failures of requests sent before do not count
	consecutive   int
	switches      []Switch
	bySeq         map[uint64]int // vegeta's Seq → arrival index
	arrivals      []arrival
}

// targeter is the vegeta.Targeter: the next arrival's target, headers
// and synthetic body.
func (s *state) targeter(tgt *vegeta.Target) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.next
	if k >= len(s.o.Arrivals) {
		return vegeta.ErrNoTargets
	}
	s.next++
	elapsed := s.o.Arrivals[k]
	info := s.o.Plan.PhaseAt(elapsed)
	now := time.Now()
	scheduled := s.o.Plan.PrimaryDown(elapsed)
	reactive := now.Before(s.reactiveUntil)
	failover := s.o.Failover != "" && (scheduled || reactive)
	if failover != s.onFailover {
		sw := Switch{Arrival: k, Elapsed: fmt.Sprintf("%.3fs", elapsed), SimTime: info.Local.Format("2006-01-02 15:04:05"), To: "primary"}
		switch {
		case failover && scheduled:
			sw.To, sw.Reason = "failover", "scheduled"
		case failover:
			sw.To, sw.Reason = "failover", "reactive"
		case !s.reactiveUntil.IsZero() && !reactive && s.switches[len(s.switches)-1].Reason == "reactive":
			sw.Reason = "cool-down over"
		default:
			sw.Reason = "reconnected"
		}
		if !failover {
			s.primarySince, s.consecutive = now, 0
		}
		s.switches = append(s.switches, sw)
		s.onFailover = failover
	}
	s.arrivals[k] = arrival{phase: info.Phase, failover: failover, ok: true}

	body, err := s.o.Payloads.Next()
	if err != nil {
		return err
	}
	tgt.Method = s.o.Method
	tgt.URL = s.o.Target
	which := "primary"
	if failover {
		tgt.URL, which = s.o.Failover, "failover"
	}
	tgt.Header = s.o.Header.Clone()
	if tgt.Header == nil {
		tgt.Header = http.Header{}
	}
	tgt.Header.Set(HeaderArrival, strconv.Itoa(k))
	tgt.Header.Set(HeaderSimTime, info.Local.Format(time.RFC3339Nano))
	tgt.Header.Set(HeaderPhase, info.Phase.String())
	tgt.Header.Set(HeaderTarget, which)
	if s.o.Method != http.MethodGet && s.o.Method != http.MethodHead {
		if tgt.Body, err = json.Marshal(body); err != nil {
			return err
		}
		if tgt.Header.Get("Content-Type") == "" {
			tgt.Header.Set("Content-Type", "application/json")
		}
	}
	return nil
}

// transport links vegeta's sequence numbers (X-Vegeta-Seq) to arrivals,
// so each result is counted in its arrival's phase and target.
type transport struct {
	s    *state
	next http.RoundTripper
}

func (t transport) RoundTrip(req *http.Request) (*http.Response, error) {
	seq, err1 := strconv.ParseUint(req.Header.Get("X-Vegeta-Seq"), 10, 64)
	k, err2 := strconv.Atoi(req.Header.Get(HeaderArrival))
	if err1 == nil && err2 == nil {
		t.s.mu.Lock()
		t.s.bySeq[seq] = k
		t.s.mu.Unlock()
	}
	return t.next.RoundTrip(req)
}

// failed is what reactive failover counts: no response (refused, reset,
// timed out) or a server error. A 4xx is the test's fault, not the
// target's, and moving elsewhere would not help.
func failed(r *vegeta.Result) bool { return r.Code == 0 || r.Code >= 500 }

// observe updates reactive failover with one result.
func (s *state) observe(r *vegeta.Result) {
	if s.o.Failover == "" || s.o.Failures <= 0 || r.URL != s.o.Target || r.Timestamp.Before(s.primarySince) {
		return
	}
	if !failed(r) {
		s.consecutive = 0
		return
	}
	s.consecutive++
	if s.consecutive >= s.o.Failures && !time.Now().Before(s.reactiveUntil) {
		s.reactiveUntil = time.Now().Add(s.o.Cooldown)
		s.consecutive = 0
	}
}

// Run attacks and returns the summary. It returns an error only when the
// attack could not run; failed requests are in the summary.
func Run(o Options) (*Summary, error) {
	if o.Payloads == nil {
		return nil, errors.New("no payloads")
	}
	if o.Method == "" {
		o.Method = http.MethodPost
	}
	var enc vegeta.Encoder
	if o.Results != nil {
		var err error
		if enc, err = Encoder(o.Encoding, o.Results); err != nil {
			return nil, err
		}
	}
	s := &state{o: &o, bySeq: map[uint64]int{}, arrivals: make([]arrival, len(o.Arrivals))}
	next := o.Transport
	if next == nil {
		next = &http.Transport{
			Proxy:               http.ProxyFromEnvironment,
			DialContext:         (&net.Dialer{Timeout: o.Timeout, KeepAlive: 30 * time.Second}).DialContext,
			MaxIdleConnsPerHost: 1000,
		}
	}
	client := &http.Client{Transport: transport{s, next}, Timeout: o.Timeout}
	atk := vegeta.NewAttacker(vegeta.Client(client), vegeta.Timeout(o.Timeout), vegeta.MaxBody(1<<16))
	sum := newSummary(o)
	s.start = time.Now()
	s.primarySince = s.start
	for res := range atk.Attack(s.targeter, NewPacer(o.Plan, o.Arrivals), o.MaxDuration, "outagesim") {
		s.mu.Lock()
		k, ok := s.bySeq[res.Seq]
		delete(s.bySeq, res.Seq)
		var a arrival
		if ok {
			a = s.arrivals[k]
		}
		s.observe(res)
		s.mu.Unlock()
		sum.add(res, a)
		if enc != nil {
			if err := enc.Encode(res); err != nil {
				atk.Stop()
				return nil, fmt.Errorf("writing results: %w", err)
			}
		}
	}
	s.mu.Lock()
	sum.Switches = s.switches
	s.mu.Unlock()
	sum.close()
	return sum, nil
}
