package cli_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/minioscript/minioscript/admin/testserver"
)

// startHolder starts a run that holds lock until it is killed or its sleep ends, and
// waits until the lock file names it.
func startHolder(t *testing.T, lock string, seconds int) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(binary, "--lock", lock, "-e", "require('time').sleep("+strconv.Itoa(seconds)+")")
	cmd.Env = cleanEnv()
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	want := strconv.Itoa(cmd.Process.Pid) + "\n"
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if b, _ := os.ReadFile(lock); string(b) == want {
			return cmd
		}
		if time.Now().After(deadline) {
			t.Fatalf("the holder never took the lock; stderr %s", errb.String())
		}
	}
}

func TestLockOverlappingRuns(t *testing.T) {
	lock := filepath.Join(t.TempDir(), "job.lock")
	first := startHolder(t, lock, 2)
	r := run(t, nil, "", "--lock", lock, "-e", "print('must not run')")
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if r.code != 75 || r.stdout != "" || len(lines) != 1 || !strings.Contains(lines[0], "held by pid "+strconv.Itoa(first.Process.Pid)) {
		t.Fatalf("second run: %+v", r)
	}
	if err := first.Wait(); err != nil {
		t.Fatalf("first run: %v", err)
	}
	if info, err := os.Stat(lock); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("lock file: %v %v", info, err)
	}
	// The lock is free again once its holder ended.
	if r := run(t, nil, "", "--lock", lock, "-e", "print('ran')"); r.code != 0 || r.stdout != "ran\n" {
		t.Fatalf("after the holder: %+v", r)
	}
}

func TestLockLeftByKilledProcess(t *testing.T) {
	lock := filepath.Join(t.TempDir(), "job.lock")
	holder := startHolder(t, lock, 60)
	holder.Process.Signal(syscall.SIGKILL)
	holder.Wait()
	// The file still names the dead pid; it must not block.
	if b, _ := os.ReadFile(lock); strings.TrimSpace(string(b)) != strconv.Itoa(holder.Process.Pid) {
		t.Fatalf("lock file content %q", b)
	}
	if r := run(t, nil, "", "--lock", lock, "-e", "print('ran')"); r.code != 0 || r.stdout != "ran\n" {
		t.Fatalf("after a killed holder: %+v", r)
	}
}

func TestExitFromScript(t *testing.T) {
	for code, want := range map[string]int{"minio.exit(3)": 3, "minio.exit()": 0, "pcall(minio.exit, 4) print('not reached')": 4, "minio.exit(256)": 1} {
		r := run(t, nil, "", "-e", code)
		if r.code != want || r.stdout != "" {
			t.Fatalf("%s: %+v", code, r)
		}
	}
	r := run(t, nil, "", "--log-format", "yaml", "-e", "print(1)")
	if r.code != 2 || !strings.Contains(r.stderr, "--log-format") {
		t.Fatalf("bad log format: %+v", r)
	}
	r = run(t, nil, "", "--help")
	for _, want := range []string{"75", "locked", "minio.exit", "--lock", "--log-format", "--audit-log"} {
		if !strings.Contains(r.stdout, want) {
			t.Fatalf("help lacks %q", want)
		}
	}
}

// jsonLines parses every stderr line as one JSON object with time, level and msg.
func jsonLines(t *testing.T, stderr string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	sc := bufio.NewScanner(strings.NewReader(stderr))
	for sc.Scan() {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("not a JSON line: %q (%v)", sc.Text(), err)
		}
		if _, err := time.Parse(time.RFC3339Nano, rec["time"].(string)); err != nil || rec["level"] == nil || rec["msg"] == nil {
			t.Fatalf("line lacks time, level or msg: %q", sc.Text())
		}
		recs = append(recs, rec)
	}
	return recs
}

func TestJSONLogsSummaryAndAudit(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	env := []string{"MINIO_ENDPOINT=" + srv.URL(), "MINIO_ROOT_USER=" + testserver.RootUser, "MINIO_ROOT_PASSWORD=" + testserver.RootPassword}
	secrets := []string{testserver.RootPassword, "audit-user-password-1", "audit-sa-secret-key-0123456789"}
	script := writeScript(t, `
local log = require("log")
admin:user_add("audit-user", "audit-user-password-1")
admin:group_add("audit-group", { "audit-user" })
admin:policy_set("readonly", "audit-user")
admin:add_service_account{ user = "audit-user", access_key = "audit-sa-key", secret_key = "audit-sa-secret-key-0123456789" }
local ok, err = pcall(admin.user_remove, admin, "nobody-here")
log.info("done", { user = "audit-user", failed_as_expected = not ok })
print(admin:user_info("audit-user").status)
error("stop here")
`)
	auditLog := filepath.Join(t.TempDir(), "audit.jsonl")
	r := run(t, env, "", "--log-format", "json", "--audit-log", auditLog, script)
	if r.code != 1 || r.stdout != "enabled\n" {
		t.Fatalf("%+v", r)
	}
	recs := jsonLines(t, r.stderr)
	if len(recs) != 3 {
		t.Fatalf("want the script's line, the error and the summary: %s", r.stderr)
	}
	if recs[0]["msg"] != "done" || recs[0]["user"] != "audit-user" || recs[0]["failed_as_expected"] != "true" {
		t.Fatalf("script line: %v", recs[0])
	}
	if recs[1]["level"] != "error" || !strings.Contains(recs[1]["msg"].(string), "stop here") || !strings.Contains(recs[1]["traceback"].(string), "stack traceback") {
		t.Fatalf("error line: %v", recs[1])
	}
	sum := recs[2]
	if sum["msg"] != "run summary" || sum["writes_sent"] != 5.0 || sum["writes_failed"] != 1.0 || sum["exit_code"] != 1.0 || sum["duration_s"] == nil {
		t.Fatalf("summary: %v", sum)
	}

	data, err := os.ReadFile(auditLog)
	if err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(auditLog); info.Mode().Perm() != 0o600 {
		t.Fatalf("audit log mode %v", info.Mode())
	}
	type entry struct {
		Time, Operation, RequestID, Error string
		Targets                           map[string]string
		Result                            int
		DurationMS                        *float64 `json:"duration_ms"`
		DryRun                            bool     `json:"dry_run"`
	}
	var entries []entry
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var e entry
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("audit line %q: %v", line, err)
		}
		var raw map[string]any
		json.Unmarshal([]byte(line), &raw)
		e.RequestID, _ = raw["request_id"].(string)
		if _, err := time.Parse(time.RFC3339Nano, e.Time); err != nil || e.DurationMS == nil || e.DryRun {
			t.Fatalf("audit line %q", line)
		}
		entries = append(entries, e)
	}
	wantOps := []string{"user_add", "group_add", "policy_set", "add_service_account", "user_remove"}
	if len(entries) != len(wantOps) {
		t.Fatalf("want one line per write, got:\n%s", data)
	}
	for i, e := range entries {
		if e.Operation != wantOps[i] || e.RequestID == "" {
			t.Fatalf("line %d: %+v", i, e)
		}
	}
	if entries[0].Targets["access_key"] != "audit-user" || entries[1].Targets["group"] != "audit-group" ||
		entries[1].Targets["members"] != "audit-user" || entries[3].Targets["user"] != "audit-user" {
		t.Fatalf("targets: %+v", entries)
	}
	if entries[0].Result != 200 || entries[4].Result != 404 || entries[4].Error == "" {
		t.Fatalf("results: %+v", entries)
	}
	for _, s := range secrets {
		if strings.Contains(string(data), s) || strings.Contains(r.stderr, s) {
			t.Fatalf("secret %q written", s)
		}
	}

	// Appended, never truncated; a text-mode run ends with the summary line as well.
	r = run(t, env, "", "--audit-log", auditLog, "-e", "admin:user_disable('audit-user')")
	data2, _ := os.ReadFile(auditLog)
	if r.code != 0 || !bytes.HasPrefix(data2, data) || bytes.Count(data2, []byte("\n")) != len(wantOps)+1 {
		t.Fatalf("second run: %+v\n%s", r, data2)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if last := lines[len(lines)-1]; !strings.Contains(last, "INFO  run summary writes_sent=1 writes_failed=0") || !strings.HasSuffix(last, "exit_code=0") {
		t.Fatalf("text summary: %q", r.stderr)
	}
}

// Dry runs write their planned writes to the audit log with "dry_run": true, whether the
// whole run is dry (--dry-run) or one client (connect{dry_run=true}); the summary counts
// them apart from writes sent and has the changes by kind.
func TestAuditDryRunAndChanges(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	env := []string{"MINIO_ENDPOINT=" + srv.URL(), "MINIO_ROOT_USER=" + testserver.RootUser, "MINIO_ROOT_PASSWORD=" + testserver.RootPassword}
	auditLog := filepath.Join(t.TempDir(), "audit.jsonl")
	readAudit := func() []map[string]any {
		data, _ := os.ReadFile(auditLog)
		var out []map[string]any
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			var e map[string]any
			if err := json.Unmarshal([]byte(line), &e); err != nil {
				t.Fatalf("audit line %q", line)
			}
			out = append(out, e)
		}
		return out
	}
	r := run(t, env, "", "--dry-run", "--log-format", "json", "--audit-log", auditLog, "-e",
		`admin:ensure_user("plan-user", "plan-secret-1") admin:ensure_group("plan-group", {"plan-user"})`)
	recs := jsonLines(t, r.stderr)
	sum := recs[len(recs)-1]
	changes, _ := sum["changes"].(map[string]any)
	if r.code != 0 || sum["writes_sent"] != 0.0 || sum["writes_planned"].(float64) < 2 || sum["dry_run"] != true ||
		changes["user"] != 1.0 || changes["group"] != 1.0 {
		t.Fatalf("dry-run summary: %v\n%s", sum, r.stderr)
	}
	entries := readAudit()
	if len(entries) != int(sum["writes_planned"].(float64)) {
		t.Fatalf("want one line per planned write: %v", entries)
	}
	for _, e := range entries {
		if e["dry_run"] != true || e["request_id"] != nil {
			t.Fatalf("planned write: %v", e)
		}
	}
	// One dry client beside a live one: only the dry one's writes are marked.
	r = run(t, env, "", "--audit-log", auditLog, "-e", `
local dry = minio.connect{endpoint = os.getenv("MINIO_ENDPOINT"), access_key = os.getenv("MINIO_ROOT_USER"),
  secret_key = os.getenv("MINIO_ROOT_PASSWORD"), dry_run = true}
dry:user_add("dry-client-user", "dry-client-secret-1")
admin:user_add("live-user", "live-secret-1")
admin:ensure_user("live-user2", "live-secret-2")`)
	if r.code != 0 || !strings.Contains(r.stderr, "writes_sent=2 writes_failed=0 writes_planned=1 changes={user:1}") {
		t.Fatalf("mixed run: %+v", r)
	}
	entries = readAudit()[len(entries):]
	if len(entries) != 3 || entries[0]["dry_run"] != true || entries[1]["dry_run"] != nil || entries[1]["request_id"] == nil {
		t.Fatalf("mixed run audit: %v", entries)
	}
	data, _ := os.ReadFile(auditLog)
	for _, s := range []string{"plan-secret-1", "dry-client-secret-1", "live-secret-1", "live-secret-2", testserver.RootPassword} {
		if strings.Contains(string(data), s) {
			t.Fatalf("secret %q in the audit log", s)
		}
	}
}
