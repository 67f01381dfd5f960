#!/usr/bin/env bash
# fetch-pose-training-data.sh — the whitedune walk and run motion captures (VrmlMotion) for `vision pose train`.
# Downloads whitedune-docs with apt-get (no root needed) and unpacks only the two captures and the package copyright
# into $DATA (default: target/pose-data). CMU 01_01 and the 3ds Max range-of-motion capture come with the test
# assets (scripts/fetch-test-assets.sh), which never unpack the other BVH clips: those are unseen evaluation data.
set -euo pipefail
DATA=${DATA:-$PWD/target/pose-data}
mkdir -p "$DATA/deb"
cd "$DATA/deb"
ls whitedune-docs_*.deb >/dev/null 2>&1 || apt-get -q -o APT::Sandbox::User=root download whitedune-docs
vrml=./usr/share/doc/whitedune-docs/docs/typical_vrml_examples
dpkg-deb --fsys-tarfile "$(ls whitedune-docs_*.deb | head -n1)" | tar -x -C "$DATA/deb" \
  "$vrml/transform_human_motioncapture_walk.wrl.gz" "$vrml/transform_human_motioncapture_run.wrl.gz" \
  ./usr/share/doc/whitedune-docs/copyright
cp -f "$vrml"/transform_human_motioncapture_*.wrl.gz "$DATA/"
cp -f ./usr/share/doc/whitedune-docs/copyright "$DATA/whitedune-docs.copyright"
rm -rf ./usr
echo "pose motion captures in $DATA: $(cd "$DATA" && ls *.wrl.gz | tr '\n' ' ')"
