package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7/pkg/lifecycle"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
	"github.com/minioscript/minioscript/cmd/minioscript/internal/cli"
)

// buildDeployment makes, with plain admin calls (not the state engine), a deployment
// holding one of each thing an export writes.
func buildDeployment(t *testing.T, c *admin.Client) {
	t.Helper()
	ctx := context.Background()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(_ string, err error) error { return err }
	// Arrays out of order: the export writes the server's documents in one canonical form.
	must("policy", text(c.PolicyAdd(ctx, "p-read", []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
		"Action":["s3:ListBucket","s3:GetObject"],"Resource":["arn:aws:s3:::b-quota/*","arn:aws:s3:::b-quota"]}]}`))))
	must("policy", text(c.PolicyAdd(ctx, "p-cond", []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
		"Action":["s3:PutObject"],"Resource":["arn:aws:s3:::b-plain/*"],"Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/8"]}}}]}`))))
	for _, u := range []string{"alice", "bob", "carol"} {
		must("user", text(c.UserAdd(ctx, u, u+"-secret-123")))
	}
	must("disable", text(c.UserDisable(ctx, "bob")))
	_, err := c.AttachPolicy(ctx, []string{"p-read", "readonly"}, "alice", "")
	must("attach", err)
	must("group", text(c.GroupAdd(ctx, "devs", []string{"alice", "carol"})))
	must("group", text(c.GroupAdd(ctx, "ops", []string{"bob"})))
	must("map", text(c.PolicySet(ctx, "p-cond", "devs", true)))
	must("map", text(c.PolicySet(ctx, "readwrite", "ops", true)))
	must("disable", text(c.GroupDisable(ctx, "ops")))
	_, err = c.AddServiceAccount(ctx, admin.AddServiceAccountReq{AccessKey: "svc-plain", SecretKey: "svc-plain-secret", TargetUser: "alice"})
	must("sa", err)
	_, err = c.AddServiceAccount(ctx, admin.AddServiceAccountReq{AccessKey: "svc-sess", SecretKey: "svc-sess-secret", TargetUser: "alice",
		Name: "reader", Description: "reads b-quota", Policy: json.RawMessage(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b-quota/*"]}]}`)})
	must("sa", err)
	exp := time.Now().Add(90 * 24 * time.Hour).UTC().Truncate(time.Second)
	_, err = c.AddServiceAccount(ctx, admin.AddServiceAccountReq{AccessKey: "svc-exp", SecretKey: "svc-exp-secret", TargetUser: "carol", Expiry: &exp})
	must("sa", err)
	must("sa off", text(c.UpdateServiceAccount(ctx, "svc-exp", admin.UpdateServiceAccountReq{Status: "off"})))

	for _, b := range []string{"b-plain", "b-quota", "b-pol", "b-enc", "b-kms"} {
		must("bucket", text(c.MakeBucket(ctx, b)))
	}
	must("lock bucket", c.MakeBucketWithLock(ctx, "b-lock"))
	must("quota", text(c.BucketQuotaSet(ctx, "b-quota", 1<<30)))
	must("versioning", c.SetBucketVersioning(ctx, "b-quota", "Enabled"))
	must("versioning", c.SetBucketVersioning(ctx, "b-pol", "Suspended"))
	must("tags", c.SetBucketTags(ctx, "b-quota", map[string]string{"team": "ops", "env": "prod"}))
	lc := lifecycle.NewConfiguration()
	lc.Rules = []lifecycle.Rule{
		{ID: "logs", Status: "Enabled", RuleFilter: lifecycle.Filter{Prefix: "logs/"}, Expiration: lifecycle.Expiration{Days: 30}},
		// No ID: the server makes one up, which the export carries over.
		{Status: "Disabled", NoncurrentVersionExpiration: lifecycle.NoncurrentVersionExpiration{NoncurrentDays: 7, NewerNoncurrentVersions: 2}},
	}
	must("lifecycle", c.SetBucketLifecycle(ctx, "b-quota", lc))
	must("bucket policy", c.SetBucketPolicy(ctx, "b-pol", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",
		"Action":["s3:ListBucket","s3:GetBucketLocation"],"Resource":["arn:aws:s3:::b-pol"]},
		{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b-pol/*"]}]}`))
	must("sse-s3", c.SetBucketEncryption(ctx, "b-enc", ""))
	must("sse-kms", c.SetBucketEncryption(ctx, "b-kms", "st-key"))
}

// The round trip: deployment A (over TLS, built with plain calls) is exported
// with its secrets, applied to an empty B (plain HTTP), and B's export (read object by
// object, no secrets) equals A's field for field; a plan of A's export against B shows
// nothing to do, the secrets made it across, and every format reads back the same.
func TestExportRoundTrip(t *testing.T) {
	certs := t.TempDir()
	caFile, err := testserver.SelfSigned(certs)
	if err != nil {
		t.Fatal(err)
	}
	a := testserver.ForTest(t, testserver.Config{CertsDir: certs, Env: testserver.StaticKMSEnv("st-key")})
	b := testserver.ForTest(t, testserver.Config{Env: testserver.StaticKMSEnv("st-key")})
	buildDeployment(t, a.ClientForTest(t, admin.Options{CAFile: caFile}))

	creds := []string{"MINIO_ROOT_USER=" + testserver.RootUser, "MINIO_ROOT_PASSWORD=" + testserver.RootPassword, "NO_COLOR=1"}
	envA := append([]string{"MINIO_ENDPOINT=" + a.URL(), "SSL_CERT_FILE=" + caFile}, creds...)
	envB := append([]string{"MINIO_ENDPOINT=" + b.URL()}, creds...)
	dir := t.TempDir()
	file := func(name string) string { return filepath.Join(dir, name) }
	secrets := file("secrets.json")

	for _, name := range []string{"a.yaml", "a.json", "a.lua"} {
		if r := run(t, envA, "", "export", "-o", file(name), "--secrets", secrets); r.code != 0 {
			t.Fatalf("export %s: %+v", name, r)
		}
	}
	if r := run(t, envA, "", "export", "-o", file("a-nosecrets.yaml")); r.code != 0 {
		t.Fatalf("export without secrets: %+v", r)
	}
	if fi, err := os.Stat(secrets); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("secrets file: %v %v", fi.Mode(), err)
	}
	secretData, _ := os.ReadFile(secrets)
	var secretMap map[string]string
	if err := json.Unmarshal(secretData, &secretMap); err != nil || secretMap["users.alice"] != "alice-secret-123" ||
		secretMap["service_accounts.svc-sess"] != "svc-sess-secret" || len(secretMap) != 6 {
		t.Fatalf("secrets file: %v %s", err, secretData)
	}
	stateA := readFile(t, file("a.yaml"))
	for _, name := range []string{"a.yaml", "a.json", "a.lua", "a-nosecrets.yaml"} {
		text := readFile(t, file(name))
		if strings.Contains(text, "-secret") {
			t.Fatalf("%s holds a secret:\n%s", name, text)
		}
	}
	for _, want := range []string{"p-read:", "consoleAdmin", "status: disabled", "svc-sess:", "encryption: sse-kms:st-key",
		"object_lock: true", "versioning: suspended", "kms_keys:", "- st-key", "quota: 1073741824", "expiry: "} {
		if (want == "consoleAdmin") == strings.Contains(stateA, want) {
			t.Errorf("export of A: %q present: %v\n%s", want, !strings.Contains(stateA, want), stateA)
		}
	}
	if strings.Contains(stateA, testserver.RootUser+":") {
		t.Errorf("the root user is exported:\n%s", stateA)
	}
	// The three formats decode to the same state.
	var first string
	for _, name := range []string{"a.yaml", "a.json", "a.lua"} {
		st, err := cli.LoadState(context.Background(), file(name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if st.Users["alice"].SecretKey != "alice-secret-123" {
			t.Fatalf("%s: secret reference not resolved: %+v", name, st.Users["alice"])
		}
		canonical := func(raw json.RawMessage) json.RawMessage {
			var v any
			_ = json.Unmarshal(raw, &v)
			out, _ := json.Marshal(v)
			return out
		}
		for k, p := range st.Policies {
			st.Policies[k] = canonical(p)
		}
		for k, s := range st.ServiceAccounts {
			if s.Policy != nil {
				s.Policy = canonical(s.Policy)
				st.ServiceAccounts[k] = s
			}
		}
		for k, bk := range st.Buckets {
			bk.Policy = canonical(bk.Policy)
			st.Buckets[k] = bk
		}
		j, _ := json.Marshal(st)
		if first == "" {
			first = string(j)
		} else if string(j) != first {
			t.Fatalf("%s decodes differently:\n%s\n%s", name, j, first)
		}
	}

	if r := run(t, envB, "", "apply", file("a.lua"), "--yes"); r.code != 0 || !strings.Contains(r.stdout, " 0 failed") {
		t.Fatalf("apply A's export to B: %+v", r)
	}
	r := run(t, envB, "", "export", "-o", file("b.yaml"))
	if r.code != 0 {
		t.Fatalf("export B: %+v", r)
	}
	if got, want := readFile(t, file("b.yaml")), readFile(t, file("a-nosecrets.yaml")); got != want {
		t.Fatalf("export of B differs from A's:\n--- B\n%s\n--- A\n%s", got, want)
	}
	for _, name := range []string{"a.yaml", "a.json", "a.lua"} {
		if r := run(t, envB, "", "plan", "--prune", file(name)); r.code != 0 || !strings.Contains(r.stdout, "0 to create, 0 to update, 0 to delete") {
			t.Fatalf("plan of %s against B: %+v", name, r)
		}
	}
	// The secrets came across: B's user and service account sign with A's secrets.
	for key, secret := range map[string]string{"alice": secretMap["users.alice"], "svc-sess": secretMap["service_accounts.svc-sess"]} {
		c := b.ClientForTest(t, admin.Options{Credentials: admin.Credentials{AccessKey: key, SecretKey: secret}})
		if _, err := c.AccountInfo(context.Background(), false); err != nil {
			t.Fatalf("%s on B with A's secret: %v", key, err)
		}
	}
	// From Lua: the exported table plans to nothing, and secrets need TLS.
	r = run(t, envB, "", "-e", `local r = admin:plan(admin:export(), {prune = true}) print(r.created, r.updated, r.deleted)
local ok, err = pcall(function() return admin:export{secrets = true} end) print(ok, tostring(err):match("TLS") ~= nil)`)
	if r.code != 0 || r.stdout != "0\t0\t0\nfalse\ttrue\n" {
		t.Fatalf("admin:export: %+v", r)
	}
	if r := run(t, envB, "", "export", "--secrets", file("b-secrets.json")); r.code == 0 || !strings.Contains(r.stderr, "TLS") {
		t.Fatalf("--secrets over plain HTTP: %+v", r)
	}
	if _, err := os.Stat(file("b-secrets.json")); err == nil {
		t.Fatal("a secrets file was written over plain HTTP")
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
