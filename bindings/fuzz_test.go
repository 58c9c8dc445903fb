package bindings

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	ljson "github.com/minioscript/minioscript/stdlib/json"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// FuzzArguments feeds arbitrary strings, numbers and JSON-shaped tables to every
// argument adapter and table decoder: each returns a value of its type or an error,
// never panics, and what it accepts keeps the adapters' promises (no inf/nan names, no
// negative durations, lists as long as the table). Seeds are in
// testdata/fuzz/FuzzArguments; CI runs it for a bounded time (scripts/test.sh).
func FuzzArguments(f *testing.F) {
	f.Add("alice, bob", 30.0, []byte(`["a","b"]`))
	f.Add("30s", -1.0, []byte(`{"name":"a","endpoint":"http://h:9000","access_key":"k","secret_key":"s"}`))
	f.Add("2030-01-02T03:04:05Z", math.Inf(1), []byte(`{"deployment_id":"d","bucket_bandwidth_limit":"1024"}`))
	f.Add("k=v k2=\"a b\"", math.NaN(), []byte(`{"users":true,"entity":"user"}`))
	f.Add(`{"Version":"2012-10-17"}`, 1e300, []byte(`{"a":1,"1":2}`))
	L := lua.NewState()
	defer L.Close()
	policy := reflect.TypeFor[json.RawMessage]()
	f.Fuzz(func(t *testing.T, s string, n float64, data []byte) {
		values := []lua.LValue{lua.LString(s), lua.LNumber(n), lua.LBool(n > 0)}
		if v, err := ljson.Decode(L, data); err == nil {
			values = append(values, v)
		}
		for typ, a := range adapters {
			for _, v := range values {
				if str, ok := v.(lua.LString); ok && typ == policy && !strings.HasPrefix(strings.TrimSpace(string(str)), "{") {
					continue // a policy string that is not JSON names a file to read
				}
				x, err := a.conv(L, v)
				if err != nil {
					continue
				}
				if reflect.TypeOf(x) != typ {
					t.Fatalf("%s adapter gave %T for %v", typ, x, v)
				}
				checkAccepted(t, x, v)
			}
		}
		for _, typ := range tableTypes {
			for _, v := range values {
				_ = decoder.Decode(L, v, reflect.New(typ).Interface())
			}
		}
	})
}

func checkAccepted(t *testing.T, x any, v lua.LValue) {
	switch x := x.(type) {
	case string:
		if n, ok := v.(lua.LNumber); ok && (math.IsInf(float64(n), 0) || math.IsNaN(float64(n))) {
			t.Fatalf("%v accepted as the string %q", v, x)
		}
	case []string:
		if tb, ok := v.(*lua.LTable); ok && len(x) != tb.Len() {
			t.Fatalf("list of %d from a table of length %d", len(x), tb.Len())
		}
	case time.Duration:
		if x < 0 {
			t.Fatalf("negative duration %v from %v", x, v)
		}
	case expiry:
		if x.t == nil || !x.t.After(time.Now().Add(-time.Minute)) {
			t.Fatalf("expiry %v from %v is not in the future", x.t, v)
		}
	}
}
