// Package luatable is the one way the program reads a Lua table into Go: a struct's
// fields say what the table may hold, and anything else is refused. Unknown fields,
// values of the wrong type and missing required fields are errors that name the field
// (its path for nested tables: users.alice.status, sites[2].name), which callers raise
// as `bad argument` errors.
//
// A field's Lua name is its `lua` tag's name, or else the Go name in snake case
// (AccessKey -> access_key, CAFile -> ca_file). Tag options: `required` (the field must
// be given) and `as=NAME` (a converter of Decoder.Named, for a field whose Lua form
// differs from its Go type's). `lua:"-"` leaves a field out.
package luatable

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"
	"unicode"

	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// Conv converts one Lua value into a value assignable or convertible to the field's type.
type Conv func(L *lua.LState, v lua.LValue) (any, error)

// Decoder decodes tables. Beyond what it converts by kind (strings, booleans, integers,
// floats, pointers, nested structs, lists and tables keyed by name), Types converts the
// Go types named there and Named the fields whose tag names a converter.
type Decoder struct {
	Types map[reflect.Type]Conv
	Named map[string]Conv
}

// Field is one struct field as Lua sees it.
type Field struct {
	Name     string
	Required bool
	As       string // converter name, "" for none
	Type     reflect.Type
	index    []int
}

// Fields lists the Lua fields of struct type t in declaration order (embedded structs'
// fields flattened).
func Fields(t reflect.Type) []Field {
	var out []Field
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || f.Anonymous {
			continue
		}
		tag := f.Tag.Get("lua")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = Snake(f.Name)
		}
		fd := Field{Name: name, Type: f.Type, index: f.Index}
		for _, o := range strings.Split(opts, ",") {
			switch {
			case o == "required":
				fd.Required = true
			case strings.HasPrefix(o, "as="):
				fd.As = strings.TrimPrefix(o, "as=")
			}
		}
		out = append(out, fd)
	}
	return out
}

// Snake turns a Go field name into the Lua one: CAFile -> ca_file, DeploymentID ->
// deployment_id.
func Snake(s string) string {
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		if unicode.IsUpper(c) {
			if i > 0 && (unicode.IsLower(r[i-1]) || unicode.IsDigit(r[i-1]) || (i+1 < len(r) && unicode.IsLower(r[i+1]) && unicode.IsUpper(r[i-1]))) {
				b.WriteByte('_')
			}
			c = unicode.ToLower(c)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Error is a decoding error at a path of fields.
type Error struct {
	Path string // "" for the table itself
	Err  error
}

func (e *Error) Error() string {
	if e.Path == "" {
		return e.Err.Error()
	}
	return fmt.Sprintf("field '%s': %v", e.Path, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// fieldErr is an error that names its own field (unknown, required), written whole.
type fieldErr string

func (e fieldErr) Error() string { return string(e) }

// Decode fills the struct out points to from the table v. Fields the table does not
// give keep their value, so out may hold defaults.
func (d *Decoder) Decode(L *lua.LState, v lua.LValue, out any) error {
	p := reflect.ValueOf(out)
	if p.Kind() != reflect.Pointer || p.Elem().Kind() != reflect.Struct {
		panic(fmt.Sprintf("luatable: Decode needs a pointer to a struct, got %T", out))
	}
	return d.structValue(L, v, p.Elem(), "")
}

// TypeName is how messages name a Lua value's type ("no value" for nil).
func TypeName(v lua.LValue) string {
	if v == lua.LNil {
		return "no value"
	}
	return v.Type().String()
}

// ErrType is the usual "X expected, got Y" complaint.
func ErrType(what string, v lua.LValue) error {
	return fmt.Errorf("%s expected, got %s", what, TypeName(v))
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func (d *Decoder) structValue(L *lua.LState, v lua.LValue, dst reflect.Value, path string) error {
	t, ok := v.(*lua.LTable)
	if !ok {
		return &Error{path, ErrType("table", v)}
	}
	fields := Fields(dst.Type())
	byName := make(map[string]Field, len(fields))
	names := make([]string, 0, len(fields))
	for _, f := range fields {
		byName[f.Name] = f
		names = append(names, f.Name)
	}
	var unknown []string
	t.ForEach(func(k, _ lua.LValue) {
		ks, isStr := k.(lua.LString)
		if _, known := byName[string(ks)]; !isStr || !known {
			unknown = append(unknown, k.String())
		}
	})
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fieldErr(fmt.Sprintf("unknown field '%s' (want %s)", join(path, unknown[0]), strings.Join(names, ", ")))
	}
	for _, f := range fields {
		val := t.RawGetString(f.Name)
		if val == lua.LNil {
			if f.Required {
				return fieldErr(fmt.Sprintf("field '%s' is required", join(path, f.Name)))
			}
			continue
		}
		conv := d.Types[f.Type]
		if f.As != "" {
			if conv = d.Named[f.As]; conv == nil {
				panic(fmt.Sprintf("luatable: %s.%s names converter %q, which the decoder has not", dst.Type(), f.Name, f.As))
			}
		}
		if err := d.value(L, val, dst.FieldByIndex(f.index), join(path, f.Name), conv); err != nil {
			return err
		}
	}
	return nil
}

// value converts v into dst, through conv when given.
func (d *Decoder) value(L *lua.LState, v lua.LValue, dst reflect.Value, path string, conv Conv) error {
	typ := dst.Type()
	if conv == nil {
		conv = d.Types[typ]
	}
	if conv != nil {
		x, err := conv(L, v)
		if err != nil {
			return &Error{path, err}
		}
		xv := reflect.ValueOf(x)
		switch {
		case !xv.IsValid():
			dst.SetZero()
		case xv.Type().AssignableTo(typ):
			dst.Set(xv)
		case typ.Kind() == reflect.Pointer && xv.Type().ConvertibleTo(typ.Elem()):
			p := reflect.New(typ.Elem())
			p.Elem().Set(xv.Convert(typ.Elem()))
			dst.Set(p)
		default:
			dst.Set(xv.Convert(typ))
		}
		return nil
	}
	switch typ.Kind() {
	case reflect.String:
		s, ok := v.(lua.LString)
		if !ok {
			return &Error{path, ErrType("string", v)}
		}
		dst.SetString(string(s))
	case reflect.Bool:
		b, ok := v.(lua.LBool)
		if !ok {
			return &Error{path, ErrType("boolean", v)}
		}
		dst.SetBool(bool(b))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(lua.LNumber)
		f := float64(n)
		if !ok || f != math.Trunc(f) || dst.OverflowInt(int64(f)) || f < math.MinInt64 || f >= math.MaxInt64 {
			return &Error{path, ErrType("integer", v)}
		}
		dst.SetInt(int64(f))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := v.(lua.LNumber)
		f := float64(n)
		if !ok || f < 0 || f != math.Trunc(f) || f >= math.MaxUint64 || dst.OverflowUint(uint64(f)) {
			return &Error{path, ErrType("non-negative integer", v)}
		}
		dst.SetUint(uint64(f))
	case reflect.Float32, reflect.Float64:
		n, ok := v.(lua.LNumber)
		if !ok {
			return &Error{path, ErrType("number", v)}
		}
		dst.SetFloat(float64(n))
	case reflect.Pointer:
		p := reflect.New(typ.Elem())
		if err := d.value(L, v, p.Elem(), path, nil); err != nil {
			return err
		}
		dst.Set(p)
	case reflect.Struct:
		return d.structValue(L, v, dst, path)
	case reflect.Slice:
		t, ok := v.(*lua.LTable)
		if !ok {
			return &Error{path, ErrType("list", v)}
		}
		if err := CheckSequence(t); err != nil {
			return &Error{path, err}
		}
		// Given, even empty, is not the same as not given: never nil.
		s := reflect.MakeSlice(typ, t.Len(), t.Len())
		for i := range t.Len() {
			if err := d.value(L, t.RawGetInt(i+1), s.Index(i), fmt.Sprintf("%s[%d]", path, i+1), nil); err != nil {
				return err
			}
		}
		dst.Set(s)
	case reflect.Map:
		t, ok := v.(*lua.LTable)
		if !ok || typ.Key().Kind() != reflect.String {
			return &Error{path, ErrType("table keyed by name", v)}
		}
		m := reflect.MakeMap(typ)
		var keys []string
		var bad lua.LValue
		t.ForEach(func(k, _ lua.LValue) {
			if ks, isStr := k.(lua.LString); isStr {
				keys = append(keys, string(ks))
			} else if bad == nil {
				bad = k
			}
		})
		if bad != nil {
			return &Error{path, fmt.Errorf("keys are names, got %s", TypeName(bad))}
		}
		sort.Strings(keys)
		for _, k := range keys {
			e := reflect.New(typ.Elem()).Elem()
			if err := d.value(L, t.RawGetString(k), e, join(path, k), nil); err != nil {
				return err
			}
			m.SetMapIndex(reflect.ValueOf(k).Convert(typ.Key()), e)
		}
		dst.Set(m)
	default:
		panic(fmt.Sprintf("luatable: no conversion for %s (%s)", path, typ))
	}
	return nil
}

// Check reports a field of struct type t (or of a struct it holds) that the decoder
// cannot convert, or whose tag names a converter it has not: what would otherwise panic
// at the first table that gives the field.
func (d *Decoder) Check(t reflect.Type) error {
	return d.check(t, t.String(), map[reflect.Type]bool{})
}

func (d *Decoder) check(t reflect.Type, where string, seen map[reflect.Type]bool) error {
	if d.Types[t] != nil || seen[t] {
		return nil
	}
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return nil
	case reflect.Pointer, reflect.Slice:
		return d.check(t.Elem(), where, seen)
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return fmt.Errorf("%s: map keys must be strings", where)
		}
		return d.check(t.Elem(), where, seen)
	case reflect.Struct:
		seen[t] = true
		for _, f := range Fields(t) {
			if f.As != "" {
				if d.Named[f.As] == nil {
					return fmt.Errorf("%s.%s: no converter named %q", t, f.Name, f.As)
				}
				continue
			}
			if err := d.check(f.Type, t.String()+"."+f.Name, seen); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("%s: no conversion for %s", where, t)
}

// CheckSequence refuses a table with keys outside 1..#t (for instance {alice=true}),
// which would otherwise be read as a shorter or empty list.
func CheckSequence(t *lua.LTable) error {
	n, keys := t.Len(), 0
	t.ForEach(func(lua.LValue, lua.LValue) { keys++ })
	if keys != n {
		return fmt.Errorf("a list expected, got a table with %d keys that are not 1..%d", keys-n, n)
	}
	return nil
}
