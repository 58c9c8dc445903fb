package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/minioscript/minioscript/bindings"
	"github.com/minioscript/minioscript/stdlib/csv"
	"github.com/minioscript/minioscript/stdlib/env"
	"github.com/minioscript/minioscript/stdlib/json"
	"github.com/minioscript/minioscript/stdlib/lfs"
	"github.com/minioscript/minioscript/stdlib/log"
	"github.com/minioscript/minioscript/stdlib/secrets"
	"github.com/minioscript/minioscript/stdlib/term"
	"github.com/minioscript/minioscript/stdlib/time"
)

// runDocs is `minioscript doc [NAME]` and `minioscript stubs`, both read from the
// operation table (and the stdlib modules' own declarations).
func runDocs(args []string, stdout, stderr io.Writer) int {
	if args[0] == "stubs" {
		if len(args) > 1 {
			fmt.Fprintln(stderr, "minioscript: stubs takes no arguments; redirect its output: minioscript stubs > minio.d.lua")
			return ExitUsage
		}
		io.WriteString(stdout, Stubs())
		return ExitOK
	}
	switch len(args) {
	case 1:
		fmt.Fprintf(stdout, "Client methods (minioscript doc NAME for one):\n%s", bindings.Index())
		return ExitOK
	case 2:
		d, ok := bindings.Operation(strings.TrimPrefix(args[1], "admin:"))
		if !ok {
			fmt.Fprintf(stderr, "minioscript: no operation %q (minioscript doc lists them)\n", args[1])
			return ExitUsage
		}
		io.WriteString(stdout, d.Text())
		return ExitOK
	}
	fmt.Fprintln(stderr, "minioscript: doc takes at most one operation name")
	return ExitUsage
}

// stdlibStubs are the modules scripts require, with their declarations.
var stdlibStubs = []struct{ name, class, stub string }{
	{"json", "jsonlib", json.Stub}, {"log", "loglib", log.Stub}, {"env", "envlib", env.Stub},
	{"time", "timelib", time.Stub}, {"csv", "csvlib", csv.Stub}, {"secrets", "secretslib", secrets.Stub},
	{"term", "termlib", term.Stub}, {"lfs", "lfslib", lfs.Stub},
}

// Stubs is a LuaLS ---@meta file declaring the minio module, the client class with every
// method, the globals minio and admin, and the stdlib modules (through require).
func Stubs() string {
	var b strings.Builder
	fmt.Fprintf(&b, "---@meta\n-- minioscript %s: declarations for lua-language-server (minioscript stubs > minio.d.lua).\n\n", Version)
	b.WriteString(bindings.Stubs())
	for _, m := range stdlibStubs {
		fmt.Fprintf(&b, "\n-- module %q\ndo\n%s\nend\n", m.name, strings.TrimRight(m.stub, "\n"))
	}
	b.WriteString("\n---@overload fun(modname: \"minio\"): minio\n")
	for _, m := range stdlibStubs {
		fmt.Fprintf(&b, "---@overload fun(modname: %q): %s\n", m.name, m.class)
	}
	b.WriteString("---@param modname string\n---@return any\nfunction require(modname) end\n")
	return b.String()
}
