package lua

import (
	"fmt"
	"io"
	"os"
	"strings"
)

/* basic functions {{{ */

func OpenBase(L *LState) int {
	global := L.Get(GlobalsIndex).(*LTable)
	L.SetGlobal("_G", global)
	L.SetGlobal("_VERSION", LString(LuaVersion))
	L.SetGlobal("_GOPHER_LUA_VERSION", LString(PackageName+" "+PackageVersion))
	basemod := L.RegisterModule("_G", baseFuncs)
	global.RawSetString("ipairs", L.NewClosure(baseIpairs, L.NewFunction(ipairsaux)))
	global.RawSetString("pairs", L.NewClosure(basePairs, L.NewFunction(pairsaux)))
	L.Push(basemod)
	return 1
}

var baseFuncs = map[string]LGFunction{
	"assert":         baseAssert,
	"collectgarbage": baseCollectGarbage,
	"gcinfo":         baseGcInfo, // minioscript patch: Lua 5.1's gcinfo
	"dofile":         baseDoFile,
	"error":          baseError,
	"getfenv":        baseGetFEnv,
	"getmetatable":   baseGetMetatable,
	"load":           baseLoad,
	"loadfile":       baseLoadFile,
	"loadstring":     baseLoadString,
	"next":           baseNext,
	"pcall":          basePCall,
	"print":          basePrint,
	"rawequal":       baseRawEqual,
	"rawget":         baseRawGet,
	"rawset":         baseRawSet,
	"select":         baseSelect,
	"_printregs":     base_PrintRegs,
	"setfenv":        baseSetFEnv,
	"setmetatable":   baseSetMetatable,
	"tonumber":       baseToNumber,
	"tostring":       baseToString,
	"type":           baseType,
	"unpack":         baseUnpack,
	"xpcall":         baseXPCall,
	// loadlib
	"module":  loModule,
	"require": loRequire,
	// hidden features
	"newproxy": baseNewProxy,
}

func baseAssert(L *LState) int {
	L.CheckAny(1)
	if !L.ToBool(1) {
		// As Lua 5.1: the message is a string (or number), positioned only when a Lua
		// function called assert (minioscript patch).
		msg := "assertion failed!"
		if L.Get(2) != LNil {
			msg = L.CheckString(2)
		}
		L.raiseError(0, "%s", callerWhere(L)+msg)
		return 0
	}
	return L.GetTop()
}

// baseCollectGarbage is in minioscript_gc.go (minioscript patch).

func baseDoFile(L *LState) int {
	src := L.ToString(1)
	top := L.GetTop()
	fn, err := L.LoadFile(src)
	if err != nil {
		L.Push(LString(err.Error()))
		L.Panic(L)
	}
	L.Push(fn)
	L.Call(0, MultRet)
	return L.GetTop() - top
}

// baseError is Lua 5.1's error (minioscript patch): error() raises nil, and a string or
// number message gets the position of the Lua function at the given level (1: the
// caller of error), none when that level is a Go function or missing. Upstream counted
// levels from one too high and required a value.
func baseError(L *LState) int {
	obj := L.Get(1)
	level := L.OptInt(2, 1)
	if _, isnum := obj.(LNumber); isnum || obj.Type() == LTString {
		if level > 0 {
			where := ""
			if dbg, ok := L.GetStack(level); ok && !dbg.frame.Fn.IsG {
				f := dbg.frame
				where = fmt.Sprintf("%v:%v: ", f.Fn.Proto.SourceName, f.Fn.Proto.DbgSourcePositions[f.Pc-1])
			}
			obj = LString(where + LVAsString(obj))
		}
	}
	L.Error(obj, 0)
	return 0
}

// envFunc is Lua 5.1's getfunc for getfenv and setfenv: the function given, or the one
// running at a level (1 the caller), checked as Lua does (minioscript patch: upstream
// took any level). ok is false for a level that is a Go function: it has no
// environment of its own.
func envFunc(L *LState, opt bool) (fn *LFunction, level int, isLevel bool) {
	if f, ok := L.Get(1).(*LFunction); ok {
		return f, 0, false
	}
	if opt {
		level = L.OptInt(1, 1)
	} else {
		level = L.CheckInt(1)
	}
	if level < 0 {
		L.ArgError(1, "level must be non-negative")
	}
	entry, ok := stackLevel(L, level)
	if !ok {
		L.ArgError(1, "invalid level")
	}
	if entry.tail {
		L.RaiseError("no function environment for tail call at level %d", level)
	}
	return entry.frame.Fn, level, true
}

func baseGetFEnv(L *LState) int {
	fn, _, _ := envFunc(L, true)
	if fn.IsG {
		L.Push(L.Env)
	} else {
		L.Push(fn.Env)
	}
	return 1
}

func baseSetFEnv(L *LState) int {
	env := L.CheckTable(2)
	fn, level, isLevel := envFunc(L, false)
	if isLevel && level == 0 {
		L.Env = env
		return 0
	}
	if fn.IsG {
		L.RaiseError("'setfenv' cannot change environment of given object")
	}
	fn.Env = env
	L.Push(fn)
	return 1
}

func baseGetMetatable(L *LState) int {
	L.Push(L.GetMetatable(L.CheckAny(1)))
	return 1
}

func ipairsaux(L *LState) int {
	tb := L.CheckTable(1)
	i := L.CheckInt(2)
	i++
	v := tb.RawGetInt(i)
	if v == LNil {
		return 0
	} else {
		L.Pop(1)
		L.Push(LNumber(i))
		L.Push(LNumber(i))
		L.Push(v)
		return 2
	}
}

func baseIpairs(L *LState) int {
	tb := L.CheckTable(1)
	L.Push(L.Get(UpvalueIndex(1)))
	L.Push(tb)
	L.Push(LNumber(0))
	return 3
}

// loadaux loads a chunk whose Lua source name is source ("=name", "@file" or the
// text itself); messages show ChunkID(source) (minioscript patch).
func loadaux(L *LState, reader io.Reader, source string) int {
	if fn, err := L.LoadSource(reader, source); err != nil {
		L.Push(LNil)
		L.Push(LString(err.Error()))
		return 2
	} else {
		L.Push(fn)
		return 1
	}
}

// baseLoad is load(func [, chunkname]). minioscript patch: the chunk is read piece by
// piece as the lexer needs it, as Lua does, so a syntax error stops the reading; an
// error in the reader function makes load return nil and that error.
func baseLoad(L *LState) int {
	r := &luaPieceReader{L: L, fn: L.CheckFunction(1)}
	fn, err := L.LoadSource(r, L.OptString(2, "=(load)"))
	switch {
	case r.err != nil:
		L.Push(LNil)
		L.Push(r.err)
		return 2
	case err != nil:
		L.Push(LNil)
		L.Push(LString(err.Error()))
		return 2
	}
	L.Push(fn)
	return 1
}

// luaPieceReader reads a chunk from the pieces a Lua function returns, up to the first
// nil or empty string. Like Lua's lexer, which holds the character after each token,
// it asks for the next piece as soon as one is used up.
type luaPieceReader struct {
	L    *LState
	fn   *LFunction
	buf  string
	done bool
	err  LValue // what the function raised, or the message for a piece of the wrong type
}

func (r *luaPieceReader) Read(p []byte) (int, error) {
	if r.buf == "" && !r.done {
		r.fetch()
	}
	if r.buf == "" {
		return 0, io.EOF
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	if r.buf == "" && !r.done {
		r.fetch()
	}
	return n, nil
}

func (r *luaPieceReader) fetch() {
	L := r.L
	L.Push(r.fn)
	if err := L.PCall(0, 1, nil); err != nil {
		r.done = true
		r.err = LString(err.Error())
		if ae, ok := err.(*ApiError); ok {
			r.err = ae.Object
		}
		return
	}
	ret := L.Get(-1)
	L.Pop(1)
	switch {
	case ret == LNil:
		r.done = true
	case LVCanConvToString(ret):
		r.buf = ret.String()
		r.done = r.buf == ""
	default:
		r.done = true
		r.err = LString(callerWhere(r.L) + "reader function must return a string") // luaL_error, at the caller of load
	}
}

func baseLoadFile(L *LState) int {
	var reader io.Reader
	var chunkname string
	var err error
	if L.GetTop() < 1 {
		reader = os.Stdin
		chunkname = "=stdin" // minioscript patch: Lua's source names (see loadaux)
	} else {
		chunkname = L.CheckString(1)
		reader, err = os.Open(chunkname)
		if err != nil {
			L.Push(LNil)
			L.Push(loadFileError("open", chunkname, err).Object) // minioscript patch: Lua's words
			return 2
		}
		defer reader.(*os.File).Close()
		chunkname = "@" + chunkname
	}
	return loadaux(L, reader, chunkname)
}

func baseLoadString(L *LState) int {
	src := L.CheckString(1)
	return loadaux(L, strings.NewReader(src), L.OptString(2, src))
}

// checkNextKey raises Lua's error for a key next cannot continue from: one the table
// never had (minioscript patch: upstream restarted the traversal).
func checkNextKey(L *LState, tb *LTable, key LValue) {
	if key == LNil {
		return
	}
	if n, ok := key.(LNumber); ok && isInteger(n) && n >= 1 && int(n) <= len(tb.array) {
		return
	}
	if _, ok := tb.k2i[key]; !ok {
		L.RaiseError("invalid key to 'next'")
	}
}

func baseNext(L *LState) int {
	tb := L.CheckTable(1)
	index := LNil
	if L.GetTop() >= 2 {
		index = L.Get(2)
	}
	checkNextKey(L, tb, index)
	key, value := tb.Next(index)
	if key == LNil {
		L.Push(LNil)
		return 1
	}
	L.Push(key)
	L.Push(value)
	return 2
}

func pairsaux(L *LState) int {
	tb := L.CheckTable(1)
	checkNextKey(L, tb, L.Get(2))
	key, value := tb.Next(L.Get(2))
	if key == LNil {
		return 0
	} else {
		L.Pop(1)
		L.Push(key)
		L.Push(key)
		L.Push(value)
		return 2
	}
}

func basePairs(L *LState) int {
	tb := L.CheckTable(1)
	L.Push(L.Get(UpvalueIndex(1)))
	L.Push(tb)
	L.Push(LNil)
	return 3
}

func basePCall(L *LState) int {
	L.CheckAny(1)
	v := L.Get(1)
	if v.Type() != LTFunction && L.GetMetaField(v, "__call").Type() != LTFunction {
		L.Push(LFalse)
		L.Push(LString("attempt to call a " + v.Type().String() + " value"))
		return 2
	}
	nargs := L.GetTop() - 1
	if err := protectedCall(L, nargs, nil, pcallFrame); err != nil {
		L.Push(LFalse)
		if aerr, ok := err.(*ApiError); ok {
			L.Push(aerr.Object)
		} else {
			L.Push(LString(err.Error()))
		}
		return 2
	} else {
		L.Insert(LTrue, 1)
		return L.GetTop()
	}
}

// protectedCall runs pcall's or xpcall's call so that a coroutine may yield inside it:
// the frame is marked for threadRunOnce to finish the call if a yield unwinds it
// (minioscript patch: yield across pcall).
func protectedCall(L *LState, nargs int, errfunc *LFunction, kind uint8) error {
	frame := L.currentFrame
	frame.protected = kind
	L.ypcalls++
	err := L.pcall(nargs, MultRet, errfunc, true)
	L.ypcalls--
	frame.protected = 0
	return err
}

func basePrint(L *LState) int {
	top := L.GetTop()
	for i := 1; i <= top; i++ {
		fmt.Print(PrintString(L, L.Get(i)))
		if i != top {
			fmt.Print("\t")
		}
	}
	fmt.Println("")
	return 0
}

// PrintString is tostring(v) for print: a __tostring that returns neither a string nor
// a number is an error, as in Lua 5.1 (minioscript patch).
func PrintString(L *LState, v LValue) string {
	s := L.ToStringMeta(v)
	switch s.(type) {
	case LString, LNumber:
		return s.String()
	}
	L.RaiseError("'tostring' must return a string to 'print'")
	return ""
}

func base_PrintRegs(L *LState) int {
	L.printReg()
	return 0
}

func baseRawEqual(L *LState) int {
	if L.CheckAny(1) == L.CheckAny(2) {
		L.Push(LTrue)
	} else {
		L.Push(LFalse)
	}
	return 1
}

func baseRawGet(L *LState) int {
	L.Push(L.RawGet(L.CheckTable(1), L.CheckAny(2)))
	return 1
}

func baseRawSet(L *LState) int {
	tb := L.CheckTable(1)
	L.RawSet(tb, L.CheckAny(2), L.CheckAny(3))
	L.Push(tb) // minioscript patch: rawset returns the table, as in Lua
	return 1
}

func baseSelect(L *LState) int {
	if s, ok := L.Get(1).(LString); ok && s == "#" {
		L.Push(LNumber(L.GetTop() - 1))
		return 1
	}
	// minioscript patch: a numeric string is an index, as in Lua.
	idx := int(L.CheckNumber(1))
	num := L.GetTop()
	if idx < 0 {
		idx = num + idx
	} else if idx > num {
		idx = num
	}
	if 1 > idx {
		L.ArgError(1, "index out of range")
	}
	return num - idx
}

// baseSetMetatable takes tables only, as Lua 5.1's (minioscript patch: upstream set the
// shared metatable of other types too).
func baseSetMetatable(L *LState) int {
	obj := L.CheckTable(1)
	if t := L.Get(2).Type(); t != LTNil && t != LTTable {
		L.ArgError(2, "nil or table expected")
	}
	if tb, ok := obj.Metatable.(*LTable); ok && tb.RawGetString("__metatable") != LNil {
		L.RaiseError("cannot change a protected metatable")
	}
	L.SetMetatable(obj, L.Get(2)) // registers a weak table (__mode)
	L.SetTop(1)
	return 1
}

// baseToNumber is Lua 5.1's tonumber (minioscript patch): without a base or with base
// 10, a number or a string in Lua's number syntax (parseNumber); with another base from
// 2 to 36, digits in that base (parseInBase).
func baseToNumber(L *LState) int {
	lv := L.CheckAny(1)
	base := L.OptInt(2, 10)
	if base == 10 {
		switch v := lv.(type) {
		case LNumber:
			L.Push(v)
		case LString:
			if n, err := parseNumber(string(v)); err == nil {
				L.Push(n)
			} else {
				L.Push(LNil)
			}
		default:
			L.Push(LNil)
		}
		return 1
	}
	if base < 2 || base > 36 {
		L.ArgError(2, "base out of range")
	}
	if n, ok := parseInBase(L.CheckString(1), base); ok {
		L.Push(LNumber(n))
	} else {
		L.Push(LNil)
	}
	return 1
}

// parseInBase reads s as tonumber(s, base) does: white space around, an optional
// sign, "0x" allowed in base 16, then at least one digit. A minus sign negates, as in
// Lua 5.2 (Lua 5.1's strtoul wraps it around on 64-bit systems).
func parseInBase(s string, base int) (float64, bool) {
	s = strings.Trim(s, " \t\n\v\f\r")
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if base == 16 && len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		s = s[2:]
	}
	if s == "" {
		return 0, false
	}
	var n float64
	for i := 0; i < len(s); i++ {
		c := s[i]
		d := 36
		switch {
		case '0' <= c && c <= '9':
			d = int(c - '0')
		case 'a' <= c && c <= 'z':
			d = int(c-'a') + 10
		case 'A' <= c && c <= 'Z':
			d = int(c-'A') + 10
		}
		if d >= base {
			return 0, false
		}
		n = n*float64(base) + float64(d)
	}
	if neg {
		n = -n
	}
	return n, true
}

func baseToString(L *LState) int {
	v1 := L.CheckAny(1)
	L.Push(L.ToStringMeta(v1))
	return 1
}

func baseType(L *LState) int {
	L.Push(LString(L.CheckAny(1).Type().String()))
	return 1
}

func baseUnpack(L *LState) int {
	tb := L.CheckTable(1)
	start := L.OptInt(2, 1)
	end := L.OptInt(3, tb.Len())
	if start > end {
		return 0
	}
	ret := end - start + 1
	// minioscript patch: Lua's error when the results cannot fit in the registers
	// (upstream pushed until "registry overflow").
	if limit := max(L.reg.maxSize, cap(L.reg.array)); ret <= 0 || ret >= limit-L.reg.Top() {
		L.RaiseError("too many results to unpack")
	}
	for i := start; i <= end; i++ {
		L.Push(tb.RawGetInt(i))
	}
	return ret
}

// baseXPCall takes any handler, as Lua 5.1: one that is not a function fails when an
// error needs it, giving "error in error handling" (minioscript patch).
func baseXPCall(L *LState) int {
	L.CheckAny(2)
	fn := L.Get(1)
	errfunc, ok := L.Get(2).(*LFunction)
	if !ok {
		errfunc = L.NewFunction(func(L *LState) int {
			L.RaiseError("error in error handling")
			return 0
		})
	}

	L.SetTop(2)
	top := L.GetTop()
	L.Push(fn)
	if err := protectedCall(L, 0, errfunc, xpcallFrame); err != nil {
		L.Push(LFalse)
		if aerr, ok := err.(*ApiError); ok {
			L.Push(aerr.Object)
		} else {
			L.Push(LString(err.Error()))
		}
		return 2
	} else {
		L.Insert(LTrue, top+1)
		return L.GetTop() - top
	}
}

/* }}} */

/* load lib {{{ */

func loModule(L *LState) int {
	name := L.CheckString(1)
	loaded := L.GetField(L.Get(RegistryIndex), "_LOADED")
	tb := L.GetField(loaded, name)
	if _, ok := tb.(*LTable); !ok {
		tb = L.FindTable(L.Get(GlobalsIndex).(*LTable), name, 1)
		if tb == LNil {
			L.RaiseError("name conflict for module '%s'", name) // minioscript patch: Lua's words
		}
		L.SetField(loaded, name, tb)
	}
	if L.GetField(tb, "_NAME") == LNil {
		L.SetField(tb, "_M", tb)
		L.SetField(tb, "_NAME", LString(name))
		names := strings.Split(name, ".")
		pname := ""
		if len(names) > 1 {
			pname = strings.Join(names[:len(names)-1], ".") + "."
		}
		L.SetField(tb, "_PACKAGE", LString(pname))
	}

	// minioscript patch: Lua 5.1's message, and no result, as ll_module
	caller := L.currentFrame.Parent
	if caller == nil || caller.Fn.IsG {
		L.RaiseError("'module' not called from a Lua function")
	}
	L.SetFEnv(caller.Fn, tb)

	top := L.GetTop()
	for i := 2; i <= top; i++ {
		L.Push(L.Get(i))
		L.Push(tb)
		L.Call(1, 0)
	}
	return 0
}

var loopdetection = &LUserData{}

func loRequire(L *LState) int {
	name := L.CheckString(1)
	loaded := L.GetField(L.Get(RegistryIndex), "_LOADED")
	lv := L.GetField(loaded, name)
	if LVAsBool(lv) {
		if lv == loopdetection {
			L.RaiseError("loop or previous error loading module '%s'", name) // minioscript patch: Lua's words
		}
		L.Push(lv)
		return 1
	}
	loaders, ok := L.GetField(L.Get(RegistryIndex), "_LOADERS").(*LTable)
	if !ok {
		L.RaiseError("package.loaders must be a table")
	}
	// minioscript patch: as Lua, the loaders' messages are concatenated as they are
	// (each begins with "\n\t") after "module 'name' not found:".
	messages := []string{}
	var modasfunc LValue
	for i := 1; ; i++ {
		loader := L.RawGetInt(loaders, i)
		if loader == LNil {
			L.RaiseError("module '%s' not found:%s", name, strings.Join(messages, ""))
		}
		L.Push(loader)
		L.Push(LString(name))
		L.Call(1, 1)
		ret := L.reg.Pop()
		switch retv := ret.(type) {
		case *LFunction:
			modasfunc = retv
			goto loopbreak
		case LString:
			messages = append(messages, string(retv))
		case LNumber:
			messages = append(messages, LVAsString(retv))
		}
	}
loopbreak:
	L.SetField(loaded, name, loopdetection)
	L.Push(modasfunc)
	L.Push(LString(name))
	L.Call(1, 1)
	ret := L.reg.Pop()
	modv := L.GetField(loaded, name)
	if ret != LNil && modv == loopdetection {
		L.SetField(loaded, name, ret)
		L.Push(ret)
	} else if modv == loopdetection {
		L.SetField(loaded, name, LTrue)
		L.Push(LTrue)
	} else {
		L.Push(modv)
	}
	return 1
}

/* }}} */

/* hidden features {{{ */

// proxiesKey holds, in the registry, the metatables newproxy(true) made (a table with
// weak keys): newproxy(p) accepts only a proxy with one of them, as Lua 5.1's.
const proxiesKey = "_MINIOSCRIPT_PROXIES"

func baseNewProxy(L *LState) int {
	ud := L.NewUserData()
	reg := L.Get(RegistryIndex).(*LTable)
	proxies, _ := reg.RawGetString(proxiesKey).(*LTable)
	switch v := L.Get(1).(type) {
	case LBool:
		if v {
			mt := L.NewTable()
			if proxies == nil {
				// minioscript patch: weak keys, as Lua 5.1's, so that a proxy's
				// metatable goes with the last proxy using it.
				proxies = L.NewTable()
				mode := L.NewTable()
				mode.RawSetString("__mode", LString("k"))
				L.SetMetatable(proxies, mode)
				reg.RawSetString(proxiesKey, proxies)
			}
			proxies.RawSet(mt, LTrue)
			ud.Metatable = mt
		}
	case *LNilType:
	default:
		d, ok := v.(*LUserData)
		if !ok || proxies == nil || proxies.RawGet(d.Metatable) != LTrue {
			L.ArgError(1, "boolean or proxy expected")
		}
		ud.Metatable = d.Metatable
	}
	L.G.addFinalizable(ud) // minioscript patch: __gc of proxies
	L.Push(ud)
	return 1
}

/* }}} */

//
