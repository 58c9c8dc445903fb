package json

import (
	"bytes"
	gojson "encoding/json"
	"testing"

	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// FuzzRoundTrip feeds arbitrary bytes to json.decode: it returns a value or an error,
// never panics; what it decodes encodes to valid JSON, and that JSON decodes and encodes
// to the same text again (integers, empty arrays and objects, nulls survive). Seeds are
// in testdata/fuzz/FuzzRoundTrip; CI runs it for a bounded time (scripts/test.sh).
func FuzzRoundTrip(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{}],"b":null}`, `[[],{},"",0,-0,1e308,12345678901234567890]`, `"\u00e9\ud83d\ude00"`,
		`{"x":{"y":{"z":[true,false,null]}}}`, `3.25`, `{`, `{"a":1,"a":2}`} {
		f.Add([]byte(s))
	}
	L := lua.NewState()
	defer L.Close()
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Decode(L, data)
		if err != nil {
			return
		}
		first, err := Encode(L, v)
		if err != nil {
			t.Fatalf("decoded %q but cannot encode it: %v", data, err)
		}
		if !gojson.Valid(first) {
			t.Fatalf("%q encoded to invalid JSON %q", data, first)
		}
		v2, err := Decode(L, first)
		if err != nil {
			t.Fatalf("own output %q does not decode: %v", first, err)
		}
		second, err := Encode(L, v2)
		if err != nil || !bytes.Equal(first, second) {
			t.Fatalf("%q -> %q -> %q (%v)", data, first, second, err)
		}
	})
}
