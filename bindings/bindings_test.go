package bindings

import (
	"context"
	"os"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/files"
	lua "github.com/minioscript/minioscript/third_party/gopher-lua"
)

// These tests need no server: a middleware answers every call, so they check argument
// conversion, what reaches the request path, and how answers reach Lua.

type fakeServer struct {
	mu      sync.Mutex
	calls   []admin.Call
	answers map[string]string // op -> body
	fail    error             // the error every call returns, when set
}

func (f *fakeServer) middleware(admin.Handler) admin.Handler {
	return func(_ context.Context, call *admin.Call) (*admin.Response, error) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.calls = append(f.calls, *call)
		if f.fail != nil {
			return nil, f.fail
		}
		return &admin.Response{StatusCode: 200, Body: []byte(f.answers[call.Op])}, nil
	}
}

func (f *fakeServer) last(t *testing.T) admin.Call {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.calls) == 0 {
		t.Fatal("no call reached the request path")
	}
	return f.calls[len(f.calls)-1]
}

// newState is a Lua state with the module and a client `admin` whose calls go to f.
func newState(t *testing.T, f *fakeServer) *lua.LState {
	t.Helper()
	L := lua.NewState()
	t.Cleanup(L.Close)
	cfg := &Config{Middleware: []admin.Middleware{f.middleware}}
	L.SetGlobal("minio", Module(L, cfg, nil))
	c, err := NewClient(Connection{Endpoint: "127.0.0.1:1", AccessKey: "test-ak", SecretKey: "test-secret-key", CertCheck: true}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	L.SetGlobal("admin", WrapClient(L, c, false))
	return L
}

func run(t *testing.T, L *lua.LState, code string) error {
	t.Helper()
	return L.DoString(code)
}

var snakeName = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// TestOperationTable checks every declaration: what a mistake in ops.go would break.
func TestOperationTable(t *testing.T) {
	seen := map[string]bool{}
	for _, op := range ops {
		if seen[op.name] {
			t.Errorf("%s declared twice", op.name)
		}
		seen[op.name] = true
		if !snakeName.MatchString(op.name) {
			t.Errorf("%s: not a snake-case name", op.name)
		}
		if op.doc == "" || strings.Contains(op.doc, "\n") {
			t.Errorf("%s: needs one line of doc", op.name)
		}
		for _, p := range op.params {
			if !snakeName.MatchString(p.name) || p.adapter.conv == nil || p.adapter.luaType == "" {
				t.Errorf("%s: bad parameter %+v", op.name, p)
			}
		}
		if (op.call == nil) == (op.job == nil) || op.args.NumField() != len(op.params) {
			t.Errorf("%s: incomplete", op.name)
		}
	}
	ref, err := os.ReadFile("testdata/reference-methods.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(ref), "\n") {
		if name := strings.TrimSpace(line); name != "" && !strings.HasPrefix(name, "#") && !seen[name] {
			t.Errorf("reference method %s has no binding", name)
		}
	}
	for _, typ := range tableTypes {
		if err := decoder.Check(typ); err != nil {
			t.Error(err)
		}
	}
}

// A wrong declaration is refused when the table is built.
func TestBadDeclarationsPanic(t *testing.T) {
	for name, declare := range map[string]func(){
		"unknown type": func() {
			method("x", "x", func(context.Context, *admin.Client, struct{ N complex128 }) (string, error) { return "", nil })
		},
		"bad tag": func() {
			method("x", "x", func(context.Context, *admin.Client, struct {
				N string `lua:"optinal"`
			}) (string, error) {
				return "", nil
			})
		},
		"not a struct": func() {
			method("x", "x", func(context.Context, *admin.Client, string) (string, error) { return "", nil })
		},
		"result": func() {
			method("x", "x", func(context.Context, *admin.Client, none) (func(), error) { return nil, nil })
		},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: not refused", name)
				}
			}()
			declare()
		}()
	}
}

// Bad arguments raise `bad argument #N to 'op' (...)` and send nothing.
func TestArgumentErrors(t *testing.T) {
	for code, want := range map[string]string{
		`admin:group_add("g", {alice = true})`:                                                         `bad argument #2 to 'group_add' (members: a list expected`,
		`admin:group_add("g", {"a", "b", x = 1})`:                                                      `bad argument #2 to 'group_add' (members: a list expected`,
		`admin:user_add(1/0, "secret-123")`:                                                            `bad argument #1 to 'user_add' (access_key: string expected, got inf)`,
		`admin:user_add(0/0, "secret-123")`:                                                            `bad argument #1 to 'user_add' (access_key: string expected, got nan)`,
		`admin:user_add("u", {})`:                                                                      `bad argument #2 to 'user_add' (secret_key: string expected, got table)`,
		`admin:user_add("u")`:                                                                          `bad argument #2 to 'user_add' (secret_key: string expected, got no value)`,
		`admin:user_add("u", "s", "x")`:                                                                `bad argument #3 to 'user_add' (3 arguments given, at most 2 expected)`,
		`admin:add_service_account{expiry = 0/0}`:                                                      `(expiry: Unix time between 0 and`,
		`admin:add_service_account{expiry = 1e300}`:                                                    `(expiry: Unix time between 0 and`,
		`admin:add_service_account{expiry = 1}`:                                                        `(expiry: expiry 1970-01-01T00:00:01Z is in the past)`,
		`admin:add_service_account{expiry = "2001-01-01T00:00:00Z"}`:                                   `is in the past`,
		`admin:update_service_account("k", {expiry = -5})`:                                             `bad argument #2 to 'update_service_account'`,
		`admin:add_service_account{nosuch = 1}`:                                                        `bad argument #1 to 'add_service_account' (unknown option 'nosuch')`,
		`admin:bucket_quota_set("b", -1)`:                                                              `(size: non-negative integer expected, got number)`,
		`admin:bucket_quota_set("b", 1.5)`:                                                             `(size: non-negative integer expected, got number)`,
		`admin:profile_start{duration = -1}`:                                                           `(duration: non-negative seconds expected, got -1)`,
		`admin:policy_set("p", "u", "yes")`:                                                            `(is_group: boolean expected, got string)`,
		`admin:policy_add("p", "{not json")`:                                                           `(policy_file: malformed policy JSON)`,
		`admin:config_set("api", {requests_max = {}})`:                                                 `(value: value of requests_max: string expected, got table)`,
		`admin:edit_site_replication{deployment_id = "d", sync = "x"}`:                                 `(peer_info: unknown field 'sync' (want deployment_id, endpoint,`,
		`admin:edit_site_replication{endpoint = "e"}`:                                                  `(peer_info: field 'deployment_id' is required)`,
		`admin:add_site_replication({{name = "a"}})`:                                                   `(peer_sites: site 1: field 'endpoint' is required)`,
		`admin:add_site_replication({{name = 5, endpoint = "e", access_key = "a", secret_key = "s"}})`: `(peer_sites: site 1: field 'name': string expected, got number)`,
		`admin:get_site_replication_status{users = "yes"}`:                                             `(options: field 'users': boolean expected, got string)`,
		`admin:get_site_replication_status{nosuch = true}`:                                             `(options: unknown field 'nosuch' (want buckets,`,
		`admin:get_site_replication_status(minio.SiteReplicationStatusOptions{users = "yes"})`:         `bad argument #1 to 'SiteReplicationStatusOptions' (field 'users': boolean expected, got string)`,
		`admin:get_site_replication_status({}, 1)`:                                                     `2 arguments given, at most 1 expected`,
		`admin.user_info("x")`:                                                                         `bad argument #0 to 'user_info' (minio client expected`,
	} {
		f := &fakeServer{}
		L := newState(t, f)
		err := run(t, L, code)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s\n got: %v\nwant: %s", code, err, want)
		}
		if len(f.calls) != 0 {
			t.Errorf("%s: sent %d requests", code, len(f.calls))
		}
	}
}

// connect{} is as strict as the operations: kdf=true or a timeout that is not seconds or
// a duration is an argument error, not "no timeout".
func TestConnectOptions(t *testing.T) {
	base := `endpoint = "127.0.0.1:1", access_key = "a", secret_key = "s", `
	for opts, want := range map[string]string{
		`kdf = true`:       `field 'kdf': "pbkdf2" or "argon2id" expected, got boolean`,
		`kdf = "md5"`:      `unknown kdf`,
		`timeout = "soon"`: `field 'timeout': not a duration: "soon"`,
		`timeout = true`:   `field 'timeout': seconds or duration string expected, got boolean`,
		`timeout = {}`:     `field 'timeout': seconds or duration string expected, got table`,
		`timeout = -5`:     `field 'timeout': non-negative seconds expected, got -5`,
		`timeout = "-5s"`:  `negative duration`,
		`timeout = 0/0`:    `field 'timeout': non-negative seconds expected, got nan`,
		`secure = "yes"`:   `field 'secure': boolean expected, got string`,
		`endpoint2 = "x"`:  `unknown field 'endpoint2'`,
		`[1] = "x"`:        `unknown field '1'`,
		`access_key = 5`:   `field 'access_key': string expected, got number`,
	} {
		L := newState(t, &fakeServer{})
		code := "minio.connect{" + base + opts + "}"
		if strings.HasPrefix(opts, "access_key") {
			code = `minio.connect{endpoint = "127.0.0.1:1", secret_key = "s", ` + opts + "}"
		}
		err := run(t, L, code)
		if err == nil || !strings.Contains(err.Error(), "bad argument #1 to 'connect' (") || !strings.Contains(err.Error(), want) {
			t.Errorf("%s\n got: %v\nwant: %s", opts, err, want)
		}
	}
	L := newState(t, &fakeServer{})
	for _, opts := range []string{`timeout = 30`, `timeout = "30s"`, `timeout = 0.5`, `kdf = "argon2id", secure = false, cert_check = false, raw = true`} {
		if err := run(t, L, "assert(minio.connect{"+base+opts+"})"); err != nil {
			t.Errorf("%s: %v", opts, err)
		}
	}
	if err := run(t, L, `minio.connect{endpoint = "x"}`); err == nil || !strings.Contains(err.Error(), "field 'access_key' is required") {
		t.Errorf("missing keys: %v", err)
	}
}

func TestDecodeConnection(t *testing.T) {
	L := newState(t, &fakeServer{})
	if err := L.DoString(`return {endpoint = "h:1", access_key = "a", secret_key = "s", timeout = "1m", ca_file = "/ca.pem", kdf = "argon2id", secure = false}`); err != nil {
		t.Fatal(err)
	}
	got, err := decodeTable[Connection](L, L.Get(-1))
	if err != nil {
		t.Fatal(err)
	}
	want := Connection{Endpoint: "h:1", AccessKey: "a", SecretKey: "s", Timeout: 60e9, CAFile: "/ca.pem", KDF: admin.KDFArgon2id, CertCheck: true}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}

// An error raised by an operation names the script's line, also when the operation is
// called through pcall and the error is raised again.
func TestErrorsPointAtTheScript(t *testing.T) {
	L := newState(t, &fakeServer{})
	err := L.DoString(`
local ok, e = pcall(admin.user_add, admin, 1/0, "secret-123")
assert(not ok)
error(e, 0)`)
	if err == nil || !strings.Contains(err.Error(), "<string>:2: bad argument #1 to 'user_add'") {
		t.Fatalf("got %v", err)
	}
	f := &fakeServer{fail: &admin.Error{StatusCode: 404, Code: "XMinioAdminNoSuchUser", Message: "no such user"}}
	L = newState(t, f)
	if err := L.DoString(`
local ok, e = pcall(admin.user_info, admin, "x")
assert(minio.is_error(e) and e.api_code == "XMinioAdminNoSuchUser")
assert(e.where == "<string>:2:", e.where)
assert(tostring(e) == "user_info: 404 XMinioAdminNoSuchUser: no such user", tostring(e))`); err != nil {
		t.Fatal(err)
	}
}

// What the script passes is what goes out: names, lists, policies and option tables.
func TestCallsReachTheRequestPath(t *testing.T) {
	f := &fakeServer{answers: map[string]string{"policy_unset": `{"policiesDetached":["a","b"]}`}}
	L := newState(t, f)
	if err := run(t, L, `r = admin:policy_unset({"a", "b"}, "bob")`); err != nil {
		t.Fatal(err)
	}
	call := f.last(t)
	if call.Op != "policy_unset" || !strings.Contains(string(call.Body), `"policies":["a","b"]`) || !strings.Contains(string(call.Body), `"user":"bob"`) {
		t.Fatalf("call %+v body %s", call, call.Body)
	}
	if err := run(t, L, `assert(r.policiesDetached[2] == "b")`); err != nil {
		t.Fatal(err)
	}
	if err := run(t, L, `admin:group_add("g", "alice, bob")`); err != nil {
		t.Fatal(err)
	}
	if body := string(f.last(t).Body); !strings.Contains(body, `"members":["alice","bob"]`) {
		t.Fatalf("group_add body %s", body)
	}
	if err := run(t, L, `admin:add_service_account{user = "bob", name = "ci", expiry = os.time() + 3600}`); err != nil {
		t.Fatal(err)
	}
	if body := string(f.last(t).Body); !strings.Contains(body, `"targetUser":"bob"`) || !strings.Contains(body, `"expiration":`) {
		t.Fatalf("add_service_account body %s", body)
	}
}

// Answers reach Lua from the server's bytes: a field whose type the Go side does not
// expect fails nothing a script does not read.
func TestAnswersKeepTheServerBytes(t *testing.T) {
	f := &fakeServer{answers: map[string]string{"user_info": `{"status": 7, "policyName": "p", "extra": [1, 2]}`}}
	L := newState(t, f)
	if err := run(t, L, `local u = admin:user_info("bob"); assert(u.policyName == "p" and u.status == 7 and u.extra[2] == 2)`); err != nil {
		t.Fatal(err)
	}
	if err := run(t, L, `local raw = minio.connect{endpoint = "127.0.0.1:1", access_key = "a", secret_key = "s", raw = true}`); err != nil {
		t.Fatal(err)
	}
}

func TestConstructors(t *testing.T) {
	L := newState(t, &fakeServer{})
	for _, code := range []string{
		`local p = minio.PeerSite{name = "a", endpoint = "http://h:9000", access_key = "k", secret_key = "s"}; assert(p.name == "a")`,
		`local p = minio.PeerInfo{deployment_id = "d", bucket_bandwidth_limit = "1048576", bucket_bandwidth_set = "true"}; assert(p.deployment_id == "d")`,
		`local p = minio.PeerInfo{deployment_id = "d", bucket_bandwidth_limit = 10, bucket_bandwidth_set = true, bucket_bandwidth_updated_at = "2024-01-01T00:00:00Z"}`,
		`local o = minio.SiteReplicationStatusOptions{users = true, entity = "user", entity_value = "bob"}; assert(o.users)`,
	} {
		if err := run(t, L, code); err != nil {
			t.Errorf("%s: %v", code, err)
		}
	}
	for code, want := range map[string]string{
		`minio.PeerInfo{deployment_id = "d", bucket_bandwidth_limit = "lots"}`: `field 'bucket_bandwidth_limit': whole number`,
		`minio.PeerInfo{deployment_id = "d", bucket_bandwidth_set = "maybe"}`:  `field 'bucket_bandwidth_set': boolean expected`,
		`minio.PeerSite{name = "a"}`:                                           `is required`,
		`minio.PeerSite(5)`:                                                    `bad argument #1 to 'PeerSite' (table expected, got number)`,
	} {
		if err := run(t, L, code); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s\n got: %v\nwant: %s", code, err, want)
		}
	}
}

// help(admin.method), help"name" and help() print from the operation table.
func TestHelp(t *testing.T) {
	L := newState(t, &fakeServer{})
	var out strings.Builder
	L.SetGlobal("print", L.NewFunction(func(L *lua.LState) int {
		out.WriteString(L.CheckString(1) + "\n")
		return 0
	}))
	for code, want := range map[string]string{
		`minio.help(admin.user_add)`:       "admin:user_add(access_key, secret_key) -> string",
		`minio.help"group_remove"`:         "admin:group_remove(group_name[, members]) -> string",
		`minio.help("admin:policy_unset")`: "example: admin:policy_unset(",
		`minio.help()`:                     "list_buckets",
	} {
		out.Reset()
		if err := run(t, L, code); err != nil || !strings.Contains(out.String(), want) {
			t.Errorf("%s: %v\n%s", code, err, out.String())
		}
	}
	for _, code := range []string{`minio.help(print)`, `minio.help"nosuch"`, `minio.help(5)`} {
		if err := run(t, L, code); err == nil || !strings.Contains(err.Error(), "bad argument #1") {
			t.Errorf("%s: %v", code, err)
		}
	}
}

// Every operation documents itself: signature, arguments, result and an example that
// names only its parameters.
func TestOperationDocs(t *testing.T) {
	for _, d := range Operations() {
		text := d.Text()
		if !strings.HasPrefix(text, "admin:"+d.Name+"(") || !strings.Contains(text, "example: admin:"+d.Name) || d.Result == "" {
			t.Errorf("%s:\n%s", d.Name, text)
		}
		for _, p := range d.Params {
			if !strings.Contains(text, "  "+p.Name+" ") {
				t.Errorf("%s: parameter %s missing from\n%s", d.Name, p.Name, text)
			}
		}
	}
}

// A policy given as a file path is read through the VM's files: --sandbox bounds it.
func TestPolicyFileInsideTheSandbox(t *testing.T) {
	allowed, outside := t.TempDir(), t.TempDir()
	policy := `{"Version":"2012-10-17","Statement":[]}`
	for _, dir := range []string{allowed, outside} {
		if err := os.WriteFile(dir+"/p.json", []byte(policy), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	fsys, err := files.Sandbox([]string{allowed})
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeServer{}
	L := lua.NewState()
	t.Cleanup(L.Close)
	cfg := &Config{Middleware: []admin.Middleware{f.middleware}, Files: fsys}
	L.SetGlobal("minio", Module(L, cfg, nil))
	c, err := NewClient(Connection{Endpoint: "127.0.0.1:1", AccessKey: "a", SecretKey: "test-secret-key", CertCheck: true}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	L.SetGlobal("admin", WrapClient(L, c, false))
	if err := L.DoString(`admin:policy_add("p", "` + allowed + `/p.json")`); err != nil {
		t.Fatal(err)
	}
	if got := string(f.last(t).Body); got != policy {
		t.Fatalf("sent %s", got)
	}
	err = L.DoString(`admin:policy_add("p", "` + outside + `/p.json")`)
	if err == nil || !strings.Contains(err.Error(), "bad argument #2 to 'policy_add'") || !strings.Contains(err.Error(), "--allow-path") {
		t.Fatalf("outside the sandbox: %v", err)
	}
}
