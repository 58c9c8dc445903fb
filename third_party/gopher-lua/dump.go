package lua

// minioscript patch: string.dump and the loading of its result. The binary chunk is
// minioscript's own serialization of a FunctionProto, not PUC Lua's bytecode: Lua's
// signature "\x1bLua", then dumpVersion, the prototype tree, and a CRC-32 of all before
// it. A chunk that is truncated, corrupt or of another format is refused with Lua's
// messages ("binary string: bad header in precompiled chunk"); the code of a chunk
// that passes the checksum is still checked (verifyProto) so that no Go panic can come
// from a crafted one.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
)

// dumpSignature starts every binary chunk, as Lua's LUA_SIGNATURE.
const dumpSignature = "\x1bLua"

// dumpVersion follows the signature: "ms" and the format's version. Lua 5.1 puts 0x51
// there, so PUC Lua's bytecode is refused as a bad header.
const dumpVersion = "ms\x01"

// Dump serializes a Lua function's prototype as string.dump does.
func Dump(fn *LFunction) ([]byte, error) {
	if fn.IsG {
		return nil, errors.New("unable to dump given function")
	}
	w := &dumpWriter{}
	w.buf.WriteString(dumpSignature + dumpVersion)
	w.proto(fn.Proto)
	binary.LittleEndian.PutUint32(w.tmp[:4], crc32.ChecksumIEEE(w.buf.Bytes()))
	w.buf.Write(w.tmp[:4])
	return w.buf.Bytes(), nil
}

type dumpWriter struct {
	buf bytes.Buffer
	tmp [binary.MaxVarintLen64]byte
}

func (w *dumpWriter) int(v int) {
	w.buf.Write(w.tmp[:binary.PutVarint(w.tmp[:], int64(v))])
}

func (w *dumpWriter) string(s string) {
	w.int(len(s))
	w.buf.WriteString(s)
}

func (w *dumpWriter) proto(p *FunctionProto) {
	w.string(p.SourceName)
	w.string(p.Source)
	w.int(p.LineDefined)
	w.int(p.LastLineDefined)
	w.buf.Write([]byte{p.NumUpvalues, p.NumParameters, p.IsVarArg, p.NumUsedRegisters})
	w.int(len(p.Code))
	for _, inst := range p.Code {
		binary.LittleEndian.PutUint32(w.tmp[:4], inst)
		w.buf.Write(w.tmp[:4])
	}
	w.int(len(p.Constants))
	for _, c := range p.Constants {
		switch v := c.(type) {
		case LNumber:
			w.buf.WriteByte(byte(LTNumber))
			binary.LittleEndian.PutUint64(w.tmp[:8], math.Float64bits(float64(v)))
			w.buf.Write(w.tmp[:8])
		case LString:
			w.buf.WriteByte(byte(LTString))
			w.string(string(v))
		case LBool:
			w.buf.WriteByte(byte(LTBool))
			if v {
				w.buf.WriteByte(1)
			} else {
				w.buf.WriteByte(0)
			}
		default:
			w.buf.WriteByte(byte(LTNil))
		}
	}
	w.int(len(p.FunctionPrototypes))
	for _, child := range p.FunctionPrototypes {
		w.proto(child)
	}
	w.int(len(p.DbgSourcePositions))
	for _, line := range p.DbgSourcePositions {
		w.int(line)
	}
	w.int(len(p.DbgLocals))
	for _, l := range p.DbgLocals {
		w.string(l.Name)
		w.int(l.StartPc)
		w.int(l.EndPc)
	}
	w.int(len(p.DbgCalls))
	for _, c := range p.DbgCalls {
		w.string(c.Name)
		w.int(c.Pc)
	}
	w.int(len(p.DbgUpvalues))
	for _, name := range p.DbgUpvalues {
		w.string(name)
	}
}

// errUndump is a binary chunk's fault, reported as Lua's lundump does.
type errUndump string

func (e errUndump) Error() string { return string(e) }

const (
	errTruncated errUndump = "unexpected end"
	errHeader    errUndump = "bad header"
	errCode      errUndump = "bad code"
)

// Undump reads a binary chunk written by Dump; name is the chunk's name in messages
// ("binary string" for one given as a string, as Lua).
func Undump(data []byte, name string) (proto *FunctionProto, err error) {
	fail := func(e errUndump) error { return fmt.Errorf("%s: %w in precompiled chunk", name, e) }
	head := dumpSignature + dumpVersion
	if n := min(len(data), len(head)); string(data[:n]) != head[:n] {
		return nil, fail(errHeader)
	}
	if len(data) < len(head)+4 {
		return nil, fail(errTruncated)
	}
	body, sum := data[:len(data)-4], data[len(data)-4:]
	if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(sum) {
		return nil, fail(errCode)
	}
	r := &undumpReader{data: body[len(head):]}
	defer func() {
		if rcv := recover(); rcv != nil {
			e, ok := rcv.(errUndump)
			if !ok {
				panic(rcv)
			}
			proto, err = nil, fail(e)
		}
	}()
	proto = r.proto(0)
	if len(r.data) != 0 {
		panic(errCode)
	}
	return proto, nil
}

type undumpReader struct {
	data []byte
}

func (r *undumpReader) bytes(n int) []byte {
	if n < 0 || n > len(r.data) {
		panic(errTruncated)
	}
	b := r.data[:n]
	r.data = r.data[n:]
	return b
}

func (r *undumpReader) int() int {
	v, n := binary.Varint(r.data)
	if n <= 0 || v < math.MinInt32 || v > math.MaxInt32 {
		panic(errTruncated)
	}
	r.data = r.data[n:]
	return int(v)
}

// count is a length that must fit in what is left, each item taking at least min bytes.
func (r *undumpReader) count(min int) int {
	n := r.int()
	if n < 0 || n*min > len(r.data) {
		panic(errTruncated)
	}
	return n
}

func (r *undumpReader) string() string {
	return string(r.bytes(r.count(1)))
}

// maxProtoNesting bounds the functions nested in a binary chunk: the parser allows no
// deeper nesting (Lua's LUAI_MAXCCALLS of 200, each function body one level).
const maxProtoNesting = 200

func (r *undumpReader) proto(depth int) *FunctionProto {
	if depth > maxProtoNesting {
		panic(errCode)
	}
	p := newFunctionProto(r.string())
	p.Source = r.string()
	p.LineDefined = r.int()
	p.LastLineDefined = r.int()
	b := r.bytes(4)
	p.NumUpvalues, p.NumParameters, p.IsVarArg, p.NumUsedRegisters = b[0], b[1], b[2], b[3]
	p.Code = sized[uint32](r.count(4))
	for i := range p.Code {
		p.Code[i] = binary.LittleEndian.Uint32(r.bytes(4))
	}
	p.Constants = sized[LValue](r.count(1))
	p.stringConstants = sized[string](len(p.Constants))
	for i := range p.Constants {
		switch LValueType(r.bytes(1)[0]) {
		case LTNumber:
			p.Constants[i] = LNumber(math.Float64frombits(binary.LittleEndian.Uint64(r.bytes(8))))
		case LTString:
			s := r.string()
			p.Constants[i] = LString(s)
			p.stringConstants[i] = s
		case LTBool:
			p.Constants[i] = LBool(r.bytes(1)[0] != 0)
		case LTNil:
			p.Constants[i] = LNil
		default:
			panic(errCode)
		}
	}
	p.FunctionPrototypes = sized[*FunctionProto](r.count(1))
	for i := range p.FunctionPrototypes {
		p.FunctionPrototypes[i] = r.proto(depth + 1)
	}
	p.DbgSourcePositions = sized[int](r.count(1))
	for i := range p.DbgSourcePositions {
		p.DbgSourcePositions[i] = r.int()
	}
	p.DbgLocals = sized[*DbgLocalInfo](r.count(3))
	for i := range p.DbgLocals {
		p.DbgLocals[i] = &DbgLocalInfo{Name: r.string(), StartPc: r.int(), EndPc: r.int()}
	}
	p.DbgCalls = sized[DbgCall](r.count(2))
	for i := range p.DbgCalls {
		p.DbgCalls[i] = DbgCall{Name: r.string(), Pc: r.int()}
	}
	p.DbgUpvalues = make([]string, r.count(1)) // the compiler leaves it non-nil
	for i := range p.DbgUpvalues {
		p.DbgUpvalues[i] = r.string()
	}
	if !verifyProto(p) {
		panic(errCode)
	}
	return p
}

// verifyProto checks what the VM takes on trust: every constant, prototype, upvalue
// and jump target an instruction names exists, registers fit, and the code ends in a
// RETURN, so that a crafted chunk fails to load instead of panicking when run.
func verifyProto(p *FunctionProto) bool {
	n := len(p.Code)
	if n == 0 || len(p.DbgSourcePositions) != n || int(p.NumUpvalues) != len(p.DbgUpvalues) ||
		int(p.NumUpvalues) > maxUpvalues || int(p.NumUsedRegisters) > maxRegisters ||
		int(p.NumParameters) > maxLocalVars || opGetOpCode(p.Code[n-1]) != OP_RETURN {
		return false
	}
	nk := len(p.Constants)
	rk := func(v int) bool { return !opIsK(v) && v < maxRegisters || opIsK(v) && opIndexK(v) < nk }
	jump := func(pc, sbx int) bool { t := pc + 1 + sbx; return t >= 0 && t < n }
	for pc := 0; pc < n; pc++ {
		inst := p.Code[pc]
		op, a, b, c := opGetOpCode(inst), opGetArgA(inst), opGetArgB(inst), opGetArgC(inst)
		if op > opCodeMax || a >= maxRegisters {
			return false
		}
		ok := true
		switch op {
		case OP_MOVE, OP_UNM, OP_NOT, OP_LEN:
			ok = b < maxRegisters
		case OP_MOVEN:
			ok = b < maxRegisters && pc+c < n
			for i := 1; ok && i <= c; i++ {
				next := p.Code[pc+i]
				ok = opGetOpCode(next) == OP_MOVE && opGetArgA(next) < maxRegisters && opGetArgB(next) < maxRegisters
			}
			pc += c
		case OP_LOADK, OP_GETGLOBAL, OP_SETGLOBAL:
			ok = opGetArgBx(inst) < nk
		case OP_LOADBOOL:
			ok = c == 0 || pc+2 < n
		case OP_LOADNIL:
			ok = b < maxRegisters
		case OP_GETUPVAL, OP_SETUPVAL:
			ok = b < int(p.NumUpvalues)
		case OP_GETTABLE, OP_GETTABLEKS, OP_SELF:
			ok = b < maxRegisters && rk(c)
		case OP_SETTABLE, OP_SETTABLEKS, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_POW:
			ok = rk(b) && rk(c)
		case OP_CONCAT:
			ok = b <= c && c < maxRegisters
		case OP_JMP, OP_FORLOOP, OP_FORPREP:
			ok = jump(pc, opGetArgSbx(inst))
		case OP_EQ, OP_LT, OP_LE:
			ok = rk(b) && rk(c) && pc+2 < n
		case OP_TEST, OP_TESTSET, OP_TFORLOOP:
			ok = b < maxRegisters && pc+2 < n
		case OP_CALL, OP_TAILCALL, OP_RETURN, OP_VARARG:
			ok = a+b <= maxRegisters+1 && a+c <= maxRegisters+1
		case OP_SETLIST:
			if c == 0 {
				pc++
				ok = pc < n && opGetOpCode(p.Code[pc]) == OP_NOP
			}
		case OP_CLOSURE:
			bx := opGetArgBx(inst)
			if ok = bx < len(p.FunctionPrototypes); !ok {
				break
			}
			nup := int(p.FunctionPrototypes[bx].NumUpvalues)
			for i := 1; ok && i <= nup; i++ {
				ok = pc+i < n
				if ok {
					next := p.Code[pc+i]
					switch opGetOpCode(next) {
					case OP_MOVE:
						ok = opGetArgB(next) < maxRegisters
					case OP_GETUPVAL:
						ok = opGetArgB(next) < int(p.NumUpvalues)
					default:
						ok = false
					}
				}
			}
			pc += nup
		}
		if !ok {
			return false
		}
	}
	return true
}

// undumpFunction is a loaded binary chunk's function: its upvalues, if any, are
// fresh and nil, as in Lua.
func (ls *LState) undumpFunction(reader io.Reader, name string) (*LFunction, error) {
	data, err := io.ReadAll(reader)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	proto, err := Undump(data, name)
	if err != nil {
		return nil, err
	}
	fn := newLFunctionL(proto, ls.currentEnv(), int(proto.NumUpvalues))
	for i := range fn.Upvalues {
		fn.Upvalues[i] = &Upvalue{value: LNil, closed: true}
	}
	return fn, nil
}

// sized is make([]T, n), nil when n is 0, as the compiler leaves an empty list, so that
// a loaded prototype equals the dumped one.
func sized[T any](n int) []T {
	if n == 0 {
		return nil
	}
	return make([]T, n)
}
