package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/internal/workpool"
)

// Current is what the server holds, as far as a state needs it: the IAM objects (in the
// export's shape), and the buckets with their hard quota (0: none; only the buckets
// the state names have their quota read). A user or service-account SecretKey of ""
// means unknown.
type Current struct {
	admin.IAMSnapshot
	Buckets map[string]uint64
	// BucketSettings holds, for the buckets the state names that exist, the settings
	// it names (see BucketSettings).
	BucketSettings map[string]BucketSettings
	// LDAPUsers and LDAPGroups map each LDAP DN (normDN) to its sorted policies; read
	// when the state has an ldap section.
	LDAPUsers, LDAPGroups map[string][]string
	// KMSKeys tells, for each key the state names, whether it exists.
	KMSKeys map[string]bool
	// Config holds the targets the state names that the server shows or has pending,
	// by name as the server writes it ("subsys" for a default target).
	Config map[string]ConfigTarget
	// Complete: every object of the managed kinds is listed, so prune may delete what
	// is missing from the state.
	Complete bool
	// Refs: the users and policies the state refers to were read, so references can be
	// checked before anything is written.
	Refs bool
	// Derived: names user_info refused as a service account's or a temporary key's (a
	// per-object read cannot tell them otherwise).
	Derived map[string]bool
	// ownPolicy: the service accounts the listing (readLists) says have a session policy
	// of their own, which only a per-account read returns.
	ownPolicy []string
}

// NewCurrent returns an empty Current with every map made.
func NewCurrent() *Current {
	return &Current{
		IAMSnapshot: admin.IAMSnapshot{
			Policies: map[string]json.RawMessage{}, Users: map[string]admin.IAMUser{},
			Groups: map[string]admin.IAMGroup{}, ServiceAccounts: map[string]admin.IAMServiceAccount{},
			UserMappings: map[string]admin.IAMMapping{}, GroupMappings: map[string]admin.IAMMapping{},
		},
		Buckets: map[string]uint64{}, BucketSettings: map[string]BucketSettings{}, Derived: map[string]bool{},
		LDAPUsers: map[string][]string{}, LDAPGroups: map[string][]string{}, KMSKeys: map[string]bool{},
		Config: map[string]ConfigTarget{},
	}
}

// fill makes the maps an export may leave nil.
func (c *Current) fill() {
	fillMap(&c.Policies)
	fillMap(&c.Users)
	fillMap(&c.Groups)
	fillMap(&c.ServiceAccounts)
	fillMap(&c.UserMappings)
	fillMap(&c.GroupMappings)
	fillMap(&c.Buckets)
	fillMap(&c.BucketSettings)
	fillMap(&c.LDAPUsers)
	fillMap(&c.LDAPGroups)
	fillMap(&c.KMSKeys)
	fillMap(&c.Config)
	fillMap(&c.Derived)
}

func fillMap[V any](m *map[string]V) {
	if *m == nil {
		*m = map[string]V{}
	}
}

func (c *Current) merge(o *Current) {
	maps.Copy(c.Policies, o.Policies)
	maps.Copy(c.Users, o.Users)
	maps.Copy(c.Groups, o.Groups)
	maps.Copy(c.ServiceAccounts, o.ServiceAccounts)
	maps.Copy(c.UserMappings, o.UserMappings)
	maps.Copy(c.GroupMappings, o.GroupMappings)
	maps.Copy(c.Buckets, o.Buckets)
	maps.Copy(c.BucketSettings, o.BucketSettings)
	maps.Copy(c.LDAPUsers, o.LDAPUsers)
	maps.Copy(c.LDAPGroups, o.LDAPGroups)
	maps.Copy(c.KMSKeys, o.KMSKeys)
	maps.Copy(c.Config, o.Config)
	maps.Copy(c.Derived, o.Derived)
}

// Fingerprint hashes what the server holds in the sections want manages, secrets left
// out: two reads with the same fingerprint saw the same managed objects.
func (c *Current) Fingerprint(want *State) string {
	v := map[string]any{}
	if want.Policies != nil {
		docs := map[string]string{}
		for k, d := range c.Policies {
			docs[k] = admin.CanonicalPolicy(d)
		}
		v["policies"] = docs
	}
	if want.Users != nil {
		users := map[string]any{}
		for k, u := range c.Users {
			users[k] = []string{u.Status, c.UserMappings[k].Policy}
		}
		v["users"] = users
	}
	if want.Groups != nil {
		groups := map[string]any{}
		for k, g := range c.Groups {
			groups[k] = []any{g.Status, normList(g.Members), c.GroupMappings[k].Policy}
		}
		v["groups"] = groups
	}
	if want.ServiceAccounts != nil {
		accounts := map[string]any{}
		for k, a := range c.ServiceAccounts {
			a.SecretKey = ""
			accounts[k] = a
		}
		v["service_accounts"] = accounts
	}
	if want.Buckets != nil {
		v["buckets"] = c.Buckets
		if len(c.BucketSettings) > 0 {
			v["bucket_settings"] = c.BucketSettings
		}
	}
	if want.LDAP != nil {
		v["ldap"] = []any{c.LDAPUsers, c.LDAPGroups}
	}
	if want.KMSKeys != nil {
		v["kms_keys"] = c.KMSKeys
	}
	if want.Config != nil {
		v["config"] = configFingerprint(c.Config)
	}
	return fingerprint(v)
}

// Read reads what the server holds for want: over TLS the whole IAM state in one
// export; over plain HTTP (where the export would carry every secret in the clear) the
// objects the state names and refers to, one unsealed call each where the server has
// one, and for prune the complete lists of the managed kinds. Alongside, the bucket list
// and the quotas and settings of the buckets the state names.
func Read(ctx context.Context, c *admin.Client, want *State, prune bool) (*Current, error) {
	return read(ctx, c, want, prune, nil)
}

// read is Read, with the IAM export pre when Engine.Prefetch started one.
func read(ctx context.Context, c *admin.Client, want *State, prune bool, pre *iamRead) (*Current, error) {
	// The parts are read at once: a big state waits mostly on the IAM export (or the
	// per-object reads), which the others overlap.
	var cur *Current
	buckets, rest := NewCurrent(), NewCurrent()
	parts := []func(ctx context.Context) error{
		func(ctx context.Context) (err error) {
			cur, err = readIAM(ctx, c, want, prune, pre)
			return err
		},
		func(ctx context.Context) error {
			if want.Buckets == nil {
				return nil
			}
			return readBuckets(ctx, c, want, buckets)
		},
		func(ctx context.Context) error { return readRest(ctx, c, want, prune, rest) },
	}
	if err := runAll(ctx, len(parts), len(parts), func(ctx context.Context, i int) error { return parts[i](ctx) }); err != nil {
		return nil, err
	}
	cur.merge(buckets)
	cur.merge(rest)
	return cur, nil
}

// readIAM reads the IAM part: over TLS the whole of it in one IAM export, over plain
// HTTP (where that export would carry every secret in the clear) the objects want
// names, and all of their kinds for prune.
func readIAM(ctx context.Context, c *admin.Client, want *State, prune bool, pre *iamRead) (*Current, error) {
	if !strings.HasPrefix(c.Endpoint(), "https:") {
		return readObjects(ctx, c, want, prune)
	}
	var snap *admin.IAMSnapshot
	var err error
	if pre != nil {
		select {
		case <-pre.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		snap, err = pre.snap, pre.err
	} else {
		snap, err = c.ExportIAM(ctx)
	}
	if err != nil {
		return nil, err
	}
	cur := &Current{IAMSnapshot: *snap, Complete: true, Refs: true}
	cur.fill()
	return cur, nil
}

// readRest reads the LDAP mappings, KMS keys and config want names into cur.
func readRest(ctx context.Context, c *admin.Client, want *State, prune bool, cur *Current) error {
	if want.LDAP != nil || (prune && want.Policies != nil) {
		// Prune of policies must know which ones LDAP DNs still have.
		if _, err := readLDAP(ctx, c, cur); err != nil {
			return err
		}
	}
	if err := readKMSKeys(ctx, c, want, cur); err != nil {
		return err
	}
	return readConfig(ctx, c, want, cur)
}

// readBuckets fills cur with the bucket list (every bucket, quota 0 for those want does
// not name), then the quota and named settings of the buckets want names.
func readBuckets(ctx context.Context, c *admin.Client, want *State, cur *Current) error {
	list, err := c.ListBuckets(ctx)
	if err != nil {
		return err
	}
	var named []string
	exists := map[string]bool{}
	for _, b := range list.Value {
		if _, ok := want.Buckets[b.Name]; ok {
			named = append(named, b.Name)
			exists[b.Name] = true
		} else {
			cur.Buckets[b.Name] = 0
		}
	}
	return readBucketData(ctx, c, cur, named, settingsToRead(want, func(b string) bool { return exists[b] }))
}

// runAll runs fn for 0..n-1 with at most workers in flight and returns the first error.
func runAll(ctx context.Context, workers, n int, fn func(ctx context.Context, i int) error) error {
	if n == 0 {
		return nil
	}
	// The first error stops the calls in flight too: the pool only stops starting new
	// ones, and a plan would otherwise wait out a 3 s IAM export after its config read
	// failed. It is kept before the cancel, so the others' context errors come second.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var once sync.Once
	var first error
	workpool.Pool{Workers: workers, FailFast: true}.Run(ctx, n, func(ctx context.Context, _, i int) error {
		err := fn(ctx, i)
		if err != nil {
			once.Do(func() {
				first = err
				cancel()
			})
		}
		return err
	})
	if first == nil {
		first = ctx.Err()
	}
	return first
}

// readQuotas reads the hard quota of each bucket, 8 in flight.
func readQuotas(ctx context.Context, c *admin.Client, buckets []string) ([]uint64, error) {
	quotas := make([]uint64, len(buckets))
	err := runAll(ctx, 8, len(buckets), func(ctx context.Context, i int) error {
		q, err := c.BucketQuotaGet(ctx, buckets[i])
		quotas[i] = hardLimit(q.Value)
		return err
	})
	return quotas, err
}

func hardLimit(q admin.BucketQuota) uint64 {
	if q.Size > 0 {
		return q.Size
	}
	return q.Quota
}

func readObjects(ctx context.Context, c *admin.Client, want *State, prune bool) (*Current, error) {
	cur := NewCurrent()
	cur.Refs, cur.Complete = true, prune
	users, policies := map[string]bool{}, map[string]bool{}
	groups, accounts := map[string]bool{}, map[string]bool{}
	for name, u := range want.Users {
		users[name] = true
		for _, p := range u.Policies {
			policies[p] = true
		}
	}
	for name, g := range want.Groups {
		groups[name] = true
		for _, m := range g.Members {
			users[m] = true
		}
		for _, p := range g.Policies {
			policies[p] = true
		}
	}
	for name := range want.Policies {
		policies[name] = true
	}
	for _, p := range ldapPolicies(want) {
		policies[p] = true
	}
	for key, s := range want.ServiceAccounts {
		accounts[key] = true
		users[s.User] = true
	}
	if prune {
		if err := readLists(ctx, c, want, cur, groups); err != nil {
			return nil, err
		}
	}
	delete(users, "")
	type read struct {
		name string
		fn   func(context.Context, *admin.Client, *Current, string) (bool, error)
	}
	var todo []read
	add := func(names map[string]bool, fn func(context.Context, *admin.Client, *Current, string) (bool, error)) {
		list := make([]string, 0, len(names))
		for n := range names {
			list = append(list, n)
		}
		sort.Strings(list)
		for _, n := range list {
			todo = append(todo, read{n, fn})
		}
	}
	add(users, readUser)
	add(groups, readGroup)
	add(policies, readPolicy)
	add(accounts, readServiceAccount)
	var mu sync.Mutex
	err := runAll(ctx, 8, len(todo), func(ctx context.Context, i int) error {
		one := NewCurrent()
		if _, err := todo[i].fn(ctx, c, one, todo[i].name); err != nil {
			return err
		}
		mu.Lock()
		cur.merge(one)
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return cur, nil
}

// readLists fills cur with every object of the kinds want manages, for prune; groups
// gets every group name to read.
func readLists(ctx context.Context, c *admin.Client, want *State, cur *Current, groups map[string]bool) error {
	var all map[string]admin.UserInfo
	if want.Users != nil || want.ServiceAccounts != nil {
		list, err := c.UserList(ctx)
		if err != nil {
			return err
		}
		all = list.Value
		for name, u := range all {
			cur.Users[name] = admin.IAMUser{Status: u.Status}
			cur.UserMappings[name] = admin.IAMMapping{Policy: u.PolicyName}
		}
	}
	if want.Groups != nil {
		list, err := c.GroupList(ctx)
		if err != nil {
			return err
		}
		for _, g := range list.Value {
			groups[g] = true
		}
	}
	if want.Policies != nil {
		list, err := c.PolicyList(ctx)
		if err != nil {
			return err
		}
		maps.Copy(cur.Policies, list.Value)
	}
	if want.ServiceAccounts == nil {
		return nil
	}
	owners := append(slices.Sorted(maps.Keys(all)), "") // "": the caller's own
	found := make([][]admin.ServiceAccountItem, len(owners))
	err := runAll(ctx, 4, len(owners), func(ctx context.Context, i int) error {
		list, err := c.ListServiceAccount(ctx, owners[i])
		found[i] = list.Value.Accounts
		return err
	})
	if err != nil {
		return err
	}
	for _, list := range found {
		for _, a := range list {
			cur.ServiceAccounts[a.AccessKey] = admin.IAMServiceAccount{Parent: a.ParentUser, AccessKey: a.AccessKey,
				Status: a.AccountStatus, Name: a.Name, Description: a.Description, Expiration: a.Expiration}
			if !a.ImpliedPolicy {
				cur.ownPolicy = append(cur.ownPolicy, a.AccessKey)
			}
		}
	}
	return nil
}

func readUser(ctx context.Context, c *admin.Client, cur *Current, name string) (bool, error) {
	info, err := c.UserInfo(ctx, name)
	if se := (*admin.Error)(nil); errors.As(err, &se) && se.Code == "XMinioIAMActionNotAllowed" {
		// user_info refuses a service account's or a temporary key's name this way.
		cur.Derived[name] = true
		return false, nil
	}
	if ok, err := found(err); !ok {
		return false, err
	}
	cur.Users[name] = admin.IAMUser{Status: info.Value.Status}
	cur.UserMappings[name] = admin.IAMMapping{Policy: info.Value.PolicyName}
	return true, nil
}

func readGroup(ctx context.Context, c *admin.Client, cur *Current, name string) (bool, error) {
	info, err := c.GroupInfo(ctx, name)
	if ok, err := found(err); !ok {
		return false, err
	}
	cur.Groups[name] = admin.IAMGroup{Status: info.Value.Status, Members: info.Value.Members}
	policy := info.Value.Policy
	if info.Value.Status == statusDisabled {
		// group_info hides a disabled group's policies; the (sealed) entity listing has them.
		ents, err := c.GetPolicyEntities(ctx, nil, []string{name}, nil)
		if err != nil {
			return false, err
		}
		var list []string
		for _, m := range ents.Value.GroupMappings {
			if m.Group == name {
				list = append(list, m.Policies...)
			}
		}
		policy = strings.Join(list, ",")
	}
	cur.GroupMappings[name] = admin.IAMMapping{Policy: policy}
	return true, nil
}

func readPolicy(ctx context.Context, c *admin.Client, cur *Current, name string) (bool, error) {
	info, err := c.PolicyInfo(ctx, name)
	if ok, err := found(err); !ok {
		return false, err
	}
	cur.Policies[name] = info.Value
	return true, nil
}

// readServiceAccount is a sealed call: the server has no unsealed per-account read.
func readServiceAccount(ctx context.Context, c *admin.Client, cur *Current, key string) (bool, error) {
	info, err := c.GetServiceAccount(ctx, key)
	if ok, err := found(err); !ok {
		return false, err
	}
	v := info.Value
	sa := admin.IAMServiceAccount{Parent: v.ParentUser, AccessKey: key, Status: v.AccountStatus, Name: v.Name,
		Description: v.Description, Expiration: v.Expiration}
	if !v.ImpliedPolicy && v.Policy != "" {
		sa.SessionPolicy = json.RawMessage(v.Policy)
	}
	cur.ServiceAccounts[key] = sa
	return true, nil
}

// readBucket reads one bucket: whether it exists, its quota and the settings w names.
func readBucket(ctx context.Context, c *admin.Client, cur *Current, name string, w BucketState) (bool, error) {
	ok, err := c.BucketExists(ctx, name)
	if !ok || err != nil {
		return false, err
	}
	want := &State{Buckets: map[string]BucketState{name: w}}
	return true, readBucketData(ctx, c, cur, []string{name}, settingsToRead(want, func(string) bool { return true }))
}

// ReadCaller reads what the client's own access rests on (CallerAccess), for prune.
func ReadCaller(ctx context.Context, c *admin.Client) (*CallerAccess, error) {
	a := &CallerAccess{Key: c.AccessKey(), User: c.AccessKey(), Groups: map[string]bool{}, Policies: map[string]bool{}}
	// The server names the user a derived key acts for (a service account's parent).
	ai, err := c.AccountInfo(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("prune: reading the caller's own account: %w", err)
	}
	if ai.Value.AccountName != "" {
		a.User = ai.Value.AccountName
	}
	ui, err := c.UserInfo(ctx, a.User)
	var se *admin.Error
	if errors.As(err, &se) && (se.StatusCode == http.StatusNotFound || se.Code == "XMinioAdminNoSuchUser") {
		return a, nil // the root user, or one from LDAP or OpenID: nothing prune could delete
	}
	if err != nil {
		return nil, fmt.Errorf("prune: reading the caller's user %s: %w", a.User, err)
	}
	for _, p := range admin.SplitList(ui.Value.PolicyName) {
		a.Policies[p] = true
	}
	for _, g := range ui.Value.MemberOf {
		a.Groups[g] = true
		gi, err := c.GroupInfo(ctx, g)
		if err != nil {
			return nil, fmt.Errorf("prune: reading the caller's group %s: %w", g, err)
		}
		for _, p := range admin.SplitList(gi.Value.Policy) {
			a.Policies[p] = true
		}
	}
	return a, nil
}

// found turns a not-found answer into (false, nil).
func found(err error) (bool, error) {
	if err == nil {
		return true, nil
	}
	if admin.IsNotFound(err) {
		return false, nil
	}
	return false, err
}
