package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
	"github.com/minioscript/minioscript/access"
	"github.com/minioscript/minioscript/admin/testserver"
)

// accessState: a user with readwrite, a user with access through a group only (write,
// no delete), and a service account of the first narrowed by a session policy to
// reading one bucket.
const accessState = `policies:
  rep-photos-rw:
    Version: "2012-10-17"
    Statement:
      - {Effect: Allow, Action: ["s3:ListBucket", "s3:GetObject", "s3:PutObject"], Resource: ["arn:aws:s3:::rep-photos", "arn:aws:s3:::rep-photos/*"]}
users:
  rep-alice: {secret_key: rep-alice-secret-1, policies: [readwrite]}
  rep-bob: {secret_key: rep-bob-secret-1, policies: []}
groups:
  rep-staff: {members: [rep-bob], policies: [rep-photos-rw]}
service_accounts:
  rep-svc:
    user: rep-alice
    secret_key: rep-svc-secret-1
    policy:
      Version: "2012-10-17"
      Statement:
        - {Effect: Allow, Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::rep-photos", "arn:aws:s3:::rep-photos/*"]}
buckets:
  rep-photos: {}
  rep-logs: {}
`

// TestAccessReportLive: the live report of a real server equals the report of the
// state file it was built from and of its export, and its cells agree with requests really made with each
// principal's own keys.
func TestAccessReportLive(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	env := []string{"MINIO_ENDPOINT=" + srv.URL(), "MINIO_ROOT_USER=" + testserver.RootUser, "MINIO_ROOT_PASSWORD=" + testserver.RootPassword}
	state := filepath.Join(t.TempDir(), "access.yaml")
	if err := os.WriteFile(state, []byte(accessState), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := run(t, env, "", "apply", state, "--yes"); r.code != 0 {
		t.Fatalf("apply: %+v", r)
	}
	report := func(args ...string) map[string]access.PrincipalAccess {
		t.Helper()
		r := run(t, env, "", append([]string{"access-report", "--format", "json"}, args...)...)
		if r.code != 0 {
			t.Fatalf("access-report %v: %+v", args, r)
		}
		for _, secret := range []string{"rep-alice-secret-1", "rep-bob-secret-1", "rep-svc-secret-1", testserver.RootPassword} {
			if strings.Contains(r.stdout+r.stderr, secret) {
				t.Fatalf("a secret was printed:\n%s%s", r.stdout, r.stderr)
			}
		}
		var rep access.Report
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatalf("%v:\n%s", err, r.stdout)
		}
		rows := map[string]access.PrincipalAccess{}
		for _, p := range rep.Principals {
			rows[p.Principal] = p
		}
		return rows
	}
	// What minioscript export writes is what --from reads.
	exported := filepath.Join(t.TempDir(), "exported.yaml")
	if r := run(t, env, "", "export", "-o", exported); r.code != 0 {
		t.Fatalf("export: %+v", r)
	}
	live, offline := report(), report("--from", state, "--root", testserver.RootUser)
	fromExport := report("--from", exported, "--root", testserver.RootUser)
	want := map[string]map[string]string{
		"rep-alice":         {"rep-photos": "admin", "rep-logs": "admin"},
		"rep-bob":           {"rep-photos": "write", "rep-logs": "none"},
		"rep-svc":           {"rep-photos": "read", "rep-logs": "none"},
		"group:rep-staff":   {"rep-photos": "write", "rep-logs": "none"},
		testserver.RootUser: {"rep-photos": "admin", "rep-logs": "admin"},
	}
	for who, cells := range want {
		for bucket, level := range cells {
			if got := live[who].Buckets[bucket].Level; got != level {
				t.Errorf("live: %s on %s: %s, want %s", who, bucket, got, level)
			}
			if who != testserver.RootUser && offline[who].Buckets[bucket].Level != level {
				t.Errorf("--from: %s on %s: %+v, want %s", who, bucket, offline[who].Buckets[bucket], level)
			}
			if who != testserver.RootUser && fromExport[who].Buckets[bucket].Level != level {
				t.Errorf("--from the export: %s on %s: %+v, want %s", who, bucket, fromExport[who].Buckets[bucket], level)
			}
		}
	}
	if live["rep-svc"].Parent != "rep-alice" || !live["rep-svc"].SessionPolicy || !slices.Equal(live["rep-bob"].Groups, []string{"rep-staff"}) {
		t.Errorf("descriptions: %+v %+v", live["rep-svc"], live["rep-bob"])
	}
	if one := report("--user", "rep-bob", "--bucket", "rep-photos"); len(one) != 2 || one["group:rep-staff"].RelatedTo != "rep-bob" {
		t.Errorf("--user rep-bob: %v", one)
	}

	// Each level, checked by requests made with the principal's own keys: each of the
	// four actions is allowed exactly when the level reaches it (these policies grant
	// cumulatively, so the level says it all).
	ctx := context.Background()
	root := s3Client(t, srv, testserver.RootUser, testserver.RootPassword)
	for _, b := range []string{"rep-photos", "rep-logs"} {
		if _, err := root.PutObject(ctx, b, "seed", bytes.NewReader([]byte("x")), 1, minio.PutObjectOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		level string
		do    func(c *minio.Client, bucket string) error
	}{
		{"list", func(c *minio.Client, b string) error {
			for o := range c.ListObjects(ctx, b, minio.ListObjectsOptions{}) {
				return o.Err
			}
			return nil
		}},
		{"read", func(c *minio.Client, b string) error {
			_, err := c.StatObject(ctx, b, "seed", minio.StatObjectOptions{})
			return err
		}},
		{"write", func(c *minio.Client, b string) error {
			_, err := c.PutObject(ctx, b, "probe", bytes.NewReader([]byte("y")), 1, minio.PutObjectOptions{})
			return err
		}},
		{"delete", func(c *minio.Client, b string) error {
			return c.RemoveObject(ctx, b, "probe-gone", minio.RemoveObjectOptions{})
		}},
	}
	decisions := 0
	for who, secret := range map[string]string{"rep-alice": "rep-alice-secret-1", "rep-bob": "rep-bob-secret-1", "rep-svc": "rep-svc-secret-1"} {
		c := s3Client(t, srv, who, secret)
		for _, b := range []string{"rep-photos", "rep-logs"} {
			level := slices.Index(access.Levels, live[who].Buckets[b].Level)
			for _, s := range steps {
				err := s.do(c, b)
				var er minio.ErrorResponse
				denied := errors.As(err, &er) && er.StatusCode == 403
				if err != nil && !denied {
					t.Fatalf("%s %s on %s: %v", who, s.level, b, err)
				}
				if allowed := slices.Index(access.Levels, s.level) <= level; allowed == denied {
					t.Errorf("%s %s on %s: the report says level %s, the server %v", who, s.level, b, live[who].Buckets[b].Level, err)
				}
				decisions++
			}
		}
	}
	t.Logf("%d requests agree with the report", decisions)
}

func s3Client(t *testing.T, srv *testserver.Server, key, secret string) *minio.Client {
	t.Helper()
	c, err := minio.New(srv.Addr, &minio.Options{Creds: credentials.NewStaticV4(key, secret, ""), Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
