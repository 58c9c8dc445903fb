package jobs

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/minioscript/minioscript/admin"
)

// model is an in-memory server: it applies a plan's changes as the executor's calls
// would, with the server's own side effects (deleting a user deletes its service
// accounts, mapping and memberships; deleting a group deletes its mapping).
func model(t *testing.T, cur *Current, p *Plan, want *State) *Current {
	t.Helper()
	m := copyCurrent(cur)
	for _, ch := range p.Changes {
		switch ch.Kind {
		case KindPolicy:
			if ch.Action == ActionDelete {
				delete(m.Policies, ch.Name)
			} else {
				m.Policies[ch.Name] = want.Policies[ch.Name]
			}
		case KindUser:
			w := want.Users[ch.Name]
			switch ch.Action {
			case ActionCreate:
				m.Users[ch.Name] = admin.IAMUser{SecretKey: w.SecretKey, Status: wantStatus(w.Status)}
			case ActionUpdate:
				u := m.Users[ch.Name]
				if _, ok := ch.After["secret_key"]; ok {
					u.SecretKey = w.SecretKey
				}
				u.Status = wantStatus(w.Status)
				m.Users[ch.Name] = u
			case ActionDelete:
				delete(m.Users, ch.Name)
				delete(m.UserMappings, ch.Name)
				for k, a := range m.ServiceAccounts {
					if a.Parent == ch.Name {
						delete(m.ServiceAccounts, k)
					}
				}
				for k, g := range m.Groups {
					g.Members = slices.DeleteFunc(slices.Clone(g.Members), func(s string) bool { return s == ch.Name })
					m.Groups[k] = g
				}
			}
		case KindMapping:
			x := &executor{want: want}
			name, isGroup, joined := x.mapping(ch)
			if isGroup {
				m.GroupMappings[name] = admin.IAMMapping{Policy: joined}
			} else {
				m.UserMappings[name] = admin.IAMMapping{Policy: joined}
			}
		case KindGroup:
			w := want.Groups[ch.Name]
			if ch.Action == ActionDelete {
				delete(m.Groups, ch.Name)
				delete(m.GroupMappings, ch.Name)
			} else {
				m.Groups[ch.Name] = admin.IAMGroup{Members: normList(w.Members), Status: wantStatus(w.Status)}
			}
		case KindServiceAccount:
			w := want.ServiceAccounts[ch.Name]
			status := map[string]string{statusEnabled: "on", statusDisabled: "off"}[wantStatus(w.Status)]
			switch {
			case ch.Action == ActionDelete:
				delete(m.ServiceAccounts, ch.Name)
			case ch.Action == ActionCreate || ch.Replace:
				m.ServiceAccounts[ch.Name] = admin.IAMServiceAccount{Parent: w.User, AccessKey: ch.Name, SecretKey: w.SecretKey,
					SessionPolicy: w.Policy, Name: w.Name, Description: w.Description, Expiration: w.Expiry, Status: status}
			default:
				a := m.ServiceAccounts[ch.Name]
				for k := range ch.After {
					switch k {
					case "secret_key":
						a.SecretKey = w.SecretKey
					case "name":
						a.Name = w.Name
					case "description":
						a.Description = w.Description
					case "policy":
						a.SessionPolicy = w.Policy
					case "expiry":
						a.Expiration = w.Expiry
					case "status":
						a.Status = status
					}
				}
				m.ServiceAccounts[ch.Name] = a
			}
		case KindBucket:
			w := want.Buckets[ch.Name]
			switch ch.Action {
			case ActionCreate:
				m.Buckets[ch.Name] = 0
				if q := w.Quota; q != nil {
					m.Buckets[ch.Name] = *q
				}
				m.BucketSettings[ch.Name] = modelSettings(BucketSettings{Versioning: VersioningOff, Encryption: EncryptionOff},
					w, ch.After, true)
			case ActionUpdate:
				if _, ok := ch.After["quota"]; ok {
					m.Buckets[ch.Name] = *w.Quota
				}
				m.BucketSettings[ch.Name] = modelSettings(m.BucketSettings[ch.Name], w, ch.After, false)
			case ActionDelete:
				delete(m.Buckets, ch.Name)
				delete(m.BucketSettings, ch.Name)
			}
		case KindKMSKey:
			m.KMSKeys[ch.Name] = true
		case KindLDAPMapping:
			var w []string
			if dn, ok := strings.CutPrefix(ch.Name, "group:"); ok {
				if want.LDAP != nil {
					w = want.LDAP.Groups[dn].Policies
				}
				m.LDAPGroups[normDN(dn)] = normList(w)
			} else {
				dn := strings.TrimPrefix(ch.Name, "user:")
				if want.LDAP != nil {
					w = want.LDAP.Users[dn].Policies
				}
				m.LDAPUsers[normDN(dn)] = normList(w)
			}
		default:
			t.Fatalf("unknown kind in %v", ch)
		}
	}
	return m
}

func copyCurrent(c *Current) *Current {
	b, err := json.Marshal(c)
	if err != nil {
		panic(err)
	}
	out := NewCurrent()
	if err := json.Unmarshal(b, out); err != nil {
		panic(err)
	}
	out.fill()
	return out
}

// gen makes random servers and states over small name pools, so that they overlap.
type gen struct{ r *rand.Rand }

func (g gen) pick(pool []string, n int) []string {
	out := []string{}
	for _, i := range g.r.Perm(len(pool))[:g.r.IntN(min(n, len(pool))+1)] {
		out = append(out, pool[i])
	}
	return out
}

func (g gen) status() string    { return []string{"", "enabled", "disabled", "on", "off"}[g.r.IntN(5)] }
func (g gen) secret() string    { return fmt.Sprintf("secret-%04d", g.r.IntN(3)) }
func (g gen) chance(n int) bool { return g.r.IntN(n) == 0 }

var (
	poolUsers    = []string{"ann", "ben", "cat", "dan", "eve", "fay"}
	poolGroups   = []string{"g1", "g2", "g3", "g4"}
	poolPolicies = []string{"p1", "p2", "p3", "p4"}
	poolAccounts = []string{"svc1", "svc2", "svc3", "svc4"}
	poolBuckets  = []string{"b1", "b2", "b3"}
	poolDocs     = []string{"a", "b"}
)

func (g gen) current() *Current {
	c := NewCurrent()
	c.Complete, c.Refs = true, true
	for _, p := range g.pick(poolPolicies, 3) {
		c.Policies[p] = doc(poolDocs[g.r.IntN(2)])
	}
	users := g.pick(poolUsers, 5)
	for _, u := range users {
		c.Users[u] = admin.IAMUser{SecretKey: g.secret(), Status: []string{"enabled", "disabled"}[g.r.IntN(2)]}
		if g.chance(2) {
			c.UserMappings[u] = admin.IAMMapping{Policy: strings.Join(g.pick(append(slices.Sorted(maps.Keys(c.Policies)), "readonly"), 2), ",")}
		}
	}
	for _, name := range g.pick(poolGroups, 3) {
		c.Groups[name] = admin.IAMGroup{Members: g.pick(users, 3), Status: []string{"enabled", "disabled", ""}[g.r.IntN(3)]}
		if g.chance(2) {
			c.GroupMappings[name] = admin.IAMMapping{Policy: strings.Join(g.pick(slices.Sorted(maps.Keys(c.Policies)), 2), ",")}
		}
	}
	if len(users) > 0 {
		for _, k := range g.pick(poolAccounts, 3) {
			a := admin.IAMServiceAccount{Parent: users[g.r.IntN(len(users))], AccessKey: k, SecretKey: g.secret(),
				Status: []string{"on", "off"}[g.r.IntN(2)], Name: []string{"", "bot"}[g.r.IntN(2)]}
			if g.chance(2) {
				a.SessionPolicy = doc(poolDocs[g.r.IntN(2)])
			}
			if g.chance(3) {
				e := time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)
				a.Expiration = &e
			}
			c.ServiceAccounts[k] = a
		}
	}
	for _, b := range g.pick(poolBuckets, 3) {
		c.Buckets[b] = uint64(g.r.IntN(3)) * 1024
		c.BucketSettings[b] = g.settings()
	}
	for _, k := range g.pick([]string{"k1", "k2", "k3"}, 2) {
		c.KMSKeys[k] = true
	}
	for _, dn := range g.pick(poolDNs, 3) {
		side := c.LDAPUsers
		if strings.HasPrefix(dn, "cn=") {
			side = c.LDAPGroups
		}
		side[normDN(dn)] = normList(g.pick(poolPolicies, 2))
	}
	return c
}

func (g gen) state(cur *Current) *State {
	st := &State{}
	if g.chance(3) {
		st.Policies = map[string]json.RawMessage{}
		for _, p := range g.pick(poolPolicies, 3) {
			st.Policies[p] = doc(poolDocs[g.r.IntN(2)])
		}
	}
	known := append(slices.Sorted(maps.Keys(st.Policies)), slices.Sorted(maps.Keys(cur.Policies))...)
	known = append(known, "readonly")
	policies := func() []string {
		if g.chance(2) {
			return nil
		}
		return g.pick(known, 2)
	}
	if !g.chance(3) {
		st.Users = map[string]UserState{}
		for _, u := range g.pick(poolUsers, 4) {
			if _, isAccount := cur.ServiceAccounts[u]; isAccount {
				continue
			}
			st.Users[u] = UserState{SecretKey: g.secret(), Status: g.status(), Policies: policies(), ResetSecret: g.chance(4)}
		}
	}
	users := append(slices.Sorted(maps.Keys(st.Users)), slices.Sorted(maps.Keys(cur.Users))...)
	if g.chance(2) {
		st.Groups = map[string]GroupState{}
		for _, name := range g.pick(poolGroups, 3) {
			st.Groups[name] = GroupState{Members: g.pick(users, 3), Status: g.status(), Policies: policies()}
		}
	}
	if g.chance(2) && len(users) > 0 {
		st.ServiceAccounts = map[string]ServiceAccountState{}
		for _, k := range g.pick(poolAccounts, 3) {
			a := ServiceAccountState{User: users[g.r.IntN(len(users))], SecretKey: g.secret(), Status: g.status(),
				Name: []string{"", "bot", "robot"}[g.r.IntN(3)], ResetSecret: g.chance(4)}
			if g.chance(2) {
				a.Policy = doc(poolDocs[g.r.IntN(2)])
			}
			if g.chance(3) {
				e := time.Date(2030+g.r.IntN(2), 1, 1, 0, 0, 0, 0, time.UTC)
				a.Expiry = &e
			}
			st.ServiceAccounts[k] = a
		}
	}
	if g.chance(2) {
		st.Buckets = map[string]BucketState{}
		for _, b := range g.pick(poolBuckets, 3) {
			var bs BucketState
			if g.chance(2) {
				bs.Quota = quota(uint64(g.r.IntN(3)) * 1024)
			}
			g.bucketState(&bs)
			st.Buckets[b] = bs
		}
	}
	if g.chance(2) {
		st.LDAP = g.ldapState(st)
	}
	if g.chance(2) {
		st.KMSKeys = g.pick([]string{"k1", "k2", "k3"}, 2)
	}
	return st
}

// manages tells whether a change's kind belongs to a section the state gives.
func manages(want *State, ch Change) bool {
	switch ch.Kind {
	case KindPolicy:
		return want.Policies != nil
	case KindUser:
		return want.Users != nil
	case KindGroup:
		return want.Groups != nil
	case KindServiceAccount:
		return want.ServiceAccounts != nil
	case KindBucket:
		return want.Buckets != nil
	case KindLDAPMapping:
		return want.LDAP != nil
	case KindKMSKey:
		return want.KMSKeys != nil
	case KindMapping:
		if strings.HasPrefix(ch.Name, "group:") {
			return want.Groups != nil
		}
		return want.Users != nil
	}
	return false
}

// unmanaged is the part of a server the state's missing sections stand for.
func unmanaged(want *State, before, c *Current) string {
	v := map[string]any{}
	if want.Policies == nil {
		v["policies"] = c.Policies
	}
	if want.Users == nil {
		v["users"], v["user_mappings"] = c.Users, c.UserMappings
	}
	if want.Groups == nil {
		groups := map[string]admin.IAMGroup{}
		for k, g := range c.Groups {
			g.Members = normList(g.Members)
			groups[k] = g
		}
		v["groups"], v["group_mappings"] = groups, c.GroupMappings
	}
	if want.ServiceAccounts == nil {
		v["service_accounts"] = c.ServiceAccounts
	}
	if want.Buckets == nil {
		v["buckets"], v["bucket_settings"] = c.Buckets, c.BucketSettings
	}
	if want.LDAP == nil {
		v["ldap"] = []any{c.LDAPUsers, c.LDAPGroups}
	}
	keys := maps.Clone(c.KMSKeys) // never deleted; keys the state names are added
	for _, k := range want.KMSKeys {
		delete(keys, k)
	}
	v["kms_keys"] = keys
	for name, w := range want.Buckets {
		// The settings a bucket's state leaves out stay as they are.
		if _, existed := before.Buckets[name]; !existed {
			continue // a new bucket's settings are the server's defaults
		}
		if s, ok := c.BucketSettings[name]; ok {
			named := bucketFields(w)
			for _, f := range allBucketFields {
				if !slices.Contains(named, f) {
					v["bucket "+name+" "+f] = settingValue(s, f)
				}
			}
		}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// TestDiffConverges: for thousands of random servers and states, applying the plan to
// an in-memory model of the server leaves nothing to do, touches no section the state
// leaves out, and the plan survives its JSON form.
func TestDiffConverges(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 500
	}
	r := rand.New(rand.NewPCG(16, 2026))
	g := gen{r}
	valid, changes := 0, 0
	for i := range n {
		cur := g.current()
		want := g.state(cur)
		opts := Options{Prune: g.chance(2), Caller: "root"}
		p, err := Diff(want, cur, opts)
		if err != nil {
			continue // a random state may well be invalid; TestDiffTable covers the errors
		}
		valid++
		changes += len(p.Changes)
		for _, ch := range p.Changes {
			if !manages(want, ch) {
				t.Fatalf("case %d: %s touches a section the state leaves out", i, ch.Line())
			}
		}
		after := model(t, cur, p, want)
		if a, b := unmanaged(want, cur, cur), unmanaged(want, cur, after); a != b {
			t.Fatalf("case %d: an unmanaged section changed\nplan:\n%s\nbefore %s\nafter  %s", i, PlanReport(p, false), a, b)
		}
		again, err := Diff(want, after, opts)
		if err != nil {
			t.Fatalf("case %d: the applied state is invalid: %v\nplan:\n%s", i, err, PlanReport(p, false))
		}
		if !again.Empty() {
			st, _ := json.Marshal(want)
			t.Fatalf("case %d: not converged\nstate %s\nplan:\n%s\nleft:\n%s", i, st, PlanReport(p, false), PlanReport(again, false))
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var back Plan
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("case %d: %v\n%s", i, err, b)
		}
		if err := Compare(p, &back); err != nil {
			t.Fatalf("case %d: the plan changed through JSON: %v", i, err)
		}
		if len(back.Changes) != len(p.Changes) || !reflect.DeepEqual(back.Changes, normPlan(p).Changes) {
			t.Fatalf("case %d: changes lost through JSON", i)
		}
	}
	if valid < n/2 || changes < valid {
		t.Fatalf("only %d of %d random states valid, %d changes: the generator needs work", valid, n, changes)
	}
	t.Logf("%d states, %d valid, %d changes", n, valid, changes)
}
