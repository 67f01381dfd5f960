#!/usr/bin/env bash
# Shows that GPU mode fails clearly where PyTorch's CUDA libraries cannot be had: the launcher in GPU mode, with no
# PYTORCH_LIBRARY_PATH, an empty DJL cache and no download (DJL_OFFLINE; and, when this host is offline, without
# it too), must exit 2 with one line that says what was tried and how to fix it, and no stack trace.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CACHE="$(mktemp -d)"
trap 'rm -rf "$CACHE"' EXIT

expect_one_line() { # $1: what the run was; the run's stderr and exit code are in ERR and RC
  local lines
  lines="$(grep -v '^vision: building the project' <<<"$ERR" | grep -c . || true)"
  if [[ "$RC" != 2 || "$lines" != 1 ]] || ! grep -q '^vision: GPU mode (.*) needs PyTorch 2.7.1' <<<"$ERR" \
      || ! grep -q 'Tried: PYTORCH_LIBRARY_PATH (not set)' <<<"$ERR" || ! grep -q 'Fix: ' <<<"$ERR" \
      || grep -q $'^\tat ' <<<"$ERR"; then
    echo "gpu-mode-selftest: $1: expected exit code 2 and one line naming what was tried; got exit code $RC:" >&2
    echo "$ERR" >&2
    exit 1
  fi
}

run_gpu() { # runs ./vision doctor in GPU mode with the given extra environment
  RC=0
  ERR="$(env -u PYTORCH_LIBRARY_PATH -u PYTORCH_FLAVOR ENGINE_CACHE_DIR="$CACHE" VISION_DEVICE=gpu "$@" \
      ./vision doctor 2>&1 >/dev/null)" || RC=$?
}

run_gpu DJL_OFFLINE=true
expect_one_line "VISION_DEVICE=gpu DJL_OFFLINE=true ./vision doctor"
if command -v curl >/dev/null && ! curl -s -m 10 -o /dev/null https://publish.djl.ai/; then
  run_gpu
  expect_one_line "VISION_DEVICE=gpu ./vision doctor (offline)"
fi
RC=0
ERR="$(env -u PYTORCH_LIBRARY_PATH ENGINE_CACHE_DIR="$CACHE" DJL_OFFLINE=true ./vision bench pose --frames 1 \
    --device gpu 2>&1 >/dev/null)" || RC=$?
expect_one_line "./vision bench pose --device gpu"
echo "gpu-mode-selftest: GPU mode without CUDA libraries fails in one line with exit code 2"
