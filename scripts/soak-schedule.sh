#!/usr/bin/env bash
# The scheduler's no-growth check at full length: `minioscript schedule` runs a job every
# second against a throw-away MinIO for ten minutes (or $1, e.g. 30m) while the test
# samples goroutines, open files and RSS from its /metrics; it fails on growth and logs
# the samples. CI runs the same test for 25 seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
MINIO_BIN="${MINIO_BIN:-$(bash scripts/install-minio.sh minio)}"
export MINIO_BIN
MINIOSCRIPT_SOAK="${1:-10m}" go test -count=1 -timeout 2h -v -run '^TestScheduleNoGrowth$' ./cmd/minioscript/internal/cli 2>&1 |
  grep -v 'schedule_test.go:[0-9]*: map\['
