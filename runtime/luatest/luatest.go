// Package luatest runs Lua test files. A file returns a table; each of its functions
// whose name starts with "test" is a subtest, run in name order and given a `t` helper:
// t:log(...), t:ok(v, msg), t:eq(got, want, msg), t:raises(fn, ...) -> error value,
// t:unique(prefix) -> a name no other test uses, t:tempdir().
package luatest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/minioscript/minioscript/runtime"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// Runner runs files; its counter keeps t:unique names apart across all of them.
type Runner struct{ n atomic.Int64 }

// Files runs each file matching pattern as a subtest, in a fresh VM without a
// connection: the form for modules that need no server.
func Files(t *testing.T, pattern string) {
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no Lua test files match %s: %v", pattern, err)
	}
	var r Runner
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".lua"), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			vm, err := runtime.New(context.Background(), runtime.Options{Script: file})
			if err != nil {
				t.Fatal(err)
			}
			defer vm.Close()
			r.Run(t, vm, file, src)
		})
	}
}

// Run loads src in vm and runs its test functions as subtests of t.
func (r *Runner) Run(t *testing.T, vm *runtime.VM, file string, src []byte) {
	fn, err := vm.Load(src, file)
	if err != nil {
		t.Fatal(err)
	}
	rets, err := vm.Call(fn)
	if err != nil {
		t.Fatalf("%v\n%s", err, traceback(err))
	}
	if len(rets) != 1 || rets[0].Type() != lua.LTTable {
		t.Fatalf("%s must return a table of test functions", file)
	}
	tests := rets[0].(*lua.LTable)
	var names []string
	tests.ForEach(func(k, v lua.LValue) {
		if ks, ok := k.(lua.LString); ok && strings.HasPrefix(string(ks), "test") && v.Type() == lua.LTFunction {
			names = append(names, string(ks))
		}
	})
	sort.Strings(names)
	if len(names) == 0 {
		t.Fatalf("%s has no test functions", file)
	}
	for _, name := range names {
		fn := tests.RawGetString(name).(*lua.LFunction)
		t.Run(name, func(t *testing.T) {
			if _, err := vm.Call(fn, r.helper(vm.L, t)); err != nil {
				t.Fatalf("%v\n%s", err, traceback(err))
			}
		})
	}
}

func traceback(err error) string {
	if se, ok := err.(*runtime.ScriptError); ok {
		return se.Traceback
	}
	return ""
}

// helper builds the `t` object of one test function.
func (r *Runner) helper(L *lua.LState, t *testing.T) *lua.LTable {
	return L.SetFuncs(L.NewTable(), map[string]lua.LGFunction{
		"log": func(L *lua.LState) int {
			var parts []string
			for i := 2; i <= L.GetTop(); i++ {
				parts = append(parts, L.ToStringMeta(L.Get(i)).String())
			}
			t.Log(L.Where(1), strings.Join(parts, " "))
			return 0
		},
		"ok": func(L *lua.LState) int {
			if !lua.LVAsBool(L.Get(2)) {
				L.RaiseError("check failed: %s", L.OptString(3, "expected a true value"))
			}
			return 0
		},
		"eq": func(L *lua.LState) int {
			got, want := toGo(L.Get(2)), toGo(L.Get(3))
			if !reflect.DeepEqual(got, want) {
				L.RaiseError("%s: got %#v, want %#v", L.OptString(4, "values differ"), got, want)
			}
			return 0
		},
		// raises(fn, ...): calls fn, fails unless it raised; returns the error value.
		"raises": func(L *lua.LState) int {
			fn := L.CheckFunction(2)
			top := L.GetTop()
			L.Push(fn)
			for i := 3; i <= top; i++ {
				L.Push(L.Get(i))
			}
			if err := L.PCall(top-2, 0, nil); err != nil {
				if ae, ok := err.(*lua.ApiError); ok {
					L.Push(ae.Object)
					return 1
				}
				L.Push(lua.LString(err.Error()))
				return 1
			}
			L.RaiseError("expected an error, none was raised")
			return 0
		},
		"unique": func(L *lua.LState) int {
			L.Push(lua.LString(fmt.Sprintf("%s-%d", L.CheckString(2), r.n.Add(1))))
			return 1
		},
		"tempdir": func(L *lua.LState) int {
			L.Push(lua.LString(t.TempDir()))
			return 1
		},
	})
}

// toGo converts a Lua value for comparison: tables become maps keyed by tostring(key).
func toGo(v lua.LValue) any {
	switch x := v.(type) {
	case *lua.LNilType:
		return nil
	case lua.LBool:
		return bool(x)
	case lua.LNumber:
		return float64(x)
	case lua.LString:
		return string(x)
	case *lua.LTable:
		m := map[string]any{}
		x.ForEach(func(k, val lua.LValue) { m[k.String()] = toGo(val) })
		return m
	}
	return v.String()
}
