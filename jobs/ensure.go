package jobs

import (
	"context"
	"encoding/json"
	"maps"
	"strings"

	"github.com/minioscript/minioscript/admin"
)

// The Ensure operations bring one object to a wanted state through the same Diff and
// executor as Apply, reading only that object (unsealed reads where the server has
// them), and return what they did. Re-running one is always safe.

// Ensure results.
const (
	Created   = "created"
	Updated   = "updated"
	Unchanged = "unchanged"
)

// EnsureResult is what an ensure call did; Changes lists the changed fields of an
// update, secrets as "***".
type EnsureResult struct {
	Status  string
	Changes map[string]any
}

// ensure applies a one-object state read per object and sums up what changed.
func (e *Engine) ensure(ctx context.Context, kind string, want *State, read func(*Current) error) (EnsureResult, error) {
	if err := checkNames("ensure_"+kind, want); err != nil {
		return EnsureResult{}, err
	}
	cur := NewCurrent()
	if err := read(cur); err != nil {
		return EnsureResult{}, err
	}
	p, err := Diff(want, cur, Options{Caller: e.Client.AccessKey(), Op: "ensure_" + kind})
	if err != nil {
		return EnsureResult{}, err
	}
	if err := e.executeOne(ctx, p, want, cur); err != nil {
		return EnsureResult{}, err
	}
	res := EnsureResult{Status: Unchanged}
	for _, ch := range p.Changes {
		if ch.Kind == kind && ch.Action == ActionCreate {
			res.Status = Created
		} else if res.Status == Unchanged {
			res.Status = Updated
		}
		if res.Changes == nil {
			res.Changes = map[string]any{}
		}
		maps.Copy(res.Changes, ensureFields(ch))
	}
	if res.Status == Created {
		res.Changes = nil
	}
	return res, nil
}

// ensureFields are the fields of a change as ensure_* has always reported them: the new
// values, members as the ones added and removed, secrets as "***".
func ensureFields(ch Change) map[string]any {
	out := map[string]any{}
	for k, v := range ch.After {
		switch {
		case v == Secret:
			out[k] = "***"
		case k == "members" && ch.Action == ActionUpdate:
			added, removed := setDiff(toStrings(v), toStrings(ch.Before[k]))
			if len(added) > 0 {
				out["members_added"] = added
			}
			if len(removed) > 0 {
				out["members_removed"] = removed
			}
		default:
			out[k] = v
		}
	}
	return out
}

func toStrings(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// EnsureUser creates the user or brings its status and policies (the exact set, when
// not nil) to w. An existing user keeps its secret unless w.ResetSecret; since the
// current secret cannot be read per user, a reset always rewrites it.
func (e *Engine) EnsureUser(ctx context.Context, name string, w UserState) (EnsureResult, error) {
	return e.ensure(ctx, KindUser, &State{Users: map[string]UserState{name: w}}, func(cur *Current) error {
		_, err := readUser(ctx, e.Client, cur, name)
		return err
	})
}

// EnsureGroup creates the group or brings its exact member set, status and policies to w.
func (e *Engine) EnsureGroup(ctx context.Context, name string, w GroupState) (EnsureResult, error) {
	return e.ensure(ctx, KindGroup, &State{Groups: map[string]GroupState{name: w}}, func(cur *Current) error {
		_, err := readGroup(ctx, e.Client, cur, name)
		return err
	})
}

// EnsurePolicy creates or replaces a canned policy unless the stored document means the
// same (compared as canonical JSON, not as text).
func (e *Engine) EnsurePolicy(ctx context.Context, name string, doc json.RawMessage) (EnsureResult, error) {
	return e.ensure(ctx, KindPolicy, &State{Policies: map[string]json.RawMessage{name: doc}}, func(cur *Current) error {
		_, err := readPolicy(ctx, e.Client, cur, name)
		return err
	})
}

// EnsureServiceAccount creates the service account or updates what differs.
func (e *Engine) EnsureServiceAccount(ctx context.Context, accessKey string, w ServiceAccountState) (EnsureResult, error) {
	return e.ensure(ctx, KindServiceAccount, &State{ServiceAccounts: map[string]ServiceAccountState{accessKey: w}},
		func(cur *Current) error {
			if _, err := readServiceAccount(ctx, e.Client, cur, accessKey); err != nil {
				return err
			}
			// The parent's status decides the route: a disabled parent's new accounts go
			// through the IAM import (add_service_account answers "no such user").
			if w.User == "" {
				return nil
			}
			_, err := readUser(ctx, e.Client, cur, w.User)
			return err
		})
}

// EnsureBucket creates the bucket (S3 API) and sets its quota and the settings w names.
func (e *Engine) EnsureBucket(ctx context.Context, name string, w BucketState) (EnsureResult, error) {
	return e.ensure(ctx, KindBucket, &State{Buckets: map[string]BucketState{name: w}}, func(cur *Current) error {
		_, err := readBucket(ctx, e.Client, cur, name, w)
		return err
	})
}

// EnsureAttached makes sure the policies are among those of exactly one of user or
// group; already attached is not an error. It reads the mapping and writes the union
// with policy_set, which is unsealed (attach_policy costs an Argon2id on the server).
// Read-then-set is not atomic: a concurrent change to the same mapping can be lost.
func (e *Engine) EnsureAttached(ctx context.Context, policies []string, user, group string) (EnsureResult, error) {
	const op = "ensure_attached"
	if (user == "") == (group == "") {
		return EnsureResult{}, &admin.ArgumentError{Op: op, Arg: "user/group", Reason: "give exactly one of user or group"}
	}
	if len(normList(policies)) == 0 {
		return EnsureResult{}, &admin.ArgumentError{Op: op, Arg: "policies", Reason: "at least one policy name is required"}
	}
	cur := NewCurrent()
	name, prefix, read := user, "user:", readUser
	if group != "" {
		name, prefix, read = group, "group:", readGroup
	}
	ok, err := read(ctx, e.Client, cur, name)
	if err != nil {
		return EnsureResult{}, err
	}
	if !ok {
		return EnsureResult{}, &admin.ArgumentError{Op: op, Arg: strings.TrimSuffix(prefix, ":"), Reason: name + " does not exist"}
	}
	current := cur.UserMappings[name].Policy
	if group != "" {
		current = cur.GroupMappings[name].Policy
	}
	have := normList(admin.SplitList(current))
	added, _ := setDiff(normList(policies), have)
	if len(added) == 0 {
		return EnsureResult{Status: Unchanged}, nil
	}
	all := normList(append(have, added...))
	ch := Change{Action: ActionUpdate, Kind: KindMapping, Name: prefix + name, Before: map[string]any{"policies": have},
		After: map[string]any{"policies": all}, Stage: StageMappings, Bulk: true,
		Import: user != "" && cur.Users[name].Status == statusDisabled}
	if len(have) == 0 {
		ch.Action, ch.Before = ActionCreate, nil
	}
	want := &State{}
	if group != "" {
		want.Groups = map[string]GroupState{name: {Policies: all}}
	} else {
		want.Users = map[string]UserState{name: {Policies: all, Status: cur.Users[name].Status}}
	}
	if err := e.executeOne(ctx, &Plan{Changes: []Change{ch}}, want, cur); err != nil {
		return EnsureResult{}, err
	}
	return EnsureResult{Status: Updated, Changes: map[string]any{"policies_added": added}}, nil
}

// executeOne runs an ensure call's few changes in order, without a progress bar, and
// returns the first error.
func (e *Engine) executeOne(ctx context.Context, p *Plan, want *State, cur *Current) error {
	quiet := *e
	quiet.Progress = nil
	rep := quiet.Execute(ctx, p, want, cur, ApplyOptions{Bulk: BulkNever, Concurrency: 1})
	if len(rep.Errors) > 0 {
		return rep.Errors[0].Err
	}
	return nil
}
