package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestEmbedderGetsPatchedVM builds a throw-away module outside ours that imports
// minioscript's runtime, as a new embedder would. Go ignores a dependency's replace
// directives, so the patched VM must be part of our own module: a coroutine that yields
// inside pcall (upstream gopher-lua panics there) must run as it does in our binary.
func TestEmbedderGetsPatchedVM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a separate module")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"go.mod": "module example.com/embedder\n\ngo 1.26.0\n\n" +
			"require github.com/minioscript/minioscript v0.0.0\n\n" +
			"replace github.com/minioscript/minioscript => " + root + "\n",
		"go.sum": string(sum),
		"main.go": `package main

import (
	"context"
	"fmt"
	"os"

	"github.com/minioscript/minioscript/runtime"
)

func main() {
	vm, err := runtime.New(context.Background(), runtime.Options{})
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	defer vm.Close()
	err = vm.RunString(` + "`" + `
local co = coroutine.wrap(function()
  local ok, v = pcall(function() return coroutine.yield(1) + 1 end)
  return tostring(ok) .. " " .. v
end)
print(co(), co(41))` + "`" + `, "embed")
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
}
`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "run", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("embedder: %v\n%s", err, out)
	}
	if got := strings.TrimSpace(string(out)); got != "1\ttrue 42" {
		t.Fatalf("embedder printed %q, want %q", got, "1\ttrue 42")
	}
}
