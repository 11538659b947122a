package main

import (
	"runtime/debug"
	"slices"
	"strings"
	"testing"
)

func TestInterspersedFlags(t *testing.T) {
	for _, tc := range []struct {
		args    string
		reps    int
		timing  bool
		sets    []string
		args2   []string
		wantErr string
	}{
		{args: "-reps 3 adastra-2022", reps: 3, args2: []string{"adastra-2022"}},
		{args: "adastra-2022 -reps 3", reps: 3, args2: []string{"adastra-2022"}},
		{args: "a -reps=4 b", reps: 4, args2: []string{"a", "b"}},
		{args: "--reps 5 a", reps: 5, args2: []string{"a"}},
		// A boolean flag does not take the next argument.
		{args: "-timing a -reps 2", reps: 2, timing: true, args2: []string{"a"}},
		{args: "-timing=false a", args2: []string{"a"}},
		// A value that looks like a flag is still the value.
		{args: "a -set -x=1", sets: []string{"-x=1"}, args2: []string{"a"}},
		// -- ends the flags: what follows is positional even if it starts with -.
		{args: "a -- -reps 3", args2: []string{"a", "-reps", "3"}},
		{args: "-reps 2 -- -", reps: 2, args2: []string{"-"}},
		{args: "-set a=1 x -set b=2", sets: []string{"a=1", "b=2"}, args2: []string{"x"}},
		// A lone - is an argument.
		{args: "- -reps 1", reps: 1, args2: []string{"-"}},
		{args: "a -bogus 3", wantErr: "flag provided but not defined: -bogus"},
		{args: "a -reps", wantErr: "flag needs an argument: -reps"},
		{args: "a -reps x", wantErr: "invalid value \"x\" for flag -reps"},
	} {
		fs := newFlagSet("run", "")
		reps := fs.Int("reps", 0, "")
		timing := fs.Bool("timing", false, "")
		var sets repeatedFlag
		fs.Var(&sets, "set", "")
		err := fs.Parse(interspersed(fs, strings.Fields(tc.args)))
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%q: error %v, want %q", tc.args, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.args, err)
			continue
		}
		if *reps != tc.reps || *timing != tc.timing || !slices.Equal(sets, tc.sets) || !slices.Equal(fs.Args(), tc.args2) {
			t.Errorf("%q: reps %d timing %v sets %q args %q; want %d %v %q %q", tc.args, *reps, *timing, sets, fs.Args(), tc.reps, tc.timing, tc.sets, tc.args2)
		}
	}
}

func TestVersionFrom(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	for _, tc := range []struct {
		name     string
		override string
		info     *debug.BuildInfo
		ok       bool
		want     string
	}{
		{"no build info", "", nil, false, "dev"},
		{"go install @v1.2.0", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, true, "v1.2.0"},
		{"the -ldflags override wins", "v2.0.0-rc1", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, true, "v2.0.0-rc1"},
		{"go build in a checkout", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("0123456789abcdef0123", "false")}, true, "0123456789ab"},
		{"with local changes", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("0123456789abcdef0123", "true")}, true, "0123456789ab+dirty"},
		{"go test", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true, "dev"},
	} {
		if got := versionFrom(tc.override, tc.info, tc.ok); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestHelpForEveryCommand: every command the usage lists has its own
// usage, printed by "help <command>", "<command> -h" and "<command>
// --help" alike.
func TestHelpForEveryCommand(t *testing.T) {
	_, cmds, _ := strings.Cut(usage, "Commands:\n")
	cmds, _, _ = strings.Cut(cmds, "\n\n")
	n := 0
	for _, line := range strings.Split(cmds, "\n") {
		name := strings.Fields(line)[0]
		n++
		var first string
		for i, args := range [][]string{{"help", name}, {name, "-h"}, {name, "--help"}} {
			var stdout, stderr strings.Builder
			if code := run(args, nil, &stdout, &stderr); code != exitOK || stderr.Len() > 0 {
				t.Errorf("%q: exit %d, stderr %q", args, code, stderr.String())
			}
			if !strings.HasPrefix(stdout.String(), "Usage: outagesim "+name) {
				t.Errorf("%q prints %.60q, not %s's usage", args, stdout.String(), name)
			}
			if i == 0 {
				first = stdout.String()
			} else if stdout.String() != first {
				t.Errorf("%q and help %s differ", args, name)
			}
		}
	}
	if n < 10 {
		t.Errorf("found %d commands in the usage", n)
	}
}
