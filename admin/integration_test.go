package admin_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
)

// One shared server for the tests that do not stop or restart it.
var shared = testserver.Shared{Prefix: "minioscript-admin-"}

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

// serverError asserts err is an *admin.Error with the status and code.
func serverError(t *testing.T, err error, status int, code string) *admin.Error {
	t.Helper()
	var ae *admin.Error
	if !errors.As(err, &ae) {
		t.Fatalf("want *admin.Error %d %s, got %T %v", status, code, err, err)
	}
	if ae.StatusCode != status || (code != "" && ae.Code != code) {
		t.Fatalf("want %d %s, got %d %s (%s)", status, code, ae.StatusCode, ae.Code, ae.Body)
	}
	if len(ae.Body) == 0 {
		t.Fatal("error has no body")
	}
	return ae
}

var ctx = context.Background()

func TestInfo(t *testing.T) {
	c := client(t, admin.Options{})
	r := must(c.ServerInfo(ctx))(t)
	if r.Value.Mode != "online" || len(r.Value.Servers) != 1 || r.Value.DeploymentID == "" {
		t.Fatalf("unexpected info: %+v", r.Value)
	}
	if !json.Valid(r.Raw) {
		t.Fatal("raw is not JSON")
	}
}

func TestUsers(t *testing.T) {
	for _, kdf := range []admin.KDF{admin.KDFPBKDF2, admin.KDFArgon2id} {
		t.Run(kdf.String(), func(t *testing.T) {
			c := client(t, admin.Options{KDF: kdf})
			user := "alice-" + kdf.String()
			must(c.UserAdd(ctx, user, "alice-secret-123"))(t)
			info := must(c.UserInfo(ctx, user))(t)
			if info.Value.Status != "enabled" {
				t.Fatalf("status %q", info.Value.Status)
			}
			list := must(c.UserList(ctx))(t)
			if _, ok := list.Value[user]; !ok {
				t.Fatalf("%s not in list %s", user, list.Raw)
			}
			must(c.UserDisable(ctx, user))(t)
			if s := must(c.UserInfo(ctx, user))(t).Value.Status; s != "disabled" {
				t.Fatalf("after disable: %q", s)
			}
			must(c.UserEnable(ctx, user))(t)
			if s := must(c.UserInfo(ctx, user))(t).Value.Status; s != "enabled" {
				t.Fatalf("after enable: %q", s)
			}
			// The new user can sign with its own key.
			uc, err := server(t).Client(admin.Options{Credentials: admin.Credentials{AccessKey: user, SecretKey: "alice-secret-123"}})
			if err != nil {
				t.Fatal(err)
			}
			must(uc.AccountInfo(ctx, false))(t)
			must(c.UserRemove(ctx, user))(t)
			_, err = c.UserInfo(ctx, user)
			serverError(t, err, 404, "XMinioAdminNoSuchUser")
		})
	}
}

func TestUserErrors(t *testing.T) {
	c := client(t, admin.Options{})
	_, err := c.UserAdd(ctx, "", "secret123")
	var ae *admin.ArgumentError
	if !errors.As(err, &ae) || ae.Op != "user_add" || ae.Arg != "access_key" {
		t.Fatalf("empty key: %v", err)
	}
	_, err = c.UserAdd(ctx, "bob", "short")
	serverError(t, err, 400, "XMinioAdminInvalidSecretKey")
	_, err = c.UserRemove(ctx, "nobody-here")
	e := serverError(t, err, 404, "XMinioAdminNoSuchUser")
	if !strings.Contains(e.Error(), "user_remove") {
		t.Fatalf("message does not name the operation: %v", e)
	}
}

func TestGroupsAndPolicySet(t *testing.T) {
	c := client(t, admin.Options{})
	for _, u := range []string{"g-ann", "g-ben"} {
		must(c.UserAdd(ctx, u, "password-123"))(t)
	}
	must(c.GroupAdd(ctx, "devs", []string{"g-ann", "g-ben"}))(t)
	g := must(c.GroupInfo(ctx, "devs"))(t)
	if len(g.Value.Members) != 2 || g.Value.Status != "enabled" {
		t.Fatalf("group: %s", g.Raw)
	}
	if list := must(c.GroupList(ctx))(t); !contains(list.Value, "devs") {
		t.Fatalf("group list %s", list.Raw)
	}
	must(c.GroupDisable(ctx, "devs"))(t)
	if s := must(c.GroupInfo(ctx, "devs"))(t).Value.Status; s != "disabled" {
		t.Fatalf("after disable %q", s)
	}
	must(c.GroupEnable(ctx, "devs"))(t)
	must(c.PolicySet(ctx, "readonly", "devs", true))(t)
	if p := must(c.GroupInfo(ctx, "devs"))(t).Value.Policy; p != "readonly" {
		t.Fatalf("group policy %q", p)
	}
	_, err := c.GroupRemove(ctx, "devs", nil)
	serverError(t, err, 400, "XMinioAdminGroupNotEmpty")
	must(c.GroupRemove(ctx, "devs", []string{"g-ann", "g-ben"}))(t)
	if m := must(c.GroupInfo(ctx, "devs"))(t).Value.Members; len(m) != 0 {
		t.Fatalf("members left: %v", m)
	}
	must(c.GroupRemove(ctx, "devs", nil))(t)
	_, err = c.GroupInfo(ctx, "devs")
	serverError(t, err, 404, "XMinioAdminNoSuchGroup")
	_, err = c.GroupAdd(ctx, "ghosts", []string{"no-such-user"})
	serverError(t, err, 404, "XMinioAdminNoSuchUser")
	// An empty member list creates an empty group.
	must(c.GroupAdd(ctx, "empty-group", nil))(t)
	must(c.GroupRemove(ctx, "empty-group", nil))(t)
}

const devPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::dev-bucket/*"]}]}`

func TestPolicies(t *testing.T) {
	c := client(t, admin.Options{})
	must(c.PolicyAdd(ctx, "dev-policy", []byte(devPolicy)))(t)
	info := must(c.PolicyInfo(ctx, "dev-policy"))(t)
	if !strings.Contains(string(info.Raw), "dev-bucket") {
		t.Fatalf("policy info %s", info.Raw)
	}
	list := must(c.PolicyList(ctx))(t)
	if _, ok := list.Value["dev-policy"]; !ok {
		t.Fatal("policy not listed")
	}
	if _, ok := list.Value["readwrite"]; !ok {
		t.Fatal("built-in policy not listed")
	}
	must(c.UserAdd(ctx, "p-carl", "password-123"))(t)
	must(c.PolicySet(ctx, "dev-policy", "p-carl", false))(t)
	if p := must(c.UserInfo(ctx, "p-carl"))(t).Value.PolicyName; p != "dev-policy" {
		t.Fatalf("user policy %q", p)
	}
	_, err := c.PolicyRemove(ctx, "dev-policy")
	serverError(t, err, 400, "XMinioIAMPolicyInUse")

	ents := must(c.GetPolicyEntities(ctx, []string{"p-carl"}, nil, []string{"dev-policy"}))(t)
	if len(ents.Value.UserMappings) != 1 || ents.Value.UserMappings[0].User != "p-carl" ||
		len(ents.Value.PolicyMappings) != 1 || !contains(ents.Value.PolicyMappings[0].Users, "p-carl") {
		t.Fatalf("entities %s", ents.Raw)
	}
	att := must(c.AttachPolicy(ctx, []string{"readonly"}, "p-carl", ""))(t)
	if !contains(att.Value.PoliciesAttached, "readonly") {
		t.Fatalf("attach %s", att.Raw)
	}
	_, err = c.AttachPolicy(ctx, []string{"readonly"}, "p-carl", "")
	serverError(t, err, 400, "XMinioAdminPolicyChangeAlreadyApplied")
	det := must(c.DetachPolicy(ctx, []string{"readonly"}, "p-carl", ""))(t)
	if !contains(det.Value.PoliciesDetached, "readonly") {
		t.Fatalf("detach %s", det.Raw)
	}
	unset := must(c.PolicyUnset(ctx, "dev-policy", "p-carl", false))(t)
	if !contains(unset.Value.PoliciesDetached, "dev-policy") {
		t.Fatalf("unset %s", unset.Raw)
	}
	if p := must(c.UserInfo(ctx, "p-carl"))(t).Value.PolicyName; p != "" {
		t.Fatalf("policy left after unset: %q", p)
	}
	// Group variants of attach/detach.
	must(c.GroupAdd(ctx, "p-team", []string{"p-carl"}))(t)
	must(c.AttachPolicy(ctx, []string{"dev-policy"}, "", "p-team"))(t)
	if p := must(c.GroupInfo(ctx, "p-team"))(t).Value.Policy; p != "dev-policy" {
		t.Fatalf("group policy %q", p)
	}
	must(c.DetachPolicy(ctx, []string{"dev-policy"}, "", "p-team"))(t)
	must(c.PolicyRemove(ctx, "dev-policy"))(t)
	_, err = c.PolicyInfo(ctx, "dev-policy")
	serverError(t, err, 404, "XMinioAdminNoSuchPolicy")

	_, err = c.PolicyAdd(ctx, "bad", []byte(`{"Version": `))
	var ae *admin.ArgumentError
	if !errors.As(err, &ae) || ae.Arg != "policy" {
		t.Fatalf("malformed policy: %v", err)
	}
	_, err = c.PolicyAdd(ctx, "no-version", []byte(`{"Statement":[]}`))
	serverError(t, err, 400, "")
	_, err = c.AttachPolicy(ctx, []string{"readonly"}, "a", "b")
	if !errors.As(err, &ae) {
		t.Fatalf("user and group: %v", err)
	}
}

func TestServiceAccounts(t *testing.T) {
	c := client(t, admin.Options{})
	must(c.UserAdd(ctx, "sa-owner", "password-123"))(t)
	must(c.AttachPolicy(ctx, []string{"readwrite"}, "sa-owner", ""))(t)
	expiry := time.Now().Add(48 * time.Hour).Truncate(time.Second)
	sess := json.RawMessage(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::app/*"]}]}`)
	add := must(c.AddServiceAccount(ctx, admin.AddServiceAccountReq{
		AccessKey: "svc-app1", SecretKey: "svc-password123", TargetUser: "sa-owner",
		Policy: sess, Name: "app1", Description: "first app", Expiry: &expiry,
	}))(t)
	if add.Value.Credentials.AccessKey != "svc-app1" || add.Value.Credentials.SecretKey != "svc-password123" ||
		!add.Value.Credentials.Expiration.Equal(expiry) {
		t.Fatalf("add: %+v", add.Value)
	}
	got := must(c.GetServiceAccount(ctx, "svc-app1"))(t)
	if got.Value.ParentUser != "sa-owner" || got.Value.ImpliedPolicy || got.Value.Name != "app1" {
		t.Fatalf("get: %s", got.Raw)
	}
	// A description-only update keeps the session policy.
	must(c.UpdateServiceAccount(ctx, "svc-app1", admin.UpdateServiceAccountReq{Description: "updated"}))(t)
	got = must(c.GetServiceAccount(ctx, "svc-app1"))(t)
	if got.Value.Description != "updated" || got.Value.ImpliedPolicy || !strings.Contains(got.Value.Policy, "arn:aws:s3:::app/*") {
		t.Fatalf("after update: %s", got.Raw)
	}
	must(c.UpdateServiceAccount(ctx, "svc-app1", admin.UpdateServiceAccountReq{Status: "disabled"}))(t)
	if s := must(c.GetServiceAccount(ctx, "svc-app1"))(t).Value.AccountStatus; s != "off" {
		t.Fatalf("status %q", s)
	}
	// Generated keys.
	gen := must(c.AddServiceAccount(ctx, admin.AddServiceAccountReq{TargetUser: "sa-owner"}))(t)
	if len(gen.Value.Credentials.AccessKey) != 20 || len(gen.Value.Credentials.SecretKey) != 40 {
		t.Fatalf("generated: %+v", gen.Value.Credentials.AccessKey)
	}
	list := must(c.ListServiceAccount(ctx, "sa-owner"))(t)
	if len(list.Value.Accounts) != 2 {
		t.Fatalf("list: %s", list.Raw)
	}
	must(c.DeleteServiceAccount(ctx, "svc-app1"))(t)
	must(c.DeleteServiceAccount(ctx, gen.Value.Credentials.AccessKey))(t)
	_, err := c.GetServiceAccount(ctx, "svc-app1")
	serverError(t, err, 404, "")
	_, err = c.UpdateServiceAccount(ctx, "svc-none", admin.UpdateServiceAccountReq{Description: "x"})
	serverError(t, err, 404, "")
}

func TestConfig(t *testing.T) {
	c := client(t, admin.Options{})
	before := must(c.ConfigGet(ctx, "api"))(t)
	if !strings.HasPrefix(before, "api ") {
		t.Fatalf("config_get: %q", before)
	}
	kvs, err := admin.ParseKV(`stale_uploads_expiry=25h cors_allow_origin="https://a.example, https://b.example"`)
	if err != nil || len(kvs) != 2 || kvs[1].Value != "https://a.example, https://b.example" {
		t.Fatalf("ParseKV: %v %v", kvs, err)
	}
	must(c.ConfigSet(ctx, "api", kvs))(t)
	after := must(c.ConfigGet(ctx, "api"))(t)
	if !strings.Contains(after, "stale_uploads_expiry=25h") || !strings.Contains(after, `cors_allow_origin="https://a.example, https://b.example"`) {
		t.Fatalf("value not set: %q", after)
	}
	// Restoring an entry re-applies what that set wrote and drops the entry; the stored
	// config changes at once, the running one at the next restart (TestServiceRestart).
	must(c.ConfigSet(ctx, "api", []admin.KV{{"stale_uploads_expiry", "26h"}}))(t)
	entry := findHistory(t, c, "stale_uploads_expiry=26h")
	must(c.ConfigRestore(ctx, entry.RestoreID))(t)
	for _, e := range must(c.ConfigHistory(ctx, 0))(t).Value {
		if e.RestoreID == entry.RestoreID {
			t.Fatal("restored entry still listed")
		}
	}
	must(c.ConfigSet(ctx, "api", []admin.KV{{"stale_uploads_expiry", "27h"}}))(t)
	must(c.ConfigReset(ctx, "api", ""))(t)
	if strings.Contains(must(c.ConfigGet(ctx, "api"))(t), "stale_uploads_expiry=27h") {
		t.Fatal("reset kept the value")
	}
	_, err = c.ConfigGet(ctx, "nosuchsubsys")
	serverError(t, err, 400, "XMinioConfigError")
	_, err = c.ConfigRestore(ctx, "00000000-0000-0000-0000-000000000000")
	serverError(t, err, 404, "")
}

func TestBucketsQuotaAndUsage(t *testing.T) {
	c := client(t, admin.Options{})
	must(c.MakeBucket(ctx, "user-uploads"))(t)
	// The server is shared: other tests' buckets may be listed too.
	listed := func(name string) bool {
		for _, b := range must(c.ListBuckets(ctx))(t).Value {
			if b.Name == name {
				return true
			}
		}
		return false
	}
	if !listed("user-uploads") {
		t.Fatal("the new bucket is not listed")
	}
	must(c.BucketQuotaSet(ctx, "user-uploads", 1<<30))(t)
	q := must(c.BucketQuotaGet(ctx, "user-uploads"))(t)
	if q.Value.Size != 1<<30 || q.Value.QuotaType != "hard" {
		t.Fatalf("quota %s", q.Raw)
	}
	must(c.BucketQuotaClear(ctx, "user-uploads"))(t)
	if q := must(c.BucketQuotaGet(ctx, "user-uploads"))(t); q.Value.Size != 0 || q.Value.Quota != 0 {
		t.Fatalf("quota after clear %s", q.Raw)
	}
	_, err := c.BucketQuotaSet(ctx, "no-such-bucket", 10)
	serverError(t, err, 404, "NoSuchBucket")

	must(c.MakeBucket(ctx, "short-lived"))(t)
	must(c.RemoveBucket(ctx, "short-lived"))(t)
	// The listing may lag the removal on a loaded machine: wait for it, within a bound.
	for deadline := time.Now().Add(10 * time.Second); listed("short-lived"); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("removed bucket still listed after 10s")
		}
	}
	_, err = c.RemoveBucket(ctx, "short-lived")
	serverError(t, err, 404, "NoSuchBucket")

	// account_info's bucket list can lag a new bucket too (seen once in six runs, with
	// "Buckets":null): wait for it, within the same bound.
	var acct admin.Result[admin.AccountInfo]
	found := false
	for deadline := time.Now().Add(10 * time.Second); !found && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		acct = must(c.AccountInfo(ctx, true))(t)
		for _, b := range acct.Value.Buckets {
			found = found || (b.Name == "user-uploads" && b.Access.Read && b.Access.Write)
		}
	}
	if acct.Value.AccountName != testserver.RootUser || !found || len(acct.Value.Policy) == 0 {
		t.Fatalf("account info %s", acct.Raw)
	}
	du := must(c.GetDataUsageInfo(ctx))(t)
	if !json.Valid(du.Raw) {
		t.Fatalf("data usage %s", du.Raw)
	}
	_, err = c.TopLocks(ctx, admin.TopLocksOptions{})
	serverError(t, err, 426, "XMinioAdminVersionMismatch") // single node: only distributed serves it
}

func TestProfile(t *testing.T) {
	c := client(t, admin.Options{})
	data := must(c.ProfileStart(ctx, []string{"cpu", "goroutines"}, 2*time.Second))(t)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a ZIP (%d bytes): %v", len(data), err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	joined := strings.Join(names, " ")
	if !strings.Contains(joined, "cpu") || !strings.Contains(joined, "goroutines") {
		t.Fatalf("ZIP holds %v", names)
	}
}

func TestWrongCredentialsAndSkew(t *testing.T) {
	c := client(t, admin.Options{Credentials: admin.Credentials{AccessKey: testserver.RootUser, SecretKey: "not-the-secret"}})
	_, err := c.ServerInfo(ctx)
	serverError(t, err, 403, "SignatureDoesNotMatch")
	c = client(t, admin.Options{Credentials: admin.Credentials{AccessKey: "unknown-key", SecretKey: "whatever-secret"}})
	_, err = c.UserList(ctx)
	serverError(t, err, 403, "InvalidAccessKeyId")
	c = client(t, admin.Options{Now: func() time.Time { return time.Now().Add(-time.Hour) }})
	_, err = c.UserList(ctx)
	serverError(t, err, 403, "RequestTimeTooSkewed")
}

func TestServerDownAndTLSMismatch(t *testing.T) {
	port, err := testserver.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	c, err := admin.New(admin.Options{Endpoint: fmt.Sprintf("127.0.0.1:%d", port),
		Credentials: admin.Credentials{AccessKey: "a", SecretKey: "b"}, UnavailableWait: 300 * time.Millisecond, RetryBackoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.UserAdd(ctx, "someone", "password-123")
	var re *admin.RequestError
	if !errors.As(err, &re) || re.Op != "user_add" || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("server down: %v", err)
	}
	c = client(t, admin.Options{Endpoint: "https://" + server(t).Addr})
	_, err = c.ServerInfo(ctx)
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "HTTP response to HTTPS client") {
		t.Fatalf("TLS mismatch: %v", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err = client(t, admin.Options{}).UserList(cctx)
	if !errors.Is(err, context.Canceled) || !errors.As(err, &re) {
		t.Fatalf("cancelled: %v", err)
	}
}

func TestTraceRedacts(t *testing.T) {
	var buf bytes.Buffer
	c := client(t, admin.Options{Trace: &buf})
	must(c.UserAdd(ctx, "traced-user", "traced-secret-999"))(t)
	must(c.AddServiceAccount(ctx, admin.AddServiceAccountReq{TargetUser: "traced-user", AccessKey: "traced-sa", SecretKey: "traced-sa-secret-1"}))(t)
	out := buf.String()
	for _, secret := range []string{"traced-secret-999", "traced-sa-secret-1", testserver.RootPassword} {
		if strings.Contains(out, secret) {
			t.Fatalf("trace shows a secret:\n%s", out)
		}
	}
	if !strings.Contains(out, "Signature=REDACTED") || !strings.Contains(out, "PUT /minio/admin/v3/add-user?accessKey=traced-user") {
		t.Fatalf("trace lacks request lines:\n%s", out)
	}
}

func TestMiddlewareSeesWrites(t *testing.T) {
	var writes []string
	record := func(next admin.Handler) admin.Handler {
		return func(ctx context.Context, call *admin.Call) (*admin.Response, error) {
			if call.IsWrite() {
				writes = append(writes, call.Op)
				return &admin.Response{StatusCode: 200}, nil // held back, as a dry run would
			}
			return next(ctx, call)
		}
	}
	c := client(t, admin.Options{Middleware: []admin.Middleware{record}})
	must(c.UserAdd(ctx, "dry-user", "password-123"))(t)
	must(c.GroupAdd(ctx, "dry-group", []string{"dry-user"}))(t)
	if strings.Join(writes, ",") != "user_add,group_add" {
		t.Fatalf("writes %v", writes)
	}
	_, err := c.UserInfo(ctx, "dry-user")
	serverError(t, err, 404, "XMinioAdminNoSuchUser")
}

func findHistory(t *testing.T, c *admin.Client, data string) admin.ConfigHistoryEntry {
	t.Helper()
	hist := must(c.ConfigHistory(ctx, 0))(t)
	for _, e := range hist.Value {
		if strings.Contains(e.Data, data) {
			return e
		}
	}
	t.Fatalf("history lacks %q: %s", data, hist.Raw)
	return admin.ConfigHistoryEntry{}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// waitFor polls ok until it holds, failing t after a minute.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func TestImportRefusesAZipTheServerWouldIgnore(t *testing.T) {
	c := client(t, admin.Options{})
	good := must((&admin.IAMSnapshot{Users: map[string]admin.IAMUser{"zip-user": {SecretKey: "zip-secret-1", Status: "enabled"}}}).Zip())(t)
	res := must(c.ImportIAM(ctx, good))(t)
	if strings.Join(res.Value.Added.Users, ",") != "zip-user" {
		t.Fatalf("import: %s", res.Raw)
	}
	if _, err := c.ImportIAM(ctx, []byte("not a zip")); err == nil {
		t.Fatal("a non-zip was sent")
	}
	empty := must((&admin.IAMSnapshot{}).Zip())(t)
	var ae *admin.ArgumentError
	if _, err := c.ImportIAM(ctx, empty); !errors.As(err, &ae) {
		t.Fatalf("a zip without iam-assets entries: %v", err)
	}
}
