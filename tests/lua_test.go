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
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/admin/testserver"
	"github.com/minioscript/minioscript/bindings"
	"github.com/minioscript/minioscript/runtime"
	"github.com/minioscript/minioscript/runtime/luatest"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
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

// runner runs every file, so that t:unique names stay apart on the shared server.
var runner luatest.Runner

// env is what a setup hands to a test file: the default connection (the global
// `admin`) and extra globals (the `setup` table).
type env struct {
	conn  bindings.Connection
	extra map[string]any
}

var shared = testserver.Shared{Prefix: "minioscript-lua-"}

func TestMain(m *testing.M) {
	code := m.Run()
	shared.Stop()
	os.Exit(code)
}

func sharedServer(t testing.TB) *testserver.Server {
	t.Helper()
	return shared.Get(t)
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
	runner.Run(t, vm, file, src)
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
