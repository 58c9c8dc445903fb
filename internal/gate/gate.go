// Package gate lets several goroutines share one Lua state safely: each runs Lua only
// while it holds the state's gate, and every Go function that waits (an admin request,
// a sleep) lets go of the gate while it waits, so other goroutines run Lua meanwhile.
//
// A state without a gate in its context is used by one goroutine only; Blocking then
// simply calls the function.
package gate

import (
	"context"
	"sync"

	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// Gate is the one lock of a Lua state whose threads run on several goroutines.
type Gate struct{ mu sync.Mutex }

type key struct{}

// With returns ctx carrying g; Lua threads whose context carries g run under it.
func With(ctx context.Context, g *Gate) context.Context {
	return context.WithValue(ctx, key{}, g)
}

// From returns the gate of ctx, or nil.
func From(ctx context.Context) *Gate {
	if ctx == nil {
		return nil
	}
	g, _ := ctx.Value(key{}).(*Gate)
	return g
}

// Enter takes the gate for thread L, which is about to run Lua.
func (g *Gate) Enter(L *lua.LState) {
	g.mu.Lock()
	// The shared global state records which thread runs (coroutine.running/status);
	// each goroutine puts its own thread back when it takes the gate.
	L.G.CurrentThread = L
}

// Leave gives the gate up; L must not run Lua until Enter.
func (g *Gate) Leave() { g.mu.Unlock() }

// Blocking runs fn, which must not touch any Lua value, with L's gate released, and
// takes the gate back before returning. Every Go function callable from Lua that can
// wait (network, timers, child processes) runs its wait through Blocking.
func Blocking(L *lua.LState, fn func()) {
	g := From(L.Context())
	if g == nil {
		fn()
		return
	}
	current := L.G.CurrentThread
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		L.G.CurrentThread = current
	}()
	fn()
}
