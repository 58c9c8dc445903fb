package lua

// Tests and benchmarks for the compile area's minioscript patches (MINIOSCRIPT.md,
// "compile: ..." sections).

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"reflect"
	"strings"
	"testing"
	"time"

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

// genCode is a program of n functions that declare locals, loop and build closures, so
// that the parser resolves many names (its limits on locals and upvalues, limits.go).
func genCode(n int) string {
	var b strings.Builder
	b.WriteString("local M, insert, fmt = {}, table.insert, string.format\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `function M.f%d(t, n, ...)
  local sum, out, c = 0, {}, select("#", ...)
  for i, v in ipairs(t) do
    local x = v * n + i
    if x > sum then sum = x elseif x < 0 then sum = -x else insert(out, fmt("%%d", x)) end
  end
  repeat local k = n - 1; n = k until k <= 0
  return function(y) return sum + y + #out + c end
end
`, i)
	}
	b.WriteString("return M\n")
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
func BenchmarkLoadKeyMap25k(b *testing.B)      { benchmarkLoad(b, genKeyMap(25000)) }
func BenchmarkLoadRecordList25k(b *testing.B)  { benchmarkLoad(b, genRecordList(25000)) }
func BenchmarkLoadCode5k(b *testing.B)         { benchmarkLoad(b, genCode(5000)) }

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

const dumpTestSource = `
local up = 1
local function f(a, ...)
  local t = {a, "s", 2.5, true, ...}
  for i, v in ipairs(t) do up = up + i end
  while a > 0 do a = a - 1 if a == 3 then break end end
  return function(x) return x .. up end, #t, select("#", ...)
end
return f
`

func TestDumpRoundTrip(t *testing.T) {
	L := NewState()
	defer L.Close()
	fn, err := L.LoadString(dumpTestSource)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Dump(fn)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Undump(b, "binary string")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p, fn.Proto) {
		t.Fatalf("round trip differs:\n%v\n%v", p, fn.Proto)
	}
	if _, err := Dump(L.NewFunction(func(*LState) int { return 0 })); err == nil || err.Error() != "unable to dump given function" {
		t.Fatalf("Go function: err = %v", err)
	}
}

// Every truncation and every single-byte change of a binary chunk fails to load with
// an error, never a Go panic.
func TestUndumpCorruptChunk(t *testing.T) {
	L := NewState()
	defer L.Close()
	fn, err := L.LoadString(dumpTestSource)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Dump(fn)
	for n := 1; n < len(b); n++ {
		if _, err := L.LoadString(string(b[:n])); err == nil {
			t.Fatalf("truncated to %d bytes: loaded", n)
		}
	}
	for i := range b {
		c := append([]byte(nil), b...)
		c[i] ^= 0x55
		if _, err := L.LoadString(string(c)); err == nil {
			t.Fatalf("byte %d changed: loaded", i)
		}
	}
	puc := "\x1bLua\x51\x00\x01\x04"
	_, err = L.LoadSource(strings.NewReader(puc), puc)
	if err == nil || !strings.Contains(err.Error(), "binary string: bad header in precompiled chunk") {
		t.Fatalf("PUC Lua header: err = %v", err)
	}
}

// FuzzUndump loads arbitrary binary chunks: the checksum is made right, so the
// structure and code checks are what keeps a crafted chunk from panicking the VM.
func FuzzUndump(f *testing.F) {
	L := NewState()
	fn, err := L.LoadString(dumpTestSource)
	if err != nil {
		f.Fatal(err)
	}
	b, _ := Dump(fn)
	f.Add(b[len(dumpSignature+dumpVersion) : len(b)-4])
	f.Fuzz(func(t *testing.T, body []byte) {
		data := append([]byte(dumpSignature+dumpVersion), body...)
		data = binary.LittleEndian.AppendUint32(data, crc32.ChecksumIEEE(data))
		L := NewState()
		defer L.Close()
		L.SetContext(context.Background())
		fn, err := L.Load(bytes.NewReader(data), "fuzz")
		if err != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		L.SetContext(ctx)
		L.Push(fn)
		L.PCall(0, MultRet, nil)
	})
}
