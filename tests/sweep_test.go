package tests

import (
	"io"
	"os"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/audit"
	"github.com/minioscript/minioscript/admin/testserver"
	"github.com/minioscript/minioscript/bindings"
	"github.com/minioscript/minioscript/runtime"
)

// The secrets sweep. Every Lua test file and every example runs observed: HTTP trace on,
// logs in JSON, an audit log, output and files collected. Each secret that crosses the
// wire (found in the plaintext of request and response bodies) and each secret a setup
// hands out, the root secret included, is then searched for in everything the run
// wrote, files included (testserver.Sweep): zero hits, or the test fails. The REPL
// session with history is cmd/minioscript/internal/cli's TestSecretsSweepREPL.

// observer is a sweep with the harness's ways of running observed.
type observer struct{ *testserver.Sweep }

func newObserver(t *testing.T, known ...string) *observer {
	return &observer{testserver.NewSweep(t, known...)}
}

// options makes an in-process VM observed: trace, logs, prints and an audit log.
func (o *observer) options(t *testing.T, opts runtime.Options) runtime.Options {
	f, err := audit.Open(o.File("audit.log"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	opts.Stdout = io.MultiWriter(os.Stdout, o)
	opts.Stderr = o
	opts.Minio = &bindings.Config{Trace: o, Warnings: o,
		Middleware: []admin.Middleware{o.Middleware, audit.New(audit.Options{File: f}).Middleware}}
	return opts
}

// exampleArgs gives an example the arguments that name its secret output, which is
// exempt from the search but must be private.
func (o *observer) exampleArgs(name string) []string {
	if name == "06_onboard_csv.lua" {
		out := o.File("passwords.csv")
		o.Exempt(out)
		return []string{"scripts/examples/data/users.csv", out}
	}
	return nil
}

// setupSecrets are the secrets a setup hands to Lua tests or its servers use.
func setupSecrets(extra map[string]any) []string {
	out := []string{testserver.LDAPAdminPass, "alice-password", "bob-password", "carol-password"}
	for k, v := range extra {
		if s, ok := v.(string); ok && testserver.SecretName.MatchString(k) {
			out = append(out, s)
		}
	}
	return out
}
