#!/usr/bin/env bash
# The same one-job experiment run here on 2 threads and as one task on a one-node Slurm given 1 CPU: the
# tables must be byte-identical, because results do not depend on the thread count.
#
# usage: test_slurm_threads.sh BRIDGELC POINT_FILE
# Exit 77 (ctest: skipped) when Slurm cannot start on this machine.
set -uo pipefail
bridgelc="$(realpath "$1")"
data="$(realpath "$2")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../scripts/slurm_test_cluster.sh
source "$here/../../scripts/slurm_test_cluster.sh"

slurm_test_begin bridgelc-slurm-threads
cd "$work" || exit 1
grid=(experiment "$data" --models mlp --scenarios extrap --seeds 0 --epochs 3)

t=$SECONDS
"$bridgelc" "${grid[@]}" --threads 2 --out local >local.log 2>&1 || { cat local.log; fail "the local run failed"; }
echo "local run on 2 threads: $((SECONDS - t)) s"

if ! slurm_cluster_start "$work/cluster"; then
  echo "SKIP: a one-node Slurm cannot start on this machine: $SLURM_CLUSTER_ERROR"
  exit 77
fi
"$bridgelc" "${grid[@]}" --out shared --slurm slurm --slurm-cpus 1 --submit >submit.log 2>&1 ||
  { cat submit.log; fail "--slurm --submit failed"; }
collectJob="$(sed -n 's/.*and collect job \([0-9]*\).*/\1/p' submit.log)"
arrayJob="$(sed -n 's/.*submitted array job \([0-9]*\).*/\1/p' submit.log)"
[ -n "$collectJob" ] && [ -n "$arrayJob" ] || { cat submit.log; fail "no job IDs in the --submit output"; }
slurm_wait_job "$arrayJob" || { tail -n 5 slurm/logs/*; fail "array job $arrayJob failed"; }
slurm_wait_job "$collectJob" || { cat slurm/logs/collect_*; fail "collect job $collectJob failed"; }
grep -q "1 thread(s) (SLURM_CPUS_PER_TASK)" slurm/logs/"${arrayJob}"_0.out ||
  { cat slurm/logs/"${arrayJob}"_0.out; fail "the task did not run on the 1 CPU Slurm gave it"; }

cmp local/results.csv shared/results.csv || { diff local/results.csv shared/results.csv; fail "results.csv differs between 2 threads here and 1 on Slurm"; }
echo "identical results.csv: 2 threads locally, 1 CPU on Slurm"
echo "PASS in $((SECONDS - started)) s"
