package jobs

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/minio/minio-go/v7/pkg/lifecycle"
	"github.com/minio/minio-go/v7/pkg/sse"
)

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

// settings builds a server holding bucket b1 with s.
func withBucket(s BucketSettings) *Current {
	return server(func(c *Current) { c.Buckets["b1"] = 0; c.BucketSettings["b1"] = s })
}

func bucket(b BucketState) *State { return &State{Buckets: map[string]BucketState{"b1": b}} }

var anonRead = json.RawMessage(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",
	"Action":["s3:GetObject"],"Resource":"arn:aws:s3:::b1/*"}]}`)

// anonReadServer is anonRead as the server writes it back: principal expanded, arrays
// in another order, keys in its own order.
const anonReadServer = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},` +
	`"Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b1/*"]}]}`

var expire30 = LifecycleRule{ID: "expire-logs", Prefix: "logs/", Expiration: &LifecycleExpiration{Days: 30}}

func bucketDiffCases() []diffCase {
	cp := CanonicalBucketPolicy(anonRead)
	rules := func(r ...LifecycleRule) []LifecycleRule { return r }
	return []diffCase{
		{name: "bucket create with every setting", want: bucket(BucketState{Versioning: "enabled", ObjectLock: yes(), Policy: anonRead,
			Tags: map[string]string{"team": "a"}, Lifecycle: rules(expire30), Encryption: "sse-s3"}), cur: server(nil),
			lines: []string{`+ bucket b1 encryption=sse-s3 lifecycle={"expiration":{"days":30},"id":"expire-logs","prefix":"logs/","status":"enabled"} object_lock=true policy=` +
				cp + ` tags={"team":"a"} versioning=enabled`}},
		{name: "bucket create leaves out what a new bucket has", want: bucket(BucketState{Versioning: "off", ObjectLock: no(), Policy: json.RawMessage(`{}`),
			Tags: map[string]string{}, Lifecycle: []LifecycleRule{}, Encryption: "off"}), cur: server(nil), lines: []string{"+ bucket b1"}},
		{name: "versioning enable", want: bucket(BucketState{Versioning: "Enabled"}), cur: withBucket(BucketSettings{}),
			lines: []string{"~ bucket b1 versioning: off → enabled"}},
		{name: "versioning suspend", want: bucket(BucketState{Versioning: "suspended"}), cur: withBucket(BucketSettings{Versioning: "enabled"}),
			lines: []string{"~ bucket b1 versioning: enabled → suspended"}},
		{name: "versioning unchanged", want: bucket(BucketState{Versioning: "enabled"}), cur: withBucket(BucketSettings{Versioning: "enabled"}), unchanged: 1},
		{name: "versioning off on a never-versioned bucket", want: bucket(BucketState{Versioning: "off"}), cur: withBucket(BucketSettings{}), unchanged: 1},
		{name: "versioning left alone", want: bucket(BucketState{}), cur: withBucket(BucketSettings{Versioning: "suspended"}), unchanged: 1},
		{name: "invalid: versioning back to off", want: bucket(BucketState{Versioning: "off"}), cur: withBucket(BucketSettings{Versioning: "suspended"}),
			err: []string{"bucket b1", `no way back to "off"`}},
		{name: "invalid: versioning value", want: bucket(BucketState{Versioning: "on"}), cur: server(nil),
			err: []string{`versioning: "enabled" or "suspended" expected, got "on"`}},
		{name: "invalid: object lock on an existing bucket", want: bucket(BucketState{ObjectLock: yes()}), cur: withBucket(BucketSettings{}),
			err: []string{"bucket b1", "object lock can only be chosen when a bucket is created"}},
		{name: "invalid: object lock off on a lock bucket", want: bucket(BucketState{ObjectLock: no()}),
			cur: withBucket(BucketSettings{ObjectLock: true, Versioning: "enabled"}), err: []string{"object_lock: true on the server"}},
		{name: "object lock as it is", want: bucket(BucketState{ObjectLock: yes()}), cur: withBucket(BucketSettings{ObjectLock: true}), unchanged: 1},
		{name: "invalid: a lock bucket suspended", want: bucket(BucketState{Versioning: "suspended"}),
			cur: withBucket(BucketSettings{ObjectLock: true, Versioning: "enabled"}), err: []string{"object lock cannot be suspended"}},
		{name: "invalid: a new lock bucket suspended", want: bucket(BucketState{ObjectLock: yes(), Versioning: "suspended"}), cur: server(nil),
			err: []string{"object lock cannot be suspended"}},
		{name: "policy set", want: bucket(BucketState{Policy: anonRead}), cur: withBucket(BucketSettings{}),
			lines: []string{`~ bucket b1 policy: "" → ` + cp}},
		{name: "policy as the server rewrites it is unchanged", want: bucket(BucketState{Policy: anonRead}),
			cur: withBucket(BucketSettings{Policy: CanonicalBucketPolicy([]byte(anonReadServer))}), unchanged: 1},
		{name: "policy removed", want: bucket(BucketState{Policy: json.RawMessage(`{}`)}), cur: withBucket(BucketSettings{Policy: cp}),
			lines: []string{"~ bucket b1 policy: " + cp + ` → ""`}},
		{name: "invalid: policy without a version", want: bucket(BucketState{Policy: json.RawMessage(`{"Statement":[{"Effect":"Allow"}]}`)}),
			cur: server(nil), err: []string{"policy: Version is required"}},
		{name: "tags set", want: bucket(BucketState{Tags: map[string]string{"team": "a", "env": "prod"}}), cur: withBucket(BucketSettings{Tags: map[string]string{"team": "a"}}),
			lines: []string{`~ bucket b1 tags: {"team":"a"} → {"env":"prod","team":"a"}`}},
		{name: "tags none either way", want: bucket(BucketState{Tags: map[string]string{}}), cur: withBucket(BucketSettings{}), unchanged: 1},
		{name: "tags removed", want: bucket(BucketState{Tags: map[string]string{}}), cur: withBucket(BucketSettings{Tags: map[string]string{"a": "1"}}),
			lines: []string{`~ bucket b1 tags: {"a":"1"} → {}`}},
		{name: "invalid: too many tags", want: bucket(BucketState{Tags: func() map[string]string {
			m := map[string]string{}
			for i := range 51 {
				m[strings.Repeat("k", i+1)] = "v"
			}
			return m
		}()}), cur: server(nil), err: []string{"tags: at most 50"}},
		{name: "lifecycle set", want: bucket(BucketState{Lifecycle: rules(expire30)}), cur: withBucket(BucketSettings{}),
			lines: []string{`~ bucket b1 lifecycle: "" → {"expiration":{"days":30},"id":"expire-logs","prefix":"logs/","status":"enabled"}`}},
		{name: "lifecycle unchanged in another order and case", want: bucket(BucketState{Lifecycle: rules(
			LifecycleRule{ID: "z", Status: "Enabled", NoncurrentExpiration: &LifecycleNoncurrentExpiration{Days: 7}}, expire30)}),
			cur: withBucket(BucketSettings{Lifecycle: rules(expire30, LifecycleRule{ID: "z", Status: "enabled",
				NoncurrentExpiration: &LifecycleNoncurrentExpiration{Days: 7}, Transition: &LifecycleTransition{}})}), unchanged: 1},
		{name: "lifecycle rule changed", want: bucket(BucketState{Lifecycle: rules(LifecycleRule{ID: "expire-logs", Prefix: "logs/",
			Expiration: &LifecycleExpiration{Days: 60}})}), cur: withBucket(BucketSettings{Lifecycle: rules(expire30)}),
			lines: []string{`~ bucket b1 lifecycle: {"expiration":{"days":30},"id":"expire-logs","prefix":"logs/","status":"enabled"} → {"expiration":{"days":60},"id":"expire-logs","prefix":"logs/","status":"enabled"}`}},
		{name: "lifecycle removed", want: bucket(BucketState{Lifecycle: []LifecycleRule{}}), cur: withBucket(BucketSettings{Lifecycle: rules(expire30)}),
			lines: []string{`~ bucket b1 lifecycle: {"expiration":{"days":30},"id":"expire-logs","prefix":"logs/","status":"enabled"} → ""`}},
		{name: "invalid: lifecycle rule without id", want: bucket(BucketState{Lifecycle: rules(LifecycleRule{Expiration: &LifecycleExpiration{Days: 1}})}),
			cur: server(nil), err: []string{"lifecycle rule 1: id is required"}},
		{name: "invalid: lifecycle ids repeated", want: bucket(BucketState{Lifecycle: rules(expire30, expire30)}), cur: server(nil),
			err: []string{`lifecycle rule "expire-logs": the id is used twice`}},
		{name: "invalid: lifecycle rule without action", want: bucket(BucketState{Lifecycle: rules(LifecycleRule{ID: "r"})}), cur: server(nil),
			err: []string{`lifecycle rule "r": no action`}},
		{name: "invalid: lifecycle date", want: bucket(BucketState{Lifecycle: rules(LifecycleRule{ID: "r", Expiration: &LifecycleExpiration{Date: "2027-01-01T00:00:00Z"}})}),
			cur: server(nil), err: []string{"expiration date: YYYY-MM-DD expected"}},
		{name: "invalid: transition without tier", want: bucket(BucketState{Lifecycle: rules(LifecycleRule{ID: "r", Transition: &LifecycleTransition{Days: 3}})}),
			cur: server(nil), err: []string{"transition needs a tier"}},
		{name: "encryption sse-s3", want: bucket(BucketState{Encryption: "SSE-S3"}), cur: withBucket(BucketSettings{}),
			lines: []string{"~ bucket b1 encryption: off → sse-s3"}},
		{name: "encryption key compared without the arn prefix", want: bucket(BucketState{Encryption: "sse-kms:arn:aws:kms:k1"}),
			cur: withBucket(BucketSettings{Encryption: "sse-kms:k1"}), unchanged: 1},
		{name: "encryption key changed", want: bucket(BucketState{Encryption: "sse-kms:k2"}), cur: withBucket(BucketSettings{Encryption: "sse-kms:k1"}),
			lines: []string{"~ bucket b1 encryption: sse-kms:k1 → sse-kms:k2"}},
		{name: "encryption removed", want: bucket(BucketState{Encryption: "none"}), cur: withBucket(BucketSettings{Encryption: "sse-s3"}),
			lines: []string{"~ bucket b1 encryption: sse-s3 → off"}},
		{name: "invalid: encryption value", want: bucket(BucketState{Encryption: "aes"}), cur: server(nil),
			err: []string{`encryption: "sse-s3", "sse-kms:KEY" or "off" expected, got "aes"`}},
		{name: "quota and settings in one change", want: bucket(BucketState{Quota: quota(2048), Versioning: "enabled"}),
			cur: withBucket(BucketSettings{}), lines: []string{"~ bucket b1 quota: 0 → 2048, versioning: off → enabled"}},
	}
}

// Lifecycle rules survive minio-go's configuration both ways, and the server's filter
// spellings of "every object" read the same.
func TestLifecycleRoundTrip(t *testing.T) {
	in := []LifecycleRule{
		expire30,
		{ID: "all", Expiration: &LifecycleExpiration{Date: "2030-01-01"}},
		{ID: "tagged", Tags: map[string]string{"k": "v"}, NoncurrentExpiration: &LifecycleNoncurrentExpiration{Days: 7, NewerVersions: 2}},
		{ID: "both", Prefix: "p/", Tags: map[string]string{"a": "1", "b": "2"}, SizeGreaterThan: 10, Status: "disabled",
			Transition: &LifecycleTransition{Days: 30, Tier: "WARM"}, NoncurrentTransition: &LifecycleNoncurrentTransition{Days: 5, Tier: "WARM"}},
		{ID: "markers", Expiration: &LifecycleExpiration{DeleteMarker: true}},
	}
	got := fromLifecycle(toLifecycle(in))
	if a, b := ruleValues(got), ruleValues(normRules(in)); !jsonEqual(a, b) {
		t.Fatalf("round trip:\n%v\nwant\n%v", a, b)
	}
	legacy := &lifecycle.Configuration{Rules: []lifecycle.Rule{
		{ID: "a", Status: "Enabled", Prefix: "", Expiration: lifecycle.Expiration{Days: 1}},
		{ID: "b", Status: "Enabled", RuleFilter: lifecycle.Filter{}, Expiration: lifecycle.Expiration{Days: 1}},
	}}
	for _, r := range fromLifecycle(legacy) {
		if r.Prefix != "" || r.Tags != nil || r.Expiration == nil || r.Expiration.Date != "" {
			t.Fatalf("every-object rule read as %+v", r)
		}
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func TestFromEncryption(t *testing.T) {
	for _, tc := range []struct {
		cfg  *sse.Configuration
		want string
	}{
		{nil, "off"},
		{sse.NewConfigurationSSES3(), "sse-s3"},
		{sse.NewConfigurationSSEKMS("arn:aws:kms:k1"), "sse-kms:k1"},
		{sse.NewConfigurationSSEKMS("k2"), "sse-kms:k2"},
	} {
		if got := fromEncryption(tc.cfg); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.cfg, got, tc.want)
		}
	}
}

// modelSettings applies a bucket change's settings as the server would.
func modelSettings(s BucketSettings, w BucketState, after map[string]any, create bool) BucketSettings {
	ws := wantSettings(w)
	for f := range after {
		switch f {
		case "versioning":
			s.Versioning = ws.Versioning
		case "object_lock":
			s.ObjectLock = ws.ObjectLock
			if create && ws.ObjectLock {
				s.Versioning = VersioningEnabled
			}
		case "encryption":
			s.Encryption = ws.Encryption
		case "policy":
			s.Policy = ws.Policy
		case "tags":
			s.Tags = ws.Tags
		case "lifecycle":
			s.Lifecycle = ws.Lifecycle
		}
	}
	return s
}

func (g gen) settings() BucketSettings {
	s := BucketSettings{Versioning: []string{"", "enabled", "suspended"}[g.r.IntN(3)], Encryption: []string{"", "sse-s3", "sse-kms:k1"}[g.r.IntN(3)]}
	if g.chance(5) {
		s.ObjectLock, s.Versioning = true, VersioningEnabled
	}
	if g.chance(2) {
		s.Policy = CanonicalBucketPolicy(anonRead)
	}
	if g.chance(2) {
		s.Tags = map[string]string{"team": []string{"a", "b"}[g.r.IntN(2)]}
	}
	if g.chance(2) {
		s.Lifecycle = []LifecycleRule{expire30}
	}
	return s
}

func (g gen) bucketState(b *BucketState) {
	if g.chance(2) {
		b.Versioning = []string{"enabled", "suspended", "off"}[g.r.IntN(3)]
	}
	if g.chance(4) {
		b.ObjectLock = []*bool{yes(), no()}[g.r.IntN(2)]
	}
	if g.chance(2) {
		b.Encryption = []string{"off", "sse-s3", "sse-kms:k1", "sse-kms:k2"}[g.r.IntN(4)]
	}
	if g.chance(2) {
		b.Policy = []json.RawMessage{anonRead, json.RawMessage(`{}`)}[g.r.IntN(2)]
	}
	if g.chance(2) {
		b.Tags = []map[string]string{{}, {"team": "a"}, {"team": "b", "env": "x"}}[g.r.IntN(3)]
	}
	if g.chance(2) {
		b.Lifecycle = [][]LifecycleRule{{}, {expire30}, {expire30, {ID: "nc", NoncurrentExpiration: &LifecycleNoncurrentExpiration{Days: 3}}}}[g.r.IntN(3)]
	}
}

// JSON and YAML state files carry the same bucket settings; a policy may be JSON text.
func TestDecodeBucketSettings(t *testing.T) {
	y := `
buckets:
  logs:
    versioning: enabled
    object_lock: true
    encryption: sse-kms:k1
    tags: {team: a}
    policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::logs/*"}]}'
    lifecycle:
      - {id: expire, prefix: tmp/, expiration: {days: 30}, noncurrent_expiration: {days: 7, newer_versions: 1}}
  bare: {tags: {}, lifecycle: [], policy: ""}
`
	st, err := DecodeStateYAML([]byte(y), ".")
	if err != nil {
		t.Fatal(err)
	}
	b := st.Buckets["logs"]
	if b.Versioning != "enabled" || !*b.ObjectLock || b.Encryption != "sse-kms:k1" || b.Tags["team"] != "a" ||
		b.Lifecycle[0].NoncurrentExpiration.NewerVersions != 1 || CanonicalBucketPolicy(b.Policy) == "" {
		t.Fatalf("logs: %+v", b)
	}
	bare := st.Buckets["bare"]
	if bare.Tags == nil || bare.Lifecycle == nil || bare.Policy == nil || CanonicalBucketPolicy(bare.Policy) != "" {
		t.Fatalf("bare: %+v", bare)
	}
	if _, err := DecodeStateJSON([]byte(`{"buckets":{"b":{"lifecycle":[{"id":"x","expiration":{"dayz":1}}]}}}`), "."); err == nil ||
		!strings.Contains(err.Error(), "buckets.b") || !strings.Contains(err.Error(), "dayz") {
		t.Fatalf("unknown rule field: %v", err)
	}
}
