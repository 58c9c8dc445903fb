package lua

// minioscript patch: runtime errors worded as Lua 5.1's ldebug.c words them
// ("attempt to perform arithmetic on local 'x' (a nil value)"). Scripts and test
// suites match on these texts. The variable names come from the bytecode, as in
// Lua: the local variable information, or else the instruction that last loaded the
// register. All of this runs only once an error is being raised.

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"strings"
	"syscall"
)

// errInErrorHandling is the error xpcall returns when its handler raises one.
const errInErrorHandling = "error in error handling"

// runError raises msg as luaG_runerror does: prefixed with the position of the
// current function when that is a Lua function, as it is otherwise (an error the VM
// raises for a Go function, such as rawset's "table index is nil").
func (ls *LState) runError(format string, args ...interface{}) {
	msg := fmt.Sprintf(format, args...)
	if cf := ls.currentFrame; cf != nil && !cf.Fn.IsG && cf.Pc > 0 {
		p := cf.Fn.Proto
		msg = fmt.Sprintf("%v:%v: %v", p.SourceName, p.DbgSourcePositions[cf.Pc-1], msg)
	}
	ls.raiseError(0, "%s", msg)
}

// typeError raises luaG_typeerror's message for v, which the current Lua function
// holds in register reg (-1: v is in no register, as a constant or a metamethod's
// value, and has no name).
func (ls *LState) typeError(v LValue, reg int, op string) {
	if kind, name := ls.objName(ls.currentFrame, reg); kind != "" {
		ls.runError("attempt to %s %s '%s' (a %s value)", op, kind, name, v.Type().String())
	}
	ls.runError("attempt to %s a %s value", op, v.Type().String())
}

// arithError is luaG_aritherror: the first operand is at fault unless it converts
// to a number.
func (ls *LState) arithError(lhs, rhs LValue) {
	rb, rc := -1, -1
	if inst, ok := ls.currentInst(); ok {
		switch op := opGetOpCode(inst); {
		case op >= OP_ADD && op <= OP_POW:
			rb, rc = rkReg(opGetArgB(inst)), rkReg(opGetArgC(inst))
		case op == OP_UNM:
			rb = rkReg(opGetArgB(inst))
			rc = rb
		}
	}
	if _, ok := toArithNumber(lhs); ok {
		ls.typeError(rhs, rc, "perform arithmetic on")
	}
	ls.typeError(lhs, rb, "perform arithmetic on")
}

func toArithNumber(v LValue) (LNumber, bool) {
	switch lv := v.(type) {
	case LNumber:
		return lv, true
	case LString:
		if n, err := parseNumber(string(lv)); err == nil {
			return n, true
		}
	}
	return 0, false
}

// concatError is luaG_concaterror for the operands in absolute registers i and i+1.
func (ls *LState) concatError(lhs, rhs LValue, i int) {
	if lhs.Type() == LTString || lhs.Type() == LTNumber {
		ls.typeError(rhs, ls.frameReg(i+1), "concatenate")
	}
	ls.typeError(lhs, ls.frameReg(i), "concatenate")
}

// orderError is luaG_ordererror.
func (ls *LState) orderError(lhs, rhs LValue) {
	t1, t2 := lhs.Type().String(), rhs.Type().String()
	if t1 == t2 {
		ls.runError("attempt to compare two %s values", t1)
	}
	ls.runError("attempt to compare %s with %s", t1, t2)
}

// indexError raises "attempt to index ..." for obj; first says obj is the value the
// instruction indexed, not one reached through __index or __newindex.
func (ls *LState) indexError(obj LValue, first bool) {
	reg := -1
	if inst, ok := ls.currentInst(); ok && first {
		switch opGetOpCode(inst) {
		case OP_GETTABLE, OP_GETTABLEKS, OP_SELF:
			reg = opGetArgB(inst)
		case OP_SETTABLE, OP_SETTABLEKS:
			reg = opGetArgA(inst)
		}
	}
	ls.typeError(obj, reg, "index")
}

// tableIndexError raises Lua's error for a nil or NaN table key.
func (ls *LState) tableIndexError(key LValue) {
	if n, ok := key.(LNumber); ok && math.IsNaN(float64(n)) {
		ls.runError("table index is NaN")
	}
	ls.runError("table index is nil")
}

// callError raises "attempt to call ..." for fn, which the caller was about to call
// from absolute register base.
func (ls *LState) callError(fn LValue, base int) {
	reg := -1
	if inst, ok := ls.currentInst(); ok {
		switch opGetOpCode(inst) {
		case OP_CALL, OP_TAILCALL, OP_TFORLOOP:
			reg = ls.frameReg(base)
		}
	}
	ls.typeError(fn, reg, "call")
}

// currentInst is the instruction the current function runs, when that is a Lua
// function.
func (ls *LState) currentInst() (uint32, bool) {
	cf := ls.currentFrame
	if cf == nil || cf.Fn.IsG || cf.Pc <= 0 || cf.Pc > len(cf.Fn.Proto.Code) {
		return 0, false
	}
	return cf.Fn.Proto.Code[cf.Pc-1], true
}

// frameReg turns an absolute register into one of the current Lua function (-1 if
// it is none of its registers).
func (ls *LState) frameReg(abs int) int {
	cf := ls.currentFrame
	if cf == nil || cf.Fn.IsG || abs < cf.LocalBase {
		return -1
	}
	return abs - cf.LocalBase
}

// rkReg is the register an RK field names (-1 for a constant or no field).
func rkReg(rk int) int {
	if rk < 0 || opIsK(rk) {
		return -1
	}
	return rk
}

// objName is getobjname: how the Lua function of frame cf got the value in register
// reg at its current instruction ("local", "global", "field", "upvalue", "method"
// and the name), or "" when unknown.
func (ls *LState) objName(cf *callFrame, reg int) (kind, name string) {
	if cf == nil || cf.Fn.IsG || reg < 0 || cf.Pc <= 0 {
		return "", ""
	}
	p := cf.Fn.Proto
	pc := cf.Pc - 1
	for depth := 0; depth < 256; depth++ {
		if name, ok := activeLocalName(p, reg, pc); ok {
			return "local", name
		}
		inst, ok := symbexec(p, pc, reg)
		if !ok {
			return "", ""
		}
		switch opGetOpCode(inst) {
		case OP_GETGLOBAL:
			if s, ok := p.Constants[opGetArgBx(inst)].(LString); ok {
				return "global", string(s)
			}
			return "global", "?"
		case OP_MOVE, OP_MOVEN:
			a, b := opGetArgA(inst), opGetArgB(inst)
			if b >= a {
				return "", ""
			}
			reg = b
		case OP_GETTABLE, OP_GETTABLEKS:
			return "field", constName(p, opGetArgC(inst))
		case OP_GETUPVAL:
			u := opGetArgB(inst)
			if u < len(p.DbgUpvalues) {
				return "upvalue", p.DbgUpvalues[u]
			}
			return "upvalue", "?"
		case OP_SELF:
			return "method", constName(p, opGetArgC(inst))
		default:
			return "", ""
		}
	}
	return "", ""
}

// constName is kname: the string constant an RK field names, or "?".
func constName(p *FunctionProto, rk int) string {
	if opIsK(rk) {
		if s, ok := p.Constants[opIndexK(rk)].(LString); ok {
			return string(s)
		}
	}
	return "?"
}

// activeLocalName is luaF_getlocalname for register reg at instruction pc: the
// locals active there are numbered in order of declaration, one register each.
func activeLocalName(p *FunctionProto, reg, pc int) (string, bool) {
	n := reg
	for _, l := range p.DbgLocals {
		if l.StartPc > pc {
			break
		}
		if pc <= l.EndPc {
			if n == 0 {
				return l.Name, true
			}
			n--
		}
	}
	return "", false
}

// symbexec is the tracing part of Lua 5.1's symbexec: the last instruction before
// lastpc that set register reg, following forward jumps that do not pass lastpc.
// ok is false when no instruction did (Lua then looks at the final RETURN, which
// names nothing).
func symbexec(p *FunctionProto, lastpc, reg int) (uint32, bool) {
	last := -1
	code := p.Code
	for pc := 0; pc < lastpc && pc < len(code); pc++ {
		inst := code[pc]
		op := opGetOpCode(inst)
		a := opGetArgA(inst)
		if op <= opCodeMax && opProps[op].SetRegA && a == reg {
			last = pc
		}
		switch op {
		case OP_LOADNIL:
			if a <= reg && reg <= opGetArgB(inst) {
				last = pc
			}
		case OP_SELF:
			if reg == a+1 {
				last = pc
			}
		case OP_TFORLOOP:
			if reg >= a+2 {
				last = pc
			}
		case OP_FORLOOP, OP_FORPREP, OP_JMP:
			if dest := pc + 1 + opGetArgSbx(inst); pc < dest && dest <= lastpc {
				pc = dest - 1
			}
		case OP_CALL, OP_TAILCALL:
			if reg >= a {
				last = pc
			}
		case OP_SETLIST:
			if opGetArgC(inst) == 0 {
				pc++
			}
		case OP_CLOSURE:
			pc += int(p.FunctionPrototypes[opGetArgBx(inst)].NumUpvalues)
		}
	}
	if last < 0 {
		return 0, false
	}
	return code[last], true
}

// funcName is getfuncname: how the caller of frame cf named the function it called
// ("global", "local", "method", "field", "upvalue" and the name), or "" when the
// caller is not a Lua function or the call was a Lua tail call.
func (ls *LState) funcName(cf *callFrame) (kind, name string) {
	if cf == nil || (!cf.Fn.IsG && cf.TailCall > 0) {
		return "", ""
	}
	caller := cf.Parent
	if caller == nil || caller.Fn.IsG || caller.Pc <= 0 {
		return "", ""
	}
	inst := caller.Fn.Proto.Code[caller.Pc-1]
	switch opGetOpCode(inst) {
	case OP_CALL, OP_TAILCALL:
		return ls.objName(caller, opGetArgA(inst))
	case OP_TFORLOOP:
		// Lua 5.1 names the generator's register (A), which holds "(for generator)".
		return ls.objName(caller, opGetArgA(inst))
	}
	return "", ""
}

// lenError raises "attempt to get length of ..." for the operand of OP_LEN.
func (ls *LState) lenError(v LValue) {
	reg := -1
	if inst, ok := ls.currentInst(); ok && opGetOpCode(inst) == OP_LEN {
		reg = rkReg(opGetArgB(inst))
	}
	ls.typeError(v, reg, "get length of")
}

// forPrepConvert is OP_FORPREP's slow path: it converts the loop's initial value,
// limit and step in registers ra..ra+2 to numbers as Lua does (numeric strings are
// numbers), or raises Lua's error for the first that is not one. It returns the
// initial value and the step.
func forPrepConvert(L *LState, ra int) (LNumber, LNumber) {
	var nums [3]LNumber
	for i, what := range [3]string{"initial value", "limit", "step"} {
		n, ok := toArithNumber(L.reg.Get(ra + i))
		if !ok {
			L.runError("'for' %s must be a number", what)
		}
		nums[i] = n
		L.reg.Set(ra+i, n)
	}
	return nums[0], nums[2]
}

// osErrorText is C's strerror for the system error behind err ("No such file or
// directory") and its errno, 0 when err carries none; Lua's file messages quote it.
func osErrorText(err error) (string, int) {
	var errno syscall.Errno
	if errors.As(err, &errno) && errno != 0 {
		msg := errno.Error()
		return strings.ToUpper(msg[:1]) + msg[1:], int(errno)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error(), 0
	}
	return err.Error(), 0
}

// fileError is Lua's "name: strerror" message for a failed file operation, and the
// errno (luaL_fileresult, io.lines, io.input).
func fileError(name string, err error) (string, int) {
	text, errno := osErrorText(err)
	return name + ": " + text, errno
}

// pushFileResult pushes the nil, message and errno a failed file operation returns in
// Lua (luaL_fileresult).
func pushFileResult(L *LState, name string, err error) int {
	msg, errno := fileError(name, err)
	L.Push(LNil)
	L.Push(LString(msg))
	L.Push(LNumber(errno))
	return 3
}

// loadFileError is luaL_loadfile's "cannot open name: strerror"; what is "open" or
// "read".
func loadFileError(what, name string, err error) *ApiError {
	text, _ := osErrorText(err)
	return &ApiError{ApiErrorFile, LString(fmt.Sprintf("cannot %s %s: %s", what, name, text)), "", err}
}
