package main

import (
	"fmt"
	"io"
	"runtime/debug"
)

// version overrides the version read from the build info when set at build
// time with -ldflags "-X main.version=...", e.g. by a release script.
var version = ""

// toolVersion is the version outagesim reports and writes into reports.
func toolVersion() string {
	info, ok := debug.ReadBuildInfo()
	return versionFrom(version, info, ok)
}

// versionFrom picks the version: the -ldflags override; else the module
// version that "go install ...@vX" records; else the VCS revision that
// "go build" in a checkout records (with +dirty for local changes); else
// "dev" (go test, or a build outside version control).
func versionFrom(override string, info *debug.BuildInfo, ok bool) string {
	if override != "" {
		return override
	}
	if !ok || info == nil {
		return "dev"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += "+dirty"
	}
	return rev
}

const versionUsage = `Usage: outagesim version

Prints the version: the module version of a binary from
"go install github.com/outagesim/outagesim/cmd/outagesim@vX", the commit of
one built with "go build" in a checkout, or "dev" under go test. The same
version is written into every report. "outagesim --version" does the same.

Flags:
`

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("version", versionUsage)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "outagesim version: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	fmt.Fprintf(stdout, "outagesim %s\n", toolVersion())
	return exitOK
}
