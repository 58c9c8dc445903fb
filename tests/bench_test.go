package tests

import (
	"context"
	"fmt"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/runtime"
	lua "github.com/yuin/gopher-lua"
)

// BenchmarkUserAddLuaVsGo measures what the Lua layer adds to an admin call: the same
// sequential user_add against the same server, from Go and from a Lua loop.
func BenchmarkUserAddLuaVsGo(b *testing.B) {
	srv := sharedServer(b)
	seq := 0
	b.Run("go", func(b *testing.B) {
		c := srv.ClientForTest(b, admin.Options{})
		for b.Loop() {
			seq++
			if _, err := c.UserAdd(context.Background(), fmt.Sprintf("bench-go-%d", seq), "bench-secret-1"); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "users/s")
	})
	b.Run("lua", func(b *testing.B) {
		e := serverEnv(srv)
		vm, err := runtime.New(context.Background(), runtime.Options{Connection: &e.conn})
		if err != nil {
			b.Fatal(err)
		}
		defer vm.Close()
		fn, err := vm.Load([]byte(`
local c, prefix, n = minio.connect(), ...
for i = 1, n do c:user_add(prefix .. i, "bench-secret-1") end`), "bench")
		if err != nil {
			b.Fatal(err)
		}
		seq++
		b.ResetTimer()
		if _, err := vm.Call(fn, lua.LString(fmt.Sprintf("bench-lua-%d-", seq)), lua.LNumber(b.N)); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "users/s")
	})
}
