package bindings

import (
	"testing"

	"github.com/minioscript/minioscript/internal/gate"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// The two designs for minio.parallel differ in what a blocking call costs beside the
// request itself: handing the gate to another goroutine (the chosen design) or
// yielding a coroutine back to a scheduler and resuming it. docs/PERFORMANCE.md has
// the figures.
func BenchmarkBlockingCallSwitch(b *testing.B) {
	b.Run("gate-handoff-8-workers", func(b *testing.B) {
		L := lua.NewState()
		defer L.Close()
		L.SetGlobal("minio", Module(L, &Config{}, nil))
		L.SetGlobal("wait", L.NewFunction(func(L *lua.LState) int {
			gate.Blocking(L, func() {})
			return 0
		}))
		items := L.CreateTable(b.N, 0)
		for i := range b.N {
			items.RawSetInt(i+1, lua.LNumber(i))
		}
		L.SetGlobal("items", items)
		b.ResetTimer()
		if err := L.DoString(`minio.parallel(items, function() wait() end, { workers = 8 })`); err != nil {
			b.Fatal(err)
		}
	})
	b.Run("coroutine-resume-8", func(b *testing.B) {
		L := lua.NewState()
		defer L.Close()
		if err := L.DoString(`function loop() while true do coroutine.yield() end end`); err != nil {
			b.Fatal(err)
		}
		fn := L.GetGlobal("loop").(*lua.LFunction)
		threads := make([]*lua.LState, 8)
		for i := range threads {
			threads[i], _ = L.NewThread()
		}
		b.ResetTimer()
		for i := range b.N {
			if _, err, _ := L.Resume(threads[i%8], fn); err != nil {
				b.Fatal(err)
			}
		}
	})
}
