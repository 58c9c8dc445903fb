package bindings

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A Lua state file's bucket settings decode into the same fields as JSON and YAML.
func TestLuaStateBucketSettings(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.lua")
	src := `return { buckets = {
	  logs = { quota = 2^30, versioning = "enabled", object_lock = true, encryption = "sse-s3",
	           tags = { team = "a" }, policy = { Version = "2012-10-17", Statement = { { Effect = "Allow",
	             Principal = "*", Action = { "s3:GetObject" }, Resource = { "arn:aws:s3:::logs/*" } } } },
	           lifecycle = { { id = "expire", prefix = "tmp/", expiration = { days = 30 } } } },
	  bare = { tags = {}, lifecycle = {}, policy = {} },
	}, ldap = { users = { ["uid=alice,dc=example,dc=org"] = { policies = { "readonly" } } },
	            groups = { ["cn=devs,dc=example,dc=org"] = { policies = {} } } },
	  kms_keys = { "k1", "k2" } }`
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := LoadStateLua(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	b := st.Buckets["logs"]
	if *b.Quota != 1<<30 || b.Versioning != "enabled" || !*b.ObjectLock || b.Encryption != "sse-s3" || b.Tags["team"] != "a" ||
		len(b.Lifecycle) != 1 || b.Lifecycle[0].Expiration.Days != 30 || !strings.Contains(string(b.Policy), "s3:GetObject") {
		t.Fatalf("logs: %+v", b)
	}
	if l := st.LDAP; l == nil || l.Users["uid=alice,dc=example,dc=org"].Policies[0] != "readonly" ||
		l.Groups["cn=devs,dc=example,dc=org"].Policies == nil {
		t.Fatalf("ldap: %+v", l)
	}
	if len(st.KMSKeys) != 2 {
		t.Fatalf("kms_keys: %v", st.KMSKeys)
	}
	bare := st.Buckets["bare"]
	if bare.Tags == nil || len(bare.Tags) != 0 || bare.Lifecycle == nil || len(bare.Lifecycle) != 0 || string(bare.Policy) != "{}" {
		t.Fatalf("bare: %+v", bare)
	}
	for _, bad := range []struct{ src, msg string }{
		{`return { buckets = { b = { versioning = {} , colour = 1 } } }`, "unknown field 'buckets.b.colour'"},
		{`return { buckets = { b = { lifecycle = { { id = 1 } } } } }`, "field 'buckets.b.lifecycle[1].id': string expected"},
		{`return { buckets = { b = { object_lock = "yes" } } }`, "object_lock"},
		{`return { ldap = { users = { x = { policy = "readonly" } } } }`, "unknown field 'ldap.users.x.policy'"},
	} {
		if err := os.WriteFile(path, []byte(bad.src), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadStateLua(context.Background(), path); err == nil || !strings.Contains(err.Error(), bad.msg) {
			t.Errorf("%s: %v, want %q", bad.src, err, bad.msg)
		}
	}
}

// A Lua state file's config section: text, numbers, booleans and secret references.
func TestLuaStateConfig(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.lua")
	t.Setenv("HOOK_TOKEN", "secret-from-env")
	src := `return { config = {
	  ["notify_webhook:primary"] = { endpoint = "http://127.0.0.1:9/h", auth_token = { env = "HOOK_TOKEN" } },
	  scanner = { speed = "slow" }, api = { requests_max = 1000, odirect = true } } }`
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := LoadStateLua(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	c := st.Config
	if c["notify_webhook:primary"]["auth_token"] != "secret-from-env" || c["scanner"]["speed"] != "slow" ||
		c["api"]["requests_max"] != "1000" || c["api"]["odirect"] != "on" {
		t.Fatalf("config: %v", c)
	}
	if err := os.WriteFile(path, []byte(`return { config = { api = { x = { env = "NOPE_UNSET_VAR" } } } }`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadStateLua(context.Background(), path); err == nil || !strings.Contains(err.Error(), "config.api.x") {
		t.Fatalf("unset reference: %v", err)
	}
}
