#!/usr/bin/env bash
# Byte-identity check for speed work: a change that only makes outagesim
# faster must leave every output unchanged. Builds this checkout's outagesim
# and REF's (default: main), runs every library scenario (2 replications,
# seed 7, json and csv) and the peer comparison's model
# (docs/perf/reference-mmcm.yaml, 1 replication) with each, adastra-2022
# and the peer model again with json alone, and compares every file byte for
# byte. Prints "bytecheck: all N files identical" and
# exits 0, or names the files that differ and exits 1.
#
#	bash docs/perf/bytecheck.sh            # against main
#	bash docs/perf/bytecheck.sh b2c6bce    # against any commit
#
# It costs about a minute of both cores for each build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
ref=${1:-main}
git rev-parse --verify --quiet "$ref^{commit}" >/dev/null || {
  echo "bytecheck: $ref is not a commit of this repository" >&2
  exit 2
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The reference is built from its own tree, exported without touching this
# checkout.
mkdir "$tmp/ref-src"
git archive "$ref" | tar -x -C "$tmp/ref-src"
(cd "$tmp/ref-src" && go build -o "$tmp/ref-bin" ./cmd/outagesim)
go build -o "$tmp/new-bin" ./cmd/outagesim

peer=docs/perf/reference-mmcm.yaml
outputs() { # outputs BIN DIR
  local bin=$1 dir=$2 s
  for s in $("$bin" list | awk '{print $1}'); do
    "$bin" run -reps 2 -seed 7 -format json,csv -out "$dir/$s" "$s" >/dev/null 2>&1 ||
      { echo "bytecheck: $bin run $s failed" >&2; return 1; }
  done
  "$bin" run -reps 1 -seed 7 -format json,csv -out "$dir/reference-mmcm" "$peer" >/dev/null 2>&1 ||
    { echo "bytecheck: $bin run $peer failed" >&2; return 1; }
  # json alone leaves the per-day KPIs and the series out of the summaries
  # (reports.Parts): its summary.json must not change either.
  "$bin" run -reps 2 -seed 7 -format json -out "$dir/adastra-2022-json-only" adastra-2022 >/dev/null 2>&1 ||
    { echo "bytecheck: $bin run -format json adastra-2022 failed" >&2; return 1; }
  "$bin" run -reps 1 -seed 7 -format json -out "$dir/reference-mmcm-json-only" "$peer" >/dev/null 2>&1 ||
    { echo "bytecheck: $bin run -format json $peer failed" >&2; return 1; }
}
outputs "$tmp/ref-bin" "$tmp/ref"
outputs "$tmp/new-bin" "$tmp/new"

bad=0
n=0
while IFS= read -r f; do
  n=$((n + 1))
  if ! cmp -s "$tmp/ref/$f" "$tmp/new/$f"; then
    echo "DIFFERS: $f"
    bad=1
  fi
done < <(cd "$tmp/ref" && find . -type f | sort)
# A file only the new build writes is a difference too.
while IFS= read -r f; do
  [ -e "$tmp/ref/$f" ] || { echo "NEW: $f"; bad=1; }
done < <(cd "$tmp/new" && find . -type f | sort)
if [ $bad = 0 ]; then
  echo "bytecheck: all $n files identical ($(git rev-parse --short HEAD) and $(git rev-parse --short "$ref"))"
else
  echo "bytecheck: outputs differ from $ref" >&2
  exit 1
fi
