// Package env is the Lua `env` module: environment variables with defaults and
// required values.
package env

import (
	"os"

	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// Loader is the module loader.
func Loader(L *lua.LState) int {
	L.Push(L.SetFuncs(L.NewTable(), map[string]lua.LGFunction{
		"get":     get,
		"require": require,
		"set":     set,
	}))
	return 1
}

// get(name[, default]): the value, else default (nil when not given).
func get(L *lua.LState) int {
	if v, ok := os.LookupEnv(L.CheckString(1)); ok {
		L.Push(lua.LString(v))
	} else {
		L.Push(L.Get(2))
	}
	return 1
}

// require(name): the value, or an error naming the missing variable.
func require(L *lua.LState) int {
	name := L.CheckString(1)
	v, ok := os.LookupEnv(name)
	if !ok || v == "" {
		L.RaiseError("environment variable %s is not set", name)
	}
	L.Push(lua.LString(v))
	return 1
}

func set(L *lua.LState) int {
	if err := os.Setenv(L.CheckString(1), L.CheckString(2)); err != nil {
		L.RaiseError("env.set: %v", err)
	}
	return 0
}
