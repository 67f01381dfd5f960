#!/usr/bin/env bash
# fetch-pose-training-data.sh — motion captures for the pose stage's source skeletons (AseMotion, VrmlMotion).
# Downloads two Debian packages with apt-get (no root needed) and unpacks only these files into $DATA
# (default: target/pose-data): MotionCaptureROM.ase with its source note and the assimp-testmodels copyright, and the
# whitedune walk and run captures with the whitedune-docs copyright.
# Never extract anything else from assimp-testmodels: its BVH clips are unseen evaluation data and must stay unseen.
set -euo pipefail
DATA=${DATA:-$PWD/target/pose-data}
mkdir -p "$DATA/deb"
cd "$DATA/deb"
for pkg in assimp-testmodels whitedune-docs; do
  ls "${pkg}"_*.deb >/dev/null 2>&1 || apt-get -q -o APT::Sandbox::User=root download "$pkg"
done
# unpack_only PACKAGE PATH... : tar extracts exactly the listed members, nothing else from the package
unpack_only() {
  local deb
  deb=$(ls "$1"_*.deb | head -n1)
  shift
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$DATA/deb" "$@"
}
ase=./usr/share/assimp/models/ASE
unpack_only assimp-testmodels "$ase/MotionCaptureROM.ase" "$ase/MotionCaptureROM.source.txt" \
  ./usr/share/doc/assimp-testmodels/copyright
vrml=./usr/share/doc/whitedune-docs/docs/typical_vrml_examples
unpack_only whitedune-docs "$vrml/transform_human_motioncapture_walk.wrl.gz" \
  "$vrml/transform_human_motioncapture_run.wrl.gz" ./usr/share/doc/whitedune-docs/copyright
cp -f "$ase/MotionCaptureROM.ase" "$ase/MotionCaptureROM.source.txt" "$DATA/"
cp -f ./usr/share/doc/assimp-testmodels/copyright "$DATA/assimp-testmodels.copyright"
cp -f "$vrml"/transform_human_motioncapture_*.wrl.gz "$DATA/"
cp -f ./usr/share/doc/whitedune-docs/copyright "$DATA/whitedune-docs.copyright"
rm -rf ./usr
echo "pose motion captures in $DATA: $(cd "$DATA" && ls *.ase *.wrl.gz | tr '\n' ' ')"
