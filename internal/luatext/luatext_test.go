package luatext

import (
	"strings"
	"testing"

	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

func TestString(t *testing.T) {
	L := lua.NewState()
	defer L.Close()
	for code, want := range map[string]string{
		`return "plain"`: "plain",
		`return 12`:      "12",
		`return setmetatable({}, {__tostring = function() return "named" end})`:                     "named",
		`return setmetatable({}, {__tostring = function() return 7 end})`:                           "7",
		`return setmetatable({}, {__tostring = function() error("boom") end})`:                      "(__tostring failed: <string>:1: boom)",
		`return setmetatable({}, {__tostring = function() error({}) end})`:                          "(__tostring failed: table: ",
		`return setmetatable({}, {__tostring = function() return {} end})`:                          "(__tostring returned a table)",
		`local t = {}; setmetatable(t, {__tostring = function() return tostring(t) end}); return t`: "(__tostring failed:",
		`return setmetatable({}, {__tostring = function()
			error(setmetatable({}, {__tostring = function() error("inner") end})) end})`: "(__tostring failed: table: ",
	} {
		if err := L.DoString(code); err != nil {
			t.Fatal(err)
		}
		top := L.GetTop()
		got := String(L, L.Get(-1))
		if !strings.Contains(got, want) {
			t.Errorf("%s: got %q, want it to contain %q", code, got, want)
		}
		if L.GetTop() != top {
			t.Errorf("%s: stack changed from %d to %d", code, top, L.GetTop())
		}
		L.SetTop(0)
	}
}
