package admin_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
)

// Issue 19, item 8: names are checked before anything is sent, and a service account
// named as a group member is reported as such, not as the server's 403. The state
// engine's side is jobs.TestStateNamesCheckedBeforeSending.
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
	_, err := c.GroupAdd(ctx, "team", []string{"saparent", "svcmember1"})
	argErr("group_add with a service account as member", err, "member svcmember1 is a service account")

	bad := "new\nuser"
	_, err = c.UserAdd(ctx, bad, "new-user-secret")
	argErr("user_add", err, "user_add: invalid access_key", `"new\nuser"`, "control character")
	_, err = c.GroupAdd(ctx, "g", []string{"saparent", bad})
	argErr("group_add", err, "group_add: invalid members")
	_, err = c.UserAdd(ctx, "\xff\xfe", "new-user-secret")
	argErr("user_add with bad UTF-8", err, "valid UTF-8")
	if users, err := c.UserList(ctx); err != nil || len(users.Value) != 1 {
		t.Fatalf("users after the refusals: %v %v", users.Value, err)
	}
}
