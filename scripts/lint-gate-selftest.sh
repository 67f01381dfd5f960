#!/usr/bin/env bash
# Shows that the lint gate bites: plants a file that breaks each style rule in the schemas module, runs the gate's
# Checkstyle execution there, and fails unless every planted violation is reported. The file is always removed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PLANT=schemas/src/main/java/dev/visionstream/schemas/LintGateSelfTestViolations.java
trap 'rm -f "$PLANT"' EXIT
LONG=$(printf 'x%.0s' $(seq 1 110))
cat > "$PLANT" <<JAVA
package dev.visionstream.schemas;

import java.util.Map;
import java.util.List;

final class LintGateSelfTestViolations {
    static final String LONG = "$LONG";
    static java.util.Set<String> names() {
        return java.util.Set.of();
    }
}
JAVA
OUT=$(mvn -B -o -q -pl schemas checkstyle:check@lint-style 2>&1) && {
  echo "lint-gate-selftest: the gate passed a file with violations" >&2
  exit 1
}
for rule in LineLength UnusedImports ImportOrder inlineQualifiedName; do
  if ! grep -q "LintGateSelfTestViolations.java.*$rule" <<<"$OUT"; then
    echo "lint-gate-selftest: the gate did not report $rule" >&2
    echo "$OUT" >&2
    exit 1
  fi
done
echo "lint-gate-selftest: the gate fails on long lines, unused and unsorted imports and inline qualified names"
