package jobs

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/admin"
)

// withConfig is a server showing the given targets (name → "k=v ..." as the server
// writes them).
func withConfig(targets map[string]string) *Current {
	return server(func(c *Current) {
		for name, line := range targets {
			_, values, err := parseConfigLine(name + " " + line)
			if err != nil {
				panic(err)
			}
			c.Config[name] = ConfigTarget{Values: values}
		}
	})
}

func configDiffCases() []diffCase {
	cfg := func(targets map[string]map[string]string) *State { return &State{Config: targets} }
	hook := map[string]string{"endpoint": "http://127.0.0.1:9/h", "auth_token": "secret-tok"}
	pending := withConfig(map[string]string{"site": "name= region="})
	pending.Config["site"] = ConfigTarget{Values: pending.Config["site"].Values, Pending: map[string]string{"name": "dc1"}}
	newTarget := server(func(c *Current) {
		c.Config["notify_webhook:t1"] = ConfigTarget{Pending: map[string]string{"endpoint": "http://127.0.0.1:9/h", "auth_token": "secret-tok"}}
	})
	envSet := withConfig(map[string]string{"api": "requests_max=0 cors_allow_origin=*"})
	envSet.Config["api"] = ConfigTarget{Values: envSet.Config["api"].Values, Env: map[string]bool{"cors_allow_origin": true}}
	return []diffCase{
		{name: "config create target, secret hidden", want: cfg(map[string]map[string]string{"notify_webhook:t1": hook}),
			cur: withConfig(nil), lines: []string{"+ config notify_webhook:t1 auth_token=(secret) endpoint=http://127.0.0.1:9/h"}},
		{name: "config update a key, others left alone", want: cfg(map[string]map[string]string{"scanner": {"speed": "slow"}}),
			cur:   withConfig(map[string]string{"scanner": "speed=default alert_excess_versions=100"}),
			lines: []string{"~ config scanner speed: default → slow"}},
		{name: "config unchanged by meaning", want: cfg(map[string]map[string]string{
			"api":   {"requests_max": "100", "cluster_deadline": "10s", "odirect": "on"},
			"drive": {"max_timeout": "1m"}}),
			cur:       withConfig(map[string]string{"api": "requests_max=0100 cluster_deadline=10000ms odirect=on", "drive": "max_timeout=60s"}),
			unchanged: 2},
		{name: "config enable not printed means on", want: cfg(map[string]map[string]string{"logger_webhook:a": {"enable": "on"},
			"logger_webhook:b": {"enable": "on"}}),
			cur:   withConfig(map[string]string{"logger_webhook:a": "endpoint=http://x", "logger_webhook:b": "enable=off endpoint=http://x"}),
			lines: []string{"~ config logger_webhook:b enable: off → on"}, unchanged: 1},
		{name: "config secret shown in the clear compares, never shown",
			want: cfg(map[string]map[string]string{"notify_webhook:t1": hook, "subnet": {"api_key": "secret-new"}}),
			cur: withConfig(map[string]string{"notify_webhook:t1": "endpoint=http://127.0.0.1:9/h auth_token=secret-old",
				"subnet": "license= api_key=secret-new proxy="}),
			lines: []string{"~ config notify_webhook:t1 auth_token: (secret) → (secret)"}, unchanged: 1},
		{name: "config secret left out cannot be compared", want: cfg(map[string]map[string]string{"notify_webhook:t1": hook}),
			cur:       withConfig(map[string]string{"notify_webhook:t1": "endpoint=http://127.0.0.1:9/h queue_limit=0"}),
			unchanged: 1, warnings: []string{"config notify_webhook:t1: the server does not show auth_token, so it cannot be compared"}},
		{name: "config secret left out, another key changes", want: cfg(map[string]map[string]string{
			"notify_webhook:t1": {"endpoint": "http://127.0.0.1:9/new", "auth_token": "secret-tok"}}),
			cur:      withConfig(map[string]string{"notify_webhook:t1": "endpoint=http://127.0.0.1:9/h"}),
			lines:    []string{"~ config notify_webhook:t1 endpoint: http://127.0.0.1:9/h → http://127.0.0.1:9/new"},
			warnings: []string{"cannot be compared"}},
		{name: "config set before the restart is pending, not planned again", want: cfg(map[string]map[string]string{"site": {"name": "dc1"}}),
			cur: pending, unchanged: 1, warnings: []string{"config site: name set but not in effect until the server restarts"}},
		{name: "config pending value differs from the wanted one", want: cfg(map[string]map[string]string{"site": {"name": "dc2"}}),
			cur: pending, lines: []string{"~ config site name: dc1 → dc2"}, warnings: []string{"until the server restarts"}},
		{name: "config new target pending a restart", want: cfg(map[string]map[string]string{"notify_webhook:t1": hook}),
			cur: newTarget, unchanged: 1, warnings: []string{"auth_token, endpoint set but not in effect"}},
		{name: "config key set by the environment is not managed", want: cfg(map[string]map[string]string{
			"api": {"cors_allow_origin": "https://a.example", "requests_max": "5"}}),
			cur: envSet, lines: []string{"~ config api requests_max: 0 → 5"},
			warnings: []string{"config api: cors_allow_origin set by environment variables"}},
		{name: "config default target of a multi-target subsystem", want: cfg(map[string]map[string]string{"notify_webhook:_": {"queue_limit": "10"}}),
			cur:   withConfig(map[string]string{"notify_webhook": "enable=off queue_limit=0"}),
			lines: []string{"~ config notify_webhook:_ queue_limit: 0 → 10"}},
		{name: "config left out is not managed", want: &State{}, cur: withConfig(map[string]string{"scanner": "speed=slow"})},
		{name: "config prune leaves config alone", want: cfg(map[string]map[string]string{"scanner": {"speed": "slow"}}),
			cur:  withConfig(map[string]string{"scanner": "speed=slow", "notify_webhook:old": "endpoint=http://x"}),
			opts: Options{Prune: true}, unchanged: 1},
		{name: "config invalid names, keys and values", want: cfg(map[string]map[string]string{
			"Scanner": {"speed": "slow"}, "notify_webhook:": {"endpoint": "x"}, "api": {}, "drive": {"Max": "1", "max_timeout": `a"b`}}),
			cur: withConfig(nil), err: []string{`config Scanner: a subsystem name`, `config notify_webhook:: a target name`,
				"config api: name at least one key", `key "Max"`, "the value of max_timeout must not hold a double quote"}},
	}
}

func TestParseConfigExport(t *testing.T) {
	text := "subnet license= api_key=abc proxy= \n" +
		"# callhome enable=off frequency=24h \n" +
		"# MINIO_API_REQUESTS_MAX=100\n" +
		"api requests_max=0 cors_allow_origin=* \n" +
		"# MINIO_NOTIFY_WEBHOOK_ENDPOINT_PRIMARY=http://e\n" +
		"notify_webhook:primary endpoint=http://127.0.0.1:1/x queue_limit=0 \n" +
		"notify_webhook:T1 \n" +
		`browser csp_policy="default-src 'self'; x" hsts_seconds=0` + "\n"
	got, err := ParseConfigExport(text)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]ConfigTarget{
		"subnet":                 {Values: map[string]string{"license": "", "api_key": "abc", "proxy": ""}},
		"callhome":               {Values: map[string]string{"enable": "off", "frequency": "24h"}},
		"api":                    {Values: map[string]string{"requests_max": "0", "cors_allow_origin": "*"}, Env: map[string]bool{"requests_max": true}},
		"notify_webhook:primary": {Values: map[string]string{"endpoint": "http://127.0.0.1:1/x", "queue_limit": "0"}, Env: map[string]bool{"endpoint": true}},
		"notify_webhook:T1":      {Values: map[string]string{}},
		"browser":                {Values: map[string]string{"csp_policy": "default-src 'self'; x", "hsts_seconds": "0"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %#v\nwant %#v", got, want)
	}
	if _, err := ParseConfigExport("api requests_max\n"); err == nil || strings.Contains(err.Error(), "requests_max=") {
		t.Fatalf("a broken line: %v", err)
	}
	if _, err := ParseConfigExport(configDefaults); err != nil {
		t.Fatal(err)
	}
}

// Export writes what differs from a fresh server; a named target always says whether it
// is enabled; secrets only when asked; keys the environment sets never.
func TestExportConfig(t *testing.T) {
	all, err := ParseConfigExport("scanner speed=slow alert_excess_versions=100 \n" +
		"api requests_max=0100 cluster_deadline=10s \n" +
		"# MINIO_API_CLUSTER_DEADLINE=20s\n" +
		"# notify_webhook enable=off endpoint= auth_token= queue_limit=0 \n" +
		"# notify_webhook:off1 enable=off endpoint=http://e auth_token=tok queue_limit=0 \n" +
		"logger_webhook:l1 endpoint=http://l auth_token=tok2 batch_size=1 \n")
	if err != nil {
		t.Fatal(err)
	}
	got := exportConfig(all, false)
	want := map[string]map[string]string{
		"scanner":             {"speed": "slow"},
		"api":                 {"requests_max": "0100"},
		"notify_webhook:off1": {"enable": "off", "endpoint": "http://e"},
		"logger_webhook:l1":   {"enable": "on", "endpoint": "http://l"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %v\nwant %v", got, want)
	}
	withSecrets := exportConfig(all, true)
	if withSecrets["logger_webhook:l1"]["auth_token"] != "tok2" {
		t.Fatalf("with secrets: %v", withSecrets)
	}
	tree := ExportTree(&State{Config: withSecrets}, nil)
	if strings.Contains(string(mustJSON(tree)), "tok") {
		t.Fatalf("a secret in the tree: %s", mustJSON(tree))
	}
	tree = ExportTree(&State{Config: withSecrets}, func(section, name, _ string) any {
		return map[string]any{"file": "s.json", "key": section + "." + name}
	})
	ref := tree["config"].(map[string]any)["logger_webhook:l1"].(map[string]any)["auth_token"]
	if !reflect.DeepEqual(ref, map[string]any{"file": "s.json", "key": "config.logger_webhook:l1.auth_token"}) {
		t.Fatalf("reference: %v", ref)
	}
}

// A config value may be a number, a boolean or a secret reference in every format.
func TestDecodeConfig(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "tok"), []byte("secret-from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOOK_TOKEN", "secret-from-env")
	st, err := DecodeStateYAML([]byte(`config:
  api: {requests_max: 1000, odirect: true}
  "notify_webhook:primary": {endpoint: "http://e", auth_token: {env: HOOK_TOKEN}}
  "logger_webhook:a": {auth_token: {file: tok}}
`), dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]string{
		"api":                    {"requests_max": "1000", "odirect": "on"},
		"notify_webhook:primary": {"endpoint": "http://e", "auth_token": "secret-from-env"},
		"logger_webhook:a":       {"auth_token": "secret-from-file"},
	}
	if !reflect.DeepEqual(st.Config, want) {
		t.Fatalf("%v", st.Config)
	}
	js, err := DecodeStateJSON([]byte(`{"config": {"api": {"requests_max": 1000, "odirect": true}}}`), dir)
	if err != nil || js.Config["api"]["requests_max"] != "1000" {
		t.Fatalf("%v %v", js, err)
	}
	for src, msg := range map[string]string{
		`{"config": {"api": {"x": {"env": "NOPE_UNSET"}}}}`: "config.api.x: environment variable NOPE_UNSET is not set",
		`{"config": {"api": {"x": [1]}}}`:                   "config.api",
		`{"config": {"api": "x"}}`:                          "config",
	} {
		if _, err := DecodeStateJSON([]byte(src), dir); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%s: %v, want %q", src, err, msg)
		}
	}
}

// The executor sends one target per call with the keys that change (a disabled target
// kept disabled), and marks a change the server did not apply at once.
func TestConfigWriteRestart(t *testing.T) {
	var bodies []string
	fake := func(next admin.Handler) admin.Handler {
		return func(_ context.Context, call *admin.Call) (*admin.Response, error) {
			if call.Path != "set-config-kv" {
				t.Errorf("unexpected call %s", call.Path)
			}
			bodies = append(bodies, string(call.Body))
			h := http.Header{}
			if strings.HasPrefix(string(call.Body), "scanner") {
				h.Set("X-Minio-Config-Applied", "true")
			}
			return &admin.Response{StatusCode: 200, Header: h}, nil
		}
	}
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	c, err := admin.New(admin.Options{Endpoint: srv.URL, Credentials: admin.Credentials{AccessKey: "k", SecretKey: "secret-123"},
		Middleware: []admin.Middleware{fake}})
	if err != nil {
		t.Fatal(err)
	}
	want := &State{Config: map[string]map[string]string{"scanner": {"speed": "slow"},
		"notify_webhook:t1": {"endpoint": "http://new", "queue_limit": "0"}}}
	cur := withConfig(map[string]string{"scanner": "speed=default", "notify_webhook:t1": "enable=off endpoint=http://old queue_limit=0"})
	p, err := Diff(want, cur, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep := (&Engine{Client: c}).Execute(context.Background(), p, want, cur, ApplyOptions{Concurrency: 1})
	if rep.Failed > 0 {
		t.Fatal(rep)
	}
	slices.Sort(bodies)
	if strings.Join(bodies, "|") != "notify_webhook:t1 endpoint=http://new enable=off|scanner speed=slow" {
		t.Fatalf("bodies %q", bodies)
	}
	if got := rep.RestartNeeded(); !reflect.DeepEqual(got, []string{"notify_webhook:t1"}) {
		t.Fatalf("restart %v", got)
	}
	if s := rep.String(); !strings.Contains(s, "restart needed: the server applies config notify_webhook:t1 when it restarts") ||
		!strings.Contains(s, "~ config notify_webhook:t1 (after a restart) endpoint") {
		t.Fatalf("report:\n%s", s)
	}
}
