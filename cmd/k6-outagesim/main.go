// Command k6-outagesim is k6 v1.8.1 with the k6/x/outagesim extension
// compiled in: the program `xk6 build v1.8.1 --with
// github.com/outagesim/outagesim/xk6=.` generates, kept in the repository so
// that a plain `go build ./cmd/k6-outagesim` makes the binary. xk6 writes
// the blank import in a file of its own; it is the same program.
package main

import (
	k6cmd "go.k6.io/k6/cmd"

	_ "github.com/outagesim/outagesim/xk6"
)

func main() {
	k6cmd.Execute()
}
