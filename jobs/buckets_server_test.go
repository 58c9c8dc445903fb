package jobs_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
	"github.com/minioscript/minioscript/jobs"
)

// Bucket settings against a real server with KES: every setting is written through
// minio-go and the request path, read back in the server's own forms (policy arrays
// reordered, rule filters rewritten, key ARNs kept) and compared without drift.

func applyClean(t *testing.T, e *jobs.Engine, want *jobs.State, opts jobs.ApplyOptions) *jobs.Report {
	t.Helper()
	rep, err := e.Apply(ctx, want, opts)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed > 0 {
		t.Fatalf("apply failed:\n%s", rep)
	}
	return rep
}

func planLines(t *testing.T, e *jobs.Engine, want *jobs.State) []string {
	t.Helper()
	p, _, err := e.Plan(ctx, want, jobs.ApplyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, ch := range p.Changes {
		lines = append(lines, ch.Line())
	}
	return lines
}

func boolp(b bool) *bool { return &b }

func TestBucketSettings(t *testing.T) {
	kes := testserver.KESForTest(t)
	srv := testserver.ForTest(t, testserver.Config{Env: kes.MinIOEnv()})
	c := srv.ClientForTest(t, admin.Options{})
	e := &jobs.Engine{Client: c}
	anon := json.RawMessage(`{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Principal":"*","Action":["s3:ListBucket","s3:GetBucketLocation"],"Resource":"arn:aws:s3:::bs-all"},
		{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":["arn:aws:s3:::bs-all/*"]}]}`)
	rules := []jobs.LifecycleRule{
		{ID: "expire-logs", Prefix: "logs/", Expiration: &jobs.LifecycleExpiration{Days: 30}},
		{ID: "all-at-a-date", Expiration: &jobs.LifecycleExpiration{Date: "2030-01-01"}},
		{ID: "old-versions", Tags: map[string]string{"tier": "cold"}, Prefix: "data/",
			NoncurrentExpiration: &jobs.LifecycleNoncurrentExpiration{Days: 7, NewerVersions: 2}},
		{ID: "markers", Status: "disabled", Expiration: &jobs.LifecycleExpiration{DeleteMarker: true}},
	}
	q := uint64(1 << 30)
	want := &jobs.State{Buckets: map[string]jobs.BucketState{
		"bs-all": {Quota: &q, Versioning: "enabled", Policy: anon, Tags: map[string]string{"team": "a", "env": "prod"},
			Lifecycle: rules, Encryption: "sse-s3"},
		"bs-locked": {ObjectLock: boolp(true), Versioning: "enabled"},
		"bs-kms":    {Encryption: "sse-kms:arn:aws:kms:" + testserver.KESDefaultKey},
	}}
	rep := applyClean(t, e, want, jobs.ApplyOptions{})
	if rep.Created != 3 {
		t.Fatalf("first apply:\n%s", rep)
	}
	// The server's own reads.
	if v := must(c.BucketVersioning(ctx, "bs-all"))(t); v != "Enabled" {
		t.Fatalf("versioning %q", v)
	}
	if !must(c.BucketObjectLock(ctx, "bs-locked"))(t) || must(c.BucketObjectLock(ctx, "bs-all"))(t) {
		t.Fatal("object lock not as created")
	}
	if tags := must(c.BucketTags(ctx, "bs-all"))(t); tags["team"] != "a" || len(tags) != 2 {
		t.Fatalf("tags %v", tags)
	}
	if lc := must(c.BucketLifecycle(ctx, "bs-all"))(t); len(lc.Rules) != 4 {
		t.Fatalf("lifecycle %+v", lc)
	}
	if enc := must(c.BucketEncryption(ctx, "bs-kms"))(t); enc == nil || !strings.Contains(enc.Rules[0].Apply.KmsMasterKeyID, testserver.KESDefaultKey) {
		t.Fatalf("encryption %+v", enc)
	}
	if doc := must(c.BucketPolicy(ctx, "bs-all"))(t); !strings.Contains(doc, `"AWS":["*"]`) {
		t.Fatalf("policy %s", doc)
	}
	// Read back in the server's forms, nothing is left to do, several times over (the
	// server writes policy arrays in map order on every read).
	for range 3 {
		if lines := planLines(t, e, want); len(lines) > 0 {
			t.Fatalf("drift after apply:\n%s", strings.Join(lines, "\n"))
		}
	}

	// A caller the one-call read is refused to (no admin:ExportBucketMetadata) reads
	// setting by setting, to the same result; root used the one call.
	must(c.PolicyAdd(ctx, "bucket-reader", []byte(`{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":["s3:*"],"Resource":["arn:aws:s3:::*"]},
		{"Effect":"Allow","Action":["admin:GetBucketQuota"]}]}`)))(t)
	must(c.UserAdd(ctx, "bucket-reader", "bucket-reader-secret"))(t)
	must(c.PolicySet(ctx, "bucket-reader", "bucket-reader", false))(t)
	calls := &opCounter{}
	reader := srv.ClientForTest(t, admin.Options{Credentials: admin.Credentials{AccessKey: "bucket-reader", SecretKey: "bucket-reader-secret"},
		Middleware: []admin.Middleware{calls.Middleware}})
	if lines := planLines(t, &jobs.Engine{Client: reader}, want); len(lines) > 0 {
		t.Fatalf("drift read setting by setting:\n%s", strings.Join(lines, "\n"))
	}
	if calls.n("export_bucket_metadata") == 0 || calls.n("bucket_quota_get") != 3 || calls.n("bucket_lifecycle") != 1 {
		t.Fatalf("calls of the reader: %v", calls.ops)
	}

	// Changes, and settings left out stay as they are.
	change := &jobs.State{Buckets: map[string]jobs.BucketState{
		"bs-all": {Versioning: "suspended", Policy: json.RawMessage(`{}`), Tags: map[string]string{"team": "b"},
			Lifecycle: []jobs.LifecycleRule{}, Encryption: "off"},
		"bs-kms": {Tags: map[string]string{}},
	}}
	lines := planLines(t, e, change)
	wantLines := []string{"~ bucket bs-all encryption: sse-s3 → off, lifecycle:", "policy:", `tags: {"env":"prod","team":"a"} → {"team":"b"}`,
		"versioning: enabled → suspended"}
	if len(lines) != 1 || !containsAll(lines[0], wantLines...) {
		t.Fatalf("plan of the change:\n%s", strings.Join(lines, "\n"))
	}
	rep = applyClean(t, e, change, jobs.ApplyOptions{})
	if rep.Updated != 1 || rep.Unchanged != 1 {
		t.Fatalf("change:\n%s", rep)
	}
	if lines := planLines(t, e, change); len(lines) > 0 {
		t.Fatalf("drift after the change:\n%s", strings.Join(lines, "\n"))
	}
	if q := must(c.BucketQuotaGet(ctx, "bs-all"))(t); q.Value.Quota != 1<<30 && q.Value.Size != 1<<30 {
		t.Fatalf("quota not left alone: %s", q.Raw)
	}
	if must(c.BucketPolicy(ctx, "bs-all"))(t) != "" || len(must(c.BucketLifecycle(ctx, "bs-all"))(t).Rules) != 0 ||
		must(c.BucketEncryption(ctx, "bs-all"))(t) != nil {
		t.Fatal("removed settings still there")
	}

	// What cannot be done is refused before anything is written.
	for _, bad := range []struct {
		state jobs.BucketState
		msg   string
	}{
		{jobs.BucketState{ObjectLock: boolp(true)}, "object lock can only be chosen when a bucket is created"},
		{jobs.BucketState{Versioning: "off"}, `no way back to "off"`},
	} {
		_, _, err := e.Plan(ctx, &jobs.State{Buckets: map[string]jobs.BucketState{"bs-all": bad.state}}, jobs.ApplyOptions{})
		if err == nil || !strings.Contains(err.Error(), bad.msg) {
			t.Fatalf("%+v: %v", bad.state, err)
		}
	}
	_, _, err := e.Plan(ctx, &jobs.State{Buckets: map[string]jobs.BucketState{"bs-locked": {Versioning: "suspended"}}}, jobs.ApplyOptions{})
	if err == nil || !strings.Contains(err.Error(), "object lock cannot be suspended") {
		t.Fatalf("suspending a lock bucket: %v", err)
	}

	// A dry run reports the change and writes nothing.
	dry := &jobs.Engine{Client: srv.ClientForTest(t, admin.Options{DryRun: true})}
	back := &jobs.State{Buckets: map[string]jobs.BucketState{"bs-all": {Lifecycle: rules, Encryption: "sse-s3", Policy: anon}}}
	rep = applyClean(t, dry, back, jobs.ApplyOptions{})
	if rep.Updated != 1 || !rep.DryRun {
		t.Fatalf("dry run:\n%s", rep)
	}
	var ops []string
	for _, w := range dry.Client.DryRunWrites() {
		ops = append(ops, w.Op)
	}
	if strings.Join(ops, ",") != "bucket_encryption_set,bucket_policy_set,bucket_lifecycle_set" {
		t.Fatalf("held-back writes %v", ops)
	}
	if lines := planLines(t, e, back); len(lines) != 1 {
		t.Fatalf("the dry run wrote: %v", lines)
	}
	// ensure_bucket takes the same settings.
	r, err := e.EnsureBucket(ctx, "bs-all", jobs.BucketState{Tags: map[string]string{"team": "c"}})
	if err != nil || r.Status != jobs.Updated {
		t.Fatalf("ensure_bucket: %+v %v", r, err)
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// KMS keys with KES: a key the state names is created before the bucket that encrypts
// with it, and never deleted.
func TestKMSKeys(t *testing.T) {
	kes := testserver.KESForTest(t)
	c := testserver.ForTest(t, testserver.Config{Env: kes.MinIOEnv()}).ClientForTest(t, admin.Options{})
	e := &jobs.Engine{Client: c}
	want := &jobs.State{KMSKeys: []string{"state-key-1", testserver.KESDefaultKey},
		Buckets: map[string]jobs.BucketState{"kms-keyed": {Encryption: "sse-kms:state-key-1"}}}
	lines := planLines(t, e, want)
	if strings.Join(lines, "\n") != "+ kms_key state-key-1\n+ bucket kms-keyed encryption=sse-kms:state-key-1" {
		t.Fatalf("plan:\n%s", strings.Join(lines, "\n"))
	}
	rep := applyClean(t, e, want, jobs.ApplyOptions{})
	if rep.Created != 2 || rep.Unchanged != 1 {
		t.Fatalf("apply:\n%s", rep)
	}
	if st := must(c.KMSKeyStatus(ctx, "state-key-1"))(t); st.Value.EncryptionErr != "" {
		t.Fatalf("key: %s", st.Raw)
	}
	if lines := planLines(t, e, want); len(lines) > 0 {
		t.Fatalf("drift:\n%s", strings.Join(lines, "\n"))
	}
	p, _, err := e.Plan(ctx, &jobs.State{KMSKeys: []string{}}, jobs.ApplyOptions{Prune: true})
	if err != nil || !p.Empty() {
		t.Fatalf("prune of keys: %v %v", p, err)
	}
}

// opCounter counts a client's calls by operation (its Middleware).
type opCounter struct {
	mu  sync.Mutex
	ops map[string]int
}

func (o *opCounter) Middleware(next admin.Handler) admin.Handler {
	return func(ctx context.Context, call *admin.Call) (*admin.Response, error) {
		o.mu.Lock()
		if o.ops == nil {
			o.ops = map[string]int{}
		}
		o.ops[call.Op]++
		o.mu.Unlock()
		return next(ctx, call)
	}
}

func (o *opCounter) n(op string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.ops[op]
}

func (o *opCounter) reset() {
	o.mu.Lock()
	defer o.mu.Unlock()
	clear(o.ops)
}
