package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/admin/testserver"
)

type multiTable struct {
	Deployments []struct {
		Deployment                                   string
		Created, Updated, Deleted, Unchanged, Failed int
		Objects                                      int
		ExitCode                                     int `json:"exit_code"`
		Error                                        string
		Plan                                         json.RawMessage
	}
}

func decodeTable(t *testing.T, r result) multiTable {
	t.Helper()
	var tab multiTable
	if err := json.Unmarshal([]byte(r.stdout), &tab); err != nil {
		t.Fatalf("table JSON: %v: %+v", err, r)
	}
	return tab
}

// The ten deployments on loopback: nine servers and one alias on a dead port,
// listed in the middle so the ones after it must still run (the dead one waits out the
// client's 20 s allowance for a restarting server meanwhile). apply writes to the nine and
// reports the dead one; a second plan finds nothing to change anywhere; export writes one
// file per deployment.
func TestMultiDeployment(t *testing.T) {
	const live = 9
	servers := testserver.SitesForTest(t, live, testserver.Config{})
	dead, err := testserver.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	env := []string{"ANN_SECRET=ann-secret-from-env", "SVC_SECRET=svc-secret-from-env", "NO_COLOR=1",
		fmt.Sprintf("MC_HOST_dead=http://%s:%s@127.0.0.1:%d", testserver.RootUser, testserver.RootPassword, dead)}
	var aliases, liveAliases []string
	for i, s := range servers {
		name := fmt.Sprintf("d%d", i+1)
		env = append(env, fmt.Sprintf("MC_HOST_%s=http://%s:%s@%s", name, testserver.RootUser, testserver.RootPassword, s.Addr))
		liveAliases = append(liveAliases, "--alias", name)
		aliases = append(aliases, "--alias", name)
		if i == 4 {
			aliases = append(aliases, "--alias", "dead")
		}
	}
	state := filepath.Join(writeStates(t), "state.yaml")
	cmd := func(args ...string) []string { return append(append([]string{}, aliases...), args...) }

	r := run(t, env, "", cmd("apply", state, "--yes", "--parallel", "3")...)
	if r.code != 1 {
		t.Fatalf("apply: exit %d, want 1 (the dead deployment): %+v", r.code, r)
	}
	for i := 1; i <= live; i++ {
		block := regexp.MustCompile(fmt.Sprintf(`== d%d ==\napplied: 8 created, 0 updated, 0 deleted, 0 unchanged, 0 failed`, i))
		if !block.MatchString(r.stdout) {
			t.Fatalf("apply: no block for d%d: %s", i, r.stdout)
		}
		row := regexp.MustCompile(fmt.Sprintf(`(?m)^d%d +8 +0 +0 +0 +0 +\S+ +ok$`, i))
		if !row.MatchString(r.stdout) {
			t.Fatalf("apply: no table row for d%d: %s", i, r.stdout)
		}
	}
	if !regexp.MustCompile(`(?m)^dead +0 +0 +0 +0 +0 +\S+ +failed \(exit 1\)$`).MatchString(r.stdout) ||
		!strings.Contains(r.stderr, `connection refused deployment="dead"`) ||
		!strings.Contains(r.stdout, "== dead ==\nfailed: ") || strings.Contains(r.stdout+r.stderr, "secret-from") {
		t.Fatalf("apply: the dead deployment's row or log line: %+v", r)
	}

	r = run(t, env, "", cmd("plan", state, "--json")...)
	tab := decodeTable(t, r)
	if r.code != 1 || len(tab.Deployments) != live+1 {
		t.Fatalf("plan: %+v", r)
	}
	for _, d := range tab.Deployments {
		switch {
		case d.Deployment == "dead":
			if d.ExitCode != 1 || !strings.Contains(d.Error, "connection refused") {
				t.Fatalf("plan: dead row %+v", d)
			}
		case d.ExitCode != 0 || d.Created+d.Updated+d.Deleted+d.Failed != 0 || d.Unchanged != 8 || len(d.Plan) == 0:
			t.Fatalf("plan again: %+v", d)
		}
	}
	if r := run(t, env, "", append(liveAliases, "plan", state)...); r.code != 0 {
		t.Fatalf("plan of the live deployments: %+v", r)
	}

	dir := t.TempDir()
	r = run(t, env, "", cmd("export", "-o", filepath.Join(dir, "{alias}.yaml"), "--json")...)
	tab = decodeTable(t, r)
	if r.code != 1 {
		t.Fatalf("export: %+v", r)
	}
	first, err := os.ReadFile(filepath.Join(dir, "d1.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range tab.Deployments {
		if d.Deployment == "dead" {
			if d.ExitCode != 1 {
				t.Fatalf("export: dead row %+v", d)
			}
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, d.Deployment+".yaml"))
		if err != nil || string(data) != string(first) || d.ExitCode != 0 || d.Objects != 6 {
			t.Fatalf("export %s: %+v, %v", d.Deployment, d, err)
		}
	}
}

// What a run over several deployments refuses before it connects anywhere.
func TestMultiDeploymentUsage(t *testing.T) {
	env := []string{"MC_HOST_a=http://k:s@127.0.0.1:1", "MC_HOST_b=http://k:s@127.0.0.1:2"}
	two := []string{"--alias", "a", "--alias", "b"}
	state := filepath.Join(writeStates(t), "state.yaml")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"apply", state}, "needs --yes"},
		{[]string{"apply", state, "--plan", "p.json"}, "a saved plan is one deployment's"},
		{[]string{"plan", state, "-o", "plan.json"}, "must hold {alias}"},
		{[]string{"export"}, "needs -o with {alias}"},
		{[]string{"export", "-o", "x/{alias}.yaml", "--secrets", "s.json"}, "--secrets s.json: with several --alias"},
		{[]string{"-e", "print(1)"}, "--alias may be repeated only for plan, apply and export"},
		{[]string{"--parallel", "0", "plan", state}, "--parallel must be at least 1"},
		{[]string{"--alias", "a", "plan", state}, "--alias a given twice"},
	} {
		r := run(t, env, "", append(append([]string{}, two...), tc.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: %+v, want exit 2 and %q", tc.args, r, tc.want)
		}
	}
	// One deployment: apply's and export's --json (the table's) is refused.
	if r := run(t, env, "", "--alias", "a", "export", "--json"); r.code != 2 || !strings.Contains(r.stderr, "give --alias more than once") {
		t.Errorf("export --json with one alias: %+v", r)
	}
}
