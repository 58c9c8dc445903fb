package jobs

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/minioscript/minioscript/admin"
)

// Export reads a deployment back into a State that apply accepts: the same engine's
// reads, for every object instead of the named ones, and the same normal forms, so
// that the export of a server a state was applied to plans to no change against it.

// ExportSections are the sections Export can write, in the order of a state file.
var ExportSections = sectionNames

// ExportOptions choose what Export reads.
type ExportOptions struct {
	// Only lists the sections to export (ExportSections); empty: all.
	Only []string
	// Secrets also reads the secret keys of users and service accounts, and keeps the
	// config's secrets. Only the IAM export returns the keys, so users and service
	// accounts need TLS: over plain HTTP it would carry every secret in the clear (the
	// config's answer is sealed).
	Secrets bool
	// Warn, when set, is told what the export could not read (nil: not told).
	Warn func(string)
}

// Export reads what the server holds in the sections asked for, with the fewest calls:
// over TLS one IAM export for the IAM sections, over plain HTTP the lists and then one
// call per group and per service account with a policy of its own (no secret crosses
// the network in the clear); each bucket's quota and settings in parallel, bounded.
// Built-in policies, the root user and the caller's own key are left out (apply never
// manages them). Without opts.Secrets no secret key is filled in. A server without
// LDAP or without KMS has no ldap or kms_keys section.
func Export(ctx context.Context, c *admin.Client, opts ExportOptions) (*State, error) {
	want, err := exportWant(opts.Only)
	if err != nil {
		return nil, err
	}
	tls := strings.HasPrefix(c.Endpoint(), "https:")
	if opts.Secrets && !tls && (want.Users != nil || want.ServiceAccounts != nil) {
		return nil, errors.New("export: secrets are read with the IAM export, which over plain HTTP would carry every secret in the clear: connect over TLS, or export without secrets")
	}
	// The sections are read at once: a big export waits mostly on the IAM export (or
	// the per-object reads), which the others overlap.
	out := &State{}
	var ldapOn bool
	parts := []func(ctx context.Context) error{
		func(ctx context.Context) error { return exportIAM(ctx, c, want, opts, out) },
		func(ctx context.Context) (err error) {
			if want.Buckets != nil {
				out.Buckets, err = exportBuckets(ctx, c)
			}
			return err
		},
		func(ctx context.Context) (err error) {
			// Over plain HTTP the service-account lists reach internal users' and the
			// caller's accounts only: with LDAP on, LDAP users' accounts are missing,
			// which is said.
			if want.LDAP == nil && (want.ServiceAccounts == nil || tls || opts.Warn == nil) {
				return nil
			}
			cur := NewCurrent()
			if ldapOn, err = readLDAP(ctx, c, cur); ldapOn && want.LDAP != nil {
				out.LDAP = &LDAPState{Users: ldapSide(cur.LDAPUsers), Groups: ldapSide(cur.LDAPGroups)}
			}
			return err
		},
		func(ctx context.Context) (err error) {
			if want.KMSKeys != nil {
				out.KMSKeys, err = exportKMSKeys(ctx, c)
			}
			return err
		},
		func(ctx context.Context) (err error) {
			if want.Config != nil {
				out.Config, err = exportConfigRead(ctx, c, opts.Secrets)
			}
			return err
		},
	}
	if err := runAll(ctx, len(parts), len(parts), func(ctx context.Context, i int) error { return parts[i](ctx) }); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	if ldapOn && want.ServiceAccounts != nil && !tls && opts.Warn != nil {
		opts.Warn("export: the server has LDAP on, and over plain HTTP the service accounts of LDAP users " +
			"cannot be listed: they are not in this export (export over TLS to include them)")
	}
	return out, nil
}

// exportIAM reads the policies, users, groups and service accounts want names into out.
func exportIAM(ctx context.Context, c *admin.Client, want *State, opts ExportOptions, out *State) error {
	tls := strings.HasPrefix(c.Endpoint(), "https:")
	cur := NewCurrent()
	if want.Policies != nil || want.Users != nil || want.Groups != nil || want.ServiceAccounts != nil {
		if tls {
			snap, err := c.ExportIAM(ctx)
			if err != nil {
				return err
			}
			cur.IAMSnapshot = *snap
			cur.fill()
		} else if err := readAllIAM(ctx, c, want, cur); err != nil {
			return err
		}
	}
	caller := c.AccessKey()
	if want.Policies != nil {
		out.Policies = map[string]json.RawMessage{}
		for name, doc := range cur.Policies {
			if !builtinPolicies[name] {
				out.Policies[name] = json.RawMessage(admin.CanonicalPolicy(doc))
			}
		}
	}
	if want.Users != nil {
		out.Users = map[string]UserState{}
		for name, u := range cur.Users {
			if name == caller {
				continue
			}
			w := UserState{Status: userStatus(u.Status), Policies: normList(admin.SplitList(cur.UserMappings[name].Policy))}
			if opts.Secrets {
				w.SecretKey = u.SecretKey
			}
			out.Users[name] = w
		}
	}
	if want.Groups != nil {
		out.Groups = map[string]GroupState{}
		for name, g := range cur.Groups {
			out.Groups[name] = GroupState{Members: normList(g.Members), Status: userStatus(g.Status),
				Policies: normList(admin.SplitList(cur.GroupMappings[name].Policy))}
		}
	}
	if want.ServiceAccounts != nil {
		out.ServiceAccounts = map[string]ServiceAccountState{}
		for key, a := range cur.ServiceAccounts {
			if key == caller {
				continue
			}
			w := ServiceAccountState{User: a.Parent, Name: a.Name, Description: a.Description, Status: statusEnabled}
			if a.Status == "off" || a.Status == statusDisabled {
				w.Status = statusDisabled
			}
			if a.HasSessionPolicy() {
				w.Policy = json.RawMessage(admin.CanonicalPolicy(a.SessionPolicy))
			}
			if e := a.Expires(); e != nil {
				t := e.UTC()
				w.Expiry = &t
			}
			if opts.Secrets {
				w.SecretKey = a.SecretKey
			}
			out.ServiceAccounts[key] = w
		}
	}
	return nil
}

// exportKMSKeys lists the KMS keys; nil when the server has no KMS.
func exportKMSKeys(ctx context.Context, c *admin.Client) ([]string, error) {
	keys, err := c.KMSKeyList(ctx, "*")
	var se *admin.Error
	switch {
	case errors.As(err, &se) && se.Code == "NotImplemented": // no KMS
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("kms keys: %w", err)
	}
	out := []string{}
	for _, k := range keys.Value {
		out = append(out, k.Name)
	}
	return normList(out), nil
}

// exportConfigRead reads the config in one sealed call: its secrets do not cross the
// network in the clear.
func exportConfigRead(ctx context.Context, c *admin.Client, secrets bool) (map[string]map[string]string, error) {
	text, err := c.ConfigExport(ctx)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	all, err := ParseConfigExport(text)
	if err != nil {
		return nil, err
	}
	return exportConfig(all, secrets), nil
}

// exportWant is a State whose sections, empty, are those asked for.
func exportWant(only []string) (*State, error) {
	if len(only) == 0 {
		only = ExportSections
	}
	want := &State{}
	for _, s := range only {
		switch strings.TrimSpace(s) {
		case "policies":
			want.Policies = map[string]json.RawMessage{}
		case "users":
			want.Users = map[string]UserState{}
		case "groups":
			want.Groups = map[string]GroupState{}
		case "service_accounts":
			want.ServiceAccounts = map[string]ServiceAccountState{}
		case "buckets":
			want.Buckets = map[string]BucketState{}
		case "ldap":
			want.LDAP = &LDAPState{}
		case "kms_keys":
			want.KMSKeys = []string{}
		case "config":
			want.Config = map[string]map[string]string{}
		default:
			return nil, fmt.Errorf("export: unknown section %q (want %s)", s, strings.Join(ExportSections, ", "))
		}
	}
	return want, nil
}

// readAllIAM reads every object of the IAM sections want has over plain HTTP: the lists
// (users with their status and policies, policies with their documents, service
// accounts), then each group, and each service account whose session policy is its own.
func readAllIAM(ctx context.Context, c *admin.Client, want *State, cur *Current) error {
	groups := map[string]bool{}
	if err := readLists(ctx, c, want, cur, groups); err != nil {
		return err
	}
	type read struct {
		name string
		fn   func(context.Context, *admin.Client, *Current, string) (bool, error)
	}
	var todo []read
	for _, g := range slices.Sorted(maps.Keys(groups)) {
		todo = append(todo, read{g, readGroup})
	}
	for _, k := range slices.Sorted(slices.Values(cur.ownPolicy)) {
		todo = append(todo, read{k, readServiceAccount})
	}
	var mu sync.Mutex
	return runAll(ctx, 8, len(todo), func(ctx context.Context, i int) error {
		one := NewCurrent()
		if _, err := todo[i].fn(ctx, c, one, todo[i].name); err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		cur.merge(one)
		return nil
	})
}

// exportBuckets reads every bucket with its quota and every setting.
func exportBuckets(ctx context.Context, c *admin.Client) (map[string]BucketState, error) {
	list, err := c.ListBuckets(ctx)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(list.Value))
	fields := map[string][]string{}
	for _, b := range list.Value {
		names = append(names, b.Name)
		fields[b.Name] = allBucketFields
	}
	slices.Sort(names)
	cur := NewCurrent()
	if err := readBucketData(ctx, c, cur, names, fields); err != nil {
		return nil, err
	}
	out := map[string]BucketState{}
	for _, name := range names {
		quota := cur.Buckets[name]
		s := cur.BucketSettings[name]
		lock := s.ObjectLock
		tags := s.Tags
		if tags == nil {
			tags = map[string]string{}
		}
		policy := json.RawMessage("{}")
		if s.Policy != "" {
			policy = json.RawMessage(s.Policy)
		}
		out[name] = BucketState{Quota: &quota, Versioning: curVersioning(s), ObjectLock: &lock, Policy: policy, Tags: tags,
			Lifecycle: normRules(s.Lifecycle), Encryption: curEncryption(s)}
	}
	return out, nil
}

// ldapSide is one side of the LDAP mappings as the state writes it.
func ldapSide(cur map[string][]string) map[string]LDAPMapping {
	out := map[string]LDAPMapping{}
	for dn, list := range cur {
		if len(list) > 0 {
			out[dn] = LDAPMapping{Policies: normList(list)}
		}
	}
	return out
}

// ExportTree is st as plain values (maps, lists, strings, numbers, booleans) under the
// field names state files use, every setting written out (an empty list or map where
// there is none), so that a plan of it against another server shows every difference.
// secret says what a secret_key holds for the secret value of a user or service
// account (section "users" or "service_accounts", name the object) or of a config
// key (section "config", name "TARGET.KEY"); nil leaves it out. It is called
// only for secrets st holds.
func ExportTree(st *State, secret func(section, name, value string) any) map[string]any {
	out := map[string]any{}
	setSecret := func(m map[string]any, section, name, value string) {
		if value == "" || secret == nil {
			return
		}
		if v := secret(section, name, value); v != nil {
			m["secret_key"] = v
		}
	}
	put := func(section string, entries map[string]any) {
		if entries != nil {
			out[section] = entries
		}
	}
	put("policies", treeSection(st.Policies, func(_ string, doc json.RawMessage) any { return plainJSON(doc) }))
	put("users", treeSection(st.Users, func(name string, u UserState) any {
		m := map[string]any{"policies": listValue(u.Policies), "status": wantStatus(u.Status)}
		setSecret(m, "users", name, u.SecretKey)
		return m
	}))
	put("groups", treeSection(st.Groups, func(_ string, g GroupState) any {
		return map[string]any{"members": listValue(g.Members), "policies": listValue(g.Policies), "status": wantStatus(g.Status)}
	}))
	put("service_accounts", treeSection(st.ServiceAccounts, func(key string, a ServiceAccountState) any {
		m := map[string]any{"user": a.User, "status": wantStatus(a.Status)}
		setIfAny(m, "name", a.Name)
		setIfAny(m, "description", a.Description)
		if a.Policy != nil {
			m["policy"] = plainJSON(a.Policy)
		}
		if a.Expiry != nil {
			m["expiry"] = timeText(*a.Expiry)
		}
		setSecret(m, "service_accounts", key, a.SecretKey)
		return m
	}))
	put("buckets", treeSection(st.Buckets, func(_ string, b BucketState) any { return bucketTree(b) }))
	if st.LDAP != nil {
		side := func(m map[string]LDAPMapping) map[string]any {
			if m == nil {
				m = map[string]LDAPMapping{}
			}
			return treeSection(m, func(_ string, mp LDAPMapping) any {
				return map[string]any{"policies": listValue(mp.Policies)}
			})
		}
		out["ldap"] = map[string]any{"users": side(st.LDAP.Users), "groups": side(st.LDAP.Groups)}
	}
	if st.KMSKeys != nil {
		out["kms_keys"] = listValue(st.KMSKeys)
	}
	config := treeSection(st.Config, func(name string, kv map[string]string) any {
		m := map[string]any{}
		for k, v := range kv {
			if !configSecret(k) {
				m[k] = v
			} else if v != "" && secret != nil {
				if ref := secret("config", name+"."+k, v); ref != nil {
					m[k] = ref
				}
			}
		}
		return m
	})
	for name, kv := range config {
		if len(kv.(map[string]any)) == 0 {
			delete(config, name) // only secrets, left out: a target must name a key
		}
	}
	put("config", config)
	return out
}

// treeSection is a section's entries as plain values; nil for a section not given.
func treeSection[V any](entries map[string]V, entry func(name string, v V) any) map[string]any {
	if entries == nil {
		return nil
	}
	out := make(map[string]any, len(entries))
	for name, v := range entries {
		out[name] = entry(name, v)
	}
	return out
}

func bucketTree(b BucketState) map[string]any {
	m := map[string]any{}
	if b.Quota != nil {
		m["quota"] = *b.Quota
	}
	if b.Versioning != "" {
		m["versioning"] = b.Versioning
	}
	if b.ObjectLock != nil {
		m["object_lock"] = *b.ObjectLock
	}
	if b.Policy != nil {
		m["policy"] = plainJSON(b.Policy)
	}
	if b.Tags != nil {
		tags := map[string]any{}
		for k, v := range b.Tags {
			tags[k] = v
		}
		m["tags"] = tags
	}
	if b.Lifecycle != nil {
		m["lifecycle"] = plainJSON(mustJSON(normRules(b.Lifecycle)))
	}
	if b.Encryption != "" {
		m["encryption"] = b.Encryption
	}
	return m
}

func setIfAny(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

func listValue(l []string) []any {
	out := make([]any, 0, len(l))
	for _, s := range normList(l) {
		out = append(out, s)
	}
	return out
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// plainJSON decodes a JSON document into plain values, numbers as int64 where whole.
func plainJSON(doc []byte) any {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return string(doc)
	}
	return plainNumbers(v)
}

func plainNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n
		}
		f, _ := x.Float64()
		return f
	case []any:
		for i, e := range x {
			x[i] = plainNumbers(e)
		}
		if x == nil {
			return []any{}
		}
	case map[string]any:
		for k, e := range x {
			x[k] = plainNumbers(e)
		}
	}
	return v
}

// Formats of EncodeState.
const (
	FormatYAML = "yaml"
	FormatJSON = "json"
	FormatLua  = "lua"
)

// EncodeState writes a tree (ExportTree) as a state file in format: keys sorted, so
// that two exports of the same objects are the same bytes. The Lua form is a file
// returning the table, as apply loads it.
func EncodeState(tree map[string]any, format string) ([]byte, error) {
	var b bytes.Buffer
	switch format {
	case FormatJSON:
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(tree); err != nil {
			return nil, err
		}
	case FormatYAML:
		b.WriteString("# minioscript export: a state for minioscript plan/apply\n")
		if err := writeYAML(&b, tree); err != nil {
			return nil, err
		}
	case FormatLua:
		b.WriteString("-- minioscript export: a state for minioscript plan/apply\nreturn ")
		writeLua(&b, tree, "")
		b.WriteByte('\n')
	default:
		return nil, fmt.Errorf("unknown format %q (want yaml, json or lua)", format)
	}
	return b.Bytes(), nil
}

var luaName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

var luaKeywords = map[string]bool{"and": true, "break": true, "do": true, "else": true, "elseif": true, "end": true,
	"false": true, "for": true, "function": true, "if": true, "in": true, "local": true, "nil": true, "not": true,
	"or": true, "repeat": true, "return": true, "then": true, "true": true, "until": true, "while": true}

// writeLua writes v as a Lua constructor; tables keyed by name have their keys sorted.
func writeLua(b *bytes.Buffer, v any, indent string) {
	inner := indent + "  "
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for _, k := range slices.Sorted(maps.Keys(x)) {
			b.WriteString(inner)
			if luaName.MatchString(k) && !luaKeywords[k] {
				b.WriteString(k)
			} else {
				b.WriteByte('[')
				b.WriteString(luaString(k))
				b.WriteByte(']')
			}
			b.WriteString(" = ")
			writeLua(b, x[k], inner)
			b.WriteString(",\n")
		}
		b.WriteString(indent + "}")
	case []any:
		if len(x) == 0 {
			b.WriteString("{}")
			return
		}
		flat := true
		for _, e := range x {
			switch e.(type) {
			case map[string]any, []any:
				flat = false
			}
		}
		if flat {
			b.WriteString("{ ")
			for i, e := range x {
				if i > 0 {
					b.WriteString(", ")
				}
				writeLua(b, e, inner)
			}
			b.WriteString(" }")
			return
		}
		b.WriteString("{\n")
		for _, e := range x {
			b.WriteString(inner)
			writeLua(b, e, inner)
			b.WriteString(",\n")
		}
		b.WriteString(indent + "}")
	case string:
		b.WriteString(luaString(x))
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case uint64:
		b.WriteString(strconv.FormatUint(x, 10))
	case int:
		b.WriteString(strconv.Itoa(x))
	case float64:
		b.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
	case nil:
		b.WriteString("nil")
	default:
		b.WriteString(luaString(fmt.Sprint(x)))
	}
}

// luaString quotes s for Lua 5.1: control bytes as three-digit decimal escapes (so a
// digit after them cannot be read as part of the escape), other bytes as they are.
func luaString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, `\%03d`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
