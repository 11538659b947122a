package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"text/template"
)

const k8sJobUsage = `Usage: outagesim k8s-job [flags] SCENARIO

Prints two Kubernetes batch/v1 Jobs (YAML) that run a scenario's
replications as shards and merge them, on a cluster you already have:

  <name>-shards  an Indexed Job: -shards completions, each pod runs
                 "outagesim run -shard auto" (its index is
                 JOB_COMPLETION_INDEX) and writes its part to the volume;
                 a failed index is retried alone (-backoff-per-index) and
                 bad input (exit 2) fails its index at once
  <name>-merge   one pod that runs "outagesim merge" on the parts

Both mount the PersistentVolumeClaim -pvc (ReadWriteMany, such as Azure
Files or NFS) at -mount: parts go to <mount>/parts, the report to
<mount>/report. Kubernetes has no dependency between Jobs, so apply the
merge once the shards are complete (the two are labelled
outagesim.io/step=shards and =merge). SCENARIO is a library name or a
file the image or the volume holds.

Examples:
  outagesim k8s-job -image registry.example/outagesim:v1.4.0 -pvc outagesim-runs \
      -shards 20 -parallelism 10 -reps 1000 adastra-2022 > jobs.yaml
  kubectl apply -f jobs.yaml -l outagesim.io/step=shards
  kubectl wait --for=condition=complete --timeout=12h job/outagesim-adastra-2022-shards
  kubectl apply -f jobs.yaml -l outagesim.io/step=merge

Flags:
`

// k8sJob is what the Jobs' template needs.
type k8sJob struct {
	Name, Image, Claim, Mount    string
	Shards, Parallelism, Backoff int
	CPU, Memory, MergeMemory     string
	ShardArgs, MergeArgs         []string
	Scenario                     string
}

// dnsLabel is what a Job's name may be (RFC 1123 label, leaving room for
// the -shards suffix and the pod's index and random suffix).
var dnsLabel = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?$`)

func runK8sJob(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("k8s-job", k8sJobUsage)
	name := fs.String("name", "", "the Jobs' name prefix (default outagesim-<scenario>)")
	image := fs.String("image", "", "the container image with outagesim in it (required)")
	claim := fs.String("pvc", "", "the PersistentVolumeClaim that holds parts and report, ReadWriteMany (required)")
	mount := fs.String("mount", "/outagesim", "where the volume is mounted in the pods")
	shards := fs.Int("shards", 10, "shards: the Indexed Job's completions")
	parallelism := fs.Int("parallelism", 0, "shards run at once (0: all of them)")
	backoff := fs.Int("backoff-per-index", 2, "retries of a failed shard before its index fails")
	reps := fs.Int("reps", 0, "replications in all (0: the scenario's)")
	seed := fs.Uint64("seed", 0, "random seed (0: the scenario's)")
	cpu := fs.Int("cpu", 2, "CPU cores per shard pod (also its -workers)")
	memory := fs.String("memory", "2Gi", "memory per shard pod")
	mergeMemory := fs.String("merge-memory", "4Gi", "memory of the merge pod")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "outagesim k8s-job: "+format+"\nRun 'outagesim k8s-job -h' for usage.\n", a...)
		return exitUsage
	}
	if fs.NArg() != 1 {
		return fail("want one scenario, got %d", fs.NArg())
	}
	scenario := fs.Arg(0)
	if *name == "" {
		*name = "outagesim-" + strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(strings.TrimSuffix(path.Base(scenario), ".yaml")), "-"), "-")
	}
	switch {
	case !dnsLabel.MatchString(*name):
		return fail("-name %q: want lower-case letters, digits and '-', at most 42 characters, starting and ending alphanumeric", *name)
	case *image == "":
		return fail("-image: give the container image that holds outagesim")
	case *claim == "" || !dnsLabel.MatchString(*claim) && !regexp.MustCompile(`^[a-z0-9]([-.a-z0-9]{0,251}[a-z0-9])?$`).MatchString(*claim):
		return fail("-pvc %q: give the name of a PersistentVolumeClaim", *claim)
	case !path.IsAbs(*mount) || path.Clean(*mount) == "/":
		return fail("-mount %q: want an absolute path other than /", *mount)
	case *shards < 1 || *shards > 100000:
		return fail("-shards %d: want 1 to 100000 (the most completions an Indexed Job has)", *shards)
	case *parallelism < 0 || *parallelism > *shards:
		return fail("-parallelism %d: want 0 to -shards (%d)", *parallelism, *shards)
	case *backoff < 0:
		return fail("-backoff-per-index %d: want 0 or more", *backoff)
	case *reps < 0 || *cpu < 1:
		return fail("-reps must be ≥ 0 and -cpu ≥ 1")
	}
	if *parallelism == 0 {
		*parallelism = *shards
	}
	parts, report := path.Join(*mount, "parts"), path.Join(*mount, "report")
	shardArgs := []string{"run", scenario, "-shard", "auto", "-shards", strconv.Itoa(*shards), "-workers", strconv.Itoa(*cpu), "-out", parts}
	if *reps > 0 {
		shardArgs = append(shardArgs, "-reps", strconv.Itoa(*reps))
	}
	if *seed > 0 {
		shardArgs = append(shardArgs, "-seed", strconv.FormatUint(*seed, 10))
	}
	job := k8sJob{Name: *name, Image: *image, Claim: *claim, Mount: path.Clean(*mount), Shards: *shards, Parallelism: *parallelism,
		Backoff: *backoff, CPU: strconv.Itoa(*cpu), Memory: *memory, MergeMemory: *mergeMemory, Scenario: scenario,
		ShardArgs: shardArgs, MergeArgs: []string{"merge", "-out", report, parts}}
	if err := k8sJobTemplate.Execute(stdout, job); err != nil {
		return internal("k8s-job", err, stderr)
	}
	return exitOK
}

// k8sJobTemplate writes the two Jobs. Strings go through q, and argument
// lists through list, which write them as JSON (valid YAML), so no value
// can break the document.
var k8sJobTemplate = template.Must(template.New("jobs").Funcs(template.FuncMap{
	"q":    flowJSON,
	"list": flowJSON,
}).Parse(`# outagesim: {{.Shards}} shards of {{.Scenario}} and their merge (outagesim k8s-job).
# Apply the shards, wait for them, then apply the merge:
#   kubectl apply -f FILE -l outagesim.io/step=shards
#   kubectl wait --for=condition=complete --timeout=12h job/{{.Name}}-shards
#   kubectl apply -f FILE -l outagesim.io/step=merge
apiVersion: batch/v1
kind: Job
metadata:
  name: {{q (print .Name "-shards")}}
  labels:
    app.kubernetes.io/name: outagesim
    outagesim.io/run: {{q .Name}}
    outagesim.io/step: shards
spec:
  completionMode: Indexed
  completions: {{.Shards}}
  parallelism: {{.Parallelism}}
  # A failed shard is retried on its own; the others carry on.
  backoffLimitPerIndex: {{.Backoff}}
  podFailurePolicy:
    rules:
    # Exit 2 is bad input: retrying cannot help.
    - action: FailIndex
      onExitCodes:
        containerName: outagesim
        operator: In
        values: [2]
  template:
    metadata:
      labels:
        app.kubernetes.io/name: outagesim
        outagesim.io/run: {{q .Name}}
        outagesim.io/step: shards
    spec:
      restartPolicy: Never
      containers:
      - name: outagesim
        image: {{q .Image}}
        # -shard auto reads the index from JOB_COMPLETION_INDEX.
        command: ["outagesim"]
        args: {{list .ShardArgs}}
        resources:
          requests: {cpu: {{q .CPU}}, memory: {{q .Memory}}}
          limits: {cpu: {{q .CPU}}, memory: {{q .Memory}}}
        volumeMounts:
        - name: runs
          mountPath: {{q .Mount}}
      volumes:
      - name: runs
        persistentVolumeClaim:
          claimName: {{q .Claim}}
---
apiVersion: batch/v1
kind: Job
metadata:
  name: {{q (print .Name "-merge")}}
  labels:
    app.kubernetes.io/name: outagesim
    outagesim.io/run: {{q .Name}}
    outagesim.io/step: merge
spec:
  completions: 1
  parallelism: 1
  backoffLimit: 2
  podFailurePolicy:
    rules:
    # Exit 2: parts missing, duplicate, foreign or corrupt.
    - action: FailJob
      onExitCodes:
        containerName: outagesim
        operator: In
        values: [2]
  template:
    metadata:
      labels:
        app.kubernetes.io/name: outagesim
        outagesim.io/run: {{q .Name}}
        outagesim.io/step: merge
    spec:
      restartPolicy: Never
      containers:
      - name: outagesim
        image: {{q .Image}}
        command: ["outagesim"]
        args: {{list .MergeArgs}}
        resources:
          requests: {cpu: "1", memory: {{q .MergeMemory}}}
          limits: {memory: {{q .MergeMemory}}}
        volumeMounts:
        - name: runs
          mountPath: {{q .Mount}}
      volumes:
      - name: runs
        persistentVolumeClaim:
          claimName: {{q .Claim}}
`))

// flowJSON writes a string or a list of strings as JSON, which YAML reads
// as a quoted scalar or a flow sequence.
func flowJSON(v any) string {
	b, _ := json.Marshal(v) // strings and string slices always marshal
	return string(b)
}
