package bindings

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/internal/luatable"
	"github.com/minioscript/minioscript/jobs"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// Every Lua table the module reads (connect{}, PeerSite, PeerInfo, status options, state
// tables, the jobs', minio.parallel's and minio.each's options, minio.each's entries) is
// a Go struct decoded by the one decoder of internal/luatable: the struct's fields and
// `lua` tags say what the table may hold. This file adds what is particular to the module: the converters of Go types
// whose Lua form differs from their Go kind, and the named ones fields pick with `as=`.

// tableConv is a converter with its LuaLS type, for stubs.
type tableConv struct {
	luaType string
	conv    luatable.Conv
}

// typeConvs convert fields by Go type.
var typeConvs = map[reflect.Type]tableConv{
	reflect.TypeFor[[]string](): {"string[]|string", func(_ *lua.LState, v lua.LValue) (any, error) {
		l, err := toList(v)
		if l == nil && err == nil {
			l = []string{} // given, even empty, is not the same as not given
		}
		return l, err
	}},
	reflect.TypeFor[json.RawMessage](): {"table|string", toPolicy},
	reflect.TypeFor[*time.Time](): {"integer|string", func(_ *lua.LState, v lua.LValue) (any, error) {
		return toTime(v)
	}},
	reflect.TypeFor[time.Duration](): {"number|string", func(_ *lua.LState, v lua.LValue) (any, error) { return toDuration(v) }},
	reflect.TypeFor[admin.KDF](): {`"pbkdf2"|"argon2id"`, func(_ *lua.LState, v lua.LValue) (any, error) {
		s, ok := v.(lua.LString)
		if !ok {
			return nil, errType(`"pbkdf2" or "argon2id"`, v)
		}
		return admin.ParseKDF(string(s))
	}},
}

// namedConvs are the converters a field names with `lua:",as=NAME"`.
var namedConvs = map[string]tableConv{
	"uint_or_string": {"integer|string", toUintString},
	"bool_or_string": {"boolean|string", toBoolString},
	"status": {`"enabled"|"disabled"`, func(_ *lua.LState, v lua.LValue) (any, error) {
		s, ok := v.(lua.LString)
		if !ok {
			return nil, errType(`"enabled" or "disabled"`, v)
		}
		switch strings.ToLower(string(s)) {
		case "enabled", "disabled", "on", "off":
			return string(s), nil
		}
		return nil, fmt.Errorf(`"enabled" or "disabled" expected, got %q`, string(s))
	}},
	"bulk": {`"auto"|"always"|"never"`, func(_ *lua.LState, v lua.LValue) (any, error) {
		s, ok := v.(lua.LString)
		switch {
		case !ok:
			return nil, errType(`"auto", "always" or "never"`, v)
		case s == jobs.BulkAuto || s == jobs.BulkAlways || s == jobs.BulkNever:
			return string(s), nil
		}
		return nil, fmt.Errorf(`"auto", "always" or "never" expected, got %q`, string(s))
	}},
	"concurrency": {"integer", func(_ *lua.LState, v lua.LValue) (any, error) {
		n, err := toSize(v)
		if err == nil && (n < 1 || n > 64) {
			err = fmt.Errorf("1 to 64 expected, got %d", n)
		}
		return int(n), err
	}},
	"workers": {"integer", func(_ *lua.LState, v lua.LValue) (any, error) {
		n, ok := v.(lua.LNumber)
		if !ok || n < 1 || float64(n) != float64(int(n)) {
			return nil, fmt.Errorf("a whole number of at least 1 expected, got %s", luaText(v))
		}
		return int(n), nil
	}},
}

// luaText is a value as messages show it: numbers as Lua prints them, else the type.
func luaText(v lua.LValue) string {
	if n, ok := v.(lua.LNumber); ok {
		return numberText(float64(n))
	}
	return typeName(v)
}

var decoder = newDecoder()

func newDecoder() *luatable.Decoder {
	d := &luatable.Decoder{Types: map[reflect.Type]luatable.Conv{}, Named: map[string]luatable.Conv{}}
	for t, c := range typeConvs {
		d.Types[t] = c.conv
	}
	for n, c := range namedConvs {
		d.Named[n] = c.conv
	}
	return d
}

// tableTypes are the struct types the module decodes from tables (TestOperationTable
// checks that the decoder converts each of their fields; FuzzArguments feeds them).
var tableTypes = []reflect.Type{
	reflect.TypeFor[Connection](), reflect.TypeFor[admin.PeerSite](), reflect.TypeFor[admin.PeerInfo](),
	reflect.TypeFor[admin.SiteReplicationStatusOptions](), reflect.TypeFor[jobs.State](),
	reflect.TypeFor[jobs.SecretRef](), reflect.TypeFor[userOptions](), reflect.TypeFor[groupOptions](),
	reflect.TypeFor[bucketOptions](), reflect.TypeFor[applyOptions](), reflect.TypeFor[exportOptions](), reflect.TypeFor[attachTarget](),
	reflect.TypeFor[parallelOptions](), reflect.TypeFor[deploymentEntry](), reflect.TypeFor[eachOptions](),
}

// decodeTable converts a Lua table into T, starting from T's defaults (setDefaults) and
// ending with its own checks across fields (check).
func decodeTable[T any](L *lua.LState, v lua.LValue) (T, error) {
	var out T
	if d, ok := any(&out).(interface{ setDefaults() }); ok {
		d.setDefaults()
	}
	err := decoder.Decode(L, v, &out)
	if c, ok := any(&out).(interface{ check() error }); ok && err == nil {
		err = c.check()
	}
	return out, err
}

// tableAdapter is the argument adapter of a table type.
func tableAdapter[T any](what, luaType, example string) adapter {
	return adapter{what, luaType, example, func(L *lua.LState, v lua.LValue) (any, error) { return decodeTable[T](L, v) }}
}

// fieldLuaType is the LuaLS type of a struct field: its converter's when it has one.
func fieldLuaType(f luatable.Field) string {
	if c, ok := namedConvs[f.As]; ok {
		return c.luaType
	}
	if c, ok := typeConvs[f.Type]; ok {
		return c.luaType
	}
	switch f.Type.Kind() {
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int64, reflect.Uint64:
		return "integer"
	}
	return "string"
}
