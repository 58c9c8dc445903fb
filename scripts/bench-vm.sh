#!/usr/bin/env bash
# Times the VM speed workloads (runtime/testdata/speed/README.md) under Debian's lua5.1 and
# minioscript and prints each one's mean user+system CPU time and the ratio
# (docs/PERFORMANCE.md, "VM speed against lua5.1"). CPU time rather than wall time: the
# machine is shared, and CPU time varies less with its load. Uses hyperfine when
# installed (apt-get install hyperfine), else RUNS plain runs timed by bash.
# usage: scripts/bench-vm.sh [workload...]   (default: constructs json state); RUNS=5;
# MINIOSCRIPT=path times that binary (an older build, say) instead of building this tree.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
bin=${MINIOSCRIPT:-}
if [ -z "$bin" ]; then
  mkdir -p bin
  go build -o bin/minioscript ./cmd/minioscript
  bin=$PWD/bin/minioscript
fi
speed=$PWD/runtime/testdata/speed
export LUA_PATH="$speed/?.lua"
declare -A file=([constructs]=$PWD/tests/realworld/lua51-tests/constructs.lua
  [json]=$speed/json.lua [state]=$speed/state.lua)

# cpu CMD...: mean user+system seconds of RUNS runs of CMD
cpu() {
  if command -v hyperfine >/dev/null; then
    local out; out=$(mktemp)
    hyperfine -N -w 1 -r "$RUNS" --export-json "$out" "$*" >/dev/null 2>&1
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.3f" % (r["user"]+r["system"]))' "$out"
    rm -f "$out"
  else
    # The children's CPU time adds up in this (sub)shell's own stat, read by its pid.
    local me=$BASHPID t0 t1; t0=$(awk '{print $14+$15+$16+$17}' "/proc/$me/stat")
    for _ in $(seq "$RUNS"); do "$@" >/dev/null 2>&1; done
    t1=$(awk '{print $14+$15+$16+$17}' "/proc/$me/stat")
    awk -v a="$t0" -v b="$t1" -v n="$RUNS" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.3f\n", (b-a)/hz/n}'
  fi
}

echo "| workload | lua5.1 CPU s | minioscript CPU s | ratio |"
echo "|---|---|---|---|"
ws=("$@")
[ $# -gt 0 ] || ws=(constructs json state)
for w in "${ws[@]}"; do
  cd "$(dirname "${file[$w]}")"
  l=$(cpu lua5.1 "${file[$w]}")
  m=$(cpu "$bin" "${file[$w]}")
  cd - >/dev/null
  echo "| $w | $l | $m | $(awk -v l="$l" -v m="$m" 'BEGIN{printf "%.1fx", m/l}') |"
done
