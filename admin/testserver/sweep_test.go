package testserver

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/minioscript/minioscript/admin"
)

// failures records what Check reports instead of failing the test.
type failures struct {
	testing.TB
	errs []string
}

func (f *failures) Helper()                   {}
func (f *failures) Errorf(s string, a ...any) { f.errs = append(f.errs, fmt.Sprintf(s, a...)) }
func (f *failures) Failed() bool              { return len(f.errs) > 0 }
func (f *failures) Logf(string, ...any)       {}

// The sweep must actually find what it looks for: a secret harvested from a body, shown
// in output or left in a file, fails it; its placeholder and short values do not.
func TestSweepFindsSecrets(t *testing.T) {
	for name, leak := range map[string]func(s *Sweep){
		"output": func(s *Sweep) { s.Write([]byte("log: secretKey=harvested-secret-1")) },
		"file":   func(s *Sweep) { os.WriteFile(s.File("out.txt"), []byte("harvested-secret-1"), 0o600) },
		"root":   func(s *Sweep) { s.Write([]byte(RootPassword)) },
		"exempt, but readable by others": func(s *Sweep) {
			p := s.File("pw.csv")
			os.WriteFile(p, []byte("x"), 0o644)
			s.Exempt(p)
		},
	} {
		s := NewSweep(t)
		next := func(context.Context, *admin.Call) (*admin.Response, error) {
			return &admin.Response{Body: []byte(`{"credentials":{"secretKey":"harvested-secret-1","status":"on"},"x":"*** EXISTS, REDACTED ***"}`)}, nil
		}
		s.Middleware(next)(context.Background(), &admin.Call{Body: []byte(`{"password":"*** EXISTS, REDACTED ***"}`)})
		leak(s)
		f := &failures{TB: t}
		s.Check(f)
		if len(f.errs) != 1 {
			t.Errorf("%s: %d failures %q", name, len(f.errs), f.errs)
		}
	}
	clean := NewSweep(t)
	clean.Write([]byte(`{"status":"on","MINIO_ROOT_USER":"*** EXISTS, REDACTED ***"}`))
	f := &failures{TB: t}
	clean.Check(f)
	if f.Failed() {
		t.Errorf("clean output failed: %q", f.errs)
	}
}
