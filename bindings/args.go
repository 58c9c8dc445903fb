package bindings

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/files"
	"github.com/minioscript/minioscript/internal/luatable"
	"github.com/minioscript/minioscript/jobs"
	ljson "github.com/minioscript/minioscript/stdlib/json"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// adapter turns one Lua argument into the Go type it is registered for. Each Go type an
// operation may take has exactly one adapter, in the adapters table below; a declaration
// with any other type fails when the table is built.
type adapter struct {
	what    string // for error messages: "<what> expected, got <type>"
	luaType string // LuaLS type for stubs and doc
	example string // a Lua value for the docs' examples
	conv    func(L *lua.LState, v lua.LValue) (any, error)
}

// expiry is an instant that must lie in the future (service-account expiry).
type expiry struct{ t *time.Time }

func (e expiry) time() *time.Time { return e.t }

var adapters = map[reflect.Type]adapter{
	reflect.TypeFor[*jobs.State](): {"state table", "table", `{users = {alice = {policies = {"readwrite"}}}}`,
		func(L *lua.LState, v lua.LValue) (any, error) { return toState(L, v) }},
	reflect.TypeFor[applyOptions]():  tableAdapter[applyOptions]("options table {prune=, bulk=, concurrency=}", "table", `{prune = false}`),
	reflect.TypeFor[exportOptions](): tableAdapter[exportOptions]("options table {only=, secrets=}", "table", `{only = {"users", "groups"}}`),
	reflect.TypeFor[attachTarget]():  tableAdapter[attachTarget]("table {user=} or {group=}", "table", `{user = "alice"}`),
	reflect.TypeFor[userOptions](): tableAdapter[userOptions]("options table {status=, policies=, reset_secret=}", "table",
		`{status = "enabled", policies = {"readwrite"}}`),
	reflect.TypeFor[groupOptions]():  tableAdapter[groupOptions]("options table {status=, policies=}", "table", `{policies = {"readwrite"}}`),
	reflect.TypeFor[bucketOptions](): tableAdapter[bucketOptions]("options table {quota=}", "table", `{quota = 1024 * 1024 * 1024}`),
	reflect.TypeFor[string](): {"string", "string", `"NAME"`,
		func(_ *lua.LState, v lua.LValue) (any, error) { return toString(v) }},
	reflect.TypeFor[[]string](): {"list or comma string", "string[]|string", `{"a", "b"}`,
		func(_ *lua.LState, v lua.LValue) (any, error) { return toList(v) }},
	reflect.TypeFor[bool](): {"boolean", "boolean", "true",
		func(_ *lua.LState, v lua.LValue) (any, error) { return toBool(v) }},
	reflect.TypeFor[json.RawMessage](): {"policy table, JSON string or file path", "table|string", `"policy.json"`,
		toPolicy},
	reflect.TypeFor[*time.Time](): {"Unix time or RFC 3339 string", "integer|string", `"2030-01-01T00:00:00Z"`,
		func(_ *lua.LState, v lua.LValue) (any, error) { return toTime(v) }},
	reflect.TypeFor[expiry](): {"future Unix time or RFC 3339 string", "integer|string", "os.time() + 30 * 86400",
		func(_ *lua.LState, v lua.LValue) (any, error) { return toExpiry(v, time.Now()) }},
	reflect.TypeFor[[]admin.KV](): {`"k=v ..." string or table`, "string|table<string,string|number|boolean>", `{requests_max = "1000"}`,
		func(_ *lua.LState, v lua.LValue) (any, error) { return toKV(v) }},
	reflect.TypeFor[uint64](): {"non-negative integer", "integer", "1024 * 1024 * 1024",
		func(_ *lua.LState, v lua.LValue) (any, error) { return toSize(v) }},
	reflect.TypeFor[time.Duration](): {"seconds or duration string", "number|string", `"30s"`,
		func(_ *lua.LState, v lua.LValue) (any, error) { return toDuration(v) }},
	reflect.TypeFor[[]admin.PeerSite](): {"list of PeerSite tables", "minio.PeerSite[]",
		`{minio.PeerSite{name = "site-a", endpoint = "https://a:9000", access_key = "AK", secret_key = "SK"}, minio.PeerSite{...}}`,
		func(L *lua.LState, v lua.LValue) (any, error) { return toPeerSites(L, v) }},
	reflect.TypeFor[admin.PeerInfo](): tableAdapter[admin.PeerInfo]("PeerInfo table", "minio.PeerInfo",
		`minio.PeerInfo{deployment_id = "ID", sync_status = "enable"}`),
	reflect.TypeFor[admin.SiteReplicationStatusOptions](): tableAdapter[admin.SiteReplicationStatusOptions]("SiteReplicationStatusOptions table",
		"minio.SiteReplicationStatusOptions", `minio.SiteReplicationStatusOptions{users = true}`),
}

// errType is the usual "X expected, got Y" complaint.
func errType(what string, v lua.LValue) error { return luatable.ErrType(what, v) }

func typeName(v lua.LValue) string { return luatable.TypeName(v) }

// numberText writes a number as Lua prints it (inf, -inf, nan), for messages.
func numberText(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	return lua.LNumber(f).String()
}

// toString accepts strings and, as Lua does, finite numbers; inf and NaN are refused so
// that `1/0` never becomes a user called "+Inf".
func toString(v lua.LValue) (string, error) {
	switch x := v.(type) {
	case lua.LString:
		return string(x), nil
	case lua.LNumber:
		f := float64(x)
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return "", fmt.Errorf("string expected, got %s", numberText(f))
		}
		return x.String(), nil
	}
	return "", errType("string", v)
}

func toBool(v lua.LValue) (bool, error) {
	if b, ok := v.(lua.LBool); ok {
		return bool(b), nil
	}
	return false, errType("boolean", v)
}

// toList takes a comma string or a sequence; a table with any key outside 1..#t (for
// instance {alice=true}) is refused rather than sent as a shorter or empty list.
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
		if err := luatable.CheckSequence(x); err != nil {
			return nil, err
		}
		out := make([]string, 0, x.Len())
		for i := 1; i <= x.Len(); i++ {
			s, err := toString(x.RawGetInt(i))
			if err != nil {
				return nil, fmt.Errorf("item %d: %w", i, err)
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, errType("list or comma string", v)
}

func toPolicy(L *lua.LState, v lua.LValue) (any, error) {
	switch x := v.(type) {
	case *lua.LTable:
		b, err := ljson.Encode(L, x)
		return json.RawMessage(b), err
	case lua.LString:
		s := strings.TrimSpace(string(x))
		if strings.HasPrefix(s, "{") {
			if !json.Valid([]byte(s)) {
				return nil, errors.New("malformed policy JSON")
			}
			return json.RawMessage(s), nil
		}
		b, err := filesOf(L).ReadFile(s)
		if err != nil {
			return nil, fmt.Errorf("not JSON and not a readable file: %v", err)
		}
		if !json.Valid(b) {
			return nil, fmt.Errorf("malformed policy JSON in %s", s)
		}
		return json.RawMessage(b), nil
	}
	return nil, errType("policy table, JSON string or file path", v)
}

// filesKey is the registry key of the VM's *files.FS, through which arguments that name
// a file are read, so that --sandbox bounds them too.
const filesKey = "minio.files"

// filesOf is the VM's file access (nil, which reads anything, outside a VM).
func filesOf(L *lua.LState) *files.FS {
	if ud, ok := L.GetField(L.Get(lua.RegistryIndex), filesKey).(*lua.LUserData); ok {
		fsys, _ := ud.Value.(*files.FS)
		return fsys
	}
	return nil
}

// Times beyond year 9999 cannot be written in RFC 3339, which is what the server reads.
var maxTime = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)

func toTime(v lua.LValue) (*time.Time, error) {
	switch x := v.(type) {
	case lua.LNumber:
		f := float64(x)
		if math.IsNaN(f) || f < 0 || f > float64(maxTime.Unix()) {
			return nil, fmt.Errorf("Unix time between 0 and %d expected, got %s", maxTime.Unix(), numberText(f))
		}
		sec, frac := math.Modf(f)
		t := time.Unix(int64(sec), int64(frac*1e9)).UTC()
		return &t, nil
	case lua.LString:
		t, err := time.Parse(time.RFC3339, string(x))
		if err != nil {
			return nil, fmt.Errorf("not an RFC 3339 time: %q", string(x))
		}
		return &t, nil
	}
	return nil, errType("Unix time or RFC 3339 string", v)
}

func toExpiry(v lua.LValue, now time.Time) (expiry, error) {
	t, err := toTime(v)
	if err != nil {
		return expiry{}, err
	}
	if !t.After(now) {
		return expiry{}, fmt.Errorf("expiry %s is in the past", t.Format(time.RFC3339))
	}
	return expiry{t}, nil
}

func toKV(v lua.LValue) ([]admin.KV, error) {
	switch x := v.(type) {
	case lua.LString:
		return admin.ParseKV(string(x))
	case *lua.LTable:
		var kvs []admin.KV
		var bad error
		x.ForEach(func(k, val lua.LValue) {
			s, err := toString(val)
			if b, isBool := val.(lua.LBool); isBool {
				s, err = map[bool]string{true: "on", false: "off"}[bool(b)], nil
			}
			if err != nil && bad == nil {
				bad = fmt.Errorf("value of %s: %w", k.String(), err)
			}
			kvs = append(kvs, admin.KV{Key: k.String(), Value: s})
		})
		sort.Slice(kvs, func(i, j int) bool { return kvs[i].Key < kvs[j].Key })
		return kvs, bad
	}
	return nil, errType(`"k=v ..." string or table`, v)
}

func toSize(v lua.LValue) (uint64, error) {
	n, ok := v.(lua.LNumber)
	f := float64(n)
	if !ok || f < 0 || f >= math.MaxUint64 || f != math.Trunc(f) {
		return 0, errType("non-negative integer", v)
	}
	return uint64(f), nil
}

// toDuration reads seconds or a Go duration string ("30s", "1m30s"); negative, NaN and
// infinite values are refused rather than taken as "no limit".
func toDuration(v lua.LValue) (time.Duration, error) {
	switch x := v.(type) {
	case lua.LNumber:
		f := float64(x) * float64(time.Second)
		if math.IsNaN(f) || f < 0 || f >= math.MaxInt64 {
			return 0, fmt.Errorf("non-negative seconds expected, got %s", numberText(float64(x)))
		}
		return time.Duration(f), nil
	case lua.LString:
		d, err := time.ParseDuration(strings.TrimSpace(string(x)))
		if err != nil {
			return 0, fmt.Errorf("not a duration: %q (e.g. 30 or \"30s\")", string(x))
		}
		if d < 0 {
			return 0, fmt.Errorf("negative duration %s", d)
		}
		return d, nil
	}
	return 0, errType("seconds or duration string", v)
}

// toUintString reads a whole number given as a number or as decimal text (the reference
// types PeerInfo's bandwidth limit as a string).
func toUintString(_ *lua.LState, v lua.LValue) (any, error) {
	if s, ok := v.(lua.LString); ok {
		n, err := strconv.ParseUint(strings.TrimSpace(string(s)), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("whole number of bytes per second expected, got %q", string(s))
		}
		return n, nil
	}
	return toSize(v)
}

// toBoolString reads a boolean, or "true"/"false" as the reference types some flags.
func toBoolString(_ *lua.LState, v lua.LValue) (any, error) {
	if s, ok := v.(lua.LString); ok {
		b, err := strconv.ParseBool(string(s))
		if err != nil {
			return nil, fmt.Errorf("boolean expected, got %q", string(s))
		}
		return b, nil
	}
	return toBool(v)
}

func toPeerSites(L *lua.LState, v lua.LValue) ([]admin.PeerSite, error) {
	t, ok := v.(*lua.LTable)
	if !ok || t.Len() == 0 {
		return nil, errors.New("a non-empty list of PeerSite tables expected")
	}
	if err := luatable.CheckSequence(t); err != nil {
		return nil, err
	}
	var out []admin.PeerSite
	for i := 1; i <= t.Len(); i++ {
		p, err := decodeTable[admin.PeerSite](L, t.RawGetInt(i))
		if err != nil {
			return nil, fmt.Errorf("site %d: %w", i, err)
		}
		out = append(out, p)
	}
	return out, nil
}
