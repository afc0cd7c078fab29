#!/usr/bin/env bash
# Sets up, builds and opens BRIDGE-LC Explorer on the built-in EU-27 sample.
# Without a display (e.g. over ssh) it runs the headless engine on the sample instead.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh"
bash "$root/scripts/build.sh"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$root/build/app/explorer/bridgelc-explorer" --sample "$@"
fi
echo "No display found: running the headless engine on the built-in sample instead."
"$root/build/app/cli/bridgelc" inspect --sample
exec "$root/build/app/cli/bridgelc" train --sample --model bridgelc --scenario extrap "$@"
