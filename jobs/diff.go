package jobs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/minioscript/minioscript/admin"
)

// Options tune Diff.
type Options struct {
	// Prune adds deletions, for each kind the state manages, of what it does not name;
	// see pruneChanges for what is never deleted.
	Prune bool
	// Caller is the access key the plan will be applied with: it is never managed nor
	// pruned.
	Caller string
	// Op names the operation in validation errors ("apply" when empty).
	Op string
	// Access is what the caller's own access rests on (ReadCaller); with Prune, a plan
	// that would delete any of it is refused with a *PruneError.
	Access *CallerAccess
}

// Diff computes the changes that bring cur to want, in run order: by stage, then by
// kind and name. It is a pure function: it reads nothing and writes nothing. A state
// the server would reject in a way that could leave a half-applied import is refused
// with every problem found (admin.ArgumentError values joined).
func Diff(want *State, cur *Current, opts Options) (*Plan, error) {
	if want == nil {
		want = &State{}
	}
	if cur == nil {
		cur = NewCurrent()
	}
	cur.fill()
	if opts.Op == "" {
		opts.Op = "apply"
	}
	if err := validate(opts, want, cur); err != nil {
		return nil, err
	}
	d := &differ{want: want, cur: cur}
	for _, name := range slices.Sorted(maps.Keys(want.Policies)) {
		d.policy(name, want.Policies[name])
	}
	for _, name := range slices.Sorted(maps.Keys(want.Users)) {
		d.user(name, want.Users[name])
	}
	for _, name := range slices.Sorted(maps.Keys(want.Groups)) {
		d.group(name, want.Groups[name])
	}
	for _, name := range slices.Sorted(maps.Keys(want.ServiceAccounts)) {
		d.serviceAccount(name, want.ServiceAccounts[name])
	}
	for _, name := range slices.Sorted(maps.Keys(want.Buckets)) {
		d.bucket(name, want.Buckets[name])
	}
	d.kmsKeys(want.KMSKeys)
	for _, name := range slices.Sorted(maps.Keys(want.Config)) {
		d.config(name, want.Config[name])
	}
	if want.LDAP != nil {
		d.ldapMappings("user:", want.LDAP.Users, cur.LDAPUsers, opts.Prune)
		d.ldapMappings("group:", want.LDAP.Groups, cur.LDAPGroups, opts.Prune)
	}
	if opts.Prune && cur.Complete {
		d.changes = append(d.changes, pruneChanges(want, cur, opts.Caller)...)
	}
	sort.SliceStable(d.changes, func(i, j int) bool {
		return stageIndex(d.changes[i].Stage) < stageIndex(d.changes[j].Stage)
	})
	p := &Plan{Changes: d.changes, Unchanged: d.unchanged, Prune: opts.Prune, Fingerprint: cur.Fingerprint(want),
		Warnings: d.warnings}
	if hits := opts.Access.deletes(p.Changes); len(hits) > 0 {
		return nil, &PruneError{Op: opts.Op, Objects: hits, Plan: PlanReport(p, false)}
	}
	return p, nil
}

// CallerAccess is what the caller's own access rests on: the user it acts for (itself,
// or the parent of a service account or temporary key), that user's groups, and the
// policies mapped to the user and to those groups. Prune must delete none of them, or a
// job locks itself out half-way (the caller's own key is never pruned at all).
type CallerAccess struct {
	Key, User        string
	Groups, Policies map[string]bool
}

// deletes names each change that deletes what a depends on, with why.
func (a *CallerAccess) deletes(changes []Change) []string {
	if a == nil {
		return nil
	}
	var hits []string
	for _, ch := range changes {
		if ch.Action != ActionDelete {
			continue
		}
		switch {
		case ch.Kind == KindUser && ch.Name == a.User && a.User != a.Key:
			hits = append(hits, "user "+ch.Name+" (the parent of the caller's key "+a.Key+")")
		case ch.Kind == KindGroup && a.Groups[ch.Name]:
			hits = append(hits, "group "+ch.Name+" (the caller's user "+a.User+" is a member)")
		case ch.Kind == KindPolicy && a.Policies[ch.Name]:
			hits = append(hits, "policy "+ch.Name+" (the caller's user "+a.User+" or its group has it)")
		}
	}
	return hits
}

// PruneError stops a plan whose prune would delete what the caller's own access depends
// on (its parent user, a group it is in, a policy it has through either); nothing was
// written. Plan is the whole plan, shown in the message too.
type PruneError struct {
	Op      string
	Objects []string // each with why the caller needs it
	Plan    *Report
}

func (e *PruneError) Error() string {
	return fmt.Sprintf("%s: prune would delete what the caller's own access depends on: %s; nothing was written (name them in the state, or run as another user). The plan was:\n%s",
		e.Op, strings.Join(e.Objects, ", "), e.Plan.String())
}

// checkNames refuses names the server would answer with a misleading error (a newline
// in a name reaches the server as a 426 version mismatch): every name in the state must
// be valid UTF-8 without control characters. Engine runs it before anything is read.
func checkNames(op string, want *State) error {
	var errs []error
	check := func(kind, n string) {
		if reason := admin.NameProblem(n); reason != "" {
			errs = append(errs, &admin.ArgumentError{Op: op, Arg: fmt.Sprintf("%s %q", kind, n), Reason: reason})
		}
	}
	for _, n := range slices.Sorted(maps.Keys(want.Policies)) {
		check("policy", n)
	}
	for _, n := range slices.Sorted(maps.Keys(want.Users)) {
		check("user", n)
		for _, p := range want.Users[n].Policies {
			check("policy of user "+n, p)
		}
	}
	for _, n := range slices.Sorted(maps.Keys(want.Groups)) {
		check("group", n)
		for _, m := range want.Groups[n].Members {
			check("member of group "+n, m)
		}
		for _, p := range want.Groups[n].Policies {
			check("policy of group "+n, p)
		}
	}
	for _, n := range slices.Sorted(maps.Keys(want.ServiceAccounts)) {
		check("service account", n)
		if u := want.ServiceAccounts[n].User; u != "" {
			check("parent of service account "+n, u)
		}
	}
	for _, n := range slices.Sorted(maps.Keys(want.Buckets)) {
		check("bucket", n)
	}
	if want.LDAP != nil {
		for _, n := range slices.Sorted(maps.Keys(want.LDAP.Users)) {
			check("ldap user", n)
		}
		for _, n := range slices.Sorted(maps.Keys(want.LDAP.Groups)) {
			check("ldap group", n)
		}
	}
	return errors.Join(errs...)
}

type differ struct {
	want      *State
	cur       *Current
	changes   []Change
	unchanged int
	warnings  []string
}

func (d *differ) warn(s string) { d.warnings = append(d.warnings, s) }

func (d *differ) add(ch Change) *Change {
	d.changes = append(d.changes, ch)
	return &d.changes[len(d.changes)-1]
}

// staysDisabled tells whether a user is disabled on the server and remains so: its
// mappings and new service accounts then go through the import, which does not look
// at the user (policy_set and add-service-account answer "no such user").
func staysDisabled(want *State, cur *Current, user string) bool {
	c, ok := cur.Users[user]
	w, named := want.Users[user]
	return ok && c.Status == statusDisabled && (!named || wantStatus(w.Status) == statusDisabled)
}

func (d *differ) policy(name string, doc json.RawMessage) {
	cur, exists := d.cur.Policies[name]
	want := admin.CanonicalPolicy(doc)
	if !exists {
		d.add(Change{Action: ActionCreate, Kind: KindPolicy, Name: name, After: map[string]any{"document": want},
			Stage: StagePolicies, Bulk: true})
		return
	}
	if old := admin.CanonicalPolicy(cur); old != want {
		d.add(Change{Action: ActionUpdate, Kind: KindPolicy, Name: name, Before: map[string]any{"document": old},
			After: map[string]any{"document": want}, Stage: StagePolicies, Bulk: true})
		return
	}
	d.unchanged++
}

func (d *differ) user(name string, w UserState) {
	status := wantStatus(w.Status)
	cur, exists := d.cur.Users[name]
	if !exists {
		d.add(Change{Action: ActionCreate, Kind: KindUser, Name: name,
			After: map[string]any{"secret_key": Secret, "status": status}, Stage: StageUsersBuckets, Bulk: true})
	} else {
		before, after := map[string]any{}, map[string]any{}
		known := cur.SecretKey != "" // the import needs the secret even to change only the status
		if w.ResetSecret && (cur.SecretKey == "" || cur.SecretKey != w.SecretKey) {
			before["secret_key"], after["secret_key"] = Secret, Secret
			known = true
		}
		if curStatus := userStatus(cur.Status); status != curStatus {
			before["status"], after["status"] = curStatus, status
		}
		if len(after) == 0 {
			d.unchanged++
		} else {
			d.add(Change{Action: ActionUpdate, Kind: KindUser, Name: name, Before: before, After: after,
				Stage: StageUsersBuckets, Bulk: known})
		}
	}
	if w.Policies != nil {
		d.mapping("user:", d.cur.UserMappings[name].Policy, name, w.Policies, staysDisabled(d.want, d.cur, name))
	}
}

// userStatus reads a server status: anything but "disabled" is enabled.
func userStatus(s string) string {
	if s == statusDisabled {
		return statusDisabled
	}
	return statusEnabled
}

// mapping sets the exact policy list of a user or group; see staysDisabled.
func (d *differ) mapping(prefix, curList, name string, want []string, disabledUser bool) {
	cur, w := normList(admin.SplitList(curList)), normList(want)
	if slices.Equal(cur, w) {
		d.unchanged++
		return
	}
	ch := Change{Action: ActionUpdate, Kind: KindMapping, Name: prefix + name, Before: map[string]any{"policies": cur},
		After: map[string]any{"policies": w}, Stage: StageMappings, Bulk: true, Import: disabledUser}
	switch {
	case len(cur) == 0:
		ch.Action, ch.Before = ActionCreate, nil
	case len(w) == 0:
		ch.Action = ActionDelete
	}
	d.add(ch)
}

func (d *differ) group(name string, w GroupState) {
	status := wantStatus(w.Status)
	members := normList(w.Members)
	cur, exists := d.cur.Groups[name]
	if !exists {
		// The import creates every group enabled.
		d.add(Change{Action: ActionCreate, Kind: KindGroup, Name: name, After: map[string]any{"members": members, "status": status},
			Stage: StageGroupsAccounts, Bulk: status == statusEnabled})
	} else {
		before, after := map[string]any{}, map[string]any{}
		if have := normList(cur.Members); !slices.Equal(have, members) {
			before["members"], after["members"] = have, members
		}
		if curStatus := userStatus(cur.Status); status != curStatus {
			before["status"], after["status"] = curStatus, status
		}
		if len(after) == 0 {
			d.unchanged++
		} else {
			// The import merges members and ignores status: only the calls do this.
			d.add(Change{Action: ActionUpdate, Kind: KindGroup, Name: name, Before: before, After: after, Stage: StageGroupsAccounts})
		}
	}
	if w.Policies != nil {
		d.mapping("group:", d.cur.GroupMappings[name].Policy, name, w.Policies, false)
	}
}

func (d *differ) serviceAccount(key string, w ServiceAccountState) {
	status := wantStatus(w.Status)
	cur, exists := d.cur.ServiceAccounts[key]
	parentDisabled := staysDisabled(d.want, d.cur, w.User)
	if !exists {
		after := map[string]any{"user": w.User, "secret_key": Secret, "status": status}
		setIf(after, "name", w.Name)
		setIf(after, "description", w.Description)
		if w.Policy != nil {
			after["policy"] = admin.CanonicalPolicy(w.Policy)
		}
		if w.Expiry != nil {
			after["expiry"] = timeText(*w.Expiry)
		}
		// The import always enables.
		d.add(Change{Action: ActionCreate, Kind: KindServiceAccount, Name: key, After: after, Stage: StageGroupsAccounts,
			Bulk: status == statusEnabled, Import: parentDisabled})
		return
	}
	if w.User != "" && w.User != cur.Parent {
		// The parent cannot change in place: the account is re-created under the new one.
		d.add(Change{Action: ActionUpdate, Kind: KindServiceAccount, Name: key, Before: map[string]any{"user": cur.Parent, "secret_key": Secret},
			After: map[string]any{"user": w.User, "secret_key": Secret}, Stage: StageGroupsAccounts, Import: parentDisabled, Replace: true})
		return
	}
	before, after := map[string]any{}, map[string]any{}
	change := func(k string, b, a any) { before[k], after[k] = b, a }
	if w.ResetSecret && (cur.SecretKey == "" || cur.SecretKey != w.SecretKey) {
		change("secret_key", Secret, Secret)
	}
	if w.Name != "" && w.Name != cur.Name {
		change("name", cur.Name, w.Name)
	}
	if w.Description != "" && w.Description != cur.Description {
		change("description", cur.Description, w.Description)
	}
	if w.Policy != nil {
		old := ""
		if cur.HasSessionPolicy() {
			old = admin.CanonicalPolicy(cur.SessionPolicy)
		}
		if p := admin.CanonicalPolicy(w.Policy); p != old {
			change("policy", old, p)
		}
	}
	if w.Expiry != nil && (cur.Expires() == nil || !cur.Expires().Equal(w.Expiry.Truncate(time.Second))) {
		old := ""
		if cur.Expires() != nil {
			old = timeText(*cur.Expires())
		}
		change("expiry", old, timeText(*w.Expiry))
	}
	curStatus := statusEnabled
	if cur.Status == "off" || cur.Status == statusDisabled {
		curStatus = statusDisabled
	}
	if status != curStatus {
		change("status", curStatus, status)
	}
	if len(after) == 0 {
		d.unchanged++
		return
	}
	d.add(Change{Action: ActionUpdate, Kind: KindServiceAccount, Name: key, Before: before, After: after, Stage: StageGroupsAccounts})
}

func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func setIf(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

func (d *differ) bucket(name string, w BucketState) {
	curQuota, exists := d.cur.Buckets[name]
	if !exists {
		after := map[string]any{}
		if w.Quota != nil && *w.Quota > 0 {
			after["quota"] = *w.Quota
		}
		createSettings(after, w)
		d.add(Change{Action: ActionCreate, Kind: KindBucket, Name: name, After: after, Stage: StageUsersBuckets})
		return
	}
	before, after := map[string]any{}, map[string]any{}
	if w.Quota != nil && *w.Quota != curQuota {
		before["quota"], after["quota"] = curQuota, *w.Quota
	}
	updateSettings(before, after, w, d.cur.BucketSettings[name])
	if len(after) == 0 {
		d.unchanged++
		return
	}
	d.add(Change{Action: ActionUpdate, Kind: KindBucket, Name: name, Before: before, After: after, Stage: StageUsersBuckets})
}

// pruneChanges holds every prune rule. For each kind the state manages (a section
// given, even empty), it deletes what the server holds and the state does not name,
// except:
//   - the caller's own access key and the built-in policies;
//   - a user something that stays still depends on: the parent of a service account
//     that is kept (wanted, or in a section the state does not manage), a member of a
//     group that is kept and not managed or that the state lists it in (deleting a
//     user deletes its service accounts and memberships on the server);
//   - a policy still mapped: named in the state's mappings, or mapped on the server to a
//     user or group that is kept and whose mapping the state leaves as it is.
//
// Dependents go first: service accounts, then groups, then users, then policies and
// buckets.
func pruneChanges(want *State, cur *Current, caller string) []Change {
	var out []Change
	prunedAccount := func(key string) bool {
		_, wanted := want.ServiceAccounts[key]
		return want.ServiceAccounts != nil && !wanted
	}
	prunedGroup := func(name string) bool {
		_, wanted := want.Groups[name]
		return want.Groups != nil && !wanted
	}
	for _, key := range slices.Sorted(maps.Keys(cur.ServiceAccounts)) {
		// The caller's own key is never pruned: the job would lock itself out.
		if prunedAccount(key) && key != caller {
			out = append(out, Change{Action: ActionDelete, Kind: KindServiceAccount, Name: key,
				Before: map[string]any{"user": cur.ServiceAccounts[key].Parent}, Stage: StagePruneAccounts})
		}
	}
	for _, name := range slices.Sorted(maps.Keys(cur.Groups)) {
		if prunedGroup(name) {
			g := cur.Groups[name]
			out = append(out, Change{Action: ActionDelete, Kind: KindGroup, Name: name,
				Before: map[string]any{"members": normList(g.Members), "status": userStatus(g.Status)}, Stage: StagePruneGroups})
		}
	}
	needed := map[string]bool{caller: true}
	for key, a := range cur.ServiceAccounts {
		if _, wanted := want.ServiceAccounts[key]; !wanted && !prunedAccount(key) {
			needed[a.Parent] = true // kept where it is
		}
	}
	for _, a := range want.ServiceAccounts {
		needed[a.User] = true
	}
	if want.Groups == nil {
		for _, g := range cur.Groups {
			for _, m := range g.Members {
				needed[m] = true
			}
		}
	}
	for _, g := range want.Groups {
		for _, m := range g.Members {
			needed[strings.TrimSpace(m)] = true
		}
	}
	prunedUser := func(name string) bool {
		_, wanted := want.Users[name]
		return want.Users != nil && !wanted && !needed[name]
	}
	for _, name := range slices.Sorted(maps.Keys(cur.Users)) {
		if prunedUser(name) {
			out = append(out, Change{Action: ActionDelete, Kind: KindUser, Name: name,
				Before: map[string]any{"status": userStatus(cur.Users[name].Status)}, Stage: StagePruneUsers})
		}
	}
	if want.Policies != nil {
		mapped := map[string]bool{}
		for _, u := range want.Users {
			for _, p := range u.Policies {
				mapped[strings.TrimSpace(p)] = true
			}
		}
		for _, g := range want.Groups {
			for _, p := range g.Policies {
				mapped[strings.TrimSpace(p)] = true
			}
		}
		for _, p := range ldapKeptPolicies(want, cur, true) {
			mapped[strings.TrimSpace(p)] = true
		}
		for name, m := range cur.UserMappings {
			if _, ok := cur.Users[name]; ok && prunedUser(name) || want.Users[name].Policies != nil {
				continue
			}
			for _, p := range admin.SplitList(m.Policy) {
				mapped[p] = true
			}
		}
		for name, m := range cur.GroupMappings {
			if _, ok := cur.Groups[name]; ok && prunedGroup(name) || want.Groups[name].Policies != nil {
				continue
			}
			for _, p := range admin.SplitList(m.Policy) {
				mapped[p] = true
			}
		}
		for _, name := range slices.Sorted(maps.Keys(cur.Policies)) {
			if _, ok := want.Policies[name]; ok || builtinPolicies[name] || mapped[name] {
				continue
			}
			out = append(out, Change{Action: ActionDelete, Kind: KindPolicy, Name: name,
				Before: map[string]any{"document": admin.CanonicalPolicy(cur.Policies[name])}, Stage: StagePrunePolicies})
		}
	}
	if want.Buckets != nil {
		for _, name := range slices.Sorted(maps.Keys(cur.Buckets)) {
			if _, ok := want.Buckets[name]; !ok {
				// The server refuses to delete a bucket that holds objects; that shows as an error.
				out = append(out, Change{Action: ActionDelete, Kind: KindBucket, Name: name, Before: map[string]any{},
					Stage: StagePrunePolicies})
			}
		}
	}
	return out
}

// validate refuses a state the server would reject in a way that could leave a
// half-applied import, before anything is written.
func validate(opts Options, want *State, cur *Current) error {
	if err := checkNames(opts.Op, want); err != nil {
		return err
	}
	var errs []error
	bad := func(arg, reason string) {
		errs = append(errs, &admin.ArgumentError{Op: opts.Op, Arg: arg, Reason: reason})
	}
	name := func(kind, n string) bool {
		if n == "" || strings.TrimSpace(n) != n {
			bad(kind+" "+fmt.Sprintf("%q", n), "a name must not be empty or start or end with a space")
			return false
		}
		return true
	}
	status := func(what, s string) {
		switch strings.ToLower(s) {
		case "", "enabled", "disabled", "on", "off":
		default:
			bad(what, fmt.Sprintf(`status: "enabled" or "disabled" expected, got %q`, s))
		}
	}
	policyExists := func(p string) bool {
		_, inState := want.Policies[p]
		_, onServer := cur.Policies[p]
		return inState || onServer || builtinPolicies[p]
	}
	for _, p := range slices.Sorted(maps.Keys(want.Policies)) {
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
			if cur.Refs && !policyExists(strings.TrimSpace(p)) {
				bad(kind+" "+n, "policy "+p+" does not exist and is not in the state")
			}
		}
	}
	for _, u := range slices.Sorted(maps.Keys(want.Users)) {
		if !name("user", u) {
			continue
		}
		w := want.Users[u]
		_, exists := cur.Users[u]
		switch {
		case u == opts.Caller:
			bad("user "+u, "the client's own access key cannot be managed")
		case len(u) < 3 || strings.ContainsAny(u, "=,"):
			bad("user "+u, "an access key needs at least 3 characters and no '=' or ','")
		case (!exists || w.ResetSecret) && len(w.SecretKey) < 8:
			bad("user "+u, "secret_key needs at least 8 characters")
		}
		if _, isSA := cur.ServiceAccounts[u]; isSA || cur.Derived[u] {
			bad("user "+u, "the name is a service account (or temporary key)")
		}
		status("user "+u, w.Status)
		checkMappings("user", u, w.Policies)
	}
	for _, g := range slices.Sorted(maps.Keys(want.Groups)) {
		if !name("group", g) {
			continue
		}
		for _, m := range want.Groups[g].Members {
			_, inState := want.Users[m]
			_, onServer := cur.Users[m]
			_, isSA := cur.ServiceAccounts[m]
			_, isStateSA := want.ServiceAccounts[m]
			switch {
			case isSA || isStateSA || cur.Derived[m]:
				bad("group "+g, "member "+m+" is a service account (or temporary key), not a user")
			case cur.Refs && !inState && !onServer:
				bad("group "+g, "member "+m+" is not a user")
			}
		}
		status("group "+g, want.Groups[g].Status)
		checkMappings("group", g, want.Groups[g].Policies)
	}
	for _, k := range slices.Sorted(maps.Keys(want.ServiceAccounts)) {
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
		status("service account "+k, w.Status)
		if w.Policy != nil {
			if err := checkStatements(w.Policy); err != "" {
				bad("service account "+k, "policy: "+err)
			}
		}
	}
	for _, b := range slices.Sorted(maps.Keys(want.Buckets)) {
		name("bucket", b)
	}
	validateBuckets(bad, want, cur)
	validateLDAP(bad, want, cur, policyExists)
	validateKMSKeys(bad, want)
	validateConfig(bad, want)
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
