package runtime

import (
	"os"
	goruntime "runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// GCMinGrowth is how much the heap may grow between two collections at least, once
// TuneGC has run.
const GCMinGrowth = 64 << 20

var tuneGCOnce sync.Once

// TuneGC paces the Go garbage collector for a process that runs Lua programs: the heap
// may grow by GCMinGrowth between collections, or by its live size (GOGC=100) when that
// is larger. A Lua program allocates a value for nearly everything it does while its
// live heap often stays at a few MB, where GOGC=100 alone collects every few MB and the
// collector took half the CPU time of a loadstring-heavy program (docs/PERFORMANCE.md,
// "VM speed against lua5.1"). Process-wide, so it is for commands (cmd/minioscript
// calls it), not for a library; it does nothing when GOGC is set.
func TuneGC() {
	if os.Getenv("GOGC") != "" {
		return
	}
	tuneGCOnce.Do(func() {
		paceGC()
		armGCHook()
	})
}

// gcHook holds a pointer so that it is not a tiny allocation (whose finalizer may never run).
type gcHook struct{ _ *gcHook }

// armGCHook sets the percentage again after every collection: a finalizer of an
// unreachable object runs after the collection that found it.
func armGCHook() {
	goruntime.SetFinalizer(&gcHook{}, func(*gcHook) {
		paceGC()
		armGCHook()
	})
}

func paceGC() {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	live := uint64(0)
	if sample[0].Value.Kind() == metrics.KindUint64 {
		live = sample[0].Value.Uint64()
	}
	// The runtime's minimum heap goal (4 MB at GOGC=100) scales with the percentage too:
	// counting at least 4 MB live keeps that minimum at GCMinGrowth.
	debug.SetGCPercent(int(max(GCMinGrowth*100/max(live, 4<<20), 100)))
}
