package admin

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// diff turns the difference between want and cur into steps, in stage order and by
// kind and name within a stage, and counts the managed objects that need nothing.
func (c *Client) diff(want *State, cur *serverState, prune bool) ([]*step, int) {
	d := &differ{c: c, cur: cur, want: want}
	for _, name := range sortedKeys(want.Policies) {
		d.policy(name, want.Policies[name])
	}
	for _, name := range sortedKeys(want.Users) {
		d.user(name, want.Users[name])
	}
	for _, name := range sortedKeys(want.Groups) {
		d.group(name, want.Groups[name])
	}
	for _, name := range sortedKeys(want.ServiceAccounts) {
		d.serviceAccount(name, want.ServiceAccounts[name])
	}
	for _, name := range sortedKeys(want.Buckets) {
		d.bucket(name, want.Buckets[name])
	}
	if prune && cur.complete {
		d.prune(want)
	}
	sort.SliceStable(d.steps, func(i, j int) bool { return d.steps[i].stage < d.steps[j].stage })
	return d.steps, d.unchanged
}

type differ struct {
	c         *Client
	want      *State
	cur       *serverState
	steps     []*step
	unchanged int
}

func (d *differ) add(stage int, action, kind, name string, fields map[string]any, run func(context.Context) error, bulk func(*IAMSnapshot)) *step {
	s := &step{Change: Change{Action: action, Kind: kind, Name: name, Fields: fields}, stage: stage, run: run, bulk: bulk}
	d.steps = append(d.steps, s)
	return s
}

// staysDisabled tells whether a user is disabled on the server and remains so: its
// mappings and new service accounts then go through the import, which does not look
// at the user (policy_set and add-service-account answer "no such user").
func (d *differ) staysDisabled(want *State, user string) bool {
	cur, ok := d.cur.Users[user]
	w, named := want.Users[user]
	return ok && cur.Status == statusDisabled && (!named || wantStatus(w.Status) == statusDisabled)
}

func (d *differ) policy(name string, doc json.RawMessage) {
	cur, exists := d.cur.Policies[name]
	want := CanonicalPolicy(doc)
	if exists && want == CanonicalPolicy(cur) {
		d.unchanged++
		return
	}
	action := ActionCreate
	if exists {
		action = ActionUpdate
	}
	c := d.c
	d.add(stagePolicies, action, KindPolicy, name, map[string]any{"document": want},
		func(ctx context.Context) error { _, err := c.PolicyAdd(ctx, name, doc); return err },
		func(z *IAMSnapshot) { setEntry(&z.Policies, name, json.RawMessage(want)) })
}

func (d *differ) user(name string, w UserState) {
	c := d.c
	status := wantStatus(w.Status)
	cur, exists := d.cur.Users[name]
	disable := func(ctx context.Context) error { _, err := c.UserDisable(ctx, name); return err }
	switch {
	case !exists:
		s := d.add(stageUsers, ActionCreate, KindUser, name, map[string]any{"secret_key": "***", "status": status},
			func(ctx context.Context) error { _, err := c.UserAdd(ctx, name, w.SecretKey); return err },
			func(z *IAMSnapshot) { setEntry(&z.Users, name, IAMUser{SecretKey: w.SecretKey, Status: status}) })
		if status == statusDisabled {
			s.finish = disable
		}
	default:
		fields := map[string]any{}
		secret := cur.SecretKey
		if w.ResetSecret && (cur.SecretKey == "" || cur.SecretKey != w.SecretKey) {
			fields["secret_key"] = "***"
			secret = w.SecretKey
		}
		if status != cur.Status {
			fields["status"] = status
		}
		if len(fields) == 0 {
			d.unchanged++
			break
		}
		// add-user (a new secret) always enables; a wanted disabled status comes last.
		run := func(ctx context.Context) error {
			if _, reset := fields["secret_key"]; reset {
				_, err := c.UserAdd(ctx, name, w.SecretKey)
				return err
			}
			if status == statusEnabled {
				_, err := c.UserEnable(ctx, name)
				return err
			}
			return nil
		}
		var bulk func(*IAMSnapshot)
		if secret != "" { // the import needs the secret even to change only the status
			bulk = func(z *IAMSnapshot) { setEntry(&z.Users, name, IAMUser{SecretKey: secret, Status: status}) }
		}
		s := d.add(stageUsers, ActionUpdate, KindUser, name, fields, run, bulk)
		if status == statusDisabled {
			s.finish = disable
		}
	}
	if w.Policies != nil {
		d.mapping("user:", name, d.cur.UserMappings[name].Policy, w.Policies, d.staysDisabled(d.want, name))
	}
}

// statusOp names the operation that sets status: user_enable, group_disable, ...
func statusOp(prefix, status string) string {
	return prefix + strings.TrimSuffix(status, "d")
}

const (
	statusEnabled  = "enabled"
	statusDisabled = "disabled"
)

// wantStatus normalises a wanted status: "" and "on" mean enabled, "off" disabled.
func wantStatus(s string) string {
	switch strings.ToLower(s) {
	case "disabled", "off":
		return statusDisabled
	}
	return statusEnabled
}

// mapping sets the exact policy list of a user or group; see staysDisabled.
func (d *differ) mapping(prefix, name, curList string, want []string, disabledUser bool) {
	cur, w := normList(splitList(curList)), normList(want)
	if strings.Join(cur, ",") == strings.Join(w, ",") {
		d.unchanged++
		return
	}
	action := ActionUpdate
	switch {
	case len(cur) == 0:
		action = ActionCreate
	case len(w) == 0:
		action = ActionDelete
	}
	c, isGroup, joined := d.c, prefix == "group:", strings.Join(w, ",")
	bulk := func(z *IAMSnapshot) {
		if isGroup {
			setEntry(&z.GroupMappings, name, IAMMapping{Policy: joined})
		} else {
			setEntry(&z.UserMappings, name, IAMMapping{Policy: joined})
		}
	}
	run := func(ctx context.Context) error { _, err := c.PolicySet(ctx, joined, name, isGroup); return err }
	if disabledUser {
		run = func(ctx context.Context) error { return c.importOne(ctx, bulk) }
	}
	d.add(stageMappings, action, KindMapping, prefix+name, map[string]any{"policies": w}, run, bulk)
}

// importOne imports a zip holding one entry and fails if the server refused it.
func (c *Client) importOne(ctx context.Context, fill func(*IAMSnapshot)) error {
	z := &IAMSnapshot{}
	fill(z)
	data, err := z.Zip()
	if err != nil {
		return err
	}
	res, err := c.ImportIAM(ctx, data)
	if err != nil {
		return err
	}
	if f := res.Value.Failed; len(f.Users)+len(f.Groups)+len(f.ServiceAccounts)+len(f.Policies)+
		len(f.UserPolicies)+len(f.GroupPolicies)+len(f.STSPolicies) > 0 {
		return errImportRefused
	}
	return nil
}

// normList sorts and de-duplicates a name list; the result is never nil.
func normList(in []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func (d *differ) group(name string, w GroupState) {
	c := d.c
	status := wantStatus(w.Status)
	members := normList(w.Members)
	cur, exists := d.cur.Groups[name]
	if !exists {
		var bulk func(*IAMSnapshot)
		if status == statusEnabled { // the import creates every group enabled
			bulk = func(z *IAMSnapshot) { setEntry(&z.Groups, name, IAMGroup{Members: members}) }
		}
		d.add(stageGroups, ActionCreate, KindGroup, name, map[string]any{"members": members, "status": status},
			func(ctx context.Context) error {
				if _, err := c.GroupAdd(ctx, name, members); err != nil {
					return err
				}
				if status == statusDisabled {
					_, err := c.GroupDisable(ctx, name)
					return err
				}
				return nil
			}, bulk)
	} else {
		added, removed := setDiff(members, normList(cur.Members))
		fields := map[string]any{}
		if len(added) > 0 {
			fields["members_added"] = added
		}
		if len(removed) > 0 {
			fields["members_removed"] = removed
		}
		curStatus := cur.Status
		if curStatus == "" {
			curStatus = statusEnabled
		}
		if status != curStatus {
			fields["status"] = status
		}
		if len(fields) == 0 {
			d.unchanged++
		} else {
			d.add(stageGroups, ActionUpdate, KindGroup, name, fields, func(ctx context.Context) error {
				if len(added) > 0 {
					if _, err := c.GroupAdd(ctx, name, added); err != nil {
						return err
					}
				}
				if len(removed) > 0 {
					if _, err := c.GroupRemove(ctx, name, removed); err != nil {
						return err
					}
				}
				if _, ok := fields["status"]; ok {
					_, err := c.setGroupStatus(ctx, statusOp("group_", status), name, status)
					return err
				}
				return nil
			}, nil)
		}
	}
	if w.Policies != nil {
		d.mapping("group:", name, d.cur.GroupMappings[name].Policy, w.Policies, false)
	}
}

// setDiff returns what is in a and not in b, and what is in b and not in a.
func setDiff(a, b []string) (onlyA, onlyB []string) {
	inA, inB := map[string]bool{}, map[string]bool{}
	for _, s := range a {
		inA[s] = true
	}
	for _, s := range b {
		inB[s] = true
	}
	for _, s := range a {
		if !inB[s] {
			onlyA = append(onlyA, s)
		}
	}
	for _, s := range b {
		if !inA[s] {
			onlyB = append(onlyB, s)
		}
	}
	return onlyA, onlyB
}

func (d *differ) serviceAccount(key string, w ServiceAccountState) {
	c := d.c
	status := wantStatus(w.Status)
	cur, exists := d.cur.ServiceAccounts[key]
	entry := func(z *IAMSnapshot) {
		setEntry(&z.ServiceAccounts, key, IAMServiceAccount{Parent: w.User, AccessKey: key, SecretKey: w.SecretKey,
			SessionPolicy: w.Policy, Name: w.Name, Description: w.Description, Expiration: w.Expiry, Status: "on"})
	}
	parentDisabled := d.staysDisabled(d.want, w.User)
	add := func(ctx context.Context) error {
		var err error
		if parentDisabled {
			err = c.importOne(ctx, entry)
		} else {
			_, err = c.AddServiceAccount(ctx, AddServiceAccountReq{AccessKey: key, SecretKey: w.SecretKey,
				TargetUser: w.User, Policy: w.Policy, Name: w.Name, Description: w.Description, Expiry: w.Expiry})
		}
		if err != nil {
			return err
		}
		if status == statusDisabled {
			_, err := c.UpdateServiceAccount(ctx, key, UpdateServiceAccountReq{Status: "off", Policy: w.Policy})
			return err
		}
		return nil
	}
	if !exists {
		fields := map[string]any{"user": w.User, "secret_key": "***", "status": status}
		setIf(fields, "name", w.Name)
		setIf(fields, "description", w.Description)
		if w.Policy != nil {
			fields["policy"] = CanonicalPolicy(w.Policy)
		}
		if w.Expiry != nil {
			fields["expiry"] = w.Expiry.UTC().Format(time.RFC3339)
		}
		var bulk func(*IAMSnapshot)
		if status == statusEnabled { // the import always enables
			bulk = entry
		}
		d.add(stageGroups, ActionCreate, KindServiceAccount, key, fields, add, bulk)
		return
	}
	if w.User != "" && w.User != cur.Parent {
		// The parent cannot change in place: the account is re-created under the new one.
		d.add(stageGroups, ActionUpdate, KindServiceAccount, key, map[string]any{"user": w.User, "secret_key": "***"},
			func(ctx context.Context) error {
				if _, err := c.DeleteServiceAccount(ctx, key); err != nil {
					return err
				}
				return add(ctx)
			}, nil)
		return
	}
	fields := map[string]any{}
	var req UpdateServiceAccountReq
	if w.ResetSecret && (cur.SecretKey == "" || cur.SecretKey != w.SecretKey) {
		fields["secret_key"] = "***"
		req.SecretKey = w.SecretKey
	}
	if w.Name != "" && w.Name != cur.Name {
		fields["name"], req.Name = w.Name, w.Name
	}
	if w.Description != "" && w.Description != cur.Description {
		fields["description"], req.Description = w.Description, w.Description
	}
	if w.Policy != nil && (!cur.HasSessionPolicy() || CanonicalPolicy(w.Policy) != CanonicalPolicy(cur.SessionPolicy)) {
		fields["policy"] = CanonicalPolicy(w.Policy)
		req.Policy = w.Policy
	}
	if w.Expiry != nil && (cur.Expires() == nil || !cur.Expires().Equal(w.Expiry.Truncate(time.Second))) {
		fields["expiry"] = w.Expiry.UTC().Format(time.RFC3339)
		req.Expiry = w.Expiry
	}
	curStatus := statusEnabled
	if cur.Status == "off" || cur.Status == statusDisabled {
		curStatus = statusDisabled
	}
	if status != curStatus {
		fields["status"] = status
		req.Status = map[string]string{statusEnabled: "on", statusDisabled: "off"}[status]
	}
	if len(fields) == 0 {
		d.unchanged++
		return
	}
	if req.Policy == nil && cur.HasSessionPolicy() {
		req.Policy = cur.SessionPolicy // sent back as it is, saving the sealed read
	}
	d.add(stageGroups, ActionUpdate, KindServiceAccount, key, fields, func(ctx context.Context) error {
		_, err := c.UpdateServiceAccount(ctx, key, req)
		return err
	}, nil)
}

func setIf(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

func (d *differ) bucket(name string, w BucketState) {
	c := d.c
	curQuota, exists := d.cur.buckets[name]
	if !exists {
		fields := map[string]any{}
		if w.Quota != nil && *w.Quota > 0 {
			fields["quota"] = *w.Quota
		}
		d.add(stageUsers, ActionCreate, KindBucket, name, fields, func(ctx context.Context) error {
			if _, err := c.MakeBucket(ctx, name); err != nil {
				return err
			}
			if w.Quota != nil && *w.Quota > 0 {
				_, err := c.BucketQuotaSet(ctx, name, *w.Quota)
				return err
			}
			return nil
		}, nil)
		return
	}
	if w.Quota == nil || *w.Quota == curQuota {
		d.unchanged++
		return
	}
	q := *w.Quota
	d.add(stageUsers, ActionUpdate, KindBucket, name, map[string]any{"quota": q}, func(ctx context.Context) error {
		_, err := c.BucketQuotaSet(ctx, name, q)
		return err
	}, nil)
}

// prune deletes, for each kind the state manages, what it does not name.
func (d *differ) prune(want *State) {
	c := d.c
	if want.ServiceAccounts != nil {
		for _, key := range sortedKeys(d.cur.ServiceAccounts) {
			// The caller's own key is never pruned: the job would lock itself out.
			if _, ok := want.ServiceAccounts[key]; !ok && key != c.cred.AccessKey {
				d.add(stagePruneServiceAccounts, ActionDelete, KindServiceAccount, key, nil,
					func(ctx context.Context) error { _, err := c.DeleteServiceAccount(ctx, key); return err }, nil)
			}
		}
	}
	if want.Groups != nil {
		for _, name := range sortedKeys(d.cur.Groups) {
			if _, ok := want.Groups[name]; ok {
				continue
			}
			members := d.cur.Groups[name].Members
			d.add(stagePruneGroups, ActionDelete, KindGroup, name, nil, func(ctx context.Context) error {
				// Only an empty group can be deleted.
				if len(members) > 0 {
					if _, err := c.GroupRemove(ctx, name, members); err != nil {
						return err
					}
				}
				_, err := c.GroupRemove(ctx, name, nil)
				return err
			}, nil)
		}
	}
	if want.Users != nil {
		for _, name := range sortedKeys(d.cur.Users) {
			if _, ok := want.Users[name]; ok || name == c.cred.AccessKey {
				continue
			}
			d.add(stagePruneUsers, ActionDelete, KindUser, name, nil,
				func(ctx context.Context) error { _, err := c.UserRemove(ctx, name); return err }, nil)
		}
	}
	if want.Policies != nil {
		for _, name := range sortedKeys(d.cur.Policies) {
			if _, ok := want.Policies[name]; ok || builtinPolicies[name] {
				continue
			}
			d.add(stagePrunePolicies, ActionDelete, KindPolicy, name, nil,
				func(ctx context.Context) error { _, err := c.PolicyRemove(ctx, name); return err }, nil)
		}
	}
	if want.Buckets != nil {
		for _, name := range sortedKeys(d.cur.buckets) {
			if _, ok := want.Buckets[name]; !ok {
				// The server refuses to delete a bucket that holds objects; that shows as an error.
				d.add(stagePrunePolicies, ActionDelete, KindBucket, name, nil,
					func(ctx context.Context) error { _, err := c.RemoveBucket(ctx, name); return err }, nil)
			}
		}
	}
}

func setEntry[V any](m *map[string]V, k string, v V) {
	if *m == nil {
		*m = map[string]V{}
	}
	(*m)[k] = v
}

// CanonicalPolicy renders a policy document so that documents meaning the same compare
// equal: keys sorted, a single statement, action or resource written as a one-element
// list, set-valued lists sorted, empty Sid and Condition dropped. Invalid JSON is
// returned as its trimmed text.
func CanonicalPolicy(doc []byte) string {
	var v map[string]any
	if err := json.Unmarshal(doc, &v); err != nil {
		return string(bytes.TrimSpace(doc))
	}
	if st, ok := v["Statement"]; ok {
		list, isList := st.([]any)
		if !isList {
			list = []any{st}
		}
		for i, s := range list {
			if m, ok := s.(map[string]any); ok {
				list[i] = canonicalStatement(m)
			}
		}
		v["Statement"] = list
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// setKeys hold unordered sets of strings in a policy statement.
var setKeys = []string{"Action", "NotAction", "Resource", "NotResource"}

func canonicalStatement(m map[string]any) map[string]any {
	for _, k := range setKeys {
		if v, ok := m[k]; ok {
			m[k] = sortedSet(v)
		}
	}
	if sid, ok := m["Sid"].(string); ok && sid == "" {
		delete(m, "Sid")
	}
	if cond, ok := m["Condition"].(map[string]any); ok {
		if len(cond) == 0 {
			delete(m, "Condition")
		}
		for _, ops := range cond {
			if kv, ok := ops.(map[string]any); ok {
				for k, v := range kv {
					kv[k] = sortedSet(v)
				}
			}
		}
	}
	return m
}

// sortedSet writes a string or a list of strings as a sorted list without repeats;
// anything else stays as it is.
func sortedSet(v any) any {
	list, ok := v.([]any)
	if s, isStr := v.(string); isStr {
		list, ok = []any{s}, true
	}
	if !ok {
		return v
	}
	strs := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := e.(string)
		if !ok {
			return v
		}
		strs = append(strs, s)
	}
	slices.Sort(strs)
	strs = slices.Compact(strs)
	out := make([]any, len(strs))
	for i, s := range strs {
		out[i] = s
	}
	return out
}

// checkNames refuses names the server would answer with a misleading error (a newline
// in a name reaches the server as a 426 version mismatch): every name in the state must
// be valid UTF-8 without control characters. It runs before anything is read.
func checkNames(op string, want *State) error {
	var errs []error
	check := func(kind, n string) {
		if reason := nameProblem(n); reason != "" {
			errs = append(errs, &ArgumentError{Op: op, Arg: fmt.Sprintf("%s %q", kind, n), Reason: reason})
		}
	}
	for _, n := range sortedKeys(want.Policies) {
		check("policy", n)
	}
	for _, n := range sortedKeys(want.Users) {
		check("user", n)
		for _, p := range want.Users[n].Policies {
			check("policy of user "+n, p)
		}
	}
	for _, n := range sortedKeys(want.Groups) {
		check("group", n)
		for _, m := range want.Groups[n].Members {
			check("member of group "+n, m)
		}
		for _, p := range want.Groups[n].Policies {
			check("policy of group "+n, p)
		}
	}
	for _, n := range sortedKeys(want.ServiceAccounts) {
		check("service account", n)
		if u := want.ServiceAccounts[n].User; u != "" {
			check("parent of service account "+n, u)
		}
	}
	for _, n := range sortedKeys(want.Buckets) {
		check("bucket", n)
	}
	return errors.Join(errs...)
}

// nameProblem says what makes n unusable as a name on the server, or "".
func nameProblem(n string) string {
	if !utf8.ValidString(n) {
		return "a name must be valid UTF-8"
	}
	if strings.ContainsFunc(n, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "a name must not hold a control character (a newline?)"
	}
	return ""
}

// validate refuses a state the server would reject in a way that could leave a
// half-applied import, before anything is written.
func (c *Client) validate(op string, want *State, cur *serverState) error {
	var errs []error
	bad := func(arg, reason string) { errs = append(errs, &ArgumentError{Op: op, Arg: arg, Reason: reason}) }
	name := func(kind, n string) bool {
		if n == "" || strings.TrimSpace(n) != n {
			bad(kind+" "+fmt.Sprintf("%q", n), "a name must not be empty or start or end with a space")
			return false
		}
		return true
	}
	policyExists := func(p string) bool {
		_, inState := want.Policies[p]
		_, onServer := cur.Policies[p]
		return inState || onServer || builtinPolicies[p]
	}
	for _, p := range sortedKeys(want.Policies) {
		if !name("policy", p) {
			continue
		}
		if builtinPolicies[p] {
			bad("policy "+p, "a built-in policy cannot be managed")
		}
		if err := checkStatements(want.Policies[p]); err != "" {
			bad("policy "+p, err)
		}
	}
	// Cross-references need the whole server state; per-object reads (ensure_*) leave
	// them to the server.
	checkMappings := func(kind, n string, list []string) {
		for _, p := range list {
			if !cur.refs {
				return
			}
			if !policyExists(strings.TrimSpace(p)) {
				bad(kind+" "+n, "policy "+p+" does not exist and is not in the state")
			}
		}
	}
	for _, u := range sortedKeys(want.Users) {
		if !name("user", u) {
			continue
		}
		w := want.Users[u]
		_, exists := cur.Users[u]
		switch {
		case u == c.cred.AccessKey:
			bad("user "+u, "the client's own access key cannot be managed")
		case len(u) < 3 || strings.ContainsAny(u, "=,"):
			bad("user "+u, "an access key needs at least 3 characters and no '=' or ','")
		case (!exists || w.ResetSecret) && len(w.SecretKey) < 8:
			bad("user "+u, "secret_key needs at least 8 characters")
		}
		if _, isSA := cur.ServiceAccounts[u]; isSA || cur.derived[u] {
			bad("user "+u, "the name is a service account (or temporary key)")
		}
		checkMappings("user", u, w.Policies)
	}
	for _, g := range sortedKeys(want.Groups) {
		if !name("group", g) {
			continue
		}
		for _, m := range want.Groups[g].Members {
			if !cur.refs {
				break
			}
			_, inState := want.Users[m]
			_, onServer := cur.Users[m]
			_, isSA := cur.ServiceAccounts[m]
			_, isStateSA := want.ServiceAccounts[m]
			switch {
			case isSA || isStateSA || cur.derived[m]:
				bad("group "+g, "member "+m+" is a service account (or temporary key), not a user")
			case !inState && !onServer:
				bad("group "+g, "member "+m+" is not a user")
			}
		}
		checkMappings("group", g, want.Groups[g].Policies)
	}
	for _, k := range sortedKeys(want.ServiceAccounts) {
		if !name("service account", k) {
			continue
		}
		w := want.ServiceAccounts[k]
		_, exists := cur.ServiceAccounts[k]
		_, isUser := cur.Users[k]
		_, isStateUser := want.Users[k]
		switch {
		case len(k) < 3 || len(k) > 20:
			bad("service account "+k, "an access key needs 3 to 20 characters")
		case isUser || isStateUser:
			bad("service account "+k, "the access key is a user")
		case w.User == "":
			bad("service account "+k, "user (the parent) is required")
		case (!exists || w.ResetSecret) && (len(w.SecretKey) < 8 || len(w.SecretKey) > 40):
			bad("service account "+k, "secret_key needs 8 to 40 characters")
		}
		if w.Policy != nil {
			if err := checkStatements(w.Policy); err != "" {
				bad("service account "+k, "policy: "+err)
			}
		}
	}
	for _, b := range sortedKeys(want.Buckets) {
		name("bucket", b)
	}
	return errors.Join(errs...)
}

// checkStatements wants a JSON object with at least one statement: the import reads a
// document without statements as "delete this policy".
func checkStatements(doc []byte) string {
	var v struct {
		Statement json.RawMessage
	}
	if err := json.Unmarshal(doc, &v); err != nil {
		return "not a JSON object: " + err.Error()
	}
	s := bytes.TrimSpace(v.Statement)
	if len(s) == 0 || string(s) == "[]" || string(s) == "null" || string(s) == "{}" {
		return "a policy needs at least one statement"
	}
	return ""
}
