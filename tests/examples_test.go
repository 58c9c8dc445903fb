package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/internal/testserver"
)

// TestExamples runs every script in scripts/examples with the real program against a
// fresh server each, as an operator would.
func TestExamples(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "minioscript")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/minioscript").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	scripts, _ := filepath.Glob("../scripts/examples/*.lua")
	for i := range scripts {
		scripts[i], _ = filepath.Abs(scripts[i])
	}
	if len(scripts) < 5 {
		t.Fatalf("found %d examples", len(scripts))
	}
	// What each example must print; a script that fails exits non-zero anyway.
	want := map[string]string{
		"01_info_and_users.lua":        "User created: newuser (enabled)",
		"02_users_groups_policies.lua": "Group developers: members alice,bob, policy dev-policy",
		"03_service_accounts.lua":      "Description now: Updated description for app 1",
		"04_config_and_monitoring.lua": "Bucket quota: 1073741824 bytes (hard)",
		"05_server_maintenance.lua":    "Restart result: server restarted, mode online",
		"06_onboard_csv.lua":           "  developers: ann, ben",
	}
	for _, script := range scripts {
		name := filepath.Base(script)
		t.Run(strings.TrimSuffix(name, ".lua"), func(t *testing.T) {
			srv := testserver.ForTest(t, testserver.Config{})
			cmd := exec.Command(bin, script)
			cmd.Dir = ".." // examples name their data relative to the project root
			cmd.Env = append(os.Environ(), "MINIO_ENDPOINT="+srv.URL(),
				"MINIO_ACCESS_KEY="+testserver.RootUser, "MINIO_SECRET_KEY="+testserver.RootPassword,
				"TMPDIR="+t.TempDir())
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%s: %v\n%s", name, err, out)
			}
			w, ok := want[name]
			if !ok {
				t.Fatalf("no expectation for %s: add one", name)
			}
			if !strings.Contains(string(out), w) {
				t.Fatalf("%s output lacks %q:\n%s", name, w, out)
			}
			t.Logf("%s", out)
		})
	}
}
