package tests

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/bindings"
	"github.com/minioscript/minioscript/runtime"
)

// flightRecorder is middleware that counts the calls in flight. Each call waits until
// `want` are in flight at once (a barrier that opens for good once reached), so a run
// that never gets there fails instead of passing by luck, without timing anything.
type flightRecorder struct {
	mu       sync.Mutex
	want     int
	now, max int
	started  int
	reached  chan struct{}
	onFull   func()
}

func newFlightRecorder(want int) *flightRecorder {
	return &flightRecorder{want: want, reached: make(chan struct{})}
}

func (f *flightRecorder) middleware(next admin.Handler) admin.Handler {
	return func(ctx context.Context, call *admin.Call) (*admin.Response, error) {
		f.mu.Lock()
		f.now++
		f.started++
		f.max = max(f.max, f.now)
		if f.now == f.want {
			select {
			case <-f.reached:
			default:
				close(f.reached)
				if f.onFull != nil {
					f.onFull()
				}
			}
		}
		f.mu.Unlock()
		defer func() {
			f.mu.Lock()
			f.now--
			f.mu.Unlock()
		}()
		select {
		case <-f.reached:
		case <-ctx.Done():
		case <-time.After(time.Minute): // a safety net, never the expected path
			return nil, errors.New("calls in flight never reached the number of workers")
		}
		return next(ctx, call)
	}
}

func parallelVM(t *testing.T, ctx context.Context, rec *flightRecorder) *runtime.VM {
	e := serverEnv(sharedServer(t))
	cfg := &bindings.Config{Middleware: []admin.Middleware{rec.middleware}}
	vm, err := runtime.New(ctx, runtime.Options{Connection: &e.conn, Minio: cfg})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(vm.Close)
	return vm
}

// Admin calls of different items are in flight at the same time, never more than the
// number of workers.
func TestParallelCallsInFlight(t *testing.T) {
	rec := newFlightRecorder(4)
	vm := parallelVM(t, context.Background(), rec)
	err := vm.RunString(`
local c, users = minio.connect(), {}
for i = 1, 16 do users[i] = "flight-" .. i end
local results, failed = minio.parallel(users, function(u, i)
  c:user_add(u, "flight-secret-1")
  return c:user_info(u).status
end, { workers = 4 })
assert(#failed == 0, failed[1] and tostring(failed[1].error))
for i = 1, 16 do assert(results[i] == "enabled", i) end`, "flight")
	if err != nil {
		t.Fatal(err)
	}
	if rec.max != 4 || rec.started != 32 {
		t.Fatalf("max in flight %d (want 4), calls %d (want 32)", rec.max, rec.started)
	}
}

// Cancelling the run (Ctrl-C, --timeout) cancels every call in flight, starts no new
// item, and the error reaches the caller as a cancellation.
func TestParallelCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rec := newFlightRecorder(3)
	rec.onFull = cancel
	vm := parallelVM(t, ctx, rec)
	err := vm.RunString(`
local c, users = minio.connect(), {}
for i = 1, 50 do users[i] = "cancel-" .. i end
minio.parallel(users, function(u) c:user_add(u, "cancel-secret-1") end, { workers = 3 })
error("not reached")`, "cancel")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want a cancellation, got %v", err)
	}
	if rec.started != 3 {
		t.Fatalf("%d calls started, want the 3 in flight only", rec.started)
	}
}

// Lua code runs on one goroutine at a time: updates of shared tables between admin
// calls are never lost (and go test -race stays quiet).
func TestParallelSharedState(t *testing.T) {
	vm := parallelVM(t, context.Background(), newFlightRecorder(1))
	err := vm.RunString(`
local c, items = minio.connect(), {}
for i = 1, 40 do items[i] = i end
local counter, seen = 0, {}
local _, failed = minio.parallel(items, function(i)
  local ok = pcall(c.user_info, c, "missing-user-" .. i)
  assert(not ok)
  for _ = 1, 100 do counter = counter + 1 end
  seen[#seen + 1] = i
  c:user_info("missing-user-" .. i)
end, { workers = 8 })
assert(counter == 4000, counter)
assert(#seen == 40, #seen)
assert(#failed == 40 and failed[40].error.api_code == "XMinioAdminNoSuchUser")`, "state")
	if err != nil {
		t.Fatal(err)
	}
}
