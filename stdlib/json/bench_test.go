package json

import (
	"fmt"
	"strings"
	"testing"

	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// BenchmarkDecodeUserList turns a user_list answer of 10,000 users into Lua tables.
func BenchmarkDecodeUserList(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("{")
	for i := range 10000 {
		if i > 0 {
			sb.WriteString(",")
		}
		fmt.Fprintf(&sb, `"user-%05d":{"policyName":"readwrite,diagnostics","status":"enabled","memberOf":["team-%d"],"updatedAt":"2026-11-27T12:00:00Z"}`, i, i%100)
	}
	sb.WriteString("}")
	data := []byte(sb.String())
	L := lua.NewState()
	defer L.Close()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Decode(L, data); err != nil {
			b.Fatal(err)
		}
	}
}
