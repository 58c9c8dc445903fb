package admin

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"net/http"
	"time"
)

// AddServiceAccountReq describes a new service account. Empty AccessKey and SecretKey
// are generated here, the way the server would (20 and 40 characters), so that a call
// whose answer was lost can be resent and checked.
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
	if r.AccessKey == "" {
		r.AccessKey = rand.Text()[:20]
		r.SecretKey = (rand.Text() + rand.Text())[:40]
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
	res, err := doJSON[AddServiceAccountResp](ctx, c, &Call{Op: op, Method: http.MethodPut, Path: "add-service-account",
		Body: body, EncryptBody: true, DecryptResponse: true})
	var se *Error
	if errors.As(err, &se) && se.Resent && c.createdByLostCall(ctx, r) {
		res = Result[AddServiceAccountResp]{Value: AddServiceAccountResp{Credentials: ServiceAccountCredentials{
			AccessKey: r.AccessKey, SecretKey: r.SecretKey}}}
		if r.Expiry != nil {
			res.Value.Credentials.Expiration = r.Expiry.UTC()
		}
		return res, nil
	}
	return res, err
}

// createdByLostCall decides an add_service_account whose resend was refused (the
// account exists): it is ours only if it has the wanted parent, name and description
// and the wanted secret key signs requests.
func (c *Client) createdByLostCall(ctx context.Context, r AddServiceAccountReq) bool {
	info, err := c.GetServiceAccount(ctx, r.AccessKey)
	parent := r.TargetUser
	if parent == "" {
		parent = c.cred.AccessKey
	}
	if err != nil || info.Value.ParentUser != parent || info.Value.Name != r.Name || info.Value.Description != r.Description {
		return false
	}
	return c.SignsWith(ctx, r.AccessKey, r.SecretKey)
}

// SignsWith tells whether the server accepts requests signed with these keys: it signs
// one read (account_info) with them.
func (c *Client) SignsWith(ctx context.Context, accessKey, secretKey string) bool {
	as := *c
	as.cred = Credentials{AccessKey: accessKey, SecretKey: secretKey}
	as.handler = as.send
	_, err := as.AccountInfo(ctx, false)
	var se *Error
	// A session policy may deny the call; only a wrong key fails the signature check.
	return err == nil || (errors.As(err, &se) && se.Code != "SignatureDoesNotMatch" && se.Code != "InvalidAccessKeyId")
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
