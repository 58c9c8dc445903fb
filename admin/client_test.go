package admin

import (
	"strings"
	"testing"
)

func TestCredentialsFromEnv(t *testing.T) {
	for _, k := range []string{"MINIO_ACCESS_KEY", "MINIO_SECRET_KEY", "MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD", "MINIO_SESSION_TOKEN"} {
		t.Setenv(k, "")
	}
	if _, err := CredentialsFromEnv(); err == nil {
		t.Fatal("no credentials accepted")
	}
	t.Setenv("MINIO_ROOT_USER", "root")
	t.Setenv("MINIO_ROOT_PASSWORD", "root-secret")
	if c, err := CredentialsFromEnv(); err != nil || c.AccessKey != "root" || c.SecretKey != "root-secret" {
		t.Fatalf("root fallback: %v %v", c, err)
	}
	t.Setenv("MINIO_ACCESS_KEY", "ak")
	t.Setenv("MINIO_SECRET_KEY", "sk")
	t.Setenv("MINIO_SESSION_TOKEN", "tok")
	c, err := CredentialsFromEnv()
	if err != nil || c.AccessKey != "ak" || c.SecretKey != "sk" || c.SessionToken != "tok" {
		t.Fatalf("access key first: %v %v", c, err)
	}
	if s := c.String(); strings.Contains(s, "sk") || strings.Contains(s, "tok") {
		t.Fatalf("String shows a secret: %s", s)
	}
}

func TestParseEndpoint(t *testing.T) {
	for in, want := range map[string]string{
		"localhost:9000":         "http://localhost:9000",
		"http://127.0.0.1:9000":  "http://127.0.0.1:9000",
		"https://minio.example/": "https://minio.example",
	} {
		u, err := parseEndpoint(in, false)
		if err != nil || u.String() != want {
			t.Fatalf("%s: %v %v", in, u, err)
		}
	}
	if u, _ := parseEndpoint("localhost:9000", true); u.Scheme != "https" {
		t.Fatal("secure host:port is not https")
	}
	for _, bad := range []string{"", "ftp://x", "http://host/path", "http://"} {
		if _, err := parseEndpoint(bad, false); err == nil {
			t.Fatalf("%q accepted", bad)
		}
	}
}

func TestParseKV(t *testing.T) {
	kvs, err := ParseKV(`a=1  b="two words" c=`)
	if err != nil || len(kvs) != 3 || kvs[1] != (KV{"b", "two words"}) || kvs[2] != (KV{"c", ""}) {
		t.Fatalf("%v %v", kvs, err)
	}
	for _, bad := range []string{`a`, `=x`, `a="open`} {
		_, err := ParseKV(bad)
		if err == nil {
			t.Fatalf("%q accepted", bad)
		}
		if strings.Contains(err.Error(), "open") {
			t.Fatalf("error echoes the value: %v", err)
		}
	}
	if got := formatKV(KV{"k", "has space"}); got != `k="has space"` {
		t.Fatal(got)
	}
}
