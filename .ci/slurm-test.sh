#!/usr/bin/env bash
# The Slurm job-array test: a real slurmctld and slurmd on localhost run
# examples/slurm/shard.sbatch as an array of shards and merge.sbatch after
# it (afterok), and the merged report must equal a single-machine run byte
# for byte. Everything (munge key and socket, Slurm state, spool, logs)
# lives under one scratch folder; the daemons are stopped by their pids.
# Needs root and Debian's slurmctld slurmd slurm-client munge, which
# .ci/run installs; without them it says so and skips (exit 0), unless
# OUTAGESIM_REQUIRE_SLURM=1 (as .ci/run sets) makes that a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

skip() {
  echo "slurm-test: $*"
  [ "${OUTAGESIM_REQUIRE_SLURM:-}" = 1 ] && exit 1
  exit 0
}
for tool in slurmctld slurmd sbatch squeue scontrol munged mungekey; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    skip "$tool not installed (apt-get install slurmctld slurmd slurm-client munge): skipped"
  fi
done
if [ "$(id -u)" != 0 ]; then
  skip "needs root to run slurmd: skipped"
fi

# A short scenario, 8 replications in 4 tasks: several per task, since
# each task costs about 2 s of scheduling.
scenario=$repo/cmd/outagesim/testdata/scenarios/short-outage.yaml
reps=8 seed=11 tasks=4

run=$(mktemp -d /tmp/outagesim-slurm.XXXXXX)
stop() {
  for pidfile in "$run/slurmd.pid" "$run/slurmctld.pid" "$run/munged.pid"; do
    if [ -s "$pidfile" ]; then
      kill "$(cat "$pidfile")" 2>/dev/null || true
    fi
  done
  sleep 1
}
fail() {
  echo "slurm-test: $*" >&2
  for log in "$run"/*.log "$run"/out/*.out; do
    [ -f "$log" ] && { echo "--- $log"; tail -20 "$log"; } >&2
  done
  exit 1
}
trap stop EXIT

go build -o "$run/outagesim" ./cmd/outagesim

mungekey --create --keyfile="$run/munge.key" >/dev/null 2>&1 || mungekey -c -k "$run/munge.key"
chmod 600 "$run/munge.key"
munged --force --key-file="$run/munge.key" --socket="$run/munge.sock" \
  --pid-file="$run/munged.pid" --log-file="$run/munged.log" --seed-file="$run/munged.seed"

host=$(hostname -s)
mem=$(awk '/MemTotal/ { print int($2 / 1024 / 2) }' /proc/meminfo)
mkdir -p "$run/state" "$run/spool" "$run/out"
cat > "$run/slurm.conf" <<CONF
ClusterName=outagesim-ci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$run/munge.sock
CredType=cred/munge
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$run/state
SlurmdSpoolDir=$run/spool
SlurmctldPidFile=$run/slurmctld.pid
SlurmdPidFile=$run/slurmd.pid
SlurmctldLogFile=$run/slurmctld.log
SlurmdLogFile=$run/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$mem State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$run/slurm.conf
slurmctld -f "$run/slurm.conf"
slurmd -f "$run/slurm.conf" -d "$(command -v slurmstepd)"

# Wait for the node to register.
for _ in $(seq 30); do
  if sinfo -h -o %t 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then break; fi
  sleep 1
done
sinfo -h -o '%n %t %c' | grep -qE 'idle|mix|alloc' || fail "the node did not come up"

# The documented scripts, as a user submits them (one core per task here,
# so that two tasks run at once on two cores).
export OUTAGESIM=$run/outagesim SCENARIO=$scenario REPS=$reps SEED=$seed PARTS=$run/parts REPORT=$run/merged
cd "$run/out"
array=$(sbatch --parsable --array=0-$((tasks - 1)) --cpus-per-task=1 --mem-per-cpu=200M --export=ALL \
  "$repo/examples/slurm/shard.sbatch")
merge=$(sbatch --parsable --dependency=afterok:"$array" --mem=200M --export=ALL "$repo/examples/slurm/merge.sbatch")
echo "slurm-test: array job $array ($tasks tasks of $reps replications), merge job $merge"

# The single-machine run to compare with, while Slurm works.
"$run/outagesim" run "$scenario" -reps "$reps" -seed "$seed" -format json,csv -out "$run/single" >/dev/null

state=
for _ in $(seq 150); do
  state=$(scontrol show job "$merge" -o 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2)
  case $state in
    COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY | DEADLINE) break ;;
  esac
  sleep 1
done
[ "$state" = COMPLETED ] || fail "the merge job ended $state"
[ "$(ls -d "$run"/parts/part-*-of-$tasks | wc -l)" = "$tasks" ] || fail "want $tasks parts in $run/parts"

for f in summary.json kpis.csv timeseries.csv daily_impact.csv replications.csv; do
  cmp "$run/merged/$f" "$run/single/$f" || fail "$f: the merged report differs from the single run"
done
echo "slurm-test: $tasks array tasks and the afterok merge give the single run's report byte for byte"
cat "$run"/out/outagesim-merge-*.out | tail -3
stop
trap - EXIT
rm -rf "$run"
