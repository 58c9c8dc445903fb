package tests

import (
	"bytes"
	"context"
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

// referenceLine picks the reference interpreter of a lua51 program: lua5.1 unless the
// first line says otherwise (yield across pcall needs Lua 5.2).
var referenceLine = regexp.MustCompile(`\A-- reference: (lua5\.[12])\n`)

// TestLua51 is the differential suite: each program in lua51/ runs with minioscript
// and with the reference interpreter, and their standard output must be the same. The
// differences gopher-lua keeps by design are in lua51/DIFFERENCES.md; the programs
// avoid them. A missing interpreter fails the test (.ci/run installs lua5.1 and lua5.2).
func TestLua51(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("lua51", "*.lua"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 150 {
		t.Fatalf("%d programs in lua51/, want at least 150", len(files))
	}
	sort.Strings(files)
	bin := filepath.Join(t.TempDir(), "minioscript")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/minioscript").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".lua"), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			reference := "lua5.1"
			if m := referenceLine.FindSubmatch(src); m != nil {
				reference = string(m[1])
			}
			want := runReference(t, reference, file)
			got := runMinioscript(t, bin, file)
			if got != want {
				t.Errorf("output differs from %s\n%s", reference, lineDiff(want, got))
			}
		})
	}
}

func runReference(t *testing.T, interpreter, file string) string {
	t.Helper()
	path, err := exec.LookPath(interpreter)
	if err != nil {
		t.Fatalf("reference interpreter %s not found (apt-get install %s): %v", interpreter, interpreter, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, path, file)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", interpreter, file, err, stderr.String())
	}
	return stdout.String()
}

// runMinioscript runs file with the real program, so io.write and print share the
// process's standard output as in production.
func runMinioscript(t *testing.T, bin, file string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, file)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("minioscript %s: %v\n%s\nstdout so far:\n%s", file, err, stderr.String(), stdout.String())
	}
	return stdout.String()
}

// lineDiff shows the first lines where want and got part.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + "\n  want: " + wl + "\n  got:  " + gl + "\n")
			if shown++; shown == 5 {
				break
			}
		}
	}
	return b.String()
}
