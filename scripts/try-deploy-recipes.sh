#!/usr/bin/env bash
# Tries the deployment recipes of docs/OPERATIONS.md on this machine, as far as it allows:
# the static binary in an empty root (what the scratch image holds), the crontab line
# (two overlapping runs, one lock), the systemd units (systemd-analyze verify), the
# Kubernetes manifests (parsed; kubectl --dry-run=client when it works offline), and the
# jq recipes on the logs produced. Needs MinIO (install-minio.sh) and jq.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${MINIOSCRIPT_TRY_INNER:-}" ]; then
  MINIO_BIN="${MINIO_BIN:-$(bash scripts/install-minio.sh minio)}"
  export MINIO_BIN MINIOSCRIPT_TRY_INNER=1
  mkdir -p bin
  go build -o bin/withminio ./tools/withminio
  exec bin/withminio -- bash "$0"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
step() { printf '\n== %s\n' "$*"; }

step "static binary (CGO_ENABLED=0 -trimpath -ldflags '-s -w')"
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$work/minioscript" ./cmd/minioscript
file "$work/minioscript" | grep -q "statically linked" && echo "statically linked, $(du -h "$work/minioscript" | cut -f1)"

step "empty root file system, as in the scratch image (chroot)"
root="$work/root"
mkdir -p "$root/etc/ssl/certs" "$root/jobs" "$root/tmp"
cp "$work/minioscript" "$root/minioscript"
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
python3 - "$root/jobs" <<'PY'
import sys, yaml
docs = list(yaml.safe_load_all(open("deploy/kubernetes/cronjob.yaml")))
for name, body in docs[0]["data"].items():
    open(f"{sys.argv[1]}/{name}", "w").write(body)
PY
# The CronJob's args and the Secret's variables, in an otherwise empty environment.
env -i HOME=/tmp MINIO_ENDPOINT="$MINIO_ENDPOINT" MINIO_ACCESS_KEY="$MINIO_ACCESS_KEY" MINIO_SECRET_KEY="$MINIO_SECRET_KEY" \
  "$(command -v chroot)" --userspec=65532:65532 "$root" /minioscript --log-format json --timeout 10m /jobs/report.lua 2>"$work/chroot.log"
jq -c . "$work/chroot.log"

step "crontab line: two overlapping runs with one lock (75 and 0)"
mkdir -p "$work/lock" "$work/log"
cat >"$work/report.lua" <<'LUA'
admin:user_add("cron-user", "cron-user-password-1")
require("time").sleep(2)
LUA
line=$(grep -v '^#' deploy/cron/minioscript.crontab | grep minioscript | sed 's/^\([^ ]* *\)\{6\}//')
line=${line//\/run\/lock\/minioscript/$work/lock}
line=${line//\/var\/log\/minioscript/$work/log}
line=${line//\/etc\/minioscript\/report.lua/$work/report.lua}
line=${line//--alias prod /}
cron_env=(env -i PATH="$work:/usr/bin:/bin" SHELL=/bin/sh MINIO_ENDPOINT="$MINIO_ENDPOINT" MINIO_ACCESS_KEY="$MINIO_ACCESS_KEY" MINIO_SECRET_KEY="$MINIO_SECRET_KEY")
echo "$line"
"${cron_env[@]}" sh -c "$line" & first=$!
sleep 1
set +e
"${cron_env[@]}" sh -c "$line"; second=$?
wait $first; first=$?
set -e
echo "first run exit $first, overlapping run exit $second"
[ "$first" = 0 ] && [ "$second" = 75 ]

step "reading the JSON log and the audit log (docs/OPERATIONS.md recipes)"
log="$work/log/report.log"
echo "-- errors and warnings:"; jq -c 'select(.level == "error" or .level == "warn")' "$log"
echo "-- summaries:"; jq -c 'select(.msg == "run summary") | {time, writes_sent, writes_failed, duration_s, exit_code}' "$log"
echo "-- writes per operation:"; jq -r '.operation' "$work/log/audit.jsonl" | sort | uniq -c
echo "-- failed writes:"; jq -c 'select(.result >= 300 or .result == 0)' "$work/log/audit.jsonl"
stat -c '%a %n' "$work/log/audit.jsonl"

step "systemd units (systemd-analyze verify; PID 1 here is not systemd, so nothing is started)"
units="$work/units"
mkdir -p "$units"
for u in deploy/systemd/*; do
  sed "s|/usr/local/bin/minioscript|$work/minioscript|" "$u" >"$units/$(basename "$u")"
done
id minioscript >/dev/null 2>&1 || echo "(no minioscript user here: verify may warn about User=)"
SYSTEMD_LOG_LEVEL=warning systemd-analyze verify "$units"/*.service "$units"/*.timer && echo "units verified"
systemd-analyze calendar '*-*-* 03:00:00' | sed -n '1,3p'

step "Kubernetes manifests"
python3 - <<'PY'
import yaml
cj = [d for d in yaml.safe_load_all(open("deploy/kubernetes/cronjob.yaml")) if d["kind"] == "CronJob"][0]
assert cj["spec"]["concurrencyPolicy"] == "Forbid"
c = cj["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]
assert c["envFrom"][0]["secretRef"]["name"] == "minio-admin"
dep = [d for d in yaml.safe_load_all(open("deploy/kubernetes/deployment.yaml")) if d["kind"] == "Deployment"][0]
assert dep["spec"]["replicas"] == 1 and "schedule" in dep["spec"]["template"]["spec"]["containers"][0]["args"]
yaml.safe_load(open("deploy/kubernetes/secret.yaml"))
print("manifests parse; CronJob Forbid + Secret env; Deployment runs schedule")
PY
if kubectl apply --dry-run=client --validate=false -f deploy/kubernetes/ -o name >"$work/kubectl.out" 2>&1; then
  cat "$work/kubectl.out"
else
  echo "kubectl client dry run not possible here: $(head -1 "$work/kubectl.out")"
fi

step "container image"
if docker info >/dev/null 2>&1; then
  docker build -f deploy/container/Dockerfile -t minioscript:try .
  docker run --rm minioscript:try --version
else
  echo "no Docker engine here: the image's content was tried above as an empty root (chroot)"
fi
echo; echo "all recipes tried"
