package lua

import (
	"math"
)

func OpenMath(L *LState) int {
	mod := L.RegisterModule(MathLibName, mathFuncs).(*LTable)
	mod.RawSetString("pi", LNumber(math.Pi))
	// minioscript patch: infinity, as in Lua (upstream: the largest float).
	mod.RawSetString("huge", LNumber(math.Inf(1)))
	// minioscript patch: math.random is C's rand() as Lua 5.1 uses it (glibc's
	// generator, one per state, seeded with 1 until math.randomseed), so a seed gives
	// the numbers lua5.1 gives; upstream used Go's global generator, which Seed no
	// longer resets.
	rng := &cRand{}
	rng.seed(1)
	mod.RawSetString("random", L.NewFunction(rng.luaRandom))
	mod.RawSetString("randomseed", L.NewFunction(rng.luaRandomseed))
	L.Push(mod)
	return 1
}

// cRand is glibc's random(3) (TYPE_3: additive feedback, 31 words), rand()'s generator.
type cRand struct {
	r    [31]int32
	f, b int
}

func (c *cRand) seed(seed uint32) {
	if seed == 0 {
		seed = 1
	}
	c.r[0] = int32(seed)
	word := int64(int32(seed)) // glibc keeps the seed in an int32_t
	for i := 1; i < 31; i++ {
		hi, lo := word/127773, word%127773
		word = 16807*lo - 2836*hi
		if word < 0 {
			word += 2147483647
		}
		c.r[i] = int32(word)
	}
	c.f, c.b = 3, 0
	for i := 0; i < 310; i++ {
		c.next()
	}
}

func (c *cRand) next() int32 {
	c.r[c.f] = int32(uint32(c.r[c.f]) + uint32(c.r[c.b]))
	v := int32(uint32(c.r[c.f]) >> 1)
	c.f, c.b = (c.f+1)%31, (c.b+1)%31
	return v
}

const cRandMax = 2147483647

// luaRandom is Lua 5.1's math_random.
func (c *cRand) luaRandom(L *LState) int {
	r := float64(c.next()%cRandMax) / cRandMax
	switch L.GetTop() {
	case 0:
		L.Push(LNumber(r))
	case 1:
		u := L.CheckInt(1)
		if u < 1 {
			L.ArgError(1, "interval is empty")
		}
		L.Push(LNumber(math.Floor(r*float64(u)) + 1))
	case 2:
		l, u := L.CheckInt(1), L.CheckInt(2)
		if l > u {
			L.ArgError(2, "interval is empty")
		}
		L.Push(LNumber(math.Floor(r*float64(u-l+1)) + float64(l)))
	default:
		L.RaiseError("wrong number of arguments")
	}
	return 1
}

func (c *cRand) luaRandomseed(L *LState) int {
	c.seed(uint32(int32(L.CheckNumber(1))))
	return 0
}

var mathFuncs = map[string]LGFunction{
	"abs":   mathAbs,
	"acos":  mathAcos,
	"asin":  mathAsin,
	"atan":  mathAtan,
	"atan2": mathAtan2,
	"ceil":  mathCeil,
	"cos":   mathCos,
	"cosh":  mathCosh,
	"deg":   mathDeg,
	"exp":   mathExp,
	"floor": mathFloor,
	"fmod":  mathFmod,
	"frexp": mathFrexp,
	"ldexp": mathLdexp,
	"log":   mathLog,
	"log10": mathLog10,
	"max":   mathMax,
	"min":   mathMin,
	"mod":   mathMod,
	"modf":  mathModf,
	"pow":   mathPow,
	"rad":   mathRad,
	"sin":   mathSin,
	"sinh":  mathSinh,
	"sqrt":  mathSqrt,
	"tan":   mathTan,
	"tanh":  mathTanh,
}

func mathAbs(L *LState) int {
	L.Push(LNumber(math.Abs(float64(L.CheckNumber(1)))))
	return 1
}

func mathAcos(L *LState) int {
	L.Push(LNumber(math.Acos(float64(L.CheckNumber(1)))))
	return 1
}

func mathAsin(L *LState) int {
	L.Push(LNumber(math.Asin(float64(L.CheckNumber(1)))))
	return 1
}

func mathAtan(L *LState) int {
	L.Push(LNumber(math.Atan(float64(L.CheckNumber(1)))))
	return 1
}

func mathAtan2(L *LState) int {
	L.Push(LNumber(math.Atan2(float64(L.CheckNumber(1)), float64(L.CheckNumber(2)))))
	return 1
}

func mathCeil(L *LState) int {
	L.Push(LNumber(math.Ceil(float64(L.CheckNumber(1)))))
	return 1
}

func mathCos(L *LState) int {
	L.Push(LNumber(math.Cos(float64(L.CheckNumber(1)))))
	return 1
}

func mathCosh(L *LState) int {
	L.Push(LNumber(math.Cosh(float64(L.CheckNumber(1)))))
	return 1
}

func mathDeg(L *LState) int {
	L.Push(LNumber(float64(L.CheckNumber(1)) * 180 / math.Pi))
	return 1
}

func mathExp(L *LState) int {
	L.Push(LNumber(math.Exp(float64(L.CheckNumber(1)))))
	return 1
}

func mathFloor(L *LState) int {
	L.Push(LNumber(math.Floor(float64(L.CheckNumber(1)))))
	return 1
}

func mathFmod(L *LState) int {
	L.Push(LNumber(math.Mod(float64(L.CheckNumber(1)), float64(L.CheckNumber(2)))))
	return 1
}

func mathFrexp(L *LState) int {
	v1, v2 := math.Frexp(float64(L.CheckNumber(1)))
	L.Push(LNumber(v1))
	L.Push(LNumber(v2))
	return 2
}

func mathLdexp(L *LState) int {
	L.Push(LNumber(math.Ldexp(float64(L.CheckNumber(1)), L.CheckInt(2))))
	return 1
}

func mathLog(L *LState) int {
	L.Push(LNumber(math.Log(float64(L.CheckNumber(1)))))
	return 1
}

func mathLog10(L *LState) int {
	L.Push(LNumber(math.Log10(float64(L.CheckNumber(1)))))
	return 1
}

func mathMax(L *LState) int {
	max := L.CheckNumber(1)
	top := L.GetTop()
	for i := 2; i <= top; i++ {
		v := L.CheckNumber(i)
		if v > max {
			max = v
		}
	}
	L.Push(max)
	return 1
}

func mathMin(L *LState) int {
	min := L.CheckNumber(1)
	top := L.GetTop()
	for i := 2; i <= top; i++ {
		v := L.CheckNumber(i)
		if v < min {
			min = v
		}
	}
	L.Push(min)
	return 1
}

// mathMod is Lua 5.1's math.mod, the old name of math.fmod (minioscript patch:
// upstream rounded towards minus infinity, as the % operator does).
func mathMod(L *LState) int {
	L.Push(LNumber(math.Mod(float64(L.CheckNumber(1)), float64(L.CheckNumber(2)))))
	return 1
}

func mathModf(L *LState) int {
	v1, v2 := math.Modf(float64(L.CheckNumber(1)))
	L.Push(LNumber(v1))
	L.Push(LNumber(v2))
	return 2
}

func mathPow(L *LState) int {
	L.Push(LNumber(math.Pow(float64(L.CheckNumber(1)), float64(L.CheckNumber(2)))))
	return 1
}

func mathRad(L *LState) int {
	L.Push(LNumber(float64(L.CheckNumber(1)) * math.Pi / 180))
	return 1
}

func mathSin(L *LState) int {
	L.Push(LNumber(math.Sin(float64(L.CheckNumber(1)))))
	return 1
}

func mathSinh(L *LState) int {
	L.Push(LNumber(math.Sinh(float64(L.CheckNumber(1)))))
	return 1
}

func mathSqrt(L *LState) int {
	L.Push(LNumber(math.Sqrt(float64(L.CheckNumber(1)))))
	return 1
}

func mathTan(L *LState) int {
	L.Push(LNumber(math.Tan(float64(L.CheckNumber(1)))))
	return 1
}

func mathTanh(L *LState) int {
	L.Push(LNumber(math.Tanh(float64(L.CheckNumber(1)))))
	return 1
}

//
