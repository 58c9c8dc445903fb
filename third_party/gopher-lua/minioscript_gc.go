package lua

// minioscript patch: collectgarbage with Lua 5.1's options and results, gcinfo, and weak
// tables. The VM's objects live in Go's heap, so "collect" runs Go's collector; the other
// options report Go's heap or keep Lua's settings per state.

import (
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"time"
	"weak"
)

// gcState is a state's collector settings and weak tables (shared by its coroutines).
type gcState struct {
	stopped  bool
	pause    int
	stepmul  int
	stepDone int // KiB of "step" work since the last collection
	// cycles is Go's collection count at the last look, allocsMark its allocation
	// total then (heapKiB).
	cycles, allocsMark uint64
	// exactAllocs is the allocation total at the last exact look since the cycle,
	// exactAt its time (heapKiB).
	exactAllocs uint64
	exactAt     time.Time
	// weakTables holds every table given a metatable with __mode, without keeping it.
	weakTables map[weak.Pointer[LTable]]struct{}
	// pending is set when Go's collector has run a cycle since the weak tables were
	// last swept; the VM then sweeps them at its next allocating instruction
	// (autoCollect), so that they lose entries without an explicit collectgarbage.
	pending atomic.Bool
	armed   bool
	// watch numbers the sentinels: only the armed one's collection sets pending. A
	// collection the VM runs itself (disarm, then runtime.GC) collects the sentinel it
	// replaces, whose signal may arrive after; counted, every collection would set off
	// the next, a collection at every allocating instruction.
	watch atomic.Uint64
	// finalizable holds, in creation order, the userdata whose __gc may have to run
	// (minioscript_finalize.go), finalizableSet the same; tobefnz those found
	// unreachable whose __gc is still to run; traced is len(finalizable) after the
	// last trace.
	finalizable    []*LUserData
	finalizableSet map[*LUserData]struct{}
	tobefnz        []*LUserData
	traced         int
}

// gcSentinel is an object whose collection tells that Go's collector ran a cycle.
type gcSentinel struct {
	self *gcSentinel // a pointer, so that the tiny allocator does not batch it
	_    [8]byte
}

// arm watches for the next cycle of Go's collector.
func (g *gcState) arm() {
	if g.armed || len(g.weakTables) == 0 && len(g.finalizable) == 0 {
		return
	}
	g.armed = true
	n := g.watch.Add(1)
	runtime.AddCleanup(&gcSentinel{}, func(n uint64) {
		if g.watch.Load() == n {
			g.pending.Store(true)
		}
	}, n)
}

// disarm makes the armed sentinel's signal, still to come, count for nothing: called
// before a collection the VM runs itself, which collects that sentinel.
func (g *gcState) disarm() {
	g.watch.Add(1)
	g.armed = false
}

// autoCollect sweeps the weak tables after Go's collector ran on its own, and prunes
// the finalizable userdata.
func autoCollect(L *LState) {
	g := L.G.gc()
	g.disarm()
	g.pending.Store(false)
	if len(g.finalizable) > 0 {
		pruneFinalizable(L)
	}
	if len(g.weakTables) > 0 {
		held := g.detachWeakEntries()
		runtime.GC()
		for _, h := range held {
			h.restore()
		}
	}
	g.arm()
}

func (g *Global) gc() *gcState {
	if g.gcs == nil {
		g.gcs = &gcState{pause: 200, stepmul: 200}
	}
	return g.gcs
}

// heapKiB is what Lua's "count" reports: the heap the last collection found live, plus
// what was allocated since, in KiB. Garbage the collector has found but not yet swept
// is not counted (Go's "heap objects" figure counts it, and on a loaded machine, where
// sweeping lags, a loop such as gc.lua's `repeat local a = {} until gcinfo() < 1000`
// then never saw the heap fall). The allocations are counted from the first look after
// each cycle, so they are a little low, as Lua's count is just after a step.
//
// runtime/metrics counts an allocation only once the cache span holding it is full, so
// tens of KiB can be missing, and a count taken before a collection could be lower than
// the one after (gc.lua's `assert(gcinfo() < x)`). An exact look (the program's count)
// reads runtime.ReadMemStats, which flushes the caches; it stops the world for tens of
// microseconds, so it is taken for the first look after a collection and then at most
// once per exactEvery, and the cheap figure in between never falls below it.
func (g *gcState) heapKiB(exact bool) float64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/heap/allocs:bytes"},
		{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	for _, v := range s {
		if v.Value.Kind() != metrics.KindUint64 {
			return 0
		}
	}
	live, allocs, cycles := s[0].Value.Uint64(), s[1].Value.Uint64(), s[2].Value.Uint64()
	if cycles != g.cycles {
		g.cycles, g.allocsMark = cycles, allocs
		g.exactAllocs, g.exactAt = 0, time.Time{}
	}
	if exact && (g.exactAt.IsZero() || time.Since(g.exactAt) >= exactEvery) {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		g.exactAllocs, g.exactAt = ms.TotalAlloc, time.Now()
	}
	return float64(live+max(allocs, g.exactAllocs)-g.allocsMark) / 1024
}

// exactEvery spaces the exact looks of heapKiB: a loop that polls the count spends at
// most a few percent of its time on them (BenchmarkGcinfo: about 5%).
const exactEvery = time.Millisecond

func baseCollectGarbage(L *LState) int {
	opt := L.OptString(1, "collect")
	g := L.G.gc()
	switch opt {
	case "collect":
		fullCollect(L)
		L.Push(LNumber(0))
	case "count":
		L.Push(LNumber(g.heapKiB(true)))
	case "step":
		// Go's collector cannot run part of a cycle: steps add up their work (size KiB,
		// times stepmul%, as Lua) until it covers the heap, then a full collection runs
		// and the step returns true, as when Lua's finishes a cycle.
		size := L.OptInt(2, 0)
		work := max(size, 1) * g.stepmul / 100
		g.stepDone += max(work, 1)
		if float64(g.stepDone) >= g.heapKiB(false) {
			fullCollect(L)
			L.Push(LTrue)
		} else {
			L.Push(LFalse)
		}
	case "stop":
		g.stopped = true
		L.Push(LNumber(0))
	case "restart":
		g.stopped = false
		L.Push(LNumber(0))
	case "setpause":
		prev := g.pause
		g.pause = L.OptInt(2, 0)
		L.Push(LNumber(prev))
	case "setstepmul":
		prev := g.stepmul
		g.stepmul = L.OptInt(2, 0)
		L.Push(LNumber(prev))
	default:
		L.ArgError(1, "invalid option '"+opt+"'")
	}
	return 1
}

// baseGcInfo is Lua 5.1's gcinfo: the heap in use, in KiB, as an integer.
func baseGcInfo(L *LState) int {
	L.Push(LNumber(int(L.G.gc().heapKiB(true))))
	return 1
}

// fullCollect runs Go's collector with the weak tables' weak references made weak, and
// then the __gc of the finalizable userdata found unreachable.
func fullCollect(L *LState) {
	g := L.G.gc()
	g.stepDone = 0
	// Values the VM no longer uses must not keep objects alive: registers above the
	// top and call frames above the stack top of every running thread.
	for th := L; th != nil; th = th.Parent {
		clear(th.reg.array[th.reg.top:])
		if cs, ok := th.stack.(*growingCallFrameStack); ok {
			cs.trim()
		}
	}
	separateFinalizable(L, false)
	g.disarm()
	held := g.detachWeakEntries()
	runtime.GC()
	for _, h := range held {
		h.restore()
	}
	g.pending.Store(false)
	g.arm()
	g.cycles = 0 // the next count starts its allocations from here
	g.heapKiB(false)
	runFinalizers(L, false)
}

// registerWeak notes tb as a weak table when mt has a __mode with k or v (called by
// SetMetatable). A __mode set after setmetatable counts once setmetatable is called
// again; one removed later makes the table strong at the next collection.
func (g *Global) registerWeak(tb *LTable, mt *LTable) {
	mode, ok := mt.RawGetString("__mode").(LString)
	if !ok || !strings.ContainsAny(string(mode), "kv") {
		return
	}
	gs := g.gc()
	if gs.weakTables == nil {
		gs.weakTables = make(map[weak.Pointer[LTable]]struct{})
	}
	gs.weakTables[weak.Make(tb)] = struct{}{}
	gs.arm()
}

// weakMode reports which parts of tb's entries are weak, from its metatable's __mode.
func weakMode(tb *LTable) (keys, values bool) {
	mt, ok := tb.Metatable.(*LTable)
	if !ok {
		return false, false
	}
	mode, ok := mt.RawGetString("__mode").(LString)
	if !ok {
		return false, false
	}
	return strings.ContainsRune(string(mode), 'k'), strings.ContainsRune(string(mode), 'v')
}

// ref is a table key or value held during a collection: strongly, or weakly when it is
// a collectable object in the weak part of a weak table's entry.
type ref struct {
	strong LValue
	weak   func() LValue
}

func makeRef(v LValue, weakly bool) (ref, bool) {
	if !weakly {
		return ref{strong: v}, false
	}
	switch o := v.(type) {
	case *LTable:
		return ref{weak: weakGetter(weak.Make(o))}, true
	case *LFunction:
		return ref{weak: weakGetter(weak.Make(o))}, true
	case *LUserData:
		return ref{weak: weakGetter(weak.Make(o))}, true
	case *LState:
		return ref{weak: weakGetter(weak.Make(o))}, true
	}
	return ref{strong: v}, false
}

func weakGetter[T any, P interface {
	*T
	LValue
}](p weak.Pointer[T]) func() LValue {
	return func() LValue {
		if o := P(p.Value()); o != nil {
			return o
		}
		return nil
	}
}

func (r ref) get() LValue {
	if r.weak != nil {
		return r.weak()
	}
	return r.strong
}

// heldEntry is an entry taken out of a weak table during a collection; idx is its key's
// place in the table's key order (tb.keys), -1 for keys outside it.
type heldEntry struct {
	k, v ref
	idx  int
}

// heldTable is a weak table's entries taken out of it during a collection.
type heldTable struct {
	tb      *LTable
	entries []heldEntry
}

// detachWeakEntries removes from every weak table the entries that hold an object
// weakly, keeping them in held tables only through weak pointers. A removed key leaves
// tb.keys and tb.k2i too (LNil holds its place, which next skips), else they would
// keep it alive.
func (g *gcState) detachWeakEntries() []heldTable {
	var held []heldTable
	for p := range g.weakTables {
		tb := p.Value()
		if tb == nil {
			delete(g.weakTables, p)
			continue
		}
		wk, wv := weakMode(tb)
		if !wk && !wv {
			continue
		}
		h := heldTable{tb: tb}
		var keys []LValue
		tb.ForEach(func(k, v LValue) {
			kr, kweak := makeRef(k, wk)
			vr, vweak := makeRef(v, wv)
			if ud, ok := v.(*LUserData); ok && wv && ud.finalized {
				// Lua clears a finalized userdata from weak values at once, even
				// while its __gc keeps it alive (restore drops the entry).
				vr, vweak = ref{weak: func() LValue { return nil }}, true
			}
			if kweak || vweak {
				idx, ok := tb.k2i[k]
				if !ok {
					idx = -1
				}
				h.entries = append(h.entries, heldEntry{k: kr, v: vr, idx: idx})
				keys = append(keys, k)
			}
		})
		for i, k := range keys {
			tb.RawSet(k, LNil)
			if e := h.entries[i]; e.idx >= 0 && e.k.weak != nil {
				tb.keys[e.idx] = LNil
				delete(tb.k2i, k)
			}
		}
		if len(h.entries) > 0 {
			held = append(held, h)
		}
	}
	return held
}

// restore puts back the entries whose objects survived the collection, in their places.
func (h heldTable) restore() {
	tb := h.tb
	for _, e := range h.entries {
		k, v := e.k.get(), e.v.get()
		switch {
		case k != nil && v != nil:
			if e.idx >= 0 && e.k.weak != nil {
				tb.keys[e.idx] = k
				tb.k2i[k] = e.idx
			}
			tb.RawSet(k, v)
		case e.idx >= 0 && k != nil:
			// The value died: the entry is gone, and so is its strong key's place.
			tb.keys[e.idx] = LNil
			delete(tb.k2i, k)
		}
	}
}
