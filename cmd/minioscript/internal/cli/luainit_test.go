package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// As lua.c: LUA_INIT runs before the script (code, or @file), not under --sandbox, and
// arg[-n..-1] hold the program and the words before the script.
func TestLuaInitAndNegativeArgs(t *testing.T) {
	p := writeScript(t, "print(INITED, arg[-3] == nil, arg[-2], arg[-1], arg[0] ~= nil, arg[1])\n")
	r := run(t, []string{`LUA_INIT=INITED = "code"`}, "", "--log-format", "text", p, "x")
	if r.code != 0 || r.stdout != "code\tfalse\t--log-format\ttext\ttrue\tx\n" {
		t.Fatalf("code: %+v", r)
	}
	init := filepath.Join(t.TempDir(), "init.lua")
	if err := os.WriteFile(init, []byte(`INITED = "file"`), 0o644); err != nil {
		t.Fatal(err)
	}
	r = run(t, []string{"LUA_INIT=@" + init}, "", p)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "file\ttrue\tnil\t") {
		t.Fatalf("@file: %+v", r)
	}
	r = run(t, []string{"LUA_INIT=@" + init}, "", "--sandbox", p)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "nil\t") {
		t.Fatalf("sandbox runs LUA_INIT: %+v", r)
	}
	r = run(t, []string{`LUA_INIT=error("boom")`}, "", p)
	if r.code == 0 || r.stdout != "" || !strings.Contains(r.stderr, "LUA_INIT:1: boom") {
		t.Fatalf("failing LUA_INIT: %+v", r)
	}
}
