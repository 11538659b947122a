#!/usr/bin/env bash
# Side-by-side: the reference M/M/c+M model (λ = 100/h, handle 6 min,
# patience 5 min, c = 12, one million callers) in outagesim, through the
# scenario file reference-mmcm.yaml, in SimPy 3 (simpy_mmcm.py) and as a
# bare Go loop written for this one model (baremmcm/, the practical limit).
# Prints callers per second for each, the ratios, and all three against
# Erlang A. Exits 1 if any disagrees with Erlang A or outagesim is under 80×
# SimPy.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
py=/usr/bin/python3 # Debian's python, where python3-simpy3 installs
if ! "$py" -c 'import simpy' 2>/dev/null; then
  echo "SimPy is missing: apt-get install python3-simpy3" >&2
  exit 2
fi
callers=${CALLERS:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/outagesim" ./cmd/outagesim
go build -o "$tmp/baremmcm" ./docs/perf/baremmcm
echo "outagesim: one replication of docs/perf/reference-mmcm.yaml on one worker..." >&2
"$tmp/outagesim" run -timing -workers 1 -format json -out "$tmp/report" docs/perf/reference-mmcm.yaml >/dev/null 2>"$tmp/timing"
echo "SimPy $("$py" -c 'import simpy; print(simpy.__version__)'): $callers callers..." >&2
"$py" "$here/simpy_mmcm.py" --callers "$callers" >"$tmp/simpy.json"
echo "bare Go loop: one million callers..." >&2
"$tmp/baremmcm" -callers 1000000 >"$tmp/bare.json"
"$tmp/outagesim" erlang -rate 100 -handle 6m -patience 5m -servers 12 -reps 2 -hours 1 >"$tmp/erlang.txt"

"$py" - "$tmp" <<'PY'
import json, re, sys
tmp = sys.argv[1]
timing = open(f"{tmp}/timing").read()
m = re.search(r"([0-9.]+) calls, .* in ([0-9.]+) s wall .*: ([0-9]+) calls/s", timing)
ours_calls, ours_s, ours_rate = float(m.group(1)), float(m.group(2)), float(m.group(3))
summary = json.load(open(f"{tmp}/report/summary.json"))
simpy = json.load(open(f"{tmp}/simpy.json"))
bare = json.load(open(f"{tmp}/bare.json"))
exact = {}
for line in open(f"{tmp}/erlang.txt"):
    for key, label in [("answered_within_60s_pct", "answered within 60 s"), ("abandoned_pct", "abandoned after 30 s"),
                       ("mean_answer_s", "mean time to answer")]:
        if line.startswith(label):
            exact[key] = float(line.split()[-1])

def kpi(key):
    return summary["kpis"][key]["uk"]["outage"]["mean"]

# One long run each: tolerances of a few standard errors of a million-caller
# run (about 0.1 point for the percentages, 0.3 s for the mean).
tol = {"answered_within_60s_pct": 0.5, "abandoned_pct": 0.3, "mean_answer_s": 1.5}
ok = True
print(f"{'':28}{'outagesim':>14}{'SimPy':>14}{'bare Go':>14}{'Erlang A':>12}")
print(f"{'callers':28}{ours_calls:>14,.0f}{simpy['callers']:>14,}{bare['callers']:>14,}")
print(f"{'seconds':28}{ours_s:>14.2f}{simpy['seconds']:>14.2f}{bare['seconds']:>14.2f}")
print(f"{'callers per second':28}{ours_rate:>14,.0f}{simpy['callers_per_s']:>14,}{bare['callers_per_s']:>14,}")
for key in tol:
    o, s, b, e = kpi(key), simpy[key], bare[key], exact[key]
    good = all(abs(x - e) <= tol[key] for x in (o, s, b))
    ok &= good
    print(f"{key:28}{o:>14.3f}{s:>14.3f}{b:>14.3f}{e:>12.3f}  {'ok' if good else 'DISAGREES'} (±{tol[key]})")
ratio = ours_rate / simpy["callers_per_s"]
print(f"\noutagesim is {ratio:.0f}× SimPy on one core (bar: 80×, goal 100×)")
print(f"the bare Go loop is {bare['callers_per_s'] / simpy['callers_per_s']:.0f}× SimPy; "
      f"outagesim runs at {100 * ours_rate / bare['callers_per_s']:.0f}% of its speed")
ok &= ratio >= 80
sys.exit(0 if ok else 1)
PY
