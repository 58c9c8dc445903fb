package cli_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minioscript/minioscript/admin/testserver"
)

const throwingToString = `setmetatable({}, {__tostring = function() error("boom") end})`

// A __tostring that throws never takes the program down: not as an uncaught error, not
// in the REPL's printing or error report, not as a log field or message.
func TestThrowingToStringNeverPanics(t *testing.T) {
	for name, code := range map[string]string{
		"uncaught":       "error(" + throwingToString + ")",
		"recursive":      `local t = setmetatable({}, {}); getmetatable(t).__tostring = function(s) return tostring(s) end; error(t)`,
		"throws a throw": `error(setmetatable({}, {__tostring = function() error(` + throwingToString + `) end}))`,
		"log field":      `require("log").info("x", {f = ` + throwingToString + `}); error("end")`,
		"log message":    `require("log").info(` + throwingToString + `); error("end")`,
	} {
		t.Run(name, func(t *testing.T) {
			r := run(t, nil, "", "-e", code)
			if r.code != 1 || strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, "panic") {
				t.Fatalf("%+v", r)
			}
			if name != "recursive" && !strings.Contains(r.stderr, "boom") && !strings.Contains(r.stderr, "__tostring failed") {
				t.Fatalf("the failure is not reported: %+v", r)
			}
		})
	}
	r := run(t, nil, "error("+throwingToString+")\n"+throwingToString+"\n{x = "+throwingToString+"}\nprint('after')\n", "repl")
	if r.code != 1 || strings.Contains(r.stderr, "goroutine") || !strings.HasSuffix(r.stdout, "after\n") ||
		strings.Count(r.stdout+r.stderr, "__tostring failed") != 3 {
		t.Fatalf("repl: %+v", r)
	}
}

// Piped input: lines of any length, every chunk run, and a failure is never hidden from
// the exit status.
func TestPipedREPLLongLinesAndExitStatus(t *testing.T) {
	long := strings.Repeat("x", 200<<10)
	r := run(t, nil, fmt.Sprintf("s = %q\n#s\nprint('next')\n", long), "repl")
	if r.code != 0 || r.stdout != fmt.Sprintf("%d\nnext\n", len(long)) {
		t.Fatalf("long line: code %d, stdout %.200q, stderr %q", r.code, r.stdout, r.stderr)
	}
	for name, in := range map[string]string{
		"runtime error":      "error('boom')\nprint('after')\n",
		"syntax error":       "x = = 1\nprint('after')\n",
		"ends inside chunk":  "print('after')\nfor i = 1, 2 do\n",
		"no final newline":   "print('after')\nerror('x')",
		"error then success": "error('x')\nprint('after')\n1 + 1\n",
	} {
		r := run(t, nil, in, "repl")
		if r.code != 1 || !strings.HasPrefix(r.stdout, "after\n") || !strings.Contains(r.stderr, "error:") {
			t.Errorf("%s: %+v", name, r)
		}
	}
	if r := run(t, nil, "print('ok')\r\n", "repl"); r.code != 0 || r.stdout != "ok\n" {
		t.Fatalf("CRLF: %+v", r)
	}
}

// MINIO_SESSION_TOKEN is sent when the keys come from flags, as the README says; the
// flag wins over the variable.
func TestSessionTokenFallsBackToEnvironment(t *testing.T) {
	var mu sync.Mutex
	var tokens []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		tokens = append(tokens, r.Header.Get("X-Amz-Security-Token"))
		mu.Unlock()
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	flags := []string{"--endpoint", srv.URL, "--access-key", "ak", "--secret-key", "sk-value", "--trace", "-e", "pcall(admin.user_list, admin)"}
	r := run(t, []string{"MINIO_SESSION_TOKEN=token-from-env"}, "", flags...)
	if r.code != 0 || strings.Contains(r.stderr, "token-from-env") {
		t.Fatalf("%+v", r)
	}
	r = run(t, []string{"MINIO_SESSION_TOKEN=token-from-env"}, "", append([]string{"--session-token", "token-from-flag"}, flags...)...)
	if r.code != 0 || strings.Contains(r.stderr, "token-from-flag") {
		t.Fatalf("%+v", r)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(tokens) != 2 || tokens[0] != "token-from-env" || tokens[1] != "token-from-flag" {
		t.Fatalf("tokens sent: %q", tokens)
	}
}

// Flag values that parse but cannot work are usage errors, and credentials inside an
// endpoint are refused wherever the endpoint comes from, without repeating them.
func TestConnectionUsageErrors(t *testing.T) {
	keys := []string{"MINIO_ACCESS_KEY=k", "MINIO_SECRET_KEY=s"}
	for _, args := range [][]string{
		{"--endpoint", "", "-e", "print(admin)"},
		{"--endpoint=", "-e", "print(admin)"},
		{"--alias", "", "-e", "print(admin)"},
		{"--timeout", "-5s", "-e", "print(1)"},
	} {
		r := run(t, keys, "", args...)
		if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "see --help") {
			t.Errorf("%q: %+v", args, r)
		}
	}
	const pw = "pw-in-the-url"
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, ".mc"), 0o700)
	os.WriteFile(filepath.Join(home, ".mc", "config.json"),
		[]byte(`{"version":"10","aliases":{"x":{"url":"http://u:`+pw+`@127.0.0.1:9","accessKey":"k","secretKey":"s"}}}`), 0o600)
	for name, c := range map[string]struct {
		env  []string
		args []string
		code int
	}{
		"flag":      {keys, []string{"--endpoint", "http://u:" + pw + "@127.0.0.1:9", "-e", "print(admin)"}, 2},
		"user only": {keys, []string{"--endpoint", pw + "@127.0.0.1:9", "-e", "print(admin)"}, 2},
		"env":       {append(keys, "MINIO_ENDPOINT=https://u:"+pw+"@127.0.0.1:9"), []string{"-e", "print(admin)"}, 2},
		"connect":   {nil, []string{"-e", `print(minio.connect{endpoint="u:` + pw + `@127.0.0.1:9", access_key="k", secret_key="s"})`}, 1},
		"mc config": {[]string{"HOME=" + home}, []string{"-e", `print(minio.connect("x"))`}, 1},
	} {
		r := run(t, c.env, "", c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, "must not carry credentials") || strings.Contains(r.stdout+r.stderr, pw) {
			t.Errorf("%s: %+v", name, r)
		}
	}
}

// Each insecure setting prints one warning on stderr; secure or loopback ones print none.
func TestInsecureSettingsWarn(t *testing.T) {
	keys := []string{"MINIO_ACCESS_KEY=k", "MINIO_SECRET_KEY=s"}
	const tlsOff, plain = "TLS certificate verification is off", "plain HTTP to"
	for name, c := range map[string]struct {
		env  []string
		args []string
		want string
	}{
		"--insecure":         {keys, []string{"--insecure", "--endpoint", "127.0.0.1:9", "-e", "print(1)"}, tlsOff},
		"cert_check=false":   {nil, []string{"-e", `for i = 1, 3 do minio.connect{endpoint="127.0.0.1:9", access_key="k", secret_key="s", cert_check=false} end`}, tlsOff},
		"http flag":          {keys, []string{"--endpoint", "http://192.0.2.10:9000", "-e", "print(1)"}, plain + " 192.0.2.10"},
		"secure=false":       {nil, []string{"-e", `minio.connect{endpoint="minio.example.com:9000", secure=false, access_key="k", secret_key="s"}`}, plain + " minio.example.com"},
		"MC_HOST alias":      {[]string{"MC_HOST_far=http://k:s@[2001:db8::1]:9000"}, []string{"--alias", "far", "-e", "print(1)"}, plain + " 2001:db8::1"},
		"http loopback":      {keys, []string{"--endpoint", "http://127.0.0.1:9", "-e", `minio.connect{endpoint="http://localhost:9", access_key="k", secret_key="s"}; minio.connect{endpoint="http://[::1]:9", access_key="k", secret_key="s"}`}, ""},
		"https non-loopback": {keys, []string{"--endpoint", "192.0.2.10:9000", "-e", "print(1)"}, ""},
	} {
		r := run(t, c.env, "", c.args...)
		warnings := strings.Count(r.stderr, "warning:")
		if r.code != 0 || (c.want == "" && warnings != 0) || (c.want != "" && (warnings != 1 || !strings.Contains(r.stderr, c.want))) {
			t.Errorf("%s: %+v", name, r)
		}
	}
}

// Files the program writes are private unless a mode widens them; a number is refused
// as a mode because Lua has no octal literals.
func TestWrittenFilesArePrivate(t *testing.T) {
	dir := t.TempDir()
	r := run(t, nil, "", "-e", `local csv = require("csv")
csv.write(arg[1] .. "/a.csv", {{"u", "pw"}})
csv.write(arg[1] .. "/b.csv", {{"u"}}, {mode = "0640"})
print(pcall(csv.write, arg[1] .. "/c.csv", {{"u"}}, {mode = 644}))`, dir)
	if r.code != 0 || !strings.Contains(r.stdout, "false") || !strings.Contains(r.stdout, "octal") {
		t.Fatalf("%+v", r)
	}
	for name, want := range map[string]os.FileMode{"a.csv": 0o600, "b.csv": 0o640} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Mode().Perm() != want {
			t.Errorf("%s: %v %v", name, fi, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "c.csv")); !os.IsNotExist(err) {
		t.Errorf("c.csv written despite the bad mode")
	}
}

func TestSandboxFlags(t *testing.T) {
	dir := t.TempDir()
	code := `print(os.execute, io.popen, package.loadlib, (io.open("/etc/hostname")))
require("csv").write(arg[1] .. "/ok.csv", {{"1"}}); print("wrote")`
	r := run(t, nil, "", "--sandbox", "--allow-path", dir, "-e", code, dir)
	if r.code != 0 || r.stdout != "nil\tnil\tnil\tnil\nwrote\n" {
		t.Fatalf("%+v", r)
	}
	// --allow-path alone sandboxes; no folder at all means no files.
	if r := run(t, nil, "", "--allow-path", dir, "-e", "print(os.execute)"); r.stdout != "nil\n" {
		t.Fatalf("%+v", r)
	}
	if r := run(t, nil, "", "--sandbox", "-e", code, dir); r.code != 1 || !strings.Contains(r.stderr, "allowed by --allow-path") {
		t.Fatalf("%+v", r)
	}
	if r := run(t, nil, "", "--allow-path", filepath.Join(dir, "missing"), "-e", "print(1)"); r.code != 2 {
		t.Fatalf("%+v", r)
	}
	if r := run(t, nil, "", "-e", "print(os.execute ~= nil)"); r.stdout != "true\n" {
		t.Fatalf("without --sandbox: %+v", r)
	}
}

// A real terminal session: secrets.prompt does not echo, neither its secret nor one
// typed at the wrong prompt reaches the history file, and an old secret there is dropped.
func TestREPLSecretsStayOffTerminalAndHistory(t *testing.T) {
	const secret = "Tr1cky-Secret-Value"
	hist := filepath.Join(t.TempDir(), "history")
	// A history file from an older version, with a secret in it.
	os.WriteFile(hist, []byte("z = 2\nold = \"Old-Secret-1\"\n"), 0o600)
	term := startTerminal(t, []string{"MINIOSCRIPT_HISTORY=" + hist}, "repl")
	term.send("x = 1")
	term.send(`p = require("secrets").prompt("pw: ")`)
	term.answer("pw: ", secret)
	term.send("print(#p)")
	term.send(secret) // a password typed at the wrong prompt
	term.send("y = x + 1")
	screen := term.exit()
	if !strings.Contains(screen, fmt.Sprint(len(secret))) || strings.Count(screen, secret) != 1 { // only where typed at the wrong prompt, echoed by the line editor
		t.Fatalf("secret shown %d times:\n%s", strings.Count(screen, secret), screen)
	}
	b, err := os.ReadFile(hist)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(b); got != "z = 2\nx = 1\nprint(#p)\ny = x + 1\n" {
		t.Fatalf("history:\n%s", got)
	}
	if fi, _ := os.Stat(hist); fi.Mode().Perm() != 0o600 {
		t.Fatalf("history mode %v", fi.Mode())
	}
}

// terminal runs the program on a pseudo-terminal (script(1) from util-linux) and types
// into it as an operator would, waiting for each prompt.
type terminal struct {
	t     *testing.T
	cmd   *exec.Cmd
	stdin io.Writer
	out   syncBuffer
}

func startTerminal(t *testing.T, env []string, args ...string) *terminal {
	t.Helper()
	scriptBin, err := exec.LookPath("script")
	if err != nil {
		t.Fatal("script(1) from util-linux is needed for the terminal tests: apt-get install bsdutils")
	}
	line := binary
	for _, a := range args {
		line += " '" + a + "'"
	}
	term := &terminal{t: t, cmd: exec.Command(scriptBin, "-qfec", line, "/dev/null")}
	term.cmd.Env = append(append(cleanEnv(), "TERM=dumb"), env...)
	term.stdin, _ = term.cmd.StdinPipe()
	term.cmd.Stdout, term.cmd.Stderr = &term.out, &term.out
	if err := term.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { term.cmd.Process.Kill() })
	return term
}

// waitIdle waits until the screen has grown past from and ends with suffix: the program
// printed everything and waits at a prompt.
func (term *terminal) waitIdle(from int, suffix string) {
	term.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		s := term.out.String()
		if len(s) > from && strings.HasSuffix(s, suffix) {
			return
		}
		if time.Now().After(deadline) {
			term.t.Fatalf("no %q at the end of:\n%s", suffix, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// send types a line at the REPL prompt once it shows.
func (term *terminal) send(line string) {
	term.waitIdle(0, "> ")
	from := len(term.out.String())
	io.WriteString(term.stdin, line+"\r")
	term.waitIdle(from+len(line), "")
}

// answer types a line once the screen ends with prompt (e.g. secrets.prompt's label).
func (term *terminal) answer(prompt, line string) {
	term.waitIdle(0, prompt)
	io.WriteString(term.stdin, line+"\r")
}

// exit leaves with Ctrl-D and returns the whole screen.
func (term *terminal) exit() string {
	term.waitIdle(0, "> ")
	io.WriteString(term.stdin, "\x04")
	done := make(chan error, 1)
	go func() { done <- term.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		term.t.Fatalf("REPL did not exit:\n%s", term.out.String())
	}
	return term.out.String()
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// The REPL part of the secrets sweep: a terminal session against a real server (through
// the sweep's observing proxy) with trace, JSON logs, an audit log and history, where
// secrets are prompted for, typed as literals, sent, logged and raised in errors. No
// secret that crossed the wire may show on the screen, in the logs or in any file, and
// none at all (literals typed at the prompt included) may reach the history.
func TestSecretsSweepREPL(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	sweep := testserver.NewSweep(t)
	hist, auditLog := sweep.File("history.txt"), sweep.File("audit.log")
	const prompted, literal = "Prompted-Secret-77", "Literal-Secret-88"
	sweep.Add(prompted)
	term := startTerminal(t, []string{"MINIOSCRIPT_HISTORY=" + hist, "HOME=" + sweep.File("home"),
		"MINIO_ENDPOINT=" + sweep.Proxy(t, srv.URL()), "MINIO_ROOT_USER=" + testserver.RootUser, "MINIO_ROOT_PASSWORD=" + testserver.RootPassword},
		"--trace", "--log-format", "json", "--audit-log", auditLog, "repl")
	for _, line := range []string{
		`secrets = require("secrets"); log = require("log")`,
		`pw = secrets.prompt("password for sweep-user: ")`,
		`admin:user_add("sweep-user", pw)`,
		`=admin:user_info("sweep-user").status`,
		`log.info("created", {user = "sweep-user", password = pw, secret_key = pw})`,
		`p2 = "` + literal + `"`,
		`admin:user_add("sweep-user2", p2)`,
		`sa = admin:add_service_account{user = "sweep-user"}`,
		`=type(sa)`,
		`ok, e = pcall(admin.user_add, admin, "", pw); print(ok, e)`,
		`admin:user_add("sweep-user3", {pw})`,
		`=#admin:user_list()`,
	} {
		term.send(line)
		if strings.Contains(line, "prompt(") {
			term.answer("sweep-user: ", prompted)
		}
	}
	screen := term.exit()
	if !strings.Contains(screen, "enabled") {
		t.Fatalf("session did not work:\n%s", screen)
	}
	// The literal was typed, so the terminal echoed it; everything else must be clean.
	sweep.Write([]byte(strings.ReplaceAll(screen, `p2 = "`+literal+`"`, "")))
	sweep.Check(t)
	b, err := os.ReadFile(hist)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{prompted, literal, testserver.RootPassword} {
		if strings.Contains(string(b), s) {
			t.Fatalf("history holds a secret:\n%s", b)
		}
	}
	if fi, err := os.Stat(auditLog); err != nil || fi.Size() == 0 {
		t.Fatalf("no audit log: %v", err)
	}
}
