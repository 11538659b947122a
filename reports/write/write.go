package write

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/outagesim/outagesim/reports"
	"github.com/outagesim/outagesim/reports/charts"
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
	if err := validate(a, cs, meta); err != nil {
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
	var files []file
	add := func(name string, fn func(*bytes.Buffer) error) error {
		var buf bytes.Buffer
		if err := fn(&buf); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		files = append(files, file{name, buf.Bytes()})
		return nil
	}
	var errs []error
	if f.HTML {
		errs = append(errs, add("report.html", func(b *bytes.Buffer) error { return HTML(b, a, cs, meta) }))
	}
	if f.Markdown {
		errs = append(errs, add("report.md", func(b *bytes.Buffer) error { return Markdown(b, a, cs, meta) }))
	}
	if f.JSON {
		errs = append(errs, add("summary.json", func(b *bytes.Buffer) error { return SummaryJSON(b, a, meta) }))
	}
	if f.CSV {
		errs = append(errs, add("kpis.csv", func(b *bytes.Buffer) error { return KPIsCSV(b, a) }))
		errs = append(errs, add("timeseries.csv", func(b *bytes.Buffer) error { return TimeseriesCSV(b, a) }))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for _, c := range cs {
		files = append(files, file{pngPath(c.ID), c.PNG})
	}
	files = append(files, file{MarkerFile, []byte(markerText)})
	return files, nil
}

// Test hooks: afterFile runs after each file is written into the
// temporary folder; rename is os.Rename.
var (
	afterFile func(name string) error
	rename    = os.Rename
)

// install writes files into a new folder beside dir and renames it into
// place, replacing dir if it is an earlier report.
func install(dir string, files []file) (err error) {
	if _, err := checkTarget(dir); err != nil {
		return err
	}
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".outagesim-new-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := writeFile(filepath.Join(tmp, filepath.FromSlash(f.name)), f.data); err != nil {
			return err
		}
		if afterFile != nil {
			if err := afterFile(f.name); err != nil {
				return err
			}
		}
	}
	if err := syncDir(tmp); err != nil {
		return err
	}

	// Check again: the folder may have changed while we rendered.
	exists, err := checkTarget(dir)
	if err != nil {
		return err
	}
	if !exists {
		if err := rename(tmp, dir); err != nil {
			return err
		}
		return syncDir(parent)
	}
	old, err := os.MkdirTemp(parent, "."+base+".outagesim-old-")
	if err != nil {
		return err
	}
	if err := os.Remove(old); err != nil {
		return err
	}
	if err := rename(dir, old); err != nil {
		return fmt.Errorf("moving the old report aside: %w", err)
	}
	if err := rename(tmp, dir); err != nil {
		if rerr := rename(old, dir); rerr != nil {
			return fmt.Errorf("%w; restoring the old report from %s also failed: %v", err, old, rerr)
		}
		return err
	}
	if err := os.RemoveAll(old); err != nil {
		// The new report is complete and in place.
		return fmt.Errorf("the report is written, but the old one could not be removed from %s: %w", old, err)
	}
	return syncDir(parent)
}

// checkTarget reports whether dir exists as a folder Write may replace: an
// earlier report, or an empty folder. Anything else is an error.
func checkTarget(dir string) (exists bool, err error) {
	info, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, err
	case info.Mode()&fs.ModeSymlink != 0:
		return false, fmt.Errorf("refusing to write the report to %s: it is a symbolic link, %w", dir, ErrNotReport)
	case !info.IsDir():
		return false, fmt.Errorf("refusing to write the report to %s: it exists and is not a folder, so %w", dir, ErrNotReport)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	if len(entries) == 0 {
		return true, nil
	}
	for _, e := range entries {
		if e.Name() == MarkerFile && e.Type().IsRegular() {
			return true, nil
		}
	}
	return false, fmt.Errorf("refusing to replace %s: the folder exists and is %w (it has no %s file); "+
		"choose a new folder, or remove this one yourself", dir, ErrNotReport, MarkerFile)
}

func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir flushes a folder's entries, so that a rename survives a crash.
// It is best effort: some systems cannot sync a folder.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	d.Sync()
	return d.Close()
}
