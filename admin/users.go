package admin

import (
	"context"
	"net/http"
	"time"
)

// UserInfo describes one user (user_info, and each entry of user_list).
type UserInfo struct {
	AuthInfo   *UserAuthInfo `json:"userAuthInfo,omitempty"`
	PolicyName string        `json:"policyName,omitempty"`
	Status     string        `json:"status"`
	MemberOf   []string      `json:"memberOf,omitempty"`
	UpdatedAt  time.Time     `json:"updatedAt"`
}

// UserAuthInfo tells where an externally authenticated user comes from.
type UserAuthInfo struct {
	Type             string `json:"type"`
	AuthServer       string `json:"authServer,omitempty"`
	AuthServerUserID string `json:"authServerUserID,omitempty"`
}

// UserAdd creates a user, or overwrites its secret key if it exists.
func (c *Client) UserAdd(ctx context.Context, accessKey, secretKey string) (string, error) {
	const op = "user_add"
	if err := requireArg(op, "access_key", accessKey); err != nil {
		return "", err
	}
	if err := requireArg(op, "secret_key", secretKey); err != nil {
		return "", err
	}
	body, err := marshalBody(op, map[string]string{"status": "enabled", "secretKey": secretKey})
	if err != nil {
		return "", err
	}
	return c.doText(ctx, &Call{Op: op, Method: http.MethodPut, Path: "add-user",
		Query: [][2]string{{"accessKey", accessKey}}, Body: body, EncryptBody: true})
}

// UserRemove deletes a user.
func (c *Client) UserRemove(ctx context.Context, accessKey string) (string, error) {
	return c.userCall(ctx, "user_remove", http.MethodDelete, "remove-user", accessKey)
}

// UserList lists all users keyed by access key.
func (c *Client) UserList(ctx context.Context) (Result[map[string]UserInfo], error) {
	return doJSON[map[string]UserInfo](ctx, c, &Call{Op: "user_list", Method: http.MethodGet,
		Path: "list-users", DecryptResponse: true})
}

// UserInfo describes one user.
func (c *Client) UserInfo(ctx context.Context, accessKey string) (Result[UserInfo], error) {
	const op = "user_info"
	if err := requireArg(op, "access_key", accessKey); err != nil {
		return Result[UserInfo]{}, err
	}
	return doJSON[UserInfo](ctx, c, &Call{Op: op, Method: http.MethodGet, Path: "user-info",
		Query: [][2]string{{"accessKey", accessKey}}})
}

// UserEnable enables a user.
func (c *Client) UserEnable(ctx context.Context, accessKey string) (string, error) {
	return c.setUserStatus(ctx, "user_enable", accessKey, "enabled")
}

// UserDisable disables a user without deleting it.
func (c *Client) UserDisable(ctx context.Context, accessKey string) (string, error) {
	return c.setUserStatus(ctx, "user_disable", accessKey, "disabled")
}

func (c *Client) setUserStatus(ctx context.Context, op, accessKey, status string) (string, error) {
	if err := requireArg(op, "access_key", accessKey); err != nil {
		return "", err
	}
	return c.doText(ctx, &Call{Op: op, Method: http.MethodPut, Path: "set-user-status",
		Query: [][2]string{{"accessKey", accessKey}, {"status", status}}})
}

func (c *Client) userCall(ctx context.Context, op, method, path, accessKey string) (string, error) {
	if err := requireArg(op, "access_key", accessKey); err != nil {
		return "", err
	}
	return c.doText(ctx, &Call{Op: op, Method: method, Path: path,
		Query: [][2]string{{"accessKey", accessKey}}})
}
