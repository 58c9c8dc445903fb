package runtime

import (
	"github.com/minioscript/minioscript/files"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// sandbox takes away what lets a script out of its box: running programs (os.execute,
// io.popen), native or on-disk code (package.loadlib, require's file loader), and file
// access outside fsys's folders, which every remaining file function of the base
// library now goes through. The originals live only in Go closures, out of reach of
// debug.getupvalue and of the registry.
func sandbox(L *lua.LState, fsys *files.FS) {
	osT := L.GetGlobal("os").(*lua.LTable)
	ioT := L.GetGlobal("io").(*lua.LTable)
	pkg := L.GetGlobal("package").(*lua.LTable)
	for t, names := range map[*lua.LTable][]string{
		osT: {"execute", "tmpname"}, // tmpname creates a file in the system's temp folder
		ioT: {"popen"},
		pkg: {"loadlib"},
	} {
		for _, n := range names {
			t.RawSetString(n, lua.LNil)
		}
	}
	// Only preloaded modules: package.loaders is the table require reads (also as the
	// registry's _LOADERS), so it is emptied in place after the preload searcher.
	if loaders, ok := pkg.RawGetString("loaders").(*lua.LTable); ok {
		for i := loaders.Len(); i > 1; i-- {
			loaders.RawSetInt(i, lua.LNil)
		}
	}
	pkg.RawSetString("path", lua.LString(""))
	pkg.RawSetString("cpath", lua.LString(""))

	g := L.Get(lua.GlobalsIndex).(*lua.LTable)
	guard(L, ioT, "open", fsys.Path, false, 1)
	guard(L, ioT, "lines", fsys.Path, true, 1)
	guard(L, ioT, "input", fsys.Path, true, 1)
	guard(L, ioT, "output", fsys.Path, true, 1)
	guard(L, g, "dofile", fsys.Path, true, 1)
	guard(L, g, "loadfile", fsys.Path, false, 1)
	guard(L, osT, "remove", fsys.Entry, false, 1)
	guard(L, osT, "rename", fsys.Entry, false, 1, 2)
}

// guard replaces t[name] by a function that checks the path arguments at positions
// args, then calls the original with the checked paths. A refused path raises an error
// when raise is set, else returns nil and the message, as the function does for any
// file it cannot use.
func guard(L *lua.LState, t *lua.LTable, name string, check func(string) (string, error), raise bool, args ...int) {
	orig, ok := t.RawGetString(name).(*lua.LFunction)
	if !ok {
		return
	}
	t.RawSetString(name, L.NewFunction(func(L *lua.LState) int {
		for _, i := range args {
			var path string
			switch v := L.Get(i).(type) {
			case lua.LString:
				path = string(v)
			case lua.LNumber: // the original would take it as a path too
				path = v.String()
			default:
				continue // a file handle, or nothing: no path involved
			}
			checked, err := check(path)
			if err != nil {
				if raise {
					L.RaiseError("%s: %v", name, err)
				}
				L.Push(lua.LNil)
				L.Push(lua.LString(err.Error()))
				return 2
			}
			L.Replace(i, lua.LString(checked))
		}
		top := L.GetTop()
		L.Push(orig)
		for i := 1; i <= top; i++ {
			L.Push(L.Get(i))
		}
		L.Call(top, lua.MultRet)
		return L.GetTop() - top
	}))
}
