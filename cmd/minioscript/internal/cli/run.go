package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/audit"
	"github.com/minioscript/minioscript/bindings"
	"github.com/minioscript/minioscript/files"
	"github.com/minioscript/minioscript/jobs"
	"github.com/minioscript/minioscript/runtime"
	"github.com/minioscript/minioscript/stdlib/log"
)

// runSpec is one non-interactive run: a script file or a chunk, from the command line or
// from a scheduled job.
type runSpec struct {
	script, code string
	inline       bool // run code instead of the script ("-e")
	args         []string
	argsBefore   []string // arg[-n..-1], as lua.c: the program and the words before the script
	luaInit      bool     // run LUA_INIT first, as lua.c (not in the sandbox, nor for jobs)
	conn         *bindings.Connection
	timeout      time.Duration
	lock         string
	dryRun       bool
	// summary: always end with the run summary line (--summary, --log-format json,
	// --audit-log, --lock, schedule); otherwise only a run that sent or held back a
	// write, or failed, prints it.
	summary    bool
	trace      io.Writer
	files      *files.FS // nil: no sandbox
	audit      *audit.File
	log        *log.Logger
	job, runID string

	stdin          io.Reader
	stdout, stderr io.Writer
}

// runOnce runs spec in a fresh VM and returns the exit code. It logs the outcome and,
// unless the run could not start because of the lock, one summary line where it informs
// (see runSpec.summary): a run that wrote nothing and succeeded prints only what the
// script printed, as lua does.
func runOnce(ctx context.Context, spec runSpec) int {
	lg := spec.log
	start := time.Now()
	if spec.lock != "" {
		release, err := acquireLock(spec.lock)
		var le *LockedError
		if errors.As(err, &le) {
			lg.Log("error", "locked: "+le.Error(), log.Field{Key: "lock", Value: le.Path}, log.Field{Key: "holder_pid", Value: le.PID})
			return ExitLocked
		}
		if err != nil {
			lg.Log("error", err.Error())
			return ExitUsage
		}
		defer release()
	}
	rec := audit.New(audit.Options{File: spec.audit, DryRun: spec.dryRun, Job: spec.job, RunID: spec.runID,
		Warn: func(err error) { lg.Log("warn", err.Error()) }})
	changes := &jobs.ChangeLog{}
	code := execute(ctx, spec, rec, changes)
	sent, failed, planned := rec.Counts()
	if !spec.summary && sent == 0 && failed == 0 && planned == 0 && code == ExitOK {
		return code
	}
	fields := []log.Field{{Key: "writes_sent", Value: sent}, {Key: "writes_failed", Value: failed}}
	if spec.dryRun || planned > 0 {
		fields = append(fields, log.Field{Key: "writes_planned", Value: planned})
	}
	if spec.dryRun {
		fields = append(fields, log.Field{Key: "dry_run", Value: true})
	}
	if byKind := changes.ByKind(); len(byKind) > 0 {
		fields = append(fields, log.Field{Key: "changes", Value: byKind})
	}
	fields = append(fields,
		log.Field{Key: "duration_s", Value: float64(time.Since(start).Milliseconds()) / 1000},
		log.Field{Key: "exit_code", Value: code})
	lg.Log("info", "run summary", fields...)
	return code
}

// abandonGrace is how long a cancelled run may take to stop before it is given up.
const abandonGrace = time.Second

// execute assembles the VM and runs the script in it.
func execute(ctx context.Context, spec runSpec, rec *audit.Recorder, changes *jobs.ChangeLog) int {
	if spec.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, spec.timeout)
		defer cancel()
	}
	ctx, exit := context.WithCancelCause(ctx)
	defer exit(nil)
	cfg := &bindings.Config{
		UserAgent:  "minioscript/" + Version,
		Trace:      spec.trace,
		Warnings:   logWriter{spec.log, "warn"},
		Middleware: []admin.Middleware{rec.Middleware},
		Exit:       func(code int) { exit(&bindings.ExitRequest{Code: code}) },
		Progress:   spec.stderr,
		DryRun:     spec.dryRun,
		Changes:    changes,
		DryRunLog:  &admin.DryRunLog{},
	}
	script := spec.script
	if spec.inline {
		script = ""
	}
	vm, err := runtime.New(ctx, runtime.Options{Stdin: spec.stdin, Stdout: spec.stdout, Stderr: spec.stderr,
		Connection: spec.conn, Minio: cfg, Script: script, Args: spec.args, ArgsBefore: spec.argsBefore, Files: spec.files,
		// The script's log module writes through the run's logger: same format, same tags;
		// its own log.format and log.level calls stay with it.
		Log: spec.log.With()})
	if err != nil {
		spec.log.Log("error", err.Error())
		return ExitUsage
	}
	done := make(chan error, 1)
	go func() {
		if init := os.Getenv("LUA_INIT"); spec.luaInit && init != "" {
			if err := vm.RunLuaInit(init); err != nil {
				done <- err
				return
			}
		}
		if spec.inline {
			done <- vm.RunString(spec.code, "(command line)")
		} else {
			done <- vm.RunFile(spec.script)
		}
	}()
	select {
	case err = <-done:
		defer vm.Close()
	case <-ctx.Done():
		// The VM stops at its next instruction or cancellable call. One that is stuck in
		// a read of stdin, a pipe or a FIFO, or a long built-in, is given up after
		// abandonGrace: the run ends on time with its exit code, and the VM is left to
		// its goroutine (never closed under it; the process exit or the garbage
		// collector takes it).
		select {
		case err = <-done:
			defer vm.Close()
		case <-time.After(abandonGrace):
			err = context.Cause(ctx)
			spec.log.Log("warn", "the script did not stop within "+abandonGrace.String()+" of the cancellation; it was abandoned")
		}
	}
	code := report(ctx, err, spec.timeout, spec.log)
	if spec.dryRun {
		plan := changes.Report(true) // a dry run's plan also when nothing was planned
		printPlan(spec, plan, cfg.DryRunLog.Writes(), code != ExitOK)
	}
	return code
}

// printPlan ends a dry run: the changes ensure_* and apply would have made (counts by
// kind and action, then the list), then every write held back (secrets as ***). In JSON
// log format it is one log line with the same content.
//
// A script that stopped early (an error, a timeout, minio.exit with a code other than 0)
// planned only what it reached; the plan says so, for it is not what a real run would do.
func printPlan(spec runSpec, plan *jobs.Report, writes []admin.Write, stopped bool) {
	lines := make([]string, len(writes))
	for i, w := range writes {
		lines[i] = w.String()
	}
	if spec.log.JSON() {
		changes := make([]string, len(plan.Changes))
		for i, c := range plan.Changes {
			changes[i] = c.Line()
		}
		spec.log.Log("info", "dry run plan", log.Field{Key: "create", Value: plan.Created},
			log.Field{Key: "update", Value: plan.Updated}, log.Field{Key: "delete", Value: plan.Deleted},
			log.Field{Key: "unchanged", Value: plan.Unchanged}, log.Field{Key: "complete", Value: !stopped},
			log.Field{Key: "changes", Value: changes}, log.Field{Key: "writes_held_back", Value: lines})
		return
	}
	var b strings.Builder
	if stopped {
		b.WriteString("dry run stopped early: the plan holds only what the script reached\n")
	}
	b.WriteString(plan.String() + "\n")
	fmt.Fprintf(&b, "writes held back: %d\n", len(writes))
	for _, l := range lines {
		b.WriteString("  " + l + "\n")
	}
	spec.log.Raw(b.String())
}

// report logs an uncaught error and picks the exit code.
func report(ctx context.Context, err error, timeout time.Duration, lg *log.Logger) int {
	var ex *bindings.ExitRequest
	if errors.As(context.Cause(ctx), &ex) {
		return ex.Code
	}
	if err == nil {
		return ExitOK
	}
	var se *runtime.ScriptError
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		lg.Log("error", "timed out after "+timeout.String())
		return ExitScript
	case ctx.Err() != nil:
		lg.Log("error", "interrupted")
		return ExitInterrupted
	case errors.As(err, &se):
		logScriptError(lg, se)
		return ExitScript
	}
	lg.Log("error", err.Error())
	return ExitUsage
}

// logScriptError writes the error line; in JSON the traceback is a field of it, in text
// it follows as indented lines, as people read it on a terminal.
func logScriptError(lg *log.Logger, se *runtime.ScriptError) {
	tb := strings.TrimRight(se.Traceback, "\n")
	if lg.JSON() || tb == "" {
		var fields []log.Field
		if tb != "" {
			fields = append(fields, log.Field{Key: "traceback", Value: tb})
		}
		lg.Log("error", se.Message, fields...)
		return
	}
	lg.Log("error", se.Message)
	lg.Raw(tb + "\n")
}

// logWriter turns lines other parts print (the module's warnings) into log lines.
type logWriter struct {
	lg    *log.Logger
	level string
}

func (w logWriter) Write(p []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		w.lg.Log(w.level, strings.TrimPrefix(line, "minioscript: "))
	}
	return len(p), nil
}

// readClient is the client of a command that only reads (export, access-report): the
// connection given, traced as asked, its warnings logged. Without one, the error is
// logged (hint: what else the command accepts) and ok is false: exit with ExitUsage.
func readClient(spec runSpec, hint string) (c *admin.Client, ok bool) {
	if spec.conn == nil {
		spec.log.Log("error", "no connection: give --alias or --endpoint with keys (or MINIO_ENDPOINT)"+hint)
		return nil, false
	}
	c, err := bindings.NewClient(*spec.conn, &bindings.Config{UserAgent: "minioscript/" + Version, Trace: spec.trace,
		Warnings: logWriter{spec.log, "warn"}})
	if err != nil {
		spec.log.Log("error", err.Error())
		return nil, false
	}
	return c, true
}

// readFailed logs why a command's read failed and gives its exit code.
func readFailed(ctx context.Context, lg *log.Logger, err error) int {
	lg.Log("error", err.Error())
	if ctx.Err() != nil {
		return ExitInterrupted
	}
	return ExitScript
}
