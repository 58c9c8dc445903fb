package admin

import (
	"strings"
	"testing"
)

// Plain bodies are traced, but never the value of a field named like a secret.
func TestTraceBodyRedactsSecretFields(t *testing.T) {
	body := `{"env":{"MINIO_ROOT_PASSWORD":"root-pw-value","MINIO_ROOT_USER":"admin"},"secretKey" : "sk\"value","sessionToken":"tok-value","Name":"keep-me"}`
	got := traceBody("< ", []byte(body), false)
	for _, secret := range []string{"root-pw-value", "sk", "tok-value"} {
		if strings.Contains(got, `"`+secret) {
			t.Errorf("%q shown: %s", secret, got)
		}
	}
	for _, kept := range []string{`"MINIO_ROOT_USER":"admin"`, `"Name":"keep-me"`, `"MINIO_ROOT_PASSWORD":"REDACTED"`} {
		if !strings.Contains(got, kept) {
			t.Errorf("%s missing: %s", kept, got)
		}
	}
}
