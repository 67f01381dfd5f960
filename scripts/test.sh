#!/usr/bin/env bash
# The test command: fetches the pinned test assets, the counting evaluation data and detector and s3rver (Debian and
# npm packages),
# then runs every test and the lint gate (mvn verify), and shows that the gate fails on a violation and that GPU
# mode without CUDA libraries fails in one clear line.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/fetch-test-assets.sh
bash scripts/fetch-counting-eval-data.sh
bash scripts/fetch-counting-detector.sh
bash scripts/fetch-s3rver.sh
mvn -B verify "$@"
bash scripts/lint-gate-selftest.sh
bash scripts/gpu-mode-selftest.sh
