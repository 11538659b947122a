package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/outagesim/outagesim/reports/write"
	"github.com/outagesim/outagesim/scenarios"
	"github.com/outagesim/outagesim/sim/model"
)

// loaded is a scenario ready to run.
type loaded struct {
	scenario *scenarios.Scenario
	cfg      *model.Config
	hash     string
}

// setFlags collects repeatable --set path=value flags.
type setFlags []string

func (s *setFlags) String() string     { return strings.Join(*s, " ") }
func (s *setFlags) Set(v string) error { *s = append(*s, v); return nil }

// load reads a library scenario or a file, applies --set overrides and
// builds its model configuration. On failure it prints every problem and
// returns false; the caller exits with code 2.
func load(cmd, name string, sets []string, stderr io.Writer) (*loaded, bool) {
	s, err := scenarios.LoadWith(name, sets)
	if err == nil {
		var cfg *model.Config
		if cfg, err = s.Config(); err == nil {
			src, merr := s.Marshal()
			if merr != nil {
				fmt.Fprintf(stderr, "outagesim %s: %v\n", cmd, merr)
				return nil, false
			}
			sum := sha256.Sum256(src)
			return &loaded{scenario: s, cfg: cfg, hash: hex.EncodeToString(sum[:])}, true
		}
	}
	printScenarioErrors(cmd, name, err, stderr)
	return nil, false
}

func printScenarioErrors(cmd, name string, err error, stderr io.Writer) {
	var errs scenarios.Errors
	if errors.As(err, &errs) {
		for _, e := range errs {
			fmt.Fprintln(stderr, e.Error())
		}
		fmt.Fprintf(stderr, "outagesim %s: %s: %d problem%s\n", cmd, name, len(errs), plural(len(errs)))
		return
	}
	fmt.Fprintf(stderr, "outagesim %s: %s: %v\n", cmd, name, err)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// meta is what the report needs to know about where the run came from.
func (l *loaded) meta(command string) write.Meta {
	m := write.Meta{
		ToolVersion: version,
		Scenario:    l.scenario.Name,
		Description: l.scenario.Description,
		Hash:        l.hash,
		Command:     command,
	}
	for _, n := range l.scenario.Notes() {
		m.Assumptions = append(m.Assumptions, write.Assumption{
			Name:   n.Path,
			Value:  n.Value,
			Source: n.Source + " (" + n.File + ")",
		})
	}
	return m
}
