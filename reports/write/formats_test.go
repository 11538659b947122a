package write

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseFormats(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    Formats
		wantErr string
	}{
		{"html,md,json,csv", AllFormats, ""},
		{"all", AllFormats, ""},
		{" JSON , csv ", Formats{JSON: true, CSV: true}, ""}, // spaces and case do not matter
		{"markdown", Formats{Markdown: true}, ""},
		{"html,html", Formats{HTML: true}, ""},
		{"pdf", Formats{}, `unknown report format "pdf" (want html, md, json or csv, or all)`},
		{"html,,md", Formats{}, "empty name"},
		{"", Formats{}, "no report formats given"},
	} {
		got, err := ParseFormats(tc.in)
		switch {
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("ParseFormats(%q): error %v, want %q", tc.in, err, tc.wantErr)
		case tc.wantErr == "" && (err != nil || got != tc.want):
			t.Errorf("ParseFormats(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}

func TestFormatsRoundTrip(t *testing.T) {
	for i := range 16 {
		f := Formats{HTML: i&1 != 0, Markdown: i&2 != 0, JSON: i&4 != 0, CSV: i&8 != 0}
		if f.empty() {
			continue
		}
		if got, err := ParseFormats(f.String()); err != nil || got != f {
			t.Errorf("%+v → %q → %+v, %v", f, f.String(), got, err)
		}
	}
}

func ExampleParseFormats() {
	f, err := ParseFormats("html,json")
	fmt.Println(f, err)
	_, err = ParseFormats("html,pdf")
	fmt.Println(err)
	// Output:
	// html,json <nil>
	// unknown report format "pdf" (want html, md, json or csv, or all)
}
