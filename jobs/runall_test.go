package jobs

import (
	"context"
	"errors"
	"testing"
)

// The first error ends the calls in flight (a read waiting on its context returns) and
// is the error returned, not the context errors it causes.
func TestRunAllStopsOnFirstError(t *testing.T) {
	boom := errors.New("config read refused")
	started := make(chan struct{})
	err := runAll(context.Background(), 3, 3, func(ctx context.Context, i int) error {
		switch i {
		case 0:
			<-started
			return boom
		case 1:
			close(started)
			<-ctx.Done() // a long read, such as the IAM export
			return ctx.Err()
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want %v", err, boom)
	}
}
