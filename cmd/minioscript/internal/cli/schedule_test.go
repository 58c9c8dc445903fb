package cli_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/minioscript/minioscript/admin/testserver"
)

// scheduler is a `minioscript schedule` process whose JSON log lines the test reads.
type scheduler struct {
	t      *testing.T
	cmd    *exec.Cmd
	mu     sync.Mutex
	lines  []map[string]any
	stdout strings.Builder
	done   chan struct{}
}

func startScheduler(t *testing.T, env []string, args ...string) *scheduler {
	t.Helper()
	s := &scheduler{t: t, done: make(chan struct{})}
	s.cmd = exec.Command(binary, append([]string{"--log-format", "json", "schedule"}, args...)...)
	s.cmd.Env = append(cleanEnv(), env...)
	stderr, _ := s.cmd.StderrPipe()
	stdout, _ := s.cmd.StdoutPipe()
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var readers sync.WaitGroup
	readers.Add(2)
	go func() {
		defer readers.Done()
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			var rec map[string]any
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				rec = map[string]any{"msg": "NOT JSON: " + sc.Text()}
			}
			s.mu.Lock()
			s.lines = append(s.lines, rec)
			s.mu.Unlock()
		}
	}()
	go func() {
		defer readers.Done()
		b, _ := io.ReadAll(stdout)
		s.mu.Lock()
		s.stdout.Write(b)
		s.mu.Unlock()
	}()
	go func() { readers.Wait(); s.cmd.Wait(); close(s.done) }()
	t.Cleanup(func() {
		s.cmd.Process.Kill()
		<-s.done
		if t.Failed() {
			for _, l := range s.snapshot() {
				t.Log(l)
			}
		}
	})
	return s
}

func (s *scheduler) snapshot() []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]map[string]any(nil), s.lines...)
}

// count counts lines with msg and, when job is not "", that job.
func (s *scheduler) count(msg, job string) int {
	n := 0
	for _, l := range s.snapshot() {
		if l["msg"] == msg && (job == "" || l["job"] == job) {
			n++
		}
	}
	return n
}

// waitFor polls until cond holds (30 s at most: the machine may be busy).
func (s *scheduler) waitFor(what string, cond func() bool) {
	s.t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			s.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func (s *scheduler) exitCode() int {
	s.t.Helper()
	select {
	case <-s.done:
		return s.cmd.ProcessState.ExitCode()
	case <-time.After(30 * time.Second):
		s.t.Fatal("scheduler did not stop")
		return -1
	}
}

func (s *scheduler) metricsAddr() string {
	s.waitFor("the metrics address", func() bool { return s.count("metrics served", "") > 0 })
	for _, l := range s.snapshot() {
		if l["msg"] == "metrics served" {
			return l["addr"].(string)
		}
	}
	return ""
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %d %s", url, resp.StatusCode, b)
	}
	return string(b)
}

// metric reads one sample from a Prometheus text page.
func metric(t *testing.T, page, series string) float64 {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(series) + ` (\S+)$`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no %s in metrics:\n%s", series, page)
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	return v
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// scheduleDir writes the scripts the schedule tests use.
func scheduleDir(t *testing.T) string {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "write.lua"), `admin:user_add("sched-" .. arg[1], "sched-user-password-1")`+"\n")
	writeFile(t, filepath.Join(dir, "slow.lua"), `admin:info() require("time").sleep(2.5) print("slow done")`+"\n")
	writeFile(t, filepath.Join(dir, "exit7.lua"), `admin:user_info("sched-fast") minio.exit(7)`+"\n")
	return dir
}

func TestSchedule(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	env := []string{"MINIO_ENDPOINT=" + srv.URL(), "MINIO_ROOT_USER=" + testserver.RootUser, "MINIO_ROOT_PASSWORD=" + testserver.RootPassword}
	dir := scheduleDir(t)
	jobs := filepath.Join(dir, "jobs.lua")
	writeFile(t, jobs, `return {
  { name = "fast", cron = "@every 1s", script = "write.lua", args = { "fast" } },
  { name = "slow", cron = "@every 1s", script = "slow.lua" },
  { name = "exit7", cron = "0 3 * * *", script = "exit7.lua", timeout = "1m" },
  { name = "dry", cron = "@yearly", script = "write.lua", args = { "dry" }, dry_run = true },
}`)

	t.Run("list", func(t *testing.T) {
		r := run(t, env, "", "schedule", "--list", jobs)
		lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
		if r.code != 0 || len(lines) != 5 || !strings.HasPrefix(lines[3], "exit7") || !strings.Contains(lines[3], "0 3 * * *") {
			t.Fatalf("%+v", r)
		}
		times := regexp.MustCompile(`\d{4}-\d\d-\d\dT03:00:00`).FindAllString(lines[3], -1)
		if len(times) != 3 {
			t.Fatalf("want three next runs at 03:00 (TZ=%s): %q", os.Getenv("TZ"), lines[3])
		}
	})
	t.Run("bad file at start", func(t *testing.T) {
		bad := filepath.Join(dir, "bad.lua")
		for body, want := range map[string]string{
			`return {{ name = "nightly", cron = "61 * * * *", script = "write.lua" }}`:           "job nightly: cron",
			`return {{ name = "gone", cron = "@daily", script = "missing.lua" }}`:                "job gone: script",
			`return {{ name = "typo", cron = "@daily", script = "write.lua", timout = "1m" }}`:   "job typo: unknown field 'timout'",
			`return {{ name = "alias", cron = "@daily", script = "write.lua", alias = "nope" }}`: "job alias:",
		} {
			writeFile(t, bad, body)
			r := run(t, env, "", "schedule", bad)
			if r.code != 2 || !strings.Contains(r.stderr, want) {
				t.Fatalf("%s: %+v", body, r)
			}
		}
	})
	t.Run("run one job now", func(t *testing.T) {
		auditLog := filepath.Join(t.TempDir(), "audit.jsonl")
		r := run(t, env, "", "--audit-log", auditLog, "schedule", "--run", "fast", jobs)
		if r.code != 0 || !strings.Contains(r.stderr, `job="fast"`) || !strings.Contains(r.stderr, "writes_sent=1") {
			t.Fatalf("%+v", r)
		}
		data, _ := os.ReadFile(auditLog)
		var e map[string]any
		if err := json.Unmarshal(data, &e); err != nil || e["job"] != "fast" || e["run_id"] == "" || e["operation"] != "user_add" {
			t.Fatalf("audit: %s", data)
		}
		// A dry_run job holds its writes back and audits them as planned.
		r = run(t, env, "", "--audit-log", auditLog, "schedule", "--run", "dry", jobs)
		data, _ = os.ReadFile(auditLog)
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		if r.code != 0 || len(lines) != 2 || !strings.Contains(lines[1], `"dry_run":true`) || !strings.Contains(lines[1], `"job":"dry"`) ||
			!strings.Contains(r.stderr, "writes_planned=1 dry_run=true") {
			t.Fatalf("dry job: %+v\n%s", r, data)
		}
		if r := run(t, env, "", "-e", "print(pcall(admin.user_info, admin, 'sched-dry'))"); !strings.HasPrefix(r.stdout, "false") {
			t.Fatalf("the dry job created its user: %+v", r)
		}
		// --dry-run before schedule makes every job dry.
		r = run(t, env, "", "--dry-run", "schedule", "--run", "fast", jobs)
		if r.code != 0 || !strings.Contains(r.stderr, "writes_sent=0 writes_failed=0 writes_planned=1 dry_run=true") {
			t.Fatalf("global --dry-run: %+v", r)
		}
		if r := run(t, env, "", "schedule", "--run", "exit7", jobs); r.code != 7 {
			t.Fatalf("exit7: %+v", r)
		}
		if r := run(t, env, "", "schedule", "--run", "nosuch", jobs); r.code != 2 || !strings.Contains(r.stderr, "nosuch") {
			t.Fatalf("unknown job: %+v", r)
		}
	})

	t.Run("serve", func(t *testing.T) {
		s := startScheduler(t, env, "--metrics-addr", "127.0.0.1:0", "--grace-period", "20s", jobs)
		addr := s.metricsAddr()
		started := time.Now()
		if get(t, "http://"+addr+"/healthz") != "ok\n" {
			t.Fatal("healthz")
		}
		s.waitFor("four runs of fast and a skipped run of slow", func() bool {
			return s.count("run summary", "fast") >= 4 && s.count("run skipped: the previous run is still going", "slow") >= 1
		})
		// Never more runs than ticks, never two runs of a job at once.
		if n, max := s.count("run summary", "fast"), int(time.Since(started).Seconds())+2; n > max {
			t.Fatalf("%d runs of fast in %d ticks", n, max)
		}
		page := get(t, "http://"+addr+"/metrics")
		if metric(t, page, `minioscript_job_runs_total{job="fast"}`) < 3 || metric(t, page, `minioscript_job_failures_total{job="fast"}`) != 0 ||
			metric(t, page, `minioscript_job_skipped_total{job="slow"}`) < 1 || metric(t, page, `minioscript_job_runs_total{job="exit7"}`) != 0 ||
			metric(t, page, `minioscript_job_last_success_timestamp_seconds{job="fast"}`) < float64(started.Unix()-1) ||
			metric(t, page, `minioscript_job_last_duration_seconds{job="fast"}`) <= 0 || metric(t, page, "process_open_fds") <= 0 {
			t.Fatalf("metrics:\n%s", page)
		}
		runIDs := map[any]bool{}
		for _, l := range s.snapshot() {
			if l["msg"] == "run started" {
				if runIDs[l["run_id"]] {
					t.Fatalf("run id %v used twice", l["run_id"])
				}
				runIDs[l["run_id"]] = true
			}
		}

		// SIGHUP with a good file: a new job runs.
		writeFile(t, jobs, `return {
  { name = "fast", cron = "@every 1s", script = "write.lua", args = { "fast" } },
  { name = "slow", cron = "@every 1s", script = "slow.lua" },
  { name = "added", cron = "@every 1s", script = "write.lua", args = { "added" } },
}`)
		s.cmd.Process.Signal(syscall.SIGHUP)
		s.waitFor("a run of the added job", func() bool { return s.count("run summary", "added") >= 1 })
		// SIGHUP with a bad file: the error names the job; the old schedule keeps running.
		writeFile(t, jobs, `return {{ name = "broken", cron = "every five minutes", script = "write.lua" }}`)
		s.cmd.Process.Signal(syscall.SIGHUP)
		s.waitFor("the reload error", func() bool {
			for _, l := range s.snapshot() {
				if m, _ := l["msg"].(string); strings.HasPrefix(m, "reload failed, keeping the old schedule") && strings.Contains(m, "job broken: cron") {
					return true
				}
			}
			return false
		})
		before := s.count("run summary", "added")
		s.waitFor("the old schedule to go on", func() bool { return s.count("run summary", "added") > before })

		// SIGTERM while slow runs: it finishes within the grace period, nothing new starts,
		// exit 0.
		s.waitFor("a slow run in progress", func() bool { return s.count("run started", "slow") > s.count("run summary", "slow") })
		s.cmd.Process.Signal(syscall.SIGTERM)
		if code := s.exitCode(); code != 0 {
			t.Fatalf("exit %d after SIGTERM", code)
		}
		lines := s.snapshot()
		stopAt := -1
		for i, l := range lines {
			if l["msg"] == "stopping: waiting for running jobs" {
				stopAt = i
			}
			if stopAt >= 0 && l["msg"] == "run started" {
				t.Fatalf("a run started after the stop: %v", l)
			}
			if strings.HasPrefix(fmt.Sprint(l["msg"]), "NOT JSON") {
				t.Fatalf("stderr line %v", l["msg"])
			}
		}
		last := lines[len(lines)-1]
		if stopAt < 0 || last["msg"] != "scheduler stopped" || s.count("run summary", "slow") != s.count("run started", "slow") {
			t.Fatalf("stop: %v", last)
		}
		for _, l := range lines[stopAt:] {
			if l["msg"] == "run summary" && l["job"] == "slow" && l["exit_code"] != 0.0 {
				t.Fatalf("the running job did not finish cleanly: %v", l)
			}
		}
		if !strings.Contains(s.stdout.String(), "slow done") {
			t.Fatal("slow never printed")
		}
	})

	t.Run("grace period over", func(t *testing.T) {
		writeFile(t, jobs, `return {{ name = "slow", cron = "@every 1s", script = "slow.lua" }}`)
		s := startScheduler(t, env, "--grace-period", "200ms", jobs)
		s.waitFor("a slow run", func() bool { return s.count("run started", "slow") >= 1 })
		s.cmd.Process.Signal(syscall.SIGINT)
		if code := s.exitCode(); code != 130 || s.count("interrupted", "slow") != 1 {
			t.Fatalf("exit %d", code)
		}
	})
}

// A scheduler running a job every second keeps goroutines, open files and memory flat.
// CI runs it for 25 s; scripts/soak-schedule.sh runs it for ten minutes
// (MINIOSCRIPT_SOAK=10m).
func TestScheduleNoGrowth(t *testing.T) {
	soak := 25 * time.Second
	if v := os.Getenv("MINIOSCRIPT_SOAK"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("MINIOSCRIPT_SOAK: %v", err)
		}
		soak = d
	}
	srv := testserver.ForTest(t, testserver.Config{})
	env := []string{"MINIO_ENDPOINT=" + srv.URL(), "MINIO_ROOT_USER=" + testserver.RootUser, "MINIO_ROOT_PASSWORD=" + testserver.RootPassword}
	dir := scheduleDir(t)
	writeFile(t, filepath.Join(dir, "busy.lua"), `
admin:user_add("soak-user", "soak-user-password-1")
local info = admin:user_info("soak-user")
local ok = pcall(admin.user_info, admin, "nobody-here")
require("log").info("busy", { status = info.status, failed = not ok })
`)
	jobs := filepath.Join(dir, "jobs.lua")
	writeFile(t, jobs, `return {{ name = "busy", cron = "@every 1s", script = "busy.lua" }}`)
	s := startScheduler(t, env, "--metrics-addr", "127.0.0.1:0", "--audit-log", filepath.Join(dir, "audit.jsonl"), jobs)
	addr := s.metricsAddr()
	type sample struct{ goroutines, fds, rss float64 }
	take := func() sample {
		page := get(t, "http://"+addr+"/metrics")
		return sample{metric(t, page, "go_goroutines"), metric(t, page, "process_open_fds"), metric(t, page, "process_resident_memory_bytes")}
	}
	// Warm up: the first runs load code and fill pools.
	s.waitFor("five runs", func() bool { return s.count("run summary", "busy") >= 5 })
	first := take()
	var samples []sample
	for end := time.Now().Add(soak); time.Now().Before(end); time.Sleep(5 * time.Second) {
		samples = append(samples, take())
	}
	last := take()
	t.Logf("runs %d; first %+v; last %+v; samples %v", s.count("run summary", "busy"), first, last, samples)
	// A run may be going at the last sample: a few goroutines and one connection more.
	if last.goroutines > first.goroutines+8 || last.fds > first.fds+5 || last.rss > max(first.rss*1.5, first.rss+32<<20) {
		t.Fatalf("growth: first %+v, last %+v", first, last)
	}
	if fails := s.count("run summary", "busy") - s.count("busy", "busy"); fails != 0 {
		t.Fatalf("%d runs failed", fails)
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	if code := s.exitCode(); code != 0 {
		t.Fatalf("exit %d", code)
	}
}
