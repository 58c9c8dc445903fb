package bindings

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/minioscript/minioscript/admin"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
	"github.com/schollz/progressbar/v3"
)

// Argument and result types of the job methods (ensure_*, plan, apply); ops.go declares
// the methods, args.go maps these types to their converters below.

// userOptions is ensure_user's third argument: {status=, policies=, reset_secret=}.
type userOptions struct{ admin.UserState }

// groupOptions is ensure_group's third argument: {status=, policies=}.
type groupOptions struct{ admin.GroupState }

// bucketOptions is ensure_bucket's second argument: {quota=}.
type bucketOptions struct{ admin.BucketState }

// attachTarget is ensure_attached's second argument: {user=} or {group=}.
type attachTarget struct{ user, group string }

// applyOptions is the options table of plan and apply: {prune=, bulk=, concurrency=}.
type applyOptions struct{ admin.ApplyOptions }

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

func toUserState(L *lua.LState, v lua.LValue, withSecret bool) (admin.UserState, error) {
	var u admin.UserState
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

func toGroupState(L *lua.LState, v lua.LValue, withMembers bool) (admin.GroupState, error) {
	var g admin.GroupState
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

func toBucketState(L *lua.LState, v lua.LValue) (admin.BucketState, error) {
	var b admin.BucketState
	r, err := readFields(L, v, "quota")
	if err != nil {
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

func toServiceAccountState(L *lua.LState, v lua.LValue) (admin.ServiceAccountState, error) {
	var s admin.ServiceAccountState
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
func toState(L *lua.LState, v lua.LValue) (*admin.State, error) {
	r, err := readFields(L, v, "policies", "users", "groups", "service_accounts", "buckets")
	if err != nil {
		return nil, err
	}
	st := &admin.State{}
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
		section("users", func() { st.Users = map[string]admin.UserState{} }, func(k string, v lua.LValue) error {
			u, err := toUserState(L, v, true)
			st.Users[k] = u
			return err
		}),
		section("groups", func() { st.Groups = map[string]admin.GroupState{} }, func(k string, v lua.LValue) error {
			g, err := toGroupState(L, v, true)
			st.Groups[k] = g
			return err
		}),
		section("service_accounts", func() { st.ServiceAccounts = map[string]admin.ServiceAccountState{} }, func(k string, v lua.LValue) error {
			s, err := toServiceAccountState(L, v)
			st.ServiceAccounts[k] = s
			return err
		}),
		section("buckets", func() { st.Buckets = map[string]admin.BucketState{} }, func(k string, v lua.LValue) error {
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
	case "", admin.BulkAuto, admin.BulkAlways, admin.BulkNever:
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
type ensured admin.EnsureResult

func (e ensured) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]any{"status": e.Status, "changes": e.Changes})
}

func (ensured) luaResult() (string, string) {
	return "string, table?", `"created", "updated" or "unchanged", and for updated a table of the changed fields (secrets as "***")`
}

func (ensured) shapeLua(L *lua.LState, v lua.LValue) int {
	t, _ := v.(*lua.LTable)
	if t == nil {
		L.Push(lua.LNil)
		return 1
	}
	L.Push(t.RawGetString("status"))
	L.Push(t.RawGetString("changes"))
	return 2
}

// report is what plan and apply return: a table {changes=, created=, updated=,
// deleted=, unchanged=, failed=, errors=, warnings=, bulk=, dry_run=} whose tostring is
// the readable summary. Errors are minio error objects.
type report struct{ r *admin.Report }

func (rp report) MarshalJSON() ([]byte, error) {
	r := rp.r
	if r == nil {
		return []byte("null"), nil
	}
	type change struct {
		Action string         `json:"action"`
		Kind   string         `json:"kind"`
		Name   string         `json:"name"`
		Fields map[string]any `json:"fields,omitempty"`
	}
	toChange := func(c admin.Change) change { return change{c.Action, c.Kind, c.Name, c.Fields} }
	changes := make([]change, 0, len(r.Changes))
	for _, c := range r.Changes {
		changes = append(changes, toChange(c))
	}
	type failure struct {
		Change change         `json:"change"`
		Error  map[string]any `json:"error"`
	}
	errs := make([]failure, 0, len(r.Errors))
	for _, e := range r.Errors {
		errs = append(errs, failure{toChange(e.Change), errorDoc(e.Change.Action+" "+e.Change.Kind+" "+e.Change.Name, e.Err)})
	}
	warnings := append([]string{}, r.Warnings...)
	return json.Marshal(map[string]any{
		"changes": changes, "created": r.Created, "updated": r.Updated, "deleted": r.Deleted,
		"unchanged": r.Unchanged, "failed": r.Failed, "errors": errs, "warnings": warnings,
		"bulk": r.Bulk, "dry_run": r.DryRun, "summary": r.String(),
	})
}

func (report) luaResult() (string, string) {
	return "table", "a report {changes, created, updated, deleted, unchanged, failed, errors, warnings, bulk, dry_run}; tostring gives the summary"
}

func (report) shapeLua(L *lua.LState, v lua.LValue) int {
	t, ok := v.(*lua.LTable)
	if !ok {
		L.Push(v)
		return 1
	}
	summary := t.RawGetString("summary")
	t.RawSetString("summary", lua.LNil)
	if errs, ok := t.RawGetString("errors").(*lua.LTable); ok {
		errs.ForEach(func(_, e lua.LValue) {
			if et, ok := e.(*lua.LTable); ok {
				if obj, ok := et.RawGetString("error").(*lua.LTable); ok {
					L.SetMetatable(obj, L.GetTypeMetatable(errorType))
				}
			}
		})
	}
	mt := L.NewTable()
	mt.RawSetString("__tostring", L.NewFunction(func(L *lua.LState) int {
		L.Push(summary)
		return 1
	}))
	L.SetMetatable(t, mt)
	L.Push(t)
	return 1
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
