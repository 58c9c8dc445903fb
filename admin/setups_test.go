package admin_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
)

// Operations that need more than one plain server (issue 4), through the Go API.

func TestDistributed(t *testing.T) {
	nodes := testserver.DistributedForTest(t, 4, testserver.Config{})
	c := nodes[0].ClientForTest(t, admin.Options{})
	info := must(c.ServerInfo(ctx))(t)
	if len(info.Value.Servers) != 4 {
		t.Fatalf("info shows %d servers, want 4", len(info.Value.Servers))
	}
	locks := must(c.TopLocks(ctx, admin.TopLocksOptions{Count: 5, Stale: true}))(t)
	if string(locks.Raw) != "null" && !strings.HasPrefix(string(locks.Raw), "[") {
		t.Fatalf("top_locks: %s", locks.Raw)
	}
	// A restored config entry runs only in new processes: after the restart every node
	// must show it.
	must(c.ConfigSet(ctx, "api", []admin.KV{{"stale_uploads_expiry", "26h"}}))(t)
	entry := findHistory(t, c, "stale_uploads_expiry=26h")
	must(c.ConfigSet(ctx, "api", []admin.KV{{"stale_uploads_expiry", "28h"}}))(t)
	must(c.ConfigRestore(ctx, entry.RestoreID))(t)
	must(c.ServiceRestart(ctx))(t)
	for _, n := range nodes {
		nc := n.ClientForTest(t, admin.Options{})
		// Peers get the signal from the node we called and restart on their own time.
		waitFor(t, n.Addr+" running a new process", func() bool {
			got, err := nc.ConfigGet(ctx, "api")
			return err == nil && strings.Contains(got, "stale_uploads_expiry=26h")
		})
	}
	if got := len(must(c.ServerInfo(ctx))(t).Value.Servers); got != 4 {
		t.Fatalf("after restart info shows %d servers", got)
	}
}

func TestTLS(t *testing.T) {
	srv, ca := testserver.TLSForTest(t)
	dir := t.TempDir()
	wrongCA, err := testserver.SelfSigned(filepath.Join(dir, "other"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(srv.URL(), "https://") {
		t.Fatal("not TLS")
	}
	for name, opts := range map[string]admin.Options{
		"cert_check=false": {SkipVerify: true},
		"ca_file":          {CAFile: ca},
		"host:port+secure": {Endpoint: srv.Addr, Secure: true, CAFile: ca},
	} {
		c, err := srv.Client(opts)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.UserList(ctx); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	for name, opts := range map[string]admin.Options{"wrong CA": {CAFile: wrongCA}, "no CA": {}} {
		c, err := srv.Client(opts)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.ServerInfo(ctx)
		var re *admin.RequestError
		if !errors.As(err, &re) || !strings.Contains(err.Error(), "certificate") {
			t.Fatalf("%s: want a TLS certificate error, got %v", name, err)
		}
	}
	if _, err := admin.New(admin.Options{Endpoint: srv.URL(), Credentials: admin.Credentials{AccessKey: "a", SecretKey: "b"},
		CAFile: filepath.Join(dir, "missing.pem")}); err == nil {
		t.Fatal("missing CA file accepted")
	}
}

func TestKMSStaticKey(t *testing.T) {
	c := testserver.ForTest(t, testserver.Config{Env: testserver.StaticKMSEnv("minioscript-key")}).ClientForTest(t, admin.Options{})
	st := must(c.KMSKeyStatus(ctx, "minioscript-key"))(t)
	if st.Value.KeyID != "minioscript-key" || st.Value.EncryptionErr != "" || st.Value.DecryptionErr != "" {
		t.Fatalf("status: %s", st.Raw)
	}
	if def := must(c.KMSKeyStatus(ctx, ""))(t); def.Value.KeyID != "minioscript-key" {
		t.Fatalf("default key status: %s", def.Raw)
	}
	unknown := must(c.KMSKeyStatus(ctx, "no-such-key"))(t)
	if unknown.Value.EncryptionErr == "" {
		t.Fatalf("unknown key reported usable: %s", unknown.Raw)
	}
	_, err := c.KMSKeyCreate(ctx, "new-key")
	e := serverError(t, err, 500, "InternalError")
	if !strings.Contains(e.Message, "not supported") {
		t.Fatalf("create: %v", e)
	}
	// Without any KMS the server says it is not implemented.
	_, err = client(t, admin.Options{}).KMSKeyStatus(ctx, "")
	serverError(t, err, 501, "NotImplemented")
}

func TestKMSWithKES(t *testing.T) {
	kes := testserver.KESForTest(t)
	c := testserver.ForTest(t, testserver.Config{Env: kes.MinIOEnv()}).ClientForTest(t, admin.Options{})
	before := must(c.KMSKeyStatus(ctx, "minioscript-new-key"))(t)
	if before.Value.EncryptionErr == "" {
		t.Fatalf("key usable before it was created: %s", before.Raw)
	}
	must(c.KMSKeyCreate(ctx, "minioscript-new-key"))(t)
	after := must(c.KMSKeyStatus(ctx, "minioscript-new-key"))(t)
	if after.Value.KeyID != "minioscript-new-key" || after.Value.EncryptionErr != "" || after.Value.DecryptionErr != "" {
		t.Fatalf("new key not usable: %s", after.Raw)
	}
	_, err := c.KMSKeyCreate(ctx, "minioscript-new-key")
	if e := serverError(t, err, 500, "InternalError"); !strings.Contains(e.Message, "already") {
		t.Fatalf("second create: %v", e)
	}
}
