package lua

import (
	"sort"
	"strings"
)

func OpenTable(L *LState) int {
	tabmod := L.RegisterModule(TabLibName, tableFuncs)
	L.Push(tabmod)
	return 1
}

var tableFuncs = map[string]LGFunction{
	"getn":   tableGetN,
	"concat": tableConcat,
	"insert": tableInsert,
	"maxn":   tableMaxN,
	"remove": tableRemove,
	"sort":   tableSort,
}

func tableSort(L *LState) int {
	tbl := L.CheckTable(1)
	sorter := lValueArraySorter{L, nil, tbl.array}
	if L.GetTop() != 1 {
		sorter.Fn = L.CheckFunction(2)
	}
	sort.Sort(sorter)
	return 0
}

func tableGetN(L *LState) int {
	L.Push(LNumber(L.CheckTable(1).Len()))
	return 1
}

func tableMaxN(L *LState) int {
	L.Push(LNumber(L.CheckTable(1).MaxN()))
	return 1
}

// tableRemove and tableConcat follow Lua 5.1's tremove and tconcat (minioscript
// patch): remove returns nothing for a position outside 1..#t, concat takes a numeric
// separator and fails on a missing value in its range.
func tableRemove(L *LState) int {
	tbl := L.CheckTable(1)
	e := tbl.Len()
	pos := L.OptInt(2, e)
	if pos < 1 || pos > e {
		return 0
	}
	L.Push(tbl.RawGetInt(pos))
	for ; pos < e; pos++ {
		tbl.RawSetInt(pos, tbl.RawGetInt(pos+1))
	}
	tbl.RawSetInt(e, LNil)
	return 1
}

func tableConcat(L *LState) int {
	tbl := L.CheckTable(1)
	sep := ""
	if L.Get(2) != LNil {
		sep = L.CheckString(2)
	}
	i := L.OptInt(3, 1)
	j := L.OptInt(4, tbl.Len())
	var b strings.Builder
	for k := i; k <= j; k++ {
		v := tbl.RawGetInt(k)
		if !LVCanConvToString(v) {
			L.RaiseError("invalid value (%s) at index %d in table for 'concat'", v.Type().String(), k)
		}
		b.WriteString(LVAsString(v))
		if k != j {
			b.WriteString(sep)
		}
	}
	L.Push(LString(b.String()))
	return 1
}

func tableInsert(L *LState) int {
	tbl := L.CheckTable(1)
	nargs := L.GetTop()
	if nargs == 1 {
		L.RaiseError("wrong number of arguments")
	}

	if L.GetTop() == 2 {
		tbl.Append(L.Get(2))
		return 0
	}
	tbl.Insert(int(L.CheckInt(2)), L.CheckAny(3))
	return 0
}

//
