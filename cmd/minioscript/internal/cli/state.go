package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/audit"
	"github.com/minioscript/minioscript/bindings"
	"github.com/minioscript/minioscript/jobs"
	"github.com/spf13/pflag"
)

const stateUsage = `Usage:
  minioscript [flags] plan STATE [-o PLAN.json] [--prune] [--json]
  minioscript [flags] apply STATE [--plan PLAN.json] [--prune] [--yes]

STATE is a wanted state (README "Jobs"): a .lua file returning a table (run in a bare
VM that reads no file and runs no command), a .json file or a .yaml/.yml file, with the
sections policies, users, groups, service_accounts and buckets. A secret_key may be
{env = "VAR"} or {file = "path"} (relative to STATE), so the file can be committed.

plan prints what apply would change (creates +, updates ~ with before → after, deletes -)
and exits 0 when nothing would change, 3 when something would. -o writes the plan in its
JSON form for review; --json prints that form instead of the text.

apply shows the plan and, on a terminal, asks before writing; without a terminal it needs
--yes or --plan. With --plan, it computes the plan again and writes only if it equals the
saved one; otherwise it names what changed on the server since and exits 4, writing nothing.
It exits 1 when a change failed.

`

type stateFlags struct {
	out, plan        string
	prune, json, yes bool
	cmd, stateFile   string
}

// parseStateCmd reads the flags of plan and apply; nil with an exit code when the run
// ends here.
func parseStateCmd(global *pflag.FlagSet, argv []string, stdout, stderr io.Writer) (*stateFlags, int) {
	sf := stateFlags{cmd: argv[0]}
	fs := pflag.NewFlagSet(sf.cmd, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&sf.prune, "prune", false, "also delete, in each section the state gives, what it does not name")
	if sf.cmd == "plan" {
		fs.StringVarP(&sf.out, "out", "o", "", "write the plan's JSON form to FILE, for apply --plan")
		fs.BoolVar(&sf.json, "json", false, "print the plan's JSON form instead of the text (several --alias: the table as JSON, each row with its plan)")
	} else {
		fs.StringVar(&sf.plan, "plan", "", "apply only if the plan computed now equals the one saved in FILE (plan -o)")
		fs.BoolVar(&sf.yes, "yes", false, "apply without asking")
		fs.BoolVar(&sf.json, "json", false, "with several --alias, print the closing table as JSON")
	}
	help := fs.BoolP("help", "h", false, "show this help")
	own := fs.FlagUsages()
	fs.AddFlagSet(global)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), stateUsage+multiUsage+own+"\nThe global flags (minioscript --help) may come before or after the command.\n")
	}
	if err := fs.Parse(argv[1:]); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return nil, ExitOK
		}
		fmt.Fprintf(stderr, "minioscript %s: %v (see minioscript %s --help)\n", sf.cmd, err, sf.cmd)
		return nil, ExitUsage
	}
	if *help {
		fs.SetOutput(stdout)
		fs.Usage()
		return nil, ExitOK
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(stderr, "minioscript %s: one STATE file expected (see minioscript %s --help)\n", sf.cmd, sf.cmd)
		return nil, ExitUsage
	}
	sf.stateFile = fs.Arg(0)
	return &sf, 0
}

// LoadState reads a state file by its extension: .lua, .json, .yaml or .yml.
func LoadState(ctx context.Context, path string) (*jobs.State, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".lua" {
		return bindings.LoadStateLua(ctx, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var st *jobs.State
	switch ext {
	case ".json":
		st, err = jobs.DecodeStateJSON(data, filepath.Dir(path))
	case ".yaml", ".yml":
		st, err = jobs.DecodeStateYAML(data, filepath.Dir(path))
	default:
		return nil, fmt.Errorf("%s: a state file ends in .lua, .json, .yaml or .yml", path)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return st, nil
}

// runState runs plan or apply.
func runState(ctx context.Context, sf *stateFlags, spec runSpec, stdin io.Reader) int {
	lg := spec.log
	if spec.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, spec.timeout)
		defer cancel()
	}
	if spec.conn == nil {
		lg.Log("error", "no connection: give --alias or --endpoint with keys (or MINIO_ENDPOINT)")
		return ExitUsage
	}
	eng, err := newEngine(spec)
	if err != nil {
		lg.Log("error", err.Error())
		return ExitUsage
	}
	defer eng.Client.CloseIdleConnections()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // a state file that does not load stops the prefetch
	eng.Prefetch(ctx)
	want, err := LoadState(ctx, sf.stateFile)
	if err != nil {
		lg.Log("error", err.Error())
		return ExitUsage
	}
	var saved *jobs.Plan
	if sf.plan != "" {
		data, err := os.ReadFile(sf.plan)
		if err == nil {
			saved = &jobs.Plan{}
			err = json.Unmarshal(data, saved)
		}
		if err != nil {
			lg.Log("error", fmt.Sprintf("%s: %v", sf.plan, err))
			return ExitUsage
		}
		sf.prune = saved.Prune
	}
	return stateOne(ctx, sf, spec, eng, stdin, want, saved, &deploymentResult{})
}

// newEngine connects to spec's deployment, with its trace, warnings, dry run and audit.
func newEngine(spec runSpec) (*jobs.Engine, error) {
	lg := spec.log
	cfg := &bindings.Config{UserAgent: "minioscript/" + Version, Trace: spec.trace, Warnings: logWriter{lg, "warn"}, DryRun: spec.dryRun}
	if spec.audit != nil {
		rec := audit.New(audit.Options{File: spec.audit, DryRun: spec.dryRun, Warn: func(err error) { lg.Log("warn", err.Error()) }})
		cfg.Middleware = []admin.Middleware{rec.Middleware}
	}
	c, err := bindings.NewClient(*spec.conn, cfg)
	if err != nil {
		return nil, err
	}
	return &jobs.Engine{Client: c}, nil
}

// stateOne plans, and for apply writes, one deployment; row gets the counts and the error.
func stateOne(ctx context.Context, sf *stateFlags, spec runSpec, eng *jobs.Engine, stdin io.Reader, want *jobs.State, saved *jobs.Plan, row *deploymentResult) int {
	lg := spec.log
	fail := func(code int, msg string) int {
		lg.Log("error", msg)
		row.Error = msg
		return code
	}
	c := eng.Client
	opts := jobs.ApplyOptions{Prune: sf.prune}
	p, cur, err := eng.Plan(ctx, want, opts)
	if err != nil {
		if ctx.Err() != nil {
			return fail(ExitInterrupted, err.Error())
		}
		return fail(ExitScript, err.Error())
	}
	planned := jobs.PlanReport(p, c.DryRun())
	row.count(planned)
	color := jobs.UseColor(writerIsTerminal(spec.stdout))
	if sf.cmd == "plan" {
		if sf.out != "" {
			if err := writePlan(sf.out, p); err != nil {
				return fail(ExitUsage, err.Error())
			}
		}
		if sf.json {
			row.Plan = p
			b, _ := json.MarshalIndent(p, "", "  ")
			fmt.Fprintln(spec.stdout, string(b))
		} else {
			planned.Render(spec.stdout, color)
		}
		if p.Empty() {
			return ExitOK
		}
		return ExitChanges
	}
	if saved != nil {
		if err := jobs.Compare(saved, p); err != nil {
			return fail(ExitPlanStale, fmt.Sprintf("%s: %v; nothing was written, run plan again", sf.plan, err))
		}
	}
	if p.Empty() {
		planned.Render(spec.stdout, color)
		return ExitOK
	}
	if saved == nil && !sf.yes {
		if !isTerminal(stdin) {
			return fail(ExitUsage, "apply writes without asking only with --yes or --plan PLAN.json (no terminal to ask on)")
		}
		planned.Render(spec.stdout, color)
		fmt.Fprint(spec.stdout, "Apply these changes? Only \"yes\" goes on: ")
		answer, _ := bufio.NewReader(stdin).ReadString('\n')
		if strings.TrimSpace(answer) != "yes" {
			fmt.Fprintln(spec.stdout, "nothing written")
			return ExitOK
		}
	}
	rep := eng.Execute(ctx, p, want, cur, opts)
	row.count(rep)
	rep.Render(spec.stdout, color)
	switch {
	case ctx.Err() != nil:
		row.Error = ctx.Err().Error()
		return ExitInterrupted
	case rep.Failed > 0:
		row.Error = fmt.Sprintf("%d changes failed", rep.Failed)
		return ExitScript
	}
	return ExitOK
}

// writePlan writes the plan's JSON form; it holds no secret.
func writePlan(path string, p *jobs.Plan) error {
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// writerIsTerminal tells whether w is a terminal (colour and questions make sense).
func writerIsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && isTerminal(f)
}
