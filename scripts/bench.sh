#!/usr/bin/env bash
# The benchmark suite (docs/PERFORMANCE.md): builds minioscript, starts its own MinIO
# servers on loopback and prints one markdown table (also written to bench-results.md).
# Options go to tools/bench, e.g. `scripts/bench.sh -runs 5 -n 2000` or `-only onboard`.
set -euo pipefail
cd "$(dirname "$0")/.."
MINIO_BIN="${MINIO_BIN:-$(bash scripts/install-minio.sh minio)}"
export MINIO_BIN
MC_BIN="${MC_BIN:-$(bash scripts/install-minio.sh mc)}"
mkdir -p bin
go build -o bin/minioscript ./cmd/minioscript
go run ./tools/bench -minioscript bin/minioscript -mc "$MC_BIN" -o bench-results.md "$@"
