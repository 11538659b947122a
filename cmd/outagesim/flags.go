package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// newFlagSet returns a flag set that stays silent while parsing, so that
// parseFlags decides what is printed where.
func newFlagSet(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		io.WriteString(fs.Output(), usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args. It prints the usage to stdout for -h (exit 0),
// and one line with a hint to stderr for a bad flag (exit 2). ok is false
// when the command must stop with code.
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (code int, ok bool) {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return exitOK, true
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fs.Usage()
		return exitOK, false
	default:
		fmt.Fprintf(stderr, "outagesim %s: %v\nRun 'outagesim %s -h' for usage.\n", fs.Name(), err, fs.Name())
		return exitUsage, false
	}
}
