package cli_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/minioscript/minioscript/admin/testserver"
)

// The program is tested end to end: built once, run as a user would.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "minioscript-cli-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "minioscript")
	out, err := exec.Command("go", "build", "-o", binary, "github.com/minioscript/minioscript/cmd/minioscript").CombinedOutput()
	if err != nil {
		panic(fmt.Sprintf("build: %v\n%s", err, out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

func run(t *testing.T, env []string, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(cleanEnv(), env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{out.String(), errb.String(), code}
}

// cleanEnv drops MINIO_* so the caller's environment cannot change the outcome.
func cleanEnv() []string {
	var env []string
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "MINIO_") && !strings.HasPrefix(e, "MC_HOST_") {
			env = append(env, e)
		}
	}
	return append(env, "HOME="+os.TempDir())
}

func writeScript(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "script.lua")
	if err := os.WriteFile(p, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestArgsShebangAndStdin(t *testing.T) {
	p := writeScript(t, "#!/usr/bin/env minioscript\nprint(arg[0], arg[1], arg[2], select('#', ...), ...)\n")
	r := run(t, nil, "", p, "one", "--two")
	if r.code != 0 || r.stdout != p+"\tone\t--two\t2\tone\t--two\n" {
		t.Fatalf("%+v", r)
	}
	r = run(t, nil, "print('from stdin', ...)", "-", "x")
	if r.code != 0 || r.stdout != "from stdin\tx\n" {
		t.Fatalf("stdin script: %+v", r)
	}
	r = run(t, nil, "print('piped')")
	if r.code != 0 || r.stdout != "piped\n" {
		t.Fatalf("no script, piped stdin: %+v", r)
	}
	r = run(t, nil, "", "-e", "print(1 + 1, arg[1])", "a")
	if r.code != 0 || r.stdout != "2\ta\n" {
		t.Fatalf("-e: %+v", r)
	}
}

func TestExitCodes(t *testing.T) {
	p := writeScript(t, "local function f()\n  error('boom')\nend\nf()\n")
	r := run(t, nil, "", p)
	if r.code != 1 || !strings.Contains(r.stderr, p+":2: boom") || !strings.Contains(r.stderr, "stack traceback:") {
		t.Fatalf("script error: %+v", r)
	}
	r = run(t, nil, "", "--no-such-flag")
	if r.code != 2 || !strings.Contains(r.stderr, "unknown flag") {
		t.Fatalf("bad flag: %+v", r)
	}
	r = run(t, nil, "", "/no/such/script.lua")
	if r.code != 2 || !strings.Contains(r.stderr, "cannot read script") {
		t.Fatalf("missing script: %+v", r)
	}
	r = run(t, nil, "", "--endpoint", "localhost:9000", "-e", "print(1)")
	if r.code != 2 || !strings.Contains(r.stderr, "without credentials") {
		t.Fatalf("endpoint without keys: %+v", r)
	}
	r = run(t, nil, "", "-e", "x = = 1")
	if r.code != 1 || !strings.Contains(r.stderr, "(command line)") {
		t.Fatalf("syntax error: %+v", r)
	}
	r = run(t, nil, "", "--timeout", "300ms", "-e", "while true do end")
	if r.code != 1 || !strings.Contains(r.stderr, "timed out after 300ms") {
		t.Fatalf("timeout: %+v", r)
	}
	r = run(t, nil, "", "--help")
	for _, want := range []string{"--endpoint", "MINIO_ENDPOINT", "130", "Exit codes"} {
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Fatalf("help lacks %q: %+v", want, r)
		}
	}
}

func TestInterruptCancelsRequestInFlight(t *testing.T) {
	arrived := make(chan struct{}, 1)
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-r.Context().Done() // held until the client gives up
	}))
	defer hang.Close()
	cmd := exec.Command(binary, "--endpoint", hang.URL, "-e", "admin:user_list()")
	cmd.Env = append(cleanEnv(), "MINIO_ACCESS_KEY=k", "MINIO_SECRET_KEY=s")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-arrived:
	case <-time.After(10 * time.Second):
		t.Fatal("request never arrived")
	}
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("still running after SIGINT")
	}
	if code := cmd.ProcessState.ExitCode(); code != 130 || !strings.Contains(errb.String(), "interrupted") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
	// --timeout cancels the request in flight too.
	r := run(t, []string{"MINIO_ACCESS_KEY=k", "MINIO_SECRET_KEY=s"}, "", "--endpoint", hang.URL, "--timeout", "500ms", "-e", "admin:user_list()")
	if r.code != 1 || !strings.Contains(r.stderr, "timed out") {
		t.Fatalf("timeout in flight: %+v", r)
	}
}

func TestREPLOverPipe(t *testing.T) {
	in := strings.Join([]string{
		"x = 40 + 2",
		"x",
		"=x * 2",
		"for i = 1, 2 do",
		"  print('line', i)",
		"end",
		"{b = 2, a = {1, 2}, ['odd key'] = true}",
		"error('boom')",
		"print('still here')",
		"minio.json.decode('[]')",
	}, "\n") + "\n"
	r := run(t, nil, in, "repl")
	want := "42\n84\nline\t1\nline\t2\n{\n  a = {\n    [1] = 1,\n    [2] = 2,\n  },\n  b = 2,\n  [\"odd key\"] = true,\n}\nstill here\n{}\n"
	// The failed chunk does not stop the rest, but it sets the exit status.
	if r.code != 1 || r.stdout != want {
		t.Fatalf("stdout:\n%s\nwant:\n%s\nstderr: %s", r.stdout, want, r.stderr)
	}
	if !strings.Contains(r.stderr, "error: stdin:1: boom") {
		t.Fatalf("stderr: %q", r.stderr)
	}
}

func TestAgainstRealServer(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	env := []string{"MINIO_ENDPOINT=" + srv.URL(), "MINIO_ROOT_USER=" + testserver.RootUser, "MINIO_ROOT_PASSWORD=" + testserver.RootPassword}
	r := run(t, env, "", "-e", "print(admin:info().mode); admin:user_add('cli-user', 'cli-user-secret'); print(admin:user_info('cli-user').status)")
	if r.code != 0 || r.stdout != "online\nenabled\n" {
		t.Fatalf("%+v", r)
	}
	// An uncaught admin error: exit 1, file:line, the one-line error, no secret.
	p := writeScript(t, "admin:user_info('nobody')\n")
	r = run(t, env, "", p)
	if r.code != 1 || !strings.Contains(r.stderr, p+":1: user_info: 404 XMinioAdminNoSuchUser") {
		t.Fatalf("%+v", r)
	}
	// Alias from MC_HOST_<name>; wrong secret gives 403 and never prints it.
	alias := strings.Replace(srv.URL(), "://", "://"+testserver.RootUser+":wrong-secret-value@", 1)
	r = run(t, []string{"MC_HOST_lab=" + alias}, "", "--alias", "lab", "--trace", "-e", "local ok, e = pcall(admin.user_list, admin); print(e.code, e.api_code)")
	if r.code != 0 || r.stdout != "403\tSignatureDoesNotMatch\n" {
		t.Fatalf("alias: %+v", r)
	}
	if strings.Contains(r.stdout+r.stderr, "wrong-secret-value") || !strings.Contains(r.stderr, "Signature=REDACTED") {
		t.Fatalf("trace leaks or is missing: %s", r.stderr)
	}
	// minio.connect("alias") from ~/.mc/config.json.
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, ".mc"), 0o700)
	cfg := fmt.Sprintf(`{"version":"10","aliases":{"local":{"url":%q,"accessKey":%q,"secretKey":%q,"api":"s3v4","path":"auto"}}}`,
		srv.URL(), testserver.RootUser, testserver.RootPassword)
	os.WriteFile(filepath.Join(home, ".mc", "config.json"), []byte(cfg), 0o600)
	r = run(t, []string{"HOME=" + home}, "", "-e", "print(minio.connect('local'):user_info('cli-user').status)")
	if r.code != 0 || r.stdout != "enabled\n" {
		t.Fatalf("mc config alias: %+v", r)
	}
	// The REPL has the global admin as well.
	r = run(t, env, "admin:user_info('cli-user').status\n", "repl")
	if r.code != 0 || r.stdout != "enabled\n" {
		t.Fatalf("repl: %+v", r)
	}
}

// SSL_CERT_FILE is honoured like the Python SDK does; --ca-file and --insecure work too.
func TestTLSTrustSettings(t *testing.T) {
	srv, ca := testserver.TLSForTest(t)
	env := []string{"MINIO_ENDPOINT=" + srv.Addr, "MINIO_ACCESS_KEY=" + testserver.RootUser, "MINIO_SECRET_KEY=" + testserver.RootPassword}
	code := "print(admin:info().mode)"
	if r := run(t, append(env, "SSL_CERT_FILE="+ca), "", "-e", code); r.code != 0 || r.stdout != "online\n" {
		t.Fatalf("SSL_CERT_FILE: %+v", r)
	}
	if r := run(t, env, "", "--ca-file", ca, "-e", code); r.code != 0 || r.stdout != "online\n" {
		t.Fatalf("--ca-file: %+v", r)
	}
	if r := run(t, env, "", "--insecure", "-e", code); r.code != 0 || r.stdout != "online\n" {
		t.Fatalf("--insecure: %+v", r)
	}
	r := run(t, env, "", "-e", code)
	if r.code != 1 || !strings.Contains(r.stderr, "certificate") {
		t.Fatalf("untrusted certificate: %+v", r)
	}
}
