package bindings

import (
	"fmt"

	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// ExitRequest is the cause a run's context is cancelled with by minio.exit(code).
type ExitRequest struct{ Code int }

func (e *ExitRequest) Error() string { return fmt.Sprintf("minio.exit(%d)", e.Code) }

// exit(code=0) ends the run with code: the host cancels the run (so a pcall cannot keep
// it going) and the error unwinds the script at once.
func exit(cfg *Config) lua.LGFunction {
	return func(L *lua.LState) int {
		code := L.OptInt(1, 0)
		if code < 0 || code > 255 {
			L.ArgError(1, "exit code must be 0..255")
		}
		if cfg.Exit == nil {
			L.RaiseError("minio.exit: not available here (only in a script run)")
		}
		cfg.Exit(code)
		L.RaiseError("%s", (&ExitRequest{code}).Error())
		return 0
	}
}
