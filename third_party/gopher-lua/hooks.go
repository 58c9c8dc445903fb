package lua

// debug.sethook's hooks (minioscript patch). The main loops call instruction before
// each instruction of a Lua function while a hook is set: "call" at a function's first
// instruction, "count" every count instructions, "line" as Lua 5.1's luaG_traceexec
// (a new function, a jump back, or a new line), "return" before a return (then "tail
// return" for each tail call it replaced); callGFunction reports the calls and returns
// of Go functions. A thread without a hook pays one nil check per instruction.

// The mask bits, in the order of debug.sethook's letters "crl".
const (
	hookMaskCall = 1 << iota
	hookMaskReturn
	hookMaskLine
)

type hookState struct {
	fn          LValue
	mask        int
	count, left int
	frame       *callFrame // the frame and pc of the last line event's check
	pc          int
	running     bool
}

func (h *hookState) instruction(L *LState, cf *callFrame, inst uint32) {
	if h.running {
		return
	}
	if h.mask&hookMaskCall != 0 && cf.Pc == 1 {
		h.call(L, "call", LNil)
		if L.hooks != h {
			// the call hook set another hook: it sees this instruction's other events
			if L.hooks != nil {
				L.hooks.afterCall(L, cf, inst)
			}
			return
		}
	}
	h.afterCall(L, cf, inst)
}

// afterCall reports the count, line and return events of an instruction.
func (h *hookState) afterCall(L *LState, cf *callFrame, inst uint32) {
	pc := cf.Pc - 1
	if h.count > 0 {
		h.left--
		if h.left <= 0 {
			h.left = h.count
			h.call(L, "count", LNil)
		}
	}
	if h.mask&hookMaskLine != 0 {
		lines := cf.Fn.Proto.DbgSourcePositions
		prev := h.pc
		if cf != h.frame {
			prev = pc - 1
		}
		if pc == 0 || pc <= prev || prev >= len(lines) || lines[pc] != lines[prev] {
			h.call(L, "line", LNumber(lines[pc]))
		}
		h.frame, h.pc = cf, pc
	}
	if h.mask&hookMaskReturn != 0 && opGetOpCode(inst) == OP_RETURN {
		h.call(L, "return", LNil)
		// and one "tail return" per call the function's tail calls replaced
		for i := 0; i < cf.TailCall; i++ {
			h.call(L, "tail return", LNil)
		}
	}
}

// call runs the hook with hooks off, as Lua does; a hook set meanwhile (by the hook)
// is off too until the hook returns.
func (h *hookState) call(L *LState, event string, line LValue) {
	h.running = true
	defer func() {
		h.running = false
		if L.hooks != nil {
			L.hooks.running = false
		}
	}()
	L.Push(h.fn)
	L.Push(LString(event))
	L.Push(line)
	L.Call(2, 0)
}

// goCall and goReturn are the call and return events of a Go function.
func (h *hookState) goCall(L *LState) {
	if !h.running && h.mask&hookMaskCall != 0 {
		h.call(L, "call", LNil)
	}
}

func (h *hookState) goReturn(L *LState) {
	if !h.running && h.mask&hookMaskReturn != 0 {
		h.call(L, "return", LNil)
	}
}
