package lua

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
)

// The debug library follows Lua 5.1's ldblib.c and ldebug.c (minioscript patch:
// upstream filled few getinfo fields, named Go functions "G", and had no traceback
// wording, getregistry, sethook, gethook or debug).

func OpenDebug(L *LState) int {
	dbgmod := L.RegisterModule(DebugLibName, debugFuncs)
	L.Push(dbgmod)
	return 1
}

var debugFuncs = map[string]LGFunction{
	"debug":        debugDebug,
	"getfenv":      debugGetFEnv,
	"gethook":      debugGetHook,
	"getinfo":      debugGetInfo,
	"getlocal":     debugGetLocal,
	"getmetatable": debugGetMetatable,
	"getregistry":  debugGetRegistry,
	"getupvalue":   debugGetUpvalue,
	"setfenv":      debugSetFEnv,
	"sethook":      debugSetHook,
	"setlocal":     debugSetLocal,
	"setmetatable": debugSetMetatable,
	"setupvalue":   debugSetUpvalue,
	"traceback":    debugTraceback,
}

// debugThread is getthread: an optional thread as first argument; arg is the offset of
// the arguments after it.
func debugThread(L *LState) (*LState, int) {
	if th, ok := L.Get(1).(*LState); ok {
		return th, 1
	}
	return L, 0
}

// stackEntry is one level of a thread's stack: a frame, a tail call the VM no longer
// keeps, or the yield a suspended coroutine waits in (yield is the Lua frame that
// called it; the VM keeps no frame for it).
type stackEntry struct {
	frame *callFrame
	tail  bool
	yield *callFrame
}

// stackLevel is lua_getstack: the entry at level, 0 being the running function.
func stackLevel(L1 *LState, level int) (stackEntry, bool) {
	if level < 0 {
		return stackEntry{}, false
	}
	frame := L1.currentFrame
	if pendingGoCall(L1) {
		if level == 0 {
			return stackEntry{yield: frame}, true
		}
		level--
	}
	for ; level > 0 && frame != nil; frame = frame.Parent {
		level--
		if !frame.Fn.IsG {
			level -= frame.TailCall
		}
	}
	if level == 0 && frame != nil {
		return stackEntry{frame: frame}, true
	}
	if level < 0 {
		return stackEntry{tail: true}, true
	}
	return stackEntry{}, false
}

// sourceNames returns a function's source as given to load ("@file", "=name" or the
// chunk's text) and the short_src messages show. The VM keeps one name per chunk, the
// short one: a file's path, a "=name" without its "=" (stdin, "(load)"), or
// [string "text"] for the other chunks (only the first line of a chunk's text is left).
func sourceNames(p *FunctionProto) (string, string) {
	if p.Source != "" {
		return p.Source, ChunkID(p.Source)
	}
	s := p.SourceName
	switch {
	case strings.HasPrefix(s, "=") || strings.HasPrefix(s, "@"):
		return s, ChunkID(s)
	case strings.HasPrefix(s, `[string "`) && strings.HasSuffix(s, `"]`):
		return strings.TrimSuffix(strings.TrimSuffix(s[len(`[string "`):], `"]`), "..."), s
	case s == "stdin" || strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")"):
		return "=" + s, s
	}
	return "@" + s, ChunkID("@" + s)
}

// debugInfo is lua_Debug.
type debugInfo struct {
	source, shortSrc, what, name, namewhat          string
	currentLine, lineDefined, lastLineDefined, nups int
	fn                                              *LFunction
	// nameKnown: name is set even though namewhat is "" (a tail call's is "").
	nameKnown bool
}

// getInfo is lua_getinfo for a function (e empty) or a stack entry. ok is false for an
// unknown option.
func getInfo(L1 *LState, options string, fn *LFunction, e stackEntry) (debugInfo, bool) {
	frame, tail := e.frame, e.tail
	ar := debugInfo{currentLine: -1, nameKnown: tail}
	if frame != nil {
		fn = frame.Fn
	}
	if e.yield != nil {
		fn, _ = yieldedFunction(L1, e.yield)
	}
	ar.fn = fn
	for _, c := range options {
		switch c {
		case 'S':
			switch {
			case tail:
				ar.source, ar.shortSrc, ar.what = "=(tail call)", "(tail call)", "tail"
				ar.lineDefined, ar.lastLineDefined = -1, -1
			case fn == nil || fn.IsG:
				ar.source, ar.shortSrc, ar.what = "=[C]", "[C]", "C"
				ar.lineDefined, ar.lastLineDefined = -1, -1
			default:
				ar.source, ar.shortSrc = sourceNames(fn.Proto)
				ar.lineDefined, ar.lastLineDefined = fn.Proto.LineDefined, fn.Proto.LastLineDefined
				ar.what = "Lua"
				if ar.lineDefined == 0 {
					ar.what, ar.lastLineDefined = "main", 0
				}
			}
		case 'l':
			ar.currentLine = currentLine(frame)
		case 'u':
			if fn != nil {
				ar.nups = len(fn.Upvalues)
			}
		case 'n':
			if frame != nil {
				ar.name, ar.namewhat = funcName(frame)
			} else if e.yield != nil {
				ar.name, ar.namewhat = callName(e.yield)
			}
		case 'L', 'f':
		default:
			return ar, false
		}
	}
	return ar, true
}

func currentLine(frame *callFrame) int {
	if frame == nil || frame.Fn.IsG || frame.Pc <= 0 || frame.Pc > len(frame.Fn.Proto.DbgSourcePositions) {
		return -1
	}
	return frame.Fn.Proto.DbgSourcePositions[frame.Pc-1]
}

// funcName is ldebug.c's getfuncname: how the calling Lua function named the function
// running in frame ("global", "local", "method", "field", "upvalue"), or "" when a Go
// function or a tail call called it.
func funcName(frame *callFrame) (string, string) {
	if (!frame.Fn.IsG && frame.TailCall > 0) || frame.Parent == nil || frame.Parent.Fn.IsG {
		return "", ""
	}
	return callName(frame.Parent)
}

// callName names the function the Lua frame caller is calling.
func callName(caller *callFrame) (string, string) {
	pc := caller.Pc - 1
	p := caller.Fn.Proto
	if pc < 0 || pc >= len(p.Code) {
		return "", ""
	}
	switch inst := p.Code[pc]; opGetOpCode(inst) {
	case OP_CALL, OP_TAILCALL, OP_TFORLOOP:
		return objName(caller.Fn, pc, opGetArgA(inst))
	}
	return "", ""
}

// pendingGoCall tells whether a coroutine is suspended in a yield, a Go function whose
// frame the VM no longer keeps.
func pendingGoCall(L1 *LState) bool {
	return L1.currentFrame != nil && L1 != L1.G.MainThread && L1.G.CurrentThread.Status(L1) == "suspended"
}

// yieldedFunction is the function a suspended coroutine called to yield: still in the
// call's register, as its results have not come yet.
func yieldedFunction(L1 *LState, caller *callFrame) (*LFunction, bool) {
	pc := caller.Pc - 1
	if caller.Fn.IsG || pc < 0 || pc >= len(caller.Fn.Proto.Code) {
		return nil, false
	}
	fn, ok := L1.reg.Get(caller.LocalBase + opGetArgA(caller.Fn.Proto.Code[pc])).(*LFunction)
	return fn, ok
}

// objName is ldebug.c's getobjname: a name for the value in register reg at pc, from
// the local it is, or the instruction that last loaded it.
func objName(fn *LFunction, pc, reg int) (string, string) {
	if name, ok := fn.LocalName(reg+1, pc); ok {
		return name, "local"
	}
	p := fn.Proto
	last := -1
	for i := 0; i < pc; i++ {
		inst := p.Code[i]
		a := opGetArgA(inst)
		switch opGetOpCode(inst) {
		case OP_LOADNIL:
			if a <= reg && reg <= opGetArgB(inst) {
				last = i
			}
		case OP_SELF:
			if reg == a || reg == a+1 {
				last = i
			}
		case OP_CALL, OP_TAILCALL, OP_VARARG:
			if reg >= a {
				last = i
			}
		case OP_TFORLOOP:
			if reg >= a+3 {
				last = i
			}
		case OP_FORLOOP, OP_FORPREP:
			if a <= reg && reg <= a+3 {
				last = i
			}
		case OP_JMP, OP_SETGLOBAL, OP_SETUPVAL, OP_SETTABLE, OP_SETTABLEKS, OP_SETLIST,
			OP_EQ, OP_LT, OP_LE, OP_TEST, OP_RETURN, OP_CLOSE, OP_NOP:
		default:
			if a == reg {
				last = i
			}
		}
	}
	if last < 0 {
		return "", ""
	}
	inst := p.Code[last]
	constName := func(rk int) string {
		if opIsK(rk) {
			if s, ok := p.Constants[opIndexK(rk)].(LString); ok {
				return string(s)
			}
		}
		return "?"
	}
	switch opGetOpCode(inst) {
	case OP_GETGLOBAL:
		if s, ok := p.Constants[opGetArgBx(inst)].(LString); ok {
			return string(s), "global"
		}
	case OP_MOVE, OP_MOVEN:
		if b := opGetArgB(inst); b < opGetArgA(inst) {
			return objName(fn, pc, b)
		}
	case OP_GETTABLE, OP_GETTABLEKS:
		return constName(opGetArgC(inst)), "field"
	case OP_GETUPVAL:
		if b := opGetArgB(inst); b < len(p.DbgUpvalues) {
			return p.DbgUpvalues[b], "upvalue"
		}
		return "?", "upvalue"
	case OP_SELF:
		return constName(opGetArgC(inst)), "method"
	}
	return "", ""
}

func debugGetInfo(L *LState) int {
	L1, arg := debugThread(L)
	options := L.OptString(arg+2, "flnSu")
	var (
		fn    *LFunction
		entry stackEntry
	)
	switch lv := L.Get(arg + 1).(type) {
	case *LFunction:
		if strings.HasPrefix(options, ">") {
			L.ArgError(arg+2, "invalid option")
		}
		fn = lv
	case LNumber, LString:
		level, err := parseNumber(LVAsString(lv))
		if err != nil {
			L.ArgError(arg+1, "function or level expected")
		}
		var ok bool
		entry, ok = stackLevel(L1, int(level))
		if !ok {
			L.Push(LNil)
			return 1
		}
	default:
		L.ArgError(arg+1, "function or level expected")
	}
	ar, ok := getInfo(L1, options, fn, entry)
	if !ok {
		L.ArgError(arg+2, "invalid option")
	}
	tbl := L.CreateTable(0, 2)
	if strings.ContainsRune(options, 'S') {
		tbl.RawSetString("source", LString(ar.source))
		tbl.RawSetString("short_src", LString(ar.shortSrc))
		tbl.RawSetString("linedefined", LNumber(ar.lineDefined))
		tbl.RawSetString("lastlinedefined", LNumber(ar.lastLineDefined))
		tbl.RawSetString("what", LString(ar.what))
	}
	if strings.ContainsRune(options, 'l') {
		tbl.RawSetString("currentline", LNumber(ar.currentLine))
	}
	if strings.ContainsRune(options, 'u') {
		tbl.RawSetString("nups", LNumber(ar.nups))
	}
	if strings.ContainsRune(options, 'n') {
		if ar.namewhat != "" || ar.nameKnown {
			tbl.RawSetString("name", LString(ar.name))
		}
		tbl.RawSetString("namewhat", LString(ar.namewhat))
	}
	if strings.ContainsRune(options, 'L') && ar.fn != nil && !ar.fn.IsG {
		lines := L.NewTable()
		for _, line := range ar.fn.Proto.DbgSourcePositions {
			lines.RawSetInt(line, LTrue)
		}
		tbl.RawSetString("activelines", lines)
	}
	if strings.ContainsRune(options, 'f') && ar.fn != nil {
		tbl.RawSetString("func", ar.fn)
	}
	L.Push(tbl)
	return 1
}

func debugGetFEnv(L *LState) int {
	L.Push(L.GetFEnv(L.CheckAny(1)))
	return 1
}

func debugSetFEnv(L *LState) int {
	L.CheckTable(2)
	switch L.Get(1).(type) {
	case *LFunction, *LUserData, *LState:
		L.SetFEnv(L.Get(1), L.Get(2))
	default:
		L.RaiseError("'setfenv' cannot change environment of given object")
	}
	L.SetTop(1)
	return 1
}

func debugGetLocal(L *LState) int {
	L1, arg := debugThread(L)
	level := L.CheckInt(arg + 1)
	idx := L.CheckInt(arg + 2)
	entry, ok := stackLevel(L1, level)
	if !ok || entry.frame == nil {
		L.ArgError(arg+1, "level out of range")
	}
	if idx < 1 { // no local 0 or below in Lua 5.1
		L.Push(LNil)
		return 1
	}
	name, value := L1.GetLocal(&Debug{frame: entry.frame}, idx)
	if len(name) > 0 {
		L.Push(LString(name))
		L.Push(value)
		return 2
	}
	L.Push(LNil)
	return 1
}

func debugSetLocal(L *LState) int {
	L1, arg := debugThread(L)
	level := L.CheckInt(arg + 1)
	idx := L.CheckInt(arg + 2)
	value := L.CheckAny(arg + 3)
	entry, ok := stackLevel(L1, level)
	if !ok || entry.frame == nil {
		L.ArgError(arg+1, "level out of range")
	}
	name := ""
	if idx >= 1 {
		name = L1.SetLocal(&Debug{frame: entry.frame}, idx, value)
	}
	if len(name) > 0 {
		L.Push(LString(name))
	} else {
		L.Push(LNil)
	}
	return 1
}

// debugGetMetatable returns the metatable itself, ignoring __metatable.
func debugGetMetatable(L *LState) int {
	L.CheckAny(1)
	L.Push(L.metatable(L.Get(1), true))
	return 1
}

func debugSetMetatable(L *LState) int {
	if t := L.Get(2).Type(); t != LTNil && t != LTTable {
		L.ArgError(2, "nil or table expected")
	}
	L.SetMetatable(L.Get(1), L.Get(2))
	if ud, ok := L.Get(1).(*LUserData); ok {
		L.G.addFinalizable(ud) // minioscript patch: __gc of userdata given a metatable by Lua code
	}
	L.Push(LTrue)
	return 1
}

func debugGetRegistry(L *LState) int {
	L.Push(L.Get(RegistryIndex))
	return 1
}

// debugUpvalue is auxupvalue: nothing for a Go function or an index out of range.
func debugUpvalue(L *LState, get bool) int {
	n := L.CheckInt(2)
	fn := L.CheckFunction(1)
	if !get {
		L.CheckAny(3)
	}
	if fn.IsG || n < 1 || n > len(fn.Upvalues) {
		return 0
	}
	name := ""
	if n-1 < len(fn.Proto.DbgUpvalues) {
		name = fn.Proto.DbgUpvalues[n-1]
	}
	L.Push(LString(name))
	if get {
		L.Push(fn.Upvalues[n-1].Value())
		return 2
	}
	fn.Upvalues[n-1].SetValue(L.Get(3))
	return 1
}

func debugGetUpvalue(L *LState) int { return debugUpvalue(L, true) }
func debugSetUpvalue(L *LState) int { return debugUpvalue(L, false) }

// debugSetHook sets the hook of a thread (hooks.go).
func debugSetHook(L *LState) int {
	L1, arg := debugThread(L)
	if L.Get(arg+1) == LNil {
		L1.hooks = nil
		return 0
	}
	mask := L.CheckString(arg + 2)
	fn := L.CheckFunction(arg + 1)
	count := max(L.OptInt(arg+3, 0), 0)
	hs := &hookState{fn: fn, count: count, left: count, running: L1.hooks != nil && L1.hooks.running}
	for i, c := range "crl" {
		if strings.ContainsRune(mask, c) {
			hs.mask |= 1 << i
		}
	}
	L1.hooks = hs
	return 0
}

// debugGetHook returns the hook, its mask and count; nil, "" and 0 without one.
func debugGetHook(L *LState) int {
	L1, _ := debugThread(L)
	h := L1.hooks
	if h == nil {
		L.Push(LNil)
		L.Push(LString(""))
		L.Push(LNumber(0))
		return 3
	}
	var mask strings.Builder
	for i, c := range "crl" {
		if h.mask&(1<<i) != 0 {
			mask.WriteRune(c)
		}
	}
	L.Push(h.fn)
	L.Push(LString(mask.String()))
	L.Push(LNumber(h.count))
	return 3
}

// debugDebug is Lua 5.1's interactive debug prompt: it runs each line of standard
// input until "cont".
func debugDebug(L *LState) int {
	in := bufio.NewScanner(os.Stdin)
	for {
		fmt.Fprint(os.Stderr, "lua_debug> ")
		if !in.Scan() || in.Text() == "cont" {
			return 0
		}
		fn, err := L.LoadString(in.Text())
		if err == nil {
			L.Push(fn)
			err = L.PCall(0, 0, nil)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err.Error())
		}
	}
}

const (
	tracebackLevels1 = 12 // levels shown before "..."
	tracebackLevels2 = 10 // levels shown after it
)

// traceback is ldblib.c's db_errorfb: "stack traceback:" and one line per level from
// level on, the middle of a deep stack left out.
// stackDepth is the first level from level on that stackLevel does not find, found by
// doubling and bisection since each stackLevel walks the frames.
func stackDepth(L1 *LState, level int) int {
	hi := 1
	for {
		if _, ok := stackLevel(L1, level+hi); !ok {
			break
		}
		hi *= 2
	}
	return level + sort.Search(hi, func(i int) bool {
		_, ok := stackLevel(L1, level+i)
		return !ok
	})
}

func traceback(L1 *LState, level int) string {
	var b strings.Builder
	b.WriteString("stack traceback:")
	firstPart := true
	for {
		entry, ok := stackLevel(L1, level)
		if !ok {
			if _, prev := stackLevel(L1, level-1); L1 == L1.G.MainThread && prev {
				// lua.c's protected call of the main chunk, a C function
				b.WriteString("\n\t[C]: ?")
			}
			break
		}
		level++
		if level > tracebackLevels1 && firstPart {
			if _, ok := stackLevel(L1, level+tracebackLevels2); !ok {
				level--
			} else {
				b.WriteString("\n\t...")
				// minioscript patch: the depth by bisection (stackLevel walks the frames,
				// so stepping one level at a time was O(depth²) on a 200,000-deep stack).
				level = stackDepth(L1, level) - tracebackLevels2
			}
			firstPart = false
			continue
		}
		ar, _ := getInfo(L1, "Snl", nil, entry)
		b.WriteString("\n\t" + ar.shortSrc + ":")
		if ar.currentLine > 0 {
			fmt.Fprintf(&b, "%d:", ar.currentLine)
		}
		switch {
		case ar.namewhat != "":
			fmt.Fprintf(&b, " in function '%s'", ar.name)
		case ar.what == "main":
			b.WriteString(" in main chunk")
		case ar.what == "C" || ar.what == "tail":
			b.WriteString(" ?")
		default:
			fmt.Fprintf(&b, " in function <%s:%d>", ar.shortSrc, ar.lineDefined)
		}
	}
	return b.String()
}

func debugTraceback(L *LState) int {
	L1, arg := debugThread(L)
	level := 0
	if L == L1 {
		level = 1
	}
	if n, ok := L.Get(arg + 2).(LNumber); ok {
		level = int(n)
	}
	msg := ""
	if L.GetTop() > arg {
		switch v := L.Get(arg + 1).(type) {
		case LString, LNumber:
			msg = LVAsString(v) + "\n"
		default:
			L.Push(v)
			return 1
		}
	}
	L.Push(LString(msg + traceback(L1, level)))
	return 1
}
