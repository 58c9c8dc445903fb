// Package tests runs the Lua test files in tests/lua against real MinIO servers. Each
// file is a subtest and each function whose name starts with "test" in the table the
// file returns is a subtest of it, run in name order with a `t` helper object.
//
// A file's first lines may name the setup it needs: `-- needs: fresh-server` (its own
// server, e.g. to stop it) or one of the other setups in setups_test.go. Without one, files
// share a single server.
package tests

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/minioscript/minioscript/bindings"
	"github.com/minioscript/minioscript/internal/testserver"
	"github.com/minioscript/minioscript/runtime"
	lua "github.com/yuin/gopher-lua"
)

var needsLine = regexp.MustCompile(`(?m)^-- needs: ([a-z0-9-]+)`)

func TestLua(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("lua", "*.lua"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Lua test files: %v", err)
	}
	sort.Strings(files)
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".lua"), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			setup := "shared"
			if m := needsLine.FindSubmatch(src); m != nil {
				setup = string(m[1])
			}
			make, ok := setups[setup]
			if !ok {
				t.Fatalf("unknown setup %q", setup)
			}
			runFile(t, file, src, make(t))
		})
	}
}

// env is what a setup hands to a test file: the default connection (the global
// `admin`) and extra globals (the `setup` table).
type env struct {
	conn  bindings.Connection
	extra map[string]any
}

var (
	sharedOnce sync.Once
	sharedSrv  *testserver.Server
	sharedErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedSrv != nil {
		sharedSrv.Stop()
		os.RemoveAll(sharedSrv.Dir)
	}
	os.Exit(code)
}

func sharedServer(t testing.TB) *testserver.Server {
	sharedOnce.Do(func() {
		dir, err := os.MkdirTemp("", "minioscript-lua-")
		if err != nil {
			sharedErr = err
			return
		}
		sharedSrv, sharedErr = testserver.Start(context.Background(), dir, testserver.Config{})
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return sharedSrv
}

// serverEnv describes a server as the default connection plus setup.server fields.
func serverEnv(s *testserver.Server) env {
	return env{
		conn: bindings.Connection{Endpoint: s.URL(), AccessKey: testserver.RootUser, SecretKey: testserver.RootPassword, CertCheck: true},
		extra: map[string]any{"endpoint": s.URL(), "access_key": testserver.RootUser, "secret_key": testserver.RootPassword,
			"addr": s.Addr, "pid": s.Pid(), "dir": s.Dir},
	}
}

func runFile(t *testing.T, file string, src []byte, e env) {
	// Every file runs observed and ends with the secrets sweep (sweep_test.go).
	o := newObserver(t, setupSecrets(e.extra)...)
	defer o.Check(t)
	vm, err := runtime.New(context.Background(), o.options(t, runtime.Options{Connection: &e.conn, Script: file}))
	if err != nil {
		t.Fatal(err)
	}
	defer vm.Close()
	L := vm.L
	L.SetGlobal("setup", toLua(L, e.extra))
	// Shared Lua helpers live in lua/lib (not test files themselves); logs in JSON.
	if err := vm.RunString(`package.path = "lua/lib/?.lua;" .. package.path; require("log").format("json")`, "setup"); err != nil {
		t.Fatal(err)
	}
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
	var names []string
	rets[0].(*lua.LTable).ForEach(func(k, v lua.LValue) {
		if ks, ok := k.(lua.LString); ok && strings.HasPrefix(string(ks), "test") && v.Type() == lua.LTFunction {
			names = append(names, string(ks))
		}
	})
	sort.Strings(names)
	if len(names) == 0 {
		t.Fatalf("%s has no test functions", file)
	}
	for _, name := range names {
		fn := rets[0].(*lua.LTable).RawGetString(name).(*lua.LFunction)
		t.Run(name, func(t *testing.T) {
			if _, err := vm.Call(fn, helper(L, t)); err != nil {
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

var uniq struct {
	sync.Mutex
	n int
}

// helper builds the `t` object of one test function.
func helper(L *lua.LState, t *testing.T) *lua.LTable {
	h := L.SetFuncs(L.NewTable(), map[string]lua.LGFunction{
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
			args := []lua.LValue{}
			for i := 3; i <= L.GetTop(); i++ {
				args = append(args, L.Get(i))
			}
			L.Push(fn)
			for _, a := range args {
				L.Push(a)
			}
			if err := L.PCall(len(args), 0, nil); err != nil {
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
		// unique(prefix): a name no other test uses on the shared server.
		"unique": func(L *lua.LState) int {
			uniq.Lock()
			uniq.n++
			n := uniq.n
			uniq.Unlock()
			L.Push(lua.LString(fmt.Sprintf("%s-%d", L.CheckString(2), n)))
			return 1
		},
		"tempdir": func(L *lua.LState) int {
			L.Push(lua.LString(t.TempDir()))
			return 1
		},
	})
	return h
}

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

func toLua(L *lua.LState, m map[string]any) *lua.LTable {
	t := L.NewTable()
	for k, v := range m {
		switch x := v.(type) {
		case string:
			t.RawSetString(k, lua.LString(x))
		case int:
			t.RawSetString(k, lua.LNumber(x))
		case bool:
			t.RawSetString(k, lua.LBool(x))
		case []map[string]any:
			list := L.NewTable()
			for _, e := range x {
				list.Append(toLua(L, e))
			}
			t.RawSetString(k, list)
		case map[string]any:
			t.RawSetString(k, toLua(L, x))
		case lua.LGFunction:
			t.RawSetString(k, L.NewFunction(x))
		}
	}
	return t
}
