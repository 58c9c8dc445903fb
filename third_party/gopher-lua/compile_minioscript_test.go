package lua

// Tests and benchmarks for the compile area's minioscript patches (MINIOSCRIPT.md,
// "compile: ..." sections).

import (
	"fmt"
	"strings"
	"testing"
)

// genRecordList is a data file as programs write them: a list of n records.
func genRecordList(n int) string {
	var b strings.Builder
	b.WriteString("return {users = {\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  {name = \"u%d\", group = \"g%d\", id = %d, active = true},\n", i, i%100, i)
	}
	b.WriteString("}}\n")
	return b.String()
}

// genKeyMap is a table literal of n string keys.
func genKeyMap(n int) string {
	var b strings.Builder
	b.WriteString("return {\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  [\"key%d\"] = \"value%d\",\n", i, i)
	}
	b.WriteString("}\n")
	return b.String()
}

func benchmarkLoad(b *testing.B, src string) {
	L := NewState()
	defer L.Close()
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := L.LoadString(src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadRecordList100k(b *testing.B) { benchmarkLoad(b, genRecordList(100000)) }
func BenchmarkLoadKeyMap100k(b *testing.B)     { benchmarkLoad(b, genKeyMap(100000)) }
func BenchmarkLoadKeyMap10k(b *testing.B)      { benchmarkLoad(b, genKeyMap(10000)) }
