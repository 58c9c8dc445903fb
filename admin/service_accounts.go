package admin

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// AddServiceAccountReq describes a new service account. Empty AccessKey and SecretKey
// let the server generate both.
type AddServiceAccountReq struct {
	AccessKey   string
	SecretKey   string
	TargetUser  string          // parent user; empty: the caller
	Policy      json.RawMessage // session policy; nil: inherit the parent's
	Name        string
	Description string
	Expiry      *time.Time
}

// ServiceAccountCredentials are the keys of a new service account.
type ServiceAccountCredentials struct {
	AccessKey    string    `json:"accessKey"`
	SecretKey    string    `json:"secretKey"`
	SessionToken string    `json:"sessionToken,omitempty"`
	Expiration   time.Time `json:"expiration"`
}

// AddServiceAccountResp is the answer of add_service_account.
type AddServiceAccountResp struct {
	Credentials ServiceAccountCredentials `json:"credentials"`
}

// AddServiceAccount creates a service account.
func (c *Client) AddServiceAccount(ctx context.Context, r AddServiceAccountReq) (Result[AddServiceAccountResp], error) {
	const op = "add_service_account"
	var zero Result[AddServiceAccountResp]
	if (r.AccessKey == "") != (r.SecretKey == "") {
		return zero, &ArgumentError{Op: op, Arg: "access_key/secret_key", Reason: "give both or neither"}
	}
	if r.Policy != nil {
		if err := checkPolicyJSON(op, "policy", r.Policy); err != nil {
			return zero, err
		}
	}
	body, err := marshalBody(op, struct {
		Policy      json.RawMessage `json:"policy,omitempty"`
		TargetUser  string          `json:"targetUser,omitempty"`
		AccessKey   string          `json:"accessKey,omitempty"`
		SecretKey   string          `json:"secretKey,omitempty"`
		Name        string          `json:"name,omitempty"`
		Description string          `json:"description,omitempty"`
		Expiration  *time.Time      `json:"expiration,omitempty"`
	}{r.Policy, r.TargetUser, r.AccessKey, r.SecretKey, r.Name, r.Description, utcTime(r.Expiry)})
	if err != nil {
		return zero, err
	}
	return doJSON[AddServiceAccountResp](ctx, c, &Call{Op: op, Method: http.MethodPut, Path: "add-service-account",
		Body: body, EncryptBody: true, DecryptResponse: true})
}

func utcTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// UpdateServiceAccountReq lists the changes; nil/empty fields stay as they are.
type UpdateServiceAccountReq struct {
	SecretKey   string
	Policy      json.RawMessage
	Name        string
	Description string
	Expiry      *time.Time
	Status      string // "enabled"/"disabled" (or "on"/"off")
}

// UpdateServiceAccount changes a service account. A session policy that the request
// does not replace is kept: the server would drop it, so it is read first and sent back.
func (c *Client) UpdateServiceAccount(ctx context.Context, accessKey string, r UpdateServiceAccountReq) (string, error) {
	const op = "update_service_account"
	if err := requireArg(op, "access_key", accessKey); err != nil {
		return "", err
	}
	if r.Policy != nil {
		if err := checkPolicyJSON(op, "policy", r.Policy); err != nil {
			return "", err
		}
	} else {
		cur, err := c.GetServiceAccount(ctx, accessKey)
		if err != nil {
			return "", err
		}
		if !cur.Value.ImpliedPolicy && cur.Value.Policy != "" {
			r.Policy = json.RawMessage(cur.Value.Policy)
		}
	}
	body, err := marshalBody(op, struct {
		NewPolicy      json.RawMessage `json:"newPolicy,omitempty"`
		NewSecretKey   string          `json:"newSecretKey,omitempty"`
		NewStatus      string          `json:"newStatus,omitempty"`
		NewName        string          `json:"newName,omitempty"`
		NewDescription string          `json:"newDescription,omitempty"`
		NewExpiration  *time.Time      `json:"newExpiration,omitempty"`
	}{r.Policy, r.SecretKey, r.Status, r.Name, r.Description, utcTime(r.Expiry)})
	if err != nil {
		return "", err
	}
	return c.doText(ctx, &Call{Op: op, Method: http.MethodPost, Path: "update-service-account",
		Query: [][2]string{{"accessKey", accessKey}}, Body: body, EncryptBody: true})
}

// DeleteServiceAccount deletes a service account.
func (c *Client) DeleteServiceAccount(ctx context.Context, accessKey string) (string, error) {
	const op = "delete_service_account"
	if err := requireArg(op, "access_key", accessKey); err != nil {
		return "", err
	}
	return c.doText(ctx, &Call{Op: op, Method: http.MethodDelete, Path: "delete-service-account",
		Query: [][2]string{{"accessKey", accessKey}}})
}

// ServiceAccountInfo describes a service account. Policy is a JSON document in a string.
type ServiceAccountInfo struct {
	ParentUser    string     `json:"parentUser"`
	AccountStatus string     `json:"accountStatus"`
	ImpliedPolicy bool       `json:"impliedPolicy"`
	Policy        string     `json:"policy"`
	Name          string     `json:"name,omitempty"`
	Description   string     `json:"description,omitempty"`
	Expiration    *time.Time `json:"expiration,omitempty"`
}

// GetServiceAccount describes a service account.
func (c *Client) GetServiceAccount(ctx context.Context, accessKey string) (Result[ServiceAccountInfo], error) {
	const op = "get_service_account"
	if err := requireArg(op, "access_key", accessKey); err != nil {
		return Result[ServiceAccountInfo]{}, err
	}
	return doJSON[ServiceAccountInfo](ctx, c, &Call{Op: op, Method: http.MethodGet, Path: "info-service-account",
		Query: [][2]string{{"accessKey", accessKey}}, DecryptResponse: true})
}

// ServiceAccountItem is one entry of a service account listing.
type ServiceAccountItem struct {
	ParentUser    string     `json:"parentUser"`
	AccountStatus string     `json:"accountStatus"`
	ImpliedPolicy bool       `json:"impliedPolicy"`
	AccessKey     string     `json:"accessKey"`
	Name          string     `json:"name,omitempty"`
	Description   string     `json:"description,omitempty"`
	Expiration    *time.Time `json:"expiration,omitempty"`
}

// ListServiceAccountsResp is the answer of list_service_account.
type ListServiceAccountsResp struct {
	Accounts []ServiceAccountItem `json:"accounts"`
}

// ListServiceAccount lists the service accounts of user (empty: the caller's).
func (c *Client) ListServiceAccount(ctx context.Context, user string) (Result[ListServiceAccountsResp], error) {
	var q [][2]string
	if user != "" {
		q = [][2]string{{"user", user}}
	}
	return doJSON[ListServiceAccountsResp](ctx, c, &Call{Op: "list_service_account", Method: http.MethodGet,
		Path: "list-service-accounts", Query: q, DecryptResponse: true})
}
