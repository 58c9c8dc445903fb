package tests

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// floors are the layers of the module, bottom up (README "Layout"): a package may import
// packages of its own floor or of a lower one, never of a higher one. internal/ holds
// leaf libraries only; what belongs to the program alone is in cmd/minioscript/internal.
var floors = [][]string{
	{"internal", "third_party", "files"},
	{"admin", "stdlib"},
	{"jobs", "access"},
	{"bindings"},
	{"runtime"},
	{"cmd", "tools", "tests"},
}

const module = "github.com/minioscript/minioscript"

func floorOf(pkg string) int {
	top, _, _ := strings.Cut(strings.TrimPrefix(pkg, module+"/"), "/")
	for i, f := range floors {
		for _, dir := range f {
			if dir == top {
				return i
			}
		}
	}
	return -1
}

// TestImportsRunDownward reads every package's imports (test files aside, as they may
// reach anywhere) and fails on an import that runs up a floor.
func TestImportsRunDownward(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	seen := 0
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		pkg := fields[0]
		from := floorOf(pkg)
		if from < 0 {
			t.Errorf("%s: in no floor; add its folder to floors", pkg)
			continue
		}
		seen++
		for _, imp := range fields[1:] {
			if !strings.HasPrefix(imp, module+"/") {
				continue
			}
			if to := floorOf(imp); to > from {
				t.Errorf("%s imports %s, a higher floor", pkg, imp)
			}
		}
	}
	if seen < 20 {
		t.Fatalf("only %d packages listed", seen)
	}
}
