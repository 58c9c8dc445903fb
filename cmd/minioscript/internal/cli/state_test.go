package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/admin/testserver"
	"github.com/minioscript/minioscript/cmd/minioscript/internal/cli"
)

// The same state written in Lua, JSON and YAML, secrets given by reference.
const (
	stateLua = `local team = "dev"
return {
  policies = { [team .. "-rw"] = { Version = "2012-10-17", Statement = { { Effect = "Allow", Action = { "s3:*" }, Resource = { "arn:aws:s3:::dev/*" } } } } },
  users = {
    ["dev-ann"] = { secret_key = { env = "ANN_SECRET" }, policies = { "readonly" } },
    ["dev-ben"] = { secret_key = { file = "ben.secret" }, status = "disabled" },
  },
  groups = { [team] = { members = { "dev-ann", "dev-ben" }, policies = { team .. "-rw" } } },
  service_accounts = { ["dev-svc"] = { user = "dev-ann", secret_key = { env = "SVC_SECRET" }, description = "ci" } },
  buckets = { ["dev-data"] = { quota = 1073741824 } },
}`
	stateJSON = `{
  "policies": {"dev-rw": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*"], "Resource": ["arn:aws:s3:::dev/*"]}]}},
  "users": {
    "dev-ann": {"secret_key": {"env": "ANN_SECRET"}, "policies": ["readonly"]},
    "dev-ben": {"secret_key": {"file": "ben.secret"}, "status": "disabled"}
  },
  "groups": {"dev": {"members": ["dev-ann", "dev-ben"], "policies": ["dev-rw"]}},
  "service_accounts": {"dev-svc": {"user": "dev-ann", "secret_key": {"env": "SVC_SECRET"}, "description": "ci"}},
  "buckets": {"dev-data": {"quota": 1073741824}}
}`
	stateYAML = `policies:
  dev-rw:
    Version: "2012-10-17"
    Statement:
      - Effect: Allow
        Action: ["s3:*"]
        Resource: ["arn:aws:s3:::dev/*"]
users:
  dev-ann: {secret_key: {env: ANN_SECRET}, policies: [readonly]}
  dev-ben:
    secret_key: {file: ben.secret}
    status: disabled
groups:
  dev: {members: [dev-ann, dev-ben], policies: [dev-rw]}
service_accounts:
  dev-svc: {user: dev-ann, secret_key: {env: SVC_SECRET}, description: ci}
buckets:
  dev-data: {quota: 1073741824}
`
)

func writeStates(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{"state.lua": stateLua, "state.json": stateJSON, "state.yaml": stateYAML,
		"ben.secret": "ben-secret-from-file\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestStateFileFormats(t *testing.T) {
	dir := writeStates(t)
	t.Setenv("ANN_SECRET", "ann-secret-from-env")
	t.Setenv("SVC_SECRET", "svc-secret-from-env")
	var first string
	for _, name := range []string{"state.lua", "state.json", "state.yaml"} {
		st, err := cli.LoadState(context.Background(), filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if st.Users["dev-ben"].SecretKey != "ben-secret-from-file" || st.ServiceAccounts["dev-svc"].SecretKey != "svc-secret-from-env" {
			t.Fatalf("%s: secrets not resolved: %+v", name, st.Users)
		}
		// Policies compare as documents: the Lua encoder orders keys its own way.
		var doc any
		_ = json.Unmarshal(st.Policies["dev-rw"], &doc)
		norm, _ := json.Marshal(doc)
		st.Policies["dev-rw"] = norm
		b, _ := json.Marshal(st)
		if first == "" {
			first = string(b)
		} else if string(b) != first {
			t.Fatalf("%s decodes differently:\n%s\n%s", name, b, first)
		}
	}
}

func TestStateFileErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ file, text, want string }{
		{"unknown.json", `{"userz": {}}`, `unknown field "userz"`},
		{"type.json", `{"users": {"ann": {"status": 1}}}`, "users.ann: status: string expected, got number"},
		{"ref.json", `{"users": {"ann": {"secret_key": {"env": "NO_SUCH_VARIABLE_X"}}}}`, "users.ann.secret_key: environment variable NO_SUCH_VARIABLE_X is not set"},
		{"ref.yaml", "users:\n  ann: {secret_key: {path: x}}\n", `users.ann.secret_key: json: unknown field "path"`},
		{"reads.lua", `return { policies = { p = io.open("/etc/passwd") } }`, "attempt to index global 'io' (a nil value)"},
		{"runs.lua", `os.execute("true") return {}`, "attempt to index global 'os' (a nil value)"},
		{"loads.lua", `dofile("/etc/passwd") return {}`, "loads.lua:1: attempt to call global 'dofile' (a nil value)"},
		{"policyfile.lua", `return { policies = { p = "/etc/passwd" } }`, "policies.p"},
		{"notable.lua", `return 42`, "must return a state table"},
		{"unknown.lua", `return { users = { ann = { pasword = "x" } } }`, "users.ann"},
		{"state.toml", ``, "ends in .lua, .json, .yaml or .yml"},
	} {
		path := filepath.Join(dir, tc.file)
		if err := os.WriteFile(path, []byte(tc.text), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := cli.LoadState(context.Background(), path)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.file, err, tc.want)
		}
	}
}

// The end-to-end check: apply --yes twice reports 0 changes the second time; a
// saved plan is refused after a change made in between, and applied after none.
func TestPlanApplyCommands(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	env := []string{"MINIO_ENDPOINT=" + srv.URL(), "MINIO_ROOT_USER=" + testserver.RootUser, "MINIO_ROOT_PASSWORD=" + testserver.RootPassword,
		"ANN_SECRET=ann-secret-from-env", "SVC_SECRET=svc-secret-from-env", "NO_COLOR=1"}
	dir := writeStates(t)
	state := filepath.Join(dir, "state.yaml")
	saved := filepath.Join(dir, "plan.json")

	r := run(t, env, "", "plan", state, "-o", saved)
	if r.code != 3 || !strings.Contains(r.stdout, "plan: 8 to create, 0 to update, 0 to delete") || strings.Contains(r.stdout, "secret-from") {
		t.Fatalf("plan: %+v", r)
	}
	if r := run(t, env, "", "apply", state); r.code != 2 || !strings.Contains(r.stderr, "--yes or --plan") {
		t.Fatalf("apply without a terminal nor --yes: %+v", r)
	}
	// A change on the server between plan and apply, made by another client (curl's own
	// SigV4 signing, not ours): the saved plan is refused.
	out, err := exec.Command("curl", "-sS", "--fail", "-X", "PUT", "--aws-sigv4", "aws:amz:us-east-1:s3",
		"--user", testserver.RootUser+":"+testserver.RootPassword, srv.URL()+"/dev-data").CombinedOutput()
	if err != nil {
		t.Fatalf("curl PUT bucket: %v: %s", err, out)
	}
	r = run(t, env, "", "apply", state, "--plan", saved)
	if r.code != 4 || !strings.Contains(r.stderr, "was: + bucket dev-data quota=1073741824; now: ~ bucket dev-data quota: 0 → 1073741824") {
		t.Fatalf("stale plan: %+v", r)
	}
	if r := run(t, env, "", "-e", `print(admin:user_exists("dev-ann"))`); r.stdout != "false\n" {
		t.Fatalf("a refused plan wrote something: %+v", r)
	}
	// Planned again with nothing in between: applied as saved.
	if r := run(t, env, "", "plan", state, "-o", saved, "--json"); r.code != 3 || !strings.Contains(r.stdout, `"format": "minioscript-plan"`) {
		t.Fatalf("plan --json: %+v", r)
	}
	r = run(t, env, "", "apply", state, "--plan", saved)
	if r.code != 0 || !strings.Contains(r.stdout, "applied: 7 created, 1 updated, 0 deleted, 0 unchanged, 0 failed") {
		t.Fatalf("apply --plan: %+v", r)
	}
	r = run(t, env, "", "apply", state, "--yes")
	if r.code != 0 || !strings.Contains(r.stdout, "plan: 0 to create, 0 to update, 0 to delete, 8 unchanged") {
		t.Fatalf("second apply: %+v", r)
	}
	if r := run(t, env, "", "plan", state); r.code != 0 {
		t.Fatalf("plan after apply: %+v", r)
	}
	// Another format of the same state agrees.
	if r := run(t, env, "", "plan", filepath.Join(dir, "state.lua")); r.code != 0 {
		t.Fatalf("plan of the Lua form: %+v", r)
	}
}
