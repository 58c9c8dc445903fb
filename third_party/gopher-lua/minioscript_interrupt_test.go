package lua

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLongBuiltinsStopOnCancel calls each built-in that can run long directly, under
// a context that is already cancelled: the main loop never runs between its steps, so
// only the built-in's own look at the context can stop it (minioscript patch).
func TestLongBuiltinsStopOnCancel(t *testing.T) {
	for _, tc := range []struct {
		name, fn string
		args     func(L *LState) []LValue
	}{
		{"insert far below the end", "table.insert", func(L *LState) []LValue {
			return []LValue{L.NewTable(), LNumber(-2147483648), LTrue}
		}},
		{"runaway find", "string.find", func(L *LState) []LValue {
			return []LValue{LString(strings.Repeat("a", 30) + "b"), LString(strings.Repeat("a*", 30) + "c")}
		}},
		{"runaway gsub", "string.gsub", func(L *LState) []LValue {
			return []LValue{LString(strings.Repeat("a", 30)), LString(strings.Repeat("a*", 30) + "c"), LString("")}
		}},
		{"runaway match", "string.match", func(L *LState) []LValue {
			return []LValue{LString(strings.Repeat("a", 30)), LString(strings.Repeat("a*", 30) + "c")}
		}},
		{"gmatch", "string.gmatch", func(L *LState) []LValue {
			return []LValue{LString(strings.Repeat("a", 30)), LString(strings.Repeat("a*", 30) + "c")}
		}},
		{"concat", "table.concat", func(L *LState) []LValue {
			return []LValue{numbers(L, 100000), LString(",")}
		}},
		{"sort", "table.sort", func(L *LState) []LValue {
			return []LValue{numbers(L, 100000)}
		}},
		{"remove", "table.remove", func(L *LState) []LValue {
			return []LValue{numbers(L, 100000), LNumber(1)}
		}},
		{"gsub over many matches", "string.gsub", func(L *LState) []LValue {
			return []LValue{LString(strings.Repeat("ab", 100000)), LString("a"), LString("c")}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			L := NewState()
			defer L.Close()
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			L.SetContext(ctx)
			fn, err := L.LoadString("return " + tc.fn)
			if err != nil {
				t.Fatal(err)
			}
			L.RemoveContext()
			L.Push(fn)
			L.Call(0, 1)
			builtin := L.Get(-1)
			L.Pop(1)
			L.SetContext(ctx)
			err = L.CallByParam(P{Fn: builtin, NRet: MultRet, Protect: true}, tc.args(L)...)
			if err == nil || !strings.Contains(err.Error(), "context canceled") {
				t.Fatalf("%s: got %v, want the context's error", tc.fn, err)
			}
		})
	}
}

func numbers(L *LState, n int) *LTable {
	t := L.NewTable()
	for i := n; i > 0; i-- {
		t.Append(LNumber(i))
	}
	return t
}

// TestStringBombsFail: strings past Options.MaxStringLength (1 MiB here) are Lua
// errors before the allocation (minioscript patch), with Lua's messages.
func TestStringBombsFail(t *testing.T) {
	for _, tc := range []struct{ code, want string }{
		{`return string.rep("x", 2^40)`, "resulting string too large"},
		{`local s = ("x"):rep(2^18) return s .. s .. s .. s .. s`, "string length overflow"},
		{`local s = ("x"):rep(2^18) for i = 1, 3 do s = s .. s end`, "string length overflow"},
		{`local s = ("x"):rep(2^18) return table.concat({s, s, s, s, s})`, "resulting string too large"},
		{`return table.concat({1, 2, 3}, ("x"):rep(2^19))`, "resulting string too large"},
		{`return (("x"):rep(2^12):gsub(".", ("y"):rep(2^9)))`, "resulting string too large"},
		{`return (("x"):rep(2^12):gsub(".", "%0" .. ("y"):rep(2^9)))`, "resulting string too large"},
		{`return (("x"):rep(2^12):gsub(".", function() return ("y"):rep(2^9) end))`, "resulting string too large"},
		{`return (("x"):rep(2^12):gsub(".", {x = ("y"):rep(2^9)}))`, "resulting string too large"},
	} {
		L := NewState(Options{MaxStringLength: 1 << 20})
		err := L.DoString(tc.code)
		L.Close()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.code, err, tc.want)
		}
	}
	L := NewState(Options{MaxStringLength: 1 << 20})
	defer L.Close()
	if err := L.DoString(`local s = ("x"):rep(2^18) assert(#(s .. s .. s .. s) == 2^20)
		assert(#table.concat({s, s, s, s}) == 2^20)
		assert(#(("x"):rep(2^10):gsub(".", ("y"):rep(2^10))) == 2^20)`); err != nil {
		t.Errorf("strings up to the bound: %v", err)
	}
}

// TestPopenEndsWithTheRun: cancelling the state's context ends an io.popen command's
// whole process group, so a read from its pipe returns and the run stops (minioscript
// patch).
func TestPopenEndsWithTheRun(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pids")
	L := NewState()
	defer L.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	L.SetContext(ctx)
	done := make(chan error, 1)
	go func() {
		done <- L.DoString(`local f = io.popen("echo $$ > ` + pidFile + `; sleep 60 & echo $! >> ` + pidFile + `; wait")
			f:read("*a")
			while true do end`)
	}()
	var pids []string
	for deadline := time.Now().Add(10 * time.Second); len(pids) != 2; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the command did not start")
		}
		b, _ := os.ReadFile(pidFile)
		pids = strings.Fields(string(b))
	}
	cancel()
	if err := <-done; err == nil || !strings.Contains(err.Error(), "context canceled") {
		t.Fatalf("got %v, want the context's error", err)
	}
	for _, p := range pids {
		pid, _ := strconv.Atoi(p)
		for deadline := time.Now().Add(5 * time.Second); running(pid); time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("process %d outlived the run", pid)
			}
		}
	}
}

// running tells whether process pid runs: it exists and is not a zombie (the shell
// io.popen started stays one until its file is closed).
func running(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	_, after, _ := strings.Cut(string(b), ") ")
	return !strings.HasPrefix(after, "Z")
}
