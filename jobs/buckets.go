package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/minio/minio-go/v7/pkg/lifecycle"
	"github.com/minio/minio-go/v7/pkg/sse"

	"github.com/minioscript/minioscript/admin"
)

// Bucket settings besides the quota: versioning, object lock, the anonymous policy,
// tags, lifecycle rules and default encryption. Each is compared in a normal form, the
// way the server keeps it (state-sections.md §2): policies by meaning, tags as a map,
// lifecycle rules by ID with the filter spellings and zero dates folded.

// Wanted values of BucketState.Versioning and BucketState.Encryption.
const (
	VersioningOff       = "off" // never enabled: only a bucket that never had versioning
	VersioningEnabled   = "enabled"
	VersioningSuspended = "suspended"
	EncryptionOff       = "off"
	EncryptionSSES3     = "sse-s3"
	encryptionKMSPrefix = "sse-kms:" // "sse-kms:KEY"
)

// LifecycleRule is one lifecycle rule. ID is required: the server makes up a random one
// for a rule without, which no later plan could match.
type LifecycleRule struct {
	ID     string `json:"id"`
	Status string `json:"status,omitempty"` // "enabled" (default) or "disabled"
	// The filter: objects under Prefix carrying every tag in Tags, of a size in range.
	Prefix          string            `json:"prefix,omitempty"`
	Tags            map[string]string `json:"tags,omitempty"`
	SizeGreaterThan int64             `json:"size_greater_than,omitempty"`
	SizeLessThan    int64             `json:"size_less_than,omitempty"`

	Expiration           *LifecycleExpiration           `json:"expiration,omitempty"`
	NoncurrentExpiration *LifecycleNoncurrentExpiration `json:"noncurrent_expiration,omitempty"`
	Transition           *LifecycleTransition           `json:"transition,omitempty"`
	NoncurrentTransition *LifecycleNoncurrentTransition `json:"noncurrent_transition,omitempty"`
}

// LifecycleExpiration expires current versions after Days or on Date (YYYY-MM-DD,
// midnight UTC), or removes delete markers left without versions.
type LifecycleExpiration struct {
	Days         int    `json:"days,omitempty"`
	Date         string `json:"date,omitempty"`
	DeleteMarker bool   `json:"expired_object_delete_marker,omitempty" lua:"expired_object_delete_marker"`
}

// LifecycleNoncurrentExpiration expires noncurrent versions Days after they became
// noncurrent, keeping the NewerVersions newest.
type LifecycleNoncurrentExpiration struct {
	Days          int `json:"days,omitempty"`
	NewerVersions int `json:"newer_versions,omitempty"`
}

// LifecycleTransition moves current versions to a tier (configured on the server)
// after Days or on Date.
type LifecycleTransition struct {
	Days int    `json:"days,omitempty"`
	Date string `json:"date,omitempty"`
	Tier string `json:"tier"`
}

// LifecycleNoncurrentTransition moves noncurrent versions to a tier.
type LifecycleNoncurrentTransition struct {
	Days int    `json:"days,omitempty"`
	Tier string `json:"tier"`
}

// BucketSettings is what the server holds for a bucket's settings, in normal form; Read
// fills only the settings the state names for the bucket (the rest stay zero, which
// Diff does not look at).
type BucketSettings struct {
	Versioning string            `json:"versioning,omitempty"` // off, enabled, suspended
	ObjectLock bool              `json:"object_lock,omitempty"`
	Policy     string            `json:"policy,omitempty"` // canonical; "" none
	Tags       map[string]string `json:"tags,omitempty"`
	Lifecycle  []LifecycleRule   `json:"lifecycle,omitempty"`
	Encryption string            `json:"encryption,omitempty"` // off, sse-s3, sse-kms:KEY
}

// bucketFields are the settings a bucket state names (quota aside), in the order the
// executor writes them: versioning before rules that act on noncurrent versions.
func bucketFields(w BucketState) []string {
	var out []string
	if w.Versioning != "" {
		out = append(out, "versioning")
	}
	if w.ObjectLock != nil {
		out = append(out, "object_lock")
	}
	if w.Encryption != "" {
		out = append(out, "encryption")
	}
	if w.Policy != nil {
		out = append(out, "policy")
	}
	if w.Tags != nil {
		out = append(out, "tags")
	}
	if w.Lifecycle != nil {
		out = append(out, "lifecycle")
	}
	return out
}

// allBucketFields is every setting, for an export.
var allBucketFields = []string{"versioning", "object_lock", "encryption", "policy", "tags", "lifecycle"}

// wantSettings is the wanted state in normal form, for the fields named.
func wantSettings(w BucketState) BucketSettings {
	s := BucketSettings{Versioning: strings.ToLower(w.Versioning), Tags: w.Tags, Encryption: normEncryption(w.Encryption)}
	if w.ObjectLock != nil {
		s.ObjectLock = *w.ObjectLock
	}
	if w.Policy != nil {
		s.Policy = CanonicalBucketPolicy(w.Policy)
	}
	if w.Tags != nil && len(w.Tags) == 0 {
		s.Tags = map[string]string{}
	}
	if w.Lifecycle != nil {
		s.Lifecycle = normRules(w.Lifecycle)
	}
	return s
}

// normEncryption writes an encryption setting in normal form: "off" for none (and "",
// "none"), the key without the arn:aws:kms: prefix the server keeps but ignores.
func normEncryption(e string) string {
	switch strings.ToLower(strings.TrimSpace(e)) {
	case "":
		return ""
	case "off", "none":
		return EncryptionOff
	case EncryptionSSES3, "aes256":
		return EncryptionSSES3
	}
	if key, ok := strings.CutPrefix(e, encryptionKMSPrefix); ok {
		return encryptionKMSPrefix + strings.TrimPrefix(key, "arn:aws:kms:")
	}
	return e // refused by validate
}

// CanonicalBucketPolicy renders an anonymous bucket policy so that documents meaning the
// same compare equal (admin.CanonicalPolicy, with the principal forms the server
// rewrites — "*" into {"AWS":["*"]} — folded, and the statements sorted); a document
// without statements (`{}`, "") is "", no policy.
func CanonicalBucketPolicy(doc []byte) string {
	var probe struct{ Statement json.RawMessage }
	if s := strings.TrimSpace(string(doc)); s == "" || s == `""` || s == "null" {
		return ""
	}
	if json.Unmarshal(doc, &probe) == nil && emptyStatements(probe.Statement) {
		return ""
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(admin.CanonicalPolicy(doc)), &v); err != nil {
		return admin.CanonicalPolicy(doc)
	}
	list, _ := v["Statement"].([]any)
	texts := make([]string, 0, len(list))
	for _, st := range list {
		if m, ok := st.(map[string]any); ok {
			for _, k := range []string{"Principal", "NotPrincipal"} {
				if p, ok := m[k]; ok {
					m[k] = canonicalPrincipal(p)
				}
			}
		}
		b, _ := json.Marshal(st)
		texts = append(texts, string(b))
	}
	sort.Strings(texts)
	stmts := make([]json.RawMessage, len(texts))
	for i, t := range texts {
		stmts[i] = json.RawMessage(t)
	}
	v["Statement"] = stmts
	b, _ := json.Marshal(v)
	return string(b)
}

func emptyStatements(s json.RawMessage) bool {
	t := strings.TrimSpace(string(s))
	return t == "" || t == "[]" || t == "null" || t == "{}"
}

// canonicalPrincipal writes "*" as {"AWS":["*"]} and every value as a sorted list.
func canonicalPrincipal(p any) any {
	if s, ok := p.(string); ok {
		return map[string]any{"AWS": []any{s}}
	}
	m, ok := p.(map[string]any)
	if !ok {
		return p
	}
	for k, v := range m {
		list, isList := v.([]any)
		if !isList {
			list = []any{v}
		}
		strs := make([]string, 0, len(list))
		for _, e := range list {
			strs = append(strs, fmt.Sprint(e))
		}
		slices.Sort(strs)
		out := make([]any, 0, len(strs))
		for _, s := range slices.Compact(strs) {
			out = append(out, s)
		}
		m[k] = out
	}
	return m
}

// normRules sorts rules by ID and folds what means the same: status case, empty tag
// maps, actions without a value.
func normRules(in []LifecycleRule) []LifecycleRule {
	out := make([]LifecycleRule, 0, len(in))
	for _, r := range in {
		r.Status = strings.ToLower(r.Status)
		if r.Status == "" {
			r.Status = statusEnabled
		}
		if len(r.Tags) == 0 {
			r.Tags = nil
		}
		if e := r.Expiration; e != nil && *e == (LifecycleExpiration{}) {
			r.Expiration = nil
		}
		if e := r.NoncurrentExpiration; e != nil && *e == (LifecycleNoncurrentExpiration{}) {
			r.NoncurrentExpiration = nil
		}
		if t := r.Transition; t != nil && *t == (LifecycleTransition{}) {
			r.Transition = nil
		}
		if t := r.NoncurrentTransition; t != nil && *t == (LifecycleNoncurrentTransition{}) {
			r.NoncurrentTransition = nil
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// ruleValues is the plan's form of a rule list: plain values, as JSON would decode them.
func ruleValues(rules []LifecycleRule) []any {
	b, _ := json.Marshal(rules)
	var out []any
	_ = json.Unmarshal(b, &out)
	if out == nil {
		out = []any{}
	}
	return out
}

// settingValue is the plan's form of one setting.
func settingValue(s BucketSettings, field string) any {
	switch field {
	case "versioning":
		return s.Versioning
	case "object_lock":
		return s.ObjectLock
	case "encryption":
		return s.Encryption
	case "policy":
		return s.Policy
	case "tags":
		out := map[string]any{}
		for k, v := range s.Tags {
			out[k] = v
		}
		return out
	case "lifecycle":
		return ruleValues(s.Lifecycle)
	}
	return nil
}

// settingDiffers tells whether the current setting differs from the wanted one.
func settingDiffers(cur, want BucketSettings, field string) bool {
	switch field {
	case "versioning":
		return curVersioning(cur) != want.Versioning
	case "object_lock":
		return cur.ObjectLock != want.ObjectLock
	case "encryption":
		return curEncryption(cur) != want.Encryption
	case "policy":
		return cur.Policy != want.Policy
	case "tags":
		return !maps.Equal(cur.Tags, want.Tags)
	case "lifecycle":
		return !reflect.DeepEqual(normRules(cur.Lifecycle), want.Lifecycle)
	}
	return false
}

func curVersioning(s BucketSettings) string {
	if s.Versioning == "" {
		return VersioningOff
	}
	return s.Versioning
}

func curEncryption(s BucketSettings) string {
	if s.Encryption == "" {
		return EncryptionOff
	}
	return s.Encryption
}

// createSettings is what a new bucket's create change shows: the settings that are not
// what a new bucket has anyway.
func createSettings(after map[string]any, w BucketState) {
	s := wantSettings(w)
	for _, f := range bucketFields(w) {
		var none bool
		switch f {
		case "versioning":
			none = s.Versioning == VersioningOff
		case "object_lock":
			none = !s.ObjectLock
		case "encryption":
			none = s.Encryption == EncryptionOff
		case "policy":
			none = s.Policy == ""
		case "tags":
			none = len(s.Tags) == 0
		case "lifecycle":
			none = len(s.Lifecycle) == 0
		}
		if !none {
			after[f] = settingValue(s, f)
		}
	}
}

// updateSettings adds the settings that change to before and after.
func updateSettings(before, after map[string]any, w BucketState, cur BucketSettings) {
	s := wantSettings(w)
	cur.Versioning, cur.Encryption = curVersioning(cur), curEncryption(cur)
	cur.Lifecycle = normRules(cur.Lifecycle)
	if cur.Tags == nil {
		cur.Tags = map[string]string{}
	}
	for _, f := range bucketFields(w) {
		if f != "object_lock" && settingDiffers(cur, s, f) { // object lock cannot change (validateBuckets)
			before[f], after[f] = settingValue(cur, f), settingValue(s, f)
		}
	}
}

// validateBuckets refuses settings the server would refuse, or could not undo, before
// anything is written.
func validateBuckets(bad func(arg, reason string), want *State, cur *Current) {
	for _, b := range slices.Sorted(maps.Keys(want.Buckets)) {
		w := want.Buckets[b]
		arg := "bucket " + b
		s := wantSettings(w)
		switch s.Versioning {
		case "", VersioningOff, VersioningEnabled, VersioningSuspended:
		default:
			bad(arg, fmt.Sprintf(`versioning: "enabled" or "suspended" expected, got %q`, w.Versioning))
		}
		switch e := s.Encryption; {
		case e == "", e == EncryptionOff, e == EncryptionSSES3:
		case strings.HasPrefix(e, encryptionKMSPrefix) && len(e) > len(encryptionKMSPrefix):
		default:
			bad(arg, fmt.Sprintf(`encryption: "sse-s3", "sse-kms:KEY" or "off" expected, got %q`, w.Encryption))
		}
		if w.Policy != nil && s.Policy != "" {
			var v struct{ Version string }
			if err := json.Unmarshal(w.Policy, &v); err != nil {
				bad(arg, "policy: not a JSON object: "+err.Error())
			} else if v.Version == "" {
				bad(arg, "policy: Version is required")
			}
		}
		if len(w.Tags) > 50 {
			bad(arg, fmt.Sprintf("tags: at most 50, got %d", len(w.Tags)))
		}
		for _, k := range slices.Sorted(maps.Keys(w.Tags)) {
			if len(k) == 0 || len(k) > 128 || len(w.Tags[k]) > 256 {
				bad(arg, fmt.Sprintf("tag %q: keys need 1 to 128 characters, values at most 256", k))
			}
		}
		validateRules(func(reason string) { bad(arg, reason) }, w.Lifecycle)
		locked := w.ObjectLock != nil && *w.ObjectLock
		_, exists := cur.Buckets[b]
		if exists {
			c := cur.BucketSettings[b]
			locked = c.ObjectLock
			if w.ObjectLock != nil && *w.ObjectLock != c.ObjectLock {
				bad(arg, fmt.Sprintf("object_lock: %v on the server; object lock can only be chosen when a bucket is created", c.ObjectLock))
			}
			if v := curVersioning(c); w.Versioning != "" && s.Versioning == VersioningOff && v != VersioningOff {
				bad(arg, "versioning: "+v+` on the server; there is no way back to "off" (never enabled): want "suspended"`)
			}
		}
		if locked && s.Versioning == VersioningSuspended {
			bad(arg, "versioning: a bucket with object lock cannot be suspended")
		}
		if locked && s.Versioning == VersioningOff && !exists {
			bad(arg, `versioning: object lock enables versioning; want "enabled"`)
		}
	}
}

func validateRules(bad func(reason string), rules []LifecycleRule) {
	seen := map[string]bool{}
	date := func(id, what, d string) {
		if d == "" {
			return
		}
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			bad(fmt.Sprintf("lifecycle rule %q: %s date: YYYY-MM-DD expected, got %q", id, what, d))
		}
	}
	for i, r := range rules {
		id := r.ID
		switch {
		case id == "":
			bad(fmt.Sprintf("lifecycle rule %d: id is required (the server would make up a random one)", i+1))
			continue
		case seen[id]:
			bad(fmt.Sprintf("lifecycle rule %q: the id is used twice", id))
		}
		seen[id] = true
		switch strings.ToLower(r.Status) {
		case "", statusEnabled, statusDisabled:
		default:
			bad(fmt.Sprintf(`lifecycle rule %q: status: "enabled" or "disabled" expected, got %q`, id, r.Status))
		}
		n := normRules([]LifecycleRule{r})[0]
		if n.Expiration == nil && n.NoncurrentExpiration == nil && n.Transition == nil && n.NoncurrentTransition == nil {
			bad(fmt.Sprintf("lifecycle rule %q: no action (expiration, noncurrent_expiration, transition or noncurrent_transition)", id))
		}
		if e := n.Expiration; e != nil {
			date(id, "expiration", e.Date)
			if (e.Days > 0) == (e.Date != "") && (e.Days > 0 || !e.DeleteMarker) {
				bad(fmt.Sprintf("lifecycle rule %q: expiration needs days or date (one of them)", id))
			}
		}
		if t := n.Transition; t != nil {
			date(id, "transition", t.Date)
			if t.Tier == "" {
				bad(fmt.Sprintf("lifecycle rule %q: transition needs a tier", id))
			}
			if t.Days > 0 && t.Date != "" {
				bad(fmt.Sprintf("lifecycle rule %q: transition takes days or date, not both", id))
			}
		}
		if t := n.NoncurrentTransition; t != nil && t.Tier == "" {
			bad(fmt.Sprintf("lifecycle rule %q: noncurrent_transition needs a tier", id))
		}
		if e := n.NoncurrentExpiration; e != nil && e.Days <= 0 {
			bad(fmt.Sprintf("lifecycle rule %q: noncurrent_expiration needs days", id))
		}
	}
}

// toLifecycle turns rules into minio-go's configuration.
func toLifecycle(rules []LifecycleRule) *lifecycle.Configuration {
	cfg := lifecycle.NewConfiguration()
	for _, r := range normRules(rules) {
		lr := lifecycle.Rule{ID: r.ID, Status: "Enabled"}
		if r.Status == statusDisabled {
			lr.Status = "Disabled"
		}
		var tags []lifecycle.Tag
		for _, k := range slices.Sorted(maps.Keys(r.Tags)) {
			tags = append(tags, lifecycle.Tag{Key: k, Value: r.Tags[k]})
		}
		conditions := len(tags)
		for _, set := range []bool{r.Prefix != "", r.SizeGreaterThan > 0, r.SizeLessThan > 0} {
			if set {
				conditions++
			}
		}
		switch {
		case conditions > 1:
			lr.RuleFilter.And = lifecycle.And{Prefix: r.Prefix, Tags: tags, ObjectSizeGreaterThan: r.SizeGreaterThan,
				ObjectSizeLessThan: r.SizeLessThan}
		case len(tags) == 1:
			lr.RuleFilter.Tag = tags[0]
		default:
			lr.RuleFilter.Prefix = r.Prefix
			lr.RuleFilter.ObjectSizeGreaterThan, lr.RuleFilter.ObjectSizeLessThan = r.SizeGreaterThan, r.SizeLessThan
		}
		if e := r.Expiration; e != nil {
			lr.Expiration.Days = lifecycle.ExpirationDays(e.Days)
			lr.Expiration.Date = lifecycle.ExpirationDate{Time: parseDate(e.Date)}
			lr.Expiration.DeleteMarker = lifecycle.ExpireDeleteMarker(e.DeleteMarker)
		}
		if e := r.NoncurrentExpiration; e != nil {
			lr.NoncurrentVersionExpiration.NoncurrentDays = lifecycle.ExpirationDays(e.Days)
			lr.NoncurrentVersionExpiration.NewerNoncurrentVersions = e.NewerVersions
		}
		if t := r.Transition; t != nil {
			lr.Transition.Days = lifecycle.ExpirationDays(t.Days)
			lr.Transition.Date = lifecycle.ExpirationDate{Time: parseDate(t.Date)}
			lr.Transition.StorageClass = t.Tier
		}
		if t := r.NoncurrentTransition; t != nil {
			lr.NoncurrentVersionTransition.NoncurrentDays = lifecycle.ExpirationDays(t.Days)
			lr.NoncurrentVersionTransition.StorageClass = t.Tier
		}
		cfg.Rules = append(cfg.Rules, lr)
	}
	return cfg
}

func parseDate(d string) time.Time {
	t, _ := time.Parse(time.DateOnly, d) // checked by validateRules; "" is the zero time
	return t
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return "" // minio-go's zero date is no date
	}
	return t.UTC().Format(time.DateOnly)
}

// fromLifecycle reads the server's rules; the three spellings of "every object" (the
// legacy top-level Prefix, no Filter, an empty one) read the same.
func fromLifecycle(cfg *lifecycle.Configuration) []LifecycleRule {
	out := []LifecycleRule{}
	if cfg == nil {
		return out
	}
	for _, lr := range cfg.Rules {
		r := LifecycleRule{ID: lr.ID, Status: strings.ToLower(lr.Status)}
		f := lr.RuleFilter
		r.Prefix = firstNonEmpty(f.And.Prefix, f.Prefix, lr.Prefix)
		r.SizeGreaterThan = max(f.And.ObjectSizeGreaterThan, f.ObjectSizeGreaterThan)
		r.SizeLessThan = max(f.And.ObjectSizeLessThan, f.ObjectSizeLessThan)
		for _, t := range append(slices.Clone(f.And.Tags), f.Tag) {
			if t.Key != "" {
				if r.Tags == nil {
					r.Tags = map[string]string{}
				}
				r.Tags[t.Key] = t.Value
			}
		}
		if e := lr.Expiration; e.Days > 0 || !e.Date.IsZero() || e.DeleteMarker.IsEnabled() {
			r.Expiration = &LifecycleExpiration{Days: int(e.Days), Date: dateText(e.Date.Time), DeleteMarker: bool(e.DeleteMarker)}
		}
		if e := lr.NoncurrentVersionExpiration; e.NoncurrentDays > 0 || e.NewerNoncurrentVersions > 0 {
			r.NoncurrentExpiration = &LifecycleNoncurrentExpiration{Days: int(e.NoncurrentDays), NewerVersions: e.NewerNoncurrentVersions}
		}
		if t := lr.Transition; t.StorageClass != "" {
			r.Transition = &LifecycleTransition{Days: int(t.Days), Date: dateText(t.Date.Time), Tier: t.StorageClass}
		}
		if t := lr.NoncurrentVersionTransition; t.StorageClass != "" {
			r.NoncurrentTransition = &LifecycleNoncurrentTransition{Days: int(t.NoncurrentDays), Tier: t.StorageClass}
		}
		out = append(out, r)
	}
	return normRules(out)
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// fromEncryption reads the server's default encryption in normal form.
func fromEncryption(cfg *sse.Configuration) string {
	if cfg == nil || len(cfg.Rules) == 0 {
		return EncryptionOff
	}
	d := cfg.Rules[0].Apply
	if strings.EqualFold(d.SSEAlgorithm, "aws:kms") {
		return encryptionKMSPrefix + strings.TrimPrefix(d.KmsMasterKeyID, "arn:aws:kms:")
	}
	return EncryptionSSES3
}

// readSettings reads the named settings of each bucket in fields, as many calls in
// flight as workers allows, into cur.BucketSettings.
func readSettings(ctx context.Context, c *admin.Client, cur *Current, fields map[string][]string) error {
	type task struct{ bucket, field string }
	var todo []task
	for _, b := range slices.Sorted(maps.Keys(fields)) {
		for _, f := range fields[b] {
			todo = append(todo, task{b, f})
		}
	}
	var mu sync.Mutex
	return runAll(ctx, 8, len(todo), func(ctx context.Context, i int) error {
		t := todo[i]
		var m admin.BucketMetadata
		var err error
		switch t.field {
		case "versioning":
			m.Versioning, err = c.BucketVersioning(ctx, t.bucket)
		case "object_lock":
			m.ObjectLock, err = c.BucketObjectLock(ctx, t.bucket)
		case "encryption":
			m.Encryption, err = c.BucketEncryption(ctx, t.bucket)
		case "policy":
			m.Policy, err = c.BucketPolicy(ctx, t.bucket)
		case "tags":
			m.Tags, err = c.BucketTags(ctx, t.bucket)
		case "lifecycle":
			m.Lifecycle, err = c.BucketLifecycle(ctx, t.bucket)
		default:
			err = fmt.Errorf("unknown bucket setting %q", t.field)
		}
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		s := cur.BucketSettings[t.bucket]
		s.set(t.field, m)
		cur.BucketSettings[t.bucket] = s
		return nil
	})
}

// set takes field from what the server keeps (one call per setting, or the one-call
// export of every bucket's), in the form the diff compares.
func (s *BucketSettings) set(field string, m admin.BucketMetadata) {
	switch field {
	case "versioning":
		s.Versioning = strings.ToLower(m.Versioning)
	case "object_lock":
		s.ObjectLock = m.ObjectLock
	case "encryption":
		s.Encryption = fromEncryption(m.Encryption)
	case "policy":
		s.Policy = CanonicalBucketPolicy([]byte(m.Policy))
	case "tags":
		s.Tags = m.Tags
		if s.Tags == nil {
			s.Tags = map[string]string{}
		}
	case "lifecycle":
		s.Lifecycle = fromLifecycle(m.Lifecycle)
	}
}

// readBucketData sets cur.Buckets[name] to the hard quota of each of names and reads
// the settings in fields (of buckets among names). The server's bucket-metadata export
// answers all of it (7 calls per bucket otherwise: 1,400 for 200 buckets, most of a big
// plan's server time): one export per bucket for a few buckets, one of every bucket for
// more. Where the server will not give it, or leaves a named bucket out, setting by
// setting.
func readBucketData(ctx context.Context, c *admin.Client, cur *Current, names []string, fields map[string][]string) error {
	if len(names) == 0 {
		return nil
	}
	meta, err := exportMetadata(ctx, c, names)
	switch {
	case err == nil && !allNamed(meta, names):
		// The server names every bucket (each has its notification file); one left out
		// is an answer that is not whole, not a bucket without settings.
	case err == nil:
		for _, name := range names {
			cur.Buckets[name] = hardLimit(meta[name].Quota)
		}
		for b, fs := range fields {
			s := cur.BucketSettings[b]
			for _, f := range fs {
				s.set(f, meta[b])
			}
			cur.BucketSettings[b] = s
		}
		return nil
	case !exportRefused(err):
		return err
	}
	quotas, err := readQuotas(ctx, c, names)
	if err != nil {
		return err
	}
	for i, name := range names {
		cur.Buckets[name] = quotas[i]
	}
	return readSettings(ctx, c, cur, fields)
}

func allNamed(meta map[string]admin.BucketMetadata, names []string) bool {
	for _, n := range names {
		if _, ok := meta[n]; !ok {
			return false
		}
	}
	return true
}

// scopedExports is how many named buckets are read with an export each (?bucket=, 8 in
// flight) rather than one export of every bucket, which on a server with thousands of
// buckets would carry them all for a state naming two.
const scopedExports = 4

// exportMetadata reads the settings of names; a bucket left out of the answer has none.
func exportMetadata(ctx context.Context, c *admin.Client, names []string) (map[string]admin.BucketMetadata, error) {
	if len(names) > scopedExports {
		return c.ExportBucketMetadata(ctx, "")
	}
	out := make(map[string]admin.BucketMetadata, len(names))
	var mu sync.Mutex
	err := runAll(ctx, 8, len(names), func(ctx context.Context, i int) error {
		m, err := c.ExportBucketMetadata(ctx, names[i])
		if v, ok := m[names[i]]; ok {
			mu.Lock()
			defer mu.Unlock()
			out[names[i]] = v
		}
		return err
	})
	return out, err
}

// exportRefused tells that the server will not give the bucket-metadata export: the
// caller lacks admin:ExportBucketMetadata (403), the server has no such route (501,
// 426 for an admin API it does not know), or the answer is past the size limit.
func exportRefused(err error) bool {
	if errors.Is(err, admin.ErrResponseTooLarge) {
		return true
	}
	var e *admin.Error
	return errors.As(err, &e) && slices.Contains([]int{http.StatusForbidden, http.StatusNotImplemented, http.StatusUpgradeRequired}, e.StatusCode)
}

// settingsToRead is, for each bucket the state names that exists, the settings to read:
// those named, and object lock wherever versioning is (a lock bucket cannot be
// suspended).
func settingsToRead(want *State, exists func(string) bool) map[string][]string {
	out := map[string][]string{}
	for name, w := range want.Buckets {
		if !exists(name) {
			continue
		}
		fields := bucketFields(w)
		if w.Versioning != "" && w.ObjectLock == nil {
			fields = append(fields, "object_lock")
		}
		if len(fields) > 0 {
			out[name] = fields
		}
	}
	return out
}

// writeSettings makes the settings in fields (a change's After) what w wants.
func writeSettings(ctx context.Context, c *admin.Client, bucket string, w BucketState, fields map[string]any) error {
	s := wantSettings(w)
	for _, f := range bucketFields(w) {
		if _, ok := fields[f]; !ok {
			continue
		}
		var err error
		switch f {
		case "versioning":
			err = c.SetBucketVersioning(ctx, bucket, map[string]string{VersioningEnabled: "Enabled", VersioningSuspended: "Suspended"}[s.Versioning])
		case "encryption":
			switch {
			case s.Encryption == EncryptionOff:
				err = c.RemoveBucketEncryption(ctx, bucket)
			case s.Encryption == EncryptionSSES3:
				err = c.SetBucketEncryption(ctx, bucket, "")
			default:
				err = c.SetBucketEncryption(ctx, bucket, strings.TrimPrefix(s.Encryption, encryptionKMSPrefix))
			}
		case "policy":
			if s.Policy == "" {
				err = c.RemoveBucketPolicy(ctx, bucket)
			} else {
				err = c.SetBucketPolicy(ctx, bucket, string(w.Policy))
			}
		case "tags":
			if len(s.Tags) == 0 {
				err = c.RemoveBucketTags(ctx, bucket)
			} else {
				err = c.SetBucketTags(ctx, bucket, s.Tags)
			}
		case "lifecycle":
			if len(s.Lifecycle) == 0 {
				err = c.RemoveBucketLifecycle(ctx, bucket)
			} else {
				err = c.SetBucketLifecycle(ctx, bucket, toLifecycle(s.Lifecycle))
			}
		}
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
	}
	return nil
}
