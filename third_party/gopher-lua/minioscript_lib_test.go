package lua

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// package.loadlib fails as Lua built without dynamic libraries; require's C searchers
// report the files they tried and refuse one they find (no C module can be loaded).
func TestPackageWithoutCModules(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "native.so"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	got := runLua(t, `
		out(package.loadlib("x.so", "luaopen_x"))
		out(package.loaded.package == package, #package.loaders, type(package.cpath))
		package.cpath = "`+dir+`/?.so"
		out(pcall(require, "native"))
		out(pcall(require, "native.sub"))
		package.cpath = "`+dir+`/?.none"
		local ok, msg = pcall(require, "missing")
		out(msg:find("`+dir+`/missing.none", 1, true) ~= nil)
	`)
	want := "nil dynamic libraries not enabled; minioscript cannot load C modules absent\n" +
		"true 4 string\n" +
		"false error loading module 'native' from file '" + dir + "/native.so':\n\tdynamic libraries not enabled; minioscript cannot load C modules\n" +
		"false error loading module 'native.sub' from file '" + dir + "/native.so':\n\tdynamic libraries not enabled; minioscript cannot load C modules\n" +
		"true\n"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if !strings.Contains(LuaPathDefault, "/usr/share/lua/5.1/?/init.lua") {
		t.Fatalf("default path %q lacks Debian's folders", LuaPathDefault)
	}
}

// BenchmarkLoopWithoutHook measures the main loop with no debug hook set, the case the
// per-instruction hook check must not slow down.
func BenchmarkLoopWithoutHook(b *testing.B) {
	L := NewState()
	defer L.Close()
	fn, err := L.LoadString(`local s = 0 for i = 1, 100000 do s = s + i % 7 end return s`)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		L.Push(fn)
		L.Call(0, 0)
	}
}
