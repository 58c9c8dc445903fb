package jobs_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
	"github.com/minioscript/minioscript/jobs"
)

// Issue 19, item 1: prune never deletes the caller's own key, the user a service
// account acts for, nor a group or policy the caller's access comes through. A plan that
// would fails with a PruneError naming each (the plan in it) and writes nothing; the
// caller can still work afterwards.
func TestPruneSparesWhatTheCallerDependsOn(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	root := srv.ClientForTest(t, admin.Options{})
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	_, err := root.UserAdd(ctx, "opuser", "opuser-secret-1")
	step("opuser", err)
	_, err = root.PolicySet(ctx, "consoleAdmin", "opuser", false)
	step("opuser's policy", err)
	_, err = root.AddServiceAccount(ctx, admin.AddServiceAccountReq{TargetUser: "opuser", AccessKey: "svcadmin1", SecretKey: "svcadmin1-secret-key"})
	step("svcadmin1", err)
	_, err = root.AddServiceAccount(ctx, admin.AddServiceAccountReq{TargetUser: "opuser", AccessKey: "svcother1", SecretKey: "svcother1-secret-key"})
	step("svcother1", err)
	adminPolicy := []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["admin:*"]},{"Effect":"Allow","Action":["s3:*"],"Resource":["arn:aws:s3:::*"]}]}`)
	_, err = root.PolicyAdd(ctx, "grouppol", adminPolicy)
	step("grouppol", err)
	_, err = root.UserAdd(ctx, "groupop", "groupop-secret-1")
	step("groupop", err)
	_, err = root.GroupAdd(ctx, "admins", []string{"groupop"})
	step("admins", err)
	_, err = root.PolicySet(ctx, "grouppol", "admins", true)
	step("admins' policy", err)
	_, err = root.UserAdd(ctx, "bystander", "bystander-secret-1")
	step("bystander", err)

	as := func(key, secret string) *admin.Client {
		return srv.ClientForTest(t, admin.Options{Credentials: admin.Credentials{AccessKey: key, SecretKey: secret}})
	}
	refused := func(c *admin.Client, state *jobs.State, want ...string) {
		t.Helper()
		_, err := (&jobs.Engine{Client: c}).Apply(ctx, state, jobs.ApplyOptions{Prune: true})
		var pe *jobs.PruneError
		if !errors.As(err, &pe) {
			t.Fatalf("apply with prune: %v, want a PruneError", err)
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Fatalf("the error does not name %q: %v", w, err)
			}
		}
		if pe.Plan == nil || pe.Plan.Deleted == 0 || !strings.Contains(err.Error(), "- user bystander") {
			t.Fatalf("the plan is not shown: %v", err)
		}
		if _, _, err := (&jobs.Engine{Client: c}).Plan(ctx, state, jobs.ApplyOptions{Prune: true}); !errors.As(err, &pe) {
			t.Fatalf("plan with prune: %v, want a PruneError", err)
		}
	}
	svc := as("svcadmin1", "svcadmin1-secret-key")
	refused(svc, &jobs.State{Users: map[string]jobs.UserState{}, ServiceAccounts: map[string]jobs.ServiceAccountState{}},
		"user opuser (the parent of the caller's key svcadmin1)")
	grp := as("groupop", "groupop-secret-1")
	refused(grp, &jobs.State{Users: map[string]jobs.UserState{}, Groups: map[string]jobs.GroupState{}, Policies: map[string]json.RawMessage{}},
		"group admins", "policy grouppol")
	// Nothing was written: everyone is still there, and both callers still work.
	users, err := root.UserList(ctx)
	step("user list", err)
	for _, u := range []string{"opuser", "groupop", "bystander"} {
		if _, ok := users.Value[u]; !ok {
			t.Fatalf("user %s was deleted", u)
		}
	}
	for _, c := range []*admin.Client{svc, grp} {
		if _, err := c.ServerInfo(ctx); err != nil {
			t.Fatalf("the caller locked itself out: %v", err)
		}
	}

	// Prune that spares the caller's key and what it depends on goes ahead: svcadmin1
	// stays, its sibling goes.
	rep, err := (&jobs.Engine{Client: svc}).Apply(ctx, &jobs.State{ServiceAccounts: map[string]jobs.ServiceAccountState{}}, jobs.ApplyOptions{Prune: true})
	step("prune service accounts", err)
	if rep.Deleted != 1 || rep.Failed != 0 || rep.Changes[0].Name != "svcother1" {
		t.Fatalf("prune service accounts: %v", rep)
	}
	rep, err = (&jobs.Engine{Client: grp}).Apply(ctx, &jobs.State{Users: map[string]jobs.UserState{"opuser": {}}}, jobs.ApplyOptions{Prune: true})
	step("prune users", err)
	if rep.Deleted != 1 || rep.Failed != 0 || rep.Changes[0].Name != "bystander" {
		t.Fatalf("prune users: %v", rep)
	}
	if _, err := svc.ServerInfo(ctx); err != nil {
		t.Fatalf("svcadmin1 after pruning: %v", err)
	}
}
