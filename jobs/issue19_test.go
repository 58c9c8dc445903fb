package jobs_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
	"github.com/minioscript/minioscript/jobs"
)

// Issue 19, item 6: ensure_service_account under a disabled parent goes through the IAM
// import, as apply does (add_service_account answers "no such user" for it).
func TestEnsureServiceAccountOfDisabledParent(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	c := srv.ClientForTest(t, admin.Options{})
	e := &jobs.Engine{Client: c}
	if _, err := e.EnsureUser(ctx, "dparent", jobs.UserState{SecretKey: "dparent-secret-1", Status: "disabled", Policies: []string{"readonly"}}); err != nil {
		t.Fatal(err)
	}
	want := jobs.ServiceAccountState{User: "dparent", SecretKey: "dsvc1-secret-key-1", Description: "under a disabled parent"}
	r, err := e.EnsureServiceAccount(ctx, "dsvc1", want)
	if err != nil || r.Status != jobs.Created {
		t.Fatalf("ensure_service_account: %v %v", r, err)
	}
	info, err := c.GetServiceAccount(ctx, "dsvc1")
	if err != nil || info.Value.ParentUser != "dparent" || info.Value.Description != "under a disabled parent" {
		t.Fatalf("the account: %+v %v", info.Value, err)
	}
	if r, err := e.EnsureServiceAccount(ctx, "dsvc1", want); err != nil || r.Status != jobs.Unchanged {
		t.Fatalf("again: %v %v", r, err)
	}
	if u, err := c.UserInfo(ctx, "dparent"); err != nil || u.Value.Status != "disabled" {
		t.Fatalf("the parent: %+v %v", u.Value, err)
	}
}

// Issue 19, item 7: a secret reset sent by the IAM import over plain HTTP (where the
// check after the import cannot read secrets) is verified by signing with it, not
// reported as failed.
func TestBulkSecretResetOverHTTPIsVerified(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	c := srv.ClientForTest(t, admin.Options{})
	e := &jobs.Engine{Client: c}
	if _, err := c.UserAdd(ctx, "rsuser", "rsuser-secret-old"); err != nil {
		t.Fatal(err)
	}
	// The import is used when there is a create to send.
	state := &jobs.State{Users: map[string]jobs.UserState{"rsuser": {SecretKey: "rsuser-secret-new", ResetSecret: true},
		"rsnew": {SecretKey: "rsnew-secret-1"}}}
	rep, err := e.Apply(ctx, state, jobs.ApplyOptions{Bulk: "always"})
	if err != nil || !rep.Bulk || rep.Failed != 0 || rep.Updated != 1 || rep.Created != 1 {
		t.Fatalf("apply: %v %v", rep, err)
	}
	as := srv.ClientForTest(t, admin.Options{Credentials: admin.Credentials{AccessKey: "rsuser", SecretKey: "rsuser-secret-new"}})
	if _, err := as.AccountInfo(ctx, false); err != nil {
		t.Fatalf("the new secret does not sign: %v", err)
	}
	old := srv.ClientForTest(t, admin.Options{Credentials: admin.Credentials{AccessKey: "rsuser", SecretKey: "rsuser-secret-old"}})
	if _, err := old.AccountInfo(ctx, false); err == nil {
		t.Fatal("the old secret still signs")
	}
}

// Issue 19, item 15: a node that has held no lock since it (re)started answers top_locks
// with null; the method still gives an empty list (raw and decoded).
func TestTopLocksNullIsAnEmptyList(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, "null\n")
	}))
	defer srv.Close()
	c, err := admin.New(admin.Options{Endpoint: srv.URL, Credentials: admin.Credentials{AccessKey: "lockkey", SecretKey: "locksecret1"}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := c.TopLocks(ctx, admin.TopLocksOptions{})
	if err != nil || string(r.Raw) != "[]" || r.Value == nil || len(r.Value) != 0 {
		t.Fatalf("top_locks: %q %v %v", r.Raw, r.Value, err)
	}
}
