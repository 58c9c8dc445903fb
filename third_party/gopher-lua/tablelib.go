package lua

import (
	"math"
	"strings"
)

func OpenTable(L *LState) int {
	tabmod := L.RegisterModule(TabLibName, tableFuncs)
	L.Push(tabmod)
	return 1
}

var tableFuncs = map[string]LGFunction{
	"concat":   tableConcat,
	"foreach":  tableForeach,
	"foreachi": tableForeachi,
	"getn":     tableGetN,
	"insert":   tableInsert,
	"maxn":     tableMaxN,
	"remove":   tableRemove,
	"setn":     tableSetN,
	"sort":     tableSort,
}

// tableSort is Lua 5.1's sort (ltablib.c's auxsort), minioscript patch: the same
// quicksort, so that elements that compare equal end in Lua's order, an inconsistent
// comparator raises "invalid order function for sorting" where Lua does, the whole
// 1..#t range is sorted (upstream sorted only the array part), and nil means no
// comparator.
func tableSort(L *LState) int {
	tbl := L.CheckTable(1)
	var fn *LFunction
	if L.Get(2) != LNil {
		fn = L.CheckFunction(2)
	}
	less := func(a, b LValue) bool {
		if fn == nil {
			return L.LessThan(a, b)
		}
		L.Push(fn)
		L.Push(a)
		L.Push(b)
		L.Call(2, 1)
		return LVAsBool(L.reg.Pop())
	}
	auxSort(L, tbl, less, 1, tbl.Len())
	return 0
}

func auxSort(L *LState, t *LTable, less func(a, b LValue) bool, l, u int) {
	for l < u {
		L.checkInterrupt() // minioscript patch: once a partition (see checkInterrupt)
		al, au := t.RawGetInt(l), t.RawGetInt(u)
		if less(au, al) {
			t.RawSetInt(l, au)
			t.RawSetInt(u, al)
		}
		if u-l == 1 {
			break
		}
		i := (l + u) / 2
		ai, al := t.RawGetInt(i), t.RawGetInt(l)
		if less(ai, al) {
			t.RawSetInt(i, al)
			t.RawSetInt(l, ai)
		} else if au := t.RawGetInt(u); less(au, ai) {
			t.RawSetInt(i, au)
			t.RawSetInt(u, ai)
		}
		if u-l == 2 {
			break
		}
		p := t.RawGetInt(i)
		t.RawSetInt(i, t.RawGetInt(u-1))
		t.RawSetInt(u-1, p)
		i, j := l, u-1
		for {
			var ai, aj LValue
			for {
				i++
				ai = t.RawGetInt(i)
				if !less(ai, p) {
					break
				}
				if i > u {
					L.RaiseError("invalid order function for sorting")
				}
			}
			for {
				j--
				aj = t.RawGetInt(j)
				if !less(p, aj) {
					break
				}
				if j < l {
					L.RaiseError("invalid order function for sorting")
				}
			}
			if j < i {
				break
			}
			t.RawSetInt(i, aj)
			t.RawSetInt(j, ai)
		}
		au1, ai := t.RawGetInt(u-1), t.RawGetInt(i)
		t.RawSetInt(u-1, ai)
		t.RawSetInt(i, au1)
		if i-l < u-i {
			j = l
			i = i - 1
			l = i + 2
		} else {
			j = i + 1
			i = u
			u = j - 2
		}
		auxSort(L, t, less, j, i)
	}
}

func tableGetN(L *LState) int {
	L.Push(LNumber(L.CheckTable(1).Len()))
	return 1
}

// tableSetN is obsolete in Lua 5.1 and says so.
func tableSetN(L *LState) int {
	L.CheckTable(1)
	L.RaiseError("'setn' is obsolete")
	return 0
}

// tableMaxN is the largest positive numeric key, integer or not, as Lua 5.1's.
func tableMaxN(L *LState) int {
	tbl := L.CheckTable(1)
	max := LNumber(0)
	tbl.ForEach(func(k, _ LValue) {
		if n, ok := k.(LNumber); ok && n > max {
			max = n
		}
	})
	L.Push(max)
	return 1
}

// tableForeachi calls f(i, t[i]) for i in 1..#t until f returns a value, and returns it.
func tableForeachi(L *LState) int {
	tbl := L.CheckTable(1)
	fn := L.CheckFunction(2)
	n := tbl.Len()
	for i := 1; i <= n; i++ {
		L.Push(fn)
		L.Push(LNumber(i))
		L.Push(tbl.RawGetInt(i))
		L.Call(2, 1)
		if v := L.Get(-1); v != LNil {
			return 1
		}
		L.Pop(1)
	}
	return 0
}

// tableForeach calls f(k, v) for each pair, as next visits them, until f returns a
// value, and returns it.
func tableForeach(L *LState) int {
	tbl := L.CheckTable(1)
	fn := L.CheckFunction(2)
	for k, v := tbl.Next(LNil); k != LNil; k, v = tbl.Next(k) {
		L.Push(fn)
		L.Push(k)
		L.Push(v)
		L.Call(2, 1)
		if r := L.Get(-1); r != LNil {
			return 1
		}
		L.Pop(1)
	}
	return 0
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
		if pos%interruptEvery == 0 {
			L.checkInterrupt() // minioscript patch (see checkInterrupt)
		}
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
	// minioscript patch: the values are checked and measured first, so a result past
	// maxStringLength fails before anything is allocated and the rest is built in one
	// allocation; both loops look at the context (see checkInterrupt).
	total := 0
	for k := i; k <= j; k++ {
		v := tbl.RawGetInt(k)
		if !LVCanConvToString(v) {
			L.RaiseError("invalid value (%s) at index %d in table for 'concat'", v.Type().String(), k)
		}
		if (k-i)%interruptEvery == 0 {
			L.checkInterrupt()
		}
		total += len(LVAsString(v))
		if k != j {
			total += len(sep)
		}
		L.checkStringLength(total, "resulting string too large")
	}
	var b strings.Builder
	b.Grow(total)
	for k := i; k <= j; k++ {
		if (k-i)%interruptEvery == 0 {
			L.checkInterrupt()
		}
		b.WriteString(LVAsString(tbl.RawGetInt(k)))
		if k != j {
			b.WriteString(sep)
		}
	}
	L.Push(LString(b.String()))
	return 1
}

// tableInsert is Lua 5.1's tinsert: two or three arguments, the position may be past
// the end (minioscript patch: upstream took more arguments and refused such a position).
func tableInsert(L *LState) int {
	tbl := L.CheckTable(1)
	e := tbl.Len() + 1
	switch L.GetTop() {
	case 2:
		tbl.RawSetInt(e, L.Get(2))
	case 3:
		pos := checkCInt(L, 2)
		if pos > e {
			e = pos
		}
		for i := e; i > pos; i-- {
			if (e-i)%interruptEvery == 0 {
				L.checkInterrupt() // minioscript patch: a position of -2^31 loops for long
			}
			tbl.RawSetInt(i, tbl.RawGetInt(i-1))
		}
		tbl.RawSetInt(pos, L.Get(3))
	default:
		L.RaiseError("wrong number of arguments to 'insert'")
	}
	return 0
}

// checkCInt is luaL_checkint on 64-bit Linux (minioscript patch): the number as a C
// int, wrapped to 32 bits, with infinities and NaN as 0 (lua_number2int); a position
// of 1/0 made table.insert count down from the end to the smallest int64.
func checkCInt(L *LState, n int) int {
	v := float64(L.CheckNumber(n))
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return 0
	}
	return int(int32(int64(math.Mod(math.RoundToEven(v), 1<<32))))
}
