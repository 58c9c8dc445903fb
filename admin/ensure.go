package admin

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
)

// The ensure_* operations bring one object to a wanted state through the same diff as
// Apply, reading only that object (unsealed reads where the server has them), and
// return what they did. Re-running one is always safe.

// Ensure results.
const (
	Created   = "created"
	Updated   = "updated"
	Unchanged = "unchanged"
)

// EnsureResult is what an ensure call did; Changes lists the changed fields of an
// update (secrets as "***").
type EnsureResult struct {
	Status  string
	Changes map[string]any
}

// notFoundCodes are the server's answers for an object that does not exist. An unknown
// service account is a 404 with the generic XMinioInvalidIAMCredentials.
var notFoundCodes = map[string]bool{
	"XMinioAdminNoSuchUser": true, "XMinioAdminNoSuchGroup": true, "XMinioAdminNoSuchPolicy": true,
	"XMinioInvalidIAMCredentials": true, "NoSuchBucket": true,
}

// IsNotFound tells whether err is the server saying the object does not exist.
func IsNotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.StatusCode == http.StatusNotFound && notFoundCodes[e.Code]
}

// found turns a not-found answer into (false, nil).
func found(err error) (bool, error) {
	if err == nil {
		return true, nil
	}
	if IsNotFound(err) {
		return false, nil
	}
	return false, err
}

func (c *Client) readUser(ctx context.Context, cur *serverState, name string) (bool, error) {
	info, err := c.UserInfo(ctx, name)
	if se := (*Error)(nil); errors.As(err, &se) && se.Code == "XMinioIAMActionNotAllowed" {
		// user_info refuses a service account's or a temporary key's name this way.
		cur.derived[name] = true
		return false, nil
	}
	if ok, err := found(err); !ok {
		return false, err
	}
	cur.Users[name] = IAMUser{Status: info.Value.Status}
	cur.UserMappings[name] = IAMMapping{Policy: info.Value.PolicyName}
	return true, nil
}

func (c *Client) readGroup(ctx context.Context, cur *serverState, name string) (bool, error) {
	info, err := c.GroupInfo(ctx, name)
	if ok, err := found(err); !ok {
		return false, err
	}
	cur.Groups[name] = IAMGroup{Status: info.Value.Status, Members: info.Value.Members}
	policy := info.Value.Policy
	if info.Value.Status == statusDisabled {
		// group_info hides a disabled group's policies; the (sealed) entity listing has them.
		ents, err := c.GetPolicyEntities(ctx, nil, []string{name}, nil)
		if err != nil {
			return false, err
		}
		var list []string
		for _, m := range ents.Value.GroupMappings {
			if m.Group == name {
				list = append(list, m.Policies...)
			}
		}
		policy = strings.Join(list, ",")
	}
	cur.GroupMappings[name] = IAMMapping{Policy: policy}
	return true, nil
}

func (c *Client) readPolicy(ctx context.Context, cur *serverState, name string) (bool, error) {
	info, err := c.PolicyInfo(ctx, name)
	if ok, err := found(err); !ok {
		return false, err
	}
	cur.Policies[name] = info.Value
	return true, nil
}

// readServiceAccount is a sealed call: the server has no unsealed per-account read.
func (c *Client) readServiceAccount(ctx context.Context, cur *serverState, key string) (bool, error) {
	info, err := c.GetServiceAccount(ctx, key)
	if ok, err := found(err); !ok {
		return false, err
	}
	v := info.Value
	sa := IAMServiceAccount{Parent: v.ParentUser, AccessKey: key, Status: v.AccountStatus, Name: v.Name,
		Description: v.Description, Expiration: v.Expiration}
	if !v.ImpliedPolicy && v.Policy != "" {
		sa.SessionPolicy = json.RawMessage(v.Policy)
	}
	cur.ServiceAccounts[key] = sa
	return true, nil
}

func (c *Client) readBucket(ctx context.Context, cur *serverState, name string) (bool, error) {
	ok, err := c.BucketExists(ctx, name)
	if !ok || err != nil {
		return false, err
	}
	q, err := c.BucketQuotaGet(ctx, name)
	if err != nil {
		return false, err
	}
	cur.buckets[name] = q.Value.hardLimit()
	return true, nil
}

// exists checks the name, then turns get's not-found answer into false.
func exists(op, arg, name string, get func() error) (bool, error) {
	if err := requireArg(op, arg, name); err != nil {
		return false, err
	}
	return found(get())
}

// UserExists tells whether a regular user exists.
func (c *Client) UserExists(ctx context.Context, name string) (bool, error) {
	return exists("user_exists", "access_key", name, func() error { _, err := c.UserInfo(ctx, name); return err })
}

// GroupExists tells whether a group exists.
func (c *Client) GroupExists(ctx context.Context, name string) (bool, error) {
	return exists("group_exists", "group_name", name, func() error { _, err := c.GroupInfo(ctx, name); return err })
}

// PolicyExists tells whether a canned policy exists (built-ins included).
func (c *Client) PolicyExists(ctx context.Context, name string) (bool, error) {
	return exists("policy_exists", "policy_name", name, func() error { _, err := c.PolicyInfo(ctx, name); return err })
}

// ServiceAccountExists tells whether a service account exists (a sealed call).
func (c *Client) ServiceAccountExists(ctx context.Context, accessKey string) (bool, error) {
	return exists("service_account_exists", "access_key", accessKey, func() error {
		_, err := c.GetServiceAccount(ctx, accessKey)
		return err
	})
}

// BucketExists tells whether a bucket exists (S3 GetBucketLocation).
func (c *Client) BucketExists(ctx context.Context, bucket string) (bool, error) {
	const op = "bucket_exists"
	return exists(op, "bucket", bucket, func() error {
		_, err := c.do(ctx, &Call{Op: op, Method: http.MethodGet, Path: bucket, S3: true, Query: [][2]string{{"location", ""}}})
		return err
	})
}

// ensure applies a one-object state read per object and sums up what changed.
func (c *Client) ensure(ctx context.Context, kind string, want *State, read func(*serverState) error) (EnsureResult, error) {
	if err := checkNames("ensure_"+kind, want); err != nil {
		return EnsureResult{}, err
	}
	cur := newServerState()
	if err := read(cur); err != nil {
		return EnsureResult{}, err
	}
	if err := c.validate("ensure_"+kind, want, cur); err != nil {
		return EnsureResult{}, err
	}
	steps, unchanged := c.diff(want, cur, false)
	res := EnsureResult{Status: Unchanged}
	for _, s := range steps {
		if err := s.run(ctx); err != nil {
			return res, err
		}
	}
	for _, s := range steps {
		if s.finish != nil {
			if err := s.finish(ctx); err != nil {
				return res, err
			}
		}
		c.notify(s.Change)
		if s.Kind == kind && s.Action == ActionCreate {
			res.Status = Created
		} else if res.Status == Unchanged {
			res.Status = Updated
		}
		if res.Changes == nil {
			res.Changes = map[string]any{}
		}
		for k, v := range s.Fields {
			res.Changes[k] = v
		}
	}
	c.notifyUnchanged(unchanged)
	if res.Status == Created {
		res.Changes = nil
	}
	return res, nil
}

// EnsureUser creates the user or brings its status and policies (the exact set, when
// not nil) to w. An existing user keeps its secret unless w.ResetSecret; since the
// current secret cannot be read per user, a reset always rewrites it.
func (c *Client) EnsureUser(ctx context.Context, name string, w UserState) (EnsureResult, error) {
	return c.ensure(ctx, KindUser, &State{Users: map[string]UserState{name: w}}, func(cur *serverState) error {
		_, err := c.readUser(ctx, cur, name)
		return err
	})
}

// EnsureGroup creates the group or brings its exact member set, status and policies to w.
func (c *Client) EnsureGroup(ctx context.Context, name string, w GroupState) (EnsureResult, error) {
	return c.ensure(ctx, KindGroup, &State{Groups: map[string]GroupState{name: w}}, func(cur *serverState) error {
		_, err := c.readGroup(ctx, cur, name)
		return err
	})
}

// EnsurePolicy creates or replaces a canned policy unless the stored document means the
// same (compared as canonical JSON, not as text).
func (c *Client) EnsurePolicy(ctx context.Context, name string, doc json.RawMessage) (EnsureResult, error) {
	return c.ensure(ctx, KindPolicy, &State{Policies: map[string]json.RawMessage{name: doc}}, func(cur *serverState) error {
		_, err := c.readPolicy(ctx, cur, name)
		return err
	})
}

// EnsureServiceAccount creates the service account or updates what differs.
func (c *Client) EnsureServiceAccount(ctx context.Context, accessKey string, w ServiceAccountState) (EnsureResult, error) {
	return c.ensure(ctx, KindServiceAccount, &State{ServiceAccounts: map[string]ServiceAccountState{accessKey: w}},
		func(cur *serverState) error {
			if _, err := c.readServiceAccount(ctx, cur, accessKey); err != nil {
				return err
			}
			// The parent's status decides the route: a disabled parent's new accounts go
			// through the IAM import (add_service_account answers "no such user").
			if w.User == "" {
				return nil
			}
			_, err := c.readUser(ctx, cur, w.User)
			return err
		})
}

// EnsureBucket creates the bucket (S3 API) and sets its quota when w.Quota is given.
func (c *Client) EnsureBucket(ctx context.Context, name string, w BucketState) (EnsureResult, error) {
	return c.ensure(ctx, KindBucket, &State{Buckets: map[string]BucketState{name: w}}, func(cur *serverState) error {
		_, err := c.readBucket(ctx, cur, name)
		return err
	})
}

// EnsureAttached makes sure the policies are among those of exactly one of user or
// group; already attached is not an error. It reads the mapping and writes the union
// with policy_set, which is unsealed (attach_policy costs an Argon2id on the server).
// Read-then-set is not atomic: a concurrent change to the same mapping can be lost.
func (c *Client) EnsureAttached(ctx context.Context, policies []string, user, group string) (EnsureResult, error) {
	const op = "ensure_attached"
	if (user == "") == (group == "") {
		return EnsureResult{}, &ArgumentError{Op: op, Arg: "user/group", Reason: "give exactly one of user or group"}
	}
	if len(normList(policies)) == 0 {
		return EnsureResult{}, &ArgumentError{Op: op, Arg: "policies", Reason: "at least one policy name is required"}
	}
	cur := newServerState()
	name, prefix, read := user, "user:", c.readUser
	if group != "" {
		name, prefix, read = group, "group:", c.readGroup
	}
	ok, err := read(ctx, cur, name)
	if err != nil {
		return EnsureResult{}, err
	}
	if !ok {
		return EnsureResult{}, &ArgumentError{Op: op, Arg: strings.TrimSuffix(prefix, ":"), Reason: name + " does not exist"}
	}
	current := cur.UserMappings[name].Policy
	if group != "" {
		current = cur.GroupMappings[name].Policy
	}
	have := normList(splitList(current))
	added, _ := setDiff(normList(policies), have)
	if len(added) == 0 {
		return EnsureResult{Status: Unchanged}, nil
	}
	all := normList(append(have, added...))
	joined := strings.Join(all, ",")
	if user != "" && cur.Users[name].Status == statusDisabled {
		err = c.importOne(ctx, func(z *IAMSnapshot) { z.UserMappings = map[string]IAMMapping{name: {Policy: joined}} })
	} else {
		_, err = c.PolicySet(ctx, joined, name, group != "")
	}
	if err != nil {
		return EnsureResult{}, err
	}
	action := ActionUpdate
	if len(have) == 0 {
		action = ActionCreate
	}
	c.notify(Change{Action: action, Kind: KindMapping, Name: prefix + name, Fields: map[string]any{"policies": all}})
	return EnsureResult{Status: Updated, Changes: map[string]any{"policies_added": added}}, nil
}
