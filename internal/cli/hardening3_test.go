package cli_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// Issue 19, item 10: the run summary is printed where it informs, never after a run that
// made no write and succeeded (so `minioscript -e 'print(1 + 1)'` prints what lua prints).
func TestSummaryOnlyWhereItInforms(t *testing.T) {
	dir := t.TempDir()
	dryClient := `local c = minio.connect{endpoint = "http://127.0.0.1:1", access_key = "quietkey", secret_key = "quietsecret1", dry_run = true}
c:user_add("quiet-user", "quiet-user-secret")`
	for _, c := range []struct {
		name    string
		args    []string
		summary bool
	}{
		{"plain run", []string{"-e", "print(1 + 1)"}, false},
		{"script arguments", []string{"-e", "print(...)", "a"}, false},
		{"failed run", []string{"-e", "error('boom')"}, true},
		{"minio.exit(3)", []string{"-e", "minio.exit(3)"}, true},
		{"write held back", []string{"-e", dryClient}, true},
		{"--summary", []string{"--summary", "-e", "print(1 + 1)"}, true},
		{"--log-format json", []string{"--log-format", "json", "-e", "print(1 + 1)"}, true},
		{"--audit-log", []string{"--audit-log", filepath.Join(dir, "audit.jsonl"), "-e", "print(1 + 1)"}, true},
		{"--lock", []string{"--lock", filepath.Join(dir, "job.lock"), "-e", "print(1 + 1)"}, true},
	} {
		r := run(t, nil, "", c.args...)
		has := strings.Contains(r.stderr, "run summary")
		if has != c.summary {
			t.Errorf("%s: summary printed %v, want %v: %+v", c.name, has, c.summary, r)
		}
		if !c.summary && r.stderr != "" {
			t.Errorf("%s: stderr %q, want nothing", c.name, r.stderr)
		}
	}
	if r := run(t, nil, "", "-e", "print(1 + 1)"); r.stdout != "2\n" || r.stderr != "" || r.code != 0 {
		t.Fatalf("print(1 + 1): %+v", r)
	}
}
