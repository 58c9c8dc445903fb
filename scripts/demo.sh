#!/usr/bin/env bash
# The main job: builds minioscript, starts a throw-away MinIO server on loopback and runs
# an example script against it (default: users, groups and policies). Pass another
# script path to run that instead.
set -euo pipefail
cd "$(dirname "$0")/.."
MINIO_BIN="${MINIO_BIN:-$(bash scripts/install-minio.sh minio)}"
export MINIO_BIN
mkdir -p bin
go build -o bin/minioscript ./cmd/minioscript
go build -o bin/withminio ./tools/withminio
script="${1:-scripts/examples/02_users_groups_policies.lua}"
exec bin/withminio -- bin/minioscript "$script"
