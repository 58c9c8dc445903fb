// Package term is the Lua `term` module: whether output goes to a terminal, and tables
// drawn for people (reports print a table on a terminal and JSON otherwise).
package term

import (
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/minioscript/minioscript/internal/luatable"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
	xterm "golang.org/x/term"
)

// Loader returns the module loader for a VM whose print goes to stdout and whose log
// goes to stderr.
func Loader(stdout, stderr io.Writer) lua.LGFunction {
	return func(L *lua.LState) int {
		L.Push(L.SetFuncs(L.NewTable(), map[string]lua.LGFunction{
			// isatty takes a stream name or, as lua-term's (which libraries such as
			// luassert call through require "term"), an io file.
			"isatty": func(L *lua.LState) int {
				if f, ok := lua.FileOf(L.Get(1)); ok {
					L.Push(lua.LBool(isTerminal(f)))
					return 1
				}
				w := map[string]io.Writer{"stdout": stdout, "stderr": stderr}[L.OptString(1, "stdout")]
				if w == nil {
					L.ArgError(1, `"stdout", "stderr" or an open file expected`)
				}
				L.Push(lua.LBool(isTerminal(w)))
				return 1
			},
			"table": render,
		}))
		return 1
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && xterm.IsTerminal(int(f.Fd()))
}

// table(rows[, {columns = {...}, title = "..."}]): rows is a list of tables keyed by
// column; columns default to every key, sorted. Returns the drawn table as a string.
// go-pretty does the width, alignment and wide-character handling.
func render(L *lua.LState) int {
	rows := L.CheckTable(1)
	var opts struct {
		Columns []string
		Title   string
	}
	if L.Get(2) != lua.LNil {
		if err := (&luatable.Decoder{}).Decode(L, L.Get(2), &opts); err != nil {
			L.ArgError(2, err.Error())
		}
	}
	columns, title := opts.Columns, opts.Title
	if columns == nil {
		seen := map[string]bool{}
		rows.ForEach(func(_, r lua.LValue) {
			if t, ok := r.(*lua.LTable); ok {
				t.ForEach(func(k, _ lua.LValue) {
					if !seen[k.String()] {
						seen[k.String()] = true
						columns = append(columns, k.String())
					}
				})
			}
		})
		sort.Strings(columns)
	}
	tw := table.NewWriter()
	tw.SetStyle(table.StyleLight)
	if title != "" {
		tw.SetTitle(title)
	}
	header := table.Row{}
	for _, c := range columns {
		header = append(header, c)
	}
	tw.AppendHeader(header)
	for i := 1; i <= rows.Len(); i++ {
		t, ok := rows.RawGetInt(i).(*lua.LTable)
		if !ok {
			L.ArgError(1, fmt.Sprintf("row %d is not a table", i))
		}
		row := table.Row{}
		for _, c := range columns {
			v := t.RawGetString(c)
			if v == lua.LNil {
				row = append(row, "")
			} else {
				row = append(row, L.ToStringMeta(v).String())
			}
		}
		tw.AppendRow(row)
	}
	L.Push(lua.LString(tw.Render()))
	return 1
}
