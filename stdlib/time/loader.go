// Package time is the Lua `time` module: Unix times, RFC 3339 text, durations, and a
// sleep that the script's timeout and Ctrl-C interrupt.
package time

import (
	"strconv"
	"strings"
	gotime "time"

	"github.com/minioscript/minioscript/internal/gate"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// Loader is the module loader.
func Loader(L *lua.LState) int {
	L.Push(L.SetFuncs(L.NewTable(), map[string]lua.LGFunction{
		"now":            now,
		"format":         format,
		"parse":          parse,
		"sleep":          sleep,
		"parse_duration": parseDuration,
	}))
	return 1
}

// now(): seconds since the epoch, with fractions.
func now(L *lua.LState) int {
	L.Push(lua.LNumber(float64(gotime.Now().UnixNano()) / 1e9))
	return 1
}

func toTime(sec float64) gotime.Time {
	return gotime.Unix(0, int64(sec*1e9)).UTC()
}

// format([t[, layout]]): RFC 3339 by default; layout is a Go layout.
func format(L *lua.LState) int {
	t := gotime.Now().UTC()
	if L.GetTop() >= 1 && L.Get(1) != lua.LNil {
		t = toTime(float64(L.CheckNumber(1)))
	}
	L.Push(lua.LString(t.Format(L.OptString(2, gotime.RFC3339))))
	return 1
}

// parse(text[, layout]): Unix seconds, or nil and a message.
func parse(L *lua.LState) int {
	t, err := gotime.Parse(L.OptString(2, gotime.RFC3339), L.CheckString(1))
	if err != nil {
		L.Push(lua.LNil)
		L.Push(lua.LString(err.Error()))
		return 2
	}
	L.Push(lua.LNumber(float64(t.UnixNano()) / 1e9))
	return 1
}

// parse_duration("90m" | "2h30m" | "30d"): seconds. "d" means 24h.
func parseDuration(L *lua.LState) int {
	s := L.CheckString(1)
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.ParseFloat(days, 64); err == nil {
			L.Push(lua.LNumber(n * 86400))
			return 1
		}
	}
	d, err := gotime.ParseDuration(s)
	if err != nil {
		L.ArgError(1, err.Error())
	}
	L.Push(lua.LNumber(d.Seconds()))
	return 1
}

// sleep(seconds): returns early with an error when the script is cancelled.
func sleep(L *lua.LState) int {
	d := gotime.Duration(float64(L.CheckNumber(1)) * float64(gotime.Second))
	ctx := L.Context()
	if ctx == nil {
		gotime.Sleep(d)
		return 0
	}
	var interrupted bool
	gate.Blocking(L, func() {
		t := gotime.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			interrupted = true
		}
	})
	if interrupted {
		L.RaiseError("sleep interrupted: %v", ctx.Err())
	}
	return 0
}
