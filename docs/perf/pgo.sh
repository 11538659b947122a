#!/usr/bin/env bash
# Rebuilds cmd/outagesim/default.pgo: the CPU profile that `go build`,
# `go install` and `go run` use to optimise outagesim (profile-guided
# optimisation: hot calls inlined, the random sources' and the queues'
# observers' interface calls devirtualised). The profile is of
# BenchmarkAdastra2022 (scenarios/bench_test.go): replications of the
# default scenario and their counterfactuals, the simulation alone.
# Rebuild it after large changes to the hot path; a stale profile still
# helps, only less (docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test ./scenarios -pgo=off -run '^$' -bench '^BenchmarkAdastra2022$' -benchtime 4x -count 1 \
  -cpuprofile "$tmp/cpu.prof" -o "$tmp/scenarios.test"
cp "$tmp/cpu.prof" cmd/outagesim/default.pgo
echo "wrote cmd/outagesim/default.pgo ($(wc -c <cmd/outagesim/default.pgo) bytes)"
