package tests

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/admin/testserver"
)

// TestExamples runs every script in scripts/examples with the real program against a
// fresh server each, as an operator would.
func TestExamples(t *testing.T) {
	bin := buildProgram(t)
	scripts, _ := filepath.Glob("../scripts/examples/0*.lua")
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
			// Observed through a proxy, traced, JSON logs, audit log: the secrets sweep
			// (sweep_test.go) runs over all of it at the end.
			o := newObserver(t)
			cmd := exec.Command(bin, append([]string{"--trace", "--log-format", "json", "--audit-log", o.File("audit.log"), script}, o.exampleArgs(name)...)...)
			cmd.Dir = ".." // examples name their data relative to the project root
			cmd.Env = append(os.Environ(), "MINIO_ENDPOINT="+o.Proxy(t, srv.URL()),
				"MINIO_ACCESS_KEY="+testserver.RootUser, "MINIO_SECRET_KEY="+testserver.RootPassword,
				"TMPDIR="+o.File("tmp"), "HOME="+o.File("home"))
			out, err := cmd.CombinedOutput()
			o.Write(out)
			o.Check(t)
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

func buildProgram(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "minioscript")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/minioscript").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// TestJobExamples runs the four operator jobs (onboard, rotate, cleanup, report) twice
// each, in that order, against one server, as cron would: the second run of each must
// find nothing left to do, and no secret may reach the output.
func TestJobExamples(t *testing.T) {
	bin := buildProgram(t)
	srv := testserver.ForTest(t, testserver.Config{})
	// Every run is swept for secrets (sweep_test.go): traced through the observing
	// proxy, JSON logs, one audit log; the two credential files are its deliberate
	// secret output and must stay 0600.
	o := newObserver(t)
	endpoint, home, tmp, auditLog := o.Proxy(t, srv.URL()), o.File("home"), o.File("tmp"), o.File("audit.log")
	o.Exempt(filepath.Join(tmp, "onboard-secrets.csv"))
	o.Exempt(filepath.Join(tmp, "rotated.csv"))
	defer o.Check(t)
	// run returns stdout followed by stderr.
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"--trace", "--log-format", "json", "--audit-log", auditLog}, args...)...)
		cmd.Dir = ".."
		cmd.Env = append(os.Environ(), "MINIO_ENDPOINT="+endpoint, "MINIO_ACCESS_KEY="+testserver.RootUser,
			"MINIO_SECRET_KEY="+testserver.RootPassword, "HOME="+home, "TMPDIR="+tmp)
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		o.Write([]byte(stdout.String() + stderr.String()))
		if err != nil {
			t.Fatalf("%v: %v\n%s%s", args, err, stdout.String(), stderr.String())
		}
		return stdout.String() + stderr.String()
	}
	wantIn := func(out string, want ...string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Fatalf("output lacks %q:\n%s", w, out)
			}
		}
	}
	// secretsOf reads a 0600 CSV file of credentials and checks none of them was printed.
	secretsOf := func(path, column string, printed ...string) string {
		t.Helper()
		st, err := os.Stat(path)
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v, mode %v", path, err, st)
		}
		rows, err := csv.NewReader(must(os.Open(path))).ReadAll()
		if err != nil || len(rows) < 2 {
			t.Fatalf("%s: %v %v", path, err, rows)
		}
		col := slices.Index(rows[0], column)
		for _, row := range rows[1:] {
			for _, out := range printed {
				if strings.Contains(out, row[col]) {
					t.Fatalf("a secret from %s was printed:\n%s", path, out)
				}
			}
		}
		return fmt.Sprint(rows[1:])
	}

	first := run("scripts/examples/onboard.lua", "scripts/examples/data/users.csv")
	wantIn(first, "applied: 11 created, 0 updated, 0 deleted, 0 unchanged, 0 failed", "+ bucket developers-data quota=10737418240")
	secretsOf(filepath.Join(tmp, "onboard-secrets.csv"), "secret_key", first)
	second := run("scripts/examples/onboard.lua", "scripts/examples/data/users.csv")
	wantIn(second, "applied: 0 created, 0 updated, 0 deleted, 11 unchanged, 0 failed")

	run("-e", `admin:add_service_account{access_key = "svc-ann", secret_key = "svc-ann-secret-1", user = "ann"}
		admin:add_service_account{access_key = "svc-ben", secret_key = "svc-ben-secret-1", user = "ben", expiry = os.time() + 10 * 86400}`)
	first = run("scripts/examples/rotate.lua", "--older-than", "30d")
	wantIn(first, "rotated 2 of 2 service accounts")
	got := secretsOf(filepath.Join(tmp, "rotated.csv"), "secret_key", first)
	wantIn(got, "svc-ann", "svc-ben")
	second = run("scripts/examples/rotate.lua", "--older-than", "30d")
	wantIn(second, "rotated 0 of 2 service accounts")

	keep := filepath.Join(tmp, "keep.csv")
	if err := os.WriteFile(keep, []byte("user\nann\nben\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	run("-e", `admin:group_add("empty-team", {})
		admin:policy_add("unused-policy", {Version = "2012-10-17", Statement = {{Effect = "Allow", Action = {"s3:GetObject"}, Resource = {"arn:aws:s3:::x/*"}}}})`)
	dry := run("--log-format", "text", "--dry-run", "scripts/examples/cleanup.lua", "--keep", keep) // the plan as text
	wantIn(dry, "cleanup: 3 change(s) planned (dry run)", "writes held back: 3", "group_remove empty-team",
		"policy_remove unused-policy", "~ user cara status: enabled → disabled")
	wantIn(run("-e", `print(admin:group_exists("empty-team"), admin:user_info("cara").status)`), "true\tenabled")
	wantIn(run("scripts/examples/cleanup.lua", "--keep", keep), "cleanup: 3 change(s)")
	wantIn(run("scripts/examples/cleanup.lua", "--keep", keep), "cleanup: 0 change(s)")
	wantIn(run("-e", `print(admin:group_exists("empty-team"), admin:user_info("cara").status)`), "false\tdisabled")

	for range 2 {
		var r struct {
			Users   []map[string]any `json:"users"`
			Buckets []map[string]any `json:"buckets"`
		}
		out := run("scripts/examples/report.lua")
		if err := json.NewDecoder(strings.NewReader(out)).Decode(&r); err != nil || len(r.Users) != 3 || len(r.Buckets) != 2 {
			t.Fatalf("report is not the JSON expected (%v):\n%s", err, out)
		}
		if r.Buckets[0]["bucket"] != "developers-data" || r.Buckets[0]["quota"] != float64(10<<30) {
			t.Fatalf("report buckets: %v", r.Buckets)
		}
	}

	// The access review: who can delete in each bucket, and the findings (cara was
	// disabled by cleanup but is still in her group; the rotated accounts have no
	// session policy).
	run("-e", `admin:policy_add("all-s3", {Version = "2012-10-17", Statement = {{Effect = "Allow", Action = {"s3:*"}, Resource = {"arn:aws:s3:::*"}}}})
		admin:policy_add("orphan-policy", {Version = "2012-10-17", Statement = {{Effect = "Allow", Action = {"s3:GetObject"}, Resource = {"arn:aws:s3:::x/*"}}}})
		admin:attach_policy{policies = {"all-s3"}, user = "ben"}`)
	var review struct {
		Buckets map[string]struct {
			Delete []struct{ Principal, Via string }
		}
		Findings []struct{ Finding, Subject, Detail string }
	}
	out := run("scripts/examples/access_review.lua")
	if err := json.NewDecoder(strings.NewReader(out)).Decode(&review); err != nil {
		t.Fatalf("access_review is not JSON (%v):\n%s", err, out)
	}
	var deleters, findings []string
	for _, d := range review.Buckets["developers-data"].Delete {
		deleters = append(deleters, d.Principal+": "+d.Via)
	}
	for _, f := range review.Findings {
		findings = append(findings, f.Finding+": "+f.Subject)
	}
	wantIn(strings.Join(deleters, "\n"), "ann: developers-rw (group developers)", "ben: all-s3 (user ben); developers-rw (group developers)",
		"svc-ann: developers-rw (parent's group developers)", testserver.RootUser+": root user")
	wantIn(strings.Join(findings, "\n"), "disabled user in groups: cara", "policy attached to nobody: orphan-policy", "s3:* on *: ben",
		"service account as wide as its parent: svc-ann", "service account as wide as its parent: svc-ben")
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
