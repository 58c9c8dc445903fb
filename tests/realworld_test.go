package tests

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The real-world suites (realworld/README.md) are third-party test suites, vendored
// unmodified. TestRealWorld runs each under lua5.1 and under minioscript, from fresh copies
// of the same folder, with the same arguments, environment and an empty standard input,
// and compares what each suite counts.

// realWorldTimeout bounds one file's run under either interpreter: a hang fails the file
// instead of the whole test binary.
const realWorldTimeout = 3 * time.Minute

// officialFiles are the official Lua 5.1 test files that need neither the C test library
// nor lua.c's command line (realworld/README.md says why the others are left out).
var officialFiles = []string{"attrib", "calls", "closure", "constructs", "db", "errors", "events",
	"files", "gc", "literals", "locals", "math", "nextvar", "pm", "sort", "strings", "vararg", "verybig"}

// officialGaps are official files that fail here on purpose, with the reason; each is
// a row of lua51/DIFFERENCES.md.
var officialGaps = map[string]string{}

// testMoreSkipped test lua.c's command line and standard input, not the language.
var testMoreSkipped = map[string]bool{"241-standalone.t": true, "310-stdin.t": true}

// testMoreGaps are lua-TestMore assertions that pass under lua5.1 and not here, on
// purpose: file → assertion numbers. Each has its reason in lua51/DIFFERENCES.md.
var testMoreGaps = map[string][]int{}

type realRun struct {
	stdout, stderr string
	exit           int
}

func TestRealWorld(t *testing.T) {
	if testing.Short() {
		t.Skip("runs three third-party suites under two interpreters")
	}
	ref, err := exec.LookPath("lua5.1")
	if err != nil {
		t.Fatalf("reference interpreter lua5.1 not found (apt-get install lua5.1): %v", err)
	}
	bin := buildProgram(t)

	t.Run("official", func(t *testing.T) {
		for _, name := range officialFiles {
			t.Run(name, func(t *testing.T) {
				env := []string{"LUA_PATH=?;./?.lua"}
				want := runSuite(t, "lua51-tests", env, ref, name+".lua")
				if want.exit != 0 {
					t.Fatalf("lua5.1 fails %s.lua (exit %d):\n%s", name, want.exit, want.stderr)
				}
				got := runSuite(t, "lua51-tests", env, bin, name+".lua")
				if reason, ok := officialGaps[name]; ok {
					t.Logf("%s.lua: exit %d here; a known gap: %s", name, got.exit, reason)
					return
				}
				if got.exit != 0 {
					t.Errorf("minioscript fails %s.lua (exit %d), lua5.1 passes it:\n%s", name, got.exit, tail(got.stderr, 20))
				}
			})
		}
	})

	t.Run("lua-TestMore", func(t *testing.T) {
		files, err := filepath.Glob(filepath.Join("realworld", "lua-TestMore", "test_lua51", "*.t"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no lua-TestMore files: %v", err)
		}
		var refTotal, gotTotal int
		for _, file := range files {
			name := filepath.Base(file)
			if testMoreSkipped[name] {
				continue
			}
			t.Run(strings.TrimSuffix(name, ".t"), func(t *testing.T) {
				env := []string{"LUA_PATH=;;../src/?.lua"}
				want := tapPassed(runSuite(t, "lua-TestMore/test_lua51", env, ref, name).stdout)
				got := tapPassed(runSuite(t, "lua-TestMore/test_lua51", env, bin, name).stdout)
				refTotal += len(want)
				gotTotal += len(got)
				gaps := map[int]bool{}
				for _, n := range testMoreGaps[name] {
					gaps[n] = true
				}
				var missing []string
				for n := range want {
					if !got[n] && !gaps[n] {
						missing = append(missing, strconv.Itoa(n))
					}
				}
				sort.Slice(missing, func(i, j int) bool { a, _ := strconv.Atoi(missing[i]); b, _ := strconv.Atoi(missing[j]); return a < b })
				if len(missing) > 0 {
					t.Errorf("assertions that pass under lua5.1 and fail here: %s", strings.Join(missing, " "))
				}
			})
		}
		t.Logf("lua-TestMore: %d assertions pass under lua5.1, %d under minioscript", refTotal, gotTotal)
		if gotTotal*100 < refTotal*99 {
			t.Errorf("lua-TestMore: %d of lua5.1's %d, more than 1%% short", gotTotal, refTotal)
		}
	})

	t.Run("luaunit", func(t *testing.T) {
		want := luaunitCount(t, runSuite(t, "luaunit", nil, ref, "run_unit_tests.lua"))
		got := luaunitCount(t, runSuite(t, "luaunit", nil, bin, "run_unit_tests.lua"))
		if got != want {
			t.Errorf("luaunit: %s here, %s under lua5.1", got, want)
		}
	})
}

// runSuite runs interpreter with args in a fresh copy of realworld/suite/.. (the whole
// suite, since its files reach each other by relative paths) and its sub-folder as the
// working directory.
func runSuite(t *testing.T, suite string, env []string, interpreter string, args ...string) realRun {
	t.Helper()
	top := strings.Split(suite, "/")[0]
	dir := t.TempDir()
	if err := copyTree(filepath.Join("realworld", top), filepath.Join(dir, top)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), realWorldTimeout)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, interpreter, args...)
	cmd.Dir = filepath.Join(dir, suite)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TMPDIR=" + dir, "LANG=C"}, env...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s %s did not finish within %s", filepath.Base(interpreter), strings.Join(args, " "), realWorldTimeout)
	}
	r := realRun{stdout: stdout.String(), stderr: stderr.String()}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		r.exit = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return r
}

var tapOK = regexp.MustCompile(`(?m)^ok (\d+)`)

// tapPassed is the set of passing assertion numbers of a TAP stream.
func tapPassed(out string) map[int]bool {
	passed := map[int]bool{}
	for _, m := range tapOK.FindAllStringSubmatch(out, -1) {
		n, _ := strconv.Atoi(m[1])
		passed[n] = true
	}
	return passed
}

var luaunitRan = regexp.MustCompile(`Ran (\d+) tests in [^,]*, (\d+) successes`)

// luaunitCount is luaunit's own summary: tests run and successes.
func luaunitCount(t *testing.T, r realRun) string {
	t.Helper()
	m := luaunitRan.FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("no luaunit summary (exit %d):\n%s\n%s", r.exit, tail(r.stdout, 20), tail(r.stderr, 20))
	}
	return fmt.Sprintf("%s tests, %s successes", m[1], m[2])
}

func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// tail is the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
