package lua

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

/* load lib {{{ */

var loLoaders = []LGFunction{loLoaderPreload, loLoaderLua, loLoaderC, loLoaderCRoot}

func loGetPath(env string, defpath string) string {
	path := os.Getenv(env)
	if len(path) == 0 {
		path = defpath
	}
	path = strings.Replace(path, ";;", ";"+defpath+";", -1)
	if os.PathSeparator != '/' {
		dir, err := filepath.Abs(filepath.Dir(os.Args[0]))
		if err != nil {
			panic(err)
		}
		path = strings.Replace(path, "!", dir, -1)
	}
	return path
}

func loFindFile(L *LState, name, pname string) (string, string) {
	name = strings.Replace(name, ".", string(os.PathSeparator), -1)
	lv := L.GetField(L.GetField(L.Get(EnvironIndex), "package"), pname)
	path, ok := lv.(LString)
	if !ok {
		L.RaiseError("package.%s must be a string", pname)
	}
	// minioscript patch: Lua's message, a "\n\tno file 'name'" per file tried.
	var messages strings.Builder
	for _, pattern := range strings.Split(string(path), ";") {
		if pattern == "" { // as Lua's pushnexttemplate, an empty template is no template
			continue
		}
		luapath := strings.Replace(pattern, "?", name, -1)
		if _, err := os.Stat(luapath); err == nil {
			return luapath, ""
		}
		fmt.Fprintf(&messages, "\n\tno file '%s'", luapath)
	}
	return "", messages.String()
}

func OpenPackage(L *LState) int {
	packagemod := L.RegisterModule(LoadLibName, loFuncs)

	L.SetField(packagemod, "preload", L.NewTable())

	loaders := L.CreateTable(len(loLoaders), 0)
	for i, loader := range loLoaders {
		L.RawSetInt(loaders, i+1, L.NewFunction(loader))
	}
	L.SetField(packagemod, "loaders", loaders)
	L.SetField(L.Get(RegistryIndex), "_LOADERS", loaders)

	// minioscript patch: the registry's _LOADED, where RegisterModule put "package"
	// (upstream replaced it by a new table, so package.loaded.package was missing).
	loaded := L.FindTable(L.Get(RegistryIndex).(*LTable), "_LOADED", 1)
	L.SetField(packagemod, "loaded", loaded)

	L.SetField(packagemod, "path", LString(loGetPath(LuaPath, LuaPathDefault)))
	L.SetField(packagemod, "cpath", LString(loGetPath(LuaCPath, LuaCPathDefault)))

	L.SetField(packagemod, "config", LString(LuaDirSep+"\n"+LuaPathSep+
		"\n"+LuaPathMark+"\n"+LuaExecDir+"\n"+LuaIgMark+"\n"))

	L.Push(packagemod)
	return 1
}

var loFuncs = map[string]LGFunction{
	"loadlib": loLoadLib,
	"seeall":  loSeeAll,
}

func loLoaderPreload(L *LState) int {
	name := L.CheckString(1)
	preload := L.GetField(L.GetField(L.Get(EnvironIndex), "package"), "preload")
	if _, ok := preload.(*LTable); !ok {
		L.RaiseError("package.preload must be a table")
	}
	lv := L.GetField(preload, name)
	if lv == LNil {
		L.Push(LString(fmt.Sprintf("\n\tno field package.preload['%s']", name))) // minioscript patch: Lua's form
		return 1
	}
	L.Push(lv)
	return 1
}

func loLoaderLua(L *LState) int {
	name := L.CheckString(1)
	path, msg := loFindFile(L, name, "path")
	if len(path) == 0 {
		L.Push(LString(msg))
		return 1
	}
	fn, err1 := L.LoadFile(path)
	if err1 != nil {
		// minioscript patch: Lua's words.
		L.RaiseError("error loading module '%s' from file '%s':\n\t%s", name, path, err1.Error())
	}
	L.Push(fn)
	return 1
}

// noCModules is why package.loadlib and require's C loaders fail: the VM is Go, it
// cannot link C code.
const noCModules = "dynamic libraries not enabled; minioscript cannot load C modules"

// loLoadLib fails as Lua 5.1 built without dynamic libraries does: nil, the message
// and "absent" (minioscript patch: upstream raised an error).
func loLoadLib(L *LState) int {
	L.CheckString(1)
	L.CheckString(2)
	L.Push(LNil)
	L.Push(LString(noCModules))
	L.Push(LString("absent"))
	return 3
}

// loLoaderC is Lua 5.1's C searcher over package.cpath: it reports the files it did
// not find, and fails on one it finds, since it cannot load it (minioscript patch).
func loLoaderC(L *LState) int {
	name := L.CheckString(1)
	path, msg := loFindFile(L, name, "cpath")
	if len(path) == 0 {
		L.Push(LString(msg))
		return 1
	}
	L.RaiseError("error loading module '%s' from file '%s':\n\t%s", name, path, noCModules)
	return 0
}

// loLoaderCRoot is Lua 5.1's all-in-one searcher: for a.b.c, the library of a.
func loLoaderCRoot(L *LState) int {
	name := L.CheckString(1)
	root, _, ok := strings.Cut(name, ".")
	if !ok {
		return 0
	}
	path, msg := loFindFile(L, root, "cpath")
	if len(path) == 0 {
		L.Push(LString(msg))
		return 1
	}
	L.RaiseError("error loading module '%s' from file '%s':\n\t%s", name, path, noCModules)
	return 0
}

func loSeeAll(L *LState) int {
	mod := L.CheckTable(1)
	mt := L.GetMetatable(mod)
	if mt == LNil {
		mt = L.CreateTable(0, 1)
		L.SetMetatable(mod, mt)
	}
	L.SetField(mt, "__index", L.Get(GlobalsIndex))
	return 0
}

/* }}} */

//
