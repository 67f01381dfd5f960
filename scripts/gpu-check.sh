#!/usr/bin/env bash
# The GPU check of issue #18, one run of at most 10 minutes on a machine with an NVIDIA GPU, Java 17 and Maven:
# builds, runs `vision doctor`, then `vision bench count|inpaint|pose|splat` on the CPU and on the GPU (each bench
# kept short), and prints frames per second for each. Usage: scripts/gpu-check.sh [cpu|gpu|both] (default both).
#
# The GPU half needs PyTorch 2.7.1's CUDA libraries (docs/gpu.md). Maven Central serves only the CPU build, so the
# script takes, in this order: PYTORCH_LIBRARY_PATH; a CUDA build in DJL's cache (~/.djl.ai/pytorch); the lib folder
# of a pip-installed torch 2.7.x with CUDA; /opt/libtorch/lib; else DJL's download from publish.djl.ai, where that
# site is reachable. With none of them it says so (the one-line start-up error) and skips the GPU half.
# The splat bench times a YoNoSplat export: SPLAT_MODEL=FILE.pt (SPLAT_MODEL_SIZE=HxW, default 224x224), else a tiny
# contract network written by python3 with torch (28x28; speed of the path, not of the real model), else skipped.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
HALVES="${1:-both}"
PER_BENCH_S="${GPU_CHECK_BENCH_TIMEOUT:-45}"  # 8 benches: about 6 of the 10 minutes at most
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
START=$(date +%s)
SUMMARY=()

say() { printf '%s gpu-check: %s\n' "$(date +%H:%M:%S)" "$*"; }

say "building (./vision builds on first use)"
if ! ./vision --version > "$WORK/build.out" 2>&1; then
  cat "$WORK/build.out"
  say "build failed"
  exit 1
fi
say "built in $(( $(date +%s) - START )) s"
command -v nvidia-smi > /dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader

find_libtorch() {
  local dir site
  if [[ -n "${PYTORCH_LIBRARY_PATH:-}" ]]; then
    echo "$PYTORCH_LIBRARY_PATH"; return
  fi
  for dir in "${ENGINE_CACHE_DIR:-${DJL_CACHE_DIR:-$HOME/.djl.ai}}"/pytorch/2.7.1-*cu*-linux-x86_64; do
    [[ -f "$dir/libtorch.so" ]] && { echo "cache"; return; }
  done
  if command -v python3 > /dev/null; then
    dir="$(python3 -c 'import os, torch
if torch.__version__.startswith("2.7.") and torch.version.cuda: print(os.path.join(os.path.dirname(torch.__file__), "lib"))' \
      2>/dev/null)"
    if [[ -n "$dir" && -f "$dir/libtorch.so" ]]; then
      # pip's torch finds cuDNN, cuBLAS and the CUDA runtime in the nvidia-* packages beside it
      site="$(dirname "$(dirname "$dir")")"
      for lib in "$site"/nvidia/*/lib; do
        [[ -d "$lib" ]] && export LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
      done
      echo "$dir"; return
    fi
  fi
  [[ -f /opt/libtorch/lib/libtorch.so ]] && { echo /opt/libtorch/lib; return; }
  echo ""
}

run_bench() { # $1 stage, $2 device, rest: the bench command line; keeps the lines with frames/s
  local stage="$1" device="$2" rc=0
  shift 2
  say "bench $stage on $device: ./vision $*"
  timeout "$PER_BENCH_S" ./vision "$@" > "$WORK/$stage-$device.out" 2>&1 || rc=$?
  grep -v '^[0-9:. ]*\(INFO\|WARN\|DEBUG\)' "$WORK/$stage-$device.out" | sed 's/^/    /'
  if [[ $rc -ne 0 ]]; then # the figures printed before a failure or the time limit still count
    SUMMARY+=("$(printf '%-8s %-4s %s' "$stage" "$device" "$([[ $rc == 124 ]] && echo "stopped after ${PER_BENCH_S} s \
(GPU_CHECK_BENCH_TIMEOUT)" || echo "failed with exit code $rc"); figures so far:")")
  fi
  while IFS= read -r line; do
    SUMMARY+=("$(printf '%-8s %-4s %s' "$stage" "$device" "$line")")
  done < <(grep -E 'frames/s|scenes/s' "$WORK/$stage-$device.out" | grep -v '^ *pipeline\|ratio' \
      | sed -E 's/^ +//' | cut -c1-110)
}

splat_model() {
  if [[ -n "${SPLAT_MODEL:-}" ]]; then
    echo "$SPLAT_MODEL ${SPLAT_MODEL_SIZE:-224x224}"; return
  fi
  local python
  for python in python3 /usr/bin/python3; do
    if command -v "$python" > /dev/null \
        && "$python" vision-models/src/test/resources/splatting/tiny_yonosplat.py "$WORK/tiny.pt" > /dev/null 2>&1; then
      echo "$WORK/tiny.pt 28x28"; return
    fi
  done
}

benches() { # $1: cpu or gpu
  local d="$1" model size
  run_bench count "$d" bench count --device "$d" --frames 16 --warmup 16 --skip-pipeline
  run_bench inpaint "$d" bench inpaint --device "$d" --repeats 3 --batch 4 --skip-published --pipeline-frames 0
  run_bench pose "$d" bench pose --device "$d" --frames 200 --iterative-frames 2
  read -r model size <<<"$(splat_model)"
  if [[ -n "${model:-}" ]]; then
    run_bench splat "$d" bench splat --device "$d" --model "$model" --model-size "$size" --model-only --scenes 10
  else
    SUMMARY+=("$(printf '%-8s %-4s %s' splat "$d" "skipped: no YoNoSplat export (SPLAT_MODEL=FILE.pt) and no python3 torch to write a tiny one; the built-in stereo predictor is CPU code")")
  fi
}

say "doctor (CPU mode)"
./vision doctor --no-kafka 2>&1 | grep -v '^[0-9:. ]*\(INFO\|WARN\)'
if [[ "$HALVES" == both || "$HALVES" == cpu ]]; then
  benches cpu
fi
if [[ "$HALVES" == both || "$HALVES" == gpu ]]; then
  LIBTORCH="$(find_libtorch)"
  if [[ -n "$LIBTORCH" && "$LIBTORCH" != cache ]]; then
    export PYTORCH_LIBRARY_PATH="$LIBTORCH" PYTORCH_FLAVOR="${PYTORCH_FLAVOR:-cu128}"
    say "CUDA libtorch: PYTORCH_LIBRARY_PATH=$PYTORCH_LIBRARY_PATH (PYTORCH_FLAVOR=$PYTORCH_FLAVOR)"
  elif [[ "$LIBTORCH" == cache ]]; then
    say "CUDA libtorch: DJL's cache"
  else
    export PYTORCH_FLAVOR="${PYTORCH_FLAVOR:-cu128}"
    say "CUDA libtorch: none found locally; DJL will try to download flavour $PYTORCH_FLAVOR from publish.djl.ai"
  fi
  say "doctor (GPU mode)"
  if VISION_DEVICE=gpu ./vision doctor --no-kafka 2>&1 | grep -v '^[0-9:. ]*\(INFO\|WARN\)'; then
    benches gpu
  else
    SUMMARY+=("all      gpu  skipped: GPU mode did not start (the line above says why; docs/gpu.md)")
  fi
fi

say "done in $(( $(date +%s) - START )) s; frames per second (higher is better):"
printf '  %s\n' "${SUMMARY[@]}"
