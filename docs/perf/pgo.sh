#!/usr/bin/env bash
# Rebuilds cmd/outagesim/default.pgo: the CPU profile that `go build`,
# `go install` and `go run` use to optimise outagesim (profile-guided
# optimisation: hot calls inlined, the random sources' and the queues'
# observers' interface calls devirtualised). The profile is the sum of two
# (scenarios/bench_test.go, the simulation alone): BenchmarkAdastra2022,
# replications of the default scenario and their counterfactuals, and
# BenchmarkReferenceMMcM, the peer comparison's M/M/c+M model, about two
# thirds and one third of the samples, so that both speed bars' paths are
# optimised. Rebuild it after large changes to the hot path; a stale
# profile still helps, only less (docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test ./scenarios -pgo=off -run '^$' -bench '^BenchmarkAdastra2022$' -benchtime 4x -count 1 \
  -cpuprofile "$tmp/adastra.prof" -o "$tmp/scenarios.test"
go test ./scenarios -pgo=off -run '^$' -bench '^BenchmarkReferenceMMcM$' -benchtime 30x -count 1 \
  -cpuprofile "$tmp/peer.prof" -o "$tmp/scenarios.test"
# pprof prints its progress on stderr; keep it only if the merge fails.
go tool pprof -proto "$tmp/adastra.prof" "$tmp/peer.prof" >"$tmp/merged.prof" 2>"$tmp/pprof.log" || {
  cat "$tmp/pprof.log" >&2
  exit 1
}
cp "$tmp/merged.prof" cmd/outagesim/default.pgo
echo "wrote cmd/outagesim/default.pgo ($(wc -c <cmd/outagesim/default.pgo) bytes)"
