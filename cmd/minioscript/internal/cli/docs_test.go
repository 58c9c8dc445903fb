package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/bindings"
	"github.com/minioscript/minioscript/runtime"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// The stub declares what the program really has: every client method with its
// parameters, every function of every stdlib module and nothing more, and it is Lua.
// With lua-language-server on PATH, its checker also runs on the examples.
func TestStubs(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Main([]string{"stubs"}, strings.NewReader(""), &out, &errb); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	stub := out.String()
	if !strings.HasPrefix(stub, "---@meta\n") {
		t.Fatal("not a ---@meta file")
	}
	L := lua.NewState()
	defer L.Close()
	if _, err := L.LoadString(stub); err != nil {
		t.Fatalf("the stub is not Lua: %v", err)
	}
	for _, d := range bindings.Operations() {
		var names []string
		for _, p := range d.Params {
			names = append(names, p.Name)
			opt := ""
			if p.Optional {
				opt = "?"
			}
			if !strings.Contains(stub, "---@param "+p.Name+opt+" "+p.Type) {
				t.Errorf("%s: parameter %s%s %s not declared", d.Name, p.Name, opt, p.Type)
			}
		}
		if !strings.Contains(stub, "function client:"+d.Name+"("+strings.Join(names, ", ")+") end") {
			t.Errorf("%s not declared", d.Name)
		}
	}
	for _, global := range []string{"\nminio = {}", "\nadmin = nil", "\nfunction require(modname) end"} {
		if !strings.Contains(stub, global) {
			t.Errorf("%q not declared", global)
		}
	}

	vm, err := runtime.New(context.Background(), runtime.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer vm.Close()
	// Every module a script can require has a declaration.
	declared := map[string]bool{"minio": true}
	for _, m := range stdlibStubs {
		declared[m.name] = true
	}
	if err := vm.RunString(`preloaded = {} for name in pairs(package.preload) do preloaded[#preloaded + 1] = name end`, "stubs"); err != nil {
		t.Fatal(err)
	}
	preloaded := vm.L.GetGlobal("preloaded").(*lua.LTable)
	for i := 1; i <= preloaded.Len(); i++ {
		if name := preloaded.RawGetInt(i).String(); !declared[name] {
			t.Errorf("module %q has no declaration in stdlibStubs", name)
		}
	}
	// Every function of the minio module is declared.
	vm.L.GetGlobal("minio").(*lua.LTable).ForEach(func(k, v lua.LValue) {
		if v.Type() == lua.LTFunction && !strings.Contains(stub, "\nfunction minio."+k.String()+"(") {
			t.Errorf("minio.%s not declared", k)
		}
	})
	for _, m := range stdlibStubs {
		if err := vm.RunString(`mod = require("`+m.name+`")`, "stubs"); err != nil {
			t.Fatal(err)
		}
		var have []string
		vm.L.GetGlobal("mod").(*lua.LTable).ForEach(func(k, v lua.LValue) {
			if v.Type() == lua.LTFunction {
				have = append(have, k.String())
			}
		})
		var declared []string
		for _, match := range regexp.MustCompile(`(?m)^function `+m.name+`\.(\w+)\(`).FindAllStringSubmatch(m.stub, -1) {
			declared = append(declared, match[1])
		}
		sort.Strings(have)
		sort.Strings(declared)
		if strings.Join(have, " ") != strings.Join(declared, " ") {
			t.Errorf("module %s has %v, its stub declares %v", m.name, have, declared)
		}
		if !strings.Contains(stub, `---@overload fun(modname: "`+m.name+`"): `+m.class) {
			t.Errorf("require(%q) not declared", m.name)
		}
	}

	luals, err := exec.LookPath("lua-language-server")
	if err != nil {
		t.Log("lua-language-server not on PATH: only the stub's shape was checked")
		return
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "minio.d.lua"), out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	examples, _ := filepath.Glob("../../../../scripts/examples/*.lua")
	for _, e := range examples {
		src, err := os.ReadFile(e)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, filepath.Base(e)), src, 0o600)
	}
	check := exec.Command(luals, "--check="+dir, "--checklevel=Warning", "--logpath="+t.TempDir())
	res, err := check.CombinedOutput()
	if err != nil || !strings.Contains(string(res), "no problems found") {
		t.Fatalf("lua-language-server --check: %v\n%s", err, res)
	}
}

func TestDocCommand(t *testing.T) {
	for args, want := range map[string]string{
		"doc":                           "user_add",
		"doc user_add":                  "example: admin:user_add(",
		"doc admin:get_policy_entities": "(or one table keyed by these names)",
	} {
		var out, errb bytes.Buffer
		if code := Main(strings.Fields(args), strings.NewReader(""), &out, &errb); code != ExitOK || !strings.Contains(out.String(), want) {
			t.Errorf("%s: exit %d, %s%s", args, code, out.String(), errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := Main([]string{"doc", "nosuch"}, strings.NewReader(""), &out, &errb); code != ExitUsage || !strings.Contains(errb.String(), `no operation "nosuch"`) {
		t.Errorf("unknown name: exit %d, %s", code, errb.String())
	}
}

// The REPL has help for the client methods, from the same table.
func TestREPLHelp(t *testing.T) {
	var out, errb bytes.Buffer
	in := strings.NewReader("help\"user_add\"\nhelp(minio.connect{endpoint = \"127.0.0.1:1\", access_key = \"a\", secret_key = \"b\"}.group_add)\n")
	if code := Main([]string{"repl"}, in, &out, &errb); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"admin:user_add(access_key, secret_key) -> string", "admin:group_add(group_name, members) -> string"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in\n%s", want, out.String())
		}
	}
}
