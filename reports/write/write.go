package write

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/charts"
	"github.com/outagesim/outagesim/reports/internal/par"
)

// MarkerFile marks a folder as an outagesim report. Write replaces a folder
// only if it has this file (or is empty), so a mistyped output path can
// never delete someone's work.
const MarkerFile = ".outagesim-report"

// markerText is MarkerFile's content.
const markerText = "This folder is an outagesim report. outagesim replaces it, as a whole, when it writes a report here.\n"

// ErrNotReport is returned (wrapped) when the target folder exists and is
// not an outagesim report.
var ErrNotReport = errors.New("not an outagesim report")

// Report renders the charts with [charts.All] (when the formats need them)
// and writes the report with [Write].
func Report(dir string, a *reports.Aggregate, meta Meta, f Formats) error {
	var cs []charts.Chart
	if f.charts() && a != nil {
		// Before the charts, which would fail on it less clearly.
		if err := a.Require(f.Needs()); err != nil {
			return fmt.Errorf("write: %w", err)
		}
		var err error
		if cs, err = charts.All(a); err != nil {
			return fmt.Errorf("write: charts: %w", err)
		}
	}
	return Write(dir, a, cs, meta, f)
}

// Write writes a report of a into the folder dir, with the given charts
// (in report order) and metadata, in the selected formats:
//
//	dir/
//	  .outagesim-report  marker (always)
//	  report.html        html
//	  report.md          md
//	  charts/<ID>.png    html or md
//	  summary.json       json
//	  kpis.csv           csv
//	  timeseries.csv     csv
//	  daily_impact.csv   csv
//	  replications.csv   csv
//
// Every file is rendered in memory and checked first (a NaN or infinity
// is an error naming its KPI or series). The files then go into a
// temporary folder beside dir, which is renamed into place. If dir exists
// it must be an earlier report (it has MarkerFile) or empty; it is moved
// aside, replaced and then removed. Anything else is refused with an error
// wrapping ErrNotReport, before anything is written. On any error the
// temporary folder is removed and an existing report is left as it was.
func Write(dir string, a *reports.Aggregate, cs []charts.Chart, meta Meta, f Formats) error {
	if dir == "" {
		return errors.New("write: no output folder given")
	}
	if f.empty() {
		return errors.New("write: no report formats selected")
	}
	if err := validate(a, cs, meta, f.Needs()); err != nil {
		return err
	}
	if !f.charts() {
		cs = nil
	}
	files, err := render(a, cs, meta, f)
	if err != nil {
		return err
	}
	if err := install(filepath.Clean(dir), files); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// file is one rendered file of a report, by its slash-separated path
// inside the report folder.
type file struct {
	name string
	data []byte
}

func render(a *reports.Aggregate, cs []charts.Chart, meta Meta, f Formats) ([]file, error) {
	type task struct {
		name string
		fn   func(*bytes.Buffer) error
	}
	var tasks []task
	add := func(name string, fn func(*bytes.Buffer) error) { tasks = append(tasks, task{name, fn}) }
	if f.HTML {
		add("report.html", func(b *bytes.Buffer) error { return HTML(b, a, cs, meta) })
	}
	if f.Markdown {
		add("report.md", func(b *bytes.Buffer) error { return Markdown(b, a, cs, meta) })
	}
	if f.JSON {
		add("summary.json", func(b *bytes.Buffer) error { return SummaryJSON(b, a, meta) })
	}
	if f.CSV {
		add("kpis.csv", func(b *bytes.Buffer) error { return KPIsCSV(b, a) })
		add("timeseries.csv", func(b *bytes.Buffer) error { return TimeseriesCSV(b, a) })
		add("daily_impact.csv", func(b *bytes.Buffer) error { return DailyImpactCSV(b, a) })
		add("replications.csv", func(b *bytes.Buffer) error { return ReplicationsCSV(b, a) })
	}
	// The renderers only read the aggregate, the charts and meta, so the
	// files are rendered at once, one a core (the report's last serial
	// step after a run); each goes into its own slot, so the files and the
	// errors come out in the same order whatever the scheduling.
	files := make([]file, len(tasks))
	errs := make([]error, len(tasks))
	par.Each(len(tasks), func(i int) {
		var buf bytes.Buffer
		if err := tasks[i].fn(&buf); err != nil {
			errs[i] = fmt.Errorf("%s: %w", tasks[i].name, err)
			return
		}
		files[i] = file{tasks[i].name, buf.Bytes()}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for _, c := range cs {
		files = append(files, file{pngPath(c.ID), c.PNG})
	}
	files = append(files, file{MarkerFile, []byte(markerText)})
	return files, nil
}
