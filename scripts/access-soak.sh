#!/usr/bin/env bash
# Long differential run of the access evaluator against a real MinIO (release check):
# random IAM deployments, every principal making real calls, each outcome compared with
# access.Evaluator. ACCESS_DECISIONS sets the count (default 50000); ACCESS_DIFF_SEED
# repeats a run. Prints the decision and mismatch counts; exits non-zero on a mismatch.
set -euo pipefail
cd "$(dirname "$0")/.."
export MINIO_BIN="${MINIO_BIN:-$(go env GOPATH)/bin/minio}"
[ -x "$MINIO_BIN" ] || MINIO_BIN=$(bash scripts/install-minio.sh minio)
export ACCESS_DIFF_DECISIONS="${ACCESS_DECISIONS:-50000}"
go test ./access -run '^TestDifferential$' -count=1 -v -timeout 60m 2>&1 | grep -v '^=== RUN'
