package lua

// FuzzLua runs Lua programs generated from the fuzzer's bytes and fails on any Go panic:
// one that escapes the state, or one that pcall or a coroutine turned into a Lua error
// (Global.goPanic). A Lua error is fine; a Go panic from Lua code alone is a VM bug.
//
//	cd third_party/gopher-lua && go test -run '^$' -fuzz '^FuzzLua$' -fuzztime 30s .
//
// Seeds are in testdata/fuzz/FuzzLua; scripts/test.sh runs the target for a bounded time.

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// fuzzStatements are the building blocks of generated programs: each is run in its own
// pcall, with %s replaced by values the input picks (fuzzValues, or raw input text).
// They lean on what has crashed before: coroutines, yields across pcall and Go calls,
// errors with odd values, metamethods, patterns, formats and the compiler.
var fuzzStatements = []string{
	`co = coroutine.create(function(...) local r = {pcall(coroutine.yield, ...)} error(r[2]) end) out(coroutine.resume(co, %s))`,
	`out(coroutine.resume(co, %s))`,
	`out(coroutine.status(co), coroutine.running())`,
	`w = coroutine.wrap(function(a) while true do a = coroutine.yield(pcall(error, a)) end end) out(w(%s))`,
	`out(pcall(w, %s))`,
	`co2 = coroutine.create(function() local x = %s; g = function() return x end; return x + nil end) out(coroutine.resume(co2)) out(g())`,
	`out(xpcall(function() coroutine.yield(%s) end, function(e) return e end))`,
	`local t = setmetatable({}, {__index = function(t, k) return coroutine.yield(k) end}) co3 = coroutine.create(function() return t[%s] end) out(coroutine.resume(co3)) out(coroutine.resume(co3))`,
	`co4 = coroutine.create(function() table.sort({3, 2, 1, %s}, function(a, b) coroutine.yield() return tostring(a) < tostring(b) end) end) out(coroutine.resume(co4)) out(coroutine.resume(co4))`,
	`out(pcall(error, %s, %s))`,
	`out(select('#', pcall(error)), pcall(error, setmetatable({}, {__tostring = function() return %s end})))`,
	`mt = {__add = function(a, b) return %s end, __index = function(t, k) error(k) end, __call = function(...) return ... end, __concat = function() coroutine.yield() end}`,
	`o = setmetatable({}, mt) out(pcall(function() return o + %s, o[%s], o(%s) end))`,
	`out(pcall(function() return o .. %s end))`,
	`out(string.format(%q, %s, %s))`,
	`out(pcall(string.format, %s, %s, %s))`,
	`out(pcall(string.find, %s, %s, %s))`,
	`out(pcall(string.gsub, %s, %s, %s, %s))`,
	`out(pcall(string.match, %s, %s))`,
	`for a, b in string.gmatch(tostring(%s), %s) do out(a, b) end`,
	`out(pcall(string.rep, %s, %s))`,
	`out(pcall(string.sub, %s, %s, %s))`,
	`out(pcall(string.byte, %s, %s, %s))`,
	`out(pcall(string.char, %s, %s))`,
	`out(tonumber(%s), tonumber(%s, %s))`,
	`out(tostring(%s), type(%s))`,
	`t = {%s, %s, %s} out(pcall(table.concat, t, %s, %s, %s))`,
	`t = {%s, %s, %s} out(pcall(table.insert, t, %s, %s)) out(pcall(table.remove, t, %s))`,
	`t = {%s, %s, %s, %s} out(pcall(table.sort, t, %s))`,
	`out(pcall(unpack, {%s, %s}, %s, %s))`,
	`out(pcall(select, %s, %s, %s))`,
	`out(pcall(setfenv, %s, {})) out(pcall(getfenv, %s))`,
	`f = loadstring(%s) out(f and pcall(f, %s))`,
	`out(pcall(loadstring, %s, %s))`,
	`local a, b, c = %s, %s, %s a, b, c = c, a, b out(a, b, c)`,
	`for k, v in next, {%s, %s} do out(k, v) end`,
	`for i = %s, %s, %s do if i > 5 then break end out(i) end`,
	`out(pcall(function(...) return select('#', ...), ... end, %s, %s))`,
	`out(pcall(rawset, %s, %s, %s)) out(pcall(rawget, %s, %s))`,
	`out(pcall(setmetatable, %s, %s))`,
	`out(pcall(math.max, %s, %s), pcall(math.floor, %s), pcall(math.fmod, %s, %s))`,
	`local function r(n) if n > 0 then return pcall(r, n - 1) end coroutine.yield(n) end co5 = coroutine.wrap(r) out(pcall(co5, %s)) out(pcall(co5))`,
	`out(pcall(coroutine.resume, %s)) out(pcall(coroutine.status, %s)) out(pcall(coroutine.wrap, %s))`,
	`out(%s == %s, pcall(function() return %s < %s end))`,
	`out(pcall(function() return #%s, -%s, not %s end))`,
	`out(pcall(function() local s = 0 for i = 1, 100 do s = s + i end return s .. %s end))`,
	`p = newproxy(true) getmetatable(p).__gc = function(o) out(%s) gp = o coroutine.yield() error(%s) end gp = {p, newproxy(p)} p = nil`,
	`gp = nil out(pcall(collectgarbage, %s)) out(coroutine.resume(coroutine.create(collectgarbage)))`,
}

// fuzzValues are the values statements are filled with; a byte past them takes raw
// input text as a Lua string.
var fuzzValues = []string{
	"nil", "true", "false", "0", "-0", "1", "-1", "0.5", "1e308", "-1e308", "1/0", "-1/0", "0/0",
	"2^53", "2^63", "-2^63", "255", "256", "1e15", "3.7", "'1e3'", "'0x10'", "' 10 '", "''",
	"'abc'", "'%d'", "'%5.2f'", "'%q'", "'%s %s'", "'%'", "'%%'", "'(%w+)'", "'%b()'", "'%f[%a]'",
	"'[a-'", "'(('", "'%1'", "'.-'", "'^$'", "'a*'", "{}", "{1, 2}", "{n = 1}", "print", "error",
	"coroutine.yield", "function() end", "function() error() end", "co", "w", "o", "t",
	"string.rep('x', 100)", "setmetatable({}, {__tostring = function() return {} end})",
	"setmetatable({}, {__index = function() error('idx') end})", "math.huge", "_G", "-2147483649",
}

// generateLua turns fuzz input into a program: each statement template (picked by a
// byte) has its %s holes filled from the following bytes.
func generateLua(data []byte) string {
	var b strings.Builder
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		c := int(data[0])
		data = data[1:]
		return c
	}
	raw := func() string {
		n := next() % 24
		if n > len(data) {
			n = len(data)
		}
		s := string(data[:n])
		data = data[n:]
		return fmt.Sprintf("%q", s)
	}
	for n := 0; len(data) > 0 && n < 24; n++ {
		stmt := fuzzStatements[next()%len(fuzzStatements)]
		var args []any
		for i := strings.Count(stmt, "%s") + strings.Count(stmt, "%q"); i > 0; i-- {
			if c := next(); c < len(fuzzValues) {
				args = append(args, fuzzValues[c])
			} else if c < 250 {
				args = append(args, fuzzValues[c%len(fuzzValues)])
			} else {
				args = append(args, raw())
			}
		}
		stmt = strings.ReplaceAll(stmt, "%q", "%s")
		fmt.Fprintf(&b, "pcall(function() %s end)\n", fmt.Sprintf(stmt, args...))
	}
	return b.String()
}

func FuzzLua(f *testing.F) {
	f.Add([]byte{0, 5, 1, 6, 2, 3, 6, 9, 12, 1, 13, 14, 0})
	f.Add([]byte{7, 20, 8, 0, 3, 1, 11, 2, 12, 4, 5, 6})
	f.Add([]byte{14, 25, 3, 4, 15, 31, 5, 6, 16, 32, 33, 34, 17, 35, 36, 37, 38})
	f.Add([]byte{32, 255, 10, 'r', 'e', 't', 'u', 'r', 'n', ' ', '1', '+', 'x', 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		code := generateLua(data)
		L := NewState(Options{CallStackSize: 256, RegistryMaxSize: 1 << 16})
		defer L.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		L.SetContext(ctx)
		var panics []string
		L.G.goPanic = func(r interface{}) { panics = append(panics, fmt.Sprint(r)) }
		var out strings.Builder
		L.SetGlobal("out", L.NewFunction(func(L *LState) int {
			for i := 1; i <= L.GetTop(); i++ {
				out.WriteString(L.ToStringMeta(L.Get(i)).String())
				out.WriteByte('\t')
			}
			return 0
		}))
		func() {
			defer func() {
				if r := recover(); r != nil {
					panics = append(panics, fmt.Sprint(r))
				}
			}()
			// Lua errors (and running out of time) are fine.
			_ = L.DoString(code)
		}()
		if len(panics) > 0 {
			t.Fatalf("Go panic from Lua code: %v\nprogram:\n%s", panics, code)
		}
	})
}
