package lua

// string.format as Lua 5.1's str_format (minioscript patch): upstream handed the format
// to Go's fmt.Sprintf, so %g printed Go's shortest form, %q Go's quoting, missing
// arguments "%!d(MISSING)", and widths counted runes.

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

const formatFlags = "-+ #0"

func strFormat(L *LState) int {
	format := L.CheckString(1)
	var out strings.Builder
	arg := 1
	top := L.GetTop()
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			out.WriteByte(c)
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			out.WriteByte('%')
			continue
		}
		// minioscript patch: as Lua, a missing argument is reported before the spec
		// is read.
		arg++
		if arg > top {
			L.ArgError(arg, "no value")
		}
		// The spec: flags, up to two width digits, '.', up to two precision digits.
		start := i
		for i < len(format) && strings.IndexByte(formatFlags, format[i]) >= 0 {
			i++
		}
		if i-start > len(formatFlags) {
			L.RaiseError("invalid format (repeated flags)")
		}
		flags := format[start:i]
		width, i2, ok := formatDigits(format, i)
		i = i2
		precision := -1
		if ok && i < len(format) && format[i] == '.' {
			precision, i, ok = formatDigits(format, i+1)
			if precision < 0 {
				precision = 0
			}
		}
		if !ok {
			L.RaiseError("invalid format (width or precision too long)")
		}
		if i >= len(format) {
			L.RaiseError("%s", "invalid option '%' to 'format'") // minioscript patch: one '%', as Lua
		}
		conv := format[i]
		if strings.IndexByte("cdiouxXeEfgGqs", conv) < 0 {
			L.RaiseError("invalid option '%%%c' to 'format'", conv)
		}
		spec := "%" + flags
		if width >= 0 {
			spec += strconv.Itoa(width)
		}
		if precision >= 0 {
			spec += "." + strconv.Itoa(precision)
		}
		switch conv {
		case 'c':
			out.WriteString(padString(string([]byte{byte(L.CheckInt64(arg))}), flags, width))
		case 'd', 'i':
			out.WriteString(fmt.Sprintf(spec+"d", int64(L.CheckNumber(arg))))
		case 'o', 'x', 'X':
			out.WriteString(fmt.Sprintf(spec+string(conv), uint64(int64(L.CheckNumber(arg)))))
		case 'u':
			out.WriteString(fmt.Sprintf(spec+"d", uint64(int64(L.CheckNumber(arg)))))
		case 'e', 'E', 'f', 'g', 'G':
			f := float64(L.CheckNumber(arg))
			if math.IsInf(f, 0) || math.IsNaN(f) {
				// C prints inf and nan (with the flags); Go would print +Inf and NaN.
				s := formatNumber(f)
				if f > 0 || (math.IsNaN(f) && !math.Signbit(f)) {
					if strings.Contains(flags, "+") {
						s = "+" + s
					} else if strings.Contains(flags, " ") {
						s = " " + s
					}
				}
				if conv == 'E' || conv == 'G' {
					s = strings.ToUpper(s)
				}
				out.WriteString(padString(s, strings.ReplaceAll(flags, "0", ""), width))
				break
			}
			if (conv == 'g' || conv == 'G') && precision < 0 {
				spec += ".6" // C's default; Go's is the shortest form
			}
			out.WriteString(fmt.Sprintf(spec+string(conv), f))
		case 'q':
			out.WriteString(quoteString(L.CheckString(arg)))
		case 's':
			// Any value, through __tostring, as in Lua 5.2 (5.1 takes strings and
			// numbers only): error objects print with their message.
			str := L.ToStringMeta(L.Get(arg)).String()
			if precision >= 0 && precision < len(str) {
				str = str[:precision]
			}
			out.WriteString(padString(str, flags, width))
		}
	}
	L.Push(LString(out.String()))
	return 1
}

// formatDigits reads up to two digits at i: the value (-1 when none) and the next index;
// ok is false when a third digit follows.
func formatDigits(format string, i int) (value, next int, ok bool) {
	value = -1
	for n := 0; i < len(format) && '0' <= format[i] && format[i] <= '9'; n++ {
		if n == 2 {
			return value, i, false
		}
		if value < 0 {
			value = 0
		}
		value = value*10 + int(format[i]-'0')
		i++
	}
	return value, i, true
}

// padString pads s with spaces to width bytes, on the right with the '-' flag.
func padString(s, flags string, width int) string {
	if len(s) >= width {
		return s
	}
	pad := strings.Repeat(" ", width-len(s))
	if strings.Contains(flags, "-") {
		return s + pad
	}
	return pad + s
}

// quoteString is %q: a string Lua reads back, with quote, backslash and newline
// escaped by a backslash, carriage return as \r and NUL as \000.
func quoteString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\\', '\n':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r':
			b.WriteString(`\r`)
		case 0:
			b.WriteString(`\000`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
