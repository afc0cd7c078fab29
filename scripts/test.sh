#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite (unit, CLI and offscreen GUI tests) through ctest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
start=$(date +%s)
bash "$root/scripts/setup.sh"
bash "$root/scripts/build.sh"
built=$(date +%s)
echo "set-up and build took $((built - start)) s"
cd "$root/build"
ctest --output-on-failure -j"$(nproc)" "$@"
echo "tests took $(( $(date +%s) - built )) s"
