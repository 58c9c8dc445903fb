package admin

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// GroupDesc describes one group.
type GroupDesc struct {
	Name      string    `json:"name"`
	Status    string    `json:"status"`
	Members   []string  `json:"members"`
	Policy    string    `json:"policy"`
	UpdatedAt time.Time `json:"updatedAt"`
}

type groupMembers struct {
	Group    string   `json:"group"`
	Members  []string `json:"members"` // null on remove: delete the whole group
	IsRemove bool     `json:"isRemove"`
}

// GroupAdd creates a group with members, or adds members to an existing group. Every
// member must be an existing user; no members creates an empty group.
func (c *Client) GroupAdd(ctx context.Context, group string, members []string) (string, error) {
	const op = "group_add"
	if err := requireArg(op, "group_name", group); err != nil {
		return "", err
	}
	for _, m := range members {
		if err := requireArg(op, "members", m); err != nil {
			return "", err
		}
	}
	if members == nil {
		members = []string{} // an empty array creates an empty group
	}
	body, err := marshalBody(op, groupMembers{Group: group, Members: members})
	if err != nil {
		return "", err
	}
	out, err := c.updateGroupMembers(ctx, op, body)
	if se := (*Error)(nil); errors.As(err, &se) && se.Code == "XMinioIAMActionNotAllowed" {
		if m := c.derivedMember(ctx, members); m != "" {
			return "", &ArgumentError{Op: op, Arg: "members", Reason: "member " + m + " is a service account (or temporary key), not a user"}
		}
	}
	return out, err
}

// derivedMember finds the member the server refused group membership for: the server
// answers 403 XMinioIAMActionNotAllowed, naming none, when one is a service account or
// a temporary key; user_info refuses that name the same way.
func (c *Client) derivedMember(ctx context.Context, members []string) string {
	for _, m := range members {
		_, err := c.UserInfo(ctx, m)
		if se := (*Error)(nil); errors.As(err, &se) && se.Code == "XMinioIAMActionNotAllowed" {
			return m
		}
	}
	return ""
}

// GroupRemove removes members from a group, or with no members deletes the group
// (which must then be empty).
func (c *Client) GroupRemove(ctx context.Context, group string, members []string) (string, error) {
	const op = "group_remove"
	if err := requireArg(op, "group_name", group); err != nil {
		return "", err
	}
	body, err := marshalBody(op, groupMembers{Group: group, Members: members, IsRemove: true})
	if err != nil {
		return "", err
	}
	return c.updateGroupMembers(ctx, op, body)
}

func (c *Client) updateGroupMembers(ctx context.Context, op string, body []byte) (string, error) {
	return c.doText(ctx, &Call{Op: op, Method: http.MethodPut, Path: "update-group-members", Body: body})
}

// GroupList lists group names, sorted.
func (c *Client) GroupList(ctx context.Context) (Result[[]string], error) {
	return doJSON[[]string](ctx, c, &Call{Op: "group_list", Method: http.MethodGet, Path: "groups"})
}

// GroupInfo describes a group.
func (c *Client) GroupInfo(ctx context.Context, group string) (Result[GroupDesc], error) {
	const op = "group_info"
	if err := requireArg(op, "group_name", group); err != nil {
		return Result[GroupDesc]{}, err
	}
	return doJSON[GroupDesc](ctx, c, &Call{Op: op, Method: http.MethodGet, Path: "group",
		Query: [][2]string{{"group", group}}})
}

// GroupEnable enables a group.
func (c *Client) GroupEnable(ctx context.Context, group string) (string, error) {
	return c.setGroupStatus(ctx, "group_enable", group, "enabled")
}

// GroupDisable disables a group.
func (c *Client) GroupDisable(ctx context.Context, group string) (string, error) {
	return c.setGroupStatus(ctx, "group_disable", group, "disabled")
}

func (c *Client) setGroupStatus(ctx context.Context, op, group, status string) (string, error) {
	if err := requireArg(op, "group_name", group); err != nil {
		return "", err
	}
	return c.doText(ctx, &Call{Op: op, Method: http.MethodPut, Path: "set-group-status",
		Query: [][2]string{{"group", group}, {"status", status}}})
}
