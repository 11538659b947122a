package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"strings"
	"time"

	loadtest "github.com/outagesim/outagesim/cmd/outagesim/internal/load"
	"github.com/outagesim/outagesim/scenarios"
	"github.com/outagesim/outagesim/sim/loadplan"
)

const loadUsage = `Usage: outagesim load -target URL [flags] [SCENARIO|FILE]

Load-tests and failover-tests a real endpoint with the model's demand: one
front door's calls, or its referrals by one route, hour by hour through
the outage, compressed in time (-speedup) and scaled (-scale). Arrivals
are the model's non-homogeneous Poisson process, seeded, sent with
vegeta's library. With -failover-target, requests move to it while the
outage has the route's system down (scheduled) and after -failures
consecutive failures of the target (reactive, for -cooldown).

Requests carry synthetic JSON bodies (SYN-… ids, no patient data) and the
headers X-Outagesim-Arrival, -Sim-Time, -Phase and -Target. Before the
first request it prints the plan and its bounds to stderr; afterwards a
summary to stdout. It refuses to exceed -max-rate (default 200 requests/s
at the busiest hour), -max-requests or -max-duration: raise them
explicitly for a bigger test, and only against a system you may load.

The window (-from, -to) is scenario time: seconds (3600), a duration from
the start (3d, 3d7h) or a local time (2022-08-04 07:00). By default it is
the day the outage starts.

Examples:
  outagesim load -target http://127.0.0.1:8080/referrals -service eng-north -stream referrals:ooh
  outagesim load -target https://a.test/refer -failover-target https://b.test/refer \
      -service eng-north -stream referrals -speedup 720 -threshold 'p95<500ms' -threshold 'errors<1%'
  outagesim load -target http://127.0.0.1:8080/triage -nation wales -scale 0.05 \
      -from '2022-08-04' -to '2022-08-06' -output results.bin adastra-2022
  vegeta report results.bin; vegeta plot results.bin > plot.html

Exit codes: 0 ok, 1 a -threshold was breached, 2 usage or input error
(no target, a target refusing connections, a bad window or threshold).

Flags:
`

// Ceilings a test must not exceed unless the flags raise them.
const (
	defaultMaxRate     = 200 // requests per second at the busiest hour
	defaultMaxRequests = 100000
	defaultMaxDuration = 30 * time.Minute
)

// planFlags are what load and k6 share: the selection and its timeline.
type planFlags struct {
	nation, service, stream *string
	from, to                *string
	speedup, scale          *float64
	seed                    *uint64
}

func addPlanFlags(fs *flag.FlagSet) planFlags {
	return planFlags{
		nation:  fs.String("nation", "", "nation whose services to follow (default: every nation, or the -service's)"),
		service: fs.String("service", "", "front door to follow, by name (default: all of the nation's)"),
		stream:  fs.String("stream", "calls", `what arrives: "calls" (first contacts), "referrals" or "referrals:<route>"`),
		from:    fs.String("from", "", "start of the window in scenario time (default: the outage day's midnight)"),
		to:      fs.String("to", "", "end of the window (default: a day after -from)"),
		speedup: fs.Float64("speedup", 1440, "simulated seconds per real second (1440: a day in a minute)"),
		scale:   fs.Float64("scale", 0.1, "share of the modelled demand to send"),
		seed:    fs.Uint64("seed", 0, "seed of the arrivals and payloads (0: the scenario's)"),
	}
}

// options resolves the flags against a scenario; errors name the flag.
func (f planFlags) options(cfg *loadedModel) (loadplan.ArrivalOptions, error) {
	c := cfg.model.Config
	from := 0.0
	if c.Outage != nil {
		// The midnight before the outage, local time.
		t := loadplan.LocalTime(c, c.Outage.Start)
		mid := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
		from = mid.Sub(c.Start).Seconds()
	}
	var err error
	if *f.from != "" {
		if from, err = loadplan.ParseWhen(c, *f.from); err != nil {
			return loadplan.ArrivalOptions{}, fmt.Errorf("-from %w", err)
		}
	}
	to := min(from+86400, c.Horizon)
	if *f.to != "" {
		if to, err = loadplan.ParseWhen(c, *f.to); err != nil {
			return loadplan.ArrivalOptions{}, fmt.Errorf("-to %w", err)
		}
	}
	start := func(t float64) string { return loadplan.LocalTime(c, t).Format("2006-01-02 15:04") }
	switch {
	case !(*f.speedup > 0) || math.IsInf(*f.speedup, 0):
		return loadplan.ArrivalOptions{}, fmt.Errorf("-speedup %v: want a finite number > 0 (1440 plays a day in a minute)", *f.speedup)
	case !(*f.scale > 0) || math.IsInf(*f.scale, 0):
		return loadplan.ArrivalOptions{}, fmt.Errorf("-scale %v: want a finite share > 0 (0.1 sends a tenth of the demand)", *f.scale)
	case from < 0 || from >= c.Horizon:
		return loadplan.ArrivalOptions{}, fmt.Errorf("-from %s is outside the scenario, which runs from %s to %s", start(from), start(0), start(c.Horizon))
	case to <= from || to > c.Horizon:
		return loadplan.ArrivalOptions{}, fmt.Errorf("-to %s: want a time after -from (%s) and by the scenario's end (%s)", start(to), start(from), start(c.Horizon))
	}
	return loadplan.ArrivalOptions{
		Selection: loadplan.Selection{Nation: *f.nation, Service: *f.service, Stream: *f.stream},
		Timeline:  loadplan.Timeline{Speedup: *f.speedup, From: from, To: to},
		Scale:     *f.scale,
	}, nil
}

// loadedModel is a scenario wrapped for sim/loadplan.
type loadedModel struct {
	name  string
	seed  uint64
	model *loadplan.Model
}

// loadModel reads the scenario named by the one optional argument.
func loadModel(cmd string, fs *flag.FlagSet, stderr io.Writer) (*loadedModel, bool) {
	name := scenarios.Default
	switch fs.NArg() {
	case 0:
	case 1:
		name = fs.Arg(0)
	default:
		fmt.Fprintf(stderr, "outagesim %s: one scenario at a time, got %d: %s\n", cmd, fs.NArg(), strings.Join(fs.Args(), " "))
		return nil, false
	}
	l, ok := load(cmd, name, nil, stderr)
	if !ok {
		return nil, false
	}
	seed := l.scenario.SeedOrDefault()
	return &loadedModel{name: l.scenario.Name, seed: seed, model: loadplan.NewModel(l.cfg, seed)}, true
}

func runLoad(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("load", loadUsage)
	pf := addPlanFlags(fs)
	target := fs.String("target", "", "URL that receives the requests (required; there is no default host)")
	failover := fs.String("failover-target", "", "URL that receives them while the route's system is down, or after -failures")
	failures := fs.Int("failures", 5, "consecutive failures or timeouts of -target that trigger reactive failover (0: never)")
	cooldown := fs.Duration("cooldown", 10*time.Second, "real time on -failover-target after a reactive failover before trying -target again")
	method := fs.String("method", "POST", "HTTP method (GET and HEAD send no body)")
	var headers, thresholds repeatedFlag
	fs.Var(&headers, "header", `request header "Name: value" (repeatable)`)
	fs.Var(&thresholds, "threshold", "pass/fail condition, e.g. 'p95<500ms', 'errors<1%', 'requests>=99%' (repeatable; exit 1 when breached)")
	timeout := fs.Duration("timeout", 10*time.Second, "per-request timeout")
	output := fs.String("output", "", "file for vegeta's results (vegeta report / plot read it)")
	format := fs.String("format", "gob", "encoding of -output: gob, csv or json")
	maxRate := fs.Float64("max-rate", defaultMaxRate, "ceiling on the busiest hour's requests per second; raise it explicitly for more")
	maxRequests := fs.Int("max-requests", defaultMaxRequests, "ceiling on the requests of the test")
	maxDuration := fs.Duration("max-duration", defaultMaxDuration, "ceiling on the test's real duration")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	bad := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "outagesim load: "+format+"\n", a...)
		return exitUsage
	}
	if *target == "" {
		return bad("-target is required: the URL to send requests to (there is no default host)")
	}
	for _, u := range []struct{ flag, url string }{{"target", *target}, {"failover-target", *failover}} {
		if u.url == "" {
			continue
		}
		if err := loadtest.CheckURL(u.url); err != nil {
			return bad("-%s %q: %v", u.flag, u.url, err)
		}
	}
	var ths []loadtest.Threshold
	for _, s := range thresholds {
		t, err := loadtest.ParseThreshold(s)
		if err != nil {
			return bad("-threshold: %v", err)
		}
		ths = append(ths, t)
	}
	hdr := http.Header{}
	for _, h := range headers {
		name, value, ok := strings.Cut(h, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return bad(`-header %q: want "Name: value"`, h)
		}
		hdr.Add(strings.TrimSpace(name), strings.TrimSpace(value))
	}
	*method = strings.ToUpper(*method)
	switch {
	case *failures < 0:
		return bad("-failures %d: want 0 (no reactive failover) or more", *failures)
	case *cooldown <= 0:
		return bad("-cooldown %v: want a duration > 0", *cooldown)
	case *timeout <= 0:
		return bad("-timeout %v: want a duration > 0", *timeout)
	case !(*maxRate > 0):
		return bad("-max-rate %v: want requests per second > 0", *maxRate)
	case *maxRequests < 1:
		return bad("-max-requests %d: want at least 1", *maxRequests)
	case *maxDuration <= 0:
		return bad("-max-duration %v: want a duration > 0", *maxDuration)
	}
	if _, err := loadtest.Encoder(*format, io.Discard); err != nil {
		return bad("-format: %v", err)
	}

	lm, ok := loadModel("load", fs, stderr)
	if !ok {
		return exitUsage
	}
	opts, err := pf.options(lm)
	if err != nil {
		return bad("%v", err)
	}
	plan, err := lm.model.Load(opts)
	if err != nil {
		return bad("%s: %v", lm.name, err)
	}
	dur := time.Duration(plan.Duration() * float64(time.Second))
	switch {
	case plan.PeakRate > *maxRate:
		return bad("the busiest hour needs %.1f requests/s, above the ceiling of %v (-max-rate): lower -scale or -speedup, or raise -max-rate if the target may take it", plan.PeakRate, *maxRate)
	case dur > *maxDuration:
		return bad("the window lasts %v in real time, above -max-duration %v: raise -speedup, narrow -from/-to, or raise -max-duration", dur.Round(time.Second), *maxDuration)
	case plan.Expected > float64(*maxRequests):
		return bad("the model expects %.0f requests, above -max-requests %d: lower -scale, narrow the window, or raise -max-requests", plan.Expected, *maxRequests)
	}
	seed := *pf.seed
	if seed == 0 {
		seed = lm.seed
	}
	arrivals, err := plan.Arrivals(seed, *maxRequests)
	if err != nil {
		return bad("-max-requests: %v", err)
	}
	payloads, err := lm.model.Payloads(opts.Selection, seed)
	if err != nil {
		return bad("%v", err)
	}
	for _, u := range []struct{ flag, url string }{{"target", *target}, {"failover-target", *failover}} {
		if u.url == "" {
			continue
		}
		if err := loadtest.Probe(u.url, min(*timeout, 5*time.Second)); err != nil {
			return bad("-%s %s: cannot connect: %v (is the service running, and the URL right?)", u.flag, u.url, err)
		}
	}

	var results io.Writer
	if *output != "" {
		f, err := os.Create(*output)
		if err != nil {
			return bad("-output: %v", err)
		}
		defer f.Close()
		results = f
	}

	tl := opts.Timeline
	c := lm.model.Config
	fmt.Fprintf(stderr, "outagesim load: %s, %s %s, %s to %s at %g× (scale %g, seed %d)\n", lm.name, selectionText(opts.Selection), opts.Selection.Stream,
		loadplan.LocalTime(c, tl.From).Format("2006-01-02 15:04"), loadplan.LocalTime(c, tl.To).Format("2006-01-02 15:04"), tl.Speedup, opts.Scale, seed)
	fmt.Fprintf(stderr, "outagesim load: %d requests (%.1f expected), busiest hour %.1f/s, over %v; bounds %d requests, %v, %v/s\n",
		len(arrivals), plan.Expected, plan.PeakRate, dur.Round(time.Millisecond), *maxRequests, *maxDuration, *maxRate)
	switch {
	case *failover == "":
		fmt.Fprintf(stderr, "outagesim load: all to %s (no -failover-target)\n", *target)
	case len(plan.Down) == 0:
		fmt.Fprintf(stderr, "outagesim load: to %s; the outage does not take the route's system down in the window; reactive failover to %s\n", *target, *failover)
	default:
		for _, d := range plan.Down {
			fmt.Fprintf(stderr, "outagesim load: %s down from %.3fs to %.3fs (sim %s to %s): to %s then\n", strings.Join(plan.Systems, ", "), d.From, d.To,
				loadplan.LocalTime(c, tl.SimTime(d.From)).Format("2006-01-02 15:04"), loadplan.LocalTime(c, tl.SimTime(d.To)).Format("2006-01-02 15:04"), *failover)
		}
	}

	sum, err := loadtest.Run(loadtest.Options{
		Plan: plan, Arrivals: arrivals, Payloads: payloads,
		Target: *target, Failover: *failover, Failures: *failures, Cooldown: *cooldown,
		Method: *method, Header: hdr, Timeout: *timeout,
		MaxDuration: min(*maxDuration, dur+*timeout+time.Second),
		Results:     results, Encoding: *format,
	})
	if err != nil {
		return internal("load", err, stderr)
	}
	sum.Write(stdout)
	code := exitOK
	for _, t := range ths {
		ok, got := t.Check(sum)
		verdict := "pass"
		if !ok {
			verdict, code = "FAIL", exitRegression
		}
		fmt.Fprintf(stdout, "threshold %s: %s (%s)\n", t.Text, verdict, got)
	}
	return code
}

// selectionText names the services a selection follows.
func selectionText(s loadplan.Selection) string {
	switch {
	case s.Service != "":
		return s.Service
	case s.Nation != "":
		return s.Nation
	}
	return "every service"
}
