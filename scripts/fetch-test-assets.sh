#!/usr/bin/env bash
# fetch-test-assets.sh: download the pinned test assets into $ASSETS.
#
# Debian files come from `apt-get download` + `dpkg-deb`, npm files from `npm pack`; every pinned file is checked
# against its SHA-256 prefix. Each package lands in its own folder with a `.fetched` stamp written last, so a
# rerun skips every package whose stamp is present and whose pinned files still verify, and an interrupted run
# never leaves a half-unpacked package that looks complete.
#
# Usage: scripts/fetch-test-assets.sh            (ASSETS defaults to <repo>/target/assets)
#        ASSETS=/cache/assets scripts/fetch-test-assets.sh
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ASSETS=${ASSETS:-$REPO/target/assets}
mkdir -p "$ASSETS"/deb "$ASSETS"/x "$ASSETS"/npm
ASSETS=$(cd "$ASSETS" && pwd)
cd "$ASSETS"

SK=./usr/lib/python3/dist-packages/skimage/data
OD=./usr/share/doc/opencv-doc/examples
BVH=./usr/share/assimp/models/BVH
ASE=./usr/share/assimp/models/ASE
WD=./usr/share/doc/whitedune-docs/docs/typical_vrml_examples

# Pinned files: "DIR SHA16 PATH-IN-DIR". DIR is the package folder under $ASSETS; SHA16 "-" only requires the
# file to exist (the spec pins no checksum for it).
PINS=(
  "x/python3-skimage f8d773fc9cfa6f4d $SK/coins.png"
  "x/python3-skimage 88431cd9653ccd53 $SK/astronaut.png"
  "x/opencv-doc ad3f751c053fdcf4 $OD/data/smarties.png"
  "x/opencv-doc 45cddc9490be6934 $OD/data/vtest.avi"
  "x/opencv-doc c419615d0f1794cd $OD/data/intrinsics.yml"
  "x/assimp-testmodels 1d9ee909452ee627 $BVH/01_01.bvh"
  "x/assimp-testmodels 146ad5142c27127a $ASE/MotionCaptureROM.ase"
  "x/whitedune-docs a4f6b553c9b6f3a4 $WD/transform_human_motioncapture_run.wrl.gz"
  "x/whitedune-docs 2f91eeeea8f28b65 $WD/transform_human_motioncapture_walk.wrl.gz"
  "npm/gaussian-splats-3d - build/gaussian-splats-3d.module.js"
  "npm/three - build/three.module.js"
)

log() { echo "fetch-test-assets: $*" >&2; }

# verify DIR: true when DIR was completely fetched and all of its pinned files match their checksums.
verify() {
  local dir=$1 pin pdir sha16 path actual
  [ -f "$dir/.fetched" ] || return 1
  for pin in "${PINS[@]}"; do
    read -r pdir sha16 path <<<"$pin"
    [ "$pdir" = "$dir" ] || continue
    [ -f "$dir/$path" ] || { log "missing $dir/$path"; return 1; }
    [ "$sha16" != "-" ] || continue
    actual=$(sha256sum "$dir/$path" | cut -c1-16)
    [ "$actual" = "$sha16" ] || { log "checksum mismatch $dir/$path: $actual, expected $sha16"; return 1; }
  done
}

# shellcheck source=lib/apt-download.sh
. "$REPO/scripts/lib/apt-download.sh"

# deb PKG MEMBER...: unpack only the MEMBER paths (tar wildcards) of the current bookworm .deb of PKG into x/PKG/.
deb() {
  local pkg=$1; shift
  local dir=x/$pkg
  if verify "$dir"; then log "$pkg: present"; return 0; fi
  log "$pkg: downloading"
  rm -f deb/"$pkg"_*.deb
  apt_download "$pkg"
  local f; f=$(ls deb/"$pkg"_*.deb | head -n1)
  rm -rf "$dir" "$dir.partial"
  mkdir -p "$dir.partial"
  dpkg-deb --fsys-tarfile "$f" | tar -x -C "$dir.partial" --wildcards "$@"
  rm -f "$f"
  touch "$dir.partial/.fetched"
  mv "$dir.partial" "$dir"
  verify "$dir" || { log "$pkg: unpacked files do not verify"; exit 1; }
}

# npmget NAME@VERSION DIR: unpack the package/ folder of a pinned npm tarball into npm/DIR/.
npmget() {
  local spec=$1 dir=npm/$2
  if verify "$dir"; then log "$spec: present"; return 0; fi
  log "$spec: downloading"
  local tgz
  tgz=$(cd npm && npm pack "$spec" --silent | tail -n1)
  rm -rf "$dir" "$dir.partial"
  mkdir -p "$dir.partial"
  tar -xzf "npm/$tgz" -C "$dir.partial" --strip-components=1
  rm -f "npm/$tgz"
  touch "$dir.partial/.fetched"
  mv "$dir.partial" "$dir"
  verify "$dir" || { log "$spec: unpacked files do not verify"; exit 1; }
}

deb python3-skimage "$SK/coins.png" "$SK/astronaut.png" "$SK/camera.png" \
    ./usr/share/doc/python3-skimage/copyright
deb opencv-doc "$OD/data/smarties.png" "$OD/data/fruits.jpg" "$OD/data/baboon.jpg" "$OD/data/building.jpg" \
    "$OD/fuzzy/mask[1-3].png" "$OD/data/vtest.avi" \
    "$OD/data/left0[1-9].jpg" "$OD/data/left1[1-4].jpg" "$OD/data/right0[1-9].jpg" "$OD/data/right1[1-4].jpg" \
    "$OD/data/intrinsics.yml" "$OD/data/aloeL.jpg" "$OD/data/aloeR.jpg" "$OD/data/aloeGT.png" \
    ./usr/share/doc/opencv-doc/copyright
# only 01_01.bvh of the BVH clips: the others are unseen evaluation data and are never unpacked
deb assimp-testmodels "$BVH/01_01.bvh" "$BVH/01_nn.bvh.source.txt" "$ASE/MotionCaptureROM.ase" \
    "$ASE/MotionCaptureROM.source.txt" ./usr/share/doc/assimp-testmodels/copyright
deb whitedune-docs "$WD/transform_human_motioncapture_walk.wrl.gz" "$WD/transform_human_motioncapture_run.wrl.gz" \
    ./usr/share/doc/whitedune-docs/copyright
npmget @mkkellogg/gaussian-splats-3d@0.4.7 gaussian-splats-3d
npmget three@0.170.0 three

echo "assets ready in $ASSETS"
