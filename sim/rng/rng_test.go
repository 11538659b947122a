package rng

import (
	"fmt"
	"testing"
)

func TestPinnedDraws(t *testing.T) {
	tests := []struct {
		seed, rep uint64
		purpose   string
		want      [3]uint64
	}{
		{1, 0, "pin", [3]uint64{0x4446dceda2229a6f, 0x34a6a39c697f9f88, 0xf42a0ffe424f0d97}},
		{1, 1, "pin", [3]uint64{0x0a6239f2a0984c6c, 0x99e7accb79690ddd, 0x57fb44830cf94c88}},
		{42, 0, "arrivals/england", [3]uint64{0x5f236fbbd6ecaa82, 0xc4998631050bafbe, 0xccac1d99e680d2b8}},
		{0, 0, "", [3]uint64{0xeb82dd24db8c2437, 0xd33047c185b5de36, 0x5e1fbb663d0faed4}}, // the all-zero triple still gives a well-mixed stream
	}
	for _, tt := range tests {
		r := New(tt.seed, tt.rep, tt.purpose)
		var got [3]uint64
		for i := range got {
			got[i] = r.Uint64()
		}
		if got != tt.want {
			t.Errorf("New(%d, %d, %q) first draws = %#x, want %#x", tt.seed, tt.rep, tt.purpose, got, tt.want)
		}
	}
}

func TestStreamsDiffer(t *testing.T) {
	type triple struct {
		seed, rep uint64
		purpose   string
	}
	triples := []triple{
		{1, 0, "a"}, {1, 0, "b"}, {1, 0, "ab"}, {1, 0, "ba"}, {1, 0, ""},
		{1, 1, "a"}, {1, 2, "a"}, {2, 0, "a"}, {0, 1, "a"},
		// seed and replication must not be interchangeable
		{3, 5, "x"}, {5, 3, "x"},
	}
	seen := map[[2]uint64]triple{}
	for _, tr := range triples {
		r := New(tr.seed, tr.rep, tr.purpose)
		key := [2]uint64{r.Uint64(), r.Uint64()}
		if prev, ok := seen[key]; ok {
			t.Errorf("%+v and %+v give the same stream", prev, tr)
		}
		seen[key] = tr
	}
}

func TestSourceStreamMatchesNew(t *testing.T) {
	src := Source{Seed: 7, Replication: 3}
	a, b := src.Stream("patience"), New(7, 3, "patience")
	for i := 0; i < 10; i++ {
		if x, y := a.Uint64(), b.Uint64(); x != y {
			t.Fatalf("draw %d: Source.Stream gives %#x, New gives %#x", i, x, y)
		}
	}
}

func TestFNV1a(t *testing.T) {
	// Published FNV-1a 64 test vectors.
	for s, want := range map[string]uint64{"": 0xcbf29ce484222325, "a": 0xaf63dc4c8601ec8c, "foobar": 0x85944171f73967e8} {
		if got := fnv1a(s); got != want {
			t.Errorf("fnv1a(%q) = %#x, want %#x", s, got, want)
		}
	}
}

func ExampleSource_Stream() {
	src := Source{Seed: 2024, Replication: 0}
	arrivals := src.Stream("arrivals/england")
	again := New(2024, 0, "arrivals/england")
	fmt.Println(arrivals.Uint64() == again.Uint64())
	// Output: true
}
