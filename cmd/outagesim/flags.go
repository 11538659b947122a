package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// repeatedFlag collects every value of a flag given more than once, in
// order (-set, -header, -threshold).
type repeatedFlag []string

func (r *repeatedFlag) String() string     { return strings.Join(*r, " ") }
func (r *repeatedFlag) Set(v string) error { *r = append(*r, v); return nil }

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

// parseFlags parses args, flags before and after the positional arguments
// alike (users type "outagesim run adastra-2022 -reps 3" as often as the
// other way round); "--" ends the flags. It prints the usage to stdout for
// -h (exit 0), and one line with a hint to stderr for a bad flag (exit 2).
// ok is false when the command must stop with code. Afterwards fs.Args()
// holds the positional arguments in their order.
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (code int, ok bool) {
	err := fs.Parse(interspersed(fs, args))
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

// interspersed reorders args as the flag package wants them: every flag
// (with its value) first, then "--" and the positional arguments. A flag
// takes the next argument as its value unless it is boolean or written
// -name=value, as the flag package itself decides; an unknown flag is kept
// in place so that Parse reports it.
func interspersed(fs *flag.FlagSet, args []string) []string {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		f := fs.Lookup(name)
		if f == nil {
			continue
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			continue
		}
		if i+1 == len(args) {
			return flags // the value is missing: Parse says so
		}
		i++
		flags = append(flags, args[i])
	}
	return append(append(flags, "--"), positional...)
}

// flagSet says whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
