package workpool

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/synctest"
)

func TestRunBoundsWorkersAndKeepsErrorsByIndex(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		running, most := 0, 0
		release := make(chan struct{})
		seen := make([]int, 10)
		done := make(chan struct{})
		var errs []error
		var first error
		go func() {
			errs, first = Pool{Workers: 3}.Run(context.Background(), 10, func(_ context.Context, w, i int) error {
				mu.Lock()
				running++
				most = max(most, running)
				seen[i]++
				mu.Unlock()
				<-release
				mu.Lock()
				running--
				mu.Unlock()
				if i%4 == 1 {
					return errors.New("odd one")
				}
				return nil
			})
			close(done)
		}()
		synctest.Wait()
		if running != 3 {
			t.Fatalf("%d items in flight, want 3", running)
		}
		close(release)
		<-done
		if most != 3 {
			t.Fatalf("at most %d in flight, want 3", most)
		}
		for i, err := range errs {
			if seen[i] != 1 || (err != nil) != (i%4 == 1) {
				t.Fatalf("item %d: ran %d times, err %v", i, seen[i], err)
			}
		}
		if first == nil {
			t.Fatal("no first error")
		}
	})
}

func TestRunFailFastAndCancel(t *testing.T) {
	boom := errors.New("boom")
	errs, first := Pool{Workers: 1, FailFast: true}.Run(context.Background(), 5, func(_ context.Context, _, i int) error {
		if i == 1 {
			return boom
		}
		return nil
	})
	if first != boom || errs[0] != nil || errs[1] != boom || !errors.Is(errs[2], ErrNotStarted) || !errors.Is(errs[4], ErrNotStarted) {
		t.Fatalf("fail fast: %v, %v", errs, first)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var ran int
	errs, _ = Pool{Workers: 1}.Run(ctx, 5, func(context.Context, int, int) error {
		ran++
		cancel()
		return nil
	})
	if ran != 1 || errs[0] != nil || !errors.Is(errs[1], ErrNotStarted) {
		t.Fatalf("cancel: ran %d, %v", ran, errs)
	}
	if errs, first := (Pool{}).Run(context.Background(), 0, nil); len(errs) != 0 || first != nil {
		t.Fatal("no items")
	}
}
