package lfs_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/files"
	"github.com/minioscript/minioscript/runtime"
	"github.com/minioscript/minioscript/runtime/luatest"
)

// The module's Lua tests run in a VM without a server.
func TestLua(t *testing.T) { luatest.Files(t, "testdata/*.lua") }

// TestSandbox: under a sandbox lfs reaches only the allowed folders, as io does, and
// chdir (process-wide) is refused.
func TestSandbox(t *testing.T) {
	allowed, outside := t.TempDir(), t.TempDir()
	fsys, err := files.Sandbox([]string{allowed})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "secret"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	vm, err := runtime.New(context.Background(), runtime.Options{Script: "sandbox", Files: fsys})
	if err != nil {
		t.Fatal(err)
	}
	defer vm.Close()
	code := `local lfs = require("lfs")
		assert(lfs.mkdir(ALLOWED .. "/d"))
		assert(lfs.attributes(ALLOWED .. "/d", "mode") == "directory")
		assert(lfs.rmdir(ALLOWED .. "/d"))
		for _, f in ipairs({lfs.attributes, lfs.symlinkattributes, lfs.mkdir, lfs.rmdir, lfs.touch}) do
			local ok, msg = f(OUTSIDE .. "/secret")
			assert(ok == nil and msg:find("outside the folders allowed", 1, true), msg)
		end
		assert(not lfs.link(OUTSIDE .. "/secret", ALLOWED .. "/hard"))
		assert(not lfs.link(ALLOWED .. "/x", OUTSIDE .. "/soft", true))
		assert(not pcall(lfs.dir, OUTSIDE))
		local ok, msg = lfs.chdir(ALLOWED)
		assert(ok == nil and msg:find("sandbox"), msg)`
	code = strings.NewReplacer("ALLOWED", `"`+allowed+`"`, "OUTSIDE", `"`+outside+`"`).Replace(code)
	if err := vm.L.DoString(code); err != nil {
		t.Fatal(err)
	}
}
