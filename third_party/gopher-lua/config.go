package lua

import (
	"os"
)

var CompatVarArg = true
var FieldsPerFlush = 50
var RegistrySize = 256 * 20
var RegistryGrowStep = 32

// minioscript patch: the call stack and the registry (the value stack) grow as needed,
// up to these limits, beyond which a call raises "stack overflow" (upstream: a fixed
// 256 frames and 5120 slots). 200,000 calls deep, ten times Lua 5.1's LUAI_MAXCALLS,
// take about 20 MB of frames; 1,000,000 slots (Lua 5.4's LUAI_MAXSTACK) 16 MB.
var CallStackSize = 200000
var RegistryMaxSize = 1000000

// MaxCCalls is Lua 5.1's LUAI_MAXCCALLS: how deep Go-level calls into Lua (metamethods,
// library callbacks, pcall, coroutine.resume) may nest before "C stack overflow", so
// that a runaway nesting is a Lua error instead of a fatal Go stack overflow
// (minioscript patch).
var MaxCCalls = 200
var MaxTableGetLoop = 100
var MaxArrayIndex = 67108864

type LNumber float64

const LNumberBit = 64
const LNumberScanFormat = "%f"
const LuaVersion = "Lua 5.1"

var LuaPath = "LUA_PATH"
var LuaLDir string
var LuaPathDefault string

// LuaCPath and LuaCPathDefault are the variable and default of package.cpath, kept for
// scripts that read or set it: no C module can be loaded (minioscript patch).
var LuaCPath = "LUA_CPATH"
var LuaCPathDefault string
var LuaOS string
var LuaDirSep string
var LuaPathSep = ";"
var LuaPathMark = "?"
var LuaExecDir = "!"
var LuaIgMark = "-"

func init() {
	if os.PathSeparator == '/' { // unix-like
		LuaOS = "unix"
		LuaLDir = "/usr/local/share/lua/5.1"
		LuaDirSep = "/"
		// minioscript patch: Debian's lua5.1 default, so modules installed by the
		// distribution's lua-* packages are found.
		LuaPathDefault = "./?.lua;" + LuaLDir + "/?.lua;" + LuaLDir + "/?/init.lua;" +
			"/usr/local/lib/lua/5.1/?.lua;/usr/local/lib/lua/5.1/?/init.lua;" +
			"/usr/share/lua/5.1/?.lua;/usr/share/lua/5.1/?/init.lua"
		LuaCPathDefault = "./?.so;/usr/local/lib/lua/5.1/?.so;/usr/lib/lua/5.1/?.so;/usr/local/lib/lua/5.1/loadall.so"
	} else { // windows
		LuaOS = "windows"
		LuaLDir = "!\\lua"
		LuaDirSep = "\\"
		LuaPathDefault = ".\\?.lua;" + LuaLDir + "\\?.lua;" + LuaLDir + "\\?\\init.lua"
		LuaCPathDefault = ".\\?.dll;!\\?.dll;!\\loadall.dll"
	}
}
