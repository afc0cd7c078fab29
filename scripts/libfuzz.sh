#!/usr/bin/env bash
# libFuzzer runs of the loaders (CSV and GeoJSON point readers, history.csv and metrics.json run-store readers):
# configures build-libfuzzer/ (or the folder given) with clang and -DBRIDGELC_LIBFUZZER=ON, builds the targets
# (tests/fuzz/libfuzzer) and runs each for a fixed time from seeds made of real files. A crash, an abort on a
# finding, a leak or a hang fails the run; the input that caused it is kept in <build-dir>/findings/<target>/.
#   scripts/libfuzz.sh [seconds-per-target (default 60)] [build-dir]
# Environment: LIBFUZZ_TARGETS="csv geojson" runs only those; LIBFUZZ_JOBS (default 2) build jobs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
dir="${2:-$root/build-libfuzzer}"
targets="${LIBFUZZ_TARGETS:-csv geojson history metrics}"
start=$(date +%s)
cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DBRIDGELC_LIBFUZZER=ON >/dev/null
nice -n 10 cmake --build "$dir" -j"${LIBFUZZ_JOBS:-2}" --target $(printf 'fuzz_%s ' $targets)
echo "libFuzzer build took $(( $(date +%s) - start )) s"

# Starting corpora: real files of each kind (the fuzzer mutates them; it writes what it finds next to them).
seeds="$dir/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"/{csv,geojson,history,metrics}
head -n 21 "$root/resources/sample/eu27_synthetic_sample.csv" >"$seeds/csv/sample_head.csv"
cp "$root"/tests/data/bad/*.csv "$root"/tests/data/good/*.csv "$seeds/csv/"
ogr2ogr -f GeoJSON "$seeds/geojson/sample_head.geojson" "$seeds/csv/sample_head.csv" \
  -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -oo AUTODETECT_TYPE=YES -a_srs EPSG:4326
cp "$root"/tests/data/bad/*.geojson "$seeds/geojson/"
cp "$root"/tests/fuzz/libfuzzer/seeds/history/* "$seeds/history/"
cp "$root"/tests/fuzz/libfuzzer/seeds/metrics/* "$seeds/metrics/"

export ASAN_OPTIONS="detect_leaks=1:detect_stack_use_after_return=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
status=0
for t in $targets; do
  corpus="$dir/corpus/$t"
  findings="$dir/findings/$t"
  mkdir -p "$corpus" "$findings"
  # -rss_limit_mb: an unbounded allocation is a finding; -timeout: one input taking over 10 s is a hang.
  if "$dir/tests/fuzz/libfuzzer/fuzz_$t" "$corpus" "$seeds/$t" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$findings/" \
    >"$dir/fuzz_$t.log" 2>&1; then
    result="clean"
  else
    result="FINDING (see $dir/fuzz_$t.log and $findings/)"
    status=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$dir/fuzz_$t.log" | grep -o '[0-9]*$' || true)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$dir/fuzz_$t.log" | grep -o '[0-9]*$' || true)
  echo "fuzz_$t: ${runs:-?} runs in ${seconds} s, ${rate:-?} exec/s, corpus $(ls "$corpus" | wc -l) files: $result"
done
echo "libFuzzer total $(( $(date +%s) - start )) s"
exit $status
