package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/minioscript/minioscript/bindings"
	"github.com/minioscript/minioscript/jobs"
	"github.com/minioscript/minioscript/stdlib/log"
)

// multiUsage is the part of plan's, apply's and export's help about several deployments.
const multiUsage = `Several deployments: with --alias repeated, the command runs once per alias,
--parallel N at a time (default 4), each with its own connection and its usual bounded
calls; one deployment's failure does not stop the others. Each deployment's output comes
as one block headed "== ALIAS ==", its log lines carry deployment=ALIAS, and a table ends
the run: deployment, created, updated, deleted, unchanged, failed, duration (export:
objects written); --json prints the table as JSON instead. A file path (-o, --secrets)
must then hold {alias}, replaced by each alias (e.g. -o exports/{alias}.yaml). apply
needs --yes (no question per deployment) and refuses --plan. The exit code is 0 when
all succeeded, plan's 3 when some deployment has changes and none failed, else the
code of the first failed deployment in the order given.

`

// deployment is one --alias of a run over several deployments.
type deployment struct {
	name string
	conn bindings.Connection
}

// deploymentResult is one row of the closing table.
type deploymentResult struct {
	Deployment string     `json:"deployment"`
	Created    int        `json:"created"`
	Updated    int        `json:"updated"`
	Deleted    int        `json:"deleted"`
	Unchanged  int        `json:"unchanged"`
	Failed     int        `json:"failed"`
	Objects    int        `json:"objects,omitempty"` // export only
	DurationMS int64      `json:"duration_ms"`
	ExitCode   int        `json:"exit_code"`
	Error      string     `json:"error,omitempty"`
	Plan       *jobs.Plan `json:"plan,omitempty"` // plan --json only
}

// count takes the counts of a plan's or an apply's report.
func (r *deploymentResult) count(rep *jobs.Report) {
	r.Created, r.Updated, r.Deleted, r.Unchanged, r.Failed = rep.Created, rep.Updated, rep.Deleted, rep.Unchanged, rep.Failed
}

// perAlias replaces {alias} in a path; a path without it would have every deployment
// write the same file.
func perAlias(flag, path, alias string) (string, error) {
	if path == "" {
		return "", nil
	}
	if !strings.Contains(path, "{alias}") {
		return "", fmt.Errorf("%s %s: with several --alias the path must hold {alias}", flag, path)
	}
	return strings.ReplaceAll(path, "{alias}", alias), nil
}

// runMulti runs one per deployment, at most parallel at once, prints each deployment's
// output as one block as it ends (nothing with asJSON) and ends with the table.
func runMulti(ctx context.Context, spec runSpec, ds []deployment, parallel int, asJSON, export bool,
	one func(ctx context.Context, spec runSpec, d deployment, row *deploymentResult) int) int {
	if spec.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, spec.timeout)
		defer cancel()
	}
	rows := make([]deploymentResult, len(ds))
	var outMu sync.Mutex
	var wg sync.WaitGroup
	slots := make(chan struct{}, parallel)
	for i, d := range ds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			row := &rows[i]
			row.Deployment = d.name
			var out bytes.Buffer
			dspec := spec
			dspec.conn = &d.conn
			dspec.stdout = &out
			dspec.log = spec.log.With(log.Field{Key: "deployment", Value: d.name})
			start := time.Now()
			row.ExitCode = one(ctx, dspec, d, row)
			row.DurationMS = time.Since(start).Milliseconds()
			if asJSON {
				return
			}
			if out.Len() == 0 && row.Error != "" {
				// A deployment that failed before any output still gets its block.
				fmt.Fprintf(&out, "failed: %s\n", row.Error)
			}
			outMu.Lock()
			defer outMu.Unlock()
			fmt.Fprintf(spec.stdout, "== %s ==\n%s\n", d.name, out.Bytes())
		}()
	}
	wg.Wait()
	if asJSON {
		b, _ := json.MarshalIndent(map[string]any{"deployments": rows}, "", "  ")
		fmt.Fprintln(spec.stdout, string(b))
	} else {
		renderTable(spec.stdout, rows, export)
	}
	return multiExitCode(ctx, rows)
}

// multiExitCode is the run's code: the first failure's, else 3 when a plan found changes.
func multiExitCode(ctx context.Context, rows []deploymentResult) int {
	if ctx.Err() != nil {
		return ExitInterrupted
	}
	code := ExitOK
	for _, r := range rows {
		switch r.ExitCode {
		case ExitOK:
		case ExitChanges:
			code = ExitChanges
		default:
			return r.ExitCode
		}
	}
	return code
}

// renderTable prints the closing table through the renderer minio.each shares.
func renderTable(w io.Writer, rows []deploymentResult, export bool) {
	out := make([]jobs.DeploymentRow, len(rows))
	for i, r := range rows {
		result := "ok"
		switch {
		case r.ExitCode == ExitChanges:
			result = "changes"
		case r.ExitCode != ExitOK:
			result = fmt.Sprintf("failed (exit %d)", r.ExitCode)
		}
		out[i] = jobs.DeploymentRow{Deployment: r.Deployment, Created: r.Created, Updated: r.Updated, Deleted: r.Deleted,
			Unchanged: r.Unchanged, Failed: r.Failed, Objects: r.Objects,
			Duration: time.Duration(r.DurationMS) * time.Millisecond, Result: result}
	}
	jobs.RenderDeployments(w, out, export)
}

// multiState checks plan's and apply's flags for several deployments and runs them.
func multiState(ctx context.Context, sf *stateFlags, spec runSpec, ds []deployment, parallel int) int {
	lg := spec.log
	switch {
	case sf.plan != "":
		lg.Log("error", "apply --plan takes one deployment: a saved plan is one deployment's; use --yes with several --alias")
		return ExitUsage
	case sf.cmd == "apply" && !sf.yes:
		lg.Log("error", "apply to several deployments needs --yes (it asks no question per deployment)")
		return ExitUsage
	}
	if _, err := perAlias("-o", sf.out, ""); err != nil {
		lg.Log("error", err.Error())
		return ExitUsage
	}
	want, err := LoadState(ctx, sf.stateFile)
	if err != nil {
		lg.Log("error", err.Error())
		return ExitUsage
	}
	return runMulti(ctx, spec, ds, parallel, sf.json, false, func(ctx context.Context, spec runSpec, d deployment, row *deploymentResult) int {
		dsf := *sf
		dsf.out, _ = perAlias("-o", sf.out, d.name)
		eng, err := newEngine(spec)
		if err != nil {
			spec.log.Log("error", err.Error())
			row.Error = err.Error()
			return ExitUsage
		}
		defer eng.Client.CloseIdleConnections()
		return stateOne(ctx, &dsf, spec, eng, nil, want, nil, row)
	})
}

// multiExport checks export's flags for several deployments and runs them.
func multiExport(ctx context.Context, ef *exportFlags, spec runSpec, ds []deployment, parallel int) int {
	if ef.out == "" {
		spec.log.Log("error", "export from several deployments needs -o with {alias}, e.g. -o exports/{alias}.yaml")
		return ExitUsage
	}
	for flag, path := range map[string]string{"-o": ef.out, "--secrets": ef.secrets} {
		if _, err := perAlias(flag, path, ""); err != nil {
			spec.log.Log("error", err.Error())
			return ExitUsage
		}
	}
	return runMulti(ctx, spec, ds, parallel, ef.json, true, func(ctx context.Context, spec runSpec, d deployment, row *deploymentResult) int {
		def := *ef
		def.out, _ = perAlias("-o", ef.out, d.name)
		def.secrets, _ = perAlias("--secrets", ef.secrets, d.name)
		return exportOne(ctx, &def, spec, row)
	})
}

// errMultiCommand refuses several --alias for a command that takes one connection.
var errMultiCommand = errors.New("--alias may be repeated only for plan, apply and export")
