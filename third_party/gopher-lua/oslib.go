package lua

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

var startedAt time.Time

func init() {
	startedAt = time.Now()
}

func OpenOs(L *LState) int {
	osmod := L.RegisterModule(OsLibName, osFuncs)
	L.Push(osmod)
	return 1
}

var osFuncs = map[string]LGFunction{
	"clock":     osClock,
	"difftime":  osDiffTime,
	"execute":   osExecute,
	"exit":      osExit,
	"date":      osDate,
	"getenv":    osGetEnv,
	"remove":    osRemove,
	"rename":    osRename,
	"setenv":    osSetEnv,
	"setlocale": osSetLocale,
	"time":      osTime,
	"tmpname":   osTmpname,
}

func osClock(L *LState) int {
	L.Push(LNumber(float64(time.Now().Sub(startedAt)) / float64(time.Second)))
	return 1
}

// osDiffTime is difftime(t2, t1) with t1 defaulting to 0, as Lua 5.1's (minioscript
// patch: upstream required both).
func osDiffTime(L *LState) int {
	L.Push(LNumber(int64(L.CheckNumber(1)) - int64(L.OptNumber(2, 0))))
	return 1
}

// osExecute runs cmd through the shell as C's system(): without a command it says a
// shell exists (nonzero); with one it returns the raw wait status, exit code * 256 on
// Linux, as Lua 5.1 does (minioscript patch: upstream returned 0 or 1).
func osExecute(L *LState) int {
	if L.Get(1) == LNil {
		L.Push(LNumber(1))
		return 1
	}
	var procAttr os.ProcAttr
	procAttr.Files = []*os.File{os.Stdin, os.Stdout, os.Stderr}
	cmd, args := popenArgs(L.CheckString(1))
	args = append([]string{cmd}, args...)
	process, err := os.StartProcess(cmd, args, &procAttr)
	if err != nil {
		L.Push(LNumber(127 << 8))
		return 1
	}
	ps, err := process.Wait()
	if err != nil {
		L.Push(LNumber(-1))
		return 1
	}
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok {
		L.Push(LNumber(int(ws)))
		return 1
	}
	L.Push(LNumber(ps.ExitCode() << 8))
	return 1
}

func osExit(L *LState) int {
	L.release() // minioscript patch: no __gc, as Lua 5.1's os.exit

	os.Exit(L.OptInt(1, 0))
	return 1
}

// osDate follows Lua 5.1's os_date (minioscript patch): the format defaults to "%c"
// (nil too), the time to now, "*t" and "!*t" fill every field (yday, isdst included),
// and each %x conversion is C's strftime in the C locale; an unknown one stays as is.
func osDate(L *LState) int {
	cfmt := L.OptString(1, "%c")
	t := time.Now()
	if L.Get(2) != LNil {
		t = time.Unix(int64(L.CheckNumber(2)), 0)
	}
	if strings.HasPrefix(cfmt, "!") {
		cfmt = cfmt[1:]
		t = t.UTC()
	} else {
		t = t.Local()
	}
	if strings.HasPrefix(cfmt, "*t") {
		ret := L.CreateTable(0, 9)
		ret.RawSetString("sec", LNumber(t.Second()))
		ret.RawSetString("min", LNumber(t.Minute()))
		ret.RawSetString("hour", LNumber(t.Hour()))
		ret.RawSetString("day", LNumber(t.Day()))
		ret.RawSetString("month", LNumber(t.Month()))
		ret.RawSetString("year", LNumber(t.Year()))
		ret.RawSetString("wday", LNumber(t.Weekday()+1))
		ret.RawSetString("yday", LNumber(t.YearDay()))
		ret.RawSetString("isdst", LBool(t.IsDST()))
		L.Push(ret)
		return 1
	}
	var b strings.Builder
	for i := 0; i < len(cfmt); i++ {
		if cfmt[i] != '%' || i+1 == len(cfmt) {
			b.WriteByte(cfmt[i])
			continue
		}
		i++
		b.WriteString(cStrftime(t, cfmt[i]))
	}
	L.Push(LString(b.String()))
	return 1
}

var cDays = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// cStrftime is one conversion of glibc's strftime in the C locale.
func cStrftime(t time.Time, c byte) string {
	switch c {
	case 'a':
		return cDays[t.Weekday()][:3]
	case 'A':
		return cDays[t.Weekday()]
	case 'b', 'h':
		return t.Month().String()[:3]
	case 'B':
		return t.Month().String()
	case 'c':
		return cStrftime(t, 'a') + " " + cStrftime(t, 'b') + " " + cStrftime(t, 'e') + " " + cStrftime(t, 'T') + " " + strconv.Itoa(t.Year())
	case 'C':
		return fmt.Sprintf("%02d", t.Year()/100)
	case 'd':
		return fmt.Sprintf("%02d", t.Day())
	case 'D', 'x':
		return fmt.Sprintf("%02d/%02d/%02d", int(t.Month()), t.Day(), t.Year()%100)
	case 'e':
		return fmt.Sprintf("%2d", t.Day())
	case 'F':
		return fmt.Sprintf("%d-%02d-%02d", t.Year(), int(t.Month()), t.Day())
	case 'g':
		y, _ := t.ISOWeek()
		return fmt.Sprintf("%02d", y%100)
	case 'G':
		y, _ := t.ISOWeek()
		return strconv.Itoa(y)
	case 'H':
		return fmt.Sprintf("%02d", t.Hour())
	case 'I':
		return fmt.Sprintf("%02d", (t.Hour()+11)%12+1)
	case 'j':
		return fmt.Sprintf("%03d", t.YearDay())
	case 'k':
		return fmt.Sprintf("%2d", t.Hour())
	case 'l':
		return fmt.Sprintf("%2d", (t.Hour()+11)%12+1)
	case 'm':
		return fmt.Sprintf("%02d", int(t.Month()))
	case 'M':
		return fmt.Sprintf("%02d", t.Minute())
	case 'n':
		return "\n"
	case 'p':
		if t.Hour() < 12 {
			return "AM"
		}
		return "PM"
	case 'P':
		if t.Hour() < 12 {
			return "am"
		}
		return "pm"
	case 'r':
		return cStrftime(t, 'I') + ":" + cStrftime(t, 'M') + ":" + cStrftime(t, 'S') + " " + cStrftime(t, 'p')
	case 'R':
		return cStrftime(t, 'H') + ":" + cStrftime(t, 'M')
	case 's':
		return strconv.FormatInt(t.Unix(), 10)
	case 'S':
		return fmt.Sprintf("%02d", t.Second())
	case 't':
		return "\t"
	case 'T', 'X':
		return cStrftime(t, 'H') + ":" + cStrftime(t, 'M') + ":" + cStrftime(t, 'S')
	case 'u':
		return strconv.Itoa((int(t.Weekday())+6)%7 + 1)
	case 'U':
		return fmt.Sprintf("%02d", (t.YearDay()+6-int(t.Weekday()))/7)
	case 'V':
		_, w := t.ISOWeek()
		return fmt.Sprintf("%02d", w)
	case 'w':
		return strconv.Itoa(int(t.Weekday()))
	case 'W':
		return fmt.Sprintf("%02d", (t.YearDay()+6-(int(t.Weekday())+6)%7)/7)
	case 'y':
		return fmt.Sprintf("%02d", t.Year()%100)
	case 'Y':
		return strconv.Itoa(t.Year())
	case 'z':
		return t.Format("-0700")
	case 'Z':
		name, _ := t.Zone()
		if name == "UTC" && t.Location() == time.UTC {
			return "GMT"
		}
		return name
	case '%':
		return "%"
	}
	return "%" + string(c)
}

// osGetEnv returns "" for a variable set to the empty string, nil only for an unset one,
// as getenv(3) (minioscript patch).
func osGetEnv(L *LState) int {
	if v, ok := os.LookupEnv(L.CheckString(1)); ok {
		L.Push(LString(v))
	} else {
		L.Push(LNil)
	}
	return 1
}

// osPushResult is Lua 5.1's os_pushresult: true, or nil, "name: strerror" and errno
// (minioscript patch: upstream returned Go's wording and no errno).
func osPushResult(L *LState, err error, name string) int {
	if err == nil {
		L.Push(LTrue)
		return 1
	}
	msg, errno := cError(err)
	L.Push(LNil)
	L.Push(LString(name + ": " + msg))
	L.Push(LNumber(errno))
	return 3
}

// cError is strerror(errno) and errno for a Go error from the file system or a
// system call; errors of another kind keep Go's text and errno 0.
func cError(err error) (string, int) {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		s := errno.Error()
		if s != "" {
			s = strings.ToUpper(s[:1]) + s[1:]
		}
		return s, int(errno)
	}
	return err.Error(), 0
}

func osRemove(L *LState) int {
	name := L.CheckString(1)
	return osPushResult(L, os.Remove(name), name)
}

func osRename(L *LState) int {
	from := L.CheckString(1)
	return osPushResult(L, os.Rename(from, L.CheckString(2)), from)
}

// osSetLocale knows only the C locale, which is the one in use: a query or a request for
// "C", "POSIX" or the default ("") returns "C", any other locale nil (minioscript
// patch: upstream returned false for everything).
func osSetLocale(L *LState) int {
	locale := L.OptString(1, "")
	switch L.OptString(2, "all") {
	case "all", "collate", "ctype", "monetary", "numeric", "time":
	default:
		L.ArgError(2, fmt.Sprintf("invalid option '%s'", L.OptString(2, "all")))
	}
	switch locale {
	case "", "C", "POSIX":
		L.Push(LString("C"))
	default:
		L.Push(LNil)
	}
	return 1
}

func osSetEnv(L *LState) int {
	err := os.Setenv(L.CheckString(1), L.CheckString(2))
	if err != nil {
		L.Push(LNil)
		L.Push(LString(err.Error()))
		return 2
	} else {
		L.Push(LTrue)
		return 1
	}
}

// osTime follows Lua 5.1's os_time (minioscript patch): day, month and year are
// required ("field 'day' missing in date table"), numeric strings count as numbers,
// hour defaults to 12, and out-of-range fields are normalised as by mktime.
func osTime(L *LState) int {
	if L.Get(1) == LNil {
		L.Push(LNumber(time.Now().Unix()))
		return 1
	}
	tbl := L.CheckTable(1)
	field := func(key string, d int) int {
		if n, ok := tbl.RawGetString(key).(LNumber); ok {
			return int(n)
		}
		if s, ok := tbl.RawGetString(key).(LString); ok {
			if n, err := parseNumber(string(s)); err == nil {
				return int(n)
			}
		}
		if d < 0 {
			L.RaiseError("field '%s' missing in date table", key)
		}
		return d
	}
	sec := field("sec", 0)
	min := field("min", 0)
	hour := field("hour", 12)
	day := field("day", -1)
	month := field("month", -1)
	year := field("year", -1)
	t := time.Date(year, time.Month(month), day, hour, min, sec, 0, time.Local)
	L.Push(LNumber(t.Unix()))
	return 1
}

// osTmpname creates the file, as Lua 5.1 with mkstemp does, so no other process can
// take the name (minioscript patch: upstream removed it again).
func osTmpname(L *LState) int {
	file, err := os.CreateTemp("", "lua_")
	if err != nil {
		L.RaiseError("unable to generate a unique filename")
	}
	file.Close()
	L.Push(LString(file.Name()))
	return 1
}

//
