package part

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/outagesim/outagesim/reports/write"
	"github.com/outagesim/outagesim/sim/model"
	"github.com/outagesim/outagesim/sim/replicate"
)

// FormatVersion is the version of the part format. Parts of another
// version are refused rather than misread.
const FormatVersion = 1

// File names inside a part's folder.
const (
	ManifestFile = "manifest.json"
	ResultsFile  = "results.gob.gz"
)

// Errors a set of parts can have, wrapped with the part's name.
var (
	// ErrCorrupt: a part that cannot be read, or whose results do not
	// match its manifest.
	ErrCorrupt = errors.New("corrupt part")
	// ErrForeign: a part of another run (scenario, seed, replications,
	// tool version or number of shards differ).
	ErrForeign = errors.New("part of another run")
	// ErrDuplicate: two parts of the same shard.
	ErrDuplicate = errors.New("duplicate part")
	// ErrMissing: shards without a part.
	ErrMissing = errors.New("missing parts")
)

// Run is one scenario run of a job: run has one, compare one per
// scenario, sweep one per grid point, check -update one per baseline.
type Run struct {
	// Label names the run in a comparison or sweep; Values are a sweep
	// point's parameter values.
	Label  string   `json:"label,omitempty"`
	Values []string `json:"values,omitempty"`
	// Scenario is the scenario's name, Hash the SHA-256 of Source, the
	// scenario as run (overrides applied) in YAML, from which a merge
	// rebuilds the model configuration.
	Scenario string `json:"scenario"`
	Hash     string `json:"scenario_hash"`
	Source   string `json:"scenario_source"`
	// Seed and Replications are the whole run's, not the shard's.
	Seed         uint64 `json:"seed"`
	Replications int    `json:"replications"`
	// Meta is the report's metadata, with the command line that makes the
	// same report on one machine.
	Meta write.Meta `json:"meta"`
}

// Job is what every part of one sharded run shares: the command, its
// runs and settings, the tool version and the number of shards.
type Job struct {
	Format      int    `json:"format"`
	ToolVersion string `json:"tool_version"`
	// Command is the command that was sharded, and so the kind of the
	// outputs a merge writes: run, compare, sweep or check (-update).
	Command string `json:"command"`
	// Settings are the command's own settings that a merge needs (for
	// example compare's KPIs and nation), as the command encodes them.
	Settings json.RawMessage `json:"settings,omitempty"`
	Runs     []Run           `json:"runs"`
	Shards   int             `json:"shards"`
}

// Items is the number of replications of every run together, the work
// the shards divide.
func (j *Job) Items() int {
	n := 0
	for _, r := range j.Runs {
		n += r.Replications
	}
	return n
}

// ID is the job's identity: the SHA-256 of its canonical JSON. Parts
// with different IDs do not belong together.
func (j *Job) ID() string {
	b, err := json.Marshal(j)
	if err != nil {
		panic(fmt.Sprintf("part: a job does not encode: %v", err)) // plain data: cannot happen
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Manifest describes one part: its job, which shard it is, the items it
// holds and the checksum of its results.
type Manifest struct {
	Job
	JobID string `json:"job_id"`
	Shard int    `json:"shard"`
	// First and Count are the part's items in the job's order: the runs'
	// replications one run after another.
	First int `json:"first"`
	Count int `json:"count"`
	// Total is Job.Items(), written out for readers.
	Total int `json:"total"`
	// ResultsSHA256 and ResultsBytes check ResultsFile.
	ResultsSHA256 string `json:"results_sha256"`
	ResultsBytes  int64  `json:"results_bytes"`
}

// NewManifest is the manifest of shard k of job, with its item range
// and the checksum of its results file.
func NewManifest(job Job, k int, results []byte) *Manifest {
	job.Format = FormatVersion
	first, count := replicate.Shard(k, job.Shards, job.Items())
	sum := sha256.Sum256(results)
	return &Manifest{Job: job, JobID: job.ID(), Shard: k, First: first, Count: count, Total: job.Items(),
		ResultsSHA256: hex.EncodeToString(sum[:]), ResultsBytes: int64(len(results))}
}

// Encode renders the manifest as indented JSON with a final newline.
func (m *Manifest) Encode() ([]byte, error) {
	b, err := json.MarshalIndent(m, "", "  ")
	return append(b, '\n'), err
}

// DecodeManifest reads a manifest strictly (unknown fields are errors)
// and checks that it is consistent in itself.
func DecodeManifest(data []byte) (*Manifest, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m Manifest
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrCorrupt, ManifestFile, err)
	}
	if m.Format != FormatVersion {
		return nil, fmt.Errorf("%w: format %d: this outagesim reads format %d", ErrCorrupt, m.Format, FormatVersion)
	}
	if m.JobID != m.Job.ID() {
		return nil, fmt.Errorf("%w: %s: job_id does not match the job it describes", ErrCorrupt, ManifestFile)
	}
	if m.Shards < 1 || m.Shard < 0 || m.Shard >= m.Shards {
		return nil, fmt.Errorf("%w: shard %d of %d", ErrCorrupt, m.Shard, m.Shards)
	}
	for i, r := range m.Runs {
		if r.Replications < 1 {
			return nil, fmt.Errorf("%w: run %d: replications %d", ErrCorrupt, i, r.Replications)
		}
	}
	first, count := replicate.Shard(m.Shard, m.Shards, m.Items())
	if m.First != first || m.Count != count || m.Total != m.Items() {
		return nil, fmt.Errorf("%w: shard %d of %d holds items %d+%d of %d, want %d+%d of %d",
			ErrCorrupt, m.Shard, m.Shards, m.First, m.Count, m.Total, first, count, m.Items())
	}
	return &m, nil
}

// CheckResults checks a results file against the manifest's checksum.
func (m *Manifest) CheckResults(data []byte) error {
	sum := sha256.Sum256(data)
	if int64(len(data)) != m.ResultsBytes {
		return fmt.Errorf("%w: %s: %d bytes, the manifest says %d", ErrCorrupt, ResultsFile, len(data), m.ResultsBytes)
	}
	if hex.EncodeToString(sum[:]) != m.ResultsSHA256 {
		return fmt.Errorf("%w: %s: its SHA-256 is not the manifest's (results_sha256)", ErrCorrupt, ResultsFile)
	}
	return nil
}

// Ranges splits the item range first+count over the runs: for each run
// that has items in it, the run's index and its replications First and
// Count. Items are the runs' replications one run after another.
func (j *Job) Ranges(first, count int) []Range {
	var out []Range
	start := 0
	for i, r := range j.Runs {
		lo, hi := max(first, start), min(first+count, start+r.Replications)
		if lo < hi {
			out = append(out, Range{Run: i, First: lo - start, Count: hi - lo})
		}
		start += r.Replications
	}
	return out
}

// Range is a run's replications First … First+Count−1.
type Range struct {
	Run, First, Count int
}

// Named is a manifest with the name (path) a user gave its part.
type Named struct {
	Name string
	*Manifest
}

// Check checks that parts make one whole job: the same job, every shard
// exactly once. It returns them in shard order; errors wrap ErrForeign,
// ErrDuplicate or ErrMissing and name the parts.
func Check(parts []Named) ([]Named, error) {
	if len(parts) == 0 {
		return nil, fmt.Errorf("%w: no parts given", ErrMissing)
	}
	ref := parts[0]
	byShard := make([]*Named, ref.Shards)
	var errs []error
	for i := range parts {
		p := &parts[i]
		if p.JobID != ref.JobID {
			errs = append(errs, fmt.Errorf("%s: %w: %s, not %s like %s", p.Name, ErrForeign, p.describe(), ref.describe(), ref.Name))
			continue
		}
		if q := byShard[p.Shard]; q != nil {
			errs = append(errs, fmt.Errorf("%s: %w: shard %d of %d again, already in %s", p.Name, ErrDuplicate, p.Shard, p.Shards, q.Name))
			continue
		}
		byShard[p.Shard] = p
	}
	var missing []string
	for k, p := range byShard {
		if p == nil {
			missing = append(missing, fmt.Sprint(k))
		}
	}
	if len(missing) > 0 {
		errs = append(errs, fmt.Errorf("%w: shard%s %s of %d (0 to %d) not given", ErrMissing, plural(len(missing)),
			strings.Join(missing, ", "), ref.Shards, ref.Shards-1))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := make([]Named, len(byShard))
	for k, p := range byShard {
		out[k] = *p
	}
	return out, nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// describe says which job a part belongs to, for errors.
func (m *Manifest) describe() string {
	var names []string
	for _, r := range m.Runs {
		names = append(names, r.Scenario)
	}
	seed, reps := uint64(0), 0
	if len(m.Runs) > 0 {
		seed, reps = m.Runs[0].Seed, m.Runs[0].Replications
	}
	names = slices.Compact(names)
	return fmt.Sprintf("%s of %s (seed %d, %d replications, %d shards, outagesim %s)",
		m.Command, strings.Join(names, ", "), seed, reps, m.Shards, m.ToolVersion)
}

// record is one replication in a results file.
type record struct {
	Run, Replication       int
	Outage, Counterfactual *model.Result
}

// Writer encodes a part's results: gob records, gzip-compressed.
type Writer struct {
	gz  *gzip.Writer
	enc *gob.Encoder
}

// NewWriter starts a results file on w.
func NewWriter(w io.Writer) *Writer {
	gz, _ := gzip.NewWriterLevel(w, gzip.BestSpeed) // a valid level: no error
	return &Writer{gz: gz, enc: gob.NewEncoder(gz)}
}

// Add appends one replication of run.
func (w *Writer) Add(run int, p replicate.Pair) error {
	return w.enc.Encode(record{Run: run, Replication: p.Replication, Outage: p.Outage, Counterfactual: p.Counterfactual})
}

// Close flushes the results.
func (w *Writer) Close() error { return w.gz.Close() }

// Replay decodes a part's results (already checked with CheckResults)
// and calls use with each replication in order, checking that they are
// exactly the manifest's items.
func (m *Manifest) Replay(data []byte, use func(run int, p replicate.Pair) error) error {
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrCorrupt, ResultsFile, err)
	}
	dec := gob.NewDecoder(bufio.NewReader(gz))
	for _, rg := range m.Ranges(m.First, m.Count) {
		for i := rg.First; i < rg.First+rg.Count; i++ {
			var rec record // fresh each time: gob leaves absent fields as they were
			if err := dec.Decode(&rec); err != nil {
				return fmt.Errorf("%w: %s: run %d replication %d: %w", ErrCorrupt, ResultsFile, rg.Run, i, err)
			}
			if rec.Run != rg.Run || rec.Replication != i || rec.Outage == nil {
				return fmt.Errorf("%w: %s: holds run %d replication %d where run %d replication %d belongs",
					ErrCorrupt, ResultsFile, rec.Run, rec.Replication, rg.Run, i)
			}
			if err := use(rec.Run, replicate.Pair{Replication: i, Outage: rec.Outage, Counterfactual: rec.Counterfactual}); err != nil {
				return err
			}
		}
	}
	var extra record
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: %s: more than the manifest's %d replications", ErrCorrupt, ResultsFile, m.Count)
	}
	return nil
}
