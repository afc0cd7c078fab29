#!/usr/bin/env bash
# A small raster prediction run as a Slurm array job (one task per tile, `predict-raster --tiles I/N`) and a
# merge job on a one-node Slurm started here, against the same prediction run locally in one go: the merged
# GeoTIFF (and its .aux.xml of class names) must be byte-identical, and every task must have used the CPUs
# Slurm gave it.
#
# usage: test_slurm_raster.sh BRIDGELC
# Exit 77 (ctest: skipped) only where Slurm or numpy/GDAL for Python are not installed; installed, a cluster
# that does not start fails the test with the daemons' logs.
set -uo pipefail
bridgelc="$(realpath "$1")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../scripts/slurm_test_cluster.sh
source "$here/../../scripts/slurm_test_cluster.sh"

slurm_test_begin bridgelc-slurm-raster
cd "$work" || exit 1

# 256 x 256 pixels in 64 x 64 blocks: 16 blocks, 4 per tile.
/usr/bin/python3 "$here/../../scripts/make_synthetic_stack.py" --size 256 --block 64 --out stack.tif \
  --truth truth.tif >stack.log 2>&1 || {
  cat stack.log
  if ! /usr/bin/python3 -c 'import numpy; from osgeo import gdal' 2>/dev/null; then
    echo "SKIP: the synthetic stack cannot be made (needs python3-numpy, python3-gdal)"
    exit 77
  fi
  fail "making the synthetic stack failed although numpy and GDAL's Python bindings are installed"
}
"$bridgelc" train --sample --model bridgelc --epochs 1 --batch 256 --threads 2 --seed 15 --out model \
  >train.log 2>&1 || { cat train.log; fail "training the model failed"; }
echo "stack and model made in $((SECONDS - started)) s"

slurm_test_cluster_start "$work/cluster"
echo "one-node Slurm ($(sinfo -h -o '%c') CPUs) up"

predict=(predict-raster --checkpoint model/model.bridgelc stack.tif --confidence)
t=$SECONDS
"$bridgelc" "${predict[@]}" --threads 1 --out local.tif >local.log 2>&1 || { cat local.log; fail "the local run failed"; }
echo "local prediction in one go: $((SECONDS - t)) s"

t=$SECONDS
"$bridgelc" "${predict[@]}" --out shared/landcover.tif --slurm slurm --slurm-tiles 4 --submit >submit.log 2>&1 ||
  { cat submit.log; fail "predict-raster --slurm --submit failed"; }
mergeJob="$(sed -n 's/.*and merge job \([0-9]*\).*/\1/p' submit.log)"
arrayJob="$(sed -n 's/.*submitted array job \([0-9]*\).*/\1/p' submit.log)"
[ -n "$mergeJob" ] && [ -n "$arrayJob" ] || { cat submit.log; fail "no job IDs in the --submit output"; }
grep -q "^#SBATCH --array=1-4$" slurm/predict_raster.sbatch || fail "the script's array is not 1-4"
grep -q "'--tiles' \"\${SLURM_ARRAY_TASK_ID}\"'/4'" slurm/predict_raster.sbatch ||
  { cat slurm/predict_raster.sbatch; fail "the tasks do not run --tiles <task>/4"; }
slurm_wait_job "$arrayJob" || { tail -n 5 slurm/logs/*; fail "array job $arrayJob failed"; }
slurm_wait_job "$mergeJob" || { cat slurm/logs/merge_*; fail "merge job $mergeJob failed"; }
echo "4 array tasks and the merge job on Slurm: $((SECONDS - t)) s"

for i in 1 2 3 4; do
  grep -q "tile $i/4 done" slurm/logs/"${arrayJob}_$i".out || { cat slurm/logs/"${arrayJob}_$i".out; fail "tile $i/4 did not finish"; }
done
threaded="$(grep -l "1 thread(s) (SLURM_CPUS_PER_TASK)" slurm/logs/"${arrayJob}"_*.out | wc -l)"
[ "$threaded" -eq 4 ] || fail "$threaded of 4 tasks took their threads from SLURM_CPUS_PER_TASK"
grep -q "from 4 parts" slurm/logs/merge_*.out || { cat slurm/logs/merge_*.out; fail "the merge did not assemble 4 parts"; }

cmp local.tif shared/landcover.tif || fail "the merged GeoTIFF differs from the local one-go prediction"
cmp local.tif.aux.xml shared/landcover.tif.aux.xml || fail "the merged .aux.xml differs from the local one"
[ ! -e shared/landcover.tif.parts ] || fail "the merge left shared/landcover.tif.parts behind"
echo "identical: merged GeoTIFF ($(stat -c %s local.tif) bytes) and .aux.xml, byte for byte"
echo "PASS in $((SECONDS - started)) s"
