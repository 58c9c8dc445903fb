package jobs_test

import (
	"context"
	"os"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
)

// One shared server for the tests that can share one.
var shared = testserver.Shared{Prefix: "minioscript-jobs-"}

func TestMain(m *testing.M) {
	code := m.Run()
	shared.Stop()
	os.Exit(code)
}

func server(t testing.TB) *testserver.Server {
	t.Helper()
	return shared.Get(t)
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
