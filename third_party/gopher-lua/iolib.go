package lua

// The io library follows Lua 5.1's liolib.c (minioscript patch: upstream's results,
// messages and file names differed): results are true or nil, "name: strerror", errno;
// a closed file is "attempt to use a closed file"; the standard files cannot be closed;
// the default input and output live in the environment of the library's functions
// (debug.getfenv(io.lines)[1] and [2]), as in Lua.

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
)

const lFileClass = "FILE*"

const (
	ioInputIndex  = 1
	ioOutputIndex = 2
)

// lFile is a FILE*. Reads go through a buffer. Writes are not buffered unless setvbuf
// asks for it, so what a script writes is on disk even if it never closes the file, and
// io.write and print stay in order on standard output.
type lFile struct {
	fp     *os.File // nil for a process
	pp     *exec.Cmd
	src    io.Reader // what r reads: fp, or the process's standard output
	r      *bufio.Reader
	w      io.Writer     // fp, or the process's standard input
	bw     *bufio.Writer // setvbuf "full" or "line": the buffer in front of w
	line   bool          // setvbuf "line": flush at each newline
	std    bool          // stdin, stdout, stderr: closing them fails
	closed bool
}

// FileOf returns the operating-system file behind an io library file (minioscript
// patch: a module such as term asks whether it is a terminal, as lua-term's
// isatty(io.stdout) does); false for a process, a closed file or another value.
func FileOf(v LValue) (*os.File, bool) {
	ud, ok := v.(*LUserData)
	if !ok {
		return nil, false
	}
	f, ok := ud.Value.(*lFile)
	if !ok || f.closed || f.fp == nil {
		return nil, false
	}
	return f.fp, true
}

// flush writes out the write buffer.
func (f *lFile) flush() error {
	if f.bw == nil {
		return nil
	}
	return f.bw.Flush()
}

func (f *lFile) reader() *bufio.Reader {
	if f.r == nil {
		src := f.src
		if src == nil {
			src = errReader{}
		}
		f.r = bufio.NewReader(src)
	}
	return f.r
}

// errReader reads from a process opened for writing: nothing, an error.
type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, syscall.EBADF }

// dropReadBuffer moves the file position back over what was read ahead, so that a
// write or seek happens where the script's reads stopped.
func (f *lFile) dropReadBuffer() error {
	if f.r == nil || f.r.Buffered() == 0 {
		return nil
	}
	if f.fp == nil {
		return nil
	}
	_, err := f.fp.Seek(-int64(f.r.Buffered()), io.SeekCurrent)
	f.r.Reset(f.src)
	return err
}

func (f *lFile) write(s string) error {
	if f.w == nil {
		return syscall.EBADF
	}
	if err := f.dropReadBuffer(); err != nil {
		return err
	}
	if f.bw == nil {
		_, err := io.WriteString(f.w, s)
		return err
	}
	if i := strings.LastIndexByte(s, '\n'); f.line && i >= 0 {
		// line buffering writes out up to the last newline
		if _, err := f.bw.WriteString(s[:i+1]); err != nil {
			return err
		}
		if err := f.bw.Flush(); err != nil {
			return err
		}
		s = s[i+1:]
	}
	_, err := f.bw.WriteString(s)
	return err
}

func (f *lFile) close(L *LState) error {
	f.closed = true
	err := f.flush()
	delete(L.G.bufferedFiles, f)
	if f.fp != nil {
		if cerr := f.fp.Close(); err == nil {
			err = cerr
		}
		return err
	}
	if c, ok := f.w.(io.Closer); ok {
		c.Close()
	}
	if c, ok := f.src.(io.Closer); ok {
		c.Close()
	}
	f.pp.Wait() // pclose: the exit status is not reported in Lua 5.1
	return nil
}

func newLFile(L *LState, f *lFile) *LUserData {
	ud := L.NewUserData()
	ud.Value = f
	L.SetMetatable(ud, L.GetTypeMetatable(lFileClass))
	return ud
}

// ioPushResult is liolib's pushresult.
func ioPushResult(L *LState, err error, name string) int {
	if err == nil {
		L.Push(LTrue)
		return 1
	}
	msg, errno := cError(err)
	if name != "" {
		msg = name + ": " + msg
	}
	L.Push(LNil)
	L.Push(LString(msg))
	L.Push(LNumber(errno))
	return 3
}

// toFile is liolib's tofile: the FILE* at n, which must be open.
func toFile(L *LState, n int) *lFile {
	f := checkLFile(L, n)
	if f.closed {
		L.RaiseError("attempt to use a closed file")
	}
	return f
}

func checkLFile(L *LState, n int) *lFile {
	if ud, ok := L.Get(n).(*LUserData); ok {
		if f, ok := ud.Value.(*lFile); ok {
			return f
		}
	}
	L.TypeError(n, LTUserData)
	return nil
}

// ioEnv is the environment of the library's functions: default input and output.
func ioEnv(L *LState) *LTable {
	return L.Get(UpvalueIndex(1)).(*LTable)
}

// ioFile is getiofile: the default input or output, which must be open.
func ioFile(L *LState, index int) *lFile {
	f := ioEnv(L).RawGetInt(index).(*LUserData).Value.(*lFile)
	if f.closed {
		name := "input"
		if index == ioOutputIndex {
			name = "output"
		}
		L.RaiseError("standard %s file is closed", name)
	}
	return f
}

func OpenIo(L *LState) int {
	mod := L.RegisterModule(IoLibName, map[string]LGFunction{}).(*LTable)
	mt := L.NewTypeMetatable(lFileClass)
	mt.RawSetString("__index", mt)
	L.SetFuncs(mt, fileMethods)

	env := L.CreateTable(2, 1)
	env.RawSetString("__close", L.NewFunction(fileClose))
	for _, std := range []struct {
		name string
		fp   *os.File
		read bool
	}{{"stdin", os.Stdin, true}, {"stdout", os.Stdout, false}, {"stderr", os.Stderr, false}} {
		f := &lFile{fp: std.fp, std: true}
		if std.read {
			f.src = std.fp
		} else {
			f.w = std.fp
		}
		mod.RawSetString(std.name, newLFile(L, f))
	}
	env.RawSetInt(ioInputIndex, mod.RawGetString("stdin"))
	env.RawSetInt(ioOutputIndex, mod.RawGetString("stdout"))
	for name, fn := range ioFuncs {
		f := L.NewClosure(fn, env)
		f.Env = env
		mod.RawSetString(name, f)
	}
	L.Push(mod)
	return 1
}

var ioFuncs = map[string]LGFunction{
	"close":   ioClose,
	"flush":   ioFlush,
	"input":   ioInput,
	"lines":   ioLines,
	"open":    ioOpenFile,
	"output":  ioOutput,
	"popen":   ioPopen,
	"read":    ioRead,
	"tmpfile": ioTmpFile,
	"type":    ioType,
	"write":   ioWrite,
}

var fileMethods = map[string]LGFunction{
	"__gc":       fileGC,
	"__tostring": fileToString,
	"close":      fileClose,
	"flush":      fileFlush,
	"lines":      fileLines,
	"read":       fileRead,
	"seek":       fileSeek,
	"setvbuf":    fileSetVBuf,
	"write":      fileWrite,
}

func fileToString(L *LState) int {
	f := checkLFile(L, 1)
	if f.closed {
		L.Push(LString("file (closed)"))
	} else {
		L.Push(LString(fmt.Sprintf("file (%p)", f)))
	}
	return 1
}

func fileGC(L *LState) int {
	if f := checkLFile(L, 1); !f.closed && !f.std {
		f.close(L)
	}
	return 0
}

func ioType(L *LState) int {
	L.CheckAny(1)
	if ud, ok := L.Get(1).(*LUserData); ok {
		if f, ok := ud.Value.(*lFile); ok {
			if f.closed {
				L.Push(LString("closed file"))
			} else {
				L.Push(LString("file"))
			}
			return 1
		}
	}
	L.Push(LNil)
	return 1
}

// auxClose closes a file; a standard file stays open: nil, "cannot close standard file".
func auxClose(L *LState, f *lFile) int {
	if f.std {
		L.Push(LNil)
		L.Push(LString("cannot close standard file"))
		return 2
	}
	return ioPushResult(L, f.close(L), "")
}

func fileClose(L *LState) int {
	return auxClose(L, toFile(L, 1))
}

func ioClose(L *LState) int {
	if L.Get(1) == LNil {
		L.SetTop(0)
		L.Push(ioEnv(L).RawGetInt(ioOutputIndex))
	}
	return auxClose(L, toFile(L, 1))
}

func fileFlush(L *LState) int {
	return ioPushResult(L, toFile(L, 1).flush(), "")
}

func ioFlush(L *LState) int {
	return ioPushResult(L, ioFile(L, ioOutputIndex).flush(), "")
}

// openMode turns a C fopen mode into os.OpenFile flags; ok false for an invalid one.
func openMode(mode string) (flag int, read, write, ok bool) {
	if mode == "" {
		return 0, false, false, false
	}
	plus := len(mode) > 1 && (mode[1] == '+' || len(mode) > 2 && mode[1] == 'b' && mode[2] == '+')
	switch mode[0] {
	case 'r':
		flag, read, write = os.O_RDONLY, true, false
		if plus {
			flag, write = os.O_RDWR, true
		}
	case 'w':
		flag, read, write = os.O_WRONLY|os.O_CREATE|os.O_TRUNC, false, true
		if plus {
			flag, read = os.O_RDWR|os.O_CREATE|os.O_TRUNC, true
		}
	case 'a':
		flag, read, write = os.O_WRONLY|os.O_CREATE|os.O_APPEND, false, true
		if plus {
			flag, read = os.O_RDWR|os.O_CREATE|os.O_APPEND, true
		}
	default:
		return 0, false, false, false
	}
	return flag, read, write, true
}

// openFile is fopen.
func openFile(name, mode string) (*lFile, error) {
	flag, read, write, ok := openMode(mode)
	if !ok {
		return nil, syscall.EINVAL
	}
	fp, err := os.OpenFile(name, flag, 0666)
	if err != nil {
		return nil, err
	}
	f := &lFile{fp: fp}
	if read {
		f.src = fp
	}
	if write {
		f.w = fp
	} else {
		f.w = readOnly{}
	}
	return f, nil
}

// readOnly is the writer of a file opened for reading: writes fail as fwrite's do.
type readOnly struct{}

func (readOnly) Write([]byte) (int, error) { return 0, syscall.EBADF }

func ioOpenFile(L *LState) int {
	name := L.CheckString(1)
	mode := L.OptString(2, "r")
	f, err := openFile(name, mode)
	if err != nil {
		return ioPushResult(L, err, name)
	}
	if f.src == nil {
		f.src = writeOnly{}
	}
	L.Push(newLFile(L, f))
	return 1
}

// writeOnly is the source of a file opened for writing: reads fail as fread's do.
type writeOnly struct{}

func (writeOnly) Read([]byte) (int, error) { return 0, syscall.EBADF }

func ioPopen(L *LState) int {
	cmd := L.CheckString(1)
	mode := L.OptString(2, "r")
	c, args := popenArgs(cmd)
	// minioscript patch: the command ends with the run (see killGroupOnCancel).
	ctx := L.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	pp := exec.CommandContext(ctx, c, args...)
	killGroupOnCancel(pp)
	pp.Stderr = os.Stderr
	f := &lFile{pp: pp}
	var err error
	if mode != "" && mode[0] == 'w' {
		pp.Stdout = os.Stdout
		f.w, err = pp.StdinPipe()
	} else {
		pp.Stdin = os.Stdin
		f.src, err = pp.StdoutPipe()
		f.w = readOnly{}
	}
	if err == nil {
		err = pp.Start()
	}
	if err != nil {
		return ioPushResult(L, err, cmd)
	}
	L.Push(newLFile(L, f))
	return 1
}

func ioTmpFile(L *LState) int {
	fp, err := os.CreateTemp("", "lua_")
	if err != nil {
		return ioPushResult(L, err, "")
	}
	// tmpfile(3): the file has no name and goes when closed
	os.Remove(fp.Name())
	L.Push(newLFile(L, &lFile{fp: fp, src: fp, w: fp}))
	return 1
}

// ioSetFile is g_iofile: io.input and io.output.
func ioSetFile(L *LState, index int, mode string) int {
	if L.Get(1) != LNil {
		switch v := L.Get(1).(type) {
		case LString, LNumber:
			name := LVAsString(v)
			f, err := openFile(name, mode)
			if err != nil {
				msg, _ := cError(err)
				L.ArgError(1, name+": "+msg)
			}
			if f.src == nil {
				f.src = writeOnly{}
			}
			ioEnv(L).RawSetInt(index, newLFile(L, f))
		default:
			toFile(L, 1)
			ioEnv(L).RawSetInt(index, L.Get(1))
		}
	}
	L.Push(ioEnv(L).RawGetInt(index))
	return 1
}

func ioInput(L *LState) int  { return ioSetFile(L, ioInputIndex, "r") }
func ioOutput(L *LState) int { return ioSetFile(L, ioOutputIndex, "w") }

// linesIter is io_readline: the next line, nothing at the end (closing the file when
// io.lines opened it).
func linesIter(ud *LUserData, closeAtEOF bool) LGFunction {
	return func(L *LState) int {
		f := ud.Value.(*lFile)
		if f.closed {
			L.RaiseError("file is already closed")
		}
		f.flush()
		line, ok, err := readLine(f)
		if err != nil {
			msg, _ := cError(err)
			L.RaiseError("%s", msg)
		}
		if ok {
			L.Push(LString(line))
			return 1
		}
		if closeAtEOF {
			f.close(L)
		}
		return 0
	}
}

func fileLines(L *LState) int {
	toFile(L, 1)
	L.Push(L.NewFunction(linesIter(L.Get(1).(*LUserData), false)))
	return 1
}

func ioLines(L *LState) int {
	if L.Get(1) == LNil {
		ud := ioEnv(L).RawGetInt(ioInputIndex).(*LUserData)
		if ud.Value.(*lFile).closed {
			L.RaiseError("attempt to use a closed file")
		}
		L.Push(L.NewFunction(linesIter(ud, false)))
		return 1
	}
	name := L.CheckString(1)
	f, err := openFile(name, "r")
	if err != nil {
		msg, _ := cError(err)
		L.ArgError(1, name+": "+msg)
	}
	L.Push(L.NewFunction(linesIter(newLFile(L, f), true)))
	return 1
}

// readLine reads up to a newline, which it drops; ok is false at the end of the file.
func readLine(f *lFile) (string, bool, error) {
	line, err := f.reader().ReadString('\n')
	if err == io.EOF {
		return line, line != "", nil
	}
	if err != nil {
		return "", false, err
	}
	return line[:len(line)-1], true, nil
}

// readNumber is fscanf's "%lf": it skips space, then takes the longest prefix that can
// be a number.
func readNumber(f *lFile) (LNumber, bool, error) {
	r := f.reader()
	var b []byte
	for {
		c, err := r.ReadByte()
		if err != nil {
			return 0, false, ignoreEOF(err)
		}
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f' {
			r.UnreadByte()
			break
		}
	}
	accept := func(set string) bool {
		c, err := r.ReadByte()
		if err != nil {
			return false
		}
		for i := 0; i < len(set); i++ {
			if set[i] == c {
				b = append(b, c)
				return true
			}
		}
		r.UnreadByte()
		return false
	}
	digits := "0123456789"
	accept("+-")
	if accept("0") && accept("xX") {
		digits = "0123456789abcdefABCDEF"
	}
	for accept(digits) {
	}
	if accept(".") {
		for accept(digits) {
		}
	}
	if digits == "0123456789" && accept("eE") {
		accept("+-")
		for accept("0123456789") {
		}
	}
	n, err := parseNumber(string(b))
	if err != nil {
		return 0, false, nil
	}
	return n, true, nil
}

func ignoreEOF(err error) error {
	if err == io.EOF {
		return nil
	}
	return err
}

// gRead is g_read: formats from first on, a line by default.
func gRead(L *LState, f *lFile, first int) int {
	f.flush()
	top := L.GetTop()
	var err error
	if top < first {
		line, ok, e := readLine(f)
		err = e
		if ok {
			L.Push(LString(line))
		} else {
			L.Push(LNil)
		}
	} else {
		for n := first; n <= top; n++ {
			var ok bool
			switch v := L.Get(n).(type) {
			case LNumber:
				size := int(v)
				if size <= 0 {
					_, e := f.reader().Peek(1)
					ok, err = e == nil, ignoreEOF(e)
					L.Push(emptyLString)
				} else {
					buf := make([]byte, size)
					got, e := io.ReadFull(f.reader(), buf)
					if e == io.ErrUnexpectedEOF {
						e = nil
					}
					ok, err = got > 0, ignoreEOF(e)
					L.Push(LString(buf[:got]))
				}
			default:
				p, isStr := v.(LString)
				if !isStr || len(p) < 2 || p[0] != '*' {
					L.ArgError(n, "invalid option")
				}
				switch p[1] {
				case 'n':
					var num LNumber
					num, ok, err = readNumber(f)
					L.Push(num)
				case 'l':
					var line string
					line, ok, err = readLine(f)
					L.Push(LString(line))
				case 'a':
					var all []byte
					all, err = io.ReadAll(f.reader())
					ok = true
					L.Push(LString(all))
				default:
					L.ArgError(n, "invalid format")
				}
			}
			if err != nil {
				break
			}
			if !ok {
				L.Pop(1)
				L.Push(LNil)
				break
			}
		}
	}
	if err != nil {
		L.SetTop(top)
		return ioPushResult(L, err, "")
	}
	return L.GetTop() - top
}

func fileRead(L *LState) int { return gRead(L, toFile(L, 1), 2) }
func ioRead(L *LState) int   { return gRead(L, ioFile(L, ioInputIndex), 1) }

// gWrite is g_write: strings and numbers, true or the error.
func gWrite(L *LState, f *lFile, first int) int {
	var err error
	for n := first; n <= L.GetTop(); n++ {
		var s string
		switch v := L.Get(n).(type) {
		case LNumber:
			s = v.String()
		default:
			s = L.CheckString(n)
		}
		if err == nil {
			err = f.write(s)
		}
	}
	return ioPushResult(L, err, "")
}

func fileWrite(L *LState) int { return gWrite(L, toFile(L, 1), 2) }
func ioWrite(L *LState) int   { return gWrite(L, ioFile(L, ioOutputIndex), 1) }

func fileSeek(L *LState) int {
	f := toFile(L, 1)
	whence := 0
	switch op := L.OptString(2, "cur"); op {
	case "set":
		whence = io.SeekStart
	case "cur":
		whence = io.SeekCurrent
	case "end":
		whence = io.SeekEnd
	default:
		L.ArgError(2, "invalid option '"+op+"'")
	}
	offset := L.OptInt64(3, 0)
	if f.fp == nil {
		return ioPushResult(L, syscall.ESPIPE, "")
	}
	if err := f.flush(); err != nil {
		return ioPushResult(L, err, "")
	}
	if err := f.dropReadBuffer(); err != nil {
		return ioPushResult(L, err, "")
	}
	pos, err := f.fp.Seek(offset, whence)
	if f.r != nil {
		f.r.Reset(f.src)
	}
	if err != nil {
		return ioPushResult(L, err, "")
	}
	L.Push(LNumber(pos))
	return 1
}

// fileSetVBuf sets the write buffering: "no", "full" or "line", with a size.
func fileSetVBuf(L *LState) int {
	f := toFile(L, 1)
	mode := L.CheckString(2)
	size := L.OptInt(3, 4096)
	switch mode {
	case "no", "full", "line":
	default:
		L.ArgError(2, "invalid option '"+mode+"'")
	}
	err := f.flush()
	if _, readOnly := f.w.(readOnly); mode == "no" || f.w == nil || readOnly {
		f.bw = nil
		delete(L.G.bufferedFiles, f)
		return ioPushResult(L, err, "")
	}
	f.bw, f.line = bufio.NewWriterSize(f.w, max(size, 16)), mode == "line"
	if L.G.bufferedFiles == nil {
		L.G.bufferedFiles = map[*lFile]struct{}{}
	}
	L.G.bufferedFiles[f] = struct{}{}
	return ioPushResult(L, err, "")
}
