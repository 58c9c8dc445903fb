package lua

// debug.sethook's hooks (minioscript patch). The main loops call instruction before
// each instruction of a Lua function while a hook is set: "call" (or "tail call") at a
// function's first instruction, "count" every count instructions, "line" as Lua 5.1's
// luaG_traceexec (a new function, a jump back, or a new line), "return" before a
// return. Go functions' calls and returns are not reported. A thread without a hook
// pays one nil check per instruction.

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
	pc := cf.Pc - 1
	if h.mask&hookMaskCall != 0 && pc == 0 {
		if cf.TailCall > 0 {
			h.call(L, "tail call", LNil)
		} else {
			h.call(L, "call", LNil)
		}
	}
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
	}
}

// call runs the hook with hooks off, as Lua does.
func (h *hookState) call(L *LState, event string, line LValue) {
	h.running = true
	defer func() { h.running = false }()
	L.Push(h.fn)
	L.Push(LString(event))
	L.Push(line)
	L.Call(2, 0)
}
