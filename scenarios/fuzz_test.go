package scenarios

import (
	"errors"
	"io/fs"
	"testing"
)

// FuzzParse checks that no input makes Parse panic, and that every
// failure is an Errors with at least one problem in it.
func FuzzParse(f *testing.F) {
	files, _ := fs.Glob(library, "*.yaml")
	for _, name := range files {
		data, _ := fs.ReadFile(library, name)
		f.Add(data)
	}
	for _, c := range badCases {
		f.Add([]byte(c.files["main.yaml"]))
	}
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Add([]byte("nations: {england: {services: {x: {share: 1, handle: 5m, advisers: {fixed: 1}}}, demand: {flat: true, calls_per_day: 10}, dispositions: {self_care: 1}}}\nstart: 2022-01-01\nhorizon: 1d\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.yaml", data)
		if err != nil {
			var errs Errors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("error %v is not a non-empty Errors", err)
			}
			return
		}
		if _, err := s.Config(); err != nil {
			t.Fatalf("Parse accepted a scenario that Config rejects: %v", err)
		}
		out, err := s.Marshal()
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		if _, err := Parse("fuzz-saved.yaml", out); err != nil {
			t.Fatalf("a saved scenario does not load: %v\n%s", err, out)
		}
	})
}
