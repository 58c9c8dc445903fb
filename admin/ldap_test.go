package admin_test

import (
	"testing"

	"github.com/minioscript/minioscript/admin"
	"github.com/minioscript/minioscript/admin/testserver"
)

func TestLDAP(t *testing.T) {
	ldap := testserver.LDAPForTest(t)
	srv := testserver.ForTest(t, testserver.Config{Env: ldap.MinIOEnv()})
	c := srv.ClientForTest(t, admin.Options{})
	alice, bob := testserver.LDAPUserDN("alice"), testserver.LDAPUserDN("bob")
	devs := testserver.LDAPGroupDN("devs")

	att := must(c.AttachPolicyLDAP(ctx, []string{"readwrite"}, alice, ""))(t)
	if len(att.Value.PoliciesAttached) != 1 {
		t.Fatalf("attach user: %s", att.Raw)
	}
	must(c.AttachPolicyLDAP(ctx, []string{"readonly"}, "", devs))(t)
	_, err := c.AttachPolicyLDAP(ctx, []string{"readonly"}, "", devs)
	serverError(t, err, 400, "XMinioAdminPolicyChangeAlreadyApplied")

	// Keys to list: an STS key and a service account for alice.
	sts, err := testserver.AssumeRoleWithLDAP(srv.URL(), "alice", "alice-password")
	if err != nil {
		t.Fatal(err)
	}
	sa := must(c.AddServiceAccount(ctx, admin.AddServiceAccountReq{TargetUser: "alice", Name: "alice-app"}))(t)

	for listType, want := range map[string][2]int{"sts-only": {0, 1}, "svcacc-only": {1, 0}, "all": {1, 1}} {
		keys := must(c.ListAccessKeysLDAP(ctx, alice, listType))(t)
		if len(keys.Value.ServiceAccounts) != want[0] || len(keys.Value.STSKeys) != want[1] {
			t.Fatalf("%s: %s", listType, keys.Raw)
		}
	}
	keys := must(c.ListAccessKeysLDAP(ctx, alice, "all"))(t)
	if keys.Value.ServiceAccounts[0].AccessKey != sa.Value.Credentials.AccessKey || keys.Value.STSKeys[0].AccessKey != sts.AccessKey {
		t.Fatalf("keys: %s", keys.Raw)
	}
	bulk := must(c.ListAccessKeysLDAPBulk(ctx, []string{alice, bob}, "all", false))(t)
	if _, ok := bulk.Value[alice]; !ok {
		t.Fatalf("bulk for users: %s", bulk.Raw)
	}
	all := must(c.ListAccessKeysLDAPBulk(ctx, nil, "svcacc-only", true))(t)
	if len(all.Value) != 1 || len(all.Value[alice].ServiceAccounts) != 1 {
		t.Fatalf("bulk for all users: %s", all.Raw)
	}
	for _, lt := range []string{"users-only", "sts-only"} {
		if _, err := c.ListAccessKeysLDAPBulk(ctx, nil, lt, true); err != nil {
			t.Fatalf("bulk %s: %v", lt, err)
		}
	}
	_, err = c.ListAccessKeysLDAPBulk(ctx, nil, "bogus", true)
	serverError(t, err, 400, "")

	// The builtin view shows an LDAP user (known since its STS login) with the policies
	// it has through its LDAP groups; direct LDAP mappings of DNs stay out of it.
	ents := must(c.GetPolicyEntities(ctx, []string{alice}, []string{devs}, []string{"readwrite", "readonly"}))(t)
	um := ents.Value.UserMappings
	if len(um) != 1 || um[0].User != alice || len(um[0].MemberOfMappings) != 1 ||
		um[0].MemberOfMappings[0].Group != devs || um[0].MemberOfMappings[0].Policies[0] != "readonly" ||
		len(ents.Value.GroupMappings) != 0 || len(ents.Value.PolicyMappings) != 0 {
		t.Fatalf("policy entities with LDAP: %s", ents.Raw)
	}

	det := must(c.DetachPolicyLDAP(ctx, []string{"readonly"}, "", devs))(t)
	if len(det.Value.PoliciesDetached) != 1 {
		t.Fatalf("detach group: %s", det.Raw)
	}
	must(c.DetachPolicyLDAP(ctx, []string{"readwrite"}, alice, ""))(t)
	// Internal users cannot be created while LDAP is on.
	_, err = c.UserAdd(ctx, "internal", "internal-secret")
	serverError(t, err, 403, "XMinioIAMActionNotAllowed")
}
