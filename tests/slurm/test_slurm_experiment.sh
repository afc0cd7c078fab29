#!/usr/bin/env bash
# An experiment grid run as a Slurm array job on a one-node Slurm started here, against the same grid run
# locally: the collected tables must be identical (timings aside), every task must have used the CPUs Slurm
# gave it, and resubmitting the array after losing results must redo exactly the lost jobs.
#
# usage: test_slurm_experiment.sh BRIDGELC [POINT_FILE]   (no point file: the built-in sample)
# Exit 77 (ctest: skipped) only where Slurm is not installed; installed, a cluster that does not start fails
# the test with the daemons' logs.
set -uo pipefail
bridgelc="$(realpath "$1")"
data="${2:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../scripts/slurm_test_cluster.sh
source "$here/../../scripts/slurm_test_cluster.sh"

slurm_test_begin bridgelc-slurm

slurm_test_cluster_start "$work/cluster"
echo "one-node Slurm ($(sinfo -h -o '%c') CPUs) up in $((SECONDS - started)) s"

input=(--sample)
[ -n "$data" ] && [ -f "$data" ] && input=("$(realpath "$data")")
# 3 models x (EXTRAP + 3 spatial-block folds) = 12 jobs of a second or two each.
grid=(experiment "${input[@]}" --models bridgelc,mlp,random-forest --scenarios extrap,blocks --seeds 0
  --block-folds 3 --epochs 2 --trees 10)
cd "$work" || exit 1

t=$SECONDS
"$bridgelc" "${grid[@]}" --threads 1 --out local >local.log 2>&1 || { cat local.log; fail "the local run failed"; }
echo "local run: $((SECONDS - t)) s"
planned="$(sed -n 's/^\([0-9]*\) jobs: .*/\1/p' local.log)"
[ "${planned:-0}" -ge 6 ] || fail "the grid should have at least 6 jobs, has '${planned:-}'"

t=$SECONDS
"$bridgelc" "${grid[@]}" --out shared --slurm slurm --submit >submit.log 2>&1 || { cat submit.log; fail "--slurm --submit failed"; }
collectJob="$(sed -n 's/.*and collect job \([0-9]*\).*/\1/p' submit.log)"
arrayJob="$(sed -n 's/.*submitted array job \([0-9]*\).*/\1/p' submit.log)"
[ -n "$collectJob" ] && [ -n "$arrayJob" ] || { cat submit.log; fail "no job IDs in the --submit output"; }
grep -q "^#SBATCH --array=0-$((planned - 1))$" slurm/experiment.sbatch || fail "the script's array is not 0-$((planned - 1))"
slurm_wait_job "$arrayJob" || { tail -n 5 slurm/logs/*; fail "array job $arrayJob failed"; }
slurm_wait_job "$collectJob" || { cat slurm/logs/collect_*; fail "collect job $collectJob failed"; }
echo "$planned array tasks and the collect job on Slurm: $((SECONDS - t)) s"

[ "$(ls shared/jobs/*.json | wc -l)" -eq "$planned" ] || fail "shared/jobs holds $(ls shared/jobs | wc -l) results, not $planned"
grep -q "collected $planned of $planned jobs" slurm/logs/collect_*.out || { cat slurm/logs/collect_*.out; fail "the collect job did not find every job"; }
threaded="$(grep -l "1 thread(s) (SLURM_CPUS_PER_TASK)" slurm/logs/"${arrayJob}"_*.out | wc -l)"
[ "$threaded" -eq "$planned" ] || fail "$threaded of $planned tasks took their threads from SLURM_CPUS_PER_TASK"

# The tables must match the local run's: results.csv byte for byte; results.md and results.json except
# training times and the thread count, which say how the work ran, not what it found.
same_tables() {
  python3 - "$1" "$2" <<'PY'
import json, re, sys
a, b = sys.argv[1], sys.argv[2]
def md(path):
    text = open(path + "/results.md").read()
    # drop the section of training minutes, keep every score
    return re.sub(r"\n## Validation weighted F1 of the kept weights.*?(?=\n## )", "", text, flags=re.S)
def scrub(value):
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items()
                if k not in ("trainSeconds", "elapsedSeconds", "samplesPerSecond", "threads")}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value
problems = []
if open(a + "/results.csv").read() != open(b + "/results.csv").read(): problems.append("results.csv differs")
if md(a) != md(b): problems.append("results.md differs")
ja, jb = (scrub(json.load(open(p + "/results.json"))) for p in (a, b))
if ja != jb: problems.append("results.json differs")
if len(ja["jobs"]) < 6: problems.append("only %d jobs in results.json" % len(ja["jobs"]))
print("; ".join(problems) or "identical: results.csv, results.md (scores), results.json (%d jobs, timings aside)" % len(ja["jobs"]))
sys.exit(1 if problems else 0)
PY
}
same_tables local shared || { diff local/results.md shared/results.md | head -20; fail "Slurm's tables differ from the local run's"; }

# Resume: lose two results, keep the others; submitting the same script again redoes exactly those two.
mapfile -t results < <(ls shared/jobs/*.json)
lost=("${results[1]}" "${results[4]}")
kept="${results[0]}"
keptStamp="$(stat -c %Y.%y "$kept")"
rm -f "${lost[@]}" shared/results.*
t=$SECONDS
resumed="$(slurm_run_array slurm/experiment.sbatch)" || { tail -n 5 slurm/logs/*; fail "the resubmitted array failed"; }
echo "resubmitted array: $((SECONDS - t)) s"
for f in "${lost[@]}"; do [ -f "$f" ] || fail "the resubmission did not redo $f"; done
[ "$(stat -c %Y.%y "$kept")" = "$keptStamp" ] || fail "the resubmission retrained $kept, which had finished"
trained="$(grep -l "1 job: 1 trained" slurm/logs/"${resumed}"_*.out | wc -l)"
skipped="$(grep -l "1 job: 0 trained, 1 skipped" slurm/logs/"${resumed}"_*.out | wc -l)"
[ "$trained" -eq 2 ] && [ "$skipped" -eq $((planned - 2)) ] ||
  fail "resubmission trained $trained and skipped $skipped tasks, expected 2 and $((planned - 2))"
"$bridgelc" "${grid[@]}" --out shared --collect >collect.log 2>&1 || { cat collect.log; fail "--collect failed"; }
same_tables local shared || fail "after the resubmission the tables differ from the local run's"

echo "PASS in $((SECONDS - started)) s"
