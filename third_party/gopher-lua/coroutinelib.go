package lua

import "fmt"

func OpenCoroutine(L *LState) int {
	// TODO: Tie module name to contents of linit.go?
	mod := L.RegisterModule(CoroutineLibName, coFuncs)
	L.Push(mod)
	return 1
}

var coFuncs = map[string]LGFunction{
	"create":  coCreate,
	"yield":   coYield,
	"resume":  coResume,
	"running": coRunning,
	"status":  coStatus,
	"wrap":    coWrap,
}

func coCreate(L *LState) int {
	fn, ok := L.Get(1).(*LFunction)
	if !ok || fn.IsG {
		L.ArgError(1, "Lua function expected")
	}
	newthread := L.newCoroutine()
	base := 0
	newthread.stack.Push(callFrame{
		Fn:         fn,
		Pc:         0,
		Base:       base,
		LocalBase:  base + 1,
		ReturnBase: base,
		NArgs:      0,
		NRet:       MultRet,
		Parent:     nil,
		TailCall:   0,
	})
	L.Push(newthread)
	return 1
}

func coYield(L *LState) int {
	return -1
}

// checkCoroutine is CheckThread with Lua 5.1's message.
func checkCoroutine(L *LState) *LState {
	th, ok := L.Get(1).(*LState)
	if !ok {
		L.ArgError(1, "coroutine expected")
	}
	return th
}

func coResume(L *LState) int {
	th := checkCoroutine(L)
	// minioscript patch: Lua 5.1's messages, and a normal coroutine (one that resumed
	// the running one) cannot be resumed either.
	status := L.Status(th)
	msg := "cannot resume " + status + " coroutine"
	if status == "suspended" && L.nCcalls+1 >= MaxCCalls {
		// minioscript patch: a resume nests Go calls too (Lua 5.1's check in lua_resume).
		status, msg = "", "C stack overflow"
	}
	if status != "suspended" {
		if th.wrapped {
			L.raiseError(0, "%s", callerWhere(L)+msg)
			return 0
		}
		L.Push(LFalse)
		L.Push(LString(msg))
		return 2
	}
	th.Parent = L
	L.G.CurrentThread = th
	if !th.isStarted() {
		cf := th.stack.Last()
		th.currentFrame = cf
		th.SetTop(0)
		nargs := L.GetTop() - 1
		L.XMoveTo(th, nargs)
		cf.NArgs = nargs
		th.initCallFrame(cf)
		th.Panic = panicWithoutTraceback
	} else {
		nargs := L.GetTop() - 1
		L.XMoveTo(th, nargs)
	}
	top := L.GetTop()
	th.nCcalls = L.nCcalls + 1
	threadRun(th)
	return L.GetTop() - top
}

// callerWhere is Lua 5.1's luaL_where(L, 1) in the Go function running in L: the
// position of its Lua caller and a space, or "" for a Go caller (minioscript patch).
func callerWhere(L *LState) string {
	cf := L.currentFrame
	if cf == nil || cf.Parent == nil || cf.Parent.Fn.IsG {
		return ""
	}
	p := cf.Parent
	return fmt.Sprintf("%v:%v: ", p.Fn.Proto.SourceName, p.Fn.Proto.DbgSourcePositions[p.Pc-1])
}

func coRunning(L *LState) int {
	if L.G.MainThread == L {
		L.Push(LNil)
		return 1
	}
	L.Push(L.G.CurrentThread)
	return 1
}

func coStatus(L *LState) int {
	L.Push(LString(L.Status(checkCoroutine(L))))
	return 1
}

func wrapaux(L *LState) int {
	L.Insert(L.ToThread(UpvalueIndex(1)), 1)
	return coResume(L)
}

func coWrap(L *LState) int {
	coCreate(L)
	L.CheckThread(L.GetTop()).wrapped = true
	v := L.Get(L.GetTop())
	L.Pop(1)
	L.Push(L.NewClosure(wrapaux, v))
	return 1
}

//
