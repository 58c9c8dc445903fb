package redact

import (
	"net/url"
	"strings"
	"testing"
)

// Issue 19, item 4: one secret-name rule; the common names all count.
func TestName(t *testing.T) {
	for _, n := range []string{"secret_key", "secretKey", "SecretKey", "password", "new_password", "pwd", "db_pwd",
		"pass", "db_pass", "pass_hash", "passphrase", "api_key", "apikey", "apiKey", "X-Api-Key", "private_key",
		"privateKey", "credentials", "credential", "authorization", "Authorization", "session_token", "sessionToken",
		"MINIO_ROOT_PASSWORD", "token"} {
		if !Name(n) {
			t.Errorf("%q is a secret name", n)
		}
	}
	for _, n := range []string{"user", "access_key", "accessKey", "passed", "bypass", "compass", "passes", "status",
		"group", "bucket", "key", "name", "policy", "keys_total", "duration_s"} {
		if Name(n) {
			t.Errorf("%q is not a secret name", n)
		}
	}
}

// Issue 19, item 3: a URL's password is masked, plain and percent-encoded.
func TestURLs(t *testing.T) {
	const pass = "MIRRORPASS123"
	raw := "http://mirroruser:" + pass + "@127.0.0.1:19399/path?x=1"
	for _, in := range []string{
		raw,
		`Post "http://127.0.0.1:1/minio/admin/v3/update?updateURL=` + url.QueryEscape(raw) + `": connection refused`,
		"/minio/admin/v3/update?" + url.Values{"updateURL": {raw}}.Encode() + "&x=y",
		"https://u:" + pass + "@h/ and ftp://a:" + pass + "@b",
		"http://u:p@ss" + pass + "@host/",
		"http://u:" + url.QueryEscape(pass+"@x") + "@host/",
		"mirror " + strings.ToLower(url.QueryEscape(raw)),
	} {
		out := URLs(in)
		if strings.Contains(strings.ToUpper(out), pass) || !strings.Contains(out, "***") {
			t.Errorf("%q -> %q", in, out)
		}
	}
	if out := URLs(raw); out != "http://mirroruser:***@127.0.0.1:19399/path?x=1" {
		t.Errorf("plain: %q", out)
	}
	if u, err := url.Parse(URLs(raw)); err != nil || u.Host != "127.0.0.1:19399" || u.User.Username() != "mirroruser" {
		t.Errorf("the masked URL stays a URL: %v %v", u, err)
	}
	for _, keep := range []string{"http://127.0.0.1:9000/", "user@host", "a: b@c", "http://user@host/", "see http://h/x?a=b:c@d"} {
		if out := URLs(keep); out != keep {
			t.Errorf("%q changed to %q", keep, out)
		}
	}
}
