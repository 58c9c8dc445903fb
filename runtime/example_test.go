package runtime_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/minioscript/minioscript/bindings"
	"github.com/minioscript/minioscript/files"
	"github.com/minioscript/minioscript/runtime"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
	luar "github.com/minioscript/minioscript/third_party/gopher-luar"
)

// A Go program builds what the minioscript binary builds: a VM whose global `admin` is a
// client of the connection, sandboxed to one folder (no os.execute, no modules from disk,
// files only below /srv/reports). It needs a server, so it is compiled, not run.
func Example() {
	box, err := files.Sandbox([]string{"/srv/reports"})
	if err != nil {
		fmt.Println(err)
		return
	}
	vm, err := runtime.New(context.Background(), runtime.Options{
		Connection: &bindings.Connection{
			Endpoint:  "https://minio.example.net:9000",
			AccessKey: os.Getenv("MINIO_ACCESS_KEY"),
			SecretKey: os.Getenv("MINIO_SECRET_KEY"),
			Secure:    true,
			CertCheck: true,
		},
		Files: box,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer vm.Close()
	err = vm.RunString(`
		local csv = require("csv")
		local rows = {}
		for name, u in pairs(admin:user_list()) do rows[#rows + 1] = { user = name, status = u.status } end
		csv.write("/srv/reports/users.csv", rows)`, "report")
	if err != nil {
		fmt.Println(err)
	}
}

// A module of the embedder's own: preloaded, so require finds it also in a sandbox.
// gopher-luar hands the Go function to Lua, converting its arguments and results.
func Example_module() {
	vm, err := runtime.New(context.Background(), runtime.Options{Stdout: os.Stdout})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer vm.Close()
	vm.L.PreloadModule("naming", func(L *lua.LState) int {
		mod := L.NewTable()
		mod.RawSetString("bucket_for", luar.New(L, func(team string, n int) string {
			return fmt.Sprintf("%s-%03d", strings.ToLower(team), n)
		}))
		L.Push(mod)
		return 1
	})
	if err := vm.RunString(`print(require("naming").bucket_for("Data", 7))`, "example"); err != nil {
		fmt.Println(err)
	}
	// Output: data-007
}
