#!/usr/bin/env bash
# libFuzzer runs of the loaders (CSV, GeoJSON and GeoPackage point readers, the checkpoint loader, history.csv
# and metrics.json run-store readers):
# configures build-libfuzzer/ (or the folder given) with clang and -DBRIDGELC_LIBFUZZER=ON, builds the targets
# (tests/fuzz/libfuzzer) and runs each for a fixed time from seeds made of real files. A crash, an abort on a
# finding, a leak or a hang fails the run; the input that caused it is kept in <build-dir>/findings/<target>/.
#   scripts/libfuzz.sh [seconds-per-target (default 60)] [build-dir]
# Environment: LIBFUZZ_TARGETS="csv geojson" runs only those; LIBFUZZ_JOBS (default 2) build jobs.
# The checkpoint target builds core up to io with clang (LibTorch through its precompiled header): about 5 min
# of CPU when cold.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
dir="${2:-$root/build-libfuzzer}"
targets="${LIBFUZZ_TARGETS:-csv geojson gpkg checkpoint history metrics}"
start=$(date +%s)
cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DBRIDGELC_LIBFUZZER=ON >/dev/null
nice -n 10 cmake --build "$dir" -j"${LIBFUZZ_JOBS:-2}" --target $(printf 'fuzz_%s ' $targets)
echo "libFuzzer build took $(( $(date +%s) - start )) s"

# Starting corpora: real files of each kind (the fuzzer mutates them; it writes what it finds next to them).
seeds="$dir/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"/{csv,geojson,gpkg,checkpoint,history,metrics}
head -n 21 "$root/resources/sample/eu27_synthetic_sample.csv" >"$seeds/csv/sample_head.csv"
cp "$root"/tests/data/bad/*.csv "$root"/tests/data/good/*.csv "$seeds/csv/"
ogr2ogr -f GeoJSON "$seeds/geojson/sample_head.geojson" "$seeds/csv/sample_head.csv" \
  -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -oo AUTODETECT_TYPE=YES -a_srs EPSG:4326
cp "$root"/tests/data/bad/*.geojson "$seeds/geojson/"
# GeoPackages as the GoogleTest harness writes them (30 sample rows, projected to EPSG:3035, its eleven
# columns), one with every column, and one with 1 KiB SQLite pages: a quarter of the bytes, so mutations
# land in table pages more often.
if [[ " $targets " == *" gpkg "* ]]; then
  head -n 31 "$root/resources/sample/eu27_synthetic_sample.csv" >"$seeds/sample30.csv"
  gpkg() {
    ogr2ogr -f GPKG "$seeds/gpkg/$1.gpkg" "$seeds/sample30.csv" -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat \
      -oo AUTODETECT_TYPE=YES -s_srs EPSG:4326 -t_srs EPSG:3035 -nln points "${@:2}"
  }
  harness_columns="POINT_ID,region,lc1_name,R1_median,R2_median,R3_median,blue_median,green_median,nbr_stdDev"
  harness_columns+=",ndsi_p25,ndsi_p5"
  gpkg harness -select "$harness_columns"
  gpkg all_columns
  gpkg small_pages -select "$harness_columns" --config OGR_SQLITE_PRAGMA page_size=1024
fi
# The checkpoints the GoogleTest harness loads: its tiny MLP, BRIDGE-LC, random forest and gradient boosting.
if [[ " $targets " == *" checkpoint "* ]]; then
  BRIDGELC_CHECKPOINT_SEEDS="$seeds/checkpoint" "$dir/tests/fuzz/libfuzzer/fuzz_checkpoint" >/dev/null
fi
cp "$root"/tests/fuzz/libfuzzer/seeds/history/* "$seeds/history/"
cp "$root"/tests/fuzz/libfuzzer/seeds/metrics/* "$seeds/metrics/"

export ASAN_OPTIONS="detect_leaks=1:detect_stack_use_after_return=0"
export LSAN_OPTIONS="suppressions=$root/scripts/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="suppressions=$root/scripts/sanitizers/ubsan.supp:print_stacktrace=1:halt_on_error=1"
export OMP_NUM_THREADS=1  # one input at a time; LibTorch's thread pool would only add noise
status=0
for t in $targets; do
  corpus="$dir/corpus/$t"
  findings="$dir/findings/$t"
  mkdir -p "$corpus" "$findings"
  # Inputs up to the size of their seeds, with room to grow: GeoPackages are 100 KB, checkpoints larger.
  max_len=$(( $(wc -c "$seeds/$t"/* | sort -n | tail -n 2 | head -n 1 | awk '{print $1}') * 2 ))
  max_len=$(( max_len > 65536 ? max_len : 65536 ))
  # -rss_limit_mb: an unbounded allocation is a finding; -timeout: one input taking over 10 s is a hang.
  if "$dir/tests/fuzz/libfuzzer/fuzz_$t" "$corpus" "$seeds/$t" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$findings/" \
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
