// Package csv is the Lua `csv` module: read and write CSV files, with the first row as
// field names by default (rows become tables keyed by them).
package csv

import (
	"bufio"
	gocsv "encoding/csv"
	"io"
	"sort"
	"strings"

	"github.com/minioscript/minioscript/files"
	"github.com/minioscript/minioscript/internal/luatable"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// Loader returns the module loader; its files are reached through fsys.
func Loader(fsys *files.FS) lua.LGFunction {
	return func(L *lua.LState) int {
		L.Push(L.SetFuncs(L.NewTable(), map[string]lua.LGFunction{
			"read":  func(L *lua.LState) int { return read(L, fsys) },
			"parse": parse,
			"write": func(L *lua.LState) int { return write(L, fsys) },
		}))
		return 1
	}
}

// writeOptions decodes write's options: a mode is a string, as Lua has no octal
// literals (644 would be a decimal number).
var writeOptions = &luatable.Decoder{Named: map[string]luatable.Conv{
	"mode": func(L *lua.LState, v lua.LValue) (any, error) {
		if s, ok := v.(lua.LString); ok {
			return string(s), nil
		}
		return nil, luatable.ErrType(`an octal string such as "0640"`, v)
	},
}}

// readOptions is read's and parse's options table, through the one table decoder
// (an unknown field or a wrong type is a bad argument naming it).
type readOptions struct {
	Header *bool
	Sep    *string
}

type options struct {
	header bool
	comma  rune
}

func opts(L *lua.LState, n int) options {
	o := options{header: true, comma: ','}
	if L.Get(n) == lua.LNil {
		return o
	}
	var ro readOptions
	if err := (&luatable.Decoder{}).Decode(L, L.Get(n), &ro); err != nil {
		L.ArgError(n, err.Error())
	}
	if ro.Header != nil {
		o.header = *ro.Header
	}
	if ro.Sep != nil {
		if len(*ro.Sep) != 1 {
			L.ArgError(n, "sep must be one character")
		}
		o.comma = rune((*ro.Sep)[0])
	}
	return o
}

// read(path[, {header=true, sep=","}])
func read(L *lua.LState, fsys *files.FS) int {
	f, err := fsys.Open(L.CheckString(1))
	if err != nil {
		L.RaiseError("csv.read: %v", err)
	}
	defer f.Close()
	return decode(L, f, opts(L, 2))
}

// parse(text[, opts])
func parse(L *lua.LState) int {
	return decode(L, strings.NewReader(L.CheckString(1)), opts(L, 2))
}

func decode(L *lua.LState, r io.Reader, o options) int {
	br := bufio.NewReader(r)
	// Spreadsheets often start UTF-8 files with a byte-order mark; it is not part of
	// the first field name.
	if b, _ := br.Peek(3); string(b) == "\xef\xbb\xbf" {
		br.Discard(3)
	}
	cr := gocsv.NewReader(br)
	cr.Comma = o.comma
	cr.TrimLeadingSpace = true
	records, err := cr.ReadAll()
	if err != nil {
		L.RaiseError("csv: %v", err)
	}
	out := L.NewTable()
	if len(records) == 0 {
		L.Push(out)
		return 1
	}
	var header []string
	if o.header {
		header, records = records[0], records[1:]
	}
	for _, rec := range records {
		row := L.NewTable()
		for i, field := range rec {
			if header != nil && i < len(header) {
				row.RawSetString(header[i], lua.LString(field))
			} else {
				row.RawSetInt(i+1, lua.LString(field))
			}
		}
		out.Append(row)
	}
	L.Push(out)
	return 1
}

// write(path, rows[, {header={...}, mode="0600"}]): rows are lists, or tables written
// in header order (default: their keys, sorted). The file is private unless mode widens
// it, and replaced only once completely written.
func write(L *lua.LState, fsys *files.FS) int {
	path := L.CheckString(1)
	rows := L.CheckTable(2)
	var wo struct {
		Header []string
		Mode   string `lua:",as=mode"`
	}
	if L.Get(3) != lua.LNil {
		if err := writeOptions.Decode(L, L.Get(3), &wo); err != nil {
			L.ArgError(3, err.Error())
		}
	}
	header := wo.Header
	mode := files.DefaultMode
	if wo.Mode != "" {
		var err error
		if mode, err = files.ParseMode(wo.Mode); err != nil {
			L.ArgError(3, err.Error())
		}
	}
	if first, ok := rows.RawGetInt(1).(*lua.LTable); ok && header == nil && first.Len() == 0 {
		first.ForEach(func(k, _ lua.LValue) { header = append(header, k.String()) })
		sort.Strings(header)
	}
	err := fsys.WriteFile(path, mode, func(out io.Writer) error {
		out = &bomGuard{w: out}
		w := gocsv.NewWriter(out)
		if header != nil {
			if err := w.Write(header); err != nil {
				return err
			}
		}
		var werr error
		rows.ForEach(func(_, v lua.LValue) {
			row, ok := v.(*lua.LTable)
			if !ok || werr != nil {
				return
			}
			var rec []string
			if header != nil && row.Len() == 0 {
				for _, h := range header {
					rec = append(rec, lua.LVAsString(row.RawGetString(h)))
				}
			} else {
				for i := 1; i <= row.Len(); i++ {
					rec = append(rec, row.RawGetInt(i).String())
				}
			}
			if len(rec) == 0 || len(rec) == 1 && rec[0] == "" {
				// encoding/csv writes an empty line, which readers skip: the row would
				// vanish. A quoted empty field keeps it (found by FuzzParse).
				w.Flush()
				if werr = w.Error(); werr == nil {
					_, werr = io.WriteString(out, "\"\"\n")
				}
				return
			}
			werr = w.Write(rec)
		})
		if werr != nil {
			return werr
		}
		w.Flush()
		return w.Error()
	})
	if err != nil {
		L.RaiseError("csv.write: %v", err)
	}
	return 0
}

// bomGuard writes a BOM before a file that would begin with one: csv.read drops a
// leading BOM, so a first field starting with U+FEFF keeps its own (found by FuzzParse).
type bomGuard struct {
	w       io.Writer
	started bool
}

func (g *bomGuard) Write(p []byte) (int, error) {
	if !g.started && len(p) > 0 {
		g.started = true
		if strings.HasPrefix(string(p), "\xef\xbb\xbf") {
			if _, err := io.WriteString(g.w, "\xef\xbb\xbf"); err != nil {
				return 0, err
			}
		}
	}
	return g.w.Write(p)
}
