#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite (unit, fuzz, CLI and offscreen GUI tests) through ctest, then
# checks the Debian package (scripts/check_package.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
start=$(date +%s)
bash "$root/scripts/setup.sh"
bash "$root/scripts/build.sh"
built=$(date +%s)
echo "set-up and build took $((built - start)) s"
cd "$root/build"
ctest --output-on-failure -j"$(nproc)" "$@"
tested=$(date +%s)
echo "tests took $(( tested - built )) s"
# Release check: the .deb installs with apt, its programs run, its desktop files validate, it removes cleanly.
bash "$root/scripts/check_package.sh" "$root/build"
echo "package check took $(( $(date +%s) - tested )) s"
