package lua

// minioscript patch: __gc metamethods of userdata, as Lua 5.1 runs them. Go's finalizers
// cannot: a userdata is often in a cycle with its metatable (mt.u = u), which Go never
// finalizes, and Lua's finalizers run on the Lua thread, in an order, and may resurrect
// their object. So a full collection (collectgarbage "collect", a "step" that completes
// a cycle) traces the Lua heap from its roots, but only when the state has userdata that
// may need finalizing; the state's Close finalizes all of them (lua_close).
//
// The userdata that may need finalizing are those newproxy makes with a metatable and
// those debug.setmetatable gives one (the ways Lua code gets a userdata a metatable); the
// libraries' own userdata (files...) are left to Go. As Lua 5.1's luaC_separateudata,
// whether the metatable has __gc is looked at when the userdata is found unreachable.
//
// The tracer sees the references Lua sees: a value held only by Go code (a Go closure's
// variables, a userdata's Go value, a channel's buffer) does not keep a userdata from
// being finalized, as in C Lua, where C code anchors values in the registry. Its cost is
// one pass over the reachable Lua heap per full collection, none without such userdata.

// addFinalizable notes ud as a userdata whose __gc, if its metatable has one when ud is
// found unreachable, is to run. The list holds it until then, in creation order.
func (g *Global) addFinalizable(ud *LUserData) {
	gs := g.gc()
	if ud.finalized || ud.Metatable == nil || ud.Metatable == LNil || gs.isFinalizable(ud) {
		return
	}
	gs.finalizable = append(gs.finalizable, ud)
	gs.finalizableSet[ud] = struct{}{}
	gs.arm()
}

func (g *gcState) isFinalizable(ud *LUserData) bool {
	if g.finalizableSet == nil {
		g.finalizableSet = make(map[*LUserData]struct{})
	}
	_, ok := g.finalizableSet[ud]
	return ok
}

// gcMethod is ud's __gc metamethod, nil without one.
func gcMethod(ud *LUserData) LValue {
	mt, ok := ud.Metatable.(*LTable)
	if !ok {
		return nil
	}
	if fn := mt.RawGetString("__gc"); fn != LNil {
		return fn
	}
	return nil
}

// heapTracer marks the objects reachable from a state's roots, through the references
// Lua's collector follows (weak parts of weak tables excluded).
type heapTracer struct {
	marked map[LValue]struct{}
	gray   []LValue
}

func (t *heapTracer) mark(v LValue) {
	switch v.(type) {
	case *LTable, *LFunction, *LUserData, *LState:
	default:
		return
	}
	if _, ok := t.marked[v]; ok {
		return
	}
	t.marked[v] = struct{}{}
	t.gray = append(t.gray, v)
}

func (t *heapTracer) markTable(tb *LTable) {
	if tb != nil {
		t.mark(tb)
	}
}

func (t *heapTracer) propagate() {
	for len(t.gray) > 0 {
		v := t.gray[len(t.gray)-1]
		t.gray = t.gray[:len(t.gray)-1]
		switch o := v.(type) {
		case *LTable:
			t.mark(o.Metatable)
			wk, wv := weakMode(o)
			if wk && wv {
				continue
			}
			o.ForEach(func(k, v LValue) {
				if !wk {
					t.mark(k)
				}
				if !wv {
					t.mark(v)
				}
			})
		case *LFunction:
			t.markTable(o.Env)
			for _, uv := range o.Upvalues {
				if uv != nil {
					t.mark(uv.Value())
				}
			}
		case *LUserData:
			t.markTable(o.Env)
			t.mark(o.Metatable)
		case *LState:
			t.markThread(o)
		}
	}
}

// markThread marks a thread's environment, registers in use, call frames' functions
// (whose open upvalues are among the registers) and debug hook.
func (t *heapTracer) markThread(th *LState) {
	t.markTable(th.Env)
	if th.reg != nil {
		for _, v := range th.reg.array[:min(th.reg.top, len(th.reg.array))] {
			t.mark(v)
		}
	}
	if th.stack != nil {
		for i := 0; i < th.stack.Sp(); i++ {
			if fn := th.stack.At(i).Fn; fn != nil {
				t.mark(fn)
			}
		}
	}
	if th.hooks != nil {
		t.mark(th.hooks.fn)
	}
	if th.Parent != nil {
		t.mark(th.Parent)
	}
}

// traceRoots marks what is reachable from the registry, the globals, the basic types'
// metatables and the running threads, and what the finalizers waiting to run reach.
func traceRoots(L *LState) *heapTracer {
	t := &heapTracer{marked: make(map[LValue]struct{})}
	G := L.G
	t.markTable(G.Registry)
	t.markTable(G.Global)
	for _, mt := range G.builtinMts {
		t.mark(mt)
	}
	for _, th := range []*LState{G.MainThread, G.CurrentThread, L} {
		if th != nil {
			t.mark(th)
		}
	}
	for _, ud := range G.gc().tobefnz {
		t.mark(ud)
	}
	t.propagate()
	return t
}

// separateFinalizable moves the finalizable userdata that nothing reaches (all of them
// when all is set) to tobefnz, in Lua 5.1's order: the most recently created first. They
// are marked finalized, which takes them out of weak tables' values at once (their keys
// go when the userdata is collected, a cycle later).
func separateFinalizable(L *LState, all bool) {
	g := L.G.gc()
	if len(g.finalizable) == 0 {
		return
	}
	var t *heapTracer
	if !all {
		t = traceRoots(L)
	}
	var dead []*LUserData
	kept := g.finalizable[:0]
	for _, ud := range g.finalizable {
		if t != nil {
			if _, ok := t.marked[ud]; ok {
				kept = append(kept, ud)
				continue
			}
		}
		delete(g.finalizableSet, ud)
		if gcMethod(ud) != nil {
			ud.finalized = true
			dead = append(dead, ud)
		}
	}
	clear(g.finalizable[len(kept):])
	g.finalizable = kept
	g.traced = len(kept)
	for i := len(dead) - 1; i >= 0; i-- {
		g.tobefnz = append(g.tobefnz, dead[i])
	}
}

// pruneFinalizable drops the unreachable userdata whose metatable has no __gc, so that
// a program making proxies without ever collecting does not keep them all; it runs after
// Go's own collections, once the list has doubled since the last trace.
func pruneFinalizable(L *LState) {
	g := L.G.gc()
	if len(g.finalizable) < 2*g.traced+64 {
		return
	}
	t := traceRoots(L)
	kept := g.finalizable[:0]
	for _, ud := range g.finalizable {
		if _, ok := t.marked[ud]; ok || gcMethod(ud) != nil {
			kept = append(kept, ud)
		} else {
			delete(g.finalizableSet, ud)
		}
	}
	clear(g.finalizable[len(kept):])
	g.finalizable = kept
	g.traced = len(kept)
}

// runFinalizers calls the __gc of each separated userdata, first separated first, with
// the userdata as argument. Each leaves the list before its call, so an error (which
// propagates, as from Lua's collectgarbage) leaves the others for the next collection;
// protected (lua_close), errors are ignored and the next finalizer runs.
func runFinalizers(L *LState, protected bool) {
	g := L.G.gc()
	for len(g.tobefnz) > 0 {
		ud := g.tobefnz[0]
		g.tobefnz[0] = nil
		g.tobefnz = g.tobefnz[1:]
		if fn := gcMethod(ud); fn != nil {
			_ = callFinalizer(L, fn, ud, protected)
		}
	}
	g.tobefnz = nil
}

// finalizeAll runs, at Close, the __gc of every finalizable userdata, reachable or not,
// after those still pending (lua_close).
func finalizeAll(L *LState) {
	g := L.G.gc()
	if len(g.finalizable) == 0 && len(g.tobefnz) == 0 {
		return
	}
	separateFinalizable(L, true)
	runFinalizers(L, true)
}

// callFinalizer calls fn(ud) with the debug hook off, as Lua's GCTM; protected, it
// returns the error instead of raising it.
func callFinalizer(L *LState, fn LValue, ud *LUserData, protected bool) error {
	if h := L.hooks; h != nil && !h.running {
		h.running = true
		defer func() {
			if L.hooks != nil {
				L.hooks.running = false
			}
		}()
	}
	L.Push(fn)
	L.Push(ud)
	if protected {
		return L.PCall(1, 0, nil)
	}
	L.Call(1, 0)
	return nil
}
