package runtime

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func newVM(t *testing.T, ctx context.Context, opts Options) *VM {
	t.Helper()
	vm, err := New(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(vm.Close)
	return vm
}

func run(t *testing.T, code string) string {
	t.Helper()
	var out bytes.Buffer
	vm := newVM(t, context.Background(), Options{Stdout: &out})
	if err := vm.RunString(code, "test"); err != nil {
		t.Fatalf("%v\n%s", err, err.(*ScriptError).Traceback)
	}
	return out.String()
}

// Errors caught by pcall must leave captured locals alone (gopher-lua issue #448,
// patched in third_party/gopher-lua).
func TestPcallKeepsUpvalues(t *testing.T) {
	got := run(t, `
local u
local function f() local ok, e = pcall(error, "s"); u = e end
f()
print(u ~= nil)
local a
local function use() return a("test") end
pcall(function() error("an error") end)
a = function(p) return p end
print(use())
local n = 0
local function g() n = n + 1; if n < 3 then error({}) end return n end
for _ = 1, 3 do pcall(g) end
print(n)
local count = 0
local function add() count = count + 1 end
for _ = 1, 5 do pcall(function() add(); error("x") end) end
print(count)
`)
	if got != "true\ntest\n3\n5\n" {
		t.Fatalf("got %q", got)
	}
}

func TestShebangArgsAndErrors(t *testing.T) {
	var out bytes.Buffer
	vm := newVM(t, context.Background(), Options{Stdout: &out, Script: "s.lua", Args: []string{"a", "b"}})
	fn, err := vm.Load([]byte("#!/usr/bin/env minioscript\nprint(arg[0], ...)\nerror('line three')"), "s.lua")
	if err != nil {
		t.Fatal(err)
	}
	_, err = vm.Call(fn)
	if out.String() != "s.lua\n" {
		t.Fatalf("output %q", out.String())
	}
	var se *ScriptError
	if !errors.As(err, &se) || !strings.HasPrefix(se.Message, "s.lua:3: line three") || !strings.Contains(se.Traceback, "s.lua:3") {
		t.Fatalf("error: %v", err)
	}
	if _, err := vm.Load([]byte("x = = 1"), "bad.lua"); err == nil || !strings.Contains(err.Error(), "bad.lua") {
		t.Fatalf("syntax error: %v", err)
	}
}

func TestCancellationStopsTheScript(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	vm := newVM(t, ctx, Options{})
	err := vm.RunString("while true do end", "loop")
	var se *ScriptError
	if !errors.As(err, &se) || !errors.Is(se.Cause, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
	vm2 := newVM(t, ctx, Options{})
	if err := vm2.RunString(`require("time").sleep(10)`, "sleep"); err == nil {
		t.Fatal("sleep not interrupted")
	}
}
