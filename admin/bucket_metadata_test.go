package admin_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"testing"
	"time"

	"github.com/minio/minio-go/v7/pkg/lifecycle"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
)

// TestBucketMetadata: the one-call read of every bucket's settings gives what the
// per-setting reads give, bucket by bucket, for each kind of setting and for buckets
// with none, a lock bucket among them; one bucket
// alone through ?bucket=; and a caller without admin:ExportBucketMetadata is refused
// with AccessDenied, which the engine takes as "read setting by setting".
func TestBucketMetadata(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{Env: testserver.StaticKMSEnv("meta-key")})
	c := srv.ClientForTest(t, admin.Options{})
	mk := func(b string) {
		t.Helper()
		must(c.MakeBucket(ctx, b))(t)
	}
	for _, b := range []string{"m-plain", "m-ver", "m-susp", "m-pol", "m-tags", "m-lc", "m-sse", "m-kms", "m-quota", "m-all", "m-cleared"} {
		mk(b)
	}
	if err := c.MakeBucketWithLock(ctx, "m-lock"); err != nil {
		t.Fatal(err)
	}
	ok := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	ok(c.SetBucketVersioning(ctx, "m-ver", "Enabled"))
	ok(c.SetBucketVersioning(ctx, "m-susp", "Enabled"))
	ok(c.SetBucketVersioning(ctx, "m-susp", "Suspended"))
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":["s3:GetObject"],"Resource":["arn:aws:s3:::%s/pub/*"]}]}`
	ok(c.SetBucketPolicy(ctx, "m-pol", fmt.Sprintf(policy, "m-pol")))
	ok(c.SetBucketTags(ctx, "m-tags", map[string]string{"team": "ops", "env": "prod"}))
	lc := lifecycle.NewConfiguration()
	lc.Rules = []lifecycle.Rule{
		{ID: "tmp", Status: "Enabled", RuleFilter: lifecycle.Filter{Prefix: "tmp/"}, Expiration: lifecycle.Expiration{Days: 7}},
		{Status: "Enabled", NoncurrentVersionExpiration: lifecycle.NoncurrentVersionExpiration{NoncurrentDays: 30}},
		{ID: "date", Status: "Disabled", Expiration: lifecycle.Expiration{Date: lifecycle.ExpirationDate{Time: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}}},
	}
	ok(c.SetBucketLifecycle(ctx, "m-lc", lc))
	ok(c.SetBucketEncryption(ctx, "m-sse", ""))
	ok(c.SetBucketEncryption(ctx, "m-kms", "meta-key"))
	must(c.BucketQuotaSet(ctx, "m-quota", 1<<30))(t)
	ok(c.SetBucketVersioning(ctx, "m-all", "Enabled"))
	ok(c.SetBucketPolicy(ctx, "m-all", fmt.Sprintf(policy, "m-all")))
	ok(c.SetBucketTags(ctx, "m-all", map[string]string{"a": "1"}))
	ok(c.SetBucketLifecycle(ctx, "m-all", lc))
	ok(c.SetBucketEncryption(ctx, "m-all", ""))
	must(c.BucketQuotaSet(ctx, "m-all", 5<<20))(t)
	// Settings made and removed again.
	ok(c.SetBucketPolicy(ctx, "m-cleared", fmt.Sprintf(policy, "m-cleared")))
	ok(c.RemoveBucketPolicy(ctx, "m-cleared"))
	ok(c.SetBucketTags(ctx, "m-cleared", map[string]string{"x": "y"}))
	ok(c.RemoveBucketTags(ctx, "m-cleared"))
	ok(c.SetBucketLifecycle(ctx, "m-cleared", lc))
	ok(c.RemoveBucketLifecycle(ctx, "m-cleared"))
	ok(c.SetBucketEncryption(ctx, "m-cleared", ""))
	ok(c.RemoveBucketEncryption(ctx, "m-cleared"))
	must(c.BucketQuotaSet(ctx, "m-cleared", 1<<20))(t)
	must(c.BucketQuotaSet(ctx, "m-cleared", 0))(t)

	all := must(c.ExportBucketMetadata(ctx, ""))(t)
	list := must(c.ListBuckets(ctx))(t)
	if len(list.Value) != 12 {
		t.Fatalf("%d buckets listed", len(list.Value))
	}
	// Every bucket is in the answer, one with no setting too (its notification and
	// targets files): a bucket left out means the answer is not whole.
	if len(all) != len(list.Value) {
		t.Fatalf("export names %d buckets, the listing %d", len(all), len(list.Value))
	}
	for _, b := range list.Value {
		got, ok := all[b.Name]
		if !ok {
			t.Fatalf("bucket %s left out of the export", b.Name)
		}
		compareMetadata(t, c, b.Name, got)
	}
	one := must(c.ExportBucketMetadata(ctx, "m-all"))(t)
	if len(one) != 1 {
		t.Fatalf("?bucket=m-all gives %d buckets", len(one))
	}
	compareMetadata(t, c, "m-all", one["m-all"])

	must(c.UserAdd(ctx, "meta-reader", "meta-reader-secret"))(t)
	must(c.PolicySet(ctx, "readonly", "meta-reader", false))(t)
	reader := srv.ClientForTest(t, admin.Options{Credentials: admin.Credentials{AccessKey: "meta-reader", SecretKey: "meta-reader-secret"}})
	_, err := reader.ExportBucketMetadata(ctx, "")
	if e := (*admin.Error)(nil); !errors.As(err, &e) || e.StatusCode != 403 || e.Code != "AccessDenied" {
		t.Fatalf("export-bucket-metadata without the permission: %v", err)
	}
}

// compareMetadata checks one bucket's exported settings against its per-setting reads.
func compareMetadata(t *testing.T, c *admin.Client, bucket string, got admin.BucketMetadata) {
	t.Helper()
	q := must(c.BucketQuotaGet(ctx, bucket))(t).Value
	if got.Quota.Size != q.Size || got.Quota.Quota != q.Quota {
		t.Errorf("%s quota: export %+v, read %+v", bucket, got.Quota, q)
	}
	if v := must(c.BucketVersioning(ctx, bucket))(t); got.Versioning != v {
		t.Errorf("%s versioning: export %q, read %q", bucket, got.Versioning, v)
	}
	if v := must(c.BucketObjectLock(ctx, bucket))(t); got.ObjectLock != v {
		t.Errorf("%s object lock: export %v, read %v", bucket, got.ObjectLock, v)
	}
	if v := must(c.BucketPolicy(ctx, bucket))(t); !sameJSON(got.Policy, v) {
		t.Errorf("%s policy: export %q, read %q", bucket, got.Policy, v)
	}
	if v := must(c.BucketTags(ctx, bucket))(t); !maps.Equal(got.Tags, v) {
		t.Errorf("%s tags: export %v, read %v", bucket, got.Tags, v)
	}
	if v := must(c.BucketLifecycle(ctx, bucket))(t); !reflect.DeepEqual(got.Lifecycle.Rules, v.Rules) {
		t.Errorf("%s lifecycle: export %+v, read %+v", bucket, got.Lifecycle.Rules, v.Rules)
	}
	v := must(c.BucketEncryption(ctx, bucket))(t)
	switch {
	case (got.Encryption == nil) != (v == nil):
		t.Errorf("%s encryption: export %+v, read %+v", bucket, got.Encryption, v)
	case v != nil && !reflect.DeepEqual(got.Encryption.Rules, v.Rules):
		t.Errorf("%s encryption: export %+v, read %+v", bucket, got.Encryption.Rules, v.Rules)
	}
}

// sameJSON compares two policy documents by meaning ("" is no policy).
func sameJSON(a, b string) bool {
	if a == "" || b == "" {
		return a == b
	}
	var x, y any
	return json.Unmarshal([]byte(a), &x) == nil && json.Unmarshal([]byte(b), &y) == nil && reflect.DeepEqual(x, y)
}
