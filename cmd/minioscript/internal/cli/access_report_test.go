package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/access"
	"github.com/minioscript/minioscript/admin"
)

// reportSnapshot: a user with its own policy, a group granting write (and delete from
// the office network only), a disabled user, a service account narrowed by a session
// policy, an LDAP DN, and the root user's account.
func reportSnapshot() *admin.IAMSnapshot {
	doc := func(st string) json.RawMessage {
		return json.RawMessage(`{"Version":"2012-10-17","Statement":[` + st + `]}`)
	}
	return &admin.IAMSnapshot{
		Policies: map[string]json.RawMessage{
			"photos-rw": doc(`{"Effect":"Allow","Action":["s3:ListBucket","s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::photos","arn:aws:s3:::photos/*"]}`),
			"photos-delete-office": doc(`{"Effect":"Allow","Action":["s3:DeleteObject"],"Resource":["arn:aws:s3:::photos/*"],` +
				`"Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}`),
		},
		Users: map[string]admin.IAMUser{"alice": {SecretKey: "alice-secret-1234", Status: "enabled"}, "bob": {Status: "enabled"},
			"carol": {Status: "disabled"}},
		Groups:        map[string]admin.IAMGroup{"staff": {Status: "enabled", Members: []string{"bob"}}},
		UserMappings:  map[string]admin.IAMMapping{"alice": {Policy: "readwrite"}, "carol": {Policy: "readwrite"}},
		GroupMappings: map[string]admin.IAMMapping{"staff": {Policy: "photos-rw,photos-delete-office"}},
		STSMappings:   map[string]admin.IAMMapping{"uid=ann,dc=example": {Policy: "readonly"}},
		ServiceAccounts: map[string]admin.IAMServiceAccount{
			"svc-backup": {Parent: "alice", SecretKey: "svc-secret-5678", Status: "on",
				SessionPolicy: doc(`{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::*"]}`)},
			"svc-root": {Parent: "rootkey", Status: "on"},
		},
	}
}

func renderReport(t *testing.T, format string, opts access.ReportOptions) string {
	t.Helper()
	r, err := access.New(reportSnapshot(), access.Options{Root: "rootkey"}).Report(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := renderAccessReport(&b, r, format, "fixture"); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "secret-") {
		t.Fatalf("a secret was printed:\n%s", b.String())
	}
	return b.String()
}

func TestAccessReportCSV(t *testing.T) {
	out := renderReport(t, "csv", access.ReportOptions{Buckets: []string{"logs", "photos"}})
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"principal", "kind", "logs", "photos", "admin_api", "note"},
		{"rootkey", "root", "admin", "admin", "all", ""},
		{"alice", "user", "admin", "admin", "", ""},
		{"bob", "user", "none", "write (delete?)", "", ""},
		{"carol", "user", "none", "none", "", "user is disabled (cannot authenticate)"},
		{"svc-backup", "service-account", "read", "read", "", ""},
		{"svc-root", "service-account", "admin", "admin", "all", ""},
		{"uid=ann,dc=example", "ldap", "read", "read", "", ""},
		{"group:staff", "group", "none", "write (delete?)", "", ""},
	}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Fatalf("csv:\n%s", out)
	}
}

func TestAccessReportTable(t *testing.T) {
	out := renderReport(t, "table", access.ReportOptions{Buckets: []string{"photos"}, Principal: "bob"})
	lines := strings.Split(strings.TrimSpace(out), "\n")
	// Header, bob, then the group he gets his access through; the legend last.
	if len(lines) != 7 || !strings.Contains(lines[1], "PHOTOS") || !strings.Contains(lines[3], "bob") ||
		!strings.Contains(lines[3], "write (delete?)") || !strings.Contains(lines[4], "group:staff") ||
		!strings.Contains(lines[4], "group of bob") || !strings.HasPrefix(lines[6], "levels: none < list") {
		t.Fatalf("table:\n%s", out)
	}
}

func TestAccessReportJSON(t *testing.T) {
	out := renderReport(t, "json", access.ReportOptions{Buckets: []string{"photos"}, Principal: "svc-backup"})
	var r struct {
		Source     string
		Buckets    []string
		Principals []access.PrincipalAccess
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Source != "fixture" || len(r.Principals) != 2 || r.Principals[1].Principal != "alice" || r.Principals[1].RelatedTo != "svc-backup" {
		t.Fatalf("json:\n%s", out)
	}
	sa := r.Principals[0]
	cell := sa.Buckets["photos"]
	if sa.Parent != "alice" || !sa.SessionPolicy || cell.Level != "read" || len(cell.Statements) != 2 ||
		cell.Statements[0].Via != "session policy" || cell.Statements[1].Policy != "readwrite" {
		t.Fatalf("svc-backup: %+v", sa)
	}
}

// A state file (as minioscript export writes it) and an IAM export give the same matrix.
func TestAccessReportFromFiles(t *testing.T) {
	dir := t.TempDir()
	state := `policies:
  photos-rw:
    Version: "2012-10-17"
    Statement:
      - {Effect: Allow, Action: ["s3:ListBucket", "s3:GetObject", "s3:PutObject"], Resource: ["arn:aws:s3:::photos", "arn:aws:s3:::photos/*"]}
  photos-delete-office:
    Version: "2012-10-17"
    Statement:
      - {Effect: Allow, Action: ["s3:DeleteObject"], Resource: ["arn:aws:s3:::photos/*"], Condition: {IpAddress: {"aws:SourceIp": "10.0.0.0/8"}}}
users:
  alice: {policies: [readwrite], secret_key: alice-secret-1234}
  bob: {}
  carol: {status: disabled, policies: [readwrite]}
groups:
  staff: {members: [bob], policies: [photos-rw, photos-delete-office]}
service_accounts:
  svc-backup:
    user: alice
    policy: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::*"]}]}
  svc-root: {user: rootkey}
ldap:
  users: {"uid=ann,dc=example": {policies: [readonly]}}
buckets:
  photos: {}
  logs: {}
`
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	zip, err := reportSnapshot().Zip()
	if err != nil {
		t.Fatal(err)
	}
	export, _ := json.Marshal(reportSnapshot())
	want := renderReport(t, "csv", access.ReportOptions{Buckets: []string{"logs", "photos"}})
	for _, file := range []string{write("state.yaml", []byte(state)), write("export.zip", zip), write("export.json", export)} {
		ev, buckets, err := loadAccessFile(context.Background(), file)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if buckets == nil {
			buckets = ev.NamedBuckets() // an export holds no bucket list
			buckets = append([]string{"logs"}, buckets...)
		}
		r, err := access.New(ev.Snapshot(), access.Options{Root: "rootkey"}).Report(context.Background(), access.ReportOptions{Buckets: buckets})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := renderAccessReport(&b, r, "csv", "x"); err != nil {
			t.Fatal(err)
		}
		if b.String() != want {
			t.Errorf("%s:\n%s\nwant:\n%s", filepath.Base(file), b.String(), want)
		}
	}
	if _, _, err := loadAccessFile(context.Background(), write("bad.txt", []byte("x"))); err == nil {
		t.Fatal("an unknown extension should fail")
	}
}
