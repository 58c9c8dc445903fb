// Package testserver starts real MinIO servers on loopback for tests, examples and the
// demo: each in its own temporary directory, on free ports, stopped at the end.
package testserver

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minioscript/minioscript/admin"
)

// Root credentials of every server started here.
const (
	RootUser     = "minioscript-root"
	RootPassword = "minioscript-root-secret"
)

// Config describes a server to start; the zero value is a single-drive server.
type Config struct {
	Binary   string   // MinIO binary; empty: Binary()
	Env      []string // extra environment, KEY=VALUE
	Drives   int      // drives in the data dir (default 1)
	Args     []string // extra arguments to `minio server`
	Secure   bool     // the server has certificates in CertsDir
	CertsDir string
}

// Server is one running MinIO process.
type Server struct {
	Addr   string // host:port
	Dir    string
	Secure bool
	proc   *process
	// How it was launched, for StartAgain.
	cfg  Config
	args []string
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// Binary finds the MinIO server: MINIO_BIN, then PATH, then the project's install script.
func Binary() (string, error) {
	binOnce.Do(func() { binPath, binErr = findTool("MINIO_BIN", "minio") })
	return binPath, binErr
}

// findTool finds a program the tests run: the environment variable, then PATH, then
// scripts/install-minio.sh, which installs the pinned version and prints its path.
func findTool(envVar, name string) (string, error) {
	if p := os.Getenv(envVar); p != "" {
		return filepath.Abs(p)
	}
	if p, err := exec.LookPath(name); err == nil {
		return filepath.Abs(p)
	}
	out, err := exec.Command("bash", filepath.Join(RepoRoot(), "scripts", "install-minio.sh"), name).Output()
	if err != nil {
		return "", fmt.Errorf("installing %s: %w", name, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// RepoRoot is the project's top directory (from this source file's location).
func RepoRoot() string {
	_, file, _, _ := goruntime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// FreePort returns a loopback TCP port nobody listens on right now.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Start launches a server in dir and waits until its admin API (IAM included) answers.
// A port taken by another process between FreePort and the server's bind (tests of
// other packages start servers too) is retried on a new port.
func Start(ctx context.Context, dir string, cfg Config) (*Server, error) {
	for attempt := 1; ; attempt++ {
		s, err := start(ctx, dir, cfg)
		if err == nil || attempt == 5 || !strings.Contains(err.Error(), "port is already in use") {
			return s, err
		}
	}
}

func start(ctx context.Context, dir string, cfg Config) (*Server, error) {
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	drives := []string{filepath.Join(dir, "data")}
	if cfg.Drives > 1 {
		drives = []string{filepath.Join(dir, fmt.Sprintf("data{1...%d}", cfg.Drives))}
	}
	s := &Server{Addr: addr, Dir: dir, Secure: cfg.CertsDir != ""}
	args := append([]string{"--address", addr}, cfg.Args...)
	if cfg.CertsDir != "" {
		args = append(args, "--certs-dir", cfg.CertsDir)
	}
	if err := s.launch(cfg, append(args, drives...)); err != nil {
		return nil, err
	}
	if err := s.WaitReady(ctx); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// launch runs `minio server args...` with the test environment.
func (s *Server) launch(cfg Config, args []string) error {
	bin := cfg.Binary
	if bin == "" {
		var err error
		if bin, err = Binary(); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(s.Dir, 0o755); err != nil {
		return err
	}
	env := append([]string{
		"MINIO_ROOT_USER=" + RootUser,
		"MINIO_ROOT_PASSWORD=" + RootPassword,
		"MINIO_BROWSER=off",
		"MINIO_UPDATE=on",
		"MINIO_CONFIG_ENV_FILE=",
		// Test drives live on the root file system, which distributed mode refuses
		// otherwise (CI sets CI=true, which does the same).
		"MINIO_CI_CD=on",
	}, cfg.Env...)
	p, err := startProcess(filepath.Join(s.Dir, "minio.log"), s.Dir, env, bin, append([]string{"server", "--quiet"}, args...)...)
	if err != nil {
		return err
	}
	s.proc, s.cfg, s.args = p, cfg, args
	return nil
}

// Kill ends the server with SIGKILL, as a crash or the OOM killer would, and waits for it.
func (s *Server) Kill() {
	s.proc.kill()
}

// StartAgain launches a stopped or killed server again, same address and data, and
// waits until it serves.
func (s *Server) StartAgain(ctx context.Context) error {
	if err := s.launch(s.cfg, s.args); err != nil {
		return err
	}
	return s.WaitReady(ctx)
}

// URL is the server's base URL.
func (s *Server) URL() string {
	if s.Secure {
		return "https://" + s.Addr
	}
	return "http://" + s.Addr
}

// Client returns an admin client for the root user; opts may adjust it.
func (s *Server) Client(opts admin.Options) (*admin.Client, error) {
	if opts.Endpoint == "" {
		opts.Endpoint = s.URL()
	}
	if opts.Credentials.AccessKey == "" {
		opts.Credentials = admin.Credentials{AccessKey: RootUser, SecretKey: RootPassword}
	}
	return admin.New(opts)
}

// WaitReady waits for the admin API (IAM included) to answer, or the process to exit.
func (s *Server) WaitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	c, err := s.Client(admin.Options{SkipVerify: true, MaxRetries: -1, Timeout: 5 * time.Second})
	if err != nil {
		return err
	}
	ready := make(chan error, 1)
	go func() { ready <- c.WaitReady(ctx) }()
	select {
	case err := <-ready:
		if err != nil {
			return fmt.Errorf("minio on %s not ready: %w\n%s", s.Addr, err, s.proc.logTail())
		}
		return nil
	case <-s.proc.done:
		cancel()
		return fmt.Errorf("minio on %s exited: %v\n%s", s.Addr, s.proc.exitErr(), s.proc.logTail())
	}
}

// Done is closed when the process has exited.
func (s *Server) Done() <-chan struct{} { return s.proc.done }

// ExitErr is the process's exit status once Done is closed.
func (s *Server) ExitErr() error { return s.proc.exitErr() }

// Pid is the server's process id (a restart keeps it: the server re-execs itself).
func (s *Server) Pid() int { return s.proc.cmd.Process.Pid }

// Stop ends the server and waits for it.
func (s *Server) Stop() {
	if s.proc != nil {
		s.proc.stop()
	}
}

// SkipShort skips t under go test -short: the fast run needs no MinIO, slapd or KES.
// Every helper here that starts a peer calls it; tests that start one otherwise call it
// first.
func SkipShort(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a server: not with -short")
	}
}

// ForTest starts a server for t (a missing binary fails the test, except under -short,
// which skips it) and stops it when t ends.
func ForTest(t testing.TB, cfg Config) *Server {
	t.Helper()
	SkipShort(t)
	s, err := Start(context.Background(), t.TempDir(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

// ClientForTest is Client for a test: an error fails t.
func (s *Server) ClientForTest(t testing.TB, opts admin.Options) *admin.Client {
	t.Helper()
	c, err := s.Client(opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// DistributedForTest starts n processes forming one distributed deployment for t.
func DistributedForTest(t testing.TB, n int, cfg Config) []*Server {
	t.Helper()
	SkipShort(t)
	servers, err := startDistributed(context.Background(), t.TempDir(), n, cfg)
	return serversForTest(t, servers, err)
}

// SitesForTest starts n independent servers for site replication tests.
func SitesForTest(t testing.TB, n int, cfg Config) []*Server {
	t.Helper()
	SkipShort(t)
	servers, err := startSites(context.Background(), t.TempDir(), n, cfg)
	return serversForTest(t, servers, err)
}

func serversForTest(t testing.TB, servers []*Server, err error) []*Server {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, s := range servers {
			s.Stop()
		}
	})
	return servers
}

// LDAPForTest starts slapd with the test directory for t.
func LDAPForTest(t testing.TB) *LDAP {
	t.Helper()
	SkipShort(t)
	l, err := startLDAP(filepath.Join(t.TempDir(), "ldap"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Stop)
	return l
}

// KESForTest starts KES for t.
func KESForTest(t testing.TB) *KES {
	t.Helper()
	SkipShort(t)
	k, err := startKES(filepath.Join(t.TempDir(), "kes"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(k.Stop)
	return k
}

// startDistributed launches n server processes that form one distributed deployment,
// each with its own port and drive, all on loopback.
func startDistributed(ctx context.Context, dir string, n int, cfg Config) ([]*Server, error) {
	servers := make([]*Server, n)
	var endpoints []string
	for i := range servers {
		port, err := FreePort()
		if err != nil {
			return nil, err
		}
		addr := fmt.Sprintf("127.0.0.1:%d", port)
		sdir := filepath.Join(dir, fmt.Sprintf("node%d", i+1))
		servers[i] = &Server{Addr: addr, Dir: sdir}
		endpoints = append(endpoints, fmt.Sprintf("http://%s%s", addr, filepath.Join(sdir, "data")))
	}
	stopAll := func() {
		for _, s := range servers {
			s.Stop()
		}
	}
	for _, s := range servers {
		// In a container (MinIO looks for /.dockerenv) a server will not take a loopback
		// endpoint as its own unless told which one it is.
		ncfg := cfg
		ncfg.Env = append(append([]string{}, cfg.Env...), "_MINIO_SERVER_LOCAL="+s.Addr)
		if err := s.launch(ncfg, append([]string{"--address", s.Addr}, endpoints...)); err != nil {
			stopAll()
			return nil, err
		}
	}
	for _, s := range servers {
		if err := s.WaitReady(ctx); err != nil {
			stopAll()
			return nil, err
		}
	}
	return servers, nil
}

// Shared is one server started on first use and shared by a package's tests; the
// package's TestMain calls Stop after m.Run.
type Shared struct {
	Prefix string // of its temporary folder
	once   sync.Once
	srv    *Server
	err    error
}

// Get starts the server on first use; a failure to start fails t (-short skips it).
func (s *Shared) Get(t testing.TB) *Server {
	t.Helper()
	SkipShort(t)
	s.once.Do(func() {
		var dir string
		if dir, s.err = os.MkdirTemp("", s.Prefix); s.err == nil {
			s.srv, s.err = Start(context.Background(), dir, Config{})
		}
	})
	if s.err != nil {
		t.Fatal(s.err)
	}
	return s.srv
}

// Stop stops the server, if it was started, and removes its folder.
func (s *Shared) Stop() {
	if s.srv != nil {
		s.srv.Stop()
		os.RemoveAll(s.srv.Dir)
	}
}
