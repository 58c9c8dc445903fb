package cli_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
)

// Faults of a real server while the program runs a job (issue 8): the server killed at
// three points, restarted mid-job, hung, and slow. docs/RELIABILITY.md lists them.

// jobScript is re-runnable (ensure_*): 24 users, every 4th disabled, all with readonly
// and in one group. It prints its progress so the tests can strike at known points.
const jobScript = `
local members = {}
for i = 1, 24 do
  local u = string.format("job-u%02d", i)
  admin:ensure_user(u, "password-" .. u, {status = i % 4 == 0 and "disabled" or "enabled", policies = {"readonly"}})
  members[#members + 1] = u
  print("done " .. i)
end
admin:ensure_group("job-g", members)
print("finished")
`

// jobState fails t unless the server holds exactly what jobScript wants.
func jobState(t *testing.T, srv *testserver.Server) {
	t.Helper()
	c := srv.ClientForTest(t, admin.Options{})
	users, err := c.UserList(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(users.Value) != 24 {
		t.Fatalf("%d users, want 24", len(users.Value))
	}
	for name, u := range users.Value {
		var i int
		fmt.Sscanf(name, "job-u%02d", &i)
		status := "enabled"
		if i%4 == 0 {
			status = "disabled"
		}
		if u.Status != status || u.PolicyName != "readonly" || !slices.Equal(u.MemberOf, []string{"job-g"}) {
			t.Errorf("%s: %+v", name, u)
		}
	}
	g, err := c.GroupInfo(context.Background(), "job-g")
	if err != nil || len(g.Value.Members) != 24 {
		t.Fatalf("group: %+v %v", g.Value, err)
	}
}

func serverEnv(srv *testserver.Server) []string {
	return []string{"MINIO_ENDPOINT=" + srv.URL(), "MINIO_ROOT_USER=" + testserver.RootUser, "MINIO_ROOT_PASSWORD=" + testserver.RootPassword}
}

// running is the program started in the background, its output read line by line.
type running struct {
	lines  chan string
	stderr syncBuffer
	done   chan int
	cmd    *exec.Cmd
}

func start(t *testing.T, env []string, args ...string) *running {
	t.Helper()
	r := &running{lines: make(chan string, 100), done: make(chan int, 1)}
	r.cmd = exec.Command(binary, args...)
	r.cmd.Env = append(cleanEnv(), env...)
	r.cmd.Stderr = &r.stderr
	out, err := r.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			r.lines <- sc.Text()
		}
		close(r.lines)
		r.cmd.Wait()
		r.done <- r.cmd.ProcessState.ExitCode()
	}()
	t.Cleanup(func() { r.cmd.Process.Kill() })
	return r
}

// await reads output until the line want.
func (r *running) await(t *testing.T, want string) {
	t.Helper()
	for line := range r.lines {
		if line == want {
			return
		}
	}
	t.Fatalf("output ended before %q; stderr:\n%s", want, r.stderr.String())
}

// exit waits for the program to end; a run that outlives limit is a hang.
func (r *running) exit(t *testing.T, limit time.Duration) int {
	t.Helper()
	go func() {
		for range r.lines {
		}
	}()
	select {
	case code := <-r.done:
		return code
	case <-time.After(limit):
		t.Fatalf("still running after %s; stderr:\n%s", limit, r.stderr.String())
		return -1
	}
}

// TestKilledServer: the server dies (SIGKILL) at three points of a job and stays down:
// the run ends with exit 1 and says why; once the server is back, a re-run of the same
// job ends with exactly the wanted state.
func TestKilledServer(t *testing.T) {
	for _, point := range []int{2, 11, 23} {
		t.Run(fmt.Sprintf("after user %d", point), func(t *testing.T) {
			t.Parallel()
			srv := testserver.ForTest(t, testserver.Config{})
			job := writeScript(t, jobScript)
			r := start(t, serverEnv(srv), job)
			r.await(t, fmt.Sprintf("done %d", point))
			srv.Kill()
			// A server that refuses connections is waited for (admin.Options.UnavailableWait,
			// 20 s by default) before the run gives up.
			code := r.exit(t, 2*time.Minute)
			stderr := r.stderr.String()
			if code != 1 || !strings.Contains(stderr, "connection refused") || !strings.Contains(stderr, "gave up after") ||
				!strings.Contains(stderr, job+":") {
				t.Fatalf("exit %d, stderr:\n%s", code, stderr)
			}
			if err := srv.StartAgain(context.Background()); err != nil {
				t.Fatal(err)
			}
			if again := run(t, serverEnv(srv), "", job); again.code != 0 || !strings.HasSuffix(again.stdout, "finished\n") {
				t.Fatalf("re-run: %+v", again)
			}
			jobState(t, srv)
		})
	}
}

// TestRestartMidJob: another process restarts the server while the job runs; the run
// completes and the state is exact.
func TestRestartMidJob(t *testing.T) {
	t.Parallel()
	srv := testserver.ForTest(t, testserver.Config{})
	r := start(t, serverEnv(srv), writeScript(t, jobScript))
	r.await(t, "done 6")
	other := srv.ClientForTest(t, admin.Options{})
	restarted := make(chan error, 1)
	go func() { _, err := other.ServiceRestart(context.Background()); restarted <- err }()
	if code := r.exit(t, 2*time.Minute); code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, r.stderr.String())
	}
	if err := <-restarted; err != nil {
		t.Fatal(err)
	}
	jobState(t, srv)
}

// TestHungServer: a server that accepts and never answers ends the run with exit 1, by
// the per-request limit (connect{timeout=}) or by --timeout.
func TestHungServer(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			go io.Copy(io.Discard, conn) // read the request, never answer
		}
	}()
	script := writeScript(t, fmt.Sprintf(`
local c = minio.connect{endpoint = "http://%s", access_key = "hung-ak", secret_key = "hung-secret-key", timeout = 1}
c:user_add("u1", "password-123")`, l.Addr()))
	r := start(t, nil, script)
	if code := r.exit(t, time.Minute); code != 1 || !strings.Contains(r.stderr.String(), "user_add: request not complete within 1s") {
		t.Fatalf("per-request limit: exit %d, stderr:\n%s", code, r.stderr.String())
	}
	env := []string{"MINIO_ENDPOINT=http://" + l.Addr().String(), "MINIO_ACCESS_KEY=hung-ak", "MINIO_SECRET_KEY=hung-secret-key"}
	r = start(t, env, "--timeout", "1s", "-e", "admin:user_list()")
	if code := r.exit(t, time.Minute); code != 1 || !strings.Contains(r.stderr.String(), "timed out after 1s") {
		t.Fatalf("--timeout: exit %d, stderr:\n%s", code, r.stderr.String())
	}
}

// TestSlowServer: a loopback proxy that holds every answer back 300 ms. Within the limits
// the job completes; --timeout shorter than the job ends it with exit 1.
func TestSlowServer(t *testing.T) {
	t.Parallel()
	srv := testserver.ForTest(t, testserver.Config{})
	target, _ := url.Parse(srv.URL())
	rp := httputil.NewSingleHostReverseProxy(target)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond)
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(proxy.Close)
	env := []string{"MINIO_ENDPOINT=" + proxy.URL, "MINIO_ROOT_USER=" + testserver.RootUser, "MINIO_ROOT_PASSWORD=" + testserver.RootPassword}
	code := `for i = 1, 5 do admin:user_add("slow-u" .. i, "password-123") end print(#admin:group_list())`
	if got := run(t, env, "", "-e", code); got.code != 0 || got.stdout != "0\n" {
		t.Fatalf("slow but within limits: %+v", got)
	}
	r := start(t, env, "--timeout", "1s", "-e", `for i = 1, 20 do admin:user_info("slow-u1") end`)
	if code := r.exit(t, time.Minute); code != 1 || !strings.Contains(r.stderr.String(), "timed out after 1s") {
		t.Fatalf("--timeout: exit %d, stderr:\n%s", code, r.stderr.String())
	}
}
