package tests

import (
	"testing"

	"github.com/minioscript/minioscript/internal/testserver"
)

// setups are the server arrangements a Lua test file can ask for with `-- needs: NAME`.
var setups = map[string]func(t *testing.T) env{
	"shared": func(t *testing.T) env { return serverEnv(sharedServer(t)) },
	"fresh-server": func(t *testing.T) env {
		return serverEnv(testserver.ForTest(t, testserver.Config{}))
	},
}
