module github.com/outagesim/outagesim

go 1.26

require (
	github.com/rickar/cal/v2 v2.1.13
	gonum.org/v1/gonum v0.17.0
)

require github.com/montanaflynn/stats v0.14.0
