package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/outagesim/outagesim/cmd/outagesim/internal/k6script"
)

const k6Usage = `Usage: outagesim k6 [flags] [SCENARIO|FILE]

Writes a plain k6 script (no extension, nothing to build) for teams that
already use k6: a ramping-arrival-rate scenario whose stages follow the
model's hourly demand for one front door or route, compressed (-speedup)
and scaled (-scale); the outage timeline as data; and scheduled failover
to FAILOVER_TARGET while the route's system is down. Bodies are synthetic
(SYN-… ids). Run it with stock k6:

  TARGET=https://a.test/refer FAILOVER_TARGET=https://b.test/refer k6 run script.js

k6 starts iterations on a deterministic schedule, so the count equals the
model's expected count (to within rounding); outagesim load samples the
Poisson arrivals instead.

Examples:
  outagesim k6 -service eng-north -stream referrals -o failover.js
  outagesim k6 -nation wales -speedup 720 -scale 0.05 -from 2022-08-04 -to 2022-08-06 adastra-2022 > wales.js

Flags:
`

func runK6(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("k6", k6Usage)
	pf := addPlanFlags(fs)
	out := fs.String("o", "", "file to write (default stdout)")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	lm, ok := loadModel("k6", fs, stderr)
	if !ok {
		return exitUsage
	}
	opts, err := pf.options(lm)
	if err != nil {
		fmt.Fprintf(stderr, "outagesim k6: %v\n", err)
		return exitUsage
	}
	plan, err := lm.model.Arrivals(opts)
	if err != nil {
		fmt.Fprintf(stderr, "outagesim k6: %s: %v\n", lm.name, err)
		return exitUsage
	}
	l, err := lm.model.Load(opts)
	if err != nil {
		fmt.Fprintf(stderr, "outagesim k6: %s: %v\n", lm.name, err)
		return exitUsage
	}
	var buf bytes.Buffer
	if err := k6script.Write(&buf, k6script.Input{Scenario: lm.name, Command: strings.Join(args, " "), Plan: plan, Load: l, Config: lm.model.Config}); err != nil {
		return internal("k6", err, stderr)
	}
	if *out == "" {
		stdout.Write(buf.Bytes())
		return exitOK
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintf(stderr, "outagesim k6: -o: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "outagesim k6: wrote %s: %.1f requests expected over %v\n", *out, plan.Expected, plan.Duration())
	return exitOK
}
