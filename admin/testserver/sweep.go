package testserver

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/minioscript/minioscript/admin"
)

// Sweep collects what one run writes and the secrets it used, and searches the first
// for the second: the secrets sweep of tests/ and cmd/minioscript/internal/cli.
type Sweep struct {
	mu      sync.Mutex
	out     bytes.Buffer
	secrets map[string]bool
	dir     string          // files written here (audit log, TMPDIR, HOME) are searched too
	exempt  map[string]bool // files that are the run's own secret output, checked for mode 0600
}

// NewSweep starts a sweep that knows the root secret and known.
func NewSweep(t testing.TB, known ...string) *Sweep {
	o := &Sweep{secrets: map[string]bool{}, dir: t.TempDir(), exempt: map[string]bool{}}
	o.Add(RootPassword)
	for _, s := range known {
		o.Add(s)
	}
	return o
}

func (o *Sweep) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.out.Write(p)
}

// Add makes s one of the secrets searched for.
func (o *Sweep) Add(s string) {
	// Short values ("on", "", "true") are not secrets and would hit everywhere; nor is
	// the server's own placeholder for a secret ("*** EXISTS, REDACTED ***").
	if len(s) >= 6 && !strings.Contains(s, "REDACTED") {
		o.mu.Lock()
		o.secrets[s] = true
		o.mu.Unlock()
	}
}

var (
	// SecretName matches names of fields that hold secrets.
	SecretName = regexp.MustCompile(`(?i)secret|passw|token|credential|private`)
	// k=v pairs of config text, e.g. lookup_bind_password=...
	secretKV = regexp.MustCompile(`(?i)\b[a-z_]*(?:secret|passw|token)[a-z_]*=("[^"]*"|\S+)`)
)

// harvest finds secrets in a plaintext body: values of secret-named JSON fields at any
// depth, and secret-named k=v pairs.
func (o *Sweep) harvest(body []byte) {
	var v any
	if json.Unmarshal(body, &v) == nil {
		var walk func(key string, v any)
		walk = func(key string, v any) {
			switch x := v.(type) {
			case map[string]any:
				for k, e := range x {
					walk(k, e)
				}
			case []any:
				for _, e := range x {
					walk(key, e)
				}
			case string:
				if SecretName.MatchString(key) {
					o.Add(x)
				}
			}
		}
		walk("", v)
	}
	for _, m := range secretKV.FindAllSubmatch(body, -1) {
		o.Add(strings.Trim(string(m[1]), `"`))
	}
}

// Middleware harvests in-process runs: it sees plaintext on both sides.
func (o *Sweep) Middleware(next admin.Handler) admin.Handler {
	return func(ctx context.Context, call *admin.Call) (*admin.Response, error) {
		o.harvest(call.Body)
		resp, err := next(ctx, call)
		if resp != nil {
			o.harvest(resp.Body)
		}
		return resp, err
	}
}

// Proxy harvests runs of the program: a loopback reverse proxy in front of a real
// server that opens sealed bodies with the root secret.
func (o *Sweep) Proxy(t testing.TB, target string) string {
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	open := func(b []byte) {
		if plain, err := admin.DecryptPayload(RootPassword, b); err == nil {
			b = plain
		}
		o.harvest(b)
	}
	rp := httputil.NewSingleHostReverseProxy(u)
	director := rp.Director
	rp.Director = func(r *http.Request) {
		director(r)
		if r.Body != nil {
			b, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(b))
			open(b)
		}
	}
	rp.ModifyResponse = func(r *http.Response) error {
		b, err := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(b))
		open(b)
		return err
	}
	srv := httptest.NewServer(rp)
	t.Cleanup(srv.Close)
	return srv.URL
}

// Check searches the collected output and every file under o.dir for every secret.
func (o *Sweep) Check(t testing.TB) {
	t.Helper()
	o.mu.Lock()
	defer o.mu.Unlock()
	texts := map[string][]byte{"output": o.out.Bytes()}
	filepath.WalkDir(o.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if o.exempt[p] {
			if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("secret output %s: mode %v, %v", p, fi.Mode(), err)
			}
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
		}
		texts[p] = b
		return nil
	})
	secrets := make([]string, 0, len(o.secrets))
	for s := range o.secrets {
		secrets = append(secrets, s)
	}
	sort.Strings(secrets)
	for where, b := range texts {
		for _, s := range secrets {
			if i := bytes.Index(b, []byte(s)); i >= 0 {
				around := string(b[max(0, i-80):min(len(b), i+len(s)+40)])
				t.Errorf("a secret (%d characters) found in %s: %q", len(s), where, strings.ReplaceAll(around, s, "<SECRET>"))
			}
		}
	}
	if t.Failed() {
		return
	}
	t.Logf("sweep: %d secrets, %d bytes of output, %d files: no hit", len(secrets), o.out.Len(), len(texts)-1)
}

// File is a path below the sweep's folder, searched by Check (a folder is made for a
// name without a dot).
func (o *Sweep) File(name string) string {
	p := filepath.Join(o.dir, name)
	if !strings.Contains(name, ".") {
		os.MkdirAll(p, 0o700)
	}
	return p
}

// Exempt leaves path out of the search: a run's deliberate secret output, which Check
// requires to be private (0600) instead.
func (o *Sweep) Exempt(path string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.exempt[path] = true
}
