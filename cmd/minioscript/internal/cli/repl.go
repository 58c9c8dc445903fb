package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/minioscript/minioscript/files"
	"github.com/minioscript/minioscript/internal/luatext"
	"github.com/minioscript/minioscript/runtime"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
	"github.com/peterh/liner"
)

// lineReader is where the REPL gets input: liner on a terminal, a plain scanner on a pipe.
type lineReader interface {
	Prompt(prompt string) (string, error)
	AppendHistory(line string)
	Close() error
}

// pipeReader reads lines of any length (a bufio.Scanner would stop at 64 KiB).
type pipeReader struct{ r *bufio.Reader }

func (p *pipeReader) Prompt(string) (string, error) {
	line, err := p.r.ReadString('\n')
	if err != nil && (line == "" || !errors.Is(err, io.EOF)) {
		return "", err
	}
	line = strings.TrimSuffix(line, "\n")
	return strings.TrimSuffix(line, "\r"), nil
}
func (p *pipeReader) AppendHistory(string) {}
func (p *pipeReader) Close() error         { return nil }

type termReader struct {
	*liner.State
	histPath string
}

func (t *termReader) Close() error {
	if t.histPath != "" {
		var fsys *files.FS // the operator's own history file, outside any sandbox
		fsys.WriteFile(t.histPath, files.DefaultMode, func(w io.Writer) error {
			_, err := t.WriteHistory(w)
			return err
		})
	}
	return t.State.Close()
}

func historyPath() string {
	if p := os.Getenv("MINIOSCRIPT_HISTORY"); p != "" {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".minioscript_history")
}

// runREPL reads chunks, runs them, and prints their values until end of input.
func runREPL(newVM func(context.Context) (*runtime.VM, error), stdin io.Reader, stdout, stderr io.Writer, timeout time.Duration) int {
	vm, err := newVM(context.Background())
	if err != nil {
		fmt.Fprintf(stderr, "minioscript: %v\n", err)
		return ExitUsage
	}
	defer vm.Close()
	// help(admin.user_add), help"user_add", help(): the operation table's own docs.
	vm.L.SetGlobal("help", vm.L.GetField(vm.L.GetGlobal("minio"), "help"))

	var in lineReader
	interactive := isTerminal(stdin)
	if interactive {
		st := liner.NewLiner()
		st.SetCtrlCAborts(true)
		st.SetCompleter(func(line string) []string { return complete(vm.L, line) })
		tr := &termReader{State: st, histPath: historyPath()}
		if data, err := os.ReadFile(tr.histPath); err == nil {
			st.ReadHistory(strings.NewReader(plainHistory(string(data))))
		}
		in = tr
		fmt.Fprintf(stdout, "minioscript %s (Lua 5.1) — Ctrl-D exits, Ctrl-C cancels the running call\n", Version)
	} else {
		in = &pipeReader{r: bufio.NewReader(stdin)}
	}
	defer in.Close()
	return replLoop(vm, in, interactive, stdout, stderr, timeout)
}

// replLoop is the REPL proper: read a chunk, run it, print, and record it in the history
// when the history rule allows.
func replLoop(vm *runtime.VM, in lineReader, interactive bool, stdout, stderr io.Writer, timeout time.Duration) int {
	var chunk []string
	failed := false // with piped input, any failed chunk makes the exit status 1
	status := func() int {
		if failed && !interactive {
			return ExitScript
		}
		return ExitOK
	}
	for {
		prompt := "> "
		if len(chunk) > 0 {
			prompt = ">> "
		}
		line, err := in.Prompt(prompt)
		if errors.Is(err, liner.ErrPromptAborted) {
			chunk = nil
			continue
		}
		if err != nil {
			if interactive {
				fmt.Fprintln(stdout)
			}
			if !errors.Is(err, io.EOF) {
				fmt.Fprintf(stderr, "error: reading input: %v\n", err)
				failed = true
			}
			if len(chunk) > 0 {
				// The input ended inside a chunk: say so rather than drop it.
				_, cerr := vm.Load([]byte(strings.Join(chunk, "\n")), "stdin")
				fmt.Fprintf(stderr, "error: input ended inside a chunk: %s\n", strings.TrimSpace(cerr.Error()))
				failed = true
			}
			return status()
		}
		chunk = append(chunk, line)
		src := strings.Join(chunk, "\n")
		fn, incomplete, cerr := compileREPL(vm, src)
		if incomplete {
			continue
		}
		chunk = nil
		if cerr != nil {
			fmt.Fprintf(stderr, "error: %v\n", cerr)
			failed = true
			continue
		}
		before := globalNames(vm.L)
		if !evalREPL(vm, fn, stdout, stderr, timeout) {
			failed = true
		} else if keepInHistory(vm.L, src, before) {
			in.AppendHistory(src)
		}
	}
}

// compileREPL tries the input as an expression first (so values are shown), then as
// statements. incomplete means more lines are needed.
func compileREPL(vm *runtime.VM, src string) (*lua.LFunction, bool, error) {
	expr := src
	if strings.HasPrefix(strings.TrimSpace(src), "=") {
		expr = strings.TrimPrefix(strings.TrimSpace(src), "=")
	}
	if fn, err := vm.Load([]byte("return "+expr), "stdin"); err == nil {
		return fn, false, nil
	}
	fn, err := vm.Load([]byte(src), "stdin")
	if err != nil {
		// as lua.c: a syntax error at the end of the input means more lines are needed
		if strings.HasSuffix(strings.TrimSpace(err.Error()), "near '<eof>'") {
			return nil, true, nil
		}
		return nil, false, err
	}
	return fn, false, nil
}

// evalREPL runs fn with its own context, which Ctrl-C cancels, and reports whether it
// ran without error.
func evalREPL(vm *runtime.VM, fn *lua.LFunction, stdout, stderr io.Writer, timeout time.Duration) bool {
	ctx, cancel := context.WithCancel(context.Background())
	if timeout > 0 {
		ctx, cancel = context.WithTimeout(context.Background(), timeout)
	}
	defer cancel()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	defer signal.Stop(sig)
	go func() {
		select {
		case <-sig:
			cancel()
		case <-ctx.Done():
		}
	}()
	vm.L.SetContext(ctx)
	defer vm.L.RemoveContext()
	results, err := vm.Call(fn)
	if err != nil {
		var se *runtime.ScriptError
		switch {
		case ctx.Err() != nil:
			fmt.Fprintf(stderr, "error: %v\n", ctx.Err())
		case errors.As(err, &se):
			fmt.Fprintf(stderr, "error: %s\n", se.Message)
		default:
			fmt.Fprintf(stderr, "error: %v\n", err)
		}
		return false
	}
	parts := make([]string, len(results))
	for i, r := range results {
		parts[i] = Pretty(vm.L, r)
	}
	if len(parts) > 0 {
		fmt.Fprintln(stdout, strings.Join(parts, "\t"))
	}
	return true
}

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Limits of what Pretty prints, as pretty-printers people know have (inspect.lua's
// depth, Python's reprlib): a table nested deeper is "{...}", and the text stops at a
// size a terminal can still show. Without them `=t` on a table 10,000 levels deep wrote
// 200 MB.
const (
	prettyMaxDepth = 20
	prettyMaxBytes = 1 << 20
)

// Pretty renders a value for the REPL: tables nested and indented, keys in a stable
// order (numbers first, then strings), at most prettyMaxDepth levels and about
// prettyMaxBytes.
func Pretty(L *lua.LState, v lua.LValue) string {
	var b strings.Builder
	pretty(L, &b, v, 0, map[*lua.LTable]bool{}, true)
	if b.Len() > prettyMaxBytes {
		return strings.ToValidUTF8(b.String()[:prettyMaxBytes], "") + fmt.Sprintf("\n... (cut at %d KiB)", prettyMaxBytes>>10)
	}
	return b.String()
}

func pretty(L *lua.LState, b *strings.Builder, v lua.LValue, depth int, seen map[*lua.LTable]bool, top bool) {
	if b.Len() > prettyMaxBytes {
		return
	}
	switch x := v.(type) {
	case lua.LString:
		if top {
			b.WriteString(string(x))
		} else {
			fmt.Fprintf(b, "%q", string(x))
		}
	case *lua.LTable:
		if mt, ok := L.GetMetatable(x).(*lua.LTable); ok && mt.RawGetString("__tostring") != lua.LNil {
			b.WriteString(luatext.String(L, x))
			return
		}
		if seen[x] {
			b.WriteString("<cycle>")
			return
		}
		if depth >= prettyMaxDepth {
			if _, v := x.Next(lua.LNil); v == lua.LNil {
				b.WriteString("{}")
			} else {
				b.WriteString("{...}")
			}
			return
		}
		seen[x] = true
		defer delete(seen, x)
		keys := sortedKeys(x)
		if len(keys) == 0 {
			b.WriteString("{}")
			return
		}
		pad := strings.Repeat("  ", depth+1)
		b.WriteString("{\n")
		for _, k := range keys {
			if b.Len() > prettyMaxBytes {
				return
			}
			b.WriteString(pad)
			switch kk := k.(type) {
			case lua.LString:
				if identifier.MatchString(string(kk)) {
					b.WriteString(string(kk))
				} else {
					fmt.Fprintf(b, "[%q]", string(kk))
				}
			default:
				fmt.Fprintf(b, "[%s]", k.String())
			}
			b.WriteString(" = ")
			pretty(L, b, x.RawGet(k), depth+1, seen, false)
			b.WriteString(",\n")
		}
		b.WriteString(strings.Repeat("  ", depth) + "}")
	default:
		b.WriteString(luatext.String(L, v))
	}
}

func sortedKeys(t *lua.LTable) []lua.LValue {
	var keys []lua.LValue
	t.ForEach(func(k, _ lua.LValue) { keys = append(keys, k) })
	sort.SliceStable(keys, func(i, j int) bool {
		ni, iNum := keys[i].(lua.LNumber)
		nj, jNum := keys[j].(lua.LNumber)
		switch {
		case iNum && jNum:
			return ni < nj
		case iNum != jNum:
			return iNum
		}
		return keys[i].String() < keys[j].String()
	})
	return keys
}

var completionTail = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_.:]*$`)

// complete offers globals, fields of tables (after '.') and methods (after ':').
func complete(L *lua.LState, line string) []string {
	tail := completionTail.FindString(line)
	head := line[:len(line)-len(tail)]
	sep := strings.LastIndexAny(tail, ".:")
	var base lua.LValue = L.Get(lua.GlobalsIndex)
	prefix, path := tail, ""
	if sep >= 0 {
		path, prefix = tail[:sep+1], tail[sep+1:]
		base = L.Get(lua.GlobalsIndex)
		for _, part := range strings.FieldsFunc(tail[:sep], func(r rune) bool { return r == '.' || r == ':' }) {
			t, ok := base.(*lua.LTable)
			if !ok {
				return nil
			}
			base = t.RawGetString(part)
		}
		if tail[sep] == ':' {
			base = methodsOf(L, base)
		}
	}
	t, ok := base.(*lua.LTable)
	if !ok {
		if ud, isUD := base.(*lua.LUserData); isUD {
			t, ok = methodsOf(L, ud).(*lua.LTable)
		}
		if !ok {
			return nil
		}
	}
	var out []string
	t.ForEach(func(k, _ lua.LValue) {
		if ks, ok := k.(lua.LString); ok && strings.HasPrefix(string(ks), prefix) {
			out = append(out, head+path+string(ks))
		}
	})
	sort.Strings(out)
	return out
}

func methodsOf(L *lua.LState, v lua.LValue) lua.LValue {
	if mt, ok := L.GetMetatable(v).(*lua.LTable); ok {
		return mt.RawGetString("__index")
	}
	return v
}
