package admin

import (
	"context"
	"net/http"
)

// AttachPolicyLDAP adds policies to an LDAP user or group (DN or name; exactly one).
func (c *Client) AttachPolicyLDAP(ctx context.Context, policies []string, user, group string) (Result[PolicyAssociationResp], error) {
	return c.policyAssociation(ctx, "attach_policy_ldap", "idp/ldap/policy/attach", policies, user, group)
}

// DetachPolicyLDAP removes policies from an LDAP user or group.
func (c *Client) DetachPolicyLDAP(ctx context.Context, policies []string, user, group string) (Result[PolicyAssociationResp], error) {
	return c.policyAssociation(ctx, "detach_policy_ldap", "idp/ldap/policy/detach", policies, user, group)
}

// LDAPAccessKeys are the access keys of one LDAP user.
type LDAPAccessKeys struct {
	ServiceAccounts []ServiceAccountItem `json:"serviceAccounts"`
	STSKeys         []ServiceAccountItem `json:"stsKeys"`
}

// ListAccessKeysLDAP lists an LDAP user's keys; listType is "sts-only", "svcacc-only"
// or anything else for both.
func (c *Client) ListAccessKeysLDAP(ctx context.Context, userDN, listType string) (Result[LDAPAccessKeys], error) {
	const op = "list_access_keys_ldap"
	if err := requireArg(op, "user_dn", userDN); err != nil {
		return Result[LDAPAccessKeys]{}, err
	}
	return doJSON[LDAPAccessKeys](ctx, c, &Call{Op: op, Method: http.MethodGet, Path: "idp/ldap/list-access-keys",
		Query: [][2]string{{"userDN", userDN}, {"listType", listType}}, DecryptResponse: true})
}

// ListAccessKeysLDAPBulk lists keys of several LDAP users, or of all with allUsers;
// listType is one of users-only, sts-only, svcacc-only, all.
func (c *Client) ListAccessKeysLDAPBulk(ctx context.Context, users []string, listType string, allUsers bool) (Result[map[string]LDAPAccessKeys], error) {
	const op = "list_access_keys_ldap_bulk"
	if allUsers && len(users) > 0 {
		return Result[map[string]LDAPAccessKeys]{}, &ArgumentError{Op: op, Arg: "users", Reason: "give users or all_users, not both"}
	}
	if err := requireArg(op, "list_type", listType); err != nil {
		return Result[map[string]LDAPAccessKeys]{}, err
	}
	q := [][2]string{{"listType", listType}}
	if allUsers {
		q = append(q, [2]string{"all", "true"})
	}
	for _, u := range users {
		q = append(q, [2]string{"userDNs", u})
	}
	return doJSON[map[string]LDAPAccessKeys](ctx, c, &Call{Op: op, Method: http.MethodGet,
		Path: "idp/ldap/list-access-keys-bulk", Query: q, DecryptResponse: true})
}
