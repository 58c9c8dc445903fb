// Package luatext turns Lua values into text without ever letting a script's __tostring
// take the program down: a metamethod that throws, loops into another error or returns
// a non-string still yields a line.
package luatext

import (
	"errors"

	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// String is tostring(v) run in protected mode. When __tostring fails, the result is the
// value's raw form followed by the failure, e.g. "table: 0xc000 (__tostring failed: boom)".
func String(L *lua.LState, v lua.LValue) string {
	fn := L.GetMetaField(v, "__tostring")
	if fn == lua.LNil {
		return v.String()
	}
	// A cancelled state refuses to run Lua code; the raw form is the best left then.
	if ctx := L.Context(); ctx != nil && ctx.Err() != nil {
		return v.String()
	}
	top := L.GetTop()
	defer L.SetTop(top)
	if err := L.CallByParam(lua.P{Fn: fn, NRet: 1, Protect: true}, v); err != nil {
		return v.String() + " (__tostring failed: " + failure(err) + ")"
	}
	switch r := L.Get(-1).(type) {
	case lua.LString:
		return string(r)
	case lua.LNumber:
		return r.String()
	default:
		return v.String() + " (__tostring returned a " + r.Type().String() + ")"
	}
}

// failure is the raw text of an error raised inside __tostring; its own metamethods are
// not consulted, so a second throwing __tostring cannot recurse.
func failure(err error) string {
	var ae *lua.ApiError
	if errors.As(err, &ae) && ae.Object != nil {
		if s, ok := ae.Object.(lua.LString); ok {
			return string(s)
		}
		return ae.Object.String()
	}
	return err.Error()
}
