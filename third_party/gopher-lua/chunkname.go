package lua

import (
	"bufio"
	"io"
	"strings"

	"github.com/minioscript/minioscript/third_party/gopher-lua/parse"
)

// luaIDSize is LUA_IDSIZE of Debian's lua5.1, the reference: names in messages are at
// most 79 bytes.
const luaIDSize = 80

// ChunkID is the name messages show for a chunk whose Lua source name is source, as
// Lua 5.1's luaO_chunkid: "=name" shows name, "@file" shows file (its last part when
// long), anything else is source text shown as [string "first line..."]
// (minioscript patch: exported so that the debug library can show short_src alike).
func ChunkID(source string) string {
	switch {
	case strings.HasPrefix(source, "="):
		name := source[1:]
		if len(name) > luaIDSize-1 {
			name = name[:luaIDSize-1]
		}
		return name
	case strings.HasPrefix(source, "@"):
		name := source[1:]
		if max := luaIDSize - len(" '...' ") - 1; len(name) > max {
			name = "..." + name[len(name)-max:]
		}
		return name
	}
	max := luaIDSize - len(` [string "..."] `) - 1
	line := source
	if i := strings.IndexAny(line, "\n\r"); i >= 0 {
		line = line[:i]
	}
	if len(line) > max {
		line = line[:max]
	}
	if len(line) < len(source) {
		return `[string "` + line + `..."]`
	}
	return `[string "` + line + `"]`
}

// LoadSource loads a chunk as Lua's load functions do: source is Lua's source name
// ("=name", "@file" or the text itself), messages and tracebacks show ChunkID(source),
// and every function's Proto.Source keeps source (minioscript patch).
func (ls *LState) LoadSource(reader io.Reader, source string) (*LFunction, error) {
	if strings.HasPrefix(source, dumpSignature[:1]) {
		// a binary chunk keeps the names it was dumped with; Lua calls it so in errors
		return ls.load(reader, "binary string")
	}
	fn, err := ls.load(reader, ChunkID(source))
	if err == nil {
		setProtoSource(fn.Proto, source)
	}
	return fn, err
}

// load is Load: it parses and compiles under the state's context, so a signal or
// timeout stops the load of a huge chunk too (minioscript patch).
func (ls *LState) load(reader io.Reader, name string) (*LFunction, error) {
	br := bufio.NewReader(reader)
	if b, err := br.Peek(1); err == nil && b[0] == dumpSignature[0] {
		fn, err := ls.undumpFunction(br, name)
		if err != nil {
			return nil, newApiErrorE(ApiErrorSyntax, err)
		}
		return fn, nil
	}
	// Lua counts the syntax levels in nCcalls, from the C calls the load runs in: one
	// more than here, where the main chunk runs in a Go-level call.
	chunk, err := parse.ParseLevels(ls.ctx, br, name, MaxCCalls-ls.nCcalls-1)
	if err != nil {
		return nil, newApiErrorE(ApiErrorSyntax, err)
	}
	proto, err := CompileContext(ls.ctx, chunk, name)
	if err != nil {
		return nil, newApiErrorE(ApiErrorSyntax, err)
	}
	return newLFunctionL(proto, ls.currentEnv(), 0), nil
}

// Unwrap is the error behind an API error (minioscript patch: a load stopped by the
// state's context unwraps to context.Canceled or context.DeadlineExceeded).
func (e *ApiError) Unwrap() error { return e.Cause }

func setProtoSource(proto *FunctionProto, source string) {
	proto.Source = source
	for _, p := range proto.FunctionPrototypes {
		setProtoSource(p, source)
	}
}
