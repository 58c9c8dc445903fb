package csv

import (
	gocsv "encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// FuzzParse feeds arbitrary text and options to csv.parse: it must return rows or raise
// a Lua error, never panic; without a header every record is one row with its fields in
// order (a leading byte-order mark dropped); and what csv.write writes, csv.read reads back unchanged. Seeds are in
// testdata/fuzz/FuzzParse; CI runs it for a bounded time (scripts/test.sh).
func FuzzParse(f *testing.F) {
	for _, s := range []string{"user,group\nann,dev\n", "a;b\n1;2", "\"q\"\"uote\",x\n", "", "\n\n", " a , b\n"} {
		f.Add(s, true, byte(','))
		f.Add(s, false, byte(';'))
	}
	L := lua.NewState()
	defer L.Close()
	dir := f.TempDir()
	L.PreloadModule("csv", Loader(nil))
	L.SetGlobal("DIR", lua.LString(dir))
	if err := L.DoString(`csv = require("csv")`); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string, header bool, sep byte) {
		opts := L.NewTable()
		opts.RawSetString("header", lua.LBool(header))
		opts.RawSetString("sep", lua.LString([]byte{sep}))
		L.SetTop(0)
		err := L.CallByParam(lua.P{Fn: L.GetField(L.GetGlobal("csv"), "parse"), NRet: 1, Protect: true}, lua.LString(text), opts)
		if err != nil {
			if _, ok := err.(*lua.ApiError); !ok {
				t.Fatalf("not a Lua error: %v", err)
			}
			return
		}
		rows, ok := L.Get(-1).(*lua.LTable)
		if !ok {
			t.Fatalf("parse returned %s", L.Get(-1).Type())
		}
		if header {
			return
		}
		cr := gocsv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\xef\xbb\xbf")))
		cr.Comma, cr.TrimLeadingSpace = rune(sep), true
		records, rerr := cr.ReadAll()
		if rerr != nil || rows.Len() != len(records) {
			t.Fatalf("%d rows, encoding/csv: %d records, %v", rows.Len(), len(records), rerr)
		}
		for i, rec := range records {
			row := rows.RawGetInt(i + 1).(*lua.LTable)
			for j, field := range rec {
				if got := row.RawGetInt(j + 1).String(); got != field {
					t.Fatalf("row %d field %d: %q, want %q", i+1, j+1, got, field)
				}
			}
		}
		// Write and read back with the default separator.
		path := filepath.Join(dir, "round.csv")
		if err := L.CallByParam(lua.P{Fn: L.GetField(L.GetGlobal("csv"), "write"), Protect: true}, lua.LString(path), rows); err != nil {
			t.Fatalf("write: %v", err)
		}
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("written file: %v %v", fi, err)
		}
		noHeader := L.NewTable()
		noHeader.RawSetString("header", lua.LFalse)
		if err := L.CallByParam(lua.P{Fn: L.GetField(L.GetGlobal("csv"), "read"), NRet: 1, Protect: true}, lua.LString(path), noHeader); err != nil {
			t.Fatalf("read back: %v", err)
		}
		back := L.Get(-1).(*lua.LTable)
		for i, rec := range records {
			row, _ := back.RawGetInt(i + 1).(*lua.LTable)
			for j, field := range rec {
				if row == nil || row.RawGetInt(j+1).String() != strings.ReplaceAll(field, "\r\n", "\n") {
					t.Fatalf("round trip of row %d field %d: %v, want %q", i+1, j+1, row, field)
				}
			}
		}
	})
}
