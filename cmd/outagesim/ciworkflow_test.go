package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// yamlBlocks returns the ```yaml blocks of a Markdown page.
func yamlBlocks(md string) []string {
	var out []string
	for _, part := range strings.Split(md, "```yaml\n")[1:] {
		block, _, ok := strings.Cut(part, "\n```")
		if ok {
			out = append(out, block+"\n")
		}
	}
	return out
}

type workflow struct {
	On   any `yaml:"on"`
	Jobs map[string]struct {
		RunsOn string `yaml:"runs-on"`
		Steps  []struct {
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

var (
	flagToken     = regexp.MustCompile(`^-{1,2}([a-z][a-z0-9-]*)`)
	usageFlagLine = regexp.MustCompile(`(?m)^  -([a-z][a-z0-9-]*)`)
	majorTag      = regexp.MustCompile(`^[a-z0-9-]+/[a-z0-9-]+@v[0-9]+$`)
)

// TestCIWorkflows checks the GitHub Actions workflows in docs/ci.md: each
// is a workflow, its actions are pinned to a major version, Go comes from
// go.mod or a release channel, every outagesim command names a command
// and flags that exist, and action-validator (npm @action-validator/cli,
// installed by .ci/run) accepts it.
func TestCIWorkflows(t *testing.T) {
	md, err := os.ReadFile("../../docs/ci.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := yamlBlocks(string(md))
	if len(blocks) < 2 {
		t.Fatalf("docs/ci.md has %d yaml blocks, want the two workflows", len(blocks))
	}
	validator, lookErr := exec.LookPath("action-validator")
	if lookErr != nil && os.Getenv("OUTAGESIM_REQUIRE_ACTION_VALIDATOR") == "1" {
		t.Fatal("action-validator is not on PATH (npm install @action-validator/cli) and OUTAGESIM_REQUIRE_ACTION_VALIDATOR=1")
	}
	dir := t.TempDir()
	for i, block := range blocks {
		var wf workflow
		if err := yaml.Unmarshal([]byte(block), &wf); err != nil {
			t.Errorf("workflow %d: %v", i+1, err)
			continue
		}
		if wf.On == nil || len(wf.Jobs) == 0 {
			t.Errorf("workflow %d has no on: or no jobs:", i+1)
		}
		for name, job := range wf.Jobs {
			for _, st := range job.Steps {
				if st.Uses != "" && !majorTag.MatchString(st.Uses) {
					t.Errorf("workflow %d, job %s: %q: want owner/action@vN", i+1, name, st.Uses)
				}
				if strings.HasPrefix(st.Uses, "actions/setup-go@") && st.With["go-version-file"] != "go.mod" && st.With["go-version"] != "stable" {
					t.Errorf("workflow %d, job %s: setup-go without go-version-file: go.mod", i+1, name)
				}
				if strings.Contains(st.Run, "report.md") && strings.Contains(st.Run, "GITHUB_STEP_SUMMARY") {
					t.Errorf("workflow %d: report.md's PNG links do not render in a job summary; use -summary", i+1)
				}
				checkOutagesimCommand(t, st.Run)
			}
		}
		if lookErr != nil {
			continue
		}
		path := filepath.Join(dir, "workflow.yml")
		if err := os.WriteFile(path, []byte(block), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(validator, path).CombinedOutput()
		if err != nil {
			t.Errorf("action-validator rejects workflow %d: %v\n%s\n%s", i+1, err, out, block)
		}
	}
	if lookErr != nil {
		t.Log("action-validator not found: the workflows were checked without it")
	}
}

// checkOutagesimCommand checks that a step's outagesim command names a
// command and only flags that command has, as its usage lists them.
func checkOutagesimCommand(t *testing.T, script string) {
	t.Helper()
	for _, line := range strings.Split(script, "\n") {
		_, rest, ok := strings.Cut(line, "go run ./cmd/outagesim ")
		if !ok {
			if !strings.HasPrefix(strings.TrimSpace(line), "outagesim ") {
				continue
			}
			rest = strings.TrimPrefix(strings.TrimSpace(line), "outagesim ")
		}
		args := strings.Fields(rest)
		var usage bytes.Buffer
		if code := run([]string{"help", args[0]}, nil, &usage, &bytes.Buffer{}); code != exitOK {
			t.Errorf("%q: no command %q", line, args[0])
			continue
		}
		known := map[string]bool{}
		for _, m := range usageFlagLine.FindAllStringSubmatch(usage.String(), -1) {
			known[m[1]] = true
		}
		for _, a := range args[1:] {
			if m := flagToken.FindStringSubmatch(a); m != nil && !known[m[1]] {
				t.Errorf("%q: outagesim %s has no flag -%s", line, args[0], m[1])
			}
		}
	}
}
