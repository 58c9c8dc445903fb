package jobs

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/minioscript/minioscript/admin"
)

// The engine without a server: Diff is pure, so every case is a wanted state, a
// server state and the plan expected, as the lines the renderer prints.

func doc(resource string) json.RawMessage {
	return json.RawMessage(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::` + resource + `/*"}]}`)
}

// canon is doc as the plan shows it.
func canon(resource string) string { return admin.CanonicalPolicy(doc(resource)) }

func quota(n uint64) *uint64 { return &n }

// server builds a Current the way an export reads: complete, references readable.
func server(build func(c *Current)) *Current {
	c := NewCurrent()
	c.Complete, c.Refs = true, true
	if build != nil {
		build(c)
	}
	return c
}

var expiry = time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)

type diffCase struct {
	name      string
	want      *State
	cur       *Current
	opts      Options
	lines     []string // the plan, one Line per change, in order
	unchanged int
	err       []string // substrings of the validation error; lines then unused
	warnings  []string // substrings of the plan's warnings, one each, in order
}

func diffCases() []diffCase {
	withUser := func(name, status, secret string) func(c *Current) {
		return func(c *Current) { c.Users[name] = admin.IAMUser{SecretKey: secret, Status: status} }
	}
	return []diffCase{
		// Policies.
		{name: "policy create", want: &State{Policies: map[string]json.RawMessage{"p1": doc("a")}}, cur: server(nil),
			lines: []string{"+ policy p1 document=" + canon("a")}},
		{name: "policy unchanged written otherwise", want: &State{Policies: map[string]json.RawMessage{"p1": json.RawMessage(
			`{"Statement":{"Resource":"arn:aws:s3:::a/*","Action":["s3:GetObject"],"Effect":"Allow"},"Version":"2012-10-17"}`)}},
			cur: server(func(c *Current) { c.Policies["p1"] = doc("a") }), unchanged: 1},
		{name: "policy update", want: &State{Policies: map[string]json.RawMessage{"p1": doc("b")}},
			cur:   server(func(c *Current) { c.Policies["p1"] = doc("a") }),
			lines: []string{"~ policy p1 document: " + canon("a") + " → " + canon("b")}},
		{name: "policy prune", want: &State{Policies: map[string]json.RawMessage{}}, opts: Options{Prune: true},
			cur:   server(func(c *Current) { c.Policies["old"] = doc("o") }),
			lines: []string{"- policy old document=" + canon("o")}},
		{name: "policy prune keeps built-ins", want: &State{Policies: map[string]json.RawMessage{}}, opts: Options{Prune: true},
			cur: server(func(c *Current) { c.Policies["readwrite"] = doc("x"); c.Policies["consoleAdmin"] = doc("y") })},
		{name: "policy not pruned without prune", want: &State{Policies: map[string]json.RawMessage{}},
			cur: server(func(c *Current) { c.Policies["old"] = doc("o") })},
		{name: "policy prune keeps a policy a user still maps", want: &State{Policies: map[string]json.RawMessage{}}, opts: Options{Prune: true},
			cur: server(func(c *Current) {
				c.Policies["used"] = doc("u")
				withUser("alice", "enabled", "alice-secret")(c)
				c.UserMappings["alice"] = admin.IAMMapping{Policy: "used"}
			})},

		// Users.
		{name: "user create", want: &State{Users: map[string]UserState{"alice": {SecretKey: "alice-secret"}}}, cur: server(nil),
			lines: []string{"+ user alice secret_key=(secret) status=enabled"}},
		{name: "user create disabled", want: &State{Users: map[string]UserState{"alice": {SecretKey: "alice-secret", Status: "off"}}},
			cur: server(nil), lines: []string{"+ user alice secret_key=(secret) status=disabled"}},
		{name: "user unchanged keeps its secret", want: &State{Users: map[string]UserState{"alice": {SecretKey: "other-secret"}}},
			cur: server(withUser("alice", "enabled", "alice-secret")), unchanged: 1},
		{name: "user status update", want: &State{Users: map[string]UserState{"alice": {Status: "disabled"}}},
			cur: server(withUser("alice", "enabled", "alice-secret")), lines: []string{"~ user alice status: enabled → disabled"}},
		{name: "user enable", want: &State{Users: map[string]UserState{"alice": {}}},
			cur: server(withUser("alice", "disabled", "alice-secret")), lines: []string{"~ user alice status: disabled → enabled"}},
		{name: "user reset secret", want: &State{Users: map[string]UserState{"alice": {SecretKey: "new-secret-1", ResetSecret: true}}},
			cur: server(withUser("alice", "enabled", "alice-secret")), lines: []string{"~ user alice secret_key: (secret) → (secret)"}},
		{name: "user reset to the same secret is unchanged", want: &State{Users: map[string]UserState{"alice": {SecretKey: "alice-secret", ResetSecret: true}}},
			cur: server(withUser("alice", "enabled", "alice-secret")), unchanged: 1},
		{name: "user reset with the secret unknown", want: &State{Users: map[string]UserState{"alice": {SecretKey: "alice-secret", ResetSecret: true}}},
			cur: server(withUser("alice", "enabled", "")), lines: []string{"~ user alice secret_key: (secret) → (secret)"}},
		{name: "user prune", want: &State{Users: map[string]UserState{}}, opts: Options{Prune: true},
			cur: server(withUser("bob", "enabled", "bob-secret")), lines: []string{"- user bob status=enabled"}},
		{name: "user prune spares the caller", want: &State{Users: map[string]UserState{}}, opts: Options{Prune: true, Caller: "admin"},
			cur: server(withUser("admin", "enabled", "admin-secret"))},
		{name: "user prune spares the parent of a kept service account", want: &State{Users: map[string]UserState{}}, opts: Options{Prune: true},
			cur: server(func(c *Current) {
				withUser("bob", "enabled", "bob-secret")(c)
				c.ServiceAccounts["svc1"] = admin.IAMServiceAccount{Parent: "bob", AccessKey: "svc1"}
			})},
		{name: "user prune spares a member of an unmanaged group", want: &State{Users: map[string]UserState{}}, opts: Options{Prune: true},
			cur: server(func(c *Current) {
				withUser("bob", "enabled", "bob-secret")(c)
				c.Groups["g1"] = admin.IAMGroup{Members: []string{"bob"}}
			})},
		{name: "user prune with its service accounts", want: &State{Users: map[string]UserState{}, ServiceAccounts: map[string]ServiceAccountState{}},
			opts: Options{Prune: true}, cur: server(func(c *Current) {
				withUser("bob", "enabled", "bob-secret")(c)
				c.ServiceAccounts["svc1"] = admin.IAMServiceAccount{Parent: "bob", AccessKey: "svc1"}
			}), lines: []string{"- service_account svc1 user=bob", "- user bob status=enabled"}},

		// Mappings.
		{name: "user mapping create", want: &State{Users: map[string]UserState{"alice": {Policies: []string{"readonly"}}}},
			cur: server(withUser("alice", "enabled", "alice-secret")), unchanged: 1, lines: []string{"+ mapping user:alice policies=readonly"}},
		{name: "user mapping update, sorted", want: &State{Users: map[string]UserState{"alice": {Policies: []string{"readwrite", "readonly"}}}},
			cur: server(func(c *Current) {
				withUser("alice", "enabled", "alice-secret")(c)
				c.UserMappings["alice"] = admin.IAMMapping{Policy: "readonly"}
			}), unchanged: 1, lines: []string{"~ mapping user:alice policies: readonly → readonly,readwrite"}},
		{name: "user mapping delete", want: &State{Users: map[string]UserState{"alice": {Policies: []string{}}}},
			cur: server(func(c *Current) {
				withUser("alice", "enabled", "alice-secret")(c)
				c.UserMappings["alice"] = admin.IAMMapping{Policy: "readonly"}
			}), unchanged: 1, lines: []string{"- mapping user:alice policies=readonly"}},
		{name: "user mapping same set", want: &State{Users: map[string]UserState{"alice": {Policies: []string{"readwrite", "readonly", "readonly"}}}},
			cur: server(func(c *Current) {
				withUser("alice", "enabled", "alice-secret")(c)
				c.UserMappings["alice"] = admin.IAMMapping{Policy: "readonly, readwrite"}
			}), unchanged: 2},
		{name: "user mapping nil left alone", want: &State{Users: map[string]UserState{"alice": {}}},
			cur: server(func(c *Current) {
				withUser("alice", "enabled", "alice-secret")(c)
				c.UserMappings["alice"] = admin.IAMMapping{Policy: "readonly"}
			}), unchanged: 1},
		{name: "group mapping create", want: &State{Groups: map[string]GroupState{"g1": {Policies: []string{"readonly"}}}},
			cur: server(func(c *Current) { c.Groups["g1"] = admin.IAMGroup{} }), unchanged: 1,
			lines: []string{"+ mapping group:g1 policies=readonly"}},
		{name: "mapping of a new user to a new policy comes after both", want: &State{
			Policies: map[string]json.RawMessage{"p1": doc("a")}, Users: map[string]UserState{"alice": {SecretKey: "alice-secret", Policies: []string{"p1"}}}},
			cur: server(nil), lines: []string{"+ policy p1 document=" + canon("a"), "+ user alice secret_key=(secret) status=enabled", "+ mapping user:alice policies=p1"}},

		// Groups.
		{name: "group create", want: &State{Groups: map[string]GroupState{"g1": {Members: []string{"bob", "alice"}}}},
			cur: server(func(c *Current) {
				withUser("alice", "enabled", "a-secret-1")(c)
				withUser("bob", "enabled", "b-secret-1")(c)
			}),
			lines: []string{"+ group g1 members=alice,bob status=enabled"}},
		{name: "group create disabled and empty", want: &State{Groups: map[string]GroupState{"g1": {Status: "disabled"}}}, cur: server(nil),
			lines: []string{"+ group g1 members=\"\" status=disabled"}},
		{name: "group members update", want: &State{Groups: map[string]GroupState{"g1": {Members: []string{"bob"}}}},
			cur: server(func(c *Current) {
				withUser("alice", "enabled", "a-secret-1")(c)
				withUser("bob", "enabled", "b-secret-1")(c)
				c.Groups["g1"] = admin.IAMGroup{Members: []string{"alice"}, Status: "enabled"}
			}), lines: []string{"~ group g1 members: alice → bob"}},
		{name: "group status update", want: &State{Groups: map[string]GroupState{"g1": {Status: "disabled"}}},
			cur: server(func(c *Current) { c.Groups["g1"] = admin.IAMGroup{} }), lines: []string{"~ group g1 status: enabled → disabled"}},
		{name: "group unchanged", want: &State{Groups: map[string]GroupState{"g1": {Members: []string{"alice"}}}},
			cur: server(func(c *Current) {
				withUser("alice", "enabled", "a-secret-1")(c)
				c.Groups["g1"] = admin.IAMGroup{Members: []string{"alice"}, Status: "enabled"}
			}), unchanged: 1},
		{name: "group prune empties then deletes", want: &State{Groups: map[string]GroupState{}}, opts: Options{Prune: true},
			cur: server(func(c *Current) {
				withUser("alice", "enabled", "a-secret-1")(c)
				c.Groups["g1"] = admin.IAMGroup{Members: []string{"alice"}}
			}), lines: []string{"- group g1 members=alice status=enabled"}},

		// Service accounts.
		{name: "service account create", want: &State{ServiceAccounts: map[string]ServiceAccountState{"svc1": {User: "alice",
			SecretKey: "svc-secret-1", Name: "bot", Description: "the bot", Policy: doc("a"), Expiry: &expiry}}},
			cur: server(withUser("alice", "enabled", "a-secret-1")),
			lines: []string{"+ service_account svc1 description=\"the bot\" expiry=2030-01-02T03:04:05Z name=bot policy=" + canon("a") +
				" secret_key=(secret) status=enabled user=alice"}},
		{name: "service account create disabled", want: &State{ServiceAccounts: map[string]ServiceAccountState{"svc1": {User: "alice",
			SecretKey: "svc-secret-1", Status: "disabled"}}}, cur: server(withUser("alice", "enabled", "a-secret-1")),
			lines: []string{"+ service_account svc1 secret_key=(secret) status=disabled user=alice"}},
		{name: "service account unchanged", want: &State{ServiceAccounts: map[string]ServiceAccountState{"svc1": {User: "alice", SecretKey: "x"}}},
			cur: server(func(c *Current) {
				withUser("alice", "enabled", "a-secret-1")(c)
				c.ServiceAccounts["svc1"] = admin.IAMServiceAccount{Parent: "alice", AccessKey: "svc1", Status: "on"}
			}), unchanged: 1},
		{name: "service account update fields", want: &State{ServiceAccounts: map[string]ServiceAccountState{"svc1": {User: "alice",
			Name: "new", Description: "now", Policy: doc("b"), Expiry: &expiry, Status: "disabled"}}},
			cur: server(func(c *Current) {
				withUser("alice", "enabled", "a-secret-1")(c)
				c.ServiceAccounts["svc1"] = admin.IAMServiceAccount{Parent: "alice", AccessKey: "svc1", Status: "on", Name: "old",
					SessionPolicy: doc("a")}
			}), lines: []string{"~ service_account svc1 description: \"\" → now, expiry: \"\" → 2030-01-02T03:04:05Z, name: old → new, policy: " +
				canon("a") + " → " + canon("b") + ", status: enabled → disabled"}},
		{name: "service account new parent re-creates", want: &State{ServiceAccounts: map[string]ServiceAccountState{"svc1": {User: "bob", SecretKey: "svc-secret-1"}}},
			cur: server(func(c *Current) {
				withUser("alice", "enabled", "a-secret-1")(c)
				withUser("bob", "enabled", "b-secret-1")(c)
				c.ServiceAccounts["svc1"] = admin.IAMServiceAccount{Parent: "alice", AccessKey: "svc1"}
			}), lines: []string{"~ service_account svc1 secret_key: (secret) → (secret), user: alice → bob"}},
		{name: "service account reset secret", want: &State{ServiceAccounts: map[string]ServiceAccountState{"svc1": {User: "alice",
			SecretKey: "svc-secret-2", ResetSecret: true}}},
			cur: server(func(c *Current) {
				withUser("alice", "enabled", "a-secret-1")(c)
				c.ServiceAccounts["svc1"] = admin.IAMServiceAccount{Parent: "alice", AccessKey: "svc1", SecretKey: "svc-secret-1"}
			}), lines: []string{"~ service_account svc1 secret_key: (secret) → (secret)"}},
		{name: "service account prune", want: &State{ServiceAccounts: map[string]ServiceAccountState{}}, opts: Options{Prune: true},
			cur: server(func(c *Current) {
				c.ServiceAccounts["svc1"] = admin.IAMServiceAccount{Parent: "alice", AccessKey: "svc1"}
			}), lines: []string{"- service_account svc1 user=alice"}},

		// Buckets.
		{name: "bucket create", want: &State{Buckets: map[string]BucketState{"b1": {}}}, cur: server(nil), lines: []string{"+ bucket b1"}},
		{name: "bucket create with quota", want: &State{Buckets: map[string]BucketState{"b1": {Quota: quota(1024)}}}, cur: server(nil),
			lines: []string{"+ bucket b1 quota=1024"}},
		{name: "bucket quota update", want: &State{Buckets: map[string]BucketState{"b1": {Quota: quota(2048)}}},
			cur: server(func(c *Current) { c.Buckets["b1"] = 1024 }), lines: []string{"~ bucket b1 quota: 1024 → 2048"}},
		{name: "bucket quota removed", want: &State{Buckets: map[string]BucketState{"b1": {Quota: quota(0)}}},
			cur: server(func(c *Current) { c.Buckets["b1"] = 1024 }), lines: []string{"~ bucket b1 quota: 1024 → 0"}},
		{name: "bucket quota left alone", want: &State{Buckets: map[string]BucketState{"b1": {}}},
			cur: server(func(c *Current) { c.Buckets["b1"] = 1024 }), unchanged: 1},
		{name: "bucket prune", want: &State{Buckets: map[string]BucketState{}}, opts: Options{Prune: true},
			cur: server(func(c *Current) { c.Buckets["old"] = 0 }), lines: []string{"- bucket old"}},

		// Sections and prune.
		{name: "a section left out is not pruned", want: &State{Users: map[string]UserState{}}, opts: Options{Prune: true},
			cur: server(func(c *Current) {
				c.Policies["p1"] = doc("a")
				c.Groups["g1"] = admin.IAMGroup{}
				c.Buckets["b1"] = 0
				c.ServiceAccounts["svc9"] = admin.IAMServiceAccount{Parent: "x"}
			})},
		{name: "prune needs a complete listing", want: &State{Users: map[string]UserState{}}, opts: Options{Prune: true},
			cur: func() *Current { c := server(withUser("bob", "enabled", "b-secret-1")); c.Complete = false; return c }()},
		{name: "prune order: accounts, groups, users, policies and buckets", opts: Options{Prune: true},
			want: &State{Policies: map[string]json.RawMessage{}, Users: map[string]UserState{}, Groups: map[string]GroupState{},
				ServiceAccounts: map[string]ServiceAccountState{}, Buckets: map[string]BucketState{}},
			cur: server(func(c *Current) {
				c.Policies["p1"] = doc("a")
				withUser("bob", "enabled", "b-secret-1")(c)
				c.Groups["g1"] = admin.IAMGroup{Members: []string{"bob"}}
				c.ServiceAccounts["svc1"] = admin.IAMServiceAccount{Parent: "bob"}
				c.Buckets["b1"] = 0
			}), lines: []string{"- service_account svc1 user=bob", "- group g1 members=bob status=enabled", "- user bob status=enabled",
				"- policy p1 document=" + canon("a"), "- bucket b1"}},
		{name: "creates come in stage order", want: &State{
			Policies: map[string]json.RawMessage{"p1": doc("a")}, Users: map[string]UserState{"alice": {SecretKey: "alice-secret"}},
			Groups:          map[string]GroupState{"g1": {Members: []string{"alice"}, Policies: []string{"p1"}}},
			ServiceAccounts: map[string]ServiceAccountState{"svc1": {User: "alice", SecretKey: "svc-secret-1"}},
			Buckets:         map[string]BucketState{"b1": {}}}, cur: server(nil),
			lines: []string{"+ policy p1 document=" + canon("a"), "+ user alice secret_key=(secret) status=enabled", "+ bucket b1",
				"+ group g1 members=alice status=enabled", "+ service_account svc1 secret_key=(secret) status=enabled user=alice",
				"+ mapping group:g1 policies=p1"}},
		{name: "nothing wanted, nothing to do", want: &State{}, cur: server(withUser("bob", "enabled", "b-secret-1")), opts: Options{Prune: true}},
		{name: "a nil state is the empty state", want: nil, cur: nil},

		// Validation.
		{name: "invalid: built-in policy", want: &State{Policies: map[string]json.RawMessage{"readwrite": doc("a")}}, cur: server(nil),
			err: []string{"policy readwrite: a built-in policy cannot be managed"}},
		{name: "invalid: policy without statements", want: &State{Policies: map[string]json.RawMessage{"p1": json.RawMessage(`{"Statement":[]}`)}},
			cur: server(nil), err: []string{"at least one statement"}},
		{name: "invalid: policy not JSON", want: &State{Policies: map[string]json.RawMessage{"p1": json.RawMessage(`nope`)}},
			cur: server(nil), err: []string{"not a JSON object"}},
		{name: "invalid: empty name", want: &State{Users: map[string]UserState{"": {SecretKey: "long-enough"}}}, cur: server(nil),
			err: []string{`user "": a name must not be empty`}},
		{name: "invalid: name with spaces", want: &State{Buckets: map[string]BucketState{" b1": {}}}, cur: server(nil),
			err: []string{`bucket " b1"`}},
		{name: "invalid: short user", want: &State{Users: map[string]UserState{"ab": {SecretKey: "long-enough"}}}, cur: server(nil),
			err: []string{"at least 3 characters"}},
		{name: "invalid: user with a comma", want: &State{Users: map[string]UserState{"a,b": {SecretKey: "long-enough"}}}, cur: server(nil),
			err: []string{"no '=' or ','"}},
		{name: "invalid: short user secret", want: &State{Users: map[string]UserState{"alice": {SecretKey: "short"}}}, cur: server(nil),
			err: []string{"secret_key needs at least 8 characters"}},
		{name: "invalid: reset without a secret", want: &State{Users: map[string]UserState{"alice": {ResetSecret: true}}},
			cur: server(withUser("alice", "enabled", "a-secret-1")), err: []string{"secret_key needs at least 8"}},
		{name: "invalid: the caller", want: &State{Users: map[string]UserState{"admin": {SecretKey: "long-enough"}}}, cur: server(nil),
			opts: Options{Caller: "admin"}, err: []string{"the client's own access key"}},
		{name: "invalid: user is a service account", want: &State{Users: map[string]UserState{"svc1": {SecretKey: "long-enough"}}},
			cur: server(func(c *Current) { c.ServiceAccounts["svc1"] = admin.IAMServiceAccount{} }), err: []string{"the name is a service account"}},
		{name: "invalid: unknown mapped policy", want: &State{Users: map[string]UserState{"alice": {SecretKey: "long-enough", Policies: []string{"nope"}}}},
			cur: server(nil), err: []string{"policy nope does not exist"}},
		{name: "invalid: bad status", want: &State{Users: map[string]UserState{"alice": {SecretKey: "long-enough", Status: "maybe"}}},
			cur: server(nil), err: []string{`status: "enabled" or "disabled" expected, got "maybe"`}},
		{name: "invalid: group member not a user", want: &State{Groups: map[string]GroupState{"g1": {Members: []string{"nobody"}}}},
			cur: server(nil), err: []string{"member nobody is not a user"}},
		{name: "invalid: group mapping unknown policy", want: &State{Groups: map[string]GroupState{"g1": {Policies: []string{"nope"}}}},
			cur: server(nil), err: []string{"group g1: invalid group g1"[:0] + "policy nope does not exist"}},
		{name: "invalid: group bad status", want: &State{Groups: map[string]GroupState{"g1": {Status: "x"}}}, cur: server(nil),
			err: []string{"group g1", "status"}},
		{name: "invalid: service account key too short", want: &State{ServiceAccounts: map[string]ServiceAccountState{"s1": {User: "alice", SecretKey: "long-enough"}}},
			cur: server(nil), err: []string{"3 to 20 characters"}},
		{name: "invalid: service account key too long", want: &State{ServiceAccounts: map[string]ServiceAccountState{strings.Repeat("s", 21): {User: "alice", SecretKey: "long-enough"}}},
			cur: server(nil), err: []string{"3 to 20 characters"}},
		{name: "invalid: service account is a user", want: &State{ServiceAccounts: map[string]ServiceAccountState{"alice": {User: "bob", SecretKey: "long-enough"}},
			Users: map[string]UserState{"alice": {SecretKey: "long-enough"}}}, cur: server(nil), err: []string{"the access key is a user"}},
		{name: "invalid: service account without parent", want: &State{ServiceAccounts: map[string]ServiceAccountState{"svc1": {SecretKey: "long-enough"}}},
			cur: server(nil), err: []string{"user (the parent) is required"}},
		{name: "invalid: service account secret too long", want: &State{ServiceAccounts: map[string]ServiceAccountState{"svc1": {User: "a", SecretKey: strings.Repeat("x", 41)}}},
			cur: server(nil), err: []string{"secret_key needs 8 to 40 characters"}},
		{name: "invalid: service account policy", want: &State{ServiceAccounts: map[string]ServiceAccountState{"svc1": {User: "a", SecretKey: "long-enough",
			Policy: json.RawMessage(`{}`)}}}, cur: server(nil), err: []string{"policy: a policy needs at least one statement"}},
		{name: "invalid: service account bad status", want: &State{ServiceAccounts: map[string]ServiceAccountState{"svc1": {User: "a", SecretKey: "long-enough",
			Status: "paused"}}}, cur: server(nil), err: []string{"service account svc1", "paused"}},
		{name: "invalid: every problem at once, named by the op", opts: Options{Op: "ensure_user"},
			want: &State{Policies: map[string]json.RawMessage{"readonly": doc("a")}, Users: map[string]UserState{"ab": {}, "alice": {SecretKey: "x"}}},
			cur:  server(nil), err: []string{"ensure_user: invalid policy readonly", "ensure_user: invalid user ab", "ensure_user: invalid user alice"}},
		{name: "service account prune spares the caller's own key", want: &State{ServiceAccounts: map[string]ServiceAccountState{}},
			opts: Options{Prune: true, Caller: "svc1"}, cur: server(func(c *Current) {
				c.ServiceAccounts["svc1"] = admin.IAMServiceAccount{Parent: "bob", AccessKey: "svc1"}
				c.ServiceAccounts["svc2"] = admin.IAMServiceAccount{Parent: "bob", AccessKey: "svc2"}
			}), lines: []string{"- service_account svc2 user=bob"}},
		{name: "invalid: a control character in a name", want: &State{Users: map[string]UserState{"new\nuser": {SecretKey: "long-enough"}}},
			cur: server(nil), err: []string{`user "new\nuser"`, "control character"}},
		{name: "invalid: a member name not UTF-8", want: &State{Groups: map[string]GroupState{"g1": {Members: []string{"\xff"}}}},
			cur: server(nil), err: []string{`member of group g1 "\xff"`, "valid UTF-8"}},
		{name: "invalid: group member is a service account", want: &State{Groups: map[string]GroupState{"g1": {Members: []string{"svc1"}}}},
			cur: server(func(c *Current) { c.ServiceAccounts["svc1"] = admin.IAMServiceAccount{} }),
			err: []string{"group g1", "member svc1 is a service account (or temporary key), not a user"}},
		{name: "invalid: group member user_info refused (per-object read)", want: &State{Groups: map[string]GroupState{"g1": {Members: []string{"tmpkey"}}}},
			cur: func() *Current { c := NewCurrent(); c.Derived["tmpkey"] = true; return c }(),
			err: []string{"member tmpkey is a service account (or temporary key)"}},
		{name: "invalid: user named as a temporary key", want: &State{Users: map[string]UserState{"tmpkey": {SecretKey: "long-enough"}}},
			cur: func() *Current { c := NewCurrent(); c.Derived["tmpkey"] = true; return c }(),
			err: []string{"user tmpkey: the name is a service account (or temporary key)"}},
		{name: "references are left to the server on per-object reads",
			want: &State{Users: map[string]UserState{"alice": {SecretKey: "long-enough", Policies: []string{"nope"}}},
				Groups: map[string]GroupState{"g1": {Members: []string{"nobody"}}}},
			cur: NewCurrent(), lines: []string{"+ user alice secret_key=(secret) status=enabled", "+ group g1 members=nobody status=enabled",
				"+ mapping user:alice policies=nope"}},
	}
}

func TestDiffTable(t *testing.T) {
	cases := slices.Concat(diffCases(), bucketDiffCases(), ldapDiffCases(), kmsDiffCases(), configDiffCases())
	if len(cases) < 60 {
		t.Fatalf("%d cases, the issue asks for 60+", len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Diff(tc.want, tc.cur, tc.opts)
			if len(tc.err) > 0 {
				if err == nil {
					t.Fatalf("no error; plan:\n%s", PlanReport(p, false))
				}
				for _, s := range tc.err {
					if !strings.Contains(err.Error(), s) {
						t.Fatalf("error lacks %q:\n%v", s, err)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, ch := range p.Changes {
				got = append(got, ch.Line())
			}
			if strings.Join(got, "\n") != strings.Join(tc.lines, "\n") {
				t.Fatalf("plan:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.lines, "\n"))
			}
			if p.Unchanged != tc.unchanged {
				t.Fatalf("unchanged %d, want %d", p.Unchanged, tc.unchanged)
			}
			if len(p.Warnings) != len(tc.warnings) {
				t.Fatalf("warnings %q, want %q", p.Warnings, tc.warnings)
			}
			for i, w := range tc.warnings {
				if !strings.Contains(p.Warnings[i], w) {
					t.Fatalf("warning %q lacks %q", p.Warnings[i], w)
				}
			}
			for _, ch := range p.Changes {
				if strings.Contains(fmt.Sprint(ch.Before, ch.After), "secret-") || strings.Contains(fmt.Sprint(ch.After), "long-enough") {
					t.Fatalf("a secret in the plan: %v", ch)
				}
			}
		})
	}
}

// Issue 19, item 1, without a server: a prune that deletes what the caller's access rests
// on is refused with the whole plan; one that spares it goes ahead.
func TestDiffPruneSparesTheCallersAccess(t *testing.T) {
	cur := server(func(c *Current) {
		for _, u := range []string{"opuser", "groupop", "bystander"} {
			c.Users[u] = admin.IAMUser{Status: "enabled"}
		}
		c.ServiceAccounts["svcadmin1"] = admin.IAMServiceAccount{Parent: "opuser", AccessKey: "svcadmin1"}
		c.Groups["admins"] = admin.IAMGroup{Members: []string{"groupop"}}
		c.Policies["grouppol"] = doc("g")
		c.GroupMappings["admins"] = admin.IAMMapping{Policy: "grouppol"}
	})
	access := &CallerAccess{Key: "svcadmin1", User: "opuser", Groups: map[string]bool{}, Policies: map[string]bool{}}
	want := &State{Users: map[string]UserState{}, ServiceAccounts: map[string]ServiceAccountState{}}
	_, err := Diff(want, cur, Options{Prune: true, Caller: "svcadmin1", Access: access})
	var pe *PruneError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "user opuser (the parent of the caller's key svcadmin1)") ||
		!strings.Contains(err.Error(), "- user bystander") || strings.Contains(err.Error(), "svcadmin1 user=") {
		t.Fatalf("parent: %v", err)
	}

	access = &CallerAccess{Key: "groupop", User: "groupop", Groups: map[string]bool{"admins": true}, Policies: map[string]bool{"grouppol": true}}
	want = &State{Users: map[string]UserState{"opuser": {}}, Groups: map[string]GroupState{}, Policies: map[string]json.RawMessage{}}
	_, err = Diff(want, cur, Options{Prune: true, Caller: "groupop", Access: access})
	if !errors.As(err, &pe) || len(pe.Objects) != 2 || pe.Plan.Deleted != 3 {
		t.Fatalf("group and policy: %v", err)
	}

	want = &State{Users: map[string]UserState{"opuser": {}}}
	p, err := Diff(want, cur, Options{Prune: true, Caller: "groupop", Access: access})
	if err != nil || len(p.Changes) != 1 || p.Changes[0].Line() != "- user bystander status=enabled" {
		t.Fatalf("a prune that spares them: %v %v", p, err)
	}
}

// Issue 19, item 3: the plan renderer masks a URL's password.
func TestRenderMasksURLPasswords(t *testing.T) {
	ch := Change{Action: ActionUpdate, Kind: KindBucket, Name: "b1", Before: map[string]any{"target": "http://u:OLDPASS@h/"},
		After: map[string]any{"target": "https://u:NEWPASS@h/x"}}
	if l := ch.Line(); strings.Contains(l, "PASS") {
		t.Fatalf("a password in %q", l)
	}
}
