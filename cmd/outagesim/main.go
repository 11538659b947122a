// Command outagesim simulates NHS 111 and urgent-care services through IT
// outages. Run "outagesim help" for the commands.
package main

import (
	"io"
	"os"
	"runtime/debug"
	"strings"
)

// tunedGC says the GC target is outagesim's own: GOGC in the environment
// wins.
var tunedGC = os.Getenv("GOGC") == ""

func main() {
	if tunedGC {
		// Two replications at once ran erratically (up to 35% slower) with
		// the default GC target and steadily with 400, for ~50 MB more at
		// peak: docs/performance.md.
		debug.SetGCPercent(400)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// reporting restores Go's default GC target once the replications are
// done. The summaries and the report (percentiles of every cell, charts
// drawn on full-size canvases, files built in memory) allocate hundreds of
// MB that live briefly, and a target of 400 let them pile up to five times
// the live heap: 362 MB at peak for 30 replications of adastra-2022.
func reporting() {
	if tunedGC {
		debug.SetGCPercent(100)
	}
}

// Exit codes, as documented in the usage text.
const (
	exitOK         = 0
	exitRegression = 1
	exitUsage      = 2
	exitInternal   = 3
)

const usage = `outagesim simulates NHS 111 and urgent-care services through IT outages.

Usage:
  outagesim <command> [arguments] [flags]

Commands:
  run          run a scenario and write its report (default: adastra-2022)
  compare      run scenarios side by side on common random numbers
  sweep        run a scenario across a grid of one or two parameters
  sensitivity  rank a scenario's assumptions by their effect on the impact
  check        compare regression scenarios with their baselines (for CI)
  merge        merge the parts of a run split into shards (-shard) into its report
  k8s-job      print Kubernetes Jobs that run a scenario's shards and merge them
  validate     check scenario files
  list         list the built-in scenarios
  show         print a built-in scenario's YAML, to start a variant from
  schema       print the JSON Schema of scenario files
  erlang       simulate an M/M/c+M call centre and compare it with Erlang A
  load         load- and failover-test an endpoint with the model's demand
  k6           write a plain k6 script with the model's demand and outage
  version      print the version

Flags go before or after the arguments; "--" ends them. Run
"outagesim help <command>" (or "outagesim <command> -h") for a command's
flags and examples, and "outagesim --version" for the version.

Exit codes: 0 ok, 1 regression found, 2 usage or input error, 3 internal error.
`

func run(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		io.WriteString(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "run":
		return runRun(args[1:], stdout, stderr)
	case "compare":
		return runCompare(args[1:], stdout, stderr)
	case "sweep":
		return runSweep(args[1:], stdout, stderr)
	case "sensitivity":
		return runSensitivity(args[1:], stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "merge":
		return runMerge(args[1:], stdout, stderr)
	case "k8s-job":
		return runK8sJob(args[1:], stdout, stderr)
	case "validate":
		return runValidate(args[1:], stdout, stderr)
	case "list":
		return runList(args[1:], stdout, stderr)
	case "schema":
		return runSchema(args[1:], stdout, stderr)
	case "erlang":
		return runErlang(args[1:], stdout, stderr)
	case "show":
		return runShow(args[1:], stdout, stderr)
	case "load":
		return runLoad(args[1:], stdout, stderr)
	case "k6":
		return runK6(args[1:], stdout, stderr)
	case "version":
		return runVersion(args[1:], stdout, stderr)
	case "-version", "--version":
		return runVersion(nil, stdout, stderr)
	case "help", "-h", "-help", "--help":
		return runHelp(args[1:], stdout, stderr)
	default:
		io.WriteString(stderr, "outagesim: unknown command \""+args[0]+"\"\nRun 'outagesim help' for the list of commands.\n")
		return exitUsage
	}
}

// runHelp prints the global usage, or with a command name that command's
// usage, as "outagesim <command> -h" does.
func runHelp(args []string, stdout, stderr io.Writer) int {
	switch {
	case len(args) == 0:
		io.WriteString(stdout, usage)
		return exitOK
	case len(args) > 1:
		io.WriteString(stderr, "outagesim help: one command at a time\nRun 'outagesim help' for the list of commands.\n")
		return exitUsage
	case strings.HasPrefix(args[0], "-") || args[0] == "help":
		io.WriteString(stdout, usage)
		return exitOK
	}
	var discard strings.Builder
	if code := run([]string{args[0], "-h"}, nil, stdout, &discard); code != exitOK {
		io.WriteString(stderr, "outagesim help: unknown command \""+args[0]+"\"\nRun 'outagesim help' for the list of commands.\n")
		return exitUsage
	}
	return exitOK
}
