package admin

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// PolicyAdd creates or overwrites a canned policy from its JSON document.
func (c *Client) PolicyAdd(ctx context.Context, name string, policy []byte) (string, error) {
	const op = "policy_add"
	if err := requireArg(op, "policy_name", name); err != nil {
		return "", err
	}
	if err := checkPolicyJSON(op, "policy", policy); err != nil {
		return "", err
	}
	return c.doText(ctx, &Call{Op: op, Method: http.MethodPut, Path: "add-canned-policy",
		Query: [][2]string{{"name", name}}, Body: policy})
}

func checkPolicyJSON(op, arg string, policy []byte) error {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(policy, &doc); err != nil {
		return &ArgumentError{Op: op, Arg: arg, Reason: "not a JSON object: " + err.Error()}
	}
	return nil
}

// PolicyRemove deletes a canned policy (unknown names are ignored by the server).
func (c *Client) PolicyRemove(ctx context.Context, name string) (string, error) {
	const op = "policy_remove"
	if err := requireArg(op, "policy_name", name); err != nil {
		return "", err
	}
	return c.doText(ctx, &Call{Op: op, Method: http.MethodDelete, Path: "remove-canned-policy",
		Query: [][2]string{{"name", name}}})
}

// PolicyList returns every canned policy document by name, built-ins included.
func (c *Client) PolicyList(ctx context.Context) (Result[map[string]json.RawMessage], error) {
	return doJSON[map[string]json.RawMessage](ctx, c, &Call{Op: "policy_list", Method: http.MethodGet,
		Path: "list-canned-policies"})
}

// PolicyInfo returns one policy document.
func (c *Client) PolicyInfo(ctx context.Context, name string) (Result[json.RawMessage], error) {
	const op = "policy_info"
	if err := requireArg(op, "policy_name", name); err != nil {
		return Result[json.RawMessage]{}, err
	}
	return doJSON[json.RawMessage](ctx, c, &Call{Op: op, Method: http.MethodGet, Path: "info-canned-policy",
		Query: [][2]string{{"name", name}}})
}

// PolicySet replaces the policy mapping of a user or group with policyName (a comma list
// is allowed; "" removes the mapping).
func (c *Client) PolicySet(ctx context.Context, policyName, userOrGroup string, isGroup bool) (string, error) {
	const op = "policy_set"
	if err := requireArg(op, "user", userOrGroup); err != nil {
		return "", err
	}
	return c.doText(ctx, &Call{Op: op, Method: http.MethodPut, Path: "set-user-or-group-policy",
		Query: [][2]string{{"policyName", policyName}, {"userOrGroup", userOrGroup}, {"isGroup", strconv.FormatBool(isGroup)}}})
}

// PolicyUnset detaches policyName (a comma list is allowed) from a user or group,
// leaving its other policies in place.
func (c *Client) PolicyUnset(ctx context.Context, policyName, userOrGroup string, isGroup bool) (Result[PolicyAssociationResp], error) {
	user, group := userOrGroup, ""
	if isGroup {
		user, group = "", userOrGroup
	}
	return c.policyAssociation(ctx, "policy_unset", "idp/builtin/policy/detach", SplitList(policyName), user, group)
}

// PolicyAssociationResp is the answer of the attach/detach calls: only the policies that
// actually changed.
type PolicyAssociationResp struct {
	PoliciesAttached []string  `json:"policiesAttached,omitempty"`
	PoliciesDetached []string  `json:"policiesDetached,omitempty"`
	UpdatedAt        time.Time `json:"updatedAt"`
}

// AttachPolicy adds builtin policies to exactly one of user or group.
func (c *Client) AttachPolicy(ctx context.Context, policies []string, user, group string) (Result[PolicyAssociationResp], error) {
	return c.policyAssociation(ctx, "attach_policy", "idp/builtin/policy/attach", policies, user, group)
}

// DetachPolicy removes builtin policies from exactly one of user or group.
func (c *Client) DetachPolicy(ctx context.Context, policies []string, user, group string) (Result[PolicyAssociationResp], error) {
	return c.policyAssociation(ctx, "detach_policy", "idp/builtin/policy/detach", policies, user, group)
}

func (c *Client) policyAssociation(ctx context.Context, op, path string, policies []string, user, group string) (Result[PolicyAssociationResp], error) {
	var zero Result[PolicyAssociationResp]
	if len(policies) == 0 {
		return zero, &ArgumentError{Op: op, Arg: "policies", Reason: "at least one policy name is required"}
	}
	for _, p := range policies {
		if strings.TrimSpace(p) == "" {
			return zero, &ArgumentError{Op: op, Arg: "policies", Reason: "empty policy name"}
		}
	}
	if (user == "") == (group == "") {
		return zero, &ArgumentError{Op: op, Arg: "user/group", Reason: "give exactly one of user or group"}
	}
	body, err := marshalBody(op, struct {
		Policies []string `json:"policies"`
		User     string   `json:"user,omitempty"`
		Group    string   `json:"group,omitempty"`
	}{policies, user, group})
	if err != nil {
		return zero, err
	}
	return doJSON[PolicyAssociationResp](ctx, c, &Call{Op: op, Method: http.MethodPost, Path: path,
		Body: body, EncryptBody: true, DecryptResponse: true})
}

// PolicyEntitiesResult maps users, groups and policies to each other.
type PolicyEntitiesResult struct {
	Timestamp    time.Time `json:"timestamp"`
	UserMappings []struct {
		User             string   `json:"user"`
		Policies         []string `json:"policies"`
		MemberOfMappings []struct {
			Group    string   `json:"group"`
			Policies []string `json:"policies"`
		} `json:"memberOfMappings,omitempty"`
	} `json:"userMappings,omitempty"`
	GroupMappings []struct {
		Group    string   `json:"group"`
		Policies []string `json:"policies"`
	} `json:"groupMappings,omitempty"`
	PolicyMappings []struct {
		Policy string   `json:"policy"`
		Users  []string `json:"users"`
		Groups []string `json:"groups"`
	} `json:"policyMappings,omitempty"`
}

// GetPolicyEntities lists the mappings of the given users, groups and policies (all
// empty: every policy mapping).
func (c *Client) GetPolicyEntities(ctx context.Context, users, groups, policies []string) (Result[PolicyEntitiesResult], error) {
	return c.policyEntities(ctx, "get_policy_entities", "idp/builtin/policy-entities", users, groups, policies)
}

// GetLDAPPolicyEntities lists the policy mappings of LDAP user and group DNs (all
// empty: every one), with the DNs as the server normalised them. Without LDAP the
// server answers 403 XMinioIAMActionNotAllowed.
func (c *Client) GetLDAPPolicyEntities(ctx context.Context, users, groups, policies []string) (Result[PolicyEntitiesResult], error) {
	return c.policyEntities(ctx, "get_ldap_policy_entities", "idp/ldap/policy-entities", users, groups, policies)
}

func (c *Client) policyEntities(ctx context.Context, op, path string, users, groups, policies []string) (Result[PolicyEntitiesResult], error) {
	var q [][2]string
	for _, u := range users {
		q = append(q, [2]string{"user", u})
	}
	for _, g := range groups {
		q = append(q, [2]string{"group", g})
	}
	for _, p := range policies {
		q = append(q, [2]string{"policy", p})
	}
	return doJSON[PolicyEntitiesResult](ctx, c, &Call{Op: op, Method: http.MethodGet, Path: path, Query: q, DecryptResponse: true})
}

// SplitList turns the server's policy list "a, b,c" into [a b c], dropping empty items.
func SplitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
