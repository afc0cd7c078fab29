#!/usr/bin/env bash
# Release check: builds the .deb with CPack, installs it with apt as a user would (pulling its dependencies,
# among them the fast OpenBLAS), runs the installed `bridgelc --version` and `bridgelc inspect --sample`,
# validates the installed AppStream metainfo and desktop file, and removes the package again.
#   scripts/check_package.sh [build-dir]   (default: build/, already configured and built)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
start=$(date +%s)
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

rm -f "$build"/bridgelc-explorer_*.deb
(cd "$build" && cpack -G DEB >/dev/null)  # the build is done: cpack only installs and packs
deb=$(ls "$build"/bridgelc-explorer_*.deb)
echo "built $(basename "$deb") ($(du -h "$deb" | cut -f1))"
dpkg-deb -f "$deb" Depends | tr ',' '\n' | grep -q 'libopenblas0-pthread' ||
  { echo "the package does not depend on libopenblas0-pthread" >&2; exit 1; }

if dpkg-query -W -f='${Status}' bridgelc-explorer 2>/dev/null | grep -q "install ok installed"; then
  echo "bridgelc-explorer is already installed; refusing to replace and remove it" >&2
  exit 1
fi
cleanup() { $SUDO apt-get remove -y -qq bridgelc-explorer >/dev/null 2>&1 || true; }
trap cleanup EXIT
$SUDO apt-get install -y -qq "$deb" >/dev/null

# Run from / so nothing can come from the source tree by accident; the resources must be the installed ones.
cd /
/usr/bin/bridgelc --version | tee /tmp/bridgelc-version.txt
for expected in "BRIDGE-LC Explorer" "git " "build)" "Natural Earth" "European Environment Agency" "Eurostat" \
                "LUCAS" "arXiv:2504.12368"; do
  grep -qF "$expected" /tmp/bridgelc-version.txt || { echo "--version does not mention '$expected'" >&2; exit 1; }
done
/usr/bin/bridgelc inspect --sample | tail -n 5
appstreamcli validate --no-net /usr/share/metainfo/org.bridgelc.Explorer.metainfo.xml
desktop-file-validate /usr/share/applications/bridgelc-explorer.desktop
dpkg-query -W -f='${Status}\n' libopenblas0-pthread | grep -q "install ok installed"

cleanup
trap - EXIT
dpkg-query -W -f='${Status}' bridgelc-explorer 2>/dev/null | grep -q "install ok installed" &&
  { echo "the package is still installed after removal" >&2; exit 1; }
echo "package check passed in $(( $(date +%s) - start )) s"
