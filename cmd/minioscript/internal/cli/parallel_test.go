package cli_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Ctrl-C and --timeout during minio.parallel cancel every request in flight and exit as
// for a single call.
func TestParallelInterruptAndTimeout(t *testing.T) {
	const workers = 4
	var inFlight atomic.Int32
	arrived := make(chan struct{}, 64)
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inFlight.Add(1)
		arrived <- struct{}{}
		<-r.Context().Done() // held until the client gives up
	}))
	defer hang.Close()
	script := `local items = {}
for i = 1, 20 do items[i] = "u" .. i end
minio.parallel(items, function(u) admin:user_info(u) end, { workers = 4 })`
	cmd := exec.Command(binary, "--endpoint", hang.URL, "-e", script)
	cmd.Env = append(cleanEnv(), "MINIO_ACCESS_KEY=k", "MINIO_SECRET_KEY=s")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for range workers {
		select {
		case <-arrived:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("only %d requests arrived", inFlight.Load())
		}
	}
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("still running after SIGINT")
	}
	if code := cmd.ProcessState.ExitCode(); code != 130 || !strings.Contains(errb.String(), "interrupted") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
	hang.CloseClientConnections()
	if n := inFlight.Load(); n != workers {
		t.Fatalf("%d requests were sent, want the %d in flight only", n, workers)
	}

	r := run(t, []string{"MINIO_ACCESS_KEY=k", "MINIO_SECRET_KEY=s"}, "", "--endpoint", hang.URL, "--timeout", "1s", "-e", script)
	if r.code != 1 || !strings.Contains(r.stderr, "timed out") {
		t.Fatalf("timeout in flight: %+v", r)
	}
}

// progress = true draws a bar on stderr only when stderr is a terminal (util-linux
// `script` gives the program one).
func TestParallelProgressOnlyOnTerminal(t *testing.T) {
	code := `minio.parallel({1, 2, 3}, function(i) require("time").sleep(0.05) return i end, { progress = true })`
	r := run(t, nil, "", "-e", code)
	if r.code != 0 || strings.Contains(r.stderr, "minio.parallel") {
		t.Fatalf("no terminal: %+v", r)
	}
	scriptBin, err := exec.LookPath("script")
	if err != nil {
		t.Fatal("util-linux script is needed to run the program on a terminal: ", err)
	}
	cmd := exec.Command(scriptBin, "-qec", binary+" -e '"+code+"'", "/dev/null")
	cmd.Env = cleanEnv()
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "minio.parallel") || !strings.Contains(string(out), "/3,") {
		t.Fatalf("on a terminal: %v\n%q", err, out)
	}
}
