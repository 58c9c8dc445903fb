package runtime

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	goruntime "runtime"
	"runtime/debug"
	"testing"

	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// speedWorkloads are the programs scripts/bench-vm.sh also times under Debian's lua5.1
// (docs/PERFORMANCE.md, "VM speed against lua5.1"); testdata/speed/README.md says what
// each does.
var speedWorkloads = []struct{ name, path string }{
	{"constructs", "../tests/realworld/lua51-tests/constructs.lua"},
	{"json", "testdata/speed/json.lua"},
	{"state", "testdata/speed/state.lua"},
}

// BenchmarkSpeed runs each workload in a VM made by New, with the collector paced as
// the CLI paces it (TuneGC), as the CLI runs a script; one iteration is one whole run,
// VM creation excluded.
func BenchmarkSpeed(b *testing.B) {
	TuneGC()
	for _, w := range speedWorkloads {
		b.Run(w.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				vm := newSpeedVM(b)
				b.StartTimer()
				if err := vm.RunFile(w.path); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				vm.Close()
				b.StartTimer()
			}
		})
	}
}

// TestSpeedWorkloads runs each workload once, so that a change that breaks one fails the
// ordinary tests rather than only the benchmark; their outputs are lua5.1's.
func TestSpeedWorkloads(t *testing.T) {
	if testing.Short() {
		t.Skip("runs for seconds")
	}
	want := map[string]string{
		"constructs": "testing syntax\n+\n+\n+\n+\n+\n+\nOK\n",
		"json":       "2464992\t8000\t2000\t16184\n",
		"state":      "12044086\t100000\t66667\t49950000\t600000\t97\n",
	}
	for _, w := range speedWorkloads {
		t.Run(w.name, func(t *testing.T) {
			var out bytes.Buffer
			vm := newSpeedVM(t, &out)
			defer vm.Close()
			if err := vm.RunFile(w.path); err != nil {
				t.Fatal(err)
			}
			if out.String() != want[w.name] {
				t.Errorf("output %q, lua5.1 prints %q", out.String(), want[w.name])
			}
		})
	}
}

func newSpeedVM(tb testing.TB, stdout ...io.Writer) *VM {
	tb.Helper()
	opts := Options{Stdout: io.Discard, Stderr: io.Discard}
	if len(stdout) > 0 {
		opts.Stdout = stdout[0]
	}
	vm, err := New(context.Background(), opts)
	if err != nil {
		tb.Fatal(err)
	}
	dir, err := filepath.Abs("testdata/speed")
	if err != nil {
		tb.Fatal(err)
	}
	pkg := vm.L.GetGlobal("package").(*lua.LTable)
	pkg.RawSetString("path", lua.LString(filepath.Join(dir, "?.lua")))
	return vm
}

// TestTuneGC: after TuneGC, with a small live heap, the heap may grow by GCMinGrowth.
func TestTuneGC(t *testing.T) {
	t.Setenv("GOGC", "")
	TuneGC()
	goruntime.GC() // what earlier tests left is garbage now
	paceGC()       // as the hook does after that collection, but before the check
	pct := debug.SetGCPercent(100)
	debug.SetGCPercent(pct)
	if pct <= 100 || pct > GCMinGrowth*100/(4<<20) {
		t.Errorf("GC percent %d after TuneGC, want 101..%d", pct, GCMinGrowth*100/(4<<20))
	}
}
