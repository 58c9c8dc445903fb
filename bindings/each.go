package bindings

import (
	"fmt"
	"strings"
	"time"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/internal/workpool"
	"github.com/minioscript/minioscript/jobs"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// deploymentEntry is a connection table in minio.each's list: connect{}'s fields and
// the name of its row (default: the endpoint).
type deploymentEntry struct {
	Connection
	Name string
}

// eachOptions is minio.each's third argument: {parallel=, progress=}.
type eachOptions struct {
	Parallel int `lua:",as=workers"`
	Progress bool
}

// setDefaults: as many deployments at once as the command line's --parallel default.
func (o *eachOptions) setDefaults() { o.Parallel = 4 }

// deploymentTarget is one resolved entry of minio.each's list.
type deploymentTarget struct {
	name   string
	client *admin.Client
	raw    bool
}

// reportCounts are the count fields of a plan's or apply's report, in table order.
var reportCounts = [5]string{"created", "updated", "deleted", "unchanged", "failed"}

// minio.each(deployments, fn[, {parallel=, progress=}]) -> rows, all_ok
//
// fn(adm, name) runs once per deployment, each with a client of its own, on the
// machinery of minio.parallel (onThreads); one deployment's error never stops the
// others. Every entry is resolved before any fn runs, so a typo in the list changes
// nothing anywhere.
func each(L *lua.LState, cfg *Config) int {
	list := L.CheckTable(1)
	fn := L.CheckFunction(2)
	var opts eachOptions
	opts.setDefaults()
	if L.Get(3) != lua.LNil {
		o, err := decodeTable[eachOptions](L, L.Get(3))
		if err != nil {
			badArg(L, 3, "each", err.Error())
		}
		opts = o
	}
	targets := resolveDeployments(L, cfg, list)
	n := len(targets)
	clients := make([]lua.LValue, n)
	for i, t := range targets {
		clients[i] = WrapClient(L, t.client, t.raw)
	}

	results := make([]lua.LValue, n)
	raised := make([]lua.LValue, n)
	durations := make([]time.Duration, n)
	onThreads(L, cfg, "each", n, workpool.Pool{Workers: opts.Parallel}, opts.Progress, func(th *lua.LState, i int) error {
		start := time.Now()
		err := th.CallByParam(lua.P{Fn: fn, NRet: 1, Protect: true}, clients[i], lua.LString(targets[i].name))
		durations[i] = time.Since(start)
		if err != nil {
			raised[i] = errorValue(err)
			return nil
		}
		results[i] = th.Get(-1)
		th.Pop(1)
		return nil
	})

	rows := L.CreateTable(n, 0)
	table := make([]jobs.DeploymentRow, n)
	allOK := true
	for i, t := range targets {
		row := L.CreateTable(0, 11)
		tr := jobs.DeploymentRow{Deployment: t.name, Duration: durations[i], Result: "ok"}
		row.RawSetString("deployment", lua.LString(t.name))
		if results[i] != nil {
			row.RawSetString("result", results[i])
		}
		counts := countsOf(results[i])
		for k, name := range reportCounts {
			row.RawSetString(name, lua.LNumber(counts[k]))
		}
		tr.Created, tr.Updated, tr.Deleted, tr.Unchanged, tr.Failed = counts[0], counts[1], counts[2], counts[3], counts[4]
		switch {
		case raised[i] != nil:
			row.RawSetString("error", raised[i])
			tr.Result = "failed: " + firstLine(errorText(L, raised[i]))
		case tr.Failed > 0:
			tr.Result = fmt.Sprintf("failed: %d changes failed", tr.Failed)
		}
		ok := raised[i] == nil && tr.Failed == 0
		allOK = allOK && ok
		row.RawSetString("ok", lua.LBool(ok))
		row.RawSetString("duration", lua.LNumber(durations[i].Seconds()))
		rows.RawSetInt(i+1, row)
		table[i] = tr
	}
	mt := L.NewTable()
	mt.RawSetString("__tostring", L.NewFunction(func(L *lua.LState) int {
		var b strings.Builder
		jobs.RenderDeployments(&b, table, false)
		L.Push(lua.LString(strings.TrimSuffix(b.String(), "\n")))
		return 1
	}))
	L.SetMetatable(rows, mt)
	L.Push(rows)
	L.Push(lua.LBool(allOK))
	return 2
}

// resolveDeployments turns every entry of minio.each's list into a client, raising a
// bad argument error that names the first entry that cannot be one.
func resolveDeployments(L *lua.LState, cfg *Config, list *lua.LTable) []deploymentTarget {
	n := list.Len()
	out := make([]deploymentTarget, n)
	seen := make(map[string]int, n)
	for i := range n {
		var (
			conn  Connection
			label string
			err   error
		)
		switch v := list.RawGetInt(i + 1).(type) {
		case lua.LString:
			out[i].name = string(v)
			label = fmt.Sprintf("entry %d (alias %q)", i+1, out[i].name)
			conn, err = AliasConnection(out[i].name, cfg.Files)
		case *lua.LTable:
			label = entryLabel(i+1, v)
			var e deploymentEntry
			if e, err = decodeTable[deploymentEntry](L, v); err == nil {
				err = cfg.resolveCAFile(&e.Connection)
			}
			conn, out[i].name = e.Connection, e.Name
			if out[i].name == "" {
				out[i].name = conn.Endpoint
			}
		default:
			badArg(L, 1, "each", fmt.Sprintf("entry %d: an mc alias name or a connection table expected, got %s", i+1, typeName(v)))
		}
		if err == nil {
			out[i].client, err = NewClient(conn, cfg)
		}
		if err != nil {
			badArg(L, 1, "each", label+": "+err.Error())
		}
		if j, dup := seen[out[i].name]; dup {
			badArg(L, 1, "each", fmt.Sprintf("%s: the name %q is entry %d's too; each deployment needs a name of its own (name = ...)", label, out[i].name, j))
		}
		seen[out[i].name] = i + 1
		out[i].raw = conn.Raw
	}
	return out
}

// entryLabel names a connection table in messages: by its name, else its endpoint.
func entryLabel(i int, t *lua.LTable) string {
	for _, field := range []string{"name", "endpoint"} {
		if s, ok := t.RawGetString(field).(lua.LString); ok && s != "" {
			return fmt.Sprintf("entry %d (%q)", i, string(s))
		}
	}
	return fmt.Sprintf("entry %d", i)
}

// countsOf reads the five counts of a plan's or apply's report; any other value counts
// nothing.
func countsOf(v lua.LValue) (counts [5]int) {
	t, ok := v.(*lua.LTable)
	if !ok {
		return counts
	}
	var got [5]int
	for k, name := range reportCounts {
		n, ok := t.RawGetString(name).(lua.LNumber)
		if !ok {
			return counts
		}
		got[k] = int(n)
	}
	return got
}

// errorText is a raised value as one would print it: a minio error's one line, a
// message as it is.
func errorText(L *lua.LState, v lua.LValue) string {
	if t, ok := v.(*lua.LTable); ok {
		return ErrorText(L, t)
	}
	return v.String()
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
