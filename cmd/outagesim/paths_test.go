package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnsafeNamesWriteNothing: a scenario's name picks the default report
// folder and the baseline file, so a name with a path in it is refused
// before anything is written, by every command.
func TestUnsafeNamesWriteNothing(t *testing.T) {
	tmp := t.TempDir()
	work := filepath.Join(tmp, "work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(work)
	for _, name := range []string{"x/../../escape", "../victim/x", "\x1b[2Jwiped"} {
		file := filepath.Join(tmp, "s.yaml")
		writeText(t, file, "extends: textbook-erlang-a\nhorizon: 1d\nname: \""+strings.ReplaceAll(name, "\x1b", `\e`)+"\"\n")
		for _, args := range [][]string{
			{"run", "-reps", "1", file},
			{"compare", "-reps", "1", file, "textbook-erlang-a"},
			{"check", "-update", "-reps", "1", "-baselines", filepath.Join(work, "b"), file},
		} {
			code, _, stderr := runCLI(t, tmp, args...)
			if code != exitUsage || !strings.Contains(stderr, "name:") {
				t.Errorf("%q with name %q: exit %d, stderr %q; want 2 naming the field", args, name, code, stderr)
			}
			if strings.Contains(stderr, "\x1b") {
				t.Errorf("%q: the escape reached the terminal: %q", args, stderr)
			}
		}
	}
	if got, _ := os.ReadDir(work); len(got) != 0 {
		t.Errorf("the working folder holds %d entries after refused runs", len(got))
	}
	if got, _ := os.ReadDir(tmp); len(got) != 2 {
		t.Errorf("%s holds %d entries after refused runs, want s.yaml and work", tmp, len(got))
	}
}

// TestOutIsCurrentFolder: -out . in an empty folder gets an error that
// says what is wrong (the current folder cannot be replaced), not that the
// empty folder is not a report.
func TestOutIsCurrentFolder(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, _, stderr := runCLI(t, dir, "run", "-reps", "1", "-set", "horizon=1d", "-out", ".", "textbook-erlang-a")
	if code != exitUsage || !strings.Contains(stderr, "current folder") || strings.Contains(stderr, "not an outagesim report") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if got, _ := os.ReadDir(dir); len(got) != 0 {
		t.Errorf("the folder holds %d entries", len(got))
	}
}

// TestCommandLineQuoted: the command line in a report pastes back into a
// shell as the same arguments, whatever they hold.
func TestCommandLineQuoted(t *testing.T) {
	args := []string{"-set", "description=a & b; c | d", "-out", "it's $(rm -rf ~)", "-set", "x=`id`", "plain.yaml", ""}
	line := commandLine("run", args)
	if strings.Contains(line, "a & b") && !strings.Contains(line, "'description=a & b; c | d'") {
		t.Errorf("unquoted: %s", line)
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh to paste the line into")
	}
	script := `set -- ` + line + `; for a in "$@"; do printf '<%s>\n' "$a"; done`
	out, err := exec.Command(sh, "-c", script).Output()
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	for _, a := range append([]string{"outagesim", "run"}, args...) {
		want.WriteString("<" + a + ">\n")
	}
	if string(out) != want.String() {
		t.Errorf("the shell read\n%s\nfrom %s, want\n%s", out, line, want.String())
	}
}
