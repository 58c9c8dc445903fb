package cli_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A huge chunk's compile is stopped by --timeout: the run ends with the timeout's exit
// code and message while the load alone (about 10 s of CPU here) is far from done.
func TestTimeoutStopsCompile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.lua")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString("local t = {\n")
	for i := 0; i < 1500000; i++ {
		fmt.Fprintf(w, "  {name = \"u%d\", group = \"g\", active = true},\n", i%1000)
	}
	w.WriteString("}\nprint(#t)\n")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	start := time.Now()
	r := run(t, nil, "", "--timeout", "1s", path)
	if r.code != 1 || !strings.Contains(r.stderr, "timed out after 1s") || r.stdout != "" {
		t.Fatalf("huge chunk with --timeout: %+v", r)
	}
	t.Logf("stopped after %v", time.Since(start))
}
