package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// chromiumPackage is the Debian package that provides headless Chromium.
const chromiumPackage = "chromium"

// errNoChromium says that -format pdf cannot be served on this machine.
var errNoChromium = errors.New("-format pdf prints report.html with headless Chromium, which is not installed: " +
	"install Debian's " + chromiumPackage + " package (sudo apt-get install " + chromiumPackage + "), " +
	"or set OUTAGESIM_CHROMIUM to a Chromium or Chrome binary")

// findChromium returns the browser that prints PDFs: $OUTAGESIM_CHROMIUM,
// else chromium or chromium-browser on PATH.
func findChromium() (string, error) {
	if p := os.Getenv("OUTAGESIM_CHROMIUM"); p != "" {
		if abs, err := exec.LookPath(p); err == nil {
			return abs, nil
		}
		return "", fmt.Errorf("OUTAGESIM_CHROMIUM=%q: not an executable file", p)
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errNoChromium
}

// splitPDF takes "pdf" out of a -format list: report.pdf is printed from
// report.html after the other files are written, so it needs report.html.
func splitPDF(list string) (rest string, pdf bool) {
	var keep []string
	for part := range strings.SplitSeq(list, ",") {
		if strings.EqualFold(strings.TrimSpace(part), "pdf") {
			pdf = true
			continue
		}
		keep = append(keep, part)
	}
	if pdf {
		keep = append(keep, "html")
	}
	return strings.Join(keep, ","), pdf
}

// printPDF prints dir/report.html to dir/report.pdf with headless Chromium,
// offline (every host name fails to resolve; the report needs none) and
// with a throw-away profile. The PDF appears whole or not at all.
func printPDF(bin, dir string) error {
	html, err := filepath.Abs(filepath.Join(dir, "report.html"))
	if err != nil {
		return err
	}
	profile, err := os.MkdirTemp("", "outagesim-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	tmp := filepath.Join(profile, "report.pdf")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
		"--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir="+filepath.Join(profile, "profile"),
		"--no-pdf-header-footer", "--print-to-pdf="+tmp, "file://"+filepath.ToSlash(html))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("chromium could not print %s: %w\n%s", html, err, lastLines(out.String(), 5))
	}
	data, err := os.ReadFile(tmp)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
		return fmt.Errorf("chromium wrote no PDF for %s (%v)\n%s", html, err, lastLines(out.String(), 5))
	}
	final := filepath.Join(dir, "report.pdf")
	part := final + ".part"
	if err := os.WriteFile(part, data, 0o644); err != nil {
		return err
	}
	return os.Rename(part, final)
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
