package tests

import (
	"context"
	"sync"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/bindings"
)

// TestAccessReadsNoExportInTheClear: over plain HTTP the access review reads the IAM
// state object by object; the IAM export, which carries every secret key, is never
// asked for where it would cross the network in the clear.
func TestAccessReadsNoExportInTheClear(t *testing.T) {
	srv := sharedServer(t)
	var (
		mu  sync.Mutex
		ops []string
	)
	record := func(next admin.Handler) admin.Handler {
		return func(ctx context.Context, call *admin.Call) (*admin.Response, error) {
			mu.Lock()
			ops = append(ops, call.Op)
			mu.Unlock()
			return next(ctx, call)
		}
	}
	c := srv.ClientForTest(t, admin.Options{Middleware: []admin.Middleware{record}})
	if _, err := c.UserAdd(context.Background(), "access-read-u", "access-read-secret"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := bindings.ReadAccess(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if len(ops) < 2 {
		t.Fatalf("the middleware saw %v", ops)
	}
	for _, op := range ops {
		if op == "export_iam" {
			t.Fatalf("the IAM export was read over plain HTTP: %v", ops)
		}
	}
}
