package admin

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Fuzz targets for what a server (or whatever answers in its place) hands the client.
// Seeds are in testdata/fuzz; scripts/test.sh runs each target for a bounded time.

const fuzzPassword = "fuzz-secret-key"

// FuzzDecryptPayload: any bytes as a sealed answer either open (never longer than
// the input) or fail with ErrPayload; nothing panics.
func FuzzDecryptPayload(f *testing.F) {
	// PBKDF2 seeds only: an Argon2id derivation costs 64 MiB and a second on a busy
	// machine, which would leave no time to fuzz (TestPayloadVectors covers those ids).
	salt, nonce := make([]byte, 32), make([]byte, 8)
	for _, plain := range []string{"", `{"a":1}`, strings.Repeat("x", payloadChunkSize+1)} {
		sealed, err := encryptPayload(fuzzPassword, []byte(plain), algPBKDF2AESGCM, salt, nonce, nil)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(sealed)
		f.Add(sealed[:len(sealed)-1])
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := DecryptPayload(fuzzPassword, data)
		if err != nil {
			if !errors.Is(err, ErrPayload) {
				t.Fatalf("error does not wrap ErrPayload: %v", err)
			}
			return
		}
		if len(out) > len(data) {
			t.Fatalf("%d bytes opened from %d", len(out), len(data))
		}
	})
}

// FuzzErrorBody: any error answer gives an error whose message is one bounded line of
// valid UTF-8, whatever the body holds.
func FuzzErrorBody(f *testing.F) {
	f.Add(400, []byte(`{"Code":"XMinioAdminNoSuchUser","Message":"The specified user does not exist.","RequestId":"1"}`))
	f.Add(403, []byte(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied.</Message><Resource>/</Resource></Error>`))
	f.Add(502, []byte("<html>bad gateway</html>"))
	f.Add(500, []byte("{\"Code\":\"X\",\"Message\":\"line one\\nline two\\r\\n\\u001b[31m\"}"))
	f.Add(500, []byte("\xff\xfe{\"Code\":1}"))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		e := &Error{Op: "op", StatusCode: status, Body: body, Truncated: len(body) > 100}
		e.parseErrorBody()
		msg := e.Error()
		if !utf8.ValidString(msg) || len(msg) > 1000 {
			t.Fatalf("message of %d bytes, valid UTF-8 %v", len(msg), utf8.ValidString(msg))
		}
		for _, r := range msg {
			if unicode.IsControl(r) {
				t.Fatalf("control character %q in %q", r, msg)
			}
		}
	})
}

// FuzzParseKV: config text either parses into settings that format and parse back to
// the same settings, or is refused; nothing panics.
func FuzzParseKV(f *testing.F) {
	for _, s := range []string{`a=1  b="two words" c=`, `region name=us-east-1`, `k="`, `=x`, "a=b\tc=\"d e\"", `a=b"c`, `a="" b=`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		kvs, err := ParseKV(s)
		if err != nil {
			return
		}
		parts := make([]string, len(kvs))
		for i, kv := range kvs {
			if kv.Key == "" {
				t.Fatalf("empty key from %q", s)
			}
			parts[i] = formatKV(kv)
		}
		again, err := ParseKV(strings.Join(parts, " "))
		if err != nil || len(again) != len(kvs) {
			t.Fatalf("%q -> %q: %v %v", s, parts, again, err)
		}
		for i := range kvs {
			if again[i] != kvs[i] {
				t.Fatalf("%q: %v became %v", s, kvs[i], again[i])
			}
		}
	})
}
