package jobs

import (
	"encoding/json"
	"strings"
)

var poolDNs = []string{"uid=alice,ou=people,dc=example,dc=org", "uid=bob,ou=people,dc=example,dc=org",
	"cn=devs,ou=groups,dc=example,dc=org", "cn=ops,ou=groups,dc=example,dc=org"}

// ldapState picks DNs and policies that exist (built-ins), written in other spellings
// than the server's.
func (g gen) ldapState(_ *State) *LDAPState {
	l := &LDAPState{}
	if g.chance(4) {
		return l // neither side managed
	}
	l.Users, l.Groups = map[string]LDAPMapping{}, map[string]LDAPMapping{}
	for _, dn := range g.pick(poolDNs, 3) {
		if g.chance(2) {
			dn = strings.ToUpper(dn[:1]) + strings.ReplaceAll(dn[1:], ",", ", ")
		}
		m := LDAPMapping{Policies: g.pick([]string{"readonly", "readwrite", "diagnostics"}, 2)}
		if strings.HasPrefix(strings.ToLower(dn), "cn=") {
			l.Groups[dn] = m
		} else {
			l.Users[dn] = m
		}
	}
	if g.chance(3) {
		l.Groups = nil
	}
	return l
}

const aliceDN = "uid=alice,ou=people,dc=example,dc=org"
const devsDN = "cn=devs,ou=groups,dc=example,dc=org"

func ldapDiffCases() []diffCase {
	withLDAP := func(users, groups map[string][]string) *Current {
		return server(func(c *Current) {
			for k, v := range users {
				c.LDAPUsers[k] = v
			}
			for k, v := range groups {
				c.LDAPGroups[k] = v
			}
			c.Policies["team"] = doc("t")
		})
	}
	ldap := func(users, groups map[string]LDAPMapping) *State {
		return &State{LDAP: &LDAPState{Users: users, Groups: groups}}
	}
	return []diffCase{
		{name: "ldap user mapping create", want: ldap(map[string]LDAPMapping{aliceDN: {Policies: []string{"readwrite", "readonly"}}}, nil),
			cur: withLDAP(nil, nil), lines: []string{"+ ldap_mapping user:" + aliceDN + " policies=readonly,readwrite"}},
		{name: "ldap group mapping update", want: ldap(nil, map[string]LDAPMapping{devsDN: {Policies: []string{"team"}}}),
			cur:   withLDAP(nil, map[string][]string{devsDN: {"readonly"}}),
			lines: []string{"~ ldap_mapping group:" + devsDN + " policies: readonly → team"}},
		{name: "ldap mapping removed", want: ldap(map[string]LDAPMapping{aliceDN: {Policies: []string{}}}, nil),
			cur: withLDAP(map[string][]string{aliceDN: {"readonly"}}, nil), lines: []string{"- ldap_mapping user:" + aliceDN + " policies=readonly"}},
		{name: "ldap DN in another spelling is unchanged", want: ldap(map[string]LDAPMapping{"UID=Alice, OU=people, dc=example, dc=org": {Policies: []string{"readonly"}}}, nil),
			cur: withLDAP(map[string][]string{aliceDN: {"readonly"}}, nil), unchanged: 1},
		{name: "ldap DNs not named are left alone", want: ldap(map[string]LDAPMapping{}, map[string]LDAPMapping{}),
			cur: withLDAP(map[string][]string{aliceDN: {"readonly"}}, map[string][]string{devsDN: {"team"}})},
		{name: "ldap prune", want: ldap(map[string]LDAPMapping{}, nil), opts: Options{Prune: true},
			cur:   withLDAP(map[string][]string{aliceDN: {"readonly"}}, map[string][]string{devsDN: {"team"}}),
			lines: []string{"- ldap_mapping user:" + aliceDN + " policies=readonly"}},
		{name: "policy prune keeps a policy an LDAP group has", want: &State{Policies: map[string]json.RawMessage{}}, opts: Options{Prune: true},
			cur: withLDAP(nil, map[string][]string{devsDN: {"team"}})},
		{name: "policy prune deletes a policy whose LDAP mapping goes", want: &State{Policies: map[string]json.RawMessage{},
			LDAP: &LDAPState{Groups: map[string]LDAPMapping{}}}, opts: Options{Prune: true},
			cur:   withLDAP(nil, map[string][]string{devsDN: {"team"}}),
			lines: []string{"- ldap_mapping group:" + devsDN + " policies=team", "- policy team document=" + canon("t")}},
		{name: "invalid: ldap mapping to a missing policy", want: ldap(map[string]LDAPMapping{aliceDN: {Policies: []string{"nope"}}}, nil),
			cur: withLDAP(nil, nil), err: []string{"ldap user " + aliceDN, "policy nope does not exist"}},
		{name: "invalid: ldap name not a DN", want: ldap(map[string]LDAPMapping{"alice": {Policies: []string{"readonly"}}}, nil),
			cur: withLDAP(nil, nil), err: []string{"ldap user alice", "a DN"}},
		{name: "invalid: ldap DN twice", want: ldap(map[string]LDAPMapping{aliceDN: {}, strings.ToUpper(aliceDN): {}}, nil),
			cur: withLDAP(nil, nil), err: []string{"the same DN as"}},
	}
}

func kmsDiffCases() []diffCase {
	keys := server(func(c *Current) { c.KMSKeys["k1"] = true; c.KMSKeys["old"] = true; c.KMSKeys["k2"] = false })
	return []diffCase{
		{name: "kms key created when missing", want: &State{KMSKeys: []string{"k2", "k1", "k2"}}, cur: keys,
			lines: []string{"+ kms_key k2"}, unchanged: 1},
		{name: "kms keys never pruned", want: &State{KMSKeys: []string{}}, opts: Options{Prune: true}, cur: keys},
		{name: "kms key before the bucket encrypted with it", want: &State{KMSKeys: []string{"k2"},
			Buckets: map[string]BucketState{"b1": {Encryption: "sse-kms:k2"}}}, cur: keys,
			lines: []string{"+ kms_key k2", "+ bucket b1 encryption=sse-kms:k2"}},
		{name: "invalid: kms key name", want: &State{KMSKeys: []string{"a b"}}, cur: keys, err: []string{`kms key "a b"`}},
	}
}
