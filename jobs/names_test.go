package jobs_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
	"github.com/minioscript/minioscript/jobs"
)

// Issue 19, item 8: the state's names are checked before anything is read or sent, and
// a service account named as a group member, or as a user, is reported as such, not as
// the server's 403 (admin.TestNamesCheckedBeforeSending is the client's side).
func TestStateNamesCheckedBeforeSending(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	c := srv.ClientForTest(t, admin.Options{})
	e := &jobs.Engine{Client: c}
	if _, err := c.UserAdd(ctx, "saparent", "saparent-secret-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PolicySet(ctx, "readonly", "saparent", false); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddServiceAccount(ctx, admin.AddServiceAccountReq{TargetUser: "saparent", AccessKey: "svcmember1", SecretKey: "svcmember1-secret-key"}); err != nil {
		t.Fatal(err)
	}
	argErr := func(what string, err error, want ...string) {
		t.Helper()
		var ae *admin.ArgumentError
		if !errors.As(err, &ae) {
			t.Fatalf("%s: %v, want an argument error", what, err)
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Fatalf("%s: %v lacks %q", what, err, w)
			}
		}
	}
	state := &jobs.State{Groups: map[string]jobs.GroupState{"team": {Members: []string{"saparent", "svcmember1"}}}}
	_, _, err := e.Plan(ctx, state, jobs.ApplyOptions{})
	argErr("plan with a service account as member", err, "group team", "member svcmember1 is a service account")
	_, err = e.EnsureGroup(ctx, "team", jobs.GroupState{Members: []string{"svcmember1"}})
	argErr("ensure_group", err, "member svcmember1 is a service account")
	_, err = e.EnsureUser(ctx, "svcmember1", jobs.UserState{SecretKey: "svcmember1-other"})
	argErr("ensure_user named as a service account", err, "user svcmember1", "is a service account")

	bad := "new\nuser"
	_, _, err = e.Plan(ctx, &jobs.State{Users: map[string]jobs.UserState{bad: {SecretKey: "new-user-secret"}}}, jobs.ApplyOptions{})
	argErr("plan with a newline in a user name", err, `user "new\nuser"`, "control character")
	_, err = e.Apply(ctx, &jobs.State{Groups: map[string]jobs.GroupState{"g": {Members: []string{bad}}}}, jobs.ApplyOptions{})
	argErr("apply with a newline in a member", err, `member of group g "new\nuser"`)
	_, err = e.EnsureUser(ctx, bad, jobs.UserState{SecretKey: "new-user-secret"})
	argErr("ensure_user", err, "control character")
	if users, err := c.UserList(ctx); err != nil || len(users.Value) != 1 {
		t.Fatalf("users after the refusals: %v %v", users.Value, err)
	}
}
