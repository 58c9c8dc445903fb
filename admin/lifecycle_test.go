package admin_test

import (
	"strings"
	"testing"
	"time"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
)

// TestServiceRestart: the server comes back in the same process, the same client keeps
// working, and a restored config entry is in force afterwards.
func TestServiceRestart(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	c := srv.ClientForTest(t, admin.Options{})
	must(c.UserAdd(ctx, "survivor", "password-123"))(t)
	must(c.ConfigSet(ctx, "api", []admin.KV{{"stale_uploads_expiry", "26h"}}))(t)
	entry := findHistory(t, c, "stale_uploads_expiry=26h")
	must(c.ConfigSet(ctx, "api", []admin.KV{{"stale_uploads_expiry", "28h"}}))(t)
	must(c.ConfigRestore(ctx, entry.RestoreID))(t)
	pid := srv.Pid()

	must(c.ServiceRestart(ctx))(t)
	if srv.Pid() != pid {
		t.Fatal("process changed")
	}
	if got := must(c.ConfigGet(ctx, "api"))(t); !strings.Contains(got, "stale_uploads_expiry=26h") {
		t.Fatalf("restored value not in force after restart: %q", got)
	}
	if must(c.UserInfo(ctx, "survivor"))(t).Value.Status != "enabled" {
		t.Fatal("user lost across restart")
	}
}

func TestServiceStop(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	c := srv.ClientForTest(t, admin.Options{})
	must(c.ServiceStop(ctx))(t)
	select {
	case <-srv.Done():
		if err := srv.ExitErr(); err != nil {
			t.Fatalf("exit status: %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("server still running after service_stop")
	}
}
