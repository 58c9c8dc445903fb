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
# the patched VM; any Go panic or hang fails) LUA_FUZZTIME. The targets are whatever
# `go test -list` finds, so a new one runs without being listed here. Go 1.26's fuzz
# coordinator can end a timed run on a loaded machine with a bare "context deadline
# exceeded" and no input (golang/go#75804, fixed in Go 1.27): that alone is not a
# finding. A finding always writes its input to testdata/fuzz (a crash, a failure or a
# hang), and fails the run.
fuzz() { # PACKAGE NAME TIME
  local out rc=0
  out=$(mktemp)
  go test -run '^$' -fuzz "^$2\$" -fuzztime "$3" "$1" 2>&1 | tee "$out" || rc=$?
  if [ "$rc" -ne 0 ] && ! grep -q 'Failing input written' "$out" &&
    [ "$(grep -c -v -E '^(fuzz: |--- FAIL: |FAIL|exit status|    context deadline exceeded$)' "$out")" = 0 ]; then
    echo "$2: the fuzz coordinator's deadline race (golang/go#75804), no finding" >&2
    rc=0
  fi
  rm -f "$out"
  return "$rc"
}
FUZZTIME="${FUZZTIME:-10s}"
targets=$(go test -list '^Fuzz' ./... | awk '/^Fuzz/ { names = names " " $1 } /^ok/ { if (names != "") print $2 names; names = "" }')
[ -n "$targets" ] || { echo "no fuzz targets found" >&2; exit 1; }
while read -r pkg names; do
  for name in $names; do
    time="$FUZZTIME"
    [ "$name" = FuzzLua ] && time="${LUA_FUZZTIME:-25s}"
    fuzz "$pkg" "$name" "$time"
  done
done <<< "$targets"
