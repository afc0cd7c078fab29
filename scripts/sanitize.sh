#!/usr/bin/env bash
# AddressSanitizer + UndefinedBehaviorSanitizer run of core and its tests (the GUI and benchmarks are off):
# configures build-asan/ (or the folder given), builds it, runs every core test area (fuzzing at a quarter of
# its cases, as everything runs 2-3x slower) and prints the time each step took. Any finding fails the run.
#   scripts/sanitize.sh [--quick] [build-dir]
# --quick: only the test areas that need no LibTorch (geo, eval: region lookup, projections, metrics),
# minutes instead of a long cold build of everything.
# Suppressions (scripts/sanitizers/*.supp) cover third-party code only, each with its reason.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quick=0
if [ "${1:-}" = "--quick" ]; then quick=1; shift; fi
dir="${1:-$root/build-asan}"
flags="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
start=$(date +%s)
# CPU seconds (user + system) of every finished child so far, into $cpu: wall time means little on a shared
# machine. `times` must run in this shell (a $(...) subshell would count only its own children).
cpu_file="$(mktemp)"
trap 'rm -f "$cpu_file"' EXIT
child_cpu() {
  times >"$cpu_file"
  cpu=$(tail -n 1 "$cpu_file" | awk '{ t = 0; for (i = 1; i <= 2; ++i) { split($i, p, "m"); t += p[1] * 60 + p[2] } printf "%.0f", t }')
}
cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DBRIDGELC_BUILD_UI=OFF -DBRIDGELC_BUILD_BENCH=OFF \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
areas="geo eval"  # data and split tests run the bridgelc program, which needs LibTorch
if [ $quick -eq 1 ]; then
  nice -n 10 cmake --build "$dir" -j"$(nproc)" --target $(printf 'test_%s ' $areas)
  labels="-L ^($(echo $areas | tr ' ' '|'))\$"
else
  nice -n 10 cmake --build "$dir" -j"$(nproc)"
  labels=""
fi
built=$(date +%s)
child_cpu
built_cpu=$cpu
echo "sanitizer build took $((built - start)) s ($built_cpu s CPU)"

supp="$root/scripts/sanitizers"
# allocator_may_return_null: an impossible allocation (LibTorch reading a damaged checkpoint asks for terabytes)
# must fail as it does without ASan, as an exception the loader turns into a message, not abort the run.
# Fast (frame-pointer) unwinding of allocation stacks, ASan's default, is kept on purpose: the slow unwinder
# runs on every malloc and free, and XGBoost and LibTorch make millions of them. Training the random forest
# on the built-in sample took 277 s of CPU with it (slow unwinding, 30 frames), 87 s with 4 frames, 19 s with
# fast unwinding and 8 s without ASan; the raster benchmark test alone ran 19 minutes (loaded machine).
# log_path: every report also goes to a file, because many tests run the `bridgelc` program and some expect it
# to fail; a finding in such a child would otherwise pass as the failure the test wanted.
reports="$dir/sanitizer-reports"
rm -rf "$reports"
mkdir -p "$reports"
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=0:strict_string_checks=0:allocator_may_return_null=1:log_path=$reports/asan"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="suppressions=$supp/ubsan.supp:print_stacktrace=1:halt_on_error=1:log_path=$reports/ubsan"
export BRIDGELC_FUZZ_SCALE=0.25
status=0
# shellcheck disable=SC2086  # $labels is empty or one -L option
ctest --test-dir "$dir" --output-on-failure -j"$(nproc)" --timeout 1200 $labels || status=1
child_cpu
echo "sanitizer tests took $(( $(date +%s) - built )) s ($((cpu - built_cpu)) s CPU; total $(( $(date +%s) - start )) s)"
# Warnings land there too (an impossible allocation refused, as the fuzz tests provoke); only errors count.
findings=$(grep -l -E "ERROR: (Address|Leak|UndefinedBehavior)Sanitizer|runtime error:" "$reports"/* 2>/dev/null || true)
echo "sanitizer report files: $(ls "$reports" | wc -l) (warnings only unless listed below)"
for report in $findings; do
  echo "--- finding: $report"
  cat "$report"
  status=1
done
exit $status
