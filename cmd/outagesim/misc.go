package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/outagesim/outagesim/scenarios"
)

const validateUsage = `Usage: outagesim validate FILE|SCENARIO...

Checks scenario files without running them and prints every problem as
file:line:column: field: problem (allowed: ...). Exits 2 if any file has
a problem.

Examples:
  outagesim validate my-outage.yaml
  outagesim validate scenarios/*.yaml

Flags:
`

func runValidate(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("validate", validateUsage)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintf(stderr, "outagesim validate: no files given\nRun 'outagesim validate -h' for usage.\n")
		return exitUsage
	}
	code := exitOK
	for _, name := range fs.Args() {
		l, ok := load("validate", name, nil, stderr)
		if !ok {
			code = exitUsage
			continue
		}
		fmt.Fprintf(stdout, "%s: ok (%s, %d nations, %d services)\n", name, l.scenario.Name, len(l.cfg.Nations), len(l.cfg.Services))
	}
	return code
}

const listUsage = `Usage: outagesim list

Lists the scenarios built into outagesim, with one line on each. Run one
with "outagesim run NAME"; copy one as a starting point with "extends: NAME".

Flags:
`

func runList(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("list", listUsage)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "outagesim list: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	for _, e := range scenarios.List() {
		mark := ""
		if e.Name == scenarios.Default {
			mark = " (default)"
		}
		fmt.Fprintf(tw, "%s%s\t%s\n", e.Name, mark, e.Description)
	}
	tw.Flush()
	return exitOK
}

const schemaUsage = `Usage: outagesim schema

Prints the JSON Schema of scenario files, for editors that complete and
check YAML (e.g. with a "# yaml-language-server: $schema=..." comment).

Example:
  outagesim schema > outagesim.schema.json

Flags:
`

func runSchema(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("schema", schemaUsage)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "outagesim schema: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	stdout.Write(scenarios.Schema())
	return exitOK
}

const showUsage = `Usage: outagesim show NAME

Prints a built-in scenario's YAML as written, with its comments and
sources, as a starting point for your own. Its first line points editors
with the YAML language server at the scenario schema. A variant need only
say what differs ("extends: NAME" and the changed fields).

Examples:
  outagesim show adastra-2022 > my-outage.yaml
  outagesim show textbook-erlang-a

Flags:
`

func runShow(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("show", showUsage)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(stderr, "outagesim show: want one scenario name, got %d\nRun 'outagesim show -h' for usage, 'outagesim list' for the names.\n", fs.NArg())
		return exitUsage
	}
	data, err := scenarios.Source(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "outagesim show: %v\n", err)
		return exitUsage
	}
	stdout.Write(data)
	return exitOK
}
