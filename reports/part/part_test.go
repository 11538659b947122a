package part_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/outagesim/outagesim/reports/part"
)

// Items run one run after another; a shard's range splits over them.
func TestRanges(t *testing.T) {
	job := part.Job{Runs: []part.Run{{Replications: 3}, {Replications: 2}, {Replications: 4}}}
	for _, tc := range []struct {
		first, count int
		want         []part.Range
	}{
		{0, 9, []part.Range{{0, 0, 3}, {1, 0, 2}, {2, 0, 4}}},
		// Across the first run's end.
		{2, 2, []part.Range{{0, 2, 1}, {1, 0, 1}}},
		{5, 4, []part.Range{{2, 0, 4}}},
		{4, 0, nil},
	} {
		if got := job.Ranges(tc.first, tc.count); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Ranges(%d, %d) = %v, want %v", tc.first, tc.count, got, tc.want)
		}
	}
}

// A manifest round-trips, and one that disagrees with itself is corrupt.
func TestManifest(t *testing.T) {
	job := part.Job{ToolVersion: "dev", Command: "run", Shards: 3, Runs: []part.Run{{Scenario: "x", Seed: 1, Replications: 10}}}
	m := part.NewManifest(job, 2, []byte("results"))
	if m.First != 6 || m.Count != 4 || m.Total != 10 {
		t.Errorf("shard 2 of 3 of 10 holds %d+%d of %d, want 6+4 of 10", m.First, m.Count, m.Total)
	}
	data, err := m.Encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := part.DecodeManifest(data)
	if err != nil || !reflect.DeepEqual(back, m) {
		t.Fatalf("round trip: %v\n%+v\n%+v", err, back, m)
	}
	if err := back.CheckResults([]byte("results")); err != nil {
		t.Error(err)
	}
	if err := back.CheckResults([]byte("Results")); !errors.Is(err, part.ErrCorrupt) {
		t.Errorf("changed results: %v, want ErrCorrupt", err)
	}
	m.First = 5
	data, _ = m.Encode()
	if _, err := part.DecodeManifest(data); !errors.Is(err, part.ErrCorrupt) {
		t.Errorf("a wrong range: %v, want ErrCorrupt", err)
	}
	if _, err := part.DecodeManifest([]byte(`{"format": 1, "extra": true}`)); !errors.Is(err, part.ErrCorrupt) {
		t.Errorf("an unknown field: %v, want ErrCorrupt", err)
	}
}
