package time_test

import (
	"testing"

	"github.com/minioscript/minioscript/runtime/luatest"
)

// The module's Lua tests run in a VM without a server.
func TestLua(t *testing.T) { luatest.Files(t, "testdata/*.lua") }
