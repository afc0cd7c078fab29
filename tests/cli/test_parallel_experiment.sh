#!/usr/bin/env bash
# `bridgelc experiment --jobs 2` against the same grid one job at a time: the same files with the same
# contents (wall-clock times aside, which differ between any two runs), and Ctrl+C (SIGINT) in the middle
# of a parallel grid leaves a folder that the same command completes, again with the same results.
#
# usage: test_parallel_experiment.sh BRIDGELC POINT_FILE
set -uo pipefail
bridgelc="$(realpath "$1")"
data="$(realpath "$2")"
started=$SECONDS
fail() { echo "FAIL: $*"; exit 1; }
[ -f "$data" ] || fail "no point file at $2"
work="$(mktemp -d "${TMPDIR:-/tmp}/bridgelc-parallel.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

# 2 models x (EXTRAP + 3 spatial-block folds) = 8 jobs of a few seconds each.
grid=(experiment "$data" --models mlp,random-forest --scenarios extrap,blocks --seeds 0 --block-folds 3
  --epochs 2 --trees 10)

t=$SECONDS
"$bridgelc" "${grid[@]}" --jobs 1 --threads 2 --out seq >seq.log 2>&1 || { cat seq.log; fail "--jobs 1 failed"; }
echo "--jobs 1: $((SECONDS - t)) s"
t=$SECONDS
"$bridgelc" "${grid[@]}" --jobs 2 --threads 2 --out par >par.log 2>&1 || { cat par.log; fail "--jobs 2 failed"; }
echo "--jobs 2: $((SECONDS - t)) s"
grep -q "8 of 8 jobs to train, 2 at once with 1 thread(s) each" par.log || { cat par.log; fail "--jobs 2 did not run 2 jobs at once"; }
grep -q "^8 jobs: 8 trained, 0 skipped" par.log || { cat par.log; fail "--jobs 2 did not train the 8 jobs"; }
grep -q "8 of 8 done, 0 running, 0 waiting" par.log || { cat par.log; fail "no progress with jobs done and left"; }

# Every file of both folders: the same names; experiment.json and results.csv byte for byte; the job files,
# results.json and results.md the same except wall-clock times (trainSeconds, per-epoch seconds and rates,
# the table of training minutes).
same_folders() {
  python3 - "$1" "$2" <<'PY'
import json, os, re, sys
a, b = sys.argv[1], sys.argv[2]
def files(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)
def scrub(value):
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items()
                if k not in ("trainSeconds", "elapsedSeconds", "samplesPerSecond", "threads")}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value
def md(text):
    return re.sub(r"\n## Validation weighted F1 of the kept weights.*?(?=\n## )", "", text, flags=re.S)
problems = []
fa, fb = files(a), files(b)
if fa != fb: problems.append("different files: %s" % sorted(set(fa) ^ set(fb)))
jobs = [f for f in fa if f.startswith("jobs/")]
if len(jobs) != 8: problems.append("%d job files, not 8" % len(jobs))
for f in fa:
    if f not in fb: continue
    ta, tb = (open(os.path.join(r, f)).read() for r in (a, b))
    if f in ("experiment.json", "results.csv"):
        same = ta == tb
    elif f.endswith(".json"):
        same = scrub(json.loads(ta)) == scrub(json.loads(tb))
    elif f == "results.md":
        same = md(ta) == md(tb)
    else:
        same = ta == tb
    if not same: problems.append(f + " differs")
print("; ".join(problems) or "identical: %d files (%d jobs), wall-clock times aside" % (len(fa), len(jobs)))
sys.exit(1 if problems else 0)
PY
}
same_folders seq par || { diff seq/results.md par/results.md | head -20; fail "--jobs 2 differs from --jobs 1"; }

# Ctrl+C once a job has finished: the running jobs stop, the finished ones stay, and the same command resumes.
"$bridgelc" "${grid[@]}" --jobs 2 --threads 2 --out stopped >stopped.log 2>&1 &
pid=$!
for _ in $(seq 1 3000); do
  [ -n "$(ls stopped/jobs/*.json 2>/dev/null)" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -INT "$pid"
wait "$pid"
rc=$?
kept="$(ls stopped/jobs/*.json 2>/dev/null | wc -l)"
echo "stopped with exit code $rc after $kept of 8 jobs"
[ "$rc" -eq 130 ] || { cat stopped.log; fail "an interrupted grid should exit 130, not $rc"; }
[ "$kept" -ge 1 ] && [ "$kept" -lt 8 ] || { cat stopped.log; fail "$kept of 8 jobs saved at the interrupt"; }
grep -q "stopped — run the same command again to resume" stopped.log || { cat stopped.log; fail "no resume hint"; }
grep -q "Partial results" stopped/results.md || fail "the stopped run's tables are not marked partial"
[ -z "$(ls stopped/jobs | grep -v '\.json$')" ] || { ls stopped/jobs; fail "temporary files left in jobs/"; }
[ ! -e stopped/logs ] || { ls stopped/logs; fail "logs of stopped jobs left behind"; }

"$bridgelc" "${grid[@]}" --jobs 2 --threads 2 --out stopped >resumed.log 2>&1 || { cat resumed.log; fail "the resume failed"; }
grep -q "^8 jobs: $((8 - kept)) trained, $kept skipped" resumed.log || { cat resumed.log; fail "the resume did not skip the $kept finished jobs"; }
same_folders seq stopped || fail "the interrupted and resumed grid differs from --jobs 1"
echo "PASS in $((SECONDS - started)) s"
