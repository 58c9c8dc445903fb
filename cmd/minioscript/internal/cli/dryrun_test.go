package cli_test

import (
	"strings"
	"testing"

	"github.com/minioscript/minioscript/admin/testserver"
)

// --dry-run: reads go out, writes are held back, and the plan is printed on stderr at
// the end; the server's own listing is the same before and after.
func TestDryRunFlag(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	env := []string{"MINIO_ENDPOINT=" + srv.URL(), "MINIO_ROOT_USER=" + testserver.RootUser, "MINIO_ROOT_PASSWORD=" + testserver.RootPassword}
	listing := `local u = {} for k in pairs(admin:user_list()) do u[#u+1] = k end table.sort(u)
		local b = {} for _, x in ipairs(admin:list_buckets()) do b[#b+1] = x.name end
		print(table.concat(u, ",") .. "|" .. table.concat(b, ",") .. "|" .. #admin:group_list())`
	if r := run(t, env, "", "-e", "admin:user_add('kept-user', 'kept-secret-1'); admin:make_bucket('kept-bucket')"); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	before := run(t, env, "", "-e", listing)
	script := `print(minio.dry_run())
		print(admin:ensure_user("dry-user", "dry-secret-1", {policies = {"readonly"}}))
		local r = admin:apply({users = {["dry-two"] = {secret_key = "dry-secret-2"}}, groups = {team = {members = {"dry-two"}}},
			buckets = {["dry-bucket"] = {quota = 1024}}})
		print(r.created)
		admin:user_add("raw-user", "raw-secret-3")`
	r := run(t, env, "", "--dry-run", "-e", script)
	if r.code != 0 || r.stdout != "true\ncreated\tnil\n3\n" {
		t.Fatalf("%+v", r)
	}
	for _, want := range []string{"dry run: 5 to create", "+ user dry-user", "+ mapping user:dry-user policies=readonly",
		"+ bucket dry-bucket quota=1024", "writes held back: 7", "user_add raw-user secretKey=*** status=enabled", "dry_run=true"} {
		if !strings.Contains(r.stderr, want) {
			t.Fatalf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "secret-") {
		t.Fatalf("a secret on stderr:\n%s", r.stderr)
	}
	if after := run(t, env, "", "-e", listing); after.stdout != before.stdout || after.code != 0 {
		t.Fatalf("the server changed in a dry run: %q -> %q", before.stdout, after.stdout)
	}
}
