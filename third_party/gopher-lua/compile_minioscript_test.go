package lua

// Tests and benchmarks for the compile area's minioscript patches (MINIOSCRIPT.md,
// "compile: ..." sections).

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/third_party/gopher-lua/parse"
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

// cancelAfterReader cancels its context once the first n bytes have been read, so a
// load can only fail if the parse or compile checks the context on its way.
type cancelAfterReader struct {
	r      *strings.Reader
	n      int
	cancel context.CancelFunc
}

func (c *cancelAfterReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.n -= n; c.n <= 0 {
		c.cancel()
	}
	return n, err
}

func TestLoadStopsWhenContextDone(t *testing.T) {
	L := NewState()
	defer L.Close()
	ctx, cancel := context.WithCancel(context.Background())
	L.SetContext(ctx)
	// Cancelled while the lexer reads the first block: the parse stops.
	src := genRecordList(50000)
	_, err := L.Load(&cancelAfterReader{strings.NewReader(src), 1, cancel}, "data")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("parse: err = %v, want context.Canceled", err)
	}
	// Cancelled after the parse: the compile of one huge table literal stops.
	chunk, err := parse.Parse(strings.NewReader(src), "data")
	if err != nil {
		t.Fatal(err)
	}
	_, err = CompileContext(ctx, chunk, "data")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("compile: err = %v, want context.Canceled", err)
	}
	// Without a context the same source loads.
	L.RemoveContext()
	if _, err := L.LoadString(src); err != nil {
		t.Fatal(err)
	}
}
