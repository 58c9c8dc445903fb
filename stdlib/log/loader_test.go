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
