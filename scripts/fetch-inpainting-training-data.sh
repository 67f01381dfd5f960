#!/usr/bin/env bash
# fetch-inpainting-training-data.sh — real photographs for training the built-in RN inpainting default.
# Downloads the Debian wallpaper packages with apt-get (no root needed) and unpacks only their pictures into
# $DATA (default: target/inpainting-data/photos). The training command adds the inpainting test images itself.
set -euo pipefail
DATA=${DATA:-$PWD/target/inpainting-data}
mkdir -p "$DATA/deb" "$DATA/x" "$DATA/photos"
cd "$DATA/deb"
for pkg in gnome-backgrounds mate-backgrounds; do
  ls "${pkg}"_*.deb >/dev/null 2>&1 || apt-get -q -o APT::Sandbox::User=root download "$pkg"
  f=$(ls "${pkg}"_*.deb | head -n1)
  mkdir -p "../x/$pkg"
  dpkg-deb -x "$f" "../x/$pkg"
done
cd "$DATA"
# keep only raster pictures (OpenCV decodes all three formats); names are prefixed with the package to stay unique
find x -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' \) -size +100k | while read -r f; do
  pkg=${f#x/}; pkg=${pkg%%/*}
  cp -f "$f" "photos/${pkg}-$(basename "$f")"
done
echo "$(ls photos | wc -l) photographs in $DATA/photos"
