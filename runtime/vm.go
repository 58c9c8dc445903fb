// Package runtime sets up the Lua VM that runs minioscript code: the standard modules
// preloaded, `minio` as a global, `arg`, cancellation through a context, and errors that
// carry a traceback.
package runtime

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/minioscript/minioscript/bindings"
	"github.com/minioscript/minioscript/files"
	"github.com/minioscript/minioscript/internal/luatext"
	"github.com/minioscript/minioscript/stdlib/csv"
	"github.com/minioscript/minioscript/stdlib/env"
	ljson "github.com/minioscript/minioscript/stdlib/json"
	"github.com/minioscript/minioscript/stdlib/lfs"
	"github.com/minioscript/minioscript/stdlib/log"
	"github.com/minioscript/minioscript/stdlib/secrets"
	"github.com/minioscript/minioscript/stdlib/term"
	ltime "github.com/minioscript/minioscript/stdlib/time"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// Options configures a VM.
type Options struct {
	Stdout io.Writer // print; default os.Stdout
	Stderr io.Writer // log; default os.Stderr
	Stdin  io.Reader // script "-"; default os.Stdin
	// Connection is the default connection: the global `admin` and minio.connect().
	// nil: neither is set up.
	Connection *bindings.Connection
	// Minio holds the module's shared settings (trace, middleware, user agent, warnings).
	Minio  *bindings.Config
	Script string   // arg[0]
	Args   []string // arg[1..] and the main chunk's ...
	// ArgsBefore are arg[-n..-1]: the interpreter's path and the command-line words
	// before the script, as lua.c sets them.
	ArgsBefore []string
	// Files bounds the file access of the program's modules (Minio's too); non-nil also
	// sandboxes the Lua base library (see sandbox.go).
	Files *files.FS
	// Log is the log module's logger (its format, level and tags); default text on Stderr.
	Log *log.Logger
}

// VM is one Lua state. It is not safe for concurrent use.
type VM struct {
	L    *lua.LState
	ctx  context.Context
	opts Options
}

// New assembles a VM, the one way every caller (CLI, REPL, tests, benchmarks) gets one:
// execution and admin calls stop when ctx ends. It fails only when the default
// connection cannot make a client.
func New(ctx context.Context, opts Options) (*VM, error) {
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	if opts.Log == nil {
		opts.Log = log.New(opts.Stderr)
	}
	if opts.Stdin == nil {
		opts.Stdin = os.Stdin
	}
	if opts.Minio == nil {
		opts.Minio = &bindings.Config{}
	}
	if opts.Files != nil {
		opts.Minio.Files = opts.Files
	}
	L := lua.NewState()
	L.SetContext(ctx)
	vm := &VM{L: L, ctx: ctx, opts: opts}

	modules := map[string]lua.LGFunction{
		"minio":   bindings.Loader(opts.Minio, opts.Connection),
		"json":    ljson.Loader,
		"log":     opts.Log.Loader,
		"env":     env.Loader,
		"time":    ltime.Loader,
		"csv":     csv.Loader(opts.Files),
		"secrets": secrets.Loader(opts.Files),
		"term":    term.Loader(opts.Stdout, opts.Stderr),
		"lfs":     lfs.Loader(opts.Files),
	}
	for name, loader := range modules {
		L.PreloadModule(name, loader)
	}
	L.SetGlobal("minio", bindings.Module(L, opts.Minio, opts.Connection))
	L.SetGlobal("print", L.NewFunction(vm.print))
	if osT, ok := L.GetGlobal("os").(*lua.LTable); ok {
		osT.RawSetString("execute", L.NewFunction(vm.execute))
	}
	if opts.Files.Sandboxed() {
		sandbox(L, opts.Files)
	}

	argt := L.NewTable()
	for i, a := range opts.ArgsBefore {
		argt.RawSetInt(i-len(opts.ArgsBefore), lua.LString(a))
	}
	argt.RawSetInt(0, lua.LString(opts.Script))
	for i, a := range opts.Args {
		argt.RawSetInt(i+1, lua.LString(a))
	}
	L.SetGlobal("arg", argt)
	if opts.Connection != nil {
		c, err := bindings.NewClient(*opts.Connection, opts.Minio)
		if err != nil {
			L.Close()
			return nil, err
		}
		L.SetGlobal("admin", bindings.WrapClient(L, c, opts.Connection.Raw))
	}
	return vm, nil
}

// Close releases the state and its clients' idle connections.
func (vm *VM) Close() {
	vm.L.Close()
	vm.opts.Minio.CloseIdleConnections()
}

// print writes like Lua's print, to the VM's stdout.
func (vm *VM) print(L *lua.LState) int {
	var b strings.Builder
	for i := 1; i <= L.GetTop(); i++ {
		if i > 1 {
			b.WriteByte('\t')
		}
		b.WriteString(lua.PrintString(L, L.Get(i)))
	}
	b.WriteByte('\n')
	io.WriteString(vm.opts.Stdout, b.String())
	return 0
}

// ScriptError is an uncaught error: its message (tostring of the error value, which for
// Lua errors starts with file:line) and the traceback.
type ScriptError struct {
	Message   string
	Traceback string
	Value     lua.LValue
	// Cause is the context's error when the script was cancelled or timed out.
	Cause error
}

func (e *ScriptError) Error() string { return e.Message }
func (e *ScriptError) Unwrap() error { return e.Cause }

// Load compiles source under chunkname; a leading UTF-8 byte order mark (editors on
// Windows write one) and a leading #! line are ignored.
func (vm *VM) Load(source []byte, chunkname string) (*lua.LFunction, error) {
	source = bytes.TrimPrefix(source, []byte("\xEF\xBB\xBF"))
	if bytes.HasPrefix(source, []byte("#!")) {
		if i := bytes.IndexByte(source, '\n'); i >= 0 {
			source = source[i:] // keep the newline so line numbers stay right
		} else {
			source = nil
		}
	}
	fn, err := vm.L.Load(bytes.NewReader(source), chunkname)
	if err != nil {
		return nil, &ScriptError{Message: err.Error()}
	}
	return fn, nil
}

// RunFile runs a script file ("-": standard input) with the VM's Args as `...`.
func (vm *VM) RunFile(path string) error {
	var (
		src  []byte
		err  error
		name = path
	)
	if path == "-" {
		src, err = io.ReadAll(vm.opts.Stdin)
		name = "stdin"
	} else {
		src, err = os.ReadFile(path)
	}
	if err != nil {
		return fmt.Errorf("cannot read script: %w", err)
	}
	fn, err := vm.Load(src, name)
	if err != nil {
		return err
	}
	args := make([]lua.LValue, len(vm.opts.Args))
	for i, a := range vm.opts.Args {
		args[i] = lua.LString(a)
	}
	_, err = vm.Call(fn, args...)
	return err
}

// RunLuaInit runs the value of LUA_INIT as lua.c does before the script: "@file" runs
// the file, anything else is code (named LUA_INIT). Sandboxed VMs do not call it.
func (vm *VM) RunLuaInit(init string) error {
	if file, ok := strings.CutPrefix(init, "@"); ok {
		src, err := os.ReadFile(file)
		if err != nil {
			return &ScriptError{Message: fmt.Sprintf("cannot open %s", file)}
		}
		fn, err := vm.Load(src, file)
		if err != nil {
			return err
		}
		_, err = vm.Call(fn)
		return err
	}
	return vm.RunString(init, "LUA_INIT")
}

// RunString runs a chunk of code.
func (vm *VM) RunString(code, chunkname string) error {
	fn, err := vm.Load([]byte(code), chunkname)
	if err != nil {
		return err
	}
	_, err = vm.Call(fn)
	return err
}

// Call runs fn in protected mode and returns its results.
func (vm *VM) Call(fn *lua.LFunction, args ...lua.LValue) ([]lua.LValue, error) {
	L := vm.L
	base := L.GetTop()
	L.Push(fn)
	for _, a := range args {
		L.Push(a)
	}
	if err := L.PCall(len(args), lua.MultRet, nil); err != nil {
		return nil, vm.scriptError(err)
	}
	n := L.GetTop() - base
	out := make([]lua.LValue, n)
	for i := range n {
		out[i] = L.Get(base + 1 + i)
	}
	L.SetTop(base)
	return out, nil
}

func (vm *VM) scriptError(err error) error {
	se := &ScriptError{Message: err.Error(), Cause: vm.ctx.Err()}
	var ae *lua.ApiError
	if errors.As(err, &ae) {
		se.Value = ae.Object
		se.Traceback = ae.StackTrace
		se.Message = luatext.String(vm.L, ae.Object)
		if t, ok := ae.Object.(*lua.LTable); ok {
			// Error objects carry where they were raised; their text comes from Go so
			// it is available even after the context ended.
			where := lua.LVAsString(t.RawGetString("where"))
			if where != "" {
				where += " "
			}
			se.Message = where + bindings.ErrorText(vm.L, t)
		}
		if ae.Cause != nil && se.Cause == nil {
			se.Cause = ae.Cause
		}
	}
	return se
}
