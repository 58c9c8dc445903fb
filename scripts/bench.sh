#!/usr/bin/env bash
# The benchmark suite (docs/PERFORMANCE.md): builds minioscript, starts its own MinIO
# servers on loopback and prints one markdown table (also written to bench-results.md).
# Options go to tools/bench, e.g. `scripts/bench.sh -runs 5 -n 2000` or `-only onboard`.
set -euo pipefail
cd "$(dirname "$0")/.."
MINIO_BIN="${MINIO_BIN:-$(bash scripts/install-minio.sh minio)}"
export MINIO_BIN
# mc is only compared in the onboard and startup sections: -only without them needs none.
only=all
prev=
for a in "$@"; do
  case "$prev" in -only | --only) only=$a ;; esac
  case "$a" in -only=* | --only=*) only=${a#*=} ;; esac
  prev=$a
done
MC_BIN="${MC_BIN:-}"
case ",$only," in
*,all,* | *,onboard,* | *,startup,*) MC_BIN="${MC_BIN:-$(bash scripts/install-minio.sh mc)}" ;;
esac
mkdir -p bin
go build -o bin/minioscript ./cmd/minioscript
go run ./tools/bench -minioscript bin/minioscript -mc "$MC_BIN" -o bench-results.md "$@"
