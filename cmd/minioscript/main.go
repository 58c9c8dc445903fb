// Command minioscript runs Lua scripts against the MinIO admin API.
package main

import (
	"os"

	"github.com/minioscript/minioscript/cmd/minioscript/internal/cli"
	"github.com/minioscript/minioscript/runtime"
)

func main() {
	runtime.TuneGC()
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
