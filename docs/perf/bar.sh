#!/usr/bin/env bash
# Measures issue 20's bar, `outagesim run -reps 30 adastra-2022` on the
# machine's cores, N times in a row (default 3; bash docs/perf/bar.sh N).
# Before each, a probe times one replication and its counterfactual on one
# worker. Each line gives the probe's CPU seconds, then the command's wall
# seconds, CPU seconds and peak memory (GNU time's KiB, printed in MiB).
#
# Why the CPU seconds matter: the host sometimes slows one of the two cores.
# The command then takes 10-20% more CPU for the same work, and its wall
# time goes up with it. The probe runs on whichever core is free, so it does
# not always see the slow spell (docs/performance.md, sessions 10 and 11).
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-3}
case $n in '' | *[!0-9]* | 0) echo "usage: bash docs/perf/bar.sh [RUNS]" >&2; exit 2 ;; esac
if [ ! -x /usr/bin/time ]; then
  echo "bar.sh: needs GNU time at /usr/bin/time (Debian: apt-get install time)" >&2
  exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/outagesim" ./cmd/outagesim
timed() { # timed FILE COMMAND...: GNU time's wall, user, system seconds and peak KB into FILE
  if ! /usr/bin/time -o "$1" -f '%e %U %S %M' "${@:2}" >/dev/null 2>"$tmp/stderr"; then
    echo "bar.sh: failed: ${*:2}" >&2
    cat "$tmp/stderr" >&2
    exit 1
  fi
}
for _ in $(seq 1 "$n"); do
  rm -rf "$tmp/probe" "$tmp/bar"
  timed "$tmp/probe.t" "$tmp/outagesim" run -reps 1 -workers 1 -format json -out "$tmp/probe" adastra-2022
  timed "$tmp/bar.t" "$tmp/outagesim" run -reps 30 -out "$tmp/bar" adastra-2022
  read -r _ pu ps _ <"$tmp/probe.t"
  read -r w u s kb <"$tmp/bar.t"
  awk -v at="$(date -u +%H:%M:%S)" -v pu="$pu" -v ps="$ps" -v w="$w" -v u="$u" -v s="$s" -v kb="$kb" 'BEGIN {
    printf "%s  probe %.2f s CPU | run -reps 30: %.1f s wall, %.1f s CPU, %.0f MiB peak\n", at, pu + ps, w, u + s, kb / 1024
  }'
done
