package runtime

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/minioscript/minioscript/bindings"
	"github.com/minioscript/minioscript/files"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// Each escape from --sandbox is tried from Lua, and each must be closed; the same
// operations inside the allowed folder still work.
func TestSandboxClosesEveryEscape(t *testing.T) {
	base := t.TempDir()
	allowed, outside := filepath.Join(base, "allowed"), filepath.Join(base, "outside")
	os.MkdirAll(allowed, 0o700)
	os.MkdirAll(filepath.Join(outside, ".mc"), 0o700)
	for name, body := range map[string]string{
		"secret":          "top secret\n",
		"mod.lua":         "return 'loaded from disk'",
		"data.csv":        "a,b\n1,2\n",
		"ca.pem":          "not a certificate",
		".mc/config.json": `{"version":"10","aliases":{"x":{"url":"http://127.0.0.1:9","accessKey":"k","secretKey":"s"}}}`,
	} {
		os.WriteFile(filepath.Join(outside, name), []byte(body), 0o600)
	}
	os.WriteFile(filepath.Join(allowed, "in.csv"), []byte("a,b\n1,2\n"), 0o600)
	os.Symlink(outside, filepath.Join(allowed, "out"))
	os.Symlink(filepath.Join(outside, "secret"), filepath.Join(allowed, "secret-link"))
	os.Symlink(filepath.Join(outside, "created"), filepath.Join(allowed, "dangling"))
	t.Setenv("MC_CONFIG_DIR", filepath.Join(outside, ".mc"))

	fsys, err := files.Sandbox([]string{allowed})
	if err != nil {
		t.Fatal(err)
	}
	// A client to a closed port: a policy file must be refused before anything is sent.
	conn := &bindings.Connection{Endpoint: "127.0.0.1:1", AccessKey: "k", SecretKey: "s", CertCheck: true}
	vm := newVM(t, context.Background(), Options{Files: fsys, Stdout: os.Stderr, Connection: conn})
	vm.L.SetGlobal("ALLOWED", lua.LString(allowed))
	vm.L.SetGlobal("OUTSIDE", lua.LString(outside))
	vm.L.SetGlobal("TRICKS", luaList(vm.L,
		outside+"/secret", allowed+"/../outside/secret", allowed+"/out/secret", allowed+"/secret-link",
		allowed+"/out/../outside/secret", "/etc/passwd", allowed+"/dangling"))
	err = vm.RunString(`
local function refused(f, ...)
  local ok, a, b = pcall(f, ...)
  if ok and a ~= nil then error("not refused: " .. tostring(a), 2) end
  local msg = ok and b or a
  assert(tostring(msg):find("allowed by --allow-path", 1, true), tostring(msg))
end
-- Programs, native code, modules from disk.
assert(os.execute == nil and io.popen == nil and package.loadlib == nil and os.tmpname == nil)
package.path = OUTSIDE .. "/?.lua"
assert(not pcall(require, "mod"))
table.insert(package.loaders, function() end) -- a Lua loader cannot read files either
assert(not pcall(require, "mod"))
assert(require("csv") and require("json"), "preloaded modules stay")
assert(debug.getupvalue(io.open, 1) == nil, "the original io.open is out of reach")

for _, p in ipairs(TRICKS) do
  refused(io.open, p)
  refused(io.open, p, "w")
  refused(io.open, p, "a+")
  refused(io.lines, p)
  refused(io.input, p)
  refused(io.output, p)
  refused(dofile, p)
  refused(loadfile, p)
  if not p:find("link$") and not p:find("dangling$") then -- a link inside is an entry inside
    refused(os.remove, p)
    refused(os.rename, ALLOWED .. "/in.csv", p)
    refused(os.rename, p, ALLOWED .. "/moved")
  end
  refused(require("csv").read, p)
  refused(require("csv").write, p, {{"x"}})
  refused(require("secrets").read, p)
end
refused(minio.connect, {endpoint = "127.0.0.1:9", access_key = "k", secret_key = "s", ca_file = OUTSIDE .. "/ca.pem"})
refused(minio.connect, "x") -- the mc config lies outside
for _, p in ipairs(TRICKS) do refused(admin.policy_add, admin, "p", p) end
refused(admin.policy_add, admin, "p", OUTSIDE .. "/policy.json")

-- Inside the allowed folder all of it works.
local f = assert(io.open(ALLOWED .. "/new.txt", "w")); f:write("hi"); f:close()
for line in io.lines(ALLOWED .. "/new.txt") do assert(line == "hi") end
require("csv").write(ALLOWED .. "/out.csv", {{"1", "2"}})
assert(#require("csv").read(ALLOWED .. "/in.csv") == 1)
assert(os.rename(ALLOWED .. "/new.txt", ALLOWED .. "/renamed.txt"))
assert(os.remove(ALLOWED .. "/renamed.txt"))
assert(os.remove(ALLOWED .. "/secret-link"), "a link inside may be removed itself")
`, "sandbox")
	if err != nil {
		t.Fatalf("%v\n%s", err, err.(*ScriptError).Traceback)
	}
	if b, _ := os.ReadFile(filepath.Join(outside, "secret")); string(b) != "top secret\n" {
		t.Fatalf("outside file changed: %q", b)
	}
	if _, err := os.Stat(filepath.Join(outside, "created")); !os.IsNotExist(err) {
		t.Fatal("a file was created outside through the dangling link")
	}
}

func luaList(L *lua.LState, items ...string) *lua.LTable {
	t := L.NewTable()
	for _, s := range items {
		t.Append(lua.LString(s))
	}
	return t
}
