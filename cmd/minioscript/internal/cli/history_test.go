package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/runtime"
)

// fakeTerm feeds lines as a terminal would and records what goes into the history.
type fakeTerm struct {
	lines   []string
	history []string
}

func (f *fakeTerm) Prompt(string) (string, error) {
	if len(f.lines) == 0 {
		return "", io.EOF
	}
	l := f.lines[0]
	f.lines = f.lines[1:]
	return l, nil
}
func (f *fakeTerm) AppendHistory(s string) { f.history = append(f.history, s) }
func (f *fakeTerm) Close() error           { return nil }

// session runs lines through the REPL loop as an interactive session and returns the
// history it kept.
func session(t *testing.T, lines []string) []string {
	t.Helper()
	vm, err := runtime.New(context.Background(), runtime.Options{Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	defer vm.Close()
	term := &fakeTerm{lines: lines}
	var out, errb bytes.Buffer
	replLoop(vm, term, true, &out, &errb, 0)
	return term.history
}

// Useful lines still make it into the history.
func TestHistoryKeepsOrdinaryLines(t *testing.T) {
	ordinary := []string{
		"x = 40 + 2", "x", "=x * 2", "print(x)", "for i = 1, 2 do print(i) end",
		"local n = #minio.operations print(n)", "function double(v) return v * 2 end", "double(x)",
		"t = {}", "t.size = 3", "for k, v in pairs(t) do print(k, v) end",
	}
	got := session(t, ordinary)
	if strings.Join(got, "\n") != strings.Join(ordinary, "\n") {
		t.Fatalf("kept %q\nwant %q", got, ordinary)
	}
}

// The rule was written against the classes of place a secret can be typed (text,
// comment, number, bare word); it is tested here with lines generated at random from
// shapes and secrets it has never seen, inside multi-line chunks and after other code.
func TestHistoryNeverKeepsASecret(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 7))
	shapes := []string{
		`%[1]s = "%[2]s"`, `local %[1]s = '%[2]s'`, `%[1]s = {user = "bob", pass = [[%[2]s]]}`,
		`%[1]s = {"bob", "%[2]s"}`, `admin:user_add("bob", "%[2]s")`, `%[1]s = "%[2]s" .. "!"`,
		`%[1]s = string.format("%%s", "%[2]s")`, `-- %[2]s`, `%[2]s`, `print(%[2]s)`, `=%[2]s`,
		`%[1]s = [==[%[2]s]==]`, "%[1]s = {\n  a = \"%[2]s\",\n}", `do local z = '%[2]s' end`,
		`%[1]s = #"%[2]s"`, `%[1]s = ("%[2]s"):upper()`, `%[1]s = {["%[2]s"] = true}`,
		`local a, b = 1, '%[2]s'`, `%[1]s = %[2]s`, `%[1]s.x = "%[2]s"`, `t = {}; t[%[2]s] = 1`,
		"for i = 1, 1 do\n  %[1]s = '%[2]s'\nend", `%[1]s = tostring(%[2]s)`,
		`function f() return "%[2]s" end`, `%[1]s = {%[2]s = 1}`, `local %[2]s = 1`,
		`print(%[1]s, %[2]s)`, `if %[1]s then end --[[ %[2]s ]]`, `%[1]s = -%[2]s`,
	}
	names := []string{"pw", "p", "x", "cfg", "u", "data", "opts", "v1", "bob", "target", "s"}
	alphabets := []string{
		"abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
		"0123456789", "abcdef0123456789", "abcdefghijklmnopqrstuvwxyz0123456789_",
	}
	secret := func() string {
		a := alphabets[rng.IntN(len(alphabets))]
		b := make([]byte, 6+rng.IntN(30))
		for i := range b {
			b[i] = a[rng.IntN(len(a))]
		}
		if b[0] >= '0' && b[0] <= '9' && a != alphabets[2] {
			b[0] = 'q' // a name-shaped secret, to be typed as a bare word
		}
		return string(b)
	}
	var lines, secrets []string
	for range 3000 {
		s := secret()
		secrets = append(secrets, s)
		line := fmt.Sprintf(shapes[rng.IntN(len(shapes))], names[rng.IntN(len(names))], s)
		if rng.IntN(4) == 0 { // inside a chunk with harmless code around it
			line = "do\n  local y = 1\n" + line + "\nend"
		}
		lines = append(lines, line, "y = 1")
	}
	history := session(t, lines)
	for _, h := range history {
		for _, s := range secrets {
			if strings.Contains(h, s) {
				t.Fatalf("history kept %q holding the secret %q", h, s)
			}
		}
	}
	if len(history) < 3000 {
		t.Fatalf("only %d ordinary lines kept", len(history))
	}
}

// A history file from before the rule loses its lines with text, secret-like names or
// long numbers when it is read.
func TestOldHistoryIsFiltered(t *testing.T) {
	old := "x = 1\npw = \"S3cret-value\"\nadmin:user_add(u, p)\npin = 482913\nprint(x)\n-- hunter2\n"
	if got := plainHistory(old); got != "x = 1\nprint(x)\n" {
		t.Fatalf("%q", got)
	}
}
