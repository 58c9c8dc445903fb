#!/usr/bin/env bash
# Installs the pinned MinIO server (and mc, and the KES server) and prints the path of
# the one asked for (default: minio).
# The versions below are the one place they are pinned.
set -euo pipefail
MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c
MC_VERSION=v0.0.0-20250313080218-cf909e1063a9
KES_VERSION=v0.24.0

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
  kes)
    # `go install kes@version` is refused (its go.mod has replace directives), so build
    # it from a throw-away module that requires it.
    if [ ! -x "$bindir/kes" ]; then
      echo "building kes@$KES_VERSION" >&2
      tmp=$(mktemp -d)
      trap 'rm -rf "$tmp"' EXIT
      (cd "$tmp" &&
        printf 'module kesbuild\n\ngo 1.24\n' > go.mod &&
        go get "github.com/minio/kes/cmd/kes@$KES_VERSION" >&2 &&
        mkdir -p "$bindir" &&
        go build -o "$bindir/kes" github.com/minio/kes/cmd/kes >&2)
    fi
    echo "$bindir/kes"
    ;;
  *) echo "usage: $0 [minio|mc|kes]" >&2; exit 2 ;;
esac
