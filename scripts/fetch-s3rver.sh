#!/usr/bin/env bash
# fetch-s3rver.sh: install the pinned s3rver (an S3-compatible server run by node) that the S3 artifact store tests
# start on loopback, into $ASSETS/s3rver. A `.fetched` stamp written last makes a rerun skip it.
#
# Usage: scripts/fetch-s3rver.sh            (ASSETS defaults to <repo>/target/assets)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ASSETS=${ASSETS:-$REPO/target/assets}
VERSION=3.7.1
DIR=$ASSETS/s3rver
log() { echo "fetch-s3rver: $*" >&2; }

if [ -f "$DIR/.fetched" ] && [ -f "$DIR/node_modules/s3rver/bin/s3rver.js" ] \
    && grep -q "\"version\": \"$VERSION\"" "$DIR/node_modules/s3rver/package.json"; then
  log "s3rver@$VERSION: present"
  exit 0
fi
if ! command -v npm >/dev/null; then
  log "npm not found: the S3 store tests will be skipped (install nodejs and npm)"
  exit 0
fi
log "s3rver@$VERSION: installing"
rm -rf "$DIR" "$DIR.partial"
mkdir -p "$DIR.partial"
npm install --prefix "$DIR.partial" --no-audit --no-fund --silent "s3rver@$VERSION"
touch "$DIR.partial/.fetched"
mv "$DIR.partial" "$DIR"
log "s3rver@$VERSION ready in $DIR"
