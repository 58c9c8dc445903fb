// Package cli is the minioscript program: flags, connection settings, running a script,
// a chunk or the REPL, and exit codes.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	stdlog "log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/audit"
	"github.com/minioscript/minioscript/bindings"
	"github.com/minioscript/minioscript/files"
	"github.com/minioscript/minioscript/runtime"
	"github.com/minioscript/minioscript/stdlib/log"
	"github.com/spf13/pflag"
	"golang.org/x/term"
)

// Version is the program version.
const Version = "0.1.0"

const usageHead = `minioscript runs Lua scripts against the MinIO admin API.

Usage:
  minioscript [flags] SCRIPT [args...]   run a script file ("-" reads standard input)
  minioscript [flags] -e CODE [args...]  run a chunk of code
  minioscript [flags] repl               interactive prompt (also with no script on a terminal)
  minioscript [flags] schedule JOBS.lua  run jobs on cron schedules (minioscript schedule --help)
  minioscript [flags] plan STATE         what apply would change; exit 0 none, 3 some (minioscript plan --help)
  minioscript [flags] apply STATE        bring the server to STATE (.lua, .json, .yaml), asking first or with --yes/--plan
  minioscript [flags] export [-o FILE]   what the server holds as a STATE for plan/apply (minioscript export --help)
  minioscript [flags] access-report      who can do what on which bucket: principals × buckets (minioscript access-report --help)
  minioscript doc [NAME]                 the client methods, or one method's arguments, result and example
  minioscript stubs > minio.d.lua        LuaLS declarations of every module, for editor completion and checks

In scripts, the module "minio" is a global: minio.connect{endpoint=..., access_key=...,
secret_key=...} returns a client whose methods are the admin operations
(client:user_add("alice", "secret123"), client:user_list(), ...). When connection settings
are given below, a ready client is the global "admin".

Flags (environment fallback in brackets):
`

const usageTail = `
Connection settings come from --alias NAME (MC_HOST_NAME, else ~/.mc/config.json) or from
--endpoint with keys. A host:port endpoint uses HTTPS; write http://host:port for plain HTTP.
Prefer the environment over --secret-key: command lines are visible to other users.

`

type settings struct {
	endpoint, accessKey, secretKey, sessionToken, region string
	insecure                                             bool
	caFile, code, kdf                                    string
	aliases                                              []string
	parallel                                             int
	timeout                                              time.Duration
	trace, version, help                                 bool
	sandbox                                              bool
	allowPaths                                           []string
	lock, logFormat, auditLog                            string
	dryRun, summary                                      bool
}

func newFlags(s *settings, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet("minioscript", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SetInterspersed(false) // flags after the script name belong to the script
	fs.StringVar(&s.endpoint, "endpoint", "", "server endpoint, host:port or URL [MINIO_ENDPOINT]")
	fs.StringVar(&s.accessKey, "access-key", "", "access key [MINIO_ACCESS_KEY, MINIO_ROOT_USER]")
	fs.StringVar(&s.secretKey, "secret-key", "", "secret key [MINIO_SECRET_KEY, MINIO_ROOT_PASSWORD]")
	fs.StringVar(&s.sessionToken, "session-token", "", "session token for temporary credentials [MINIO_SESSION_TOKEN]")
	fs.StringVar(&s.region, "region", "", "region for signing (MinIO accepts any) [MINIO_REGION]")
	fs.BoolVar(&s.insecure, "insecure", false, "do not verify the server's TLS certificate")
	fs.StringVar(&s.caFile, "ca-file", "", "extra CA certificates (PEM) to trust [SSL_CERT_FILE also works]")
	fs.StringArrayVar(&s.aliases, "alias", nil, "use the mc alias NAME for the connection; plan, apply and export take it repeated, one run per deployment")
	fs.IntVar(&s.parallel, "parallel", 4, "with several --alias, how many deployments plan, apply or export at once")
	fs.StringVar(&s.kdf, "kdf", "", `payload key derivation: "pbkdf2" (default, fast) or "argon2id" (as mc)`)
	fs.DurationVar(&s.timeout, "timeout", 0, "stop the whole run after this long, e.g. 30s or 5m (0: no limit)")
	fs.BoolVar(&s.trace, "trace", false, "print each HTTP request and response to stderr, secrets redacted")
	fs.StringVar(&s.lock, "lock", "", "hold an exclusive lock on FILE for the run; if another run holds it, exit 75 at once")
	fs.StringVar(&s.logFormat, "log-format", "text", `stderr lines (log module, errors, run summary): "text" or "json" (one object per line)`)
	fs.StringVar(&s.auditLog, "audit-log", "", "append one JSON line per write sent to FILE (created 0600; no secrets, no bodies)")
	fs.BoolVar(&s.dryRun, "dry-run", false, "send reads only: hold every write back, let ensure_*/apply report what they would do, and print the plan on stderr at the end")
	fs.BoolVar(&s.summary, "summary", false, "always end with the run summary line (printed anyway for a run that wrote, failed, or ran with --log-format json, --audit-log or --lock)")
	fs.StringVarP(&s.code, "execute", "e", "", "run CODE instead of a script file")
	fs.BoolVar(&s.sandbox, "sandbox", false, "for scripts not fully trusted: no os.execute, io.popen, native or on-disk modules, no files outside --allow-path")
	fs.StringArrayVar(&s.allowPaths, "allow-path", nil, "with --sandbox, a folder the script may read and write (repeatable; implies --sandbox)")
	fs.BoolVar(&s.version, "version", false, "print the version and exit")
	fs.BoolVarP(&s.help, "help", "h", false, "show this help")
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprint(w, usageHead)
		fmt.Fprint(w, fs.FlagUsages())
		fmt.Fprint(w, usageTail)
		fmt.Fprintln(w, exitCodeHelp)
	}
	return fs
}

// envDefault fills an unset flag from the environment.
func envDefault(v *string, name string) {
	if *v == "" {
		*v = os.Getenv(name)
	}
}

// connection builds the default connection from flags and environment; nil when no
// endpoint or alias was given.
func (s *settings) connection() (*bindings.Connection, error) {
	envDefault(&s.endpoint, "MINIO_ENDPOINT")
	envDefault(&s.region, "MINIO_REGION")
	// Like every flag, --session-token falls back to its variable, also when the keys
	// come from flags.
	envDefault(&s.sessionToken, "MINIO_SESSION_TOKEN")
	if s.accessKey == "" && s.secretKey == "" {
		// Incomplete environment credentials are reported below, with the flag names.
		cred, _ := admin.CredentialsFromEnv()
		s.accessKey, s.secretKey = cred.AccessKey, cred.SecretKey
	}
	kdf, err := admin.ParseKDF(s.kdf)
	if err != nil {
		return nil, fmt.Errorf("--kdf: %w", err)
	}
	var conn bindings.Connection
	switch {
	case len(s.aliases) > 0:
		if conn, err = bindings.AliasConnection(s.aliases[0], nil); err != nil {
			return nil, err
		}
	case s.endpoint != "":
		if s.accessKey == "" || s.secretKey == "" {
			return nil, errors.New("--endpoint given without credentials: set --access-key and --secret-key (or MINIO_ACCESS_KEY and MINIO_SECRET_KEY)")
		}
		conn = bindings.Connection{Endpoint: s.endpoint, AccessKey: s.accessKey, SecretKey: s.secretKey, SessionToken: s.sessionToken}
	default:
		return nil, nil
	}
	s.finish(&conn, kdf)
	return &conn, nil
}

// finish applies the flags every connection shares.
func (s *settings) finish(conn *bindings.Connection, kdf admin.KDF) {
	conn.Secure = true
	conn.CertCheck = !s.insecure
	conn.CAFile = s.caFile
	conn.KDF = kdf
	if s.region != "" {
		conn.Region = s.region
	}
}

// deployments resolves every --alias, for a run over several deployments; an alias that
// does not resolve is a usage error before any deployment starts.
func (s *settings) deployments() ([]deployment, error) {
	kdf, err := admin.ParseKDF(s.kdf)
	if err != nil {
		return nil, fmt.Errorf("--kdf: %w", err)
	}
	seen := map[string]bool{}
	var ds []deployment
	for _, name := range s.aliases {
		if seen[name] {
			return nil, fmt.Errorf("--alias %s given twice", name)
		}
		seen[name] = true
		conn, err := bindings.AliasConnection(name, nil)
		if err != nil {
			return nil, err
		}
		s.finish(&conn, kdf)
		ds = append(ds, deployment{name: name, conn: conn})
	}
	return ds, nil
}

// check refuses flag values that parse but make no sense, before anything runs.
func (s *settings) check(fs *pflag.FlagSet) error {
	for _, name := range []string{"endpoint", "access-key", "secret-key"} {
		if fs.Changed(name) && fs.Lookup(name).Value.String() == "" {
			return fmt.Errorf("--%s is empty", name)
		}
	}
	for _, a := range s.aliases {
		if a == "" {
			return errors.New("--alias is empty")
		}
	}
	if s.parallel < 1 {
		return fmt.Errorf("--parallel must be at least 1, got %d", s.parallel)
	}
	if s.timeout < 0 {
		return fmt.Errorf("--timeout must not be negative, got %s", s.timeout)
	}
	return nil
}

// Main runs the program and returns its exit code.
func Main(argv []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var s settings
	fs := newFlags(&s, stderr)
	if err := fs.Parse(argv); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return ExitOK
		}
		fmt.Fprintf(stderr, "minioscript: %v (see --help)\n", err)
		return ExitUsage
	}
	if s.help {
		fs.SetOutput(stdout)
		fs.Usage()
		return ExitOK
	}
	if s.version {
		fmt.Fprintln(stdout, "minioscript", Version)
		return ExitOK
	}
	args := fs.Args()
	if len(args) > 0 && (args[0] == "stubs" || args[0] == "doc") {
		return runDocs(args, stdout, stderr)
	}
	var sched *scheduleFlags
	var jobsFile string
	if len(args) > 0 && args[0] == "schedule" {
		var code int
		if sched, jobsFile, code = parseSchedule(fs, args[1:], stdout, stderr); sched == nil {
			return code
		}
	}
	var state *stateFlags
	if len(args) > 0 && (args[0] == "plan" || args[0] == "apply") {
		var code int
		if state, code = parseStateCmd(fs, args, stdout, stderr); state == nil {
			return code
		}
	}
	var export *exportFlags
	if len(args) > 0 && args[0] == "export" {
		var code int
		if export, code = parseExport(fs, args, stdout, stderr); export == nil {
			return code
		}
	}
	var report *accessReportFlags
	if len(args) > 0 && args[0] == "access-report" {
		var code int
		if report, code = parseAccessReport(fs, args, stdout, stderr); report == nil {
			return code
		}
	}
	if err := s.check(fs); err != nil {
		fmt.Fprintf(stderr, "minioscript: %v (see --help)\n", err)
		return ExitUsage
	}
	lg := log.New(stderr)
	switch s.logFormat {
	case "text":
	case "json":
		lg.SetJSON(true)
	default:
		fmt.Fprintf(stderr, "minioscript: --log-format must be text or json, not %q\n", s.logFormat)
		return ExitUsage
	}
	// Libraries write through the standard logger (net/http: "Unsolicited response
	// received on idle HTTP channel ..."); those lines become the program's own warnings,
	// so every stderr line keeps --log-format. The standard logger is the one global the
	// libraries share; it is pointed back at stderr when the program ends.
	stdlog.SetFlags(0)
	stdlog.SetOutput(logWriter{lg, "warn"})
	defer func() { stdlog.SetOutput(os.Stderr); stdlog.SetFlags(stdlog.LstdFlags) }()
	var multi []deployment
	if len(s.aliases) > 1 {
		var err error
		if state == nil && export == nil {
			err = errMultiCommand
		} else {
			multi, err = s.deployments()
		}
		if err != nil {
			lg.Log("error", err.Error())
			return ExitUsage
		}
	} else if (state != nil && state.cmd == "apply" && state.json) || (export != nil && export.json) {
		lg.Log("error", "--json of apply and export prints the table of several deployments: give --alias more than once")
		return ExitUsage
	}
	conn, err := s.connection()
	if err != nil {
		lg.Log("error", err.Error())
		return ExitUsage
	}
	var fsys *files.FS
	if s.sandbox || len(s.allowPaths) > 0 {
		if fsys, err = files.Sandbox(s.allowPaths); err != nil {
			lg.Log("error", err.Error())
			return ExitUsage
		}
	}
	var trace io.Writer
	if s.trace {
		trace = stderr
	}

	// SIGHUP (the terminal went away) stops a run as SIGTERM does; under schedule it
	// re-reads the jobs file instead.
	stopSignals := []os.Signal{os.Interrupt, syscall.SIGTERM}
	if sched == nil {
		stopSignals = append(stopSignals, syscall.SIGHUP)
	}
	ctx, stop := signal.NotifyContext(context.Background(), stopSignals...)
	defer stop()

	mode, script := "script", ""
	switch {
	case sched != nil:
		mode = "schedule"
	case fs.Changed("execute"):
		mode = "code"
	case len(args) > 0 && args[0] == "repl":
		mode, args = "repl", args[1:]
	case len(args) > 0:
		script, args = args[0], args[1:]
	case isTerminal(stdin):
		mode = "repl"
	default:
		script = "-"
	}
	var auditFile *audit.File
	if s.auditLog != "" {
		if auditFile, err = audit.Open(s.auditLog); err != nil {
			lg.Log("error", err.Error())
			return ExitUsage
		}
		defer auditFile.Close()
	}
	if mode == "repl" {
		// Writes typed at the prompt are audited and logs keep the chosen format, as in a run.
		// In the REPL a dry run holds writes back; ensure_*/apply results show the plan.
		cfg := &bindings.Config{UserAgent: "minioscript/" + Version, Warnings: logWriter{lg, "warn"}, Trace: trace, Progress: stderr,
			DryRun: s.dryRun}
		if auditFile != nil {
			rec := audit.New(audit.Options{File: auditFile, Warn: func(err error) { lg.Log("warn", err.Error()) }})
			cfg.Middleware = []admin.Middleware{rec.Middleware}
		}
		newVM := func(ctx context.Context) (*runtime.VM, error) {
			return runtime.New(ctx, runtime.Options{Stdin: stdin, Stdout: stdout, Stderr: stderr,
				Connection: conn, Minio: cfg, Args: args, Files: fsys, Log: lg.With()})
		}
		// The REPL handles Ctrl-C itself: it cancels the running call, not the session.
		stop()
		return runREPL(newVM, stdin, stdout, stderr, s.timeout)
	}
	spec := runSpec{
		script: script, code: s.code, inline: mode == "code", args: args, conn: conn, timeout: s.timeout, lock: s.lock,
		argsBefore: append([]string{os.Args[0]}, argv[:len(argv)-len(fs.Args())]...), luaInit: fsys == nil && sched == nil,
		trace: trace, files: fsys, audit: auditFile, log: lg, stdin: stdin, stdout: stdout, stderr: stderr,
		dryRun: s.dryRun, summary: s.summary || s.logFormat == "json" || s.auditLog != "" || s.lock != "",
	}
	if mode == "schedule" {
		return runSchedule(ctx, sched, jobsFile, &s, spec)
	}
	switch {
	case state != nil && multi != nil:
		return multiState(ctx, state, spec, multi, s.parallel)
	case state != nil:
		return runState(ctx, state, spec, stdin)
	case export != nil && multi != nil:
		return multiExport(ctx, export, spec, multi, s.parallel)
	case export != nil:
		return runExport(ctx, export, spec)
	}
	if report != nil {
		return runAccessReport(ctx, report, spec)
	}
	return runOnce(ctx, spec)
}

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
