package bindings

import (
	"fmt"
	"io"
	"sync"

	"github.com/minioscript/minioscript/jobs"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
	"github.com/schollz/progressbar/v3"
)

// Argument and result types of the job methods (ensure_*, plan, apply); ops.go declares
// the methods, args.go maps these types to their converters below.

// userOptions is ensure_user's third argument: {status=, policies=, reset_secret=}.
type userOptions struct {
	Status      string `lua:",as=status"`
	Policies    []string
	ResetSecret bool
}

// groupOptions is ensure_group's third argument: {status=, policies=}.
type groupOptions struct {
	Status   string `lua:",as=status"`
	Policies []string
}

// bucketOptions is ensure_bucket's second argument: {quota=}.
type bucketOptions struct{ jobs.BucketState }

// attachTarget is ensure_attached's second argument: {user=} or {group=}.
type attachTarget struct{ User, Group string }

func (a *attachTarget) check() error {
	if (a.User == "") == (a.Group == "") {
		return fmt.Errorf("give exactly one of user= or group=")
	}
	return nil
}

// applyOptions is the options table of plan and apply: {prune=, bulk=, concurrency=}.
type applyOptions struct {
	Prune       bool
	Bulk        string `lua:",as=bulk"`
	Concurrency int    `lua:",as=concurrency"`
}

func (o applyOptions) engine() jobs.ApplyOptions {
	return jobs.ApplyOptions{Prune: o.Prune, Bulk: o.Bulk, Concurrency: o.Concurrency}
}

// exportOptions is the options table of export: {only=, secrets=}.
type exportOptions struct {
	Only    []string // sections (jobs.ExportSections); none: all
	Secrets bool     // secret_key values in the table (needs TLS)
}

// exported is what export returns: a state table, as plan and apply take it.
type exported struct{ tree map[string]any }

func (exported) luaResult() (string, string) {
	return "table", "a state table (policies, users, groups, service_accounts, buckets, ldap, kms_keys, config) that plan and apply accept"
}

func pushExported(L *lua.LState, e exported) int {
	L.Push(goValue(L, e.tree))
	return 1
}

// ensured is an ensure_* result: in Lua, two results: "created", "updated" or
// "unchanged", and for updated a table of what changed (secrets as "***").
type ensured jobs.EnsureResult

func (ensured) luaResult() (string, string) {
	return "string, table?", `"created", "updated" or "unchanged", and for updated a table of the changed fields (secrets as "***")`
}

func pushEnsured(L *lua.LState, e ensured) int {
	L.Push(lua.LString(e.Status))
	if e.Changes == nil {
		L.Push(lua.LNil)
	} else {
		L.Push(goValue(L, e.Changes))
	}
	return 2
}

// report is what plan and apply return: a table {changes=, created=, updated=,
// deleted=, unchanged=, failed=, errors=, warnings=, bulk=, dry_run=, restart=} whose
// tostring is the readable form (jobs.Report.Render); restart names the config targets
// the server applies when it restarts. Errors are minio error objects.
type report struct{ r *jobs.Report }

func (report) luaResult() (string, string) {
	return "table", "a report {changes, created, updated, deleted, unchanged, failed, errors, warnings, bulk, dry_run, restart}; tostring gives the readable plan"
}

// pushReport builds the report table directly from the Go report.
func pushReport(L *lua.LState, rp report) int {
	r := rp.r
	t := L.NewTable()
	changes := L.CreateTable(len(r.Changes), 0)
	for _, ch := range r.Changes {
		changes.Append(changeTable(L, ch))
	}
	errs := L.CreateTable(len(r.Errors), 0)
	for _, e := range r.Errors {
		et := L.NewTable()
		et.RawSetString("change", changeTable(L, e.Change))
		et.RawSetString("error", errorTable(L, errorDoc(e.Change.Action+" "+e.Change.Kind+" "+e.Change.Name, e.Err)))
		errs.Append(et)
	}
	warnings := L.CreateTable(len(r.Warnings), 0)
	for _, w := range r.Warnings {
		warnings.Append(lua.LString(w))
	}
	t.RawSetString("changes", changes)
	t.RawSetString("errors", errs)
	t.RawSetString("warnings", warnings)
	for k, n := range map[string]int{"created": r.Created, "updated": r.Updated, "deleted": r.Deleted,
		"unchanged": r.Unchanged, "failed": r.Failed} {
		t.RawSetString(k, lua.LNumber(n))
	}
	t.RawSetString("bulk", lua.LBool(r.Bulk))
	t.RawSetString("dry_run", lua.LBool(r.DryRun))
	restart := L.NewTable()
	for _, name := range r.RestartNeeded() {
		restart.Append(lua.LString(name))
	}
	t.RawSetString("restart", restart)
	text := r.String()
	mt := L.NewTable()
	mt.RawSetString("__tostring", L.NewFunction(func(L *lua.LState) int {
		L.Push(lua.LString(text))
		return 1
	}))
	L.SetMetatable(t, mt)
	L.Push(t)
	return 1
}

// changeTable is one change: {action, kind, name, stage, bulk, restart, before, after, fields};
// fields are the values the change sets (after; before for a delete).
func changeTable(L *lua.LState, ch jobs.Change) *lua.LTable {
	t := L.NewTable()
	t.RawSetString("action", lua.LString(ch.Action))
	t.RawSetString("kind", lua.LString(ch.Kind))
	t.RawSetString("name", lua.LString(ch.Name))
	t.RawSetString("stage", lua.LString(ch.Stage))
	t.RawSetString("bulk", lua.LBool(ch.Bulk))
	t.RawSetString("restart", lua.LBool(ch.Restart))
	fields := ch.After
	if ch.Action == jobs.ActionDelete {
		fields = ch.Before
	}
	for k, m := range map[string]map[string]any{"before": ch.Before, "after": ch.After, "fields": fields} {
		if m != nil {
			t.RawSetString(k, goValue(L, m))
		}
	}
	return t
}

// goValue turns the plain values of plans (strings, numbers, booleans, lists, maps) into
// Lua values.
func goValue(L *lua.LState, v any) lua.LValue {
	switch x := v.(type) {
	case nil:
		return lua.LNil
	case string:
		return lua.LString(x)
	case bool:
		return lua.LBool(x)
	case int:
		return lua.LNumber(x)
	case uint64:
		return lua.LNumber(x)
	case int64:
		return lua.LNumber(x)
	case float64:
		return lua.LNumber(x)
	case []string:
		t := L.CreateTable(len(x), 0)
		for _, s := range x {
			t.Append(lua.LString(s))
		}
		return t
	case []any:
		t := L.CreateTable(len(x), 0)
		for _, e := range x {
			t.Append(goValue(L, e))
		}
		return t
	case map[string]any:
		t := L.CreateTable(0, len(x))
		for k, e := range x {
			t.RawSetString(k, goValue(L, e))
		}
		return t
	}
	return lua.LString(fmt.Sprint(v))
}

// applyProgress draws apply's progress on w when it is a terminal (nil otherwise), with
// the same bar as minio.parallel; each apply gets a bar of its own.
func applyProgress(w io.Writer) func(done, total int) {
	if !isTerminal(w) {
		return nil
	}
	var (
		mu  sync.Mutex
		bar *progressbar.ProgressBar
	)
	return func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if bar == nil {
			bar = newProgressBar(w, "apply", total)
		}
		_ = bar.Set(done)
		if done >= total {
			_ = bar.Finish()
			bar = nil
		}
	}
}

// toState reads a state table: {policies=, users=, groups=, service_accounts=, buckets=},
// each keyed by name. A section given, even empty, is managed (and can be pruned).
func toState(L *lua.LState, v lua.LValue) (*jobs.State, error) {
	st, err := decodeTable[jobs.State](L, v)
	if err != nil {
		return nil, err
	}
	return &st, nil
}
