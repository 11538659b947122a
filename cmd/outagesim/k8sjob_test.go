package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"

	"github.com/outagesim/outagesim/reports/golden"
)

// TestK8sJob decodes the generated Jobs strictly (an unknown or misspelt
// field is an error) with the Kubernetes API's own types and checks what
// makes the shards work: indexes, parallelism, retries per index, and
// one volume where the shards write and the merge reads.
func TestK8sJob(t *testing.T) {
	code, stdout, stderr := runCLI(t, t.TempDir(), "k8s-job", "-image", "registry.example/outagesim:v1.4.0", "-pvc", "outagesim-runs",
		"-shards", "20", "-parallelism", "8", "-backoff-per-index", "3", "-reps", "1000", "-seed", "5", "adastra-2022")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden.CheckString(t, filepath.Join("testdata", "k8s-job.stdout"), stdout)
	docs := strings.Split(stdout, "\n---\n")
	if len(docs) != 2 {
		t.Fatalf("%d YAML documents, want 2 (shards, merge)", len(docs))
	}
	var shards, merge batchv1.Job
	for i, j := range []*batchv1.Job{&shards, &merge} {
		if err := yaml.UnmarshalStrict([]byte(docs[i]), j); err != nil {
			t.Fatalf("document %d: %v", i, err)
		}
		if j.APIVersion != "batch/v1" || j.Kind != "Job" {
			t.Errorf("document %d is %s %s, want batch/v1 Job", i, j.APIVersion, j.Kind)
		}
		if p := j.Spec.Template.Spec.RestartPolicy; p != corev1.RestartPolicyNever {
			t.Errorf("%s: restartPolicy %q: per-index backoff and pod failure policies need Never", j.Name, p)
		}
	}
	if shards.Name != "outagesim-adastra-2022-shards" || merge.Name != "outagesim-adastra-2022-merge" {
		t.Errorf("names %q and %q", shards.Name, merge.Name)
	}
	if shards.Labels["outagesim.io/step"] != "shards" || merge.Labels["outagesim.io/step"] != "merge" {
		t.Errorf("step labels %v and %v: kubectl apply -l picks the Jobs by them", shards.Labels, merge.Labels)
	}
	s := shards.Spec
	if s.CompletionMode == nil || *s.CompletionMode != batchv1.IndexedCompletion {
		t.Errorf("completionMode %v, want Indexed (pods get JOB_COMPLETION_INDEX)", s.CompletionMode)
	}
	if s.Completions == nil || *s.Completions != 20 || s.Parallelism == nil || *s.Parallelism != 8 {
		t.Errorf("completions %v, parallelism %v, want 20 and 8", s.Completions, s.Parallelism)
	}
	if s.BackoffLimitPerIndex == nil || *s.BackoffLimitPerIndex != 3 {
		t.Errorf("backoffLimitPerIndex %v, want 3", s.BackoffLimitPerIndex)
	}
	if s.PodFailurePolicy == nil || len(s.PodFailurePolicy.Rules) != 1 || s.PodFailurePolicy.Rules[0].Action != batchv1.PodFailurePolicyActionFailIndex ||
		!slices.Equal(s.PodFailurePolicy.Rules[0].OnExitCodes.Values, []int32{2}) {
		t.Errorf("podFailurePolicy %+v: want exit 2 (bad input) to fail its index without retries", s.PodFailurePolicy)
	}
	if m := merge.Spec; m.CompletionMode != nil && *m.CompletionMode == batchv1.IndexedCompletion || m.Completions == nil || *m.Completions != 1 {
		t.Errorf("the merge Job: completionMode %v, completions %v; want one pod", m.CompletionMode, m.Completions)
	}
	shardPod, mergePod := shards.Spec.Template.Spec, merge.Spec.Template.Spec
	shardArgs, mergeArgs := shardPod.Containers[0].Args, mergePod.Containers[0].Args
	want := []string{"run", "adastra-2022", "-shard", "auto", "-shards", "20", "-workers", "2", "-out", "/outagesim/parts", "-reps", "1000", "-seed", "5"}
	if !slices.Equal(shardArgs, want) {
		t.Errorf("shard args %q, want %q", shardArgs, want)
	}
	if want := []string{"merge", "-out", "/outagesim/report", "/outagesim/parts"}; !slices.Equal(mergeArgs, want) {
		t.Errorf("merge args %q, want %q", mergeArgs, want)
	}
	// The shards write where the merge reads: one claim, mounted alike.
	for _, pod := range []corev1.PodSpec{shardPod, mergePod} {
		if len(pod.Volumes) != 1 || pod.Volumes[0].PersistentVolumeClaim == nil || pod.Volumes[0].PersistentVolumeClaim.ClaimName != "outagesim-runs" {
			t.Fatalf("volumes %+v, want the claim outagesim-runs", pod.Volumes)
		}
		c := pod.Containers[0]
		if len(c.VolumeMounts) != 1 || c.VolumeMounts[0].Name != pod.Volumes[0].Name || c.VolumeMounts[0].MountPath != "/outagesim" {
			t.Errorf("mounts %+v, want the volume at /outagesim", c.VolumeMounts)
		}
		if c.Image != "registry.example/outagesim:v1.4.0" || !slices.Equal(c.Command, []string{"outagesim"}) {
			t.Errorf("image %q, command %q", c.Image, c.Command)
		}
	}
	// The shard pods' arguments are ones run accepts.
	if code, _, stderr := runCLI(t, t.TempDir(), append(slices.Clone(shardArgs[:len(shardArgs)-4]), "-h")...); code != exitOK {
		t.Errorf("run rejects the shard pods' arguments: %s", stderr)
	}
}

func TestK8sJobBadFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"k8s-job-no-image", []string{"k8s-job", "-pvc", "runs", "adastra-2022"}},
		// More shards at once than there are shards.
		{"k8s-job-parallelism", []string{"k8s-job", "-image", "x", "-pvc", "runs", "-shards", "4", "-parallelism", "5", "adastra-2022"}},
		{"k8s-job-bad-name", []string{"k8s-job", "-image", "x", "-pvc", "runs", "-name", "Big_Run", "adastra-2022"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, t.TempDir(), tc.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			golden.CheckString(t, filepath.Join("testdata", tc.name+".stdout"), stdout)
			golden.CheckString(t, filepath.Join("testdata", tc.name+".stderr"), stderr)
		})
	}
}
