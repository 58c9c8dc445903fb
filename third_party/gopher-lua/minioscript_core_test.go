package lua

import (
	"runtime/metrics"
	"strings"
	"testing"
)

// Embedders get the growing stacks too: a state made with any Options recurses 15,000
// calls deep, and a runaway recursion is a catchable "stack overflow".
func TestDeepRecursionDefaults(t *testing.T) {
	for _, opts := range []Options{{}, {SkipOpenLibs: true}} {
		L := NewState(opts)
		L.OpenLibs()
		err := L.DoString(`
			local function r(i) if i == 0 then return 0 end return 1 + r(i - 1) end
			assert(r(15000) == 15000)
			local function inf(i) return 1 + inf(i + 1) end
			local ok, e = pcall(inf, 1)
			assert(not ok and e:find("stack overflow"), e)
			assert(r(15000) == 15000)`)
		L.Close()
		if err != nil {
			t.Errorf("%+v: %v", opts, err)
		}
	}
}

// A Go function calling back into Lua without end is Lua's "C stack overflow", for
// Go callers too, and the count is restored once the error is caught.
func TestCStackOverflowFromGo(t *testing.T) {
	L := NewState()
	defer L.Close()
	L.SetGlobal("callback", L.NewFunction(func(L *LState) int {
		L.Call(L.GetTop()-1, MultRet)
		return L.GetTop()
	}))
	for i := 0; i < 3; i++ {
		err := L.DoString(`local function f() return callback(f) end f()`)
		if err == nil || !strings.Contains(err.Error(), "C stack overflow") {
			t.Fatalf("err = %v, want C stack overflow", err)
		}
		if L.nCcalls != 0 {
			t.Fatalf("nCcalls = %d after the error", L.nCcalls)
		}
	}
}

// A full collection clears weak entries that stale registers or call frames referred
// to: the loop that waits for the table to empty ends.
func TestWeakTableNoFalseRetention(t *testing.T) {
	L := NewState()
	defer L.Close()
	err := L.DoString(`
		local w = setmetatable({}, {__mode = "k"})
		local function deep(n, o) if n == 0 then return o end return (deep(n - 1, o)) end
		for i = 1, 100 do w[deep(500, {})] = i end
		local tries = 0
		repeat collectgarbage(); tries = tries + 1 until next(w) == nil or tries == 10
		assert(next(w) == nil, "weak keys still there")`)
	if err != nil {
		t.Fatal(err)
	}
	if cs := L.stack.(*growingCallFrameStack); len(cs.segments) > 1 {
		t.Errorf("%d call stack segments kept after a collection", len(cs.segments))
	}
}

// TestFinalizersAtClose: Close runs every pending __gc, reachable or not, most recent
// first, past errors.
func TestFinalizersAtClose(t *testing.T) {
	L := NewState()
	var got []string
	L.SetGlobal("note", L.NewFunction(func(L *LState) int {
		got = append(got, L.CheckString(1))
		return 0
	}))
	err := L.DoString(`
		keep = {}
		for i = 1, 3 do
			local u = newproxy(true)
			getmetatable(u).__gc = function() note("u" .. i); if i == 2 then error("x") end end
			if i ~= 3 then keep[i] = u end
		end`)
	if err != nil {
		t.Fatal(err)
	}
	L.Close()
	if strings.Join(got, " ") != "u3 u2 u1" {
		t.Fatalf("finalizers at Close: %q, want u3 u2 u1", got)
	}
}

// TestProxiesWithoutGcPruned: proxies without __gc, never collected explicitly, leave
// the finalizable list after Go's own collections (it does not grow without bound).
func TestProxiesWithoutGcPruned(t *testing.T) {
	L := NewState()
	defer L.Close()
	const perRun = 50000
	for run := 1; run <= 50; run++ {
		if err := L.DoString(`for i = 1, 50000 do local t = {}; newproxy(true) end`); err != nil {
			t.Fatal(err)
		}
		if n := len(L.G.gc().finalizable); n < run*perRun/2 {
			return
		}
	}
	t.Fatalf("finalizable list kept %d proxies", len(L.G.gc().finalizable))
}

// An explicit collection must not leave two collection watches outstanding: the
// one it replaces is collected by its own runtime.GC, and if that watch's signal
// counted, every collection the VM then ran on its own would collect the next watch,
// and the VM would run Go's collector at every allocating instruction (gc.lua hung).
func TestCollectGarbageNoCollectionLoop(t *testing.T) {
	L := NewState()
	defer L.Close()
	if err := L.DoString(`
		weak = setmetatable({}, {__mode = "k"})
		for i = 1, 300 do collectgarbage(); local t = {} end`); err != nil {
		t.Fatal(err)
	}
	before := forcedCycles()
	if err := L.DoString(`for i = 1, 300 do local t = {i} end`); err != nil {
		t.Fatal(err)
	}
	if n := forcedCycles() - before; n > 2 {
		t.Errorf("%d collections forced by 300 allocations without collectgarbage", n)
	}
}

func forcedCycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/forced:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// The count taken after allocating is above the count after the collection that frees
// some of it: runtime/metrics alone misses the allocations still in a cache span
// (gc.lua's dosteps failed now and then on a loaded machine).
func TestCountSeesRecentAllocations(t *testing.T) {
	L := NewState()
	defer L.Close()
	err := L.DoString(`
		for round = 1, 100 do
			collectgarbage()
			local a = {}
			for i = 1, 100 do a[i] = {{}}; local b = {} end
			local x = gcinfo()
			collectgarbage()
			assert(gcinfo() < x, "round " .. round .. ": count did not fall")
		end`)
	if err != nil {
		t.Fatal(err)
	}
}

// A signal that comes late (the VM's own collection took the sentinel it came from)
// costs at most one more collection: each collection the VM runs disarms the sentinel
// it is about to collect, so no collection sets off the next.
func TestStaleCollectionSignal(t *testing.T) {
	L := NewState()
	defer L.Close()
	if err := L.DoString(`weak = setmetatable({}, {__mode = "k"}); collectgarbage()`); err != nil {
		t.Fatal(err)
	}
	before := forcedCycles()
	L.G.gc().pending.Store(true) // as a late signal would, while the sentinel lives
	if err := L.DoString(`for i = 1, 2000 do local t = {i} end`); err != nil {
		t.Fatal(err)
	}
	if n := forcedCycles() - before; n > 2 {
		t.Errorf("%d collections forced after one stale signal", n)
	}
}

// BenchmarkGcinfo: a loop polling the count (each op one gcinfo call), which takes an
// exact look at most once per millisecond.
func BenchmarkGcinfo(b *testing.B) {
	L := NewState()
	defer L.Close()
	fn, err := L.LoadString(`for i = 1, 1000 do gcinfo() end`)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		L.Push(fn)
		if err := L.PCall(0, 0, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "ns/call")
}
