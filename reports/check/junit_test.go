package check

import (
	"bytes"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// junitFixture is a check of two scenarios: one with a regression, one
// that could not run.
func junitFixture(t *testing.T) []byte {
	t.Helper()
	base := New(agg(entry("england", "answered_within_60s_pct", 43, 44, 42, 43)), hash, "test", nil)
	r := Compare(base, agg(entry("england", "answered_within_60s_pct", 33, 34, 32, 33)), hash)
	r.Started, r.Elapsed = time.Date(2026, 11, 28, 9, 30, 0, 0, time.UTC), 2500*time.Millisecond
	bad := &Report{Scenario: "b", Err: errors.New("b.yaml:1:7: name: <not safe> & more")}
	var buf bytes.Buffer
	if err := WriteJUnit(&buf, "runner-1", []*Report{r, bad}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestJUnitAgainstSchema validates the XML with xmllint against
// testdata/junit.xsd, the strict reading of the JUnit format. CI installs
// xmllint and sets OUTAGESIM_REQUIRE_XMLLINT, so there it cannot skip.
func TestJUnitAgainstSchema(t *testing.T) {
	lint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("OUTAGESIM_REQUIRE_XMLLINT") != "" {
			t.Fatal("xmllint is required (OUTAGESIM_REQUIRE_XMLLINT is set): apt-get install libxml2-utils")
		}
		t.Skip("xmllint not installed (Debian: libxml2-utils)")
	}
	path := filepath.Join(t.TempDir(), "check.xml")
	if err := os.WriteFile(path, junitFixture(t), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(lint, "--noout", "--schema", filepath.Join("testdata", "junit.xsd"), path).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
}

// TestJUnitSuiteAttributes reads the XML back as a CI reporter would: every
// suite has numeric time, errors and counts that add up, and a timestamp.
func TestJUnitSuiteAttributes(t *testing.T) {
	var doc struct {
		Suites []struct {
			Name      string `xml:"name,attr"`
			Time      string `xml:"time,attr"`
			Timestamp string `xml:"timestamp,attr"`
			Tests     string `xml:"tests,attr"`
			Failures  string `xml:"failures,attr"`
			Errors    string `xml:"errors,attr"`
			Cases     []struct {
				Failure *struct{} `xml:"failure"`
				Error   *struct{} `xml:"error"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(junitFixture(t), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Suites) != 2 {
		t.Fatalf("%d suites, want 2 (the one that could not run too)", len(doc.Suites))
	}
	want := []struct {
		time              float64
		tests, fail, errs int
	}{{2.5, 1, 1, 0}, {0, 1, 0, 1}}
	for i, s := range doc.Suites {
		sec, err := strconv.ParseFloat(s.Time, 64)
		if err != nil || sec != want[i].time {
			t.Errorf("%s: time %q, want %v", s.Name, s.Time, want[i].time)
		}
		if _, err := time.Parse("2006-01-02T15:04:05", s.Timestamp); err != nil {
			t.Errorf("%s: timestamp %q: %v", s.Name, s.Timestamp, err)
		}
		fails, errs := 0, 0
		for _, c := range s.Cases {
			if c.Failure != nil {
				fails++
			}
			if c.Error != nil {
				errs++
			}
		}
		if s.Tests != strconv.Itoa(len(s.Cases)) || s.Failures != strconv.Itoa(fails) || s.Errors != strconv.Itoa(errs) ||
			fails != want[i].fail || errs != want[i].errs || len(s.Cases) != want[i].tests {
			t.Errorf("%s: tests %s failures %s errors %s for %d cases, %d failed, %d in error; want %+v",
				s.Name, s.Tests, s.Failures, s.Errors, len(s.Cases), fails, errs, want[i])
		}
	}
}
