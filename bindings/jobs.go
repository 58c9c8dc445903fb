package bindings

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/minioscript/minioscript/jobs"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
	"github.com/schollz/progressbar/v3"
)

// Argument and result types of the job methods (ensure_*, plan, apply); ops.go declares
// the methods, args.go maps these types to their converters below.

// userOptions is ensure_user's third argument: {status=, policies=, reset_secret=}.
type userOptions struct{ jobs.UserState }

// groupOptions is ensure_group's third argument: {status=, policies=}.
type groupOptions struct{ jobs.GroupState }

// bucketOptions is ensure_bucket's second argument: {quota=}.
type bucketOptions struct{ jobs.BucketState }

// attachTarget is ensure_attached's second argument: {user=} or {group=}.
type attachTarget struct{ user, group string }

// applyOptions is the options table of plan and apply: {prune=, bulk=, concurrency=}.
type applyOptions struct{ jobs.ApplyOptions }

// tableFields reads a table whose keys must all be among allowed.
func tableFields(v lua.LValue, allowed ...string) (map[string]lua.LValue, error) {
	t, ok := v.(*lua.LTable)
	if !ok {
		return nil, errType("table", v)
	}
	out := map[string]lua.LValue{}
	var bad []string
	t.ForEach(func(k, val lua.LValue) {
		ks, isStr := k.(lua.LString)
		if !isStr || !slices.Contains(allowed, string(ks)) {
			bad = append(bad, k.String())
			return
		}
		out[string(ks)] = val
	})
	if len(bad) > 0 {
		sort.Strings(bad)
		return nil, fmt.Errorf("unknown field '%s' (want %s)", bad[0], strings.Join(allowed, ", "))
	}
	return out, nil
}

// fieldReader converts the fields of one table, keeping the first error with the
// field's name.
type fieldReader struct {
	L   *lua.LState
	f   map[string]lua.LValue
	err error
}

func (r *fieldReader) fail(name string, err error) {
	if err != nil && r.err == nil {
		r.err = fmt.Errorf("field '%s': %w", name, err)
	}
}

func (r *fieldReader) str(name string, dst *string) {
	if v, ok := r.f[name]; ok {
		s, err := toString(v)
		r.fail(name, err)
		*dst = s
	}
}

func (r *fieldReader) status(name string, dst *string) {
	r.str(name, dst)
	switch strings.ToLower(*dst) {
	case "", "enabled", "disabled", "on", "off":
	default:
		r.fail(name, fmt.Errorf(`"enabled" or "disabled" expected, got %q`, *dst))
	}
}

func (r *fieldReader) boolean(name string, dst *bool) {
	if v, ok := r.f[name]; ok {
		b, err := toBool(v)
		r.fail(name, err)
		*dst = b
	}
}

// list keeps nil for a missing field and a non-nil (maybe empty) list for a given one:
// policies = {} means "no policies", a missing policies field "leave them alone".
func (r *fieldReader) list(name string, dst *[]string) {
	if v, ok := r.f[name]; ok {
		l, err := toList(v)
		r.fail(name, err)
		if l == nil {
			l = []string{}
		}
		*dst = l
	}
}

func (r *fieldReader) policy(name string, dst *json.RawMessage) {
	if v, ok := r.f[name]; ok {
		p, err := toPolicy(r.L, v)
		r.fail(name, err)
		if err == nil {
			*dst = p.(json.RawMessage)
		}
	}
}

func readFields(L *lua.LState, v lua.LValue, allowed ...string) (*fieldReader, error) {
	f, err := tableFields(v, allowed...)
	return &fieldReader{L: L, f: f}, err
}

func toUserState(L *lua.LState, v lua.LValue, withSecret bool) (jobs.UserState, error) {
	var u jobs.UserState
	allowed := []string{"status", "policies", "reset_secret"}
	if withSecret {
		allowed = append(allowed, "secret_key")
	}
	r, err := readFields(L, v, allowed...)
	if err != nil {
		return u, err
	}
	r.str("secret_key", &u.SecretKey)
	r.status("status", &u.Status)
	r.list("policies", &u.Policies)
	r.boolean("reset_secret", &u.ResetSecret)
	return u, r.err
}

func toGroupState(L *lua.LState, v lua.LValue, withMembers bool) (jobs.GroupState, error) {
	var g jobs.GroupState
	allowed := []string{"status", "policies"}
	if withMembers {
		allowed = append(allowed, "members")
	}
	r, err := readFields(L, v, allowed...)
	if err != nil {
		return g, err
	}
	r.list("members", &g.Members)
	r.status("status", &g.Status)
	r.list("policies", &g.Policies)
	return g, r.err
}

func toBucketState(L *lua.LState, v lua.LValue) (jobs.BucketState, error) {
	var b jobs.BucketState
	r, err := readFields(L, v, bucketTableFields()...)
	if err != nil {
		return b, err
	}
	if err := readBucketSettings(L, r.f, &b); err != nil {
		return b, err
	}
	if q, ok := r.f["quota"]; ok {
		n, err := toSize(q)
		r.fail("quota", err)
		b.Quota = &n
	}
	return b, r.err
}

var serviceAccountFields = []string{"user", "secret_key", "name", "description", "policy", "expiry", "status", "reset_secret"}

func toServiceAccountState(L *lua.LState, v lua.LValue) (jobs.ServiceAccountState, error) {
	var s jobs.ServiceAccountState
	r, err := readFields(L, v, serviceAccountFields...)
	if err != nil {
		return s, err
	}
	r.str("user", &s.User)
	r.str("secret_key", &s.SecretKey)
	r.str("name", &s.Name)
	r.str("description", &s.Description)
	r.policy("policy", &s.Policy)
	if e, ok := r.f["expiry"]; ok {
		t, err := toTime(e)
		r.fail("expiry", err)
		s.Expiry = t
	}
	r.status("status", &s.Status)
	r.boolean("reset_secret", &s.ResetSecret)
	return s, r.err
}

// toState reads a state table: {policies=, users=, groups=, service_accounts=, buckets=},
// each keyed by name. Errors name the section and the object.
func toState(L *lua.LState, v lua.LValue) (*jobs.State, error) {
	r, err := readFields(L, v, slices.Concat([]string{"policies", "users", "groups", "service_accounts", "buckets"}, stateSections)...)
	if err != nil {
		return nil, err
	}
	st := &jobs.State{}
	if err := readStateSections(L, r.f, st); err != nil {
		return nil, err
	}
	// A section given, even empty, is managed (and can be pruned); init makes its map.
	section := func(name string, init func(), each func(key string, v lua.LValue) error) error {
		sec, ok := r.f[name]
		if !ok {
			return nil
		}
		t, ok := sec.(*lua.LTable)
		if !ok {
			return fmt.Errorf("%s: %w", name, errType("table keyed by name", sec))
		}
		init()
		var ferr error
		t.ForEach(func(k, val lua.LValue) {
			ks, isStr := k.(lua.LString)
			if ferr != nil {
				return
			}
			if !isStr {
				ferr = fmt.Errorf("%s: keys are names, got %s", name, typeName(k))
				return
			}
			if err := each(string(ks), val); err != nil {
				ferr = fmt.Errorf("%s.%s: %w", name, ks, err)
			}
		})
		return ferr
	}
	errs := []error{
		section("policies", func() { st.Policies = map[string]json.RawMessage{} }, func(k string, v lua.LValue) error {
			p, err := toPolicy(L, v)
			if err == nil {
				st.Policies[k] = p.(json.RawMessage)
			}
			return err
		}),
		section("users", func() { st.Users = map[string]jobs.UserState{} }, func(k string, v lua.LValue) error {
			u, err := toUserState(L, v, true)
			st.Users[k] = u
			return err
		}),
		section("groups", func() { st.Groups = map[string]jobs.GroupState{} }, func(k string, v lua.LValue) error {
			g, err := toGroupState(L, v, true)
			st.Groups[k] = g
			return err
		}),
		section("service_accounts", func() { st.ServiceAccounts = map[string]jobs.ServiceAccountState{} }, func(k string, v lua.LValue) error {
			s, err := toServiceAccountState(L, v)
			st.ServiceAccounts[k] = s
			return err
		}),
		section("buckets", func() { st.Buckets = map[string]jobs.BucketState{} }, func(k string, v lua.LValue) error {
			b, err := toBucketState(L, v)
			st.Buckets[k] = b
			return err
		}),
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return st, nil
}

func toApplyOptions(_ *lua.LState, v lua.LValue) (any, error) {
	var o applyOptions
	r, err := readFields(nil, v, "prune", "bulk", "concurrency")
	if err != nil {
		return o, err
	}
	r.boolean("prune", &o.Prune)
	r.str("bulk", &o.Bulk)
	switch o.Bulk {
	case "", jobs.BulkAuto, jobs.BulkAlways, jobs.BulkNever:
	default:
		r.fail("bulk", fmt.Errorf(`"auto", "always" or "never" expected, got %q`, o.Bulk))
	}
	if c, ok := r.f["concurrency"]; ok {
		n, err := toSize(c)
		if err == nil && (n < 1 || n > 64) {
			err = fmt.Errorf("1 to 64 expected, got %d", n)
		}
		r.fail("concurrency", err)
		o.Concurrency = int(n)
	}
	return o, r.err
}

func toAttachTarget(_ *lua.LState, v lua.LValue) (any, error) {
	var a attachTarget
	r, err := readFields(nil, v, "user", "group")
	if err != nil {
		return a, err
	}
	r.str("user", &a.user)
	r.str("group", &a.group)
	if r.err == nil && (a.user == "") == (a.group == "") {
		return a, fmt.Errorf("give exactly one of user= or group=")
	}
	return a, r.err
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
// deleted=, unchanged=, failed=, errors=, warnings=, bulk=, dry_run=} whose tostring is
// the readable form (jobs.Report.Render). Errors are minio error objects.
type report struct{ r *jobs.Report }

func (report) luaResult() (string, string) {
	return "table", "a report {changes, created, updated, deleted, unchanged, failed, errors, warnings, bulk, dry_run}; tostring gives the readable plan"
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

// changeTable is one change: {action, kind, name, stage, bulk, before, after, fields};
// fields are the values the change sets (after; before for a delete).
func changeTable(L *lua.LState, ch jobs.Change) *lua.LTable {
	t := L.NewTable()
	t.RawSetString("action", lua.LString(ch.Action))
	t.RawSetString("kind", lua.LString(ch.Kind))
	t.RawSetString("name", lua.LString(ch.Name))
	t.RawSetString("stage", lua.LString(ch.Stage))
	t.RawSetString("bulk", lua.LBool(ch.Bulk))
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
			bar = newProgressBar(w, total)
			bar.Describe("apply")
		}
		_ = bar.Set(done)
		if done >= total {
			_ = bar.Finish()
			bar = nil
		}
	}
}
