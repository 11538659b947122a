package main

import (
	"net"
	"path/filepath"
	"testing"

	"github.com/outagesim/outagesim/reports/golden"
)

// refusedURL is a loopback URL nothing listens on: a port that was free a
// moment ago.
func refusedURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr + "/referrals"
}

// TestLoadUsageAndBadInputs: the usage, and the mistakes a user makes,
// each stopped with one clear line and exit 2 before any request.
func TestLoadUsageAndBadInputs(t *testing.T) {
	refused := refusedURL(t)
	const ok = "http://127.0.0.1:9/x" // never dialled: each case fails earlier
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"load-help", []string{"load", "-h"}, exitOK},
		{"k6-help", []string{"k6", "-h"}, exitOK},
		{"k6-speedup-zero", []string{"k6", "-speedup", "0"}, exitUsage},
		// No default host.
		{"load-no-target", []string{"load", "-service", "eng-north"}, exitUsage},
		{"load-bad-url", []string{"load", "-target", "127.0.0.1:8080/x"}, exitUsage},
		// The probe before the first request; the port varies, so the
		// golden file has $TMP.
		{"load-refused", []string{"load", "-target", refused, "-service", "eng-north", "-stream", "referrals", "-scale", "0.01"}, exitUsage},
		{"load-window-outside", []string{"load", "-target", ok, "-from", "2023-01-01", "-to", "2023-01-02"}, exitUsage},
		{"load-window-backwards", []string{"load", "-target", ok, "-from", "2022-08-05", "-to", "2022-08-04"}, exitUsage},
		{"load-speedup-zero", []string{"load", "-target", ok, "-speedup", "0"}, exitUsage},
		{"load-bad-threshold", []string{"load", "-target", ok, "-threshold", "p95 fast"}, exitUsage},
		{"load-bad-threshold-unit", []string{"load", "-target", ok, "-threshold", "p95<500"}, exitUsage},
		// Over the rate ceiling: every English caller at 8640×.
		{"load-over-ceiling", []string{"load", "-target", ok, "-nation", "england", "-scale", "1", "-speedup", "8640"}, exitUsage},
		// A small scenario keeps the list of allowed services short.
		{"load-unknown-service", []string{"load", "-target", ok, "-service", "nope", "textbook-erlang-a"}, exitUsage},
		{"load-two-scenarios", []string{"load", "-target", ok, "a", "b"}, exitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// runCLI writes the refused URL as $TMP, so the golden file
			// does not depend on the port.
			code, stdout, stderr := runCLI(t, refused, tc.args...)
			if code != tc.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			golden.CheckString(t, filepath.Join("testdata", tc.name+".stdout"), stdout)
			golden.CheckString(t, filepath.Join("testdata", tc.name+".stderr"), stderr)
		})
	}
}
