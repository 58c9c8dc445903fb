package json

import (
	gojson "encoding/json"
	"errors"
	"reflect"
	"testing"

	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// The decoder accepts exactly what encoding/json accepts and yields the same values.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"a":1,"b":[1,2,null,{"c":"d"}],"e":null,"f":true,"g":false}`, `null`, `[]`, `{}`, ` [ ] `,
		`"\u00e9\ud83d\ude00\n\t\"\\\/"`, `"\ud800"`, `"\udc00\ud800x"`, "\"\xff\xfe\"", `"héllo"`,
		`-0`, `0.5e+3`, `1E-2`, `1e400`, `-12345678901234567890`, `01`, `1.`, `.5`, `-`, `+1`,
		`{"a":1,"a":null}`, `{"a" 1}`, `[1,]`, `{"a":1,}`, `tru`, `nul`, `"abc`, "\"a\x01\"", `[1] x`,
		`{"users":{"alice":{"status":"enabled","memberOf":["g1"]}}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		L := lua.NewState()
		defer L.Close()
		got, err := Decode(L, data)
		var want any
		werr := gojson.Unmarshal(data, &want)
		var ute *gojson.UnmarshalTypeError
		if errors.As(werr, &ute) {
			return // a number beyond float64: Lua gets its text where encoding/json refuses
		}
		if (err == nil) != (werr == nil) {
			t.Fatalf("%q: Decode error %v, encoding/json error %v", data, err, werr)
		}
		if err != nil {
			return
		}
		if g := plain(L, got); !reflect.DeepEqual(g, dropNullFields(want)) {
			t.Fatalf("%q: got %#v, want %#v", data, g, dropNullFields(want))
		}
	})
}

// plain turns decoded Lua values back into Go values shaped like encoding/json's.
func plain(L *lua.LState, v lua.LValue) any {
	switch x := v.(type) {
	case *lua.LNilType:
		return nil
	case lua.LBool:
		return bool(x)
	case lua.LNumber:
		return float64(x)
	case lua.LString:
		return string(x)
	case *lua.LUserData:
		if v == null(L) {
			return nil
		}
	case *lua.LTable:
		if x.Metatable == L.GetTypeMetatable(arrayMeta) {
			out := []any{}
			for i := 1; i <= x.Len(); i++ {
				out = append(out, plain(L, x.RawGetInt(i)))
			}
			return out
		}
		out := map[string]any{}
		x.ForEach(func(k, e lua.LValue) { out[k.String()] = plain(L, e) })
		return out
	}
	return v.String()
}

func dropNullFields(v any) any {
	switch x := v.(type) {
	case []any:
		for i := range x {
			x[i] = dropNullFields(x[i])
		}
	case map[string]any:
		for k, e := range x {
			if e == nil {
				delete(x, k)
			} else {
				x[k] = dropNullFields(e)
			}
		}
	}
	return v
}
