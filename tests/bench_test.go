package tests

import (
	"context"
	"fmt"
	"syscall"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/internal/workpool"
	"github.com/minioscript/minioscript/runtime"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
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

// BenchmarkOnboardParallelLuaVsGo runs the onboarding job (user_add + group_add per
// user) with 4 calls in flight from Go (internal/workpool) and from minio.parallel, in
// one process against one server, reporting throughput and this process's CPU time
// per user (what the Lua layer adds shows there even on a busy machine).
func BenchmarkOnboardParallelLuaVsGo(b *testing.B) {
	srv := sharedServer(b)
	seq := 0
	cpuMs := func() float64 {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e6
	}
	b.Run("go", func(b *testing.B) {
		c := srv.ClientForTest(b, admin.Options{})
		seq++
		prefix := fmt.Sprintf("onb-go-%d-", seq)
		cpu0 := cpuMs()
		b.ResetTimer()
		_, err := workpool.Pool{Workers: 4, FailFast: true}.Run(context.Background(), b.N, func(ctx context.Context, _, i int) error {
			u := fmt.Sprintf("%s%d", prefix, i)
			if _, err := c.UserAdd(ctx, u, "bench-secret-1"); err != nil {
				return err
			}
			_, err := c.GroupAdd(ctx, fmt.Sprintf("%sg%d", prefix, i%10), []string{u})
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "users/s")
		b.ReportMetric((cpuMs()-cpu0)/float64(b.N), "cpu-ms/user")
	})
	b.Run("lua", func(b *testing.B) {
		e := serverEnv(srv)
		vm, err := runtime.New(context.Background(), runtime.Options{Connection: &e.conn})
		if err != nil {
			b.Fatal(err)
		}
		defer vm.Close()
		fn, err := vm.Load([]byte(`
local prefix, n = ...
local items = {}
for i = 1, n do items[i] = i end
local _, failed = minio.parallel(items, function(i)
  local u = prefix .. i
  admin:user_add(u, "bench-secret-1")
  admin:group_add(prefix .. "g" .. (i % 10), { u })
end, { workers = 4 })
assert(#failed == 0, failed[1] and tostring(failed[1].error))`), "bench")
		if err != nil {
			b.Fatal(err)
		}
		seq++
		cpu0 := cpuMs()
		b.ResetTimer()
		if _, err := vm.Call(fn, lua.LString(fmt.Sprintf("onb-lua-%d-", seq)), lua.LNumber(b.N)); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "users/s")
		b.ReportMetric((cpuMs()-cpu0)/float64(b.N), "cpu-ms/user")
	})
}
