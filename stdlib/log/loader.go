// Package log is the Lua `log` module: levelled, timestamped lines on stderr, with
// fields, in text or JSON, and secret-looking fields redacted. The program logs its own
// lines (errors, the run summary, the scheduler) through the same Logger, so a run's
// stderr is one stream in one format.
package log

import (
	"bytes"
	gojson "encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/minioscript/minioscript/internal/luatext"
	"github.com/minioscript/minioscript/internal/redact"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

var levels = map[string]int{"debug": 0, "info": 1, "warn": 2, "error": 3}

// Logger is the state behind one VM's log module, and the program's own logger.
type Logger struct {
	sink  *sink
	mu    sync.Mutex // guards level and json
	level int
	json  bool
	base  []Field // fields every line carries, e.g. the job name and run id
	now   func() time.Time
}

// sink is the output loggers derived with With share, so their lines never interleave.
type sink struct {
	mu  sync.Mutex
	out io.Writer
}

// Field is one key/value of a line written from Go; values keep their JSON type.
type Field struct {
	Key   string
	Value any
}

// New logs to out at level info in text form.
func New(out io.Writer) *Logger {
	return &Logger{sink: &sink{out: out}, level: 1, now: time.Now}
}

// SetJSON picks JSON lines (true) or text lines.
func (lg *Logger) SetJSON(on bool) {
	lg.mu.Lock()
	lg.json = on
	lg.mu.Unlock()
}

// JSON tells whether lines are JSON.
func (lg *Logger) JSON() bool {
	lg.mu.Lock()
	defer lg.mu.Unlock()
	return lg.json
}

// With returns a logger that adds fields to every line; it writes to the same output,
// starting with this logger's format and level.
func (lg *Logger) With(fields ...Field) *Logger {
	lg.mu.Lock()
	defer lg.mu.Unlock()
	return &Logger{sink: lg.sink, level: lg.level, json: lg.json, now: lg.now,
		base: append(append([]Field(nil), lg.base...), fields...)}
}

// Log writes one line from Go; level is debug, info, warn or error.
func (lg *Logger) Log(level, msg string, fields ...Field) {
	lg.write(level, msg, fields)
}

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

// log(level, msg[, fields]) or log(level, fmt, args...) when there is no fields table.
func (lg *Logger) log(L *lua.LState, level string) int {
	msg := luatext.String(L, L.CheckAny(1))
	fields := map[string]string{}
	if t, ok := L.Get(2).(*lua.LTable); ok && L.GetTop() == 2 {
		t.ForEach(func(k, v lua.LValue) {
			val := luatext.String(L, v)
			if redact.Name(k.String()) {
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
	keys := slices.Sorted(maps.Keys(fields))
	fs := make([]Field, len(keys))
	for i, k := range keys {
		fs[i] = Field{k, fields[k]}
	}
	lg.write(level, msg, fs)
	return 0
}

// reserved keys cannot be overwritten by fields; such a field is written as "field.KEY".
var reserved = map[string]bool{"time": true, "level": true, "msg": true}

func (lg *Logger) write(level, msg string, fields []Field) {
	lg.mu.Lock()
	json, minLevel := lg.json, lg.level
	lg.mu.Unlock()
	if levels[level] < minLevel {
		return
	}
	all := make([]Field, 0, len(lg.base)+len(fields))
	for _, f := range append(append([]Field(nil), lg.base...), fields...) {
		if reserved[f.Key] {
			f.Key = "field." + f.Key
		}
		all = append(all, f)
	}
	// No line shows a URL's password, whoever wrote it (a script's message, an error).
	msg = redact.URLs(msg)
	for i, f := range all {
		if s, ok := f.Value.(string); ok {
			all[i].Value = redact.URLs(s)
		}
	}
	now := lg.now().UTC()
	var b bytes.Buffer
	if json {
		b.WriteString(`{"time":`)
		writeJSON(&b, now.Format("2006-01-02T15:04:05.000Z07:00"))
		b.WriteString(`,"level":`)
		writeJSON(&b, level)
		b.WriteString(`,"msg":`)
		writeJSON(&b, msg)
		seen := map[string]bool{}
		for _, f := range all {
			if seen[f.Key] {
				continue
			}
			seen[f.Key] = true
			b.WriteByte(',')
			writeJSON(&b, f.Key)
			b.WriteByte(':')
			writeJSON(&b, f.Value)
		}
		b.WriteString("}\n")
	} else {
		fmt.Fprintf(&b, "%s %-5s %s", now.Format(time.RFC3339), strings.ToUpper(level), escapeText(msg))
		for _, f := range all {
			if s, ok := f.Value.(string); ok {
				fmt.Fprintf(&b, " %s=%q", escapeText(f.Key), s)
			} else {
				fmt.Fprintf(&b, " %s=%s", escapeText(f.Key), textValue(f.Value))
			}
		}
		b.WriteByte('\n')
	}
	lg.sink.mu.Lock()
	lg.sink.out.Write(b.Bytes())
	lg.sink.mu.Unlock()
}

// escapeText writes control characters of a text-form message as escapes, so that a
// newline in a message cannot forge a second log line.
func escapeText(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case isControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isControl(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }

// Raw writes text as it is (a URL's password masked), e.g. a traceback after the text
// line that announced it.
func (lg *Logger) Raw(text string) {
	lg.sink.mu.Lock()
	io.WriteString(lg.sink.out, redact.URLs(text))
	lg.sink.mu.Unlock()
}

func writeJSON(b *bytes.Buffer, v any) {
	enc, err := gojson.Marshal(v)
	if err != nil {
		enc, _ = gojson.Marshal(fmt.Sprint(v))
	}
	b.Write(enc)
}

// textValue writes count maps as {k:1,k2:2} in key order; everything else with %v.
func textValue(v any) string {
	switch m := v.(type) {
	case map[string]int:
		return countMap(m)
	case map[string]int64:
		return countMap(m)
	}
	return fmt.Sprint(v)
}

func countMap[N int | int64](m map[string]N) string {
	keys := slices.Sorted(maps.Keys(m))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s:%d", k, m[k])
	}
	return "{" + strings.Join(parts, ",") + "}"
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
