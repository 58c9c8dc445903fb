package log

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

func runLog(t *testing.T, code string) string {
	t.Helper()
	var out bytes.Buffer
	lg := New(&out)
	lg.now = func() time.Time { return time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC) }
	L := lua.NewState()
	defer L.Close()
	L.PreloadModule("log", lg.Loader)
	if err := L.DoString(`local log = require("log")` + "\n" + code); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func TestTextFieldsAndRedaction(t *testing.T) {
	got := runLog(t, `log.info("onboarded", {user = "ann", secret_key = "s3cr3t", Password = "pw", session_token = "tok-value-9"})`)
	want := `2030-01-02T03:04:05Z INFO  onboarded Password="REDACTED" secret_key="REDACTED" session_token="REDACTED" user="ann"` + "\n"
	if got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	for _, secret := range []string{"s3cr3t", "pw\"", "tok-value-9"} {
		if strings.Contains(got, secret) {
			t.Fatalf("log shows %q", secret)
		}
	}
}

func TestFormatLevelAndJSON(t *testing.T) {
	got := runLog(t, `
log.debug("hidden at the default level")
log.warn("%d of %d failed", 2, 5)
log.level("debug")
log.debug("shown")
log.format("json")
log.error("bad", {user = "ben", token = "t"})
`)
	lines := strings.Split(strings.TrimSpace(got), "\n")
	if len(lines) != 3 || lines[0] != "2030-01-02T03:04:05Z WARN  2 of 5 failed" || !strings.HasSuffix(lines[1], "DEBUG shown") {
		t.Fatalf("lines: %q", lines)
	}
	var rec map[string]string
	if err := json.Unmarshal([]byte(lines[2]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec["level"] != "error" || rec["msg"] != "bad" || rec["user"] != "ben" || rec["token"] != "REDACTED" {
		t.Fatalf("json record: %v", rec)
	}
}

func TestBadArguments(t *testing.T) {
	L := lua.NewState()
	defer L.Close()
	L.PreloadModule("log", New(&bytes.Buffer{}).Loader)
	for _, code := range []string{`require("log").level("loud")`, `require("log").format("xml")`} {
		if err := L.DoString(code); err == nil {
			t.Fatalf("%s accepted", code)
		}
	}
}

func TestGoLinesWithTags(t *testing.T) {
	var out bytes.Buffer
	lg := New(&out)
	lg.now = func() time.Time { return time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC) }
	job := lg.With(Field{"job", "rotate"}, Field{"run_id", "ab12"})
	job.Log("info", "run summary", Field{"writes_sent", 3}, Field{"time", "not the timestamp"})
	lg.SetJSON(true)
	lg.Log("warn", "json now", Field{"n", 2})
	job.Log("debug", "below the level")
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	want := `2030-01-02T03:04:05Z INFO  run summary job="rotate" run_id="ab12" writes_sent=3 field.time="not the timestamp"`
	if len(lines) != 2 || lines[0] != want || lines[1] != `{"time":"2030-01-02T03:04:05.000Z","level":"warn","msg":"json now","n":2}` {
		t.Fatalf("lines: %q", lines)
	}
}

// Issue 19, item 4: the common secret names are redacted (one rule, redact.Name), a
// newline in a text-form message cannot forge a second line, and no line shows a URL's
// password (item 3).
func TestRedactionNamesForgedLinesAndURLs(t *testing.T) {
	fields := `{pwd = "v-pwd", pass = "v-pass", passphrase = "v-phrase", api_key = "v-api", apikey = "v-apikey",
		private_key = "v-private", credentials = "v-cred", authorization = "v-auth", apiKey = "v-camel", user = "ann"}`
	for _, format := range []string{"text", "json"} {
		got := runLog(t, `log.format("`+format+`")
log.info("imported", `+fields+`)
log.warn("done\n2030-01-02T03:04:05Z ERROR forged\r\27[2J")
log.info("mirror http://mirroruser:MIRRORPASS123@127.0.0.1:19399/", {url = "https://u:MIRRORPASS123@h/x"})
log.info("%s", "http://u:MIRRORPASS123@h")`)
		for _, secret := range []string{"v-pwd", "v-pass", "v-phrase", "v-api", "v-apikey", "v-private", "v-cred", "v-auth", "v-camel", "MIRRORPASS123"} {
			if strings.Contains(got, secret) {
				t.Errorf("%s: log shows %q:\n%s", format, secret, got)
			}
		}
		lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		if len(lines) != 4 || strings.Contains(got, "\r") || strings.Contains(got, "\x1b") || !strings.Contains(got, "ann") ||
			!strings.Contains(got, "mirroruser:***@127.0.0.1:19399") {
			t.Errorf("%s: want four lines, no control characters:\n%q", format, got)
		}
		if format == "text" && !strings.Contains(lines[1], `done\n2030-01-02T03:04:05Z ERROR forged\r\x1b[2J`) {
			t.Errorf("text: the message's newline is not escaped: %q", lines[1])
		}
	}
}
