// Package workpool runs independent items with a bounded number in flight: the one
// bounded-concurrency helper of the program (minio.parallel, minio.each and bulk jobs
// use it).
package workpool

import (
	"context"
	"errors"
	"runtime"
	"sync"
)

// ErrNotStarted marks items that never ran because the context ended or, with
// FailFast, an earlier item failed.
var ErrNotStarted = errors.New("not started")

// Pool says how to run the items.
type Pool struct {
	// Workers bounds the items in flight (<= 0: DefaultWorkers()).
	Workers int
	// FailFast stops handing out items after the first failure; items already running
	// finish.
	FailFast bool
	// Done, when set, is called after each item that ran, from the worker goroutine.
	Done func(i int, err error)
}

// DefaultWorkers is a sensible number of calls in flight for one machine: enough to
// overlap the network and the server's work with the client's, not so many that they
// only queue at the server.
func DefaultWorkers() int {
	return min(16, max(4, 2*runtime.GOMAXPROCS(0)))
}

// Run calls fn(ctx, worker, i) for every i in [0, n) on at most Workers goroutines;
// worker (0 <= worker < Workers) names the goroutine, so callers can give each its own
// state. Items start in index order. It returns once every started item has finished:
// errs[i] is item i's error (ErrNotStarted for items that never ran) and first is the
// first error in time, nil when all succeeded.
func (p Pool) Run(ctx context.Context, n int, fn func(ctx context.Context, worker, i int) error) (errs []error, first error) {
	errs = make([]error, n)
	workers := p.Workers
	if workers <= 0 {
		workers = DefaultWorkers()
	}
	workers = min(workers, n)
	var (
		mu      sync.Mutex
		next    int
		stopped bool
	)
	// take hands out the next index, or -1 once all are out or the run must stop.
	take := func() int {
		mu.Lock()
		defer mu.Unlock()
		if stopped || next >= n || ctx.Err() != nil {
			return -1
		}
		next++
		return next - 1
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := take(); i >= 0; i = take() {
				err := fn(ctx, w, i)
				mu.Lock()
				errs[i] = err
				if err != nil && first == nil {
					first = err
				}
				if err != nil && p.FailFast {
					stopped = true
				}
				mu.Unlock()
				if p.Done != nil {
					p.Done(i, err)
				}
			}
		}()
	}
	wg.Wait()
	for i := next; i < n; i++ {
		errs[i] = ErrNotStarted
	}
	return errs, first
}
