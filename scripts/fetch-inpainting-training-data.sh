#!/usr/bin/env bash
# fetch-inpainting-training-data.sh — real colour photographs for training the built-in RN inpainting default.
# Downloads Debian (bookworm) packages with apt-get download (no root needed unless the lists must be updated) and
# puts only their photographs, flat, into $DATA/photos as <package>-<name>. The training command adds the
# inpainting test images itself. Re-running reuses the .debs in $DATA/deb and rebuilds photos/ the same way.
set -euo pipefail
shopt -s extglob # for the @(...) exclusions below
DATA=${DATA:-$PWD/target/inpainting-data}
start=$SECONDS
PKGS=(mate-backgrounds lomiri-wallpapers plasma-workspace-wallpapers palapeli-data opencv-doc
      python-matplotlib-data python3-scipy)
OPENCV=usr/share/doc/opencv-doc/examples/data
# Hand-checked colour scene photographs; the rest there is grey, synthetic, tiny, text, logos, calibration boards,
# renderings, paintings, doctored (ela_modified) or artificially blurred (licenseplate_motion, text_*).
OPENCV_PHOTOS=(aero1.jpg aero3.jpg apple.jpg board.jpg butterfly.jpg chicky_512.png ela_original.jpg graf1.png
               graf3.png home.jpg leuvenA.jpg leuvenB.jpg messi5.jpg orange.jpg rubberwhale1.png rubberwhale2.png
               smarties.png squirrel_cls.jpg stuff.jpg)

mkdir -p "$DATA/deb"
cd "$DATA"
deb() { find deb -name "$1_*.deb" | sort -V | tail -n1; }
missing=()
for pkg in "${PKGS[@]}"; do [ -n "$(deb "$pkg")" ] || missing+=("$pkg"); done
if [ ${#missing[@]} -gt 0 ]; then
  # stale package lists are the usual cause of a failed download, so update only then
  (cd deb && apt-get -q -o APT::Sandbox::User=root download "${missing[@]}") ||
    { apt-get -q update && (cd deb && apt-get -q -o APT::Sandbox::User=root download "${missing[@]}"); }
fi

# built aside and swapped in at the end, so a failed run never leaves a partial photos/ for the trainer to use
rm -rf x photos.new
mkdir -p x photos.new
unpack() { # PKG MEMBER... — only the members needed; tar fails if the package layout changed
  local pkg=$1; shift
  mkdir -p "x/$pkg"
  dpkg-deb --fsys-tarfile "$(deb "$pkg")" | tar -x -C "x/$pkg" --wildcards "${@/#/./}"
}

add() { # PKG SRC NAME — copies SRC to photos.new/PKG-NAME unless the name is reserved or judged not a photograph
  local pkg=$1 src=$2 name=$3 n
  for n in "${name,,}" "$(basename "${src,,}")"; do
    case $n in
      # held out for evaluation (python3-skimage, opencv-doc) or used by tests and demos: never train on them
      chelsea* | coffee* | rocket* | motorcycle_* | happyfish.jpg | digits.png | astronaut* | camera* | fruits* | \
        baboon* | building* | starry_night*) return 0 ;;
    esac
  done
  case $pkg/$name in
    # a purple gradient with vector shapes, not a photograph (the package's only picture)
    lomiri-wallpapers/warty-final-ubuntu.png) return 0 ;;
    # vector, low-poly, abstract or painted art rather than photographs
    plasma-workspace-wallpapers/@(Altai|Autumn|Canopee|Cascade|Cluster|Elarun|Flow|FlyingKonqui|Honeywave)-*) return 0 ;;
    plasma-workspace-wallpapers/@(IceCold|Kay|Kokkini|MilkyWay|Opal|PastelHills|Patak|SafeLanding|Shell|Volna)-*)
      return 0 ;;
    # black-and-white photographs (no colour in any pixel)
    plasma-workspace-wallpapers/@(ColdRipple|Grey)-*) return 0 ;;
  esac
  [ ! -e "photos.new/$pkg-$name" ] || { echo "duplicate photo name $pkg-$name" >&2; exit 1; }
  cp "$src" "photos.new/$pkg-$name"
}
unpack mate-backgrounds 'usr/share/backgrounds/mate/nature/*'
unpack lomiri-wallpapers 'usr/share/backgrounds/*'
unpack plasma-workspace-wallpapers 'usr/share/wallpapers/*/contents/images/*'
unpack palapeli-data 'usr/share/palapeli/collection/*.jpg' # backgrounds/ there are tiling textures
unpack opencv-doc "${OPENCV_PHOTOS[@]/#/$OPENCV/}"
unpack python-matplotlib-data usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg
unpack python3-scipy usr/lib/python3/dist-packages/scipy/misc/face.dat

for pkg in mate-backgrounds lomiri-wallpapers palapeli-data opencv-doc python-matplotlib-data; do
  # -type f skips lomiri's symlink to the same picture
  while IFS= read -r f; do add "$pkg" "$f" "$(basename "$f")"; done \
    < <(find "x/$pkg" -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' \) | sort)
done

# a wallpaper ships one picture in many sizes: keep only its largest, by pixel count from the WxH.ext name
for dir in x/plasma-workspace-wallpapers/usr/share/wallpapers/*/contents/images; do
  best='' most=0
  for f in "$dir"/*; do
    [[ $(basename "$f") =~ ^([0-9]+)x([0-9]+)\. ]] || continue
    if (( BASH_REMATCH[1] * BASH_REMATCH[2] > most )); then most=$((BASH_REMATCH[1] * BASH_REMATCH[2])) best=$f; fi
  done
  wallpaper=${dir%/contents/images}
  [ -z "$best" ] || add plasma-workspace-wallpapers "$best" "${wallpaper##*/}-$(basename "$best")"
done

# scipy's raccoon face: face.dat is the bz2 of raw 768x1024 RGB bytes; written as PNG with the standard library
# only (the trainer reads .jpg/.jpeg/.png/.webp, so no PPM)
python3 - x/python3-scipy/usr/lib/python3/dist-packages/scipy/misc/face.dat x/face.png <<'PY'
import bz2, struct, sys, zlib
w, h = 1024, 768
raw = bz2.decompress(open(sys.argv[1], "rb").read())
assert len(raw) == w * h * 3, len(raw)
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
rows = b"".join(b"\0" + raw[y * w * 3:(y + 1) * w * 3] for y in range(h))
with open(sys.argv[2], "wb") as out:
    out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
              + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
PY
add python3-scipy x/face.png face.png

rm -rf photos x
mv photos.new photos
total=0
for pkg in "${PKGS[@]}"; do
  n=$(find photos -name "$pkg-*" | wc -l)
  total=$((total + n))
  printf '%5d  %s\n' "$n" "$pkg"
done
echo "$total photographs ($(du -sh photos | cut -f1)) in $DATA/photos, $((SECONDS - start)) s"
