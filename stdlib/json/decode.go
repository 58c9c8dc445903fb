package json

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// Decode parses one JSON document into Lua values: objects and arrays become tables
// marked as such, null inside an array is json.null, null object fields are left out,
// and a document that is just null is nil.
//
// It builds Lua values straight from the bytes: going through encoding/json's
// interface{} values first cost twice the time and allocations on large admin answers
// (a 10,000-user user_list; docs/PERFORMANCE.md).
func Decode(L *lua.LState, data []byte) (lua.LValue, error) {
	d := decoder{L: L, data: data, array: marker(L, arrayMeta), object: marker(L, objectMeta), null: null(L)}
	d.space()
	v, err := d.value()
	if err != nil {
		return lua.LNil, fmt.Errorf("json decode: %w", err)
	}
	d.space()
	if d.pos < len(d.data) {
		return lua.LNil, errors.New("json decode: trailing data after the value")
	}
	if v == d.null {
		return lua.LNil, nil
	}
	return v, nil
}

// maxDepth bounds nesting, as encoding/json does, so hostile input cannot exhaust the
// Go stack.
const maxDepth = 10000

type decoder struct {
	L             *lua.LState
	data          []byte
	pos, depth    int
	array, object *lua.LTable
	null          lua.LValue
	buf           []byte
}

func (d *decoder) space() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

func (d *decoder) fail(what string) error {
	if d.pos >= len(d.data) {
		return fmt.Errorf("unexpected end of JSON input (%s)", what)
	}
	return fmt.Errorf("invalid character %q at offset %d (%s)", d.data[d.pos], d.pos, what)
}

func (d *decoder) value() (lua.LValue, error) {
	if d.pos >= len(d.data) {
		return nil, d.fail("value expected")
	}
	switch c := d.data[d.pos]; {
	case c == '{':
		return d.obj()
	case c == '[':
		return d.arr()
	case c == '"':
		s, err := d.str()
		return lua.LString(s), err
	case c == '-' || c >= '0' && c <= '9':
		return d.num()
	case d.literal("true"):
		return lua.LTrue, nil
	case d.literal("false"):
		return lua.LFalse, nil
	case d.literal("null"):
		return d.null, nil
	}
	return nil, d.fail("value expected")
}

func (d *decoder) literal(word string) bool {
	if len(d.data)-d.pos >= len(word) && string(d.data[d.pos:d.pos+len(word)]) == word {
		d.pos += len(word)
		return true
	}
	return false
}

func (d *decoder) enter() error {
	if d.depth++; d.depth > maxDepth {
		return errors.New("exceeded max depth")
	}
	d.pos++ // the opening bracket
	d.space()
	return nil
}

func (d *decoder) obj() (lua.LValue, error) {
	if err := d.enter(); err != nil {
		return nil, err
	}
	t := d.L.CreateTable(0, 4)
	t.Metatable = d.object
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		d.depth--
		return t, nil
	}
	for {
		if d.pos >= len(d.data) || d.data[d.pos] != '"' {
			return nil, d.fail("object key expected")
		}
		k, err := d.str()
		if err != nil {
			return nil, err
		}
		d.space()
		if d.pos >= len(d.data) || d.data[d.pos] != ':' {
			return nil, d.fail("':' expected after object key")
		}
		d.pos++
		d.space()
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		if v == d.null {
			v = lua.LNil // a null field is an absent field in Lua
		}
		t.RawSetString(k, v)
		d.space()
		if d.pos < len(d.data) && d.data[d.pos] == ',' {
			d.pos++
			d.space()
			continue
		}
		if d.pos < len(d.data) && d.data[d.pos] == '}' {
			d.pos++
			d.depth--
			return t, nil
		}
		return nil, d.fail("',' or '}' expected in object")
	}
}

func (d *decoder) arr() (lua.LValue, error) {
	if err := d.enter(); err != nil {
		return nil, err
	}
	t := d.L.CreateTable(4, 0)
	t.Metatable = d.array
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		d.depth--
		return t, nil
	}
	for {
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		t.Append(v)
		d.space()
		if d.pos < len(d.data) && d.data[d.pos] == ',' {
			d.pos++
			d.space()
			continue
		}
		if d.pos < len(d.data) && d.data[d.pos] == ']' {
			d.pos++
			d.depth--
			return t, nil
		}
		return nil, d.fail("',' or ']' expected in array")
	}
}

// str reads a string at d.pos (the opening quote). Plain ASCII without escapes, most
// of any admin answer, is sliced straight out; the rest goes through unescape.
func (d *decoder) str() (string, error) {
	start := d.pos + 1
	for i := start; i < len(d.data); i++ {
		switch c := d.data[i]; {
		case c == '"':
			d.pos = i + 1
			return string(d.data[start:i]), nil
		case c == '\\' || c < 0x20 || c >= utf8.RuneSelf:
			return d.unescape(start)
		}
	}
	d.pos = len(d.data)
	return "", d.fail("unterminated string")
}

// unescape decodes a string with escapes or non-ASCII bytes like encoding/json:
// invalid UTF-8 and lone surrogates become U+FFFD.
func (d *decoder) unescape(start int) (string, error) {
	b := d.buf[:0]
	i := start
	for i < len(d.data) {
		c := d.data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			d.buf = b
			return string(b), nil
		case c < 0x20:
			d.pos = i
			return "", d.fail("control character in string")
		case c == '\\':
			if i+1 >= len(d.data) {
				d.pos = len(d.data)
				return "", d.fail("unterminated string")
			}
			i++
			switch e := d.data[i]; e {
			case '"', '\\', '/':
				b = append(b, e)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r, ok := hex4(d.data, i+1)
				if !ok {
					d.pos = i
					return "", d.fail("bad \\u escape")
				}
				i += 4
				if utf16.IsSurrogate(r) {
					if r2, ok := hex4(d.data, i+3); ok && i+2 < len(d.data) && d.data[i+1] == '\\' && d.data[i+2] == 'u' {
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							r = dec
							i += 6
						} else {
							r = utf8.RuneError
						}
					} else {
						r = utf8.RuneError
					}
				}
				b = utf8.AppendRune(b, r)
			default:
				d.pos = i
				return "", d.fail("bad escape")
			}
			i++
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRune(d.data[i:])
			if r == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, utf8.RuneError)
			} else {
				b = append(b, d.data[i:i+size]...)
			}
			i += size
		}
	}
	d.pos = len(d.data)
	return "", d.fail("unterminated string")
}

func hex4(b []byte, at int) (rune, bool) {
	if at+4 > len(b) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(b[at:at+4]), 16, 32)
	return rune(n), err == nil
}

// num reads a number with JSON's grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
func (d *decoder) num() (lua.LValue, error) {
	start := d.pos
	p := d.pos
	digits := func() int {
		n := 0
		for p < len(d.data) && d.data[p] >= '0' && d.data[p] <= '9' {
			p++
			n++
		}
		return n
	}
	if p < len(d.data) && d.data[p] == '-' {
		p++
	}
	if p < len(d.data) && d.data[p] == '0' {
		p++
	} else if digits() == 0 {
		d.pos = p
		return nil, d.fail("digit expected")
	}
	if p < len(d.data) && d.data[p] == '.' {
		p++
		if digits() == 0 {
			d.pos = p
			return nil, d.fail("digit expected after '.'")
		}
	}
	if p < len(d.data) && (d.data[p] == 'e' || d.data[p] == 'E') {
		p++
		if p < len(d.data) && (d.data[p] == '+' || d.data[p] == '-') {
			p++
		}
		if digits() == 0 {
			d.pos = p
			return nil, d.fail("digit expected in exponent")
		}
	}
	d.pos = p
	f, err := strconv.ParseFloat(string(d.data[start:p]), 64)
	if errors.Is(err, strconv.ErrRange) {
		// Beyond float64 (1e400): the digits as text, rather than inf, which no JSON
		// can carry back, or an error for a field the script may never read.
		return lua.LString(d.data[start:p]), nil
	}
	if err != nil {
		return nil, err
	}
	return lua.LNumber(f), nil
}
