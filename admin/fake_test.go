package admin_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minioscript/minioscript/admin"
)

// Fault injection and request building against a recording fake. What an operation
// does on a real server is proven in the integration tests; here: the exact request,
// retries, and answers a real server would rarely give.

type recorded struct {
	Method string
	Path   string
	Query  map[string][]string
	Body   []byte // decrypted when it was sealed
	Header http.Header
}

type fake struct {
	mu       sync.Mutex
	requests []recorded
	reply    func(n int, w http.ResponseWriter, r *http.Request)
}

const fakeSecret = "fake-secret-key"

func newFake(t *testing.T, reply func(n int, w http.ResponseWriter, r *http.Request)) (*fake, *admin.Client) {
	f := &fake{reply: reply}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if plain, err := admin.DecryptPayload(fakeSecret, body); err == nil {
			body = plain
		}
		f.mu.Lock()
		f.requests = append(f.requests, recorded{r.Method, r.URL.Path, r.URL.Query(), body, r.Header})
		n := len(f.requests)
		f.mu.Unlock()
		if f.reply != nil {
			f.reply(n, w, r)
		}
	}))
	t.Cleanup(srv.Close)
	c, err := admin.New(admin.Options{Endpoint: srv.URL, Credentials: admin.Credentials{AccessKey: "fake", SecretKey: fakeSecret},
		RetryBackoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return f, c
}

func (f *fake) last(t *testing.T) recorded {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.requests) == 0 {
		t.Fatal("no request")
	}
	return f.requests[len(f.requests)-1]
}

func sealed(t *testing.T, v any) []byte {
	b, _ := json.Marshal(v)
	ct, err := admin.EncryptPayload(fakeSecret, b, admin.KDFPBKDF2)
	if err != nil {
		t.Fatal(err)
	}
	return ct
}

func TestRetryNotInitialisedThenSucceeds(t *testing.T) {
	f, c := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n < 3 {
			w.WriteHeader(503)
			io.WriteString(w, `{"Code":"XMinioServerNotInitialized","Message":"Server not initialized yet, please try again."}`)
		}
	})
	if _, err := c.UserAdd(ctx, "someone", "password-123"); err != nil {
		t.Fatal(err)
	}
	// A refusal, the user listing that waits for IAM to load (refused once itself), then
	// the write.
	var paths []string
	for _, r := range f.requests {
		paths = append(paths, strings.TrimPrefix(r.Path, "/minio/admin/v3/"))
	}
	if strings.Join(paths, " ") != "add-user list-users list-users add-user" {
		t.Fatalf("requests %v", paths)
	}
}

func TestNoBlindResendOfWrites(t *testing.T) {
	f, c := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(500)
		io.WriteString(w, `{"Code":"InternalError","Message":"boom"}`)
	})
	_, err := c.GroupAdd(ctx, "g", []string{"a"})
	var ae *admin.Error
	if !errors.As(err, &ae) || ae.StatusCode != 500 || ae.Code != "InternalError" || len(f.requests) != 1 {
		t.Fatalf("err %v after %d attempts", err, len(f.requests))
	}
	// A read that keeps failing with 503 is retried, but only so often.
	f2, c2 := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) })
	_, err = c2.UserList(ctx)
	if !errors.As(err, &ae) || ae.StatusCode != 503 || len(f2.requests) != 7 {
		t.Fatalf("err %v after %d attempts, want 7", err, len(f2.requests))
	}
}

func TestGarbageAndUndecryptableBodies(t *testing.T) {
	_, c := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "not encrypted at all, long enough to look like something")
	})
	_, err := c.UserList(ctx)
	var re *admin.ResponseError
	if !errors.As(err, &re) || !errors.Is(err, admin.ErrPayload) || re.Op != "user_list" {
		t.Fatalf("undecryptable: %v", err)
	}
	_, c = newFake(t, func(n int, w http.ResponseWriter, r *http.Request) { io.WriteString(w, "{garbage") })
	_, err = c.GroupInfo(ctx, "g")
	if !errors.As(err, &re) {
		t.Fatalf("garbage JSON: %v", err)
	}
	_, c = newFake(t, func(n int, w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(502)
		io.WriteString(w, "<html>bad gateway</html>")
	})
	_, err = c.UserRemove(ctx, "x")
	var ae *admin.Error
	if !errors.As(err, &ae) || ae.StatusCode != 502 || string(ae.Body) != "<html>bad gateway</html>" {
		t.Fatalf("non-JSON error: %v", err)
	}
}

func TestTimeoutIsARequestError(t *testing.T) {
	_, c := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) { time.Sleep(300 * time.Millisecond) })
	tctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	_, err := c.UserAdd(tctx, "a-user", "password-123")
	var re *admin.RequestError
	if !errors.As(err, &re) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("timeout: %v", err)
	}
}

func TestSiteReplicationRequests(t *testing.T) {
	f, c := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"success":true,"status":"ok"}`)
	})
	must(c.AddSiteReplication(ctx, []admin.PeerSite{
		{Name: "a", Endpoint: "http://127.0.0.1:9001", AccessKey: "ak", SecretKey: "sk-a"},
		{Name: "b", Endpoint: "http://127.0.0.1:9002", AccessKey: "ak", SecretKey: "sk-b"},
	}))(t)
	r := f.last(t)
	if r.Method != "PUT" || r.Path != "/minio/admin/v3/site-replication/add" || r.Query["api-version"][0] != "1" ||
		string(r.Body) != `[{"name":"a","endpoints":"http://127.0.0.1:9001","accessKey":"ak","secretKey":"sk-a"},{"name":"b","endpoints":"http://127.0.0.1:9002","accessKey":"ak","secretKey":"sk-b"}]` {
		t.Fatalf("add: %+v %s", r, r.Body)
	}
	must(c.EditSiteReplication(ctx, admin.PeerInfo{DeploymentID: "dep-1", Endpoint: "http://127.0.0.1:9002",
		BucketBandwidthLimit: 1048576, BucketBandwidthSet: true, SyncStatus: "enable"}))(t)
	r = f.last(t)
	if r.Path != "/minio/admin/v3/site-replication/edit" ||
		string(r.Body) != `{"deploymentID":"dep-1","endpoint":"http://127.0.0.1:9002","sync":"enable","defaultbandwidth":{"bandwidthLimitPerBucket":1048576,"set":true}}` {
		t.Fatalf("edit: %s", r.Body)
	}
	must(c.RemoveSiteReplication(ctx, []string{"b"}, false))(t)
	r = f.last(t)
	if r.Path != "/minio/admin/v3/site-replication/remove" || string(r.Body) != `{"sites":["b"],"all":false}` {
		t.Fatalf("remove (must be plain JSON): %q", r.Body)
	}
	must(c.GetSiteReplicationStatus(ctx, admin.SiteReplicationStatusOptions{Users: true, Entity: "user", EntityValue: "alice"}))(t)
	r = f.last(t)
	want := map[string]string{"buckets": "false", "policies": "false", "users": "true", "groups": "false", "metrics": "false",
		"showDeleted": "false", "entity": "user", "entityvalue": "alice"}
	for k, v := range want {
		if got := r.Query[k]; len(got) != 1 || got[0] != v {
			t.Fatalf("status query %s=%v, want %s", k, got, v)
		}
	}
	must(c.GetSiteReplicationInfo(ctx))(t)
	if r = f.last(t); r.Method != "GET" || r.Path != "/minio/admin/v3/site-replication/info" {
		t.Fatalf("info: %+v", r)
	}
}

func TestLDAPKMSUpdateRequests(t *testing.T) {
	f, c := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.Contains(r.URL.Path, "/idp/ldap/policy/"):
			w.Write(sealed(t, map[string]any{"policiesAttached": []string{"readonly"}}))
		case strings.Contains(r.URL.Path, "/idp/ldap/list-access-keys"):
			w.Write(sealed(t, map[string]any{}))
		case strings.Contains(r.URL.Path, "/update"):
			// Equal versions: nothing newer, so no restart to wait for.
			io.WriteString(w, `{"currentVersion":"2025-01-01T00-00-00Z","updatedVersion":"2025-01-01T00-00-00Z"}`)
		case strings.Contains(r.URL.Path, "/kms/key/status"):
			io.WriteString(w, `{"key-id":"k1"}`)
		}
	})
	must(c.AttachPolicyLDAP(ctx, []string{"readonly"}, "uid=bob,ou=people,dc=example,dc=org", ""))(t)
	r := f.last(t)
	if r.Method != "POST" || r.Path != "/minio/admin/v3/idp/ldap/policy/attach" || r.Header.Get("Content-Type") != "application/octet-stream" ||
		string(r.Body) != `{"policies":["readonly"],"user":"uid=bob,ou=people,dc=example,dc=org"}` {
		t.Fatalf("attach ldap: %+v %s", r, r.Body)
	}
	must(c.DetachPolicyLDAP(ctx, []string{"readonly"}, "", "cn=devs,ou=groups,dc=example,dc=org"))(t)
	if r = f.last(t); r.Path != "/minio/admin/v3/idp/ldap/policy/detach" || string(r.Body) != `{"policies":["readonly"],"group":"cn=devs,ou=groups,dc=example,dc=org"}` {
		t.Fatalf("detach ldap: %s", r.Body)
	}
	must(c.ListAccessKeysLDAP(ctx, "uid=bob,dc=example,dc=org", "sts-only"))(t)
	if r = f.last(t); r.Query["userDN"][0] != "uid=bob,dc=example,dc=org" || r.Query["listType"][0] != "sts-only" {
		t.Fatalf("list ldap: %+v", r.Query)
	}
	must(c.ListAccessKeysLDAPBulk(ctx, []string{"uid=a,dc=x", "uid=b,dc=x"}, "all", false))(t)
	if r = f.last(t); len(r.Query["userDNs"]) != 2 || r.Query["userDNs"][1] != "uid=b,dc=x" || r.Query["listType"][0] != "all" || r.Query["all"] != nil {
		t.Fatalf("bulk: %+v", r.Query)
	}
	must(c.ListAccessKeysLDAPBulk(ctx, nil, "svcacc-only", true))(t)
	if r = f.last(t); r.Query["all"][0] != "true" {
		t.Fatalf("bulk all: %+v", r.Query)
	}
	if _, err := c.ListAccessKeysLDAPBulk(ctx, []string{"x"}, "all", true); err == nil {
		t.Fatal("users with all_users accepted")
	}
	must(c.KMSKeyCreate(ctx, "my-key"))(t)
	if r = f.last(t); r.Method != "POST" || r.Path != "/minio/admin/v3/kms/key/create" || r.Query["key-id"][0] != "my-key" {
		t.Fatalf("kms create: %+v", r)
	}
	must(c.KMSKeyStatus(ctx, "k1"))(t)
	if r = f.last(t); r.Path != "/minio/admin/v3/kms/key/status" || r.Query["key-id"][0] != "k1" {
		t.Fatalf("kms status: %+v", r)
	}
	res := must(c.Update(ctx, "http://127.0.0.1:1/minio.sha256sum"))(t)
	if r = f.last(t); r.Method != "POST" || r.Query["updateURL"][0] != "http://127.0.0.1:1/minio.sha256sum" || res.Value.UpdatedVersion != "2025-01-01T00-00-00Z" {
		t.Fatalf("update: %+v", r)
	}
	must(c.Update(ctx, ""))(t)
	if r = f.last(t); len(r.Query["updateURL"]) != 1 || r.Query["updateURL"][0] != "" {
		t.Fatalf("update without URL must still send the key: %+v", r.Query)
	}
}

// The request id of an answer without a body comes from the x-amz-request-id header.
func TestRequestIDFromHeader(t *testing.T) {
	_, c := newFake(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Amz-Request-Id", "17A0B1C2D3E4F5")
		w.WriteHeader(http.StatusForbidden)
	})
	_, err := c.UserInfo(context.Background(), "bob")
	var e *admin.Error
	if !errors.As(err, &e) {
		t.Fatalf("err %v", err)
	}
	if e.RequestID != "17A0B1C2D3E4F5" {
		t.Fatalf("request id %q", e.RequestID)
	}
}
