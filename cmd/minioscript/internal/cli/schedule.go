package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/minioscript/minioscript/bindings"
	"github.com/minioscript/minioscript/cmd/minioscript/internal/schedule"
	"github.com/minioscript/minioscript/stdlib/log"
	"github.com/spf13/pflag"
)

const scheduleUsage = `Usage:
  minioscript [flags] schedule [schedule flags] JOBS.lua

Runs the jobs JOBS.lua returns, each on its cron schedule, until SIGTERM or SIGINT:

  return {
    { name = "rotate", cron = "0 3 * * *", script = "rotate.lua", args = { "--older-than", "90d" },
      alias = "prod", timeout = "20m", lock = "/run/minioscript/rotate.lock" },
    { name = "report", cron = "@every 1h", script = "report.lua", endpoint = "https://minio:9000" },
    { name = "cleanup", cron = "30 4 * * 0", script = "cleanup.lua", dry_run = true },
  }

cron: five fields (minute hour day-of-month month day-of-week) or @yearly, @monthly,
@weekly, @daily, @hourly, @every DURATION. Paths are relative to JOBS.lua. A job without
alias or endpoint uses the connection of the flags and environment (keys always come from
there for endpoint). Each run has a fresh VM, its job's timeout (else --timeout) and lock, and log lines
tagged with job and run_id; a run still going when its next time comes is skipped.
SIGHUP re-reads JOBS.lua (a bad file keeps the old schedule). On SIGTERM/SIGINT no new
run starts; running ones get --grace-period, then are cancelled. Exit 0 after a clean stop,
130 when runs had to be cancelled, 2 for a bad jobs file; --run exits with the job's code.

Schedule flags:
`

type scheduleFlags struct {
	list        bool
	run         string
	metricsAddr string
	grace       time.Duration
}

// parseSchedule reads the schedule flags and the global flags given after "schedule".
// It returns nil and an exit code when there is nothing to run.
func parseSchedule(global *pflag.FlagSet, argv []string, stdout, stderr io.Writer) (*scheduleFlags, string, int) {
	var sf scheduleFlags
	fs := pflag.NewFlagSet("schedule", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&sf.list, "list", false, "print each job's next run times and exit")
	fs.StringVar(&sf.run, "run", "", "run the job NAME once, now, and exit with its exit code")
	fs.StringVar(&sf.metricsAddr, "metrics-addr", "", "serve /metrics (Prometheus) and /healthz on HOST:PORT")
	fs.DurationVar(&sf.grace, "grace-period", 30*time.Second, "on SIGTERM/SIGINT, how long running jobs may finish before they are cancelled")
	help := fs.BoolP("help", "h", false, "show this help")
	own := fs.FlagUsages()
	// The global flags share their values: given here they count as if given before.
	fs.AddFlagSet(global)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), scheduleUsage+own+"\nThe global flags (minioscript --help) may come before or after \"schedule\".\n")
	}
	if err := fs.Parse(argv); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return nil, "", ExitOK
		}
		fmt.Fprintf(stderr, "minioscript schedule: %v (see minioscript schedule --help)\n", err)
		return nil, "", ExitUsage
	}
	if *help {
		fs.SetOutput(stdout)
		fs.Usage()
		return nil, "", ExitOK
	}
	if fs.NArg() != 1 || (sf.list && sf.run != "") || sf.grace < 0 {
		fmt.Fprintln(stderr, "minioscript schedule: one jobs file, at most one of --list and --run, and a grace period >= 0 (see minioscript schedule --help)")
		return nil, "", ExitUsage
	}
	return &sf, fs.Arg(0), ExitOK
}

// runSchedule is `minioscript schedule`: base is the run every job starts from.
func runSchedule(ctx context.Context, sf *scheduleFlags, file string, s *settings, base runSpec) int {
	lg := base.log
	jobs, err := loadJobs(file, s)
	if err != nil {
		lg.Log("error", err.Error())
		return ExitUsage
	}
	if sf.list {
		w := tabwriter.NewWriter(base.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "JOB\tCRON\tNEXT RUNS")
		now := time.Now()
		for _, j := range jobs {
			fmt.Fprintf(w, "%s\t%s", j.Name, j.Cron)
			for _, t := range j.Next(now, 3) {
				fmt.Fprintf(w, "\t%s", t.Format(time.RFC3339))
			}
			fmt.Fprintln(w)
		}
		w.Flush()
		return ExitOK
	}
	// The global --lock keeps a second scheduler off; jobs have their own "lock" field.
	if base.lock != "" {
		release, err := acquireLock(base.lock)
		if err != nil {
			lg.Log("error", err.Error())
			var le *LockedError
			if errors.As(err, &le) {
				return ExitLocked
			}
			return ExitUsage
		}
		defer release()
	}
	opts := schedule.Options{Log: lg, Grace: sf.grace, LockedCode: ExitLocked,
		Run: func(ctx context.Context, j schedule.Job, runID string, lg *log.Logger) int {
			spec := base
			spec.script, spec.args, spec.log, spec.job, spec.runID = j.Script, j.Args, lg, j.Name, runID
			spec.lock, spec.dryRun, spec.stdin = j.Lock, base.dryRun || j.DryRun, strings.NewReader("")
			// Every scheduled run ends with its summary: it is the job's record.
			spec.summary = true
			if j.Timeout > 0 {
				spec.timeout = j.Timeout
			}
			conn, err := jobConnection(j, s)
			if err != nil {
				lg.Log("error", err.Error())
				return ExitUsage
			}
			if conn != nil {
				spec.conn = conn
			}
			return runOnce(ctx, spec)
		}}
	if sf.run != "" {
		code, err := schedule.New(nil, opts).RunNow(ctx, jobs, sf.run)
		if err != nil {
			lg.Log("error", err.Error())
			return ExitUsage
		}
		return code
	}
	var metrics *schedule.Metrics
	if sf.metricsAddr != "" {
		metrics = schedule.NewMetrics()
		opts.Metrics = metrics
	}
	sched := schedule.New(jobs, opts)
	if metrics != nil {
		ln, err := net.Listen("tcp", sf.metricsAddr)
		if err != nil {
			lg.Log("error", "--metrics-addr: "+err.Error())
			return ExitUsage
		}
		srv := &http.Server{Handler: metrics.Handler(sched.Healthy), ReadHeaderTimeout: 10 * time.Second}
		go srv.Serve(ln)
		defer srv.Close()
		lg.Log("info", "metrics served", log.Field{Key: "addr", Value: ln.Addr().String()})
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	reload := make(chan struct{})
	go func() {
		for {
			select {
			case <-hup:
				lg.Log("info", "SIGHUP: reloading "+file)
				select {
				case reload <- struct{}{}:
				case <-ctx.Done():
					return
				}
			case <-ctx.Done():
				return
			}
		}
	}()
	if sched.Serve(ctx, reload, func() ([]schedule.Job, error) { return loadJobs(file, s) }) {
		return ExitInterrupted
	}
	return ExitOK
}

// loadJobs reads the jobs file and checks every job's connection settings, so a job
// naming an unknown alias fails at start, not at its first run.
func loadJobs(file string, s *settings) ([]schedule.Job, error) {
	jobs, err := schedule.Load(file)
	if err != nil {
		return nil, err
	}
	for _, j := range jobs {
		if j.Endpoint != "" {
			if err := bindings.CheckEndpoint(j.Endpoint); err != nil {
				return nil, fmt.Errorf("jobs file %s: job %s: %w", file, j.Name, err)
			}
		}
		if _, err := jobConnection(j, s); err != nil {
			return nil, fmt.Errorf("jobs file %s: job %s: %w", file, j.Name, err)
		}
	}
	return jobs, nil
}

// jobConnection is the connection a job names (alias or endpoint, keys and TLS settings
// from flags and environment); nil when it names none and uses the global one.
func jobConnection(j schedule.Job, s *settings) (*bindings.Connection, error) {
	if j.Alias == "" && j.Endpoint == "" {
		return nil, nil
	}
	js := *s
	js.aliases, js.endpoint = nil, j.Endpoint
	if j.Alias != "" {
		js.aliases = []string{j.Alias}
	}
	return js.connection()
}
