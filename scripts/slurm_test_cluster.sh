#!/usr/bin/env bash
# A throw-away one-node Slurm cluster for tests: munged, slurmctld and slurmd from Debian's packages, configured
# in a temporary folder, run as the current user, stopped by PID. Source it and call:
#
#   slurm_cluster_start DIR || exit 77   # 77: skip; the reason is in $SLURM_CLUSTER_ERROR
#   slurm_test_cluster_start DIR         # the tests' form: skip only where Slurm is not installed
#   trap slurm_cluster_stop EXIT
#   slurm_run_array SCRIPT [sbatch options...]   # submits an array job and waits for every task
#   slurm_wait_job JOBID                         # waits for a job submitted elsewhere (e.g. --submit)
#
# or run it directly to try the cluster on this machine: `bash scripts/slurm_test_cluster.sh`.
# No cgroups (proctrack/linuxproc, task/none): the machines tests run on (containers, CI) rarely delegate them.

SLURM_CLUSTER_PIDS=()
SLURM_CLUSTER_ERROR=""
SLURM_CLUSTER_DIR=""

# A TCP port on localhost that nothing listens on, from a range daemons rarely use.
_slurm_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((27000 + RANDOM % 5000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

_slurm_fail() {
  SLURM_CLUSTER_ERROR="$1"
  local log
  for log in "$SLURM_CLUSTER_DIR"/log/*.log; do
    [ -s "$log" ] && SLURM_CLUSTER_ERROR+=$'\n'"--- $(basename "$log") (last lines):"$'\n'"$(tail -n 5 "$log")"
  done
  slurm_cluster_stop
  return 1
}

# Starts the cluster with its files under DIR (created). Exports SLURM_CONF so sbatch, squeue, sinfo find it.
slurm_cluster_start() {
  SLURM_CLUSTER_DIR="$1"
  local d="$SLURM_CLUSTER_DIR" tool
  for tool in munged mungekey slurmctld slurmd sbatch squeue sinfo scontrol; do
    command -v "$tool" >/dev/null ||
      { SLURM_CLUSTER_ERROR="$tool is not installed (apt-get install munge slurmctld slurmd slurm-client)"; return 1; }
  done
  mkdir -p "$d"/{munge,state,spool,log,run} && chmod 700 "$d" "$d/munge" || return 1
  local user node cpus memory ctldPort slurmdPort
  user="$(id -un)"
  node="$(hostname -s)"
  cpus="$(nproc)"
  memory=$(($(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 / 2))
  ctldPort="$(_slurm_free_port)" && slurmdPort="$(_slurm_free_port)" ||
    { SLURM_CLUSTER_ERROR="no free TCP port on localhost"; return 1; }

  mungekey --create --keyfile="$d/munge/munge.key" >/dev/null 2>&1 ||
    dd if=/dev/urandom of="$d/munge/munge.key" bs=1024 count=1 status=none
  chmod 600 "$d/munge/munge.key"
  munged --foreground --force --key-file="$d/munge/munge.key" --socket="$d/munge/munge.socket" \
    --pid-file="$d/munge/munged.pid" --seed-file="$d/munge/munged.seed" --log-file="$d/log/munged.log" \
    >>"$d/log/munged.log" 2>&1 &
  SLURM_CLUSTER_PIDS+=($!)
  for _ in $(seq 1 50); do [ -S "$d/munge/munge.socket" ] && break; sleep 0.1; done
  [ -S "$d/munge/munge.socket" ] || { _slurm_fail "munged did not start"; return 1; }

  cat >"$d/slurm.conf" <<EOF
ClusterName=bridgelc-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctldPort
SlurmdPort=$slurmdPort
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$d/munge/munge.socket
StateSaveLocation=$d/state
SlurmdSpoolDir=$d/spool
SlurmctldPidFile=$d/run/slurmctld.pid
SlurmdPidFile=$d/run/slurmd.pid
SlurmctldLogFile=$d/log/slurmctld.log
SlurmdLogFile=$d/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MaxArraySize=10001
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
MinJobAge=300
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF="$d/slurm.conf"

  slurmctld -D -i -f "$SLURM_CONF" >>"$d/log/slurmctld.out" 2>&1 &
  SLURM_CLUSTER_PIDS+=($!)
  slurmd -D -N "$node" -f "$SLURM_CONF" >>"$d/log/slurmd.out" 2>&1 &
  SLURM_CLUSTER_PIDS+=($!)

  local state=""
  for _ in $(seq 1 150); do
    state="$(sinfo -h -N -o '%T' 2>/dev/null | head -n 1)"
    case "$state" in idle*|mixed*|allocated*) return 0 ;; esac
    local pid
    for pid in "${SLURM_CLUSTER_PIDS[@]}"; do
      kill -0 "$pid" 2>/dev/null || { _slurm_fail "a Slurm daemon exited at start (PID $pid)"; return 1; }
    done
    sleep 0.2
  done
  _slurm_fail "the node did not become idle within 30 s (state: ${state:-none})"
}

# Stops the daemons this file started, by PID, and waits for them.
slurm_cluster_stop() {
  local pid
  for ((i = ${#SLURM_CLUSTER_PIDS[@]} - 1; i >= 0; i--)); do
    pid="${SLURM_CLUSTER_PIDS[$i]}"
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  SLURM_CLUSTER_PIDS=()
}

# Waits until job JOBID (all its array tasks) has left the queue; fails after ${SLURM_WAIT_SECONDS:-600} s.
slurm_wait_job() {
  local job="$1" deadline=$((SECONDS + ${SLURM_WAIT_SECONDS:-600}))
  while [ -n "$(squeue -h -j "$job" -o '%i' 2>/dev/null)" ]; do
    [ "$SECONDS" -ge "$deadline" ] && { echo "job $job still queued after ${SLURM_WAIT_SECONDS:-600} s" >&2; return 1; }
    sleep 1
  done
  # Finished jobs stay known to slurmctld for MinJobAge seconds: every task must have completed with exit 0.
  local failed
  failed="$(scontrol -o show job "$job" 2>/dev/null | grep -v 'JobState=COMPLETED' | grep -o 'JobId=[0-9]* .*ArrayTaskId=[0-9]*\|JobState=[A-Z_]*' | tr '\n' ' ')"
  if [ -n "$failed" ]; then
    echo "job $job: tasks did not complete: $failed" >&2
    return 1
  fi
}

# Submits SCRIPT (an sbatch script, usually with #SBATCH --array) and waits for every task; fails when any task
# failed. Prints the job ID.
slurm_run_array() {
  local script="$1"
  shift
  local job
  job="$(sbatch --parsable "$@" "$script")" || return 1
  job="${job%%;*}"
  echo "$job"
  slurm_wait_job "$job"
}

# True when every program the cluster needs is installed (scripts/setup.sh installs them all).
slurm_installed() {
  local tool
  for tool in munged mungekey slurmctld slurmd sbatch squeue sinfo scontrol; do
    command -v "$tool" >/dev/null || return 1
  done
}

# For test scripts: starts the cluster under DIR. Where Slurm is not installed, exits 77 (ctest: skipped)
# saying why; where it is installed, a cluster that does not start fails the test with every daemon's log.
slurm_test_cluster_start() {
  slurm_cluster_start "$1" && return 0
  if ! slurm_installed; then
    echo "SKIP: a one-node Slurm cannot start on this machine: $SLURM_CLUSTER_ERROR"
    exit 77
  fi
  echo "FAIL: Slurm is installed but a one-node cluster did not start: $SLURM_CLUSTER_ERROR" >&2
  local log
  for log in "$1"/log/*; do
    [ -f "$log" ] || continue
    echo "--- $log" >&2
    cat "$log" >&2
  done
  exit 1
}

# For test scripts: makes the scratch folder $work (prefix $1), removed with the cluster on exit, and starts
# the clock $started; `fail MESSAGE` ends the test as failed.
slurm_test_begin() {
  work="$(mktemp -d "/tmp/$1.XXXXXX")"
  trap 'slurm_cluster_stop; rm -rf "$work"' EXIT
  started=$SECONDS
}
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  dir="$(mktemp -d)"
  trap 'slurm_cluster_stop; rm -rf "$dir"' EXIT
  if ! slurm_cluster_start "$dir/slurm"; then
    echo "Slurm cannot start here: $SLURM_CLUSTER_ERROR" >&2
    exit 77
  fi
  sinfo
  printf '#!/bin/bash\n#SBATCH --array=0-3\n#SBATCH --output=%s/task_%%a.out\necho "task $SLURM_ARRAY_TASK_ID of $SLURM_ARRAY_JOB_ID on $(hostname -s), $SLURM_CPUS_PER_TASK cpus"\n' \
    "$dir" >"$dir/hello.sbatch"
  slurm_run_array "$dir/hello.sbatch" --cpus-per-task=1 || exit 1
  cat "$dir"/task_*.out
fi
