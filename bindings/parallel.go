package bindings

import (
	"context"
	"io"
	"os"
	"time"

	"github.com/minioscript/minioscript/internal/gate"
	"github.com/minioscript/minioscript/internal/workpool"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// minio.parallel(items, fn[, {workers=, fail_fast=, progress=}]) -> results, failed
func parallel(L *lua.LState, cfg *Config) int {
	items := L.CheckTable(1)
	fn := L.CheckFunction(2)
	pool, progress := readParallelOptions(L)

	n := items.Len()
	vals := make([]lua.LValue, n)
	for i := range vals {
		vals[i] = items.RawGetInt(i + 1)
	}
	results := make([]lua.LValue, n)
	errs, first := onThreads(L, cfg, "parallel", n, pool, progress, func(th *lua.LState, i int) error {
		if err := th.CallByParam(lua.P{Fn: fn, NRet: 1, Protect: true}, vals[i], lua.LNumber(i+1)); err != nil {
			return &itemError{value: errorValue(err)}
		}
		results[i] = th.Get(-1)
		th.Pop(1)
		return nil
	})
	if pool.FailFast && first != nil {
		L.Error(first.(*itemError).value, 0)
	}
	res, failed := L.CreateTable(n, 0), L.NewTable()
	for i := range n {
		if results[i] != nil {
			res.RawSetInt(i+1, results[i])
		}
		if ie, ok := errs[i].(*itemError); ok {
			f := L.CreateTable(0, 3)
			f.RawSetString("index", lua.LNumber(i+1))
			f.RawSetString("item", vals[i])
			f.RawSetString("error", ie.value)
			failed.Append(f)
		}
	}
	L.Push(res)
	L.Push(failed)
	return 2
}

// onThreads runs item(th, i) for every i in [0, n), at most pool.Workers at once: the
// machinery of minio.parallel and minio.each. Each worker is a Lua thread on its own
// goroutine. One gate per Lua state lets one of them run Lua at a time; every call that
// waits (admin requests, time.sleep) releases it while it waits, so up to pool.Workers
// requests are in flight while Lua code itself never runs on two goroutines at once.
// Scripts see ordinary blocking calls: pcall, coroutines, callbacks from Go (table.sort,
// string.gsub) and nested calls all work inside the items (docs/PERFORMANCE.md says
// why this design). item runs on th holding the gate. The run's end (Ctrl-C, --timeout,
// minio.exit) raises an error in L naming minio.<name>; errs and first are
// workpool.Pool.Run's.
func onThreads(L *lua.LState, cfg *Config, name string, n int, pool workpool.Pool, progress bool,
	item func(th *lua.LState, i int) error) (errs []error, first error) {
	ctx := L.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	// Nested calls share the gate of the thread that calls them.
	g := gate.From(ctx)
	if g == nil {
		g = &gate.Gate{}
	}
	if pool.Workers <= 0 {
		pool.Workers = workpool.DefaultWorkers()
	}
	threads := make([]*lua.LState, min(pool.Workers, n))
	for w := range threads {
		th, cancel := L.NewThread()
		if cancel != nil {
			defer cancel()
		}
		tctx := th.Context()
		if tctx == nil {
			tctx = ctx
		}
		th.SetContext(gate.With(tctx, g))
		threads[w] = th
	}

	if progress && n > 0 {
		if bar := newProgressBar(cfg.Progress, "minio."+name, n); bar != nil {
			pool.Done = func(int, error) { bar.Add(1) }
			defer bar.Finish()
		}
	}

	run := func(_ context.Context, w, i int) error {
		th := threads[w]
		g.Enter(th)
		defer g.Leave()
		return item(th, i)
	}
	current := L.G.CurrentThread
	gate.Blocking(L, func() { errs, first = pool.Run(ctx, n, run) })
	L.G.CurrentThread = current

	if err := ctx.Err(); err != nil {
		L.RaiseError("minio.%s: %v", name, err)
	}
	return errs, first
}

// itemError carries the value an item's fn raised.
type itemError struct{ value lua.LValue }

func (e *itemError) Error() string { return e.value.String() }

// errorValue is what Lua code raised: the error object or message.
func errorValue(err error) lua.LValue {
	if ae, ok := err.(*lua.ApiError); ok && ae.Object != nil {
		return ae.Object
	}
	return lua.LString(err.Error())
}

// parallelOptions is minio.parallel's third argument: {workers=, fail_fast=, progress=}.
type parallelOptions struct {
	Workers  int `lua:",as=workers"`
	FailFast bool
	Progress bool
}

func readParallelOptions(L *lua.LState) (workpool.Pool, bool) {
	if L.Get(3) == lua.LNil {
		return workpool.Pool{}, false
	}
	o, err := decodeTable[parallelOptions](L, L.Get(3))
	if err != nil {
		badArg(L, 3, "parallel", err.Error())
	}
	return workpool.Pool{Workers: o.Workers, FailFast: o.FailFast}, o.Progress
}

// newProgressBar draws on w only when it is a terminal: a bar in a log file or a pipe
// is noise.
func newProgressBar(w io.Writer, description string, n int) *progressbar.ProgressBar {
	if !isTerminal(w) {
		return nil
	}
	return progressbar.NewOptions(n,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(description),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("items"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
