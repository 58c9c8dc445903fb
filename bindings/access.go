package bindings

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"strings"

	"github.com/minioscript/minioscript/access"
	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/jobs"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// Access review (can, access, who_can): the server's IAM state read in one export, the
// answers from the access package's evaluator (README, "Access review").

// ReadAccess reads the server's IAM state as the jobs engine does for a prune of every
// IAM kind (over TLS one export; over plain HTTP one unsealed read per object, so no
// secret crosses the network in the clear), its LDAP mappings and the bucket list, for
// admin:can/access/who_can and minioscript access-report. The caller counts as the
// root user when its key is neither a user nor a service account there: only root and
// IAM administrators may read it all, and the root key is in no listing.
func ReadAccess(ctx context.Context, c *admin.Client) (*access.Evaluator, []string, error) {
	all := &jobs.State{Policies: map[string]json.RawMessage{}, Users: map[string]jobs.UserState{},
		Groups: map[string]jobs.GroupState{}, ServiceAccounts: map[string]jobs.ServiceAccountState{}}
	cur, err := jobs.Read(ctx, c, all, true)
	if err != nil {
		var se *admin.Error
		if errors.As(err, &se) && strings.Contains(se.Message+string(se.Body), "empty actions not allowed") {
			return nil, nil, fmt.Errorf("the server cannot list its IAM state while a policy uses NotAction "+
				"(it fails to serialise it; evaluate an export taken before, or offline): %w", err)
		}
		return nil, nil, err
	}
	if !strings.HasPrefix(c.Endpoint(), "https:") && len(cur.ServiceAccounts) > 0 {
		// The listings leave out the accounts' own policies: read each account.
		accounts := &jobs.State{ServiceAccounts: map[string]jobs.ServiceAccountState{}}
		for key := range cur.ServiceAccounts {
			accounts.ServiceAccounts[key] = jobs.ServiceAccountState{}
		}
		one, err := jobs.Read(ctx, c, accounts, false)
		if err != nil {
			return nil, nil, err
		}
		maps.Copy(cur.ServiceAccounts, one.ServiceAccounts)
	}
	snap := &cur.IAMSnapshot
	// LDAP mappings come with the export over TLS; over plain HTTP from the policy-entities
	// read. The evaluator finds user DNs among the STS mappings, group DNs among the groups'.
	if snap.STSMappings == nil {
		snap.STSMappings = map[string]admin.IAMMapping{}
	}
	for _, side := range []struct {
		dns map[string][]string
		to  map[string]admin.IAMMapping
	}{{cur.LDAPUsers, snap.STSMappings}, {cur.LDAPGroups, snap.GroupMappings}} {
		// The policy-entities read gives DNs folded to lower case; the export as stored.
		have := map[string]bool{}
		for name := range side.to {
			have[strings.ToLower(name)] = true
		}
		for dn, policies := range side.dns {
			if !have[strings.ToLower(dn)] {
				side.to[dn] = admin.IAMMapping{Policy: strings.Join(policies, ",")}
			}
		}
	}
	root := c.AccessKey()
	if _, ok := snap.Users[root]; ok {
		root = ""
	} else if _, ok := snap.ServiceAccounts[root]; ok {
		root = ""
	}
	list, err := c.ListBuckets(ctx)
	if err != nil {
		return nil, nil, err
	}
	buckets := make([]string, len(list.Value))
	for i, b := range list.Value {
		buckets[i] = b.Name
	}
	return access.New(snap, access.Options{Root: root}), buckets, nil
}

// canResult is can's answer: in Lua true, false or "conditional", and the deciding
// statements (a list with a reason field).
type canResult struct{ a access.Answer }

func (canResult) luaResult() (string, string) {
	return `boolean|string, table`, `true, false or "conditional", and the deciding statements ` +
		`{ {policy, statement, effect, via, condition?}, ..., reason = "..." }`
}

func pushCan(L *lua.LState, r canResult) int {
	switch r.a.Decision {
	case access.Allow:
		L.Push(lua.LTrue)
	case access.Deny:
		L.Push(lua.LFalse)
	default:
		L.Push(lua.LString(access.Conditional))
	}
	t := L.CreateTable(len(r.a.Statements), 1)
	for _, s := range r.a.Statements {
		t.Append(jsonValue(L, s))
	}
	t.RawSetString("reason", lua.LString(r.a.Reason))
	L.Push(t)
	return 2
}

// accessResult is access's table of effective permissions.
type accessResult struct{ p access.Permissions }

func (accessResult) luaResult() (string, string) {
	return "table", `{principal, kind, reason?, list_all_buckets, admin = {[action] = "allow"|"conditional"}, ` +
		`buckets = {[bucket] = {level, conditional?, actions}}}; levels: none, list, read, write, delete, admin`
}

func pushAccess(L *lua.LState, r accessResult) int {
	L.Push(jsonValue(L, r.p))
	return 1
}

// whoCanResult is who_can's list of grants.
type whoCanResult struct{ g []access.Grant }

func (whoCanResult) luaResult() (string, string) {
	return "table", `a list of {principal, kind, decision = "allow"|"conditional", reason, statements}`
}

func pushWhoCan(L *lua.LState, r whoCanResult) int {
	t := L.CreateTable(len(r.g), 0)
	for _, g := range r.g {
		t.Append(jsonValue(L, g))
	}
	L.Push(t)
	return 1
}

// reportResult is access_report's matrix, as minioscript access-report --format json.
type reportResult struct{ r *access.Report }

func (reportResult) luaResult() (string, string) {
	return "table", `{buckets, levels, principals = { {principal, kind, status?, parent?, groups?, members?, policies?, ` +
		`session_policy?, related_to?, reason?, list_all_buckets, admin = {[action] = "allow"|"conditional"}, ` +
		`buckets = {[bucket] = {level, conditional?, statements}}}, ...}, broken_policies?}`
}

func pushAccessReport(L *lua.LState, r reportResult) int {
	L.Push(jsonValue(L, r.r))
	return 1
}

// jsonValue turns a Go value into plain Lua tables through its JSON form.
func jsonValue(L *lua.LState, v any) lua.LValue {
	b, err := json.Marshal(v)
	if err != nil {
		return lua.LNil
	}
	var x any
	if err := json.Unmarshal(b, &x); err != nil {
		return lua.LNil
	}
	return goValue(L, x)
}
