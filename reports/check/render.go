package check

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"
)

// WriteText renders the report as a table, failures first in input order
// then the rest, with a one-line verdict.
func (r *Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "scenario %s\n", r.Scenario)
	if r.Err != nil {
		fmt.Fprintf(tw, "ERROR: not checked: %v\n", r.Err)
		return tw.Flush()
	}
	fmt.Fprintln(tw, "nation\tkpi\tbaseline\tcurrent\tstatus\tdetail")
	failed := 0
	for pass := range 2 {
		for _, x := range r.Results {
			bad := x.failed()
			if (pass == 0) != bad {
				continue
			}
			if bad {
				failed++
			}
			fmt.Fprintf(tw, "%s\t%s\t%.4g\t%.4g\t%s\t%s\n", x.Nation, x.KPI, x.Baseline, x.Current, x.Status, x.Detail)
		}
	}
	if failed > 0 {
		fmt.Fprintf(tw, "FAIL: %d of %d KPIs moved beyond their tolerance\n", failed, len(r.Results))
	} else {
		fmt.Fprintf(tw, "ok: %d KPIs within tolerance\n", len(r.Results))
	}
	return tw.Flush()
}

// The JUnit XML follows the schema most CI systems read (Ant's
// XMLJUnitResultFormatter as Jenkins, GitLab and the GitHub reporters take
// it): every suite has name, id, package, hostname, timestamp (local time
// without a zone, to the second), tests, failures, errors, skipped and
// time (seconds), then properties, the test cases, system-out and
// system-err. testdata/junit.xsd states it and the tests check it.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	ID         int             `xml:"id,attr"`
	Package    string          `xml:"package,attr"`
	Hostname   string          `xml:"hostname,attr"`
	Timestamp  string          `xml:"timestamp,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Properties junitProperties `xml:"properties"`
	Cases      []junitCase     `xml:"testcase"`
	SystemOut  string          `xml:"system-out"`
	SystemErr  string          `xml:"system-err"`
}

type junitProperties struct {
	List []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Error     *junitFailure `xml:"error,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// seconds formats a duration as JUnit's time: decimal seconds.
func seconds(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 3, 64) }

// WriteJUnit writes the reports as JUnit XML: one test suite per
// scenario, one test case per KPI and nation. A scenario that could not be
// checked (Report.Err) is a suite with one test case in error, so CI shows
// it beside the scenarios that ran. hostname names the machine.
func WriteJUnit(w io.Writer, hostname string, reports []*Report) error {
	out := junitSuites{Name: "outagesim check"}
	var total time.Duration
	for i, r := range reports {
		class := "outagesim." + r.Scenario
		s := junitSuite{Name: "outagesim check " + r.Scenario, ID: i, Package: "outagesim", Hostname: hostname,
			Timestamp: r.Started.UTC().Format("2006-01-02T15:04:05"), Time: seconds(r.Elapsed)}
		if r.Seed != 0 {
			s.Properties.List = []junitProperty{{"seed", strconv.FormatUint(r.Seed, 10)}, {"replications", strconv.Itoa(r.Replications)}}
		}
		if r.Started.IsZero() {
			s.Timestamp = time.Unix(0, 0).UTC().Format("2006-01-02T15:04:05")
		}
		if r.Err != nil {
			s.Errors++
			s.Cases = append(s.Cases, junitCase{Name: "check", Classname: class, Time: seconds(r.Elapsed),
				Error: &junitFailure{Message: "the scenario could not be checked", Type: "error", Text: r.Err.Error()}})
			s.SystemErr = r.Err.Error()
		}
		for _, x := range r.Results {
			name := x.KPI
			if x.Nation != "" {
				name = x.Nation + "/" + x.KPI
			}
			c := junitCase{Name: name, Classname: class, Time: seconds(0)}
			if x.failed() {
				s.Failures++
				c.Failure = &junitFailure{
					Message: fmt.Sprintf("%s: %.4g → %.4g", x.Status, x.Baseline, x.Current),
					Type:    string(x.Status),
					Text:    x.Detail,
				}
			}
			s.Cases = append(s.Cases, c)
		}
		s.Tests = len(s.Cases)
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Errors += s.Errors
		total += r.Elapsed
		out.Suites = append(out.Suites, s)
	}
	out.Time = seconds(total)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
