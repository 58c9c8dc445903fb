package bindings

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/minioscript/minioscript/admin"
	ljson "github.com/minioscript/minioscript/stdlib/json"
	lua "github.com/yuin/gopher-lua"
)

// kind is how a Lua argument becomes a Go value; each kind has one adapter below.
type kind int

const (
	kString     kind = iota // string (numbers accepted, as in Lua)
	kList                   // list of strings, or a comma string
	kBool                   // boolean
	kPolicy                 // table, JSON text, or a file path -> JSON bytes
	kTime                   // Unix seconds or RFC 3339 -> *time.Time
	kKV                     // "k=v k2=v2" or {k="v"} -> []admin.KV
	kSize                   // non-negative integer -> uint64
	kDuration               // seconds, or a Go duration string -> time.Duration
	kPeerSites              // list of PeerSite tables
	kPeerInfo               // PeerInfo table
	kStatusOpts             // SiteReplicationStatusOptions table
)

var kindNames = map[kind]string{
	kString: "string", kList: "list or comma string", kBool: "boolean", kPolicy: "policy table, JSON string or file path",
	kTime: "Unix time or RFC 3339 string", kKV: `"k=v ..." string or table`, kSize: "non-negative integer",
	kDuration: "seconds or duration string", kPeerSites: "list of PeerSite tables", kPeerInfo: "PeerInfo table",
	kStatusOpts: "SiteReplicationStatusOptions table",
}

type param struct {
	name     string
	kind     kind
	optional bool
}

// argv holds the converted arguments of one call by parameter name; absent optional
// arguments are missing.
type argv map[string]any

func (a argv) str(n string) string { s, _ := a[n].(string); return s }
func (a argv) list(n string) []string {
	l, _ := a[n].([]string)
	return l
}
func (a argv) boolean(n string) bool { b, _ := a[n].(bool); return b }
func (a argv) json(n string) json.RawMessage {
	b, _ := a[n].(json.RawMessage)
	return b
}
func (a argv) time(n string) *time.Time { t, _ := a[n].(*time.Time); return t }

// unpack reads the call's arguments (after self) either positionally or, when the only
// argument is a table keyed by parameter names, as one options table.
func unpack(L *lua.LState, op *opSpec, first int) argv {
	a := argv{}
	top := L.GetTop()
	if t, ok := L.Get(first).(*lua.LTable); ok && top == first && isOptionsTable(t, op) {
		t.ForEach(func(k, v lua.LValue) {
			ks, isStr := k.(lua.LString)
			if !isStr || op.param(string(ks)) == nil {
				argError(L, op, 1, fmt.Sprintf("unknown option '%s'", k.String()))
			}
		})
		for i, p := range op.params {
			convert(L, op, a, p, t.RawGetString(p.name), i+1)
		}
		return a
	}
	if n := top - first + 1; n > len(op.params) {
		argError(L, op, len(op.params)+1, fmt.Sprintf("%d arguments given, at most %d expected", n, len(op.params)))
	}
	for i, p := range op.params {
		convert(L, op, a, p, L.Get(first+i), i+1)
	}
	return a
}

// isOptionsTable: a table with no list part whose keys name a parameter, for an
// operation with optional parameters.
func isOptionsTable(t *lua.LTable, op *opSpec) bool {
	if !op.hasOptional() || t.Len() > 0 {
		return false
	}
	named := false
	t.ForEach(func(k, _ lua.LValue) {
		if ks, ok := k.(lua.LString); ok && op.param(string(ks)) != nil {
			named = true
		}
	})
	return named
}

func argError(L *lua.LState, op *opSpec, n int, msg string) { badArg(L, n, op.name, msg) }

// badArg raises Lua's usual argument error, naming the function (methods count from the
// first argument after self).
func badArg(L *lua.LState, n int, fn, msg string) {
	L.RaiseError("bad argument #%d to '%s' (%s)", n, fn, msg)
}

func typeError(L *lua.LState, op *opSpec, n int, k kind, v lua.LValue) {
	argError(L, op, n, fmt.Sprintf("%s expected, got %s", kindNames[k], typeName(v)))
}

func typeName(v lua.LValue) string {
	if v == lua.LNil {
		return "no value"
	}
	return v.Type().String()
}

func convert(L *lua.LState, op *opSpec, a argv, p param, v lua.LValue, n int) {
	if v == lua.LNil {
		if !p.optional {
			typeError(L, op, n, p.kind, v)
		}
		return
	}
	var out any
	var err error
	switch p.kind {
	case kString:
		s, ok := luaString(v)
		if !ok {
			typeError(L, op, n, p.kind, v)
		}
		out = s
	case kList:
		out, err = toList(v)
	case kBool:
		b, ok := v.(lua.LBool)
		if !ok {
			typeError(L, op, n, p.kind, v)
		}
		out = bool(b)
	case kPolicy:
		out, err = toPolicy(L, v)
	case kTime:
		out, err = toTime(v)
	case kKV:
		out, err = toKV(v)
	case kSize:
		num, ok := v.(lua.LNumber)
		if !ok || num < 0 || float64(num) != float64(uint64(num)) {
			typeError(L, op, n, p.kind, v)
		}
		out = uint64(num)
	case kDuration:
		out, err = toDuration(v)
	case kPeerSites:
		out, err = toPeerSites(v)
	case kPeerInfo:
		out, err = toPeerInfo(v)
	case kStatusOpts:
		out, err = toStatusOptions(v)
	}
	if err != nil {
		argError(L, op, n, p.name+": "+err.Error())
	}
	a[p.name] = out
}

func luaString(v lua.LValue) (string, bool) {
	switch x := v.(type) {
	case lua.LString:
		return string(x), true
	case lua.LNumber:
		return x.String(), true
	}
	return "", false
}

func toList(v lua.LValue) ([]string, error) {
	switch x := v.(type) {
	case lua.LString:
		var out []string
		for _, p := range strings.Split(string(x), ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out, nil
	case *lua.LTable:
		out := []string{}
		for i := 1; i <= x.Len(); i++ {
			s, ok := luaString(x.RawGetInt(i))
			if !ok {
				return nil, fmt.Errorf("item %d is a %s, not a string", i, x.RawGetInt(i).Type())
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("%s expected, got %s", kindNames[kList], typeName(v))
}

func toPolicy(L *lua.LState, v lua.LValue) (json.RawMessage, error) {
	switch x := v.(type) {
	case *lua.LTable:
		b, err := ljson.Encode(L, x)
		return json.RawMessage(b), err
	case lua.LString:
		s := strings.TrimSpace(string(x))
		if strings.HasPrefix(s, "{") {
			if !json.Valid([]byte(s)) {
				return nil, fmt.Errorf("malformed policy JSON")
			}
			return json.RawMessage(s), nil
		}
		b, err := os.ReadFile(s)
		if err != nil {
			return nil, fmt.Errorf("not JSON and not a readable file: %v", err)
		}
		if !json.Valid(b) {
			return nil, fmt.Errorf("malformed policy JSON in %s", s)
		}
		return json.RawMessage(b), nil
	}
	return nil, fmt.Errorf("%s expected, got %s", kindNames[kPolicy], typeName(v))
}

func toTime(v lua.LValue) (*time.Time, error) {
	switch x := v.(type) {
	case lua.LNumber:
		t := time.Unix(0, int64(float64(x)*1e9)).UTC()
		return &t, nil
	case lua.LString:
		t, err := time.Parse(time.RFC3339, string(x))
		if err != nil {
			return nil, fmt.Errorf("not an RFC 3339 time: %q", string(x))
		}
		return &t, nil
	}
	return nil, fmt.Errorf("%s expected, got %s", kindNames[kTime], typeName(v))
}

func toKV(v lua.LValue) ([]admin.KV, error) {
	switch x := v.(type) {
	case lua.LString:
		return admin.ParseKV(string(x))
	case *lua.LTable:
		var kvs []admin.KV
		var bad error
		x.ForEach(func(k, val lua.LValue) {
			s, ok := luaString(val)
			if b, isBool := val.(lua.LBool); isBool {
				s, ok = map[bool]string{true: "on", false: "off"}[bool(b)], true
			}
			if !ok {
				bad = fmt.Errorf("value of %s is a %s", k.String(), val.Type())
			}
			kvs = append(kvs, admin.KV{Key: k.String(), Value: s})
		})
		sort.Slice(kvs, func(i, j int) bool { return kvs[i].Key < kvs[j].Key })
		return kvs, bad
	}
	return nil, fmt.Errorf("%s expected, got %s", kindNames[kKV], typeName(v))
}

func toDuration(v lua.LValue) (time.Duration, error) {
	switch x := v.(type) {
	case lua.LNumber:
		return time.Duration(float64(x) * float64(time.Second)), nil
	case lua.LString:
		return time.ParseDuration(string(x))
	}
	return 0, fmt.Errorf("%s expected, got %s", kindNames[kDuration], typeName(v))
}

// fields reads a table's string fields, rejecting unknown names.
func fields(v lua.LValue, allowed ...string) (map[string]lua.LValue, error) {
	t, ok := v.(*lua.LTable)
	if !ok {
		return nil, fmt.Errorf("table expected, got %s", typeName(v))
	}
	out := map[string]lua.LValue{}
	var bad error
	t.ForEach(func(k, val lua.LValue) {
		name := k.String()
		found := false
		for _, a := range allowed {
			found = found || a == name
		}
		if !found {
			bad = fmt.Errorf("unknown field '%s' (want %s)", name, strings.Join(allowed, ", "))
		}
		out[name] = val
	})
	return out, bad
}

func fieldString(f map[string]lua.LValue, name string, required bool) (string, error) {
	v, ok := f[name]
	if !ok || v == lua.LNil {
		if required {
			return "", fmt.Errorf("field '%s' is required", name)
		}
		return "", nil
	}
	s, ok := luaString(v)
	if !ok {
		return "", fmt.Errorf("field '%s' must be a string, got %s", name, v.Type())
	}
	return s, nil
}

func fieldBool(f map[string]lua.LValue, name string) (bool, error) {
	switch x := f[name].(type) {
	case nil, *lua.LNilType:
		return false, nil
	case lua.LBool:
		return bool(x), nil
	case lua.LString: // the reference types some flags as strings
		return strconv.ParseBool(string(x))
	}
	return false, fmt.Errorf("field '%s' must be a boolean", name)
}

var peerSiteFields = []string{"name", "endpoint", "access_key", "secret_key"}

func toPeerSite(v lua.LValue) (admin.PeerSite, error) {
	f, err := fields(v, peerSiteFields...)
	if err != nil {
		return admin.PeerSite{}, err
	}
	var p admin.PeerSite
	for _, x := range []struct {
		dst  *string
		name string
	}{{&p.Name, "name"}, {&p.Endpoint, "endpoint"}, {&p.AccessKey, "access_key"}, {&p.SecretKey, "secret_key"}} {
		if *x.dst, err = fieldString(f, x.name, true); err != nil {
			return p, err
		}
	}
	return p, nil
}

func toPeerSites(v lua.LValue) ([]admin.PeerSite, error) {
	t, ok := v.(*lua.LTable)
	if !ok || t.Len() == 0 {
		return nil, fmt.Errorf("a non-empty list of PeerSite tables expected")
	}
	var out []admin.PeerSite
	for i := 1; i <= t.Len(); i++ {
		p, err := toPeerSite(t.RawGetInt(i))
		if err != nil {
			return nil, fmt.Errorf("site %d: %w", i, err)
		}
		out = append(out, p)
	}
	return out, nil
}

var peerInfoFields = []string{"deployment_id", "endpoint", "name", "sync_status", "bucket_bandwidth_limit", "bucket_bandwidth_set", "bucket_bandwidth_updated_at"}

func toPeerInfo(v lua.LValue) (admin.PeerInfo, error) {
	f, err := fields(v, peerInfoFields...)
	if err != nil {
		return admin.PeerInfo{}, err
	}
	var p admin.PeerInfo
	if p.DeploymentID, err = fieldString(f, "deployment_id", true); err != nil {
		return p, err
	}
	if p.Endpoint, err = fieldString(f, "endpoint", false); err != nil {
		return p, err
	}
	if p.Name, err = fieldString(f, "name", false); err != nil {
		return p, err
	}
	if p.SyncStatus, err = fieldString(f, "sync_status", false); err != nil {
		return p, err
	}
	if lim, err := fieldString(f, "bucket_bandwidth_limit", false); err != nil {
		return p, err
	} else if lim != "" {
		if p.BucketBandwidthLimit, err = strconv.ParseUint(lim, 10, 64); err != nil {
			return p, fmt.Errorf("bucket_bandwidth_limit must be a whole number of bytes per second")
		}
	}
	if p.BucketBandwidthSet, err = fieldBool(f, "bucket_bandwidth_set"); err != nil {
		return p, err
	}
	if at, ok := f["bucket_bandwidth_updated_at"]; ok {
		if p.BucketBandwidthUpdatedAt, err = toTime(at); err != nil {
			return p, err
		}
	}
	return p, nil
}

var statusOptionFields = []string{"buckets", "policies", "users", "groups", "metrics", "entity", "entity_value", "show_deleted"}

func toStatusOptions(v lua.LValue) (admin.SiteReplicationStatusOptions, error) {
	var o admin.SiteReplicationStatusOptions
	f, err := fields(v, statusOptionFields...)
	if err != nil {
		return o, err
	}
	for _, x := range []struct {
		dst  *bool
		name string
	}{{&o.Buckets, "buckets"}, {&o.Policies, "policies"}, {&o.Users, "users"}, {&o.Groups, "groups"}, {&o.Metrics, "metrics"}, {&o.ShowDeleted, "show_deleted"}} {
		if *x.dst, err = fieldBool(f, x.name); err != nil {
			return o, err
		}
	}
	if o.Entity, err = fieldString(f, "entity", false); err != nil {
		return o, err
	}
	o.EntityValue, err = fieldString(f, "entity_value", false)
	return o, err
}
