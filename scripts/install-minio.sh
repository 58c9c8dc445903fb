#!/usr/bin/env bash
# Installs the pinned MinIO server (and mc) with `go install` and prints the server's path.
# The versions below are the one place they are pinned.
set -euo pipefail
MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c
MC_VERSION=v0.0.0-20250313080218-cf909e1063a9

bindir="$(go env GOPATH)/bin"
what="${1:-minio}"
case "$what" in
  minio)
    if [ ! -x "$bindir/minio" ]; then
      echo "installing minio@$MINIO_VERSION (takes a few minutes the first time)" >&2
      go install "github.com/minio/minio@$MINIO_VERSION" >&2
    fi
    echo "$bindir/minio"
    ;;
  mc)
    if [ ! -x "$bindir/mc" ]; then
      echo "installing mc@$MC_VERSION" >&2
      go install "github.com/minio/mc@$MC_VERSION" >&2
    fi
    echo "$bindir/mc"
    ;;
  *) echo "usage: $0 [minio|mc]" >&2; exit 2 ;;
esac
