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
# Each fuzz target also runs a bounded number of generated inputs beyond its seed corpus
# (the seeds in testdata/fuzz ran as tests above). The budgets are counts, not durations:
# Go 1.26's fuzz coordinator can fail a duration-bounded run with a bare "context
# deadline exceeded" when its time ends on a loaded machine (golang/go#75804, fixed in
# Go 1.27). Add targets as ./package:FuzzName.
FUZZTIME="${FUZZTIME:-50000x}"
for target in ./stdlib/csv:FuzzParse ./stdlib/json:FuzzRoundTrip ./bindings:FuzzArguments ./admin:FuzzAlias \
  ./admin:FuzzDecryptPayload ./admin:FuzzErrorBody ./admin:FuzzParseKV ./admin:FuzzParseIAMZip ./admin:FuzzCanonicalPolicy; do
  go test -run '^$' -fuzz "^${target#*:}\$" -fuzztime "$FUZZTIME" "${target%%:*}"
done
# The patched Lua VM's own suite (the Lua 5.1 tests among them) ran above with ./...;
# FuzzLua (generated Lua programs; any Go panic or hang fails) runs a bounded count.
go test -run '^$' -fuzz '^FuzzLua$' -fuzztime "${LUA_FUZZTIME:-40000x}" ./third_party/gopher-lua
