package admin_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/internal/testserver"
)

// Issue 19, item 8: names are checked before anything is sent, and a service account
// named as a group member is reported as such, not as the server's 403.
func TestNamesCheckedBeforeSending(t *testing.T) {
	srv := testserver.ForTest(t, testserver.Config{})
	c := srv.ClientForTest(t, admin.Options{})
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
	state := &admin.State{Groups: map[string]admin.GroupState{"team": {Members: []string{"saparent", "svcmember1"}}}}
	_, err := c.Plan(ctx, state, admin.ApplyOptions{})
	argErr("plan with a service account as member", err, "group team", "member svcmember1 is a service account")
	_, err = c.EnsureGroup(ctx, "team", admin.GroupState{Members: []string{"svcmember1"}})
	argErr("ensure_group", err, "member svcmember1 is a service account")

	bad := "new\nuser"
	_, err = c.Plan(ctx, &admin.State{Users: map[string]admin.UserState{bad: {SecretKey: "new-user-secret"}}}, admin.ApplyOptions{})
	argErr("plan with a newline in a user name", err, `user "new\nuser"`, "control character")
	_, err = c.Apply(ctx, &admin.State{Groups: map[string]admin.GroupState{"g": {Members: []string{bad}}}}, admin.ApplyOptions{})
	argErr("apply with a newline in a member", err, `member of group g "new\nuser"`)
	_, err = c.UserAdd(ctx, bad, "new-user-secret")
	argErr("user_add", err, "user_add: invalid access_key", `"new\nuser"`, "control character")
	_, err = c.EnsureUser(ctx, bad, admin.UserState{SecretKey: "new-user-secret"})
	argErr("ensure_user", err, "control character")
	_, err = c.GroupAdd(ctx, "g", []string{"saparent", bad})
	argErr("group_add", err, "group_add: invalid members")
	_, err = c.UserAdd(ctx, "\xff\xfe", "new-user-secret")
	argErr("user_add with bad UTF-8", err, "valid UTF-8")
	if users, err := c.UserList(ctx); err != nil || len(users.Value) != 1 {
		t.Fatalf("users after the refusals: %v %v", users.Value, err)
	}
}
