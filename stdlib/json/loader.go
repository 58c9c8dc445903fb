// Package json is the Lua `json` module: encode and decode with a stable key order,
// integers kept as integers, and empty arrays told apart from empty objects.
package json

import (
	"bytes"
	gojson "encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"

	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// Marker metatables: decoded (or json.array/json.object-marked) tables remember whether
// they were an array or an object, so an empty one encodes back the same way.
const (
	arrayMeta  = "json.array"
	objectMeta = "json.object"
)

// nullKey is the registry key of the userdata that is json.null, the value a JSON null
// decodes to (a nil inside an array would end the list).
const nullKey = "json.null"

// Loader is the module's loader for L.PreloadModule.
func Loader(L *lua.LState) int {
	L.Push(Module(L))
	return 1
}

// Module builds the module table (shared with minio.json).
func Module(L *lua.LState) *lua.LTable {
	if mod, ok := L.GetField(L.Get(lua.RegistryIndex), "json.module").(*lua.LTable); ok {
		return mod
	}
	mod := L.SetFuncs(L.NewTable(), map[string]lua.LGFunction{
		"encode": encode,
		"decode": decode,
		"array":  markArray,
		"object": markObject,
		"pretty": pretty,
	})
	mod.RawSetString("null", null(L))
	L.SetField(L.Get(lua.RegistryIndex), "json.module", mod)
	return mod
}

func null(L *lua.LState) lua.LValue {
	reg := L.Get(lua.RegistryIndex)
	if v := L.GetField(reg, nullKey); v != lua.LNil {
		return v
	}
	ud := L.NewUserData()
	mt := L.NewTable()
	mt.RawSetString("__tostring", L.NewFunction(func(L *lua.LState) int { L.Push(lua.LString("null")); return 1 }))
	ud.Metatable = mt
	L.SetField(reg, nullKey, ud)
	return ud
}

func marker(L *lua.LState, name string) *lua.LTable {
	mt := L.NewTypeMetatable(name)
	mt.RawSetString("__jsontype", lua.LString(name))
	return mt
}

func markArray(L *lua.LState) int {
	t := L.OptTable(1, L.NewTable())
	L.SetMetatable(t, marker(L, arrayMeta))
	L.Push(t)
	return 1
}

func markObject(L *lua.LState) int {
	t := L.OptTable(1, L.NewTable())
	L.SetMetatable(t, marker(L, objectMeta))
	L.Push(t)
	return 1
}

func encode(L *lua.LState) int {
	b, err := Encode(L, L.CheckAny(1))
	if err != nil {
		L.ArgError(1, err.Error())
	}
	L.Push(lua.LString(b))
	return 1
}

func pretty(L *lua.LState) int {
	b, err := Encode(L, L.CheckAny(1))
	if err != nil {
		L.ArgError(1, err.Error())
	}
	var out bytes.Buffer
	if err := gojson.Indent(&out, b, "", "  "); err != nil {
		L.ArgError(1, err.Error())
	}
	L.Push(lua.LString(out.String()))
	return 1
}

func decode(L *lua.LState) int {
	v, err := Decode(L, []byte(L.CheckString(1)))
	if err != nil {
		L.Push(lua.LNil)
		L.Push(lua.LString(err.Error()))
		return 2
	}
	L.Push(v)
	return 1
}

// Encode writes a Lua value as compact JSON with object keys sorted.
func Encode(L *lua.LState, v lua.LValue) ([]byte, error) {
	var b bytes.Buffer
	err := encodeValue(L, &b, v, map[*lua.LTable]bool{})
	return b.Bytes(), err
}

func encodeValue(L *lua.LState, b *bytes.Buffer, v lua.LValue, seen map[*lua.LTable]bool) error {
	switch x := v.(type) {
	case *lua.LNilType:
		b.WriteString("null")
	case lua.LBool:
		b.WriteString(strconv.FormatBool(bool(x)))
	case lua.LNumber:
		f := float64(x)
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return fmt.Errorf("cannot encode %v as JSON", f)
		}
		if f == math.Trunc(f) && math.Abs(f) < 1e15 {
			b.WriteString(strconv.FormatInt(int64(f), 10))
		} else {
			b.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
		}
	case lua.LString:
		s, _ := gojson.Marshal(string(x))
		b.Write(s)
	case *lua.LUserData:
		if v == null(L) {
			b.WriteString("null")
			return nil
		}
		return fmt.Errorf("cannot encode userdata as JSON")
	case *lua.LTable:
		if seen[x] {
			return errors.New("cannot encode a table that contains itself")
		}
		seen[x] = true
		defer delete(seen, x)
		if isArray(L, x) {
			b.WriteByte('[')
			for i := 1; i <= x.Len(); i++ {
				if i > 1 {
					b.WriteByte(',')
				}
				if err := encodeValue(L, b, x.RawGetInt(i), seen); err != nil {
					return err
				}
			}
			b.WriteByte(']')
			return nil
		}
		var keys []string
		var bad error
		x.ForEach(func(k, _ lua.LValue) {
			switch k.(type) {
			case lua.LString, lua.LNumber:
				keys = append(keys, k.String())
			default:
				bad = fmt.Errorf("cannot encode a %s table key as JSON", k.Type())
			}
		})
		if bad != nil {
			return bad
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			ks, _ := gojson.Marshal(k)
			b.Write(ks)
			b.WriteByte(':')
			val := x.RawGetString(k)
			if val == lua.LNil {
				if n, err := strconv.Atoi(k); err == nil {
					val = x.RawGetInt(n)
				}
			}
			if err := encodeValue(L, b, val, seen); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	default:
		return fmt.Errorf("cannot encode a %s as JSON", v.Type())
	}
	return nil
}

// isArray: marked arrays, and unmarked tables that are a non-empty 1..n sequence.
func isArray(L *lua.LState, t *lua.LTable) bool {
	if mt, ok := L.GetMetatable(t).(*lua.LTable); ok {
		switch mt.RawGetString("__jsontype").String() {
		case arrayMeta:
			return true
		case objectMeta:
			return false
		}
	}
	n := t.Len()
	if n == 0 {
		return false
	}
	count := 0
	t.ForEach(func(_, _ lua.LValue) { count++ })
	return count == n
}
