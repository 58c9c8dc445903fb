package bindings

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/minioscript/minioscript/files"
	"github.com/minioscript/minioscript/jobs"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// DataFile runs a Lua data file (a state file, a jobs file): a chunk that returns a
// value, in a bare VM: base (without dofile, loadfile, load, loadstring, require,
// module, print, collectgarbage), string, table and math only, no minio module, no file
// access, and at most timeout. It returns the VM, which the caller closes, and the value.
func DataFile(ctx context.Context, path string, timeout time.Duration) (*lua.LState, lua.LValue, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	for _, lib := range []struct {
		name string
		fn   lua.LGFunction
	}{{lua.BaseLibName, lua.OpenBase}, {lua.TabLibName, lua.OpenTable}, {lua.StringLibName, lua.OpenString}, {lua.MathLibName, lua.OpenMath}} {
		L.Push(L.NewFunction(lib.fn))
		L.Push(lua.LString(lib.name))
		L.Call(1, 0)
	}
	for _, name := range []string{"dofile", "loadfile", "load", "loadstring", "require", "module", "print", "collectgarbage"} {
		L.SetGlobal(name, lua.LNil)
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	L.SetContext(ctx)
	fn, err := L.Load(bytes.NewReader(src), path)
	if err == nil {
		L.Push(fn)
		err = L.PCall(0, 1, nil)
	}
	if err != nil {
		L.Close()
		return nil, nil, err
	}
	L.RemoveContext()
	return L, L.Get(-1), nil
}

// LoadStateLua runs a Lua state file (DataFile, at most 10 seconds) and decodes the
// table it returns as apply reads a state. Policies must be tables or JSON text. A
// secret_key may be {env = "VAR"} or {file = "path"} (jobs.SecretRef), resolved by the
// program here, not by the file.
func LoadStateLua(ctx context.Context, path string) (*jobs.State, error) {
	L, v, err := DataFile(ctx, path, 10*time.Second)
	if err != nil {
		return nil, err
	}
	defer L.Close()
	t, ok := v.(*lua.LTable)
	if !ok {
		return nil, fmt.Errorf("%s: the file must return a state table, got %s", path, typeName(v))
	}
	dir := filepath.Dir(path)
	for _, sec := range []string{"users", "service_accounts"} {
		entries, _ := t.RawGetString(sec).(*lua.LTable)
		if entries == nil {
			continue
		}
		var ferr error
		entries.ForEach(func(k, e lua.LValue) {
			obj, _ := e.(*lua.LTable)
			if obj == nil || ferr != nil {
				return
			}
			ref, isRef := obj.RawGetString("secret_key").(*lua.LTable)
			if !isRef {
				return
			}
			r, err := decodeTable[jobs.SecretRef](L, ref)
			var s string
			if err == nil {
				s, err = r.Resolve(dir)
			}
			if err != nil {
				ferr = fmt.Errorf("%s.%s.secret_key: %w", sec, k.String(), err)
				return
			}
			obj.RawSetString("secret_key", lua.LString(s))
		})
		if ferr != nil {
			return nil, ferr
		}
	}
	if err := configValues(L, t, dir); err != nil {
		return nil, err
	}
	noFiles, err := files.Sandbox(nil)
	if err != nil {
		return nil, err
	}
	ud := L.NewUserData()
	ud.Value = noFiles
	L.SetField(L.Get(lua.RegistryIndex), filesKey, ud)
	return toState(L, t)
}

// configValues brings a state table's config values to text, as jobs.DecodeStateJSON
// does: a number as Lua writes it, a boolean as on/off, a jobs.SecretRef table resolved
// against dir (the state file's folder). A script's own tables give text.
func configValues(L *lua.LState, state *lua.LTable, dir string) error {
	targets, _ := state.RawGetString("config").(*lua.LTable)
	if targets == nil {
		return nil
	}
	var ferr error
	targets.ForEach(func(name, t lua.LValue) {
		kvs, _ := t.(*lua.LTable)
		if kvs == nil || ferr != nil {
			return
		}
		kvs.ForEach(func(k, v lua.LValue) {
			if ferr != nil {
				return
			}
			switch x := v.(type) {
			case lua.LNumber:
				kvs.RawSet(k, lua.LString(x.String()))
			case lua.LBool:
				kvs.RawSet(k, lua.LString(map[bool]string{true: "on", false: "off"}[bool(x)]))
			case *lua.LTable:
				r, err := decodeTable[jobs.SecretRef](L, x)
				var s string
				if err == nil {
					s, err = r.Resolve(dir)
				}
				if err != nil {
					ferr = fmt.Errorf("config.%s.%s: %w", name.String(), k.String(), err)
					return
				}
				kvs.RawSet(k, lua.LString(s))
			}
		})
	})
	return ferr
}
