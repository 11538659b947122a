package check

import (
	"encoding/xml"
	"fmt"
	"io"
	"text/tabwriter"
)

// WriteText renders the report as a table, failures first in input order
// then the rest, with a one-line verdict.
func (r *Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "scenario %s\n", r.Scenario)
	fmt.Fprintln(tw, "nation\tkpi\tbaseline\tcurrent\tstatus\tdetail")
	failed := 0
	for pass := range 2 {
		for _, x := range r.Results {
			bad := x.Status != OK && x.Status != Added
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

type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes the reports as JUnit XML: one test suite per
// scenario, one test case per KPI and nation.
func WriteJUnit(w io.Writer, reports []*Report) error {
	var out junitSuites
	for _, r := range reports {
		s := junitSuite{Name: "outagesim check " + r.Scenario}
		for _, x := range r.Results {
			c := junitCase{Name: x.Nation + "/" + x.KPI, Classname: "outagesim." + r.Scenario}
			if x.Status != OK && x.Status != Added {
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
		out.Suites = append(out.Suites, s)
	}
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
