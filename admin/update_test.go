package admin_test

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
)

func inode(t *testing.T, path string) uint64 {
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Sys().(*syscall.Stat_t).Ino
}

func TestUpdate(t *testing.T) {
	testserver.SkipShort(t)
	dir := t.TempDir()
	bin, err := testserver.CopyBinary(filepath.Join(dir, "bin"))
	if err != nil {
		t.Fatal(err)
	}
	fix, err := testserver.NewUpdateFixture(bin, "2099-01-01T00-00-00Z", "")
	if err != nil {
		t.Fatal(err)
	}
	defer fix.Close()
	srv := testserver.ForTest(t, testserver.Config{Binary: bin, Env: []string{"MINIO_UPDATE_MINISIGN_PUBKEY=" + fix.PubKey}})
	c := srv.ClientForTest(t, admin.Options{})
	must(c.UserAdd(ctx, "before-update", "password-123"))(t)

	// Answers that change nothing first.
	old, err := testserver.NewUpdateFixture(bin, "2001-01-01T00-00-00Z", "")
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	same := must(c.Update(ctx, old.URL))(t)
	if same.Value.CurrentVersion != same.Value.UpdatedVersion {
		t.Fatalf("no newer release: %s", same.Raw)
	}
	port, _ := testserver.FreePort()
	_, err = c.Update(ctx, fmt.Sprintf("http://127.0.0.1:%d/minio.sha256sum", port))
	serverError(t, err, 503, "XMinioAdminUpdateURLNotReachable")
	bad, err := testserver.NewUpdateFixture(bin, "2099-01-01T00-00-00Z", "not a checksum line at all\n")
	if err != nil {
		t.Fatal(err)
	}
	defer bad.Close()
	_, err = c.Update(ctx, bad.URL)
	serverError(t, err, 500, "")
	_, err = c.Update(ctx, fix.URL+".missing")
	serverError(t, err, 404, "")

	// The real update: the server replaces its binary and restarts; the client reconnects.
	before := inode(t, bin)
	res := must(c.Update(ctx, fix.URL))(t)
	if res.Value.UpdatedVersion != "2099-01-01T00-00-00Z" || res.Value.CurrentVersion == res.Value.UpdatedVersion {
		t.Fatalf("update: %s", res.Raw)
	}
	if inode(t, bin) == before {
		t.Fatal("the binary was not replaced")
	}
	if must(c.UserInfo(ctx, "before-update"))(t).Value.Status != "enabled" {
		t.Fatal("user lost across update")
	}
}
