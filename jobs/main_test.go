package jobs_test

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/internal/testserver"
)

// One shared server for the tests that can share one.
var (
	sharedOnce sync.Once
	shared     *testserver.Server
	sharedErr  error
	sharedDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.Stop()
		os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}

func server(t testing.TB) *testserver.Server {
	t.Helper()
	testserver.SkipShort(t)
	sharedOnce.Do(func() {
		sharedDir, sharedErr = os.MkdirTemp("", "minioscript-jobs-")
		if sharedErr == nil {
			shared, sharedErr = testserver.Start(context.Background(), sharedDir, testserver.Config{})
		}
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

func client(t *testing.T, opts admin.Options) *admin.Client {
	t.Helper()
	return server(t).ClientForTest(t, opts)
}

// must(f())(t) fails t when f returned an error, else gives f's value.
func must[T any](v T, err error) func(t *testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

var ctx = context.Background()
