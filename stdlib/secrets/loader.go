// Package secrets is the Lua `secrets` module: generated keys and passwords, and
// secrets read from files, so scripts need not carry them in their text.
package secrets

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"os"
	"strings"

	"github.com/minioscript/minioscript/files"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
	"golang.org/x/term"
)

const (
	alnum      = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	upperDigit = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
)

// Loader returns the module loader; secrets.read reaches files through fsys.
func Loader(fsys *files.FS) lua.LGFunction {
	return func(L *lua.LState) int {
		L.Push(L.SetFuncs(L.NewTable(), map[string]lua.LGFunction{
			"password":   func(L *lua.LState) int { return random(L, alnum, 24) },
			"access_key": func(L *lua.LState) int { return random(L, upperDigit, 20) },
			"secret_key": func(L *lua.LState) int { return random(L, alnum, 40) },
			"read":       func(L *lua.LState) int { return read(L, fsys) },
			"mask":       mask,
			"prompt":     prompt,
		}))
		return 1
	}
}

func random(L *lua.LState, alphabet string, def int) int {
	n := L.OptInt(1, def)
	if n < 1 || n > 1024 {
		L.ArgError(1, "length must be 1..1024")
	}
	b := make([]byte, n)
	max := big.NewInt(int64(len(alphabet)))
	for i := range b {
		r, err := rand.Int(rand.Reader, max)
		if err != nil {
			L.RaiseError("secrets: %v", err)
		}
		b[i] = alphabet[r.Int64()]
	}
	L.Push(lua.LString(b))
	return 1
}

// read(path): the file's content without surrounding white space.
func read(L *lua.LState, fsys *files.FS) int {
	b, err := fsys.ReadFile(L.CheckString(1))
	if err != nil {
		L.RaiseError("secrets.read: %v", err)
	}
	L.Push(lua.LString(strings.TrimSpace(string(b))))
	return 1
}

// prompt([label]): a secret typed at the terminal. It is never echoed, and the REPL
// keeps the line that calls it out of its history; without a terminal (cron, pipes) it
// fails rather than read the secret from the script's input.
func prompt(L *lua.LState) int {
	label := L.OptString(1, "secret: ")
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		L.RaiseError("secrets.prompt: no terminal to read from (unattended runs: secrets.read(file) or env.require(NAME))")
	}
	defer tty.Close()
	fmt.Fprint(tty, label)
	b, err := term.ReadPassword(int(tty.Fd()))
	fmt.Fprintln(tty)
	if err != nil {
		L.RaiseError("secrets.prompt: %v", err)
	}
	L.Push(lua.LString(b))
	return 1
}

// mask(s): the first two characters and stars, for reports.
func mask(L *lua.LState) int {
	s := L.CheckString(1)
	if len(s) <= 2 {
		L.Push(lua.LString(strings.Repeat("*", len(s))))
	} else {
		L.Push(lua.LString(s[:2] + strings.Repeat("*", min(len(s)-2, 8))))
	}
	return 1
}
