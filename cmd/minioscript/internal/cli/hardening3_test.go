package cli_test

import (
	"fmt"
	"github.com/minioscript/minioscript/admin/testserver"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Issue 19, item 10: the run summary is printed where it informs, never after a run that
// made no write and succeeded (so `minioscript -e 'print(1 + 1)'` prints what lua prints).
func TestSummaryOnlyWhereItInforms(t *testing.T) {
	dir := t.TempDir()
	dryClient := `local c = minio.connect{endpoint = "http://127.0.0.1:1", access_key = "quietkey", secret_key = "quietsecret1", dry_run = true}
c:user_add("quiet-user", "quiet-user-secret")`
	for _, c := range []struct {
		name    string
		args    []string
		summary bool
	}{
		{"plain run", []string{"-e", "print(1 + 1)"}, false},
		{"script arguments", []string{"-e", "print(...)", "a"}, false},
		{"failed run", []string{"-e", "error('boom')"}, true},
		{"minio.exit(3)", []string{"-e", "minio.exit(3)"}, true},
		{"write held back", []string{"-e", dryClient}, true},
		{"--summary", []string{"--summary", "-e", "print(1 + 1)"}, true},
		{"--log-format json", []string{"--log-format", "json", "-e", "print(1 + 1)"}, true},
		{"--audit-log", []string{"--audit-log", filepath.Join(dir, "audit.jsonl"), "-e", "print(1 + 1)"}, true},
		{"--lock", []string{"--lock", filepath.Join(dir, "job.lock"), "-e", "print(1 + 1)"}, true},
	} {
		r := run(t, nil, "", c.args...)
		has := strings.Contains(r.stderr, "run summary")
		if has != c.summary {
			t.Errorf("%s: summary printed %v, want %v: %+v", c.name, has, c.summary, r)
		}
		if !c.summary && r.stderr != "" {
			t.Errorf("%s: stderr %q, want nothing", c.name, r.stderr)
		}
	}
	if r := run(t, nil, "", "-e", "print(1 + 1)"); r.stdout != "2\n" || r.stderr != "" || r.code != 0 {
		t.Fatalf("print(1 + 1): %+v", r)
	}
}

// Issue 19, item 2: --lock never follows a symbolic link, never truncates what is there,
// and writes its pid only into a file it created or one that holds a pid already.
func TestLockNeverEatsAFile(t *testing.T) {
	dir := t.TempDir()
	precious := filepath.Join(dir, "precious.txt")
	if err := os.WriteFile(precious, []byte("IMPORTANT\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	unchanged := func(what string) {
		t.Helper()
		if b, err := os.ReadFile(precious); err != nil || string(b) != "IMPORTANT\n" {
			t.Fatalf("%s: precious.txt now holds %q (%v)", what, b, err)
		}
	}
	link := filepath.Join(dir, "job.lock")
	if err := os.Symlink("precious.txt", link); err != nil {
		t.Fatal(err)
	}
	r := run(t, nil, "", "--lock", link, "-e", "print('must not run')")
	if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "--lock "+link+": is a symbolic link") {
		t.Fatalf("symlink: %+v", r)
	}
	unchanged("a link to it")

	dangling := filepath.Join(dir, "dangling.lock")
	if err := os.Symlink("created-by-lock.txt", dangling); err != nil {
		t.Fatal(err)
	}
	if r := run(t, nil, "", "--lock", dangling, "-e", ""); r.code != 2 || !strings.Contains(r.stderr, "symbolic link") {
		t.Fatalf("dangling symlink: %+v", r)
	}
	if _, err := os.Lstat(filepath.Join(dir, "created-by-lock.txt")); !os.IsNotExist(err) {
		t.Fatalf("a dangling link's target was created: %v", err)
	}

	// Naming the file itself by mistake: the run is locked by it, its content stays.
	if r := run(t, nil, "", "--lock", precious, "-e", "print('ran')"); r.code != 0 || r.stdout != "ran\n" {
		t.Fatalf("regular file: %+v", r)
	}
	unchanged("locking it directly")

	for _, bad := range []string{dir, "/dev/null"} {
		if r := run(t, nil, "", "--lock", bad, "-e", ""); r.code != 2 || !strings.Contains(r.stderr, "not a regular file") {
			t.Fatalf("%s: %+v", bad, r)
		}
	}

	// A file that holds a longer pid than ours is rewritten to exactly ours.
	pidFile := filepath.Join(dir, "pid.lock")
	if err := os.WriteFile(pidFile, []byte("123456789012\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := run(t, nil, "", "--lock", pidFile, "-e", "print(io.open('"+pidFile+"'):read('*a'))"); r.code != 0 ||
		strings.Contains(r.stdout, "123456789012") || strings.Count(r.stdout, "\n") != 2 {
		t.Fatalf("pid file: %+v", r)
	}
}

// Issue 19, item 3: a URL with user info never shows its password: not in the dry-run
// plan, the trace, the logs, the audit log, the error object nor the error line.
func TestURLPasswordsAreMasked(t *testing.T) {
	const pass = "MIRRORPASS123"
	mirror := "http://mirroruser:" + pass + "@127.0.0.1:19399/"
	// A server that quotes the mirror URL back in its error, as a failed update does.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"Code":"XMinioAdminUpdateFailed","Message":"cannot fetch %s"}`, r.URL.Query().Get("updateURL"))
	}))
	defer srv.Close()
	env := []string{"MINIO_ENDPOINT=" + srv.URL, "MINIO_ACCESS_KEY=maskkey", "MINIO_SECRET_KEY=masksecret1"}
	dir := t.TempDir()
	call := `admin:update("` + mirror + `")`
	caught := `local ok, e = pcall(admin.update, admin, "` + mirror + `")
print(ok, e.message, e.body, tostring(e))
require("log").info("mirror " .. "` + mirror + `", {url = "` + mirror + `"})
error("failed with ` + mirror + `")`
	for i, args := range [][]string{
		{"--dry-run", "-e", call},
		{"--dry-run", "--log-format", "json", "-e", call},
		{"--trace", "--audit-log", filepath.Join(dir, "audit.jsonl"), "-e", call},
		{"--trace", "--log-format", "json", "-e", caught},
		{"-e", caught},
	} {
		r := run(t, env, "", args...)
		audit, _ := os.ReadFile(filepath.Join(dir, "audit.jsonl"))
		out := r.stdout + r.stderr + string(audit)
		if strings.Contains(out, pass) || !strings.Contains(out, "mirroruser:***@127.0.0.1:19399") && !strings.Contains(out, "mirroruser%3A***%40127.0.0.1") {
			t.Errorf("run %d %v: %s", i, args, out)
		}
		if i < 2 && (r.code != 0 || !strings.Contains(r.stderr, "update")) {
			t.Errorf("run %d: want the plan: %+v", i, r)
		}
	}
}

// Issue 19, item 9: a control character in a value that goes into a request header
// (session token, access key, region) is an argument error at once, never a network
// error retried for seconds; the value is not repeated.
func TestHeaderValuesCheckedBeforeSending(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { requests.Add(1) }))
	defer srv.Close()
	base := []string{"MINIO_ENDPOINT=" + srv.URL, "MINIO_SECRET_KEY=headersecret1"}
	for _, c := range []struct{ env, arg string }{
		{"MINIO_SESSION_TOKEN=tok-SECRETPART\nx", "session_token"},
		{"MINIO_ACCESS_KEY=key\r\nSECRETPART", "access_key"},
		{"MINIO_REGION=us-east-1\nSECRETPART", "region"},
	} {
		env := append([]string{c.env}, base...)
		if !strings.HasPrefix(c.env, "MINIO_ACCESS_KEY") {
			env = append(env, "MINIO_ACCESS_KEY=headerkey")
		}
		start := time.Now()
		r := run(t, env, "", "-e", "admin:user_list()")
		if r.code != 2 || !strings.Contains(r.stderr, "connect: invalid "+c.arg+": holds a control character") ||
			strings.Contains(r.stderr, "SECRETPART") || time.Since(start) > 5*time.Second {
			t.Errorf("%s: %+v after %s", c.arg, r, time.Since(start))
		}
	}
	r := run(t, nil, "", "-e", `local ok, e = pcall(minio.connect, {endpoint = "`+srv.URL+`", access_key = "k",
		secret_key = "headersecret1", session_token = "a\nSECRETPART"}) print(ok, e.kind, e.op, e.message)`)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "false\targument\tconnect\tinvalid session_token") || strings.Contains(r.stdout, "SECRETPART") {
		t.Errorf("connect{}: %+v", r)
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}
}

// Issue 19, item 11: what libraries write through Go's standard logger (net/http's
// "Unsolicited response received on idle HTTP channel") becomes a log line of the
// program: under --log-format json every stderr line is JSON.
func TestLibraryLogLinesFollowTheLogFormat(t *testing.T) {
	closed := make(chan struct{})
	var first atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if first.CompareAndSwap(false, true) {
			// The answer and, right behind it, bytes nobody asked for.
			conn, buf, err := w.(http.Hijacker).Hijack()
			if err != nil {
				t.Error(err)
				return
			}
			buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}" +
				"HTTP/1.1 200 OK\r\nX-Junk: UNSOLICITED\n\r\n")
			buf.Flush()
			// The client logs the junk, then closes the connection.
			go func() { io.Copy(io.Discard, conn); conn.Close(); close(closed) }()
			return
		}
		select {
		case <-closed:
		case <-time.After(20 * time.Second):
			t.Error("the client never closed the connection that got the junk")
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, "{}")
	}))
	defer srv.Close()
	env := []string{"MINIO_ENDPOINT=" + srv.URL, "MINIO_ACCESS_KEY=junkkey", "MINIO_SECRET_KEY=junksecret1"}
	r := run(t, env, "", "--log-format", "json", "-e", "admin:info() admin:info()")
	if r.code != 0 || !strings.Contains(r.stderr, "Unsolicited response") {
		t.Fatalf("%+v", r)
	}
	for _, rec := range jsonLines(t, r.stderr) {
		if strings.Contains(rec["msg"].(string), "Unsolicited") && rec["level"] != "warn" {
			t.Fatalf("library line: %v", rec)
		}
	}
}

// Issue 19, item 13: the plan a dry run prints at exit is titled as a dry run even when
// nothing was planned, says when the script stopped early, and counts unchanged objects
// as the script's own report does.
func TestDryRunPlanAtExit(t *testing.T) {
	r := run(t, nil, "", "--dry-run", "-e", "error('early')")
	if r.code != 1 || !strings.Contains(r.stderr, "dry run stopped early") || !strings.Contains(r.stderr, "dry run: 0 to create") ||
		strings.Contains(r.stderr, "applied:") {
		t.Fatalf("failed script: %+v", r)
	}
	if r := run(t, nil, "", "--dry-run", "-e", "print(1)"); r.code != 0 || strings.Contains(r.stderr, "stopped early") ||
		!strings.Contains(r.stderr, "dry run: 0 to create, 0 to update, 0 to delete, 0 unchanged") {
		t.Fatalf("empty script: %+v", r)
	}
	srv := testserver.ForTest(t, testserver.Config{})
	env := []string{"MINIO_ENDPOINT=" + srv.URL(), "MINIO_ROOT_USER=" + testserver.RootUser, "MINIO_ROOT_PASSWORD=" + testserver.RootPassword}
	if r := run(t, env, "", "-e", `for i = 1, 3 do admin:user_add("plan-u" .. i, "plan-secret-" .. i) end`); r.code != 0 {
		t.Fatalf("setup: %+v", r)
	}
	r = run(t, env, "", "--dry-run", "-e", `
local users = {}
for i = 1, 4 do users["plan-u" .. i] = {secret_key = "plan-secret-" .. i} end
local rep = admin:apply({users = users})
print(rep.created, rep.unchanged)
print(admin:ensure_user("plan-u1", "plan-secret-1"))`)
	if r.code != 0 || r.stdout != "1\t3\nunchanged\tnil\n" || !strings.Contains(r.stderr, "dry run: 1 to create, 0 to update, 0 to delete, 4 unchanged") {
		t.Fatalf("counts: %+v", r)
	}
	r = run(t, env, "", "--dry-run", "--log-format", "json", "-e", `admin:ensure_user("plan-u1", "plan-secret-1") minio.exit(3)`)
	recs := jsonLines(t, r.stderr)
	var plan map[string]any
	for _, rec := range recs {
		if rec["msg"] == "dry run plan" {
			plan = rec
		}
	}
	if r.code != 3 || plan == nil || plan["unchanged"] != 1.0 || plan["complete"] != false {
		t.Fatalf("json plan: %+v", r)
	}
}

// Issue 19, item 14: bad @every intervals and endpoints with credentials are refused
// when the jobs file is read (also for --list); SIGHUP stops a run as SIGTERM does; an
// allowed sandbox folder itself cannot be removed or renamed; a UTF-8 byte order mark
// before a script is skipped.
func TestSmallerHardening(t *testing.T) {
	t.Run("schedule refuses at load", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "job.lua"), "print(1)")
		for cron, want := range map[string]string{"@every 0s": "at least 1s", "@every -1s": "at least 1s", "@every 1ms": "at least 1s"} {
			writeFile(t, filepath.Join(dir, "jobs.lua"), `return {{ name = "j", cron = "`+cron+`", script = "job.lua" }}`)
			// --list reads the file as the scheduler does (a scheduler that accepted it
			// would run until stopped).
			r := run(t, nil, "", "schedule", "--list", filepath.Join(dir, "jobs.lua"))
			if r.code != 2 || !strings.Contains(r.stderr, want) {
				t.Errorf("%s: %+v", cron, r)
			}
		}
		writeFile(t, filepath.Join(dir, "jobs.lua"), `return {{ name = "j", cron = "@every 1m", script = "job.lua", endpoint = "http://opuser:JOBPASS123@127.0.0.1:9000" }}`)
		r := run(t, []string{"MINIO_ACCESS_KEY=k12", "MINIO_SECRET_KEY=s1234567"}, "", "schedule", "--list", filepath.Join(dir, "jobs.lua"))
		if r.code != 2 || !strings.Contains(r.stderr, "job j: the endpoint must not carry credentials") || strings.Contains(r.stderr, "JOBPASS123") {
			t.Errorf("endpoint with credentials: %+v", r)
		}
	})
	t.Run("SIGHUP", func(t *testing.T) {
		p := start(t, nil, "-e", "print('ready') io.stdout:flush() require('time').sleep(60)")
		p.await(t, "ready")
		p.cmd.Process.Signal(syscall.SIGHUP)
		if code := p.exit(t, 10*time.Second); code != 130 || !strings.Contains(p.stderr.String(), "interrupted") ||
			!strings.Contains(p.stderr.String(), "run summary") {
			t.Fatalf("exit %d: %s", code, p.stderr.String())
		}
	})
	t.Run("sandbox folder itself", func(t *testing.T) {
		base := t.TempDir()
		allowed := filepath.Join(base, "allowed")
		os.MkdirAll(filepath.Join(allowed, "sub"), 0o700)
		for _, code := range []string{`os.remove(A)`, `os.remove(A .. "/sub/..")`, `os.rename(A, A .. "2")`, `os.rename(A .. "/sub", A)`} {
			r := run(t, []string{"A=" + allowed}, "", "--allow-path", allowed, "-e", `local A = os.getenv("A") print(`+code+`)`)
			if r.code != 0 || !strings.HasPrefix(r.stdout, "nil\t") || !strings.Contains(r.stdout, "allowed by --allow-path itself") {
				t.Errorf("%s: %+v", code, r)
			}
		}
		if _, err := os.Stat(filepath.Join(allowed, "sub")); err != nil {
			t.Fatalf("the allowed folder changed: %v", err)
		}
		r := run(t, []string{"A=" + allowed}, "", "--allow-path", allowed, "-e", `print(os.remove(os.getenv("A") .. "/sub"))`)
		if r.code != 0 || r.stdout != "true\n" {
			t.Fatalf("a folder inside: %+v", r)
		}
	})
	t.Run("byte order mark", func(t *testing.T) {
		script := writeScript(t, "\xEF\xBB\xBFprint('bom skipped')\n")
		if r := run(t, nil, "", script); r.code != 0 || r.stdout != "bom skipped\n" {
			t.Fatalf("%+v", r)
		}
		script = writeScript(t, "\xEF\xBB\xBF#!/usr/bin/env minioscript\nprint('and the #! line')\nerror('line 3')\n")
		if r := run(t, nil, "", script); r.stdout != "and the #! line\n" || !strings.Contains(r.stderr, ":3: line 3") {
			t.Fatalf("%+v", r)
		}
	})
}

// Issue 19, item 12: the REPL prints nested tables with a depth and a size limit.
func TestREPLPrettyPrintIsBounded(t *testing.T) {
	in := "deep = {} local c = deep for i = 1, 10000 do c.x = {} c = c.x end\n" +
		"wide = {} for i = 1, 200000 do wide[i] = {name = 'user' .. i, status = 'enabled'} end\n" +
		"=deep\n=wide\n={a = {b = {}}}\n"
	start := time.Now()
	r := run(t, nil, in, "repl")
	if r.code != 0 || len(r.stdout) > 3<<20 || time.Since(start) > 30*time.Second {
		t.Fatalf("exit %d, %d bytes of output in %s; stderr %s", r.code, len(r.stdout), time.Since(start), r.stderr)
	}
	if !strings.Contains(r.stdout, "x = {...}") || !strings.Contains(r.stdout, "... (cut at 1024 KiB)") ||
		!strings.HasSuffix(r.stdout, "{\n  a = {\n    b = {},\n  },\n}\n") {
		t.Fatalf("output: %.300s ... %s", r.stdout, r.stdout[max(0, len(r.stdout)-300):])
	}
	if strings.Count(r.stdout, "x = {") > 21 {
		t.Fatalf("deeper than the limit: %d levels", strings.Count(r.stdout, "x = {"))
	}
}

// Issue 19, item 5 (the parts outside the VM): a run blocked in os.execute, in a read of
// stdin or of a FIFO stops within about a second of --timeout or a signal, with the
// documented exit code; os.execute's commands die with their whole process group; a
// scheduled job's timeout holds the same way; --audit-log naming a FIFO is refused at
// once.
func TestBlockedRunsStopOnTime(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "pids")
	// The shell and a grandchild write their pids, then wait.
	execute := `os.execute("echo $$ > ` + pidFile + `; sleep 60 & echo $! >> ` + pidFile + `; wait")`
	groupGone := func(what string) {
		t.Helper()
		b, _ := os.ReadFile(pidFile)
		pids := strings.Fields(string(b))
		if len(pids) != 2 {
			t.Fatalf("%s: pids %q", what, b)
		}
		deadline := time.Now().Add(5 * time.Second)
		for _, p := range pids {
			pid, _ := strconv.Atoi(p)
			for syscall.Kill(pid, 0) == nil {
				if time.Now().After(deadline) {
					t.Fatalf("%s: process %d outlived the run", what, pid)
				}
				time.Sleep(20 * time.Millisecond)
			}
		}
		os.Remove(pidFile)
	}
	// cmd runs the program with a stdin pipe that stays open and never gets a byte.
	cmd := func(args ...string) (*exec.Cmd, *syncBuffer, *syncBuffer) {
		c := exec.Command(binary, args...)
		c.Env = cleanEnv()
		var out, errb syncBuffer
		c.Stdout, c.Stderr = &out, &errb
		w, err := c.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { w.Close() })
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Process.Kill() })
		return c, &out, &errb
	}
	finish := func(what string, c *exec.Cmd, errb *syncBuffer, from time.Time, code int, msg string) {
		t.Helper()
		done := make(chan struct{})
		go func() { c.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still running after 10s; stderr %s", what, errb.String())
		}
		if got := c.ProcessState.ExitCode(); got != code || !strings.Contains(errb.String(), msg) || time.Since(from) > 5*time.Second {
			t.Fatalf("%s: exit %d after %s, want %d and %q: %s", what, got, time.Since(from), code, msg, errb.String())
		}
	}
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("waiting for %s", what)
			}
		}
	}
	started := func() bool { b, _ := os.ReadFile(pidFile); return len(strings.Fields(string(b))) == 2 }

	c, _, errb := cmd("--timeout", "1s", "-e", execute)
	finish("os.execute, --timeout", c, errb, time.Now(), 1, "timed out after 1s")
	groupGone("os.execute, --timeout")

	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		c, _, errb = cmd("-e", execute)
		waitFor("the command to start", started)
		c.Process.Signal(sig)
		finish("os.execute, "+sig.String(), c, errb, time.Now(), 130, "interrupted")
		groupGone("os.execute, " + sig.String())
	}

	c, _, errb = cmd("--timeout", "1s", "-e", "print(io.read())")
	finish("io.read, --timeout", c, errb, time.Now(), 1, "timed out after 1s")
	c, out, errb := cmd("-e", "print('ready') io.stdout:flush() print(io.read('*a'))")
	waitFor("ready", func() bool { return out.String() == "ready\n" })
	c.Process.Signal(syscall.SIGTERM)
	finish("io.read, SIGTERM", c, errb, time.Now(), 130, "interrupted")

	// Built-ins that run long inside the VM stop themselves: the run is not abandoned.
	for _, code := range []string{`(("a"):rep(30) .. "b"):find(("a*"):rep(30) .. "c")`, `table.insert({}, -2^31, 1)`} {
		c, _, errb = cmd("--timeout", "1s", "--sandbox", "-e", "local _ = "+code)
		finish(code, c, errb, time.Now(), 1, "timed out after 1s")
		if strings.Contains(errb.String(), "abandoned") {
			t.Fatalf("%s: the VM did not stop: %s", code, errb.String())
		}
	}

	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	c, _, errb = cmd("--timeout", "1s", "-e", `print(io.open("`+fifo+`"):read("*a"))`)
	finish("a FIFO without writer, --timeout", c, errb, time.Now(), 1, "timed out after 1s")
	c, _, errb = cmd("--audit-log", fifo, "-e", "print(1)")
	finish("--audit-log FIFO", c, errb, time.Now(), 2, "--audit-log "+fifo+": a FIFO")

	writeFile(t, filepath.Join(dir, "job.lua"), execute)
	writeFile(t, filepath.Join(dir, "jobs.lua"), `return {{ name = "j", cron = "@daily", script = "job.lua", timeout = "1s" }}`)
	c, _, errb = cmd("schedule", "--run", "j", filepath.Join(dir, "jobs.lua"))
	finish("schedule job timeout", c, errb, time.Now(), 1, "timed out after 1s")
	groupGone("schedule job timeout")
}
