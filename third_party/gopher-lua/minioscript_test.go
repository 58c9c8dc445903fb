package lua

// Regression tests for the minioscript patches (MINIOSCRIPT.md lists each with its test).

import (
	"context"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// runLua runs code in a fresh state (with a context, as minioscript runs scripts) and
// returns what it printed through out(...).
func runLua(t *testing.T, code string) string {
	t.Helper()
	L := NewState()
	defer L.Close()
	L.SetContext(context.Background())
	var b strings.Builder
	L.SetGlobal("out", L.NewFunction(func(L *LState) int {
		for i := 1; i <= L.GetTop(); i++ {
			if i > 1 {
				b.WriteByte(' ')
			}
			b.WriteString(L.ToStringMeta(L.Get(i)).String())
		}
		b.WriteByte('\n')
		return 0
	}))
	if err := L.DoString(code); err != nil {
		t.Fatalf("script failed: %v", err)
	}
	return b.String()
}

func expectOutput(t *testing.T, code, want string) {
	t.Helper()
	if got := runLua(t, code); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
}

// Crash 1: a coroutine dies with an error while a closure holds one of its locals.
func TestDeadCoroutineClosesUpvalues(t *testing.T) {
	expectOutput(t, `
		local get, set
		local co = coroutine.create(function()
			local y = 5
			get = function() return y end
			set = function(v) y = v end
			local z = nil
			return z + 1
		end)
		out(coroutine.resume(co) == false)
		out(type(get()), get())
		set(7)
		out(get())
		local w = coroutine.wrap(function() local q = "kept"; get = function() return q end; error("x") end)
		out(pcall(w) == false, get())
	`, "true\nnumber 5\n7\ntrue kept\n")
}

// Crash 2: resuming a coroutine that yielded inside pcall.
func TestYieldAcrossPcall(t *testing.T) {
	expectOutput(t, `
		local co = coroutine.create(function()
			return pcall(function() local x = coroutine.yield(1); return x * 2 end)
		end)
		out(coroutine.resume(co))
		out(coroutine.resume(co, 10))
		local co2 = coroutine.create(function()
			local ok, err = pcall(function() coroutine.yield(); error("late", 0) end)
			out(ok, err)
			return xpcall(function() coroutine.yield(); error("later", 0) end, function(e) return "h:" .. e end)
		end)
		coroutine.resume(co2)
		coroutine.resume(co2)
		out(coroutine.resume(co2))
	`, "true 1\ntrue true 20\nfalse late\ntrue false h:later\n")
}

// A coroutine whose body is a Go function ends with it (it used to stay "suspended";
// coroutine.create takes Lua functions only, as in Lua 5.1, so this is the Go API).
func TestGoFunctionCoroutineEnds(t *testing.T) {
	L := NewState()
	defer L.Close()
	th, _ := L.NewThread()
	fn := L.NewFunction(func(L *LState) int { L.Push(LString("done")); return 1 })
	st, err, values := L.Resume(th, fn)
	if st != ResumeOK || err != nil || len(values) != 1 || values[0] != LString("done") {
		t.Fatalf("resume: %v %v %v", st, err, values)
	}
	if s := L.Status(th); s != "dead" {
		t.Errorf("status %q after the body returned", s)
	}
	if st, _, _ := L.Resume(th, fn); st != ResumeError {
		t.Errorf("a dead coroutine resumed: %v", st)
	}
	expectOutput(t, `out(pcall(coroutine.create, print))`,
		"false bad argument #1 to '?' (Lua function expected)\n")
}

// Yields across Go-level calls other than pcall are errors in the coroutine, not
// corrupt state.
func TestYieldAcrossGoCallIsAnError(t *testing.T) {
	expectOutput(t, `
		local co = coroutine.create(function()
			local t = setmetatable({}, {__index = function() return coroutine.yield() end})
			return t.x
		end)
		out(coroutine.resume(co))
		out(coroutine.status(co))
	`, "false attempt to yield across metamethod/C-call boundary\ndead\n")
}

// Coroutines suspended inside pcall and never resumed again hold no goroutine, share
// the state's context (a derived one would stay registered in it) and are garbage once
// unreachable: the userdata each holds in a local is finalized.
func TestAbandonedCoroutinesAreCollected(t *testing.T) {
	L := NewState()
	defer L.Close()
	L.SetContext(context.Background())
	goroutines := runtime.NumGoroutine()
	var collected atomic.Int32
	L.SetGlobal("token", L.NewFunction(func(L *LState) int {
		ud := L.NewUserData()
		runtime.SetFinalizer(ud, func(*LUserData) { collected.Add(1) })
		L.Push(ud)
		return 1
	}))
	if err := L.DoString(`
		cos = {}
		for i = 1, 200 do
			local co = coroutine.create(function()
				local held = token()
				pcall(function() coroutine.yield(held) end)
			end)
			coroutine.resume(co)
			cos[i] = co
		end`); err != nil {
		t.Fatal(err)
	}
	L.GetGlobal("cos").(*LTable).ForEach(func(_, v LValue) {
		if th := v.(*LState); th.ctx != L.ctx || th.ctxCancelFn != nil {
			t.Fatal("coroutine has its own context")
		}
	})
	L.SetGlobal("cos", LNil)
	// Registers above the top keep stale values until reused; clear them.
	for i := L.reg.Top(); i < len(L.reg.array); i++ {
		L.reg.array[i] = nil
	}
	if n := runtime.NumGoroutine(); n > goroutines {
		t.Errorf("%d goroutines, %d before", n, goroutines)
	}
	// Finalizers run on their own goroutine after a collection: wait for them.
	for i := 0; i < 200 && collected.Load() < 200; i++ {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	if n := collected.Load(); n < 200 {
		t.Errorf("%d of 200 abandoned coroutines collected", n)
	}
}

// The fuzz target's detector: a Go panic that pcall turns into a Lua error still
// reaches Global.goPanic.
func TestGoPanicHook(t *testing.T) {
	L := NewState()
	defer L.Close()
	var seen []interface{}
	L.G.goPanic = func(r interface{}) { seen = append(seen, r) }
	L.SetGlobal("bad", L.NewFunction(func(L *LState) int {
		var m map[string]int
		m["x"] = 1 // a Go bug: assignment to a nil map
		return 0
	}))
	if err := L.DoString(`pcall(bad) coroutine.resume(coroutine.create(function() bad() end))`); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 2 {
		t.Errorf("hook saw %d panics, want 2: %v", len(seen), seen)
	}
}

// TestDeepStackOverflowTraceback: a traceback 100,000 calls deep shows its first and
// last levels; finding the depth one level at a time was quadratic and never ended.
func TestDeepStackOverflowTraceback(t *testing.T) {
	L := NewState()
	defer L.Close()
	err := L.DoString(`
		local function r(i) if i == 0 then return debug.traceback("bottom") end return (r(i - 1)) end
		tb = r(100000)`)
	if err != nil {
		t.Fatal(err)
	}
	tb := L.GetGlobal("tb").String()
	if !strings.HasPrefix(tb, "bottom\nstack traceback:") || !strings.Contains(tb, "\n\t...") || strings.Count(tb, "\n") > 30 {
		t.Fatalf("traceback:\n%s", tb)
	}
}
