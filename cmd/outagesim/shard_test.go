package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/outagesim/outagesim/reports/golden"
)

// shortScenario is a four-day outage: quick, and it has every output.
const shortScenario = "testdata/scenarios/short-outage.yaml"

// TestShardsMergeToASingleRun: three shards and a merge write the same
// files, byte for byte, as one run with the same seed and replications.
func TestShardsMergeToASingleRun(t *testing.T) {
	tmp := t.TempDir()
	for _, k := range []string{"0/3", "1/3", "2/3"} {
		code, stdout, stderr := runCLI(t, tmp, "run", shortScenario, "-reps", "4", "-seed", "7", "-shard", k, "-out", "$TMP/parts")
		if code != exitOK {
			t.Fatalf("shard %s: exit %d: %s", k, code, stderr)
		}
		if k == "1/3" {
			golden.CheckString(t, "testdata/shard-run.stdout", stdout)
		}
	}
	code, stdout, stderr := runCLI(t, tmp, "merge", "-out", "$TMP/merged", "$TMP/parts")
	if code != exitOK {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	golden.CheckString(t, "testdata/merge.stdout", stdout)
	if code, _, stderr := runCLI(t, tmp, "run", shortScenario, "-reps", "4", "-seed", "7", "-out", "$TMP/single"); code != exitOK {
		t.Fatalf("single run: exit %d: %s", code, stderr)
	}
	for _, f := range []string{"summary.json", "kpis.csv", "timeseries.csv", "daily_impact.csv", "replications.csv"} {
		merged, err := os.ReadFile(filepath.Join(tmp, "merged", f))
		if err != nil {
			t.Fatal(err)
		}
		single, err := os.ReadFile(filepath.Join(tmp, "single", f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(merged, single) {
			t.Errorf("%s: the merged report differs from the single run's", f)
		}
	}
	// summary.json alone, whose aggregate has no daily KPIs or series, is
	// the full report's, from one machine and from the parts.
	want, err := os.ReadFile(filepath.Join(tmp, "single", "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	for dir, args := range map[string][]string{
		"json-single": {"run", shortScenario, "-reps", "4", "-seed", "7", "-format", "json", "-out", "$TMP/json-single"},
		"json-merged": {"merge", "-format", "json", "-out", "$TMP/json-merged", "$TMP/parts"},
	} {
		if code, _, stderr := runCLI(t, tmp, args...); code != exitOK {
			t.Fatalf("%s: exit %d: %s", dir, code, stderr)
		}
		got, err := os.ReadFile(filepath.Join(tmp, dir, "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: summary.json differs from the full run's", dir)
		}
	}
	// The report says how to make it on one machine: the shard's flags
	// without -shard and -out.
	md, err := os.ReadFile(filepath.Join(tmp, "merged", "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "outagesim run " + shortScenario + " -reps 4 -seed 7`"; !strings.Contains(string(md), want) {
		t.Errorf("report.md does not give the command %q", want)
	}
	// A retried shard rewrites its part in place.
	if code, _, stderr := runCLI(t, tmp, "run", shortScenario, "-reps", "4", "-seed", "7", "-shard", "0/3", "-out", "$TMP/parts"); code != exitOK {
		t.Fatalf("retried shard: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, tmp, "merge", "-out", "$TMP/merged", "$TMP/parts"); code != exitOK {
		t.Fatalf("merge after a retry: exit %d: %s", code, stderr)
	}
}

// TestMergeRefusesBadParts: every way a set of parts can be wrong is an
// input error that names the part, and nothing is written.
func TestMergeRefusesBadParts(t *testing.T) {
	tmp := t.TempDir()
	shards := func(dir, seed string, ks ...string) {
		for _, k := range ks {
			if code, _, stderr := runCLI(t, tmp, "run", shortScenario, "-reps", "2", "-seed", seed, "-shard", k, "-out", dir); code != exitOK {
				t.Fatalf("shard %s: %s", k, stderr)
			}
		}
	}
	shards("$TMP/a", "1", "0/2", "1/2")
	shards("$TMP/b", "2", "1/2")
	copyDir(t, filepath.Join(tmp, "a", "part-1-of-2"), filepath.Join(tmp, "c", "part-1-of-2"))
	corrupt := filepath.Join(tmp, "c", "part-1-of-2", "results.gob.gz")
	data, err := os.ReadFile(corrupt)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0xff
	if err := os.WriteFile(corrupt, data, 0o644); err != nil {
		t.Fatal(err)
	}
	copyDir(t, filepath.Join(tmp, "a", "part-1-of-2"), filepath.Join(tmp, "d", "part-1-of-2"))
	manifest := filepath.Join(tmp, "d", "part-1-of-2", "manifest.json")
	data, err = os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(manifest, bytes.Replace(data, []byte(`"seed": 1`), []byte(`"seed": 3`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		parts []string
	}{
		// Shard 1 of 2 was never given.
		{"merge-missing", []string{"$TMP/a/part-0-of-2"}},
		// The same shard twice.
		{"merge-duplicate", []string{"$TMP/a", "$TMP/a/part-1-of-2"}},
		// Shard 1 of a run with another seed.
		{"merge-foreign", []string{"$TMP/a/part-0-of-2", "$TMP/b/part-1-of-2"}},
		// Results that do not match their checksum.
		{"merge-corrupt", []string{"$TMP/a/part-0-of-2", "$TMP/c/part-1-of-2"}},
		// A manifest edited by hand.
		{"merge-edited", []string{"$TMP/a/part-0-of-2", "$TMP/d/part-1-of-2"}},
		// Not a part at all.
		{"merge-not-a-part", []string{"$TMP/nowhere"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tmp, append([]string{"merge", "-out", "$TMP/out-" + tc.name}, tc.parts...)...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitUsage, stderr)
			}
			golden.CheckString(t, filepath.Join("testdata", tc.name+".stdout"), stdout)
			golden.CheckString(t, filepath.Join("testdata", tc.name+".stderr"), stderr)
			if _, err := os.Stat(filepath.Join(tmp, "out-"+tc.name)); !os.IsNotExist(err) {
				t.Errorf("a report was written: %v", err)
			}
		})
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestShardFlag: -shard K/N, and auto from a Slurm array task or a
// Kubernetes Indexed Job.
func TestShardFlag(t *testing.T) {
	defer func(g func(string) string) { getenv = g }(getenv)
	for _, tc := range []struct {
		name, spec string
		count      int
		env        map[string]string
		want       shard
		on         bool
		err        string
	}{
		{"none", "", 0, nil, shard{}, false, ""},
		{"explicit", "2/5", 0, nil, shard{2, 5}, true, ""},
		{"k too big", "5/5", 0, nil, shard{}, false, "want K/N with 0 ≤ K < N"},
		{"not a fraction", "half", 0, nil, shard{}, false, "want K/N"},
		{"-shards without auto", "1/2", 3, nil, shard{}, false, "only with -shard auto"},
		// sbatch --array=1-4: task ids from 1, shards from 0.
		{"slurm", "auto", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "4"}, shard{2, 4}, true, ""},
		// --array=0-8:2 has gaps: refused rather than leave replications out.
		{"slurm step", "auto", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "8", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "5"}, shard{}, false, "contiguous array"},
		{"k8s flag", "auto", 6, map[string]string{"JOB_COMPLETION_INDEX": "5"}, shard{5, 6}, true, ""},
		{"k8s env", "auto", 0, map[string]string{"JOB_COMPLETION_INDEX": "0", "OUTAGESIM_SHARDS": "3"}, shard{0, 3}, true, ""},
		{"k8s no count", "auto", 0, map[string]string{"JOB_COMPLETION_INDEX": "0"}, shard{}, false, "OUTAGESIM_SHARDS"},
		{"no engine", "auto", 0, nil, shard{}, false, "neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			getenv = func(k string) string { return tc.env[k] }
			spec, count := tc.spec, tc.count
			got, on, err := shardFlags{&spec, &count}.resolve()
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want one saying %q", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want || on != tc.on {
				t.Errorf("got %v %v %v, want %v %v", got, on, err, tc.want, tc.on)
			}
		})
	}
}

func TestDropFlags(t *testing.T) {
	got := dropFlags([]string{"x.yaml", "-shard", "1/2", "-reps", "4", "--out=p", "-shards=3", "--", "-shard"}, "shard", "shards", "out")
	if want := "x.yaml -reps 4 -- -shard"; strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

// The usage texts of merge and of the shard flags of run, sweep and check, with their examples.
func TestShardUsage(t *testing.T) {
	for _, args := range [][]string{{"help", "merge"}, {"help", "run"}, {"help", "sweep"}, {"help", "check"}, {"help", "k8s-job"}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, nil, &stdout, &stderr); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
		}
		golden.CheckString(t, filepath.Join("testdata", strings.Join(args, "-")+".stdout"), stdout.String())
	}
}

// TestCompareShardsMerge: a comparison in two shards merges into the
// files one compare writes, byte for byte.
func TestCompareShardsMerge(t *testing.T) {
	tmp := t.TempDir()
	cmp := []string{"compare", "-reps", "3", "-kpi", "answered_within_60s_pct,abandoned_pct", "textbook-erlang-c", "textbook-erlang-a"}
	for _, k := range []string{"0/2", "1/2"} {
		if code, _, stderr := runCLI(t, tmp, append(slices.Clone(cmp), "-shard", k, "-out", "$TMP/parts")...); code != exitOK {
			t.Fatalf("shard %s: exit %d: %s", k, code, stderr)
		}
	}
	code, merged, stderr := runCLI(t, tmp, "merge", "-out", "$TMP/merged", "$TMP/parts")
	if code != exitOK {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	code, single, stderr := runCLI(t, tmp, append(slices.Clone(cmp), "-out", "$TMP/single")...)
	if code != exitOK {
		t.Fatalf("compare: exit %d: %s", code, stderr)
	}
	if strings.ReplaceAll(merged, "merged", "single") != single {
		t.Errorf("merge printed\n%s\ncompare printed\n%s", merged, single)
	}
	for _, f := range []string{"compare.md", "compare.csv", "compare.json"} {
		a, err := os.ReadFile(filepath.Join(tmp, "merged", f))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(tmp, "single", f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: the merged comparison differs from compare's", f)
		}
	}
}

// sameFiles fails unless every file under want's folder is under got's
// with the same bytes, and got has no others.
func sameFiles(t *testing.T, got, want string) {
	t.Helper()
	list := func(dir string) map[string][]byte {
		files := map[string][]byte{}
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			files[rel] = data
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	g, w := list(got), list(want)
	if len(w) == 0 {
		t.Fatalf("%s: no files", want)
	}
	for name, data := range w {
		if other, ok := g[name]; !ok {
			t.Errorf("%s: missing from %s", name, got)
		} else if !bytes.Equal(other, data) {
			t.Errorf("%s: %s differs from %s's", name, got, want)
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			t.Errorf("%s: in %s only", name, got)
		}
	}
}

// TestSweepShardsMerge: a sweep in three shards merges into the files one
// sweep writes, byte for byte. The four points have 2, 2, 3 and 3
// replications (replications are swept too), so shards cut across points.
func TestSweepShardsMerge(t *testing.T) {
	tmp := t.TempDir()
	sweep := []string{"sweep", "-kpi", "answered_within_60s_pct,abandoned_pct", "-vary", "replications=2,3", "-vary", "horizon=1d,2d", "textbook-erlang-a"}
	for _, k := range []string{"0/3", "1/3", "2/3"} {
		code, stdout, stderr := runCLI(t, tmp, append(slices.Clone(sweep), "-shard", k, "-out", "$TMP/parts")...)
		if code != exitOK {
			t.Fatalf("shard %s: exit %d: %s", k, code, stderr)
		}
		if k == "1/3" {
			golden.CheckString(t, "testdata/shard-sweep.stdout", stdout)
		}
	}
	code, merged, stderr := runCLI(t, tmp, "merge", "-out", "$TMP/merged", "$TMP/parts")
	if code != exitOK {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	code, single, stderr := runCLI(t, tmp, append(slices.Clone(sweep), "-out", "$TMP/single")...)
	if code != exitOK {
		t.Fatalf("sweep: exit %d: %s", code, stderr)
	}
	if strings.ReplaceAll(merged, "merged", "single") != single {
		t.Errorf("merge printed\n%s\nsweep printed\n%s", merged, single)
	}
	sameFiles(t, filepath.Join(tmp, "merged"), filepath.Join(tmp, "single"))
}

// TestCheckUpdateShardsMerge: check -update in three shards, merged, writes
// the same baseline files, byte for byte, as check -update on one
// machine: the old baseline's seed, replications and hand-set rules kept,
// and a scenario without a baseline made from scratch.
func TestCheckUpdateShardsMerge(t *testing.T) {
	tmp := t.TempDir()
	old, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "baselines", "textbook-erlang-a.json"))
	if err != nil {
		t.Fatal(err)
	}
	// A rule set by hand, which an update keeps.
	at := regexp.MustCompile(`"kind": "ttest",\s*"tolerance": [-+.e0-9]+,\s*"alpha": [-+.e0-9]+`).FindIndex(old)
	if at == nil {
		t.Fatal("the baseline has no t-test rule to edit")
	}
	edited := slices.Concat(old[:at[0]], []byte(`"kind": "absolute", "tolerance": 7654321`), old[at[1]:])
	for _, dir := range []string{"single", "sharded"} {
		if err := os.MkdirAll(filepath.Join(tmp, dir), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tmp, dir, "textbook-erlang-a.json"), edited, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	update := []string{"check", "-update", "textbook-erlang-a", "testdata/scenarios/short-outage.yaml"}
	for _, k := range []string{"0/3", "1/3", "2/3"} {
		code, stdout, stderr := runCLI(t, tmp, append(slices.Clone(update), "-baselines", "$TMP/sharded", "-shard", k, "-out", "$TMP/parts")...)
		if code != exitOK {
			t.Fatalf("shard %s: exit %d: %s", k, code, stderr)
		}
		if k == "2/3" {
			golden.CheckString(t, "testdata/shard-check.stdout", stdout)
		}
	}
	code, merged, stderr := runCLI(t, tmp, "merge", "$TMP/parts")
	if code != exitOK {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	code, single, stderr := runCLI(t, tmp, append(slices.Clone(update), "-baselines", "$TMP/single")...)
	if code != exitOK {
		t.Fatalf("check -update: exit %d: %s", code, stderr)
	}
	if strings.ReplaceAll(merged, "sharded", "single") != single {
		t.Errorf("merge printed\n%s\ncheck -update printed\n%s", merged, single)
	}
	sameFiles(t, filepath.Join(tmp, "sharded"), filepath.Join(tmp, "single"))
	got, err := os.ReadFile(filepath.Join(tmp, "sharded", "textbook-erlang-a.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(got, []byte(`"tolerance": 7654321`)) {
		t.Error("the merged baseline lost the rule set by hand")
	}
	// The merged baselines pass the check they are for.
	if code, _, stderr := runCLI(t, tmp, "check", "-baselines", "$TMP/sharded", "textbook-erlang-a", "testdata/scenarios/short-outage.yaml"); code != exitOK {
		t.Errorf("check against the merged baselines: exit %d: %s", code, stderr)
	}
}

// TestShardedCommandErrors: -shard where it makes no sense, and parts of
// sweep and check -update that do not make one whole are refused like
// run's (exit 2, nothing written).
func TestShardedCommandErrors(t *testing.T) {
	tmp := t.TempDir()
	sweep := func(seed, k, dir string) {
		t.Helper()
		if code, _, stderr := runCLI(t, tmp, "sweep", "-reps", "1", "-seed", seed, "-kpi", "abandoned_pct", "-vary", "horizon=1d,2d", "textbook-erlang-a", "-shard", k, "-out", dir); code != exitOK {
			t.Fatalf("sweep shard %s: exit %d: %s", k, code, stderr)
		}
	}
	sweep("1", "0/2", "$TMP/sw")
	sweep("1", "1/2", "$TMP/sw")
	sweep("2", "1/2", "$TMP/sw2")
	base := filepath.Join(tmp, "base")
	if err := os.MkdirAll(base, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"0/2", "1/2"} {
		if code, _, stderr := runCLI(t, tmp, "check", "-update", "-reps", "2", "-baselines", base, "-shard", k, "-out", "$TMP/ck", "textbook-erlang-a"); code != exitOK {
			t.Fatalf("check shard %s: exit %d: %s", k, code, stderr)
		}
	}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"check-shard-without-update", []string{"check", "-shard", "0/2", "textbook-erlang-a"}},
		{"check-out-without-shard", []string{"check", "-update", "-out", "$TMP/x", "-baselines", base, "textbook-erlang-a"}},
		{"sweep-bad-shard", []string{"sweep", "-vary", "horizon=1d,2d", "-shard", "2/2", "textbook-erlang-a"}},
		{"merge-sweep-missing", []string{"merge", "-out", "$TMP/out", "$TMP/sw/part-0-of-2"}},
		{"merge-sweep-duplicate", []string{"merge", "-out", "$TMP/out", "$TMP/sw", "$TMP/sw/part-0-of-2"}},
		{"merge-sweep-foreign", []string{"merge", "-out", "$TMP/out", "$TMP/sw/part-0-of-2", "$TMP/sw2/part-1-of-2"}},
		// A sweep's shard with check -update's: another job.
		{"merge-check-foreign", []string{"merge", "-out", "$TMP/out", "$TMP/ck/part-0-of-2", "$TMP/sw/part-1-of-2"}},
		{"merge-check-missing", []string{"merge", "-out", "$TMP/out", "$TMP/ck/part-1-of-2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tmp, tc.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitUsage, stderr)
			}
			golden.CheckString(t, filepath.Join("testdata", tc.name+".stdout"), stdout)
			golden.CheckString(t, filepath.Join("testdata", tc.name+".stderr"), stderr)
			for _, f := range []string{"out", "x", filepath.Join("base", "textbook-erlang-a.json")} {
				if _, err := os.Stat(filepath.Join(tmp, f)); !os.IsNotExist(err) {
					t.Errorf("%s was written: %v", f, err)
				}
			}
		})
	}
}

// TestMergeWarnsLikeRun: the MSER-5 warm-up warning rests on every
// replication, so the merge of a run's parts gives it as the run does.
func TestMergeWarnsLikeRun(t *testing.T) {
	tmp := t.TempDir()
	args := []string{"run", "textbook-erlang-a", "-reps", "2", "-set", "horizon=1d", "-set", "warmup=0h", "-format", "json"}
	for _, k := range []string{"0/2", "1/2"} {
		if code, _, stderr := runCLI(t, tmp, append(slices.Clone(args), "-shard", k, "-out", "$TMP/parts")...); code != exitOK {
			t.Fatalf("shard %s: exit %d: %s", k, code, stderr)
		}
	}
	code, _, merged := runCLI(t, tmp, "merge", "-format", "json", "-out", "$TMP/merged", "$TMP/parts")
	if code != exitOK {
		t.Fatalf("merge: exit %d: %s", code, merged)
	}
	code, _, single := runCLI(t, tmp, append(slices.Clone(args), "-out", "$TMP/single")...)
	if code != exitOK {
		t.Fatalf("run: exit %d: %s", code, single)
	}
	const warning = "warning: MSER-5 suggests a warm-up of at least"
	if !strings.Contains(single, warning) {
		t.Fatalf("the run gives no warm-up warning to compare with:\n%s", single)
	}
	if merged != single {
		t.Errorf("merge warned\n%s\nrun warned\n%s", merged, single)
	}
}
