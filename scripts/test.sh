#!/usr/bin/env bash
# Runs every test: vet, then `go test ./...` against real MinIO servers (installed by
# scripts/install-minio.sh when missing). Extra arguments go to `go test`.
set -euo pipefail
cd "$(dirname "$0")/.."
MINIO_BIN="${MINIO_BIN:-$(bash scripts/install-minio.sh minio)}"
export MINIO_BIN
echo "using MinIO server $MINIO_BIN" >&2
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt needed: $unformatted" >&2
  exit 1
fi
go vet ./...
go test -count=1 -timeout 30m "$@" ./...
# Each fuzz target also runs for a bounded time beyond its seed corpus (the seeds in
# testdata/fuzz ran as tests above): FUZZTIME each, FuzzLua (generated Lua programs for
# the patched VM; any Go panic fails) LUA_FUZZTIME. The targets are whatever
# `go test -list` finds, so a new one runs without being listed here.
FUZZTIME="${FUZZTIME:-10s}"
targets=$(go test -list '^Fuzz' ./... | awk '/^Fuzz/ { names = names " " $1 } /^ok/ { if (names != "") print $2 names; names = "" }')
[ -n "$targets" ] || { echo "no fuzz targets found" >&2; exit 1; }
while read -r pkg names; do
  for name in $names; do
    time="$FUZZTIME"
    [ "$name" = FuzzLua ] && time="${LUA_FUZZTIME:-25s}"
    go test -run '^$' -fuzz "^${name}\$" -fuzztime "$time" "$pkg"
  done
done <<< "$targets"
