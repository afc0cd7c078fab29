#!/usr/bin/env bash
# Installs every Debian package that building, running and testing BRIDGE-LC Explorer needs.
# Idempotent: when everything is present it prints nothing and touches nothing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  # Qt 6.4: Widgets, Charts, Positioning, Concurrent, Svg, Test
  qt6-base-dev qt6-charts-dev qt6-positioning-dev qt6-svg-dev libgl-dev
  # LibTorch on the pthread OpenBLAS (the reference BLAS is ~8x slower)
  libtorch-dev libopenblas0-pthread libopenblas-dev
  # geodata I/O, projections, tree models
  libgdal-dev gdal-bin libproj-dev proj-data libxgboost-dev libnanoflann-dev libfaiss-dev
  # small libraries
  libcli11-dev nlohmann-json3-dev libfmt-dev libspdlog-dev libfast-float-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev liblcms2-dev
  xvfb xauth x11-apps imagemagick fonts-dejavu-core
  python3-numpy python3-gdal  # python3-gdal: scripts/make_synthetic_stack.py (raster tests)
  poppler-utils  # pdfinfo: the map export tests open the exported PDF
  # release checks: AppStream metainfo and desktop file validators
  appstream desktop-file-utils
  # a one-node Slurm for the array-job tests; scikit-learn as the random forest's speed reference
  munge slurmctld slurmd slurm-client python3-sklearn
  # the same model in PyTorch, the reference of `bridgelc bench --python` and its test
  python3-torch
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing ${#missing[@]} Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
