#!/usr/bin/env bash
# Reproduces the experiment tables in docs/results/ on the real LUCAS 2018 table (issue: training engine).
# Runs in parts, most informative first; every part resumes, so re-running the script continues where a
# previous run stopped. Usage: bash scripts/paper_experiments.sh [level1|level2|all]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bridgelc="${BRIDGELC_BIN:-$root/build/app/cli/bridgelc}"
table="${BRIDGELC_TABLE:-$root/../shared/data/lucas/lucas2018_elc10_s1s2.csv}"
models="bridgelc,mlp,mlp-learned-pe,random-forest,gradient-boosting"
common=(--models "$models" --preset paper --batch 128 --lr 1e-4 --threads 1)

level1() {
  local out="$root/docs/results/level1"
  "$bridgelc" experiment "$table" "${common[@]}" --epochs 40 --level 1 --out "$out" --scenarios extrap --seeds 0
  "$bridgelc" experiment "$table" "${common[@]}" --epochs 40 --level 1 --out "$out" --scenarios loro --loro-seeds 0
  "$bridgelc" experiment "$table" "${common[@]}" --epochs 40 --level 1 --out "$out" \
    --scenarios extrap,loro --seeds 0,1,2 --loro-seeds 0
}

level2() {
  local out="$root/docs/results/level2"
  "$bridgelc" experiment "$table" "${common[@]}" --epochs 500 --level 2 --out "$out" --scenarios extrap --seeds 0
  "$bridgelc" experiment "$table" "${common[@]}" --epochs 500 --level 2 --out "$out" --scenarios extrap --seeds 0,1,2
}

case "${1:-all}" in
  level1) level1 ;;
  level2) level2 ;;
  all) level1; level2 ;;
  *) echo "usage: $0 [level1|level2|all]" >&2; exit 2 ;;
esac
