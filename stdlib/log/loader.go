// Package log is the Lua `log` module: levelled, timestamped lines on stderr, with
// fields, in text or JSON, and secret-looking fields redacted.
package log

import (
	gojson "encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/minioscript/minioscript/internal/luatext"
	lua "github.com/yuin/gopher-lua"
)

var levels = map[string]int{"debug": 0, "info": 1, "warn": 2, "error": 3}

// Logger is the state behind one VM's log module.
type Logger struct {
	mu    sync.Mutex
	out   io.Writer
	level int
	json  bool
	now   func() time.Time
}

// New logs to out at level info in text form.
func New(out io.Writer) *Logger { return &Logger{out: out, level: 1, now: time.Now} }

// Loader returns the module loader bound to this logger.
func (lg *Logger) Loader(L *lua.LState) int {
	mod := L.NewTable()
	for name := range levels {
		lvl := name
		mod.RawSetString(lvl, L.NewFunction(func(L *lua.LState) int { return lg.log(L, lvl) }))
	}
	mod.RawSetString("level", L.NewFunction(lg.setLevel))
	mod.RawSetString("format", L.NewFunction(lg.setFormat))
	L.Push(mod)
	return 1
}

func (lg *Logger) setLevel(L *lua.LState) int {
	name := L.CheckString(1)
	lvl, ok := levels[name]
	if !ok {
		L.ArgError(1, "level must be debug, info, warn or error")
	}
	lg.mu.Lock()
	lg.level = lvl
	lg.mu.Unlock()
	return 0
}

func (lg *Logger) setFormat(L *lua.LState) int {
	f := L.CheckString(1)
	if f != "text" && f != "json" {
		L.ArgError(1, "format must be text or json")
	}
	lg.mu.Lock()
	lg.json = f == "json"
	lg.mu.Unlock()
	return 0
}

// secretField tells which field names are never written in clear.
func secretField(name string) bool {
	n := strings.ToLower(name)
	for _, s := range []string{"secret", "password", "token"} {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

// log(level, msg[, fields]) or log(level, fmt, args...) when there is no fields table.
func (lg *Logger) log(L *lua.LState, level string) int {
	msg := luatext.String(L, L.CheckAny(1))
	fields := map[string]string{}
	if t, ok := L.Get(2).(*lua.LTable); ok && L.GetTop() == 2 {
		t.ForEach(func(k, v lua.LValue) {
			val := luatext.String(L, v)
			if secretField(k.String()) {
				val = "REDACTED"
			}
			fields[k.String()] = val
		})
	} else if L.GetTop() > 1 {
		args := make([]any, 0, L.GetTop()-1)
		for i := 2; i <= L.GetTop(); i++ {
			args = append(args, luaToFmt(L, L.Get(i)))
		}
		msg = fmt.Sprintf(msg, args...)
	}
	lg.mu.Lock()
	defer lg.mu.Unlock()
	if levels[level] < lg.level {
		return 0
	}
	ts := lg.now().UTC().Format(time.RFC3339)
	if lg.json {
		rec := map[string]string{"time": ts, "level": level, "msg": msg}
		for k, v := range fields {
			rec[k] = v
		}
		b, _ := gojson.Marshal(rec)
		fmt.Fprintf(lg.out, "%s\n", b)
		return 0
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "%s %-5s %s", ts, strings.ToUpper(level), msg)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%q", k, fields[k])
	}
	fmt.Fprintln(lg.out, b.String())
	return 0
}

func luaToFmt(L *lua.LState, v lua.LValue) any {
	switch x := v.(type) {
	case lua.LNumber:
		if float64(x) == float64(int64(x)) {
			return int64(x)
		}
		return float64(x)
	case lua.LBool:
		return bool(x)
	}
	return luatext.String(L, v)
}
