#!/usr/bin/env bash
# fetch-counting-eval-data.sh: the raw material of the counting evaluation set into $DATA (target/counting-eval).
#
#   tuxpaint-stamps-default    cut-outs with transparent backgrounds (PNG stamps only: Java cannot read the SVG ones,
#                              and the sounds and descriptions are not needed), pasted as objects by
#                              `vision count make-eval-set`
#   mate-backgrounds           nature photographs (nature/ only: abstract/ and desktop/ are graphics), backgrounds
#   lomiri-wallpapers-16.04    photographs, backgrounds (without umang_by_Abhishek_Mudgal.jpg, a colour gradient)
#   palapeli-data              citrus-fruits.jpg only, a real photograph of docs/counting/real-photos.json
#
# Every package lands in x/<package>/ as installed (so a file's path there is its provenance), with its Debian
# copyright file. The scenes depend on every byte of these files, so each package folder is pinned by one checksum
# over all its files; a `.fetched` stamp is written last, a rerun skips every package whose stamp is present and
# whose checksum still matches, and an interrupted run never leaves a half-unpacked package that looks complete.
# None of these packages holds an image reserved as unseen evaluation data (listed in PhotoSplit.EXCLUDED and in
# scripts/fetch-inpainting-training-data.sh); this script never touches the packages that do.
#
# Usage: scripts/fetch-counting-eval-data.sh         (DATA defaults to <repo>/target/counting-eval)
#        DATA=/cache/counting-eval scripts/fetch-counting-eval-data.sh
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA=${DATA:-$REPO/target/counting-eval}
mkdir -p "$DATA"/deb "$DATA"/x
DATA=$(cd "$DATA" && pwd)
cd "$DATA"

# "PACKAGE SHA16": the first 16 hex digits of the SHA-256 of `sha256sum` over every unpacked file, sorted by path.
PINS=(
  "tuxpaint-stamps-default d4da2f900b125b3b"
  "mate-backgrounds da4cb25232a6439e"
  "lomiri-wallpapers-16.04 e5978abe2a64299f"
  "palapeli-data a115d98cf7222601"
)

log() { echo "fetch-counting-eval-data: $*" >&2; }

tree_sha16() {
  (cd "$1" && find . -type f ! -name .fetched -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
}

pin_of() {
  local pin name sha16
  for pin in "${PINS[@]}"; do
    read -r name sha16 <<<"$pin"
    [ "$name" != "$1" ] || { echo "$sha16"; return 0; }
  done
  log "no pin for $1"; exit 1
}

# verify DIR PKG: true when DIR was completely fetched and its files match the package's pin.
verify() {
  local dir=$1 pkg=$2 actual expected
  [ -f "$dir/.fetched" ] || return 1
  actual=$(tree_sha16 "$dir")
  expected=$(pin_of "$pkg")
  [ "$actual" = "$expected" ] || { log "$pkg: checksum $actual, expected $expected"; return 1; }
}

# shellcheck source=lib/apt-download.sh
. "$REPO/scripts/lib/apt-download.sh"

# deb PKG MEMBER... [-- TAR-OPTION...]: unpack only the MEMBER paths (tar wildcards) of the current bookworm .deb of
# PKG into x/PKG/, together with its copyright file.
deb() {
  local pkg=$1; shift
  local dir=x/$pkg members=() options=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do members+=("$1"); shift; done
  [ $# -eq 0 ] || { shift; options=("$@"); }
  if verify "$dir" "$pkg"; then log "$pkg: present"; return 0; fi
  log "$pkg: downloading"
  local start=$SECONDS
  rm -f deb/"$pkg"_*.deb
  apt_download "$pkg"
  local f; f=$(ls deb/"$pkg"_*.deb | head -n1)
  rm -rf "$dir" "$dir.partial"
  mkdir -p "$dir.partial"
  dpkg-deb --fsys-tarfile "$f" | tar -x -C "$dir.partial" --wildcards "${options[@]}" "${members[@]}" \
      "./usr/share/doc/$pkg/copyright"
  rm -f "$f"
  log "$pkg: $(find "$dir.partial" -type f | wc -l) files in $((SECONDS - start)) s"
  touch "$dir.partial/.fetched"
  mv "$dir.partial" "$dir"
  verify "$dir" "$pkg" || { log "$pkg: unpacked files do not verify"; exit 1; }
}

deb tuxpaint-stamps-default './usr/share/tuxpaint/stamps/*.png'
deb mate-backgrounds './usr/share/backgrounds/mate/nature/*.jpg'
deb lomiri-wallpapers-16.04 './usr/share/backgrounds/*.jpg' -- --exclude='*/umang_by_Abhishek_Mudgal.jpg'
deb palapeli-data ./usr/share/palapeli/collection/citrus-fruits.jpg

echo "counting evaluation data ready in $DATA"
