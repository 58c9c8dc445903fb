package cli

// Exit codes, the one place they are defined; --help and the README list them.
const (
	ExitOK          = 0   // the script ran to the end
	ExitScript      = 1   // uncaught script error (also: --timeout reached)
	ExitUsage       = 2   // bad flags or arguments, unreadable script, bad connection settings
	ExitChanges     = 3   // plan: the server differs from the state (apply would change something)
	ExitPlanStale   = 4   // apply --plan: the plan computed now differs from the saved one; nothing written
	ExitLocked      = 75  // EX_TEMPFAIL: --lock is held by another run; try again later
	ExitInterrupted = 130 // Ctrl-C (SIGINT) or SIGTERM
)

const exitCodeHelp = `Exit codes:
  0    success
  1    script error (uncaught error, printed with file:line and a traceback; also --timeout);
       apply: a change failed
  2    usage error (bad flags, unreadable script or state file, incomplete connection settings)
  3    plan: changes pending (0: the server already matches the state)
  4    apply --plan: the server changed since the plan was saved; nothing was written
  75   locked: another run holds the --lock file (EX_TEMPFAIL; cron can simply retry)
  130  interrupted (Ctrl-C or SIGTERM); the admin request in flight is cancelled
With several --alias (plan, apply, export): 0 when all succeeded, 3 when a plan has
changes in some deployment and none failed, else the first failed deployment's code.
A script may choose its own code with minio.exit(code).`
