package admin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"strings"
	"sync"
	"time"
)

// State is a wanted IAM and bucket state for Plan and Apply. A nil section is not
// managed at all (prune never touches its kind); inside a section, objects not named
// are left alone unless ApplyOptions.Prune is set.
type State struct {
	Policies        map[string]json.RawMessage
	Users           map[string]UserState
	Groups          map[string]GroupState
	ServiceAccounts map[string]ServiceAccountState
	Buckets         map[string]BucketState
}

// UserState is a wanted user. SecretKey is used when the user is created; an existing
// user keeps its secret unless ResetSecret is set.
type UserState struct {
	SecretKey   string
	Status      string   // "enabled" (default) or "disabled"
	Policies    []string // the exact set of policies mapped; nil: left as it is
	ResetSecret bool
}

// GroupState is a wanted group.
type GroupState struct {
	Members  []string // the exact member set
	Status   string   // "enabled" (default) or "disabled"
	Policies []string // the exact set of policies mapped; nil: left as it is
}

// ServiceAccountState is a wanted service account, keyed by its access key. Empty
// Name/Description and nil Policy/Expiry are left as they are.
type ServiceAccountState struct {
	User        string // parent user
	SecretKey   string // used on creation, or with ResetSecret
	Name        string
	Description string
	Policy      json.RawMessage
	Expiry      *time.Time
	Status      string // "enabled" (default) or "disabled"
	ResetSecret bool
}

// BucketState is a wanted bucket; Quota nil leaves the quota alone, 0 removes it.
type BucketState struct {
	Quota *uint64
}

// Kinds and actions of a Change.
const (
	KindPolicy         = "policy"
	KindUser           = "user"
	KindGroup          = "group"
	KindServiceAccount = "service_account"
	KindBucket         = "bucket"
	KindMapping        = "mapping"

	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
)

// Change is one difference between the wanted state and the server. Fields are the
// values that change; secrets are always "***". Mappings are named "user:NAME" or
// "group:NAME".
type Change struct {
	Action string         `json:"action"`
	Kind   string         `json:"kind"`
	Name   string         `json:"name"`
	Fields map[string]any `json:"fields,omitempty"`
	DryRun bool           `json:"dry_run,omitempty"`
}

// String is "+ kind name key=value ..." (+ create, ~ update, - delete).
func (ch Change) String() string {
	sign := map[string]string{ActionCreate: "+", ActionUpdate: "~", ActionDelete: "-"}[ch.Action]
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s", sign, ch.Kind, ch.Name)
	for _, k := range sortedKeys(ch.Fields) {
		fmt.Fprintf(&b, " %s=%s", k, shortValue(ch.Fields[k]))
	}
	return b.String()
}

// ChangeError is a change that failed.
type ChangeError struct {
	Change Change
	Err    error
}

func (e *ChangeError) Error() string {
	return fmt.Sprintf("%s %s %s: %v", e.Change.Action, e.Change.Kind, e.Change.Name, e.Err)
}
func (e *ChangeError) Unwrap() error { return e.Err }

// Report is what Plan would do or what Apply did: the same for both when every change
// succeeds, and the same whether Apply used the bulk import or not.
type Report struct {
	Changes   []Change
	Created   int
	Updated   int
	Deleted   int
	Unchanged int
	Failed    int
	Errors    []*ChangeError
	Warnings  []string
	Applied   bool // false for a plan
	DryRun    bool
	Bulk      bool // the server's IAM import carried part of the changes
}

// String is a readable summary: counts, counts by kind and action, then each change and
// each error. It never shows a secret.
func (r *Report) String() string {
	var b strings.Builder
	verb := "plan"
	switch {
	case r.DryRun:
		verb = "dry run"
	case r.Applied:
		verb = "applied"
	}
	fmt.Fprintf(&b, "%s: %d to create, %d to update, %d to delete, %d unchanged", verb,
		r.Created, r.Updated, r.Deleted, r.Unchanged)
	if r.Applied && !r.DryRun {
		b.Reset()
		fmt.Fprintf(&b, "%s: %d created, %d updated, %d deleted, %d unchanged, %d failed", verb,
			r.Created, r.Updated, r.Deleted, r.Unchanged, r.Failed)
	}
	if r.Bulk {
		b.WriteString(" (bulk import)")
	}
	b.WriteString("\n")
	byKind := map[string]map[string]int{}
	for _, ch := range r.Changes {
		if byKind[ch.Kind] == nil {
			byKind[ch.Kind] = map[string]int{}
		}
		byKind[ch.Kind][ch.Action]++
	}
	for _, k := range sortedKeys(byKind) {
		fmt.Fprintf(&b, "  %-16s", k)
		for _, a := range []string{ActionCreate, ActionUpdate, ActionDelete} {
			if n := byKind[k][a]; n > 0 {
				fmt.Fprintf(&b, " %s %d", a, n)
			}
		}
		b.WriteString("\n")
	}
	for _, ch := range r.Changes {
		b.WriteString("  " + ch.String() + "\n")
	}
	for _, w := range r.Warnings {
		b.WriteString("warning: " + w + "\n")
	}
	for _, e := range r.Errors {
		b.WriteString("error: " + e.Error() + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// Bulk modes for ApplyOptions.Bulk.
const (
	BulkAuto   = "auto"
	BulkAlways = "always"
	BulkNever  = "never"
)

// DefaultBulkThreshold is how many creates make "auto" use the import (over TLS).
const DefaultBulkThreshold = 100

// ApplyOptions tunes Plan and Apply; the zero value is per-call writes where the
// import does not pay off, no pruning, 4 calls in flight.
type ApplyOptions struct {
	// Prune deletes objects of the managed kinds that the state does not name (never
	// the root user, the caller's own key or a built-in policy). A prune that would
	// delete the caller's parent user, a group it is in or a policy it has through
	// either fails with a *PruneError before anything is written.
	Prune bool
	// Bulk is "auto" (default: the IAM import over TLS from BulkThreshold creates up),
	// "always" (also over plain HTTP, with a warning: the zip holds secrets in the clear)
	// or "never".
	Bulk          string
	BulkThreshold int
	// Concurrency bounds the independent calls in flight (default 4).
	Concurrency int
	// Progress, when set, is called after each finished change.
	Progress func(done, total int)
}

// builtinPolicies exist on every server and are never managed or pruned.
var builtinPolicies = map[string]bool{
	"consoleAdmin": true, "diagnostics": true, "readonly": true, "readwrite": true, "writeonly": true,
}

// IsBuiltinPolicy tells whether name is one of the server's built-in policies.
func IsBuiltinPolicy(name string) bool { return builtinPolicies[name] }

// serverState is what the server has, from one export (complete) or per-object reads.
// A user or service-account SecretKey of "" means unknown.
type serverState struct {
	IAMSnapshot
	buckets  map[string]uint64 // bucket → hard quota (0: none)
	derived  map[string]bool   // names user_info refused as a service account or temporary key
	complete bool              // every object is listed: prune may delete what is missing
	refs     bool              // the users and policies the state refers to were read
}

// merge adds the objects of o (per-object reads into a state of their own).
func (s *serverState) merge(o *serverState) {
	maps.Copy(s.Policies, o.Policies)
	maps.Copy(s.Users, o.Users)
	maps.Copy(s.Groups, o.Groups)
	maps.Copy(s.ServiceAccounts, o.ServiceAccounts)
	maps.Copy(s.UserMappings, o.UserMappings)
	maps.Copy(s.GroupMappings, o.GroupMappings)
	maps.Copy(s.buckets, o.buckets)
	maps.Copy(s.derived, o.derived)
}

func newServerState() *serverState {
	return &serverState{
		IAMSnapshot: IAMSnapshot{
			Policies: map[string]json.RawMessage{}, Users: map[string]IAMUser{},
			Groups: map[string]IAMGroup{}, ServiceAccounts: map[string]IAMServiceAccount{},
			UserMappings: map[string]IAMMapping{}, GroupMappings: map[string]IAMMapping{},
		},
		buckets: map[string]uint64{}, derived: map[string]bool{},
	}
}

// readState reads what the server has, plus the buckets and the quotas of the buckets
// the state names. Over TLS it reads the whole IAM state in one export; over plain HTTP
// the export would carry every secret in the clear (the bulk path's rule), so it reads
// object by object instead.
func (c *Client) readState(ctx context.Context, want *State, prune bool) (*serverState, error) {
	var cur *serverState
	if c.base.Scheme == "https" {
		snap, err := c.ExportIAM(ctx)
		if err != nil {
			return nil, err
		}
		// Only per-object reads write into the maps; the export's may stay nil.
		cur = &serverState{IAMSnapshot: *snap, buckets: map[string]uint64{}, complete: true, refs: true}
	} else {
		var err error
		if cur, err = c.readObjects(ctx, want, prune); err != nil {
			return nil, err
		}
	}
	if want.Buckets == nil {
		return cur, nil
	}
	list, err := c.ListBuckets(ctx)
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex
	var todo []func(context.Context) error
	for _, b := range list.Value {
		name := b.Name
		if _, named := want.Buckets[name]; !named {
			cur.buckets[name] = 0
			continue
		}
		todo = append(todo, func(ctx context.Context) error {
			q, err := c.BucketQuotaGet(ctx, name)
			if err != nil {
				return err
			}
			mu.Lock()
			cur.buckets[name] = q.Value.hardLimit()
			mu.Unlock()
			return nil
		})
	}
	for _, err := range runBounded(ctx, 8, todo, nil) {
		if err != nil {
			return nil, err
		}
	}
	return cur, nil
}

// readObjects reads, one unsealed call each where the server has one, the objects the
// state names and the users and policies it refers to; for prune, also the complete
// lists of the managed kinds (user and service-account listings are sealed calls).
func (c *Client) readObjects(ctx context.Context, want *State, prune bool) (*serverState, error) {
	cur := newServerState()
	cur.refs, cur.complete = true, prune
	users, policies := map[string]bool{}, map[string]bool{}
	groups, accounts := map[string]bool{}, map[string]bool{}
	for name, u := range want.Users {
		users[name] = true
		for _, p := range u.Policies {
			policies[p] = true
		}
	}
	for name, g := range want.Groups {
		groups[name] = true
		for _, m := range g.Members {
			users[m] = true
		}
		for _, p := range g.Policies {
			policies[p] = true
		}
	}
	for name := range want.Policies {
		policies[name] = true
	}
	for key, s := range want.ServiceAccounts {
		accounts[key] = true
		users[s.User] = true
	}
	if prune {
		if err := c.readLists(ctx, want, cur, groups); err != nil {
			return nil, err
		}
	}
	var mu sync.Mutex
	var todo []func(context.Context) error
	read := func(names map[string]bool, fn func(context.Context, *serverState, string) (bool, error)) {
		for name := range names {
			todo = append(todo, func(ctx context.Context) error {
				one := newServerState()
				if _, err := fn(ctx, one, name); err != nil {
					return err
				}
				mu.Lock()
				cur.merge(one)
				mu.Unlock()
				return nil
			})
		}
	}
	delete(users, "")
	read(users, c.readUser)
	read(groups, c.readGroup)
	read(policies, c.readPolicy)
	read(accounts, c.readServiceAccount)
	for _, err := range runBounded(ctx, 8, todo, nil) {
		if err != nil {
			return nil, err
		}
	}
	return cur, nil
}

// readLists fills cur with every object of the kinds want manages, for prune; groups
// gets every group name to read.
func (c *Client) readLists(ctx context.Context, want *State, cur *serverState, groups map[string]bool) error {
	var all map[string]UserInfo
	if want.Users != nil || want.ServiceAccounts != nil {
		list, err := c.UserList(ctx)
		if err != nil {
			return err
		}
		all = list.Value
		for name, u := range all {
			cur.Users[name] = IAMUser{Status: u.Status}
			cur.UserMappings[name] = IAMMapping{Policy: u.PolicyName}
		}
	}
	if want.Groups != nil {
		list, err := c.GroupList(ctx)
		if err != nil {
			return err
		}
		for _, g := range list.Value {
			groups[g] = true
		}
	}
	if want.Policies != nil {
		list, err := c.PolicyList(ctx)
		if err != nil {
			return err
		}
		maps.Copy(cur.Policies, list.Value)
	}
	if want.ServiceAccounts == nil {
		return nil
	}
	owners := append(sortedKeys(all), "") // "": the caller's own
	found := make([][]ServiceAccountItem, len(owners))
	todo := make([]func(context.Context) error, len(owners))
	for i, owner := range owners {
		todo[i] = func(ctx context.Context) error {
			list, err := c.ListServiceAccount(ctx, owner)
			found[i] = list.Value.Accounts
			return err
		}
	}
	for _, err := range runBounded(ctx, 4, todo, nil) {
		if err != nil {
			return err
		}
	}
	for _, list := range found {
		for _, a := range list {
			cur.ServiceAccounts[a.AccessKey] = IAMServiceAccount{Parent: a.ParentUser, AccessKey: a.AccessKey,
				Status: a.AccountStatus, Name: a.Name, Description: a.Description, Expiration: a.Expiration}
		}
	}
	return nil
}

func (q BucketQuota) hardLimit() uint64 {
	if q.Size > 0 {
		return q.Size
	}
	return q.Quota
}

// secretResetHolds tells whether a change left after an import is only a secret reset
// that per-object reads cannot compare (they never see a secret), and the new secret
// signs requests: then the import did apply it.
func (c *Client) secretResetHolds(ctx context.Context, want *State, s *step) bool {
	if s.Action != ActionUpdate || len(s.Fields) != 1 || s.Fields["secret_key"] == nil {
		return false
	}
	switch s.Kind {
	case KindUser:
		return c.signsWith(ctx, s.Name, want.Users[s.Name].SecretKey)
	case KindServiceAccount:
		return c.signsWith(ctx, s.Name, want.ServiceAccounts[s.Name].SecretKey)
	}
	return false
}

// step is one change and how to make it: per call (run) and, where the import does
// exactly the same, as zip entries (bulk).
type step struct {
	Change
	stage int
	run   func(ctx context.Context) error
	// finish runs after every stage, for a user to be disabled: until then its mappings
	// and service accounts can be written per call (the server refuses them for a
	// disabled user).
	finish func(ctx context.Context) error
	bulk   func(z *IAMSnapshot)
	err    error
}

// Stages run in order; the steps of one stage are independent of each other.
const (
	stagePolicies = iota // policies before anything that maps them
	stageUsers           // users and buckets
	stageGroups          // groups and service accounts need their users
	stageMappings        // mappings need policies, users and groups
	stagePruneServiceAccounts
	stagePruneGroups
	stagePruneUsers
	stagePrunePolicies // policies and buckets last, once nothing uses them
)

// Plan reads the server and reports what Apply would change. It sends no write.
func (c *Client) Plan(ctx context.Context, want *State, opts ApplyOptions) (*Report, error) {
	steps, unchanged, err := c.plan(ctx, want, opts)
	if err != nil {
		return nil, err
	}
	rep := &Report{Unchanged: unchanged, DryRun: c.DryRun()}
	for _, s := range steps {
		rep.Changes = append(rep.Changes, s.Change)
		rep.count(s.Action)
	}
	return rep, nil
}

func (c *Client) plan(ctx context.Context, want *State, opts ApplyOptions) ([]*step, int, error) {
	if want == nil {
		want = &State{}
	}
	if err := checkNames("apply", want); err != nil {
		return nil, 0, err
	}
	cur, err := c.readState(ctx, want, opts.Prune)
	if err != nil {
		return nil, 0, err
	}
	if err := c.validate("apply", want, cur); err != nil {
		return nil, 0, err
	}
	steps, unchanged := c.diff(want, cur, opts.Prune)
	if opts.Prune {
		deps, err := c.callerDeps(ctx)
		if err != nil {
			return nil, 0, err
		}
		if err := deps.check(steps, unchanged, c.DryRun()); err != nil {
			return nil, 0, err
		}
	}
	return steps, unchanged, nil
}

// callerDeps is what the caller's own access rests on: the user it acts for (itself,
// or the parent of a service account or temporary key), that user's groups, and the
// policies mapped to the user and to those groups. Prune must delete none of them, or a
// job locks itself out half-way (the caller's own key is never pruned at all).
type callerDeps struct {
	key, user        string
	groups, policies map[string]bool
}

func (c *Client) callerDeps(ctx context.Context) (*callerDeps, error) {
	d := &callerDeps{key: c.cred.AccessKey, user: c.cred.AccessKey, groups: map[string]bool{}, policies: map[string]bool{}}
	// The server names the user a derived key acts for (a service account's parent).
	ai, err := c.AccountInfo(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("prune: reading the caller's own account: %w", err)
	}
	if ai.Value.AccountName != "" {
		d.user = ai.Value.AccountName
	}
	ui, err := c.UserInfo(ctx, d.user)
	var se *Error
	if errors.As(err, &se) && (se.StatusCode == http.StatusNotFound || se.Code == "XMinioAdminNoSuchUser") {
		return d, nil // the root user, or one from LDAP or OpenID: nothing prune could delete
	}
	if err != nil {
		return nil, fmt.Errorf("prune: reading the caller's user %s: %w", d.user, err)
	}
	for _, p := range splitList(ui.Value.PolicyName) {
		d.policies[p] = true
	}
	for _, g := range ui.Value.MemberOf {
		d.groups[g] = true
		gi, err := c.GroupInfo(ctx, g)
		if err != nil {
			return nil, fmt.Errorf("prune: reading the caller's group %s: %w", g, err)
		}
		for _, p := range splitList(gi.Value.Policy) {
			d.policies[p] = true
		}
	}
	return d, nil
}

// check refuses a plan that deletes what the caller depends on.
func (d *callerDeps) check(steps []*step, unchanged int, dryRun bool) error {
	var hits []string
	for _, s := range steps {
		if s.Action != ActionDelete {
			continue
		}
		switch {
		case s.Kind == KindUser && s.Name == d.user && d.user != d.key:
			hits = append(hits, "user "+s.Name+" (the parent of the caller's key "+d.key+")")
		case s.Kind == KindGroup && d.groups[s.Name]:
			hits = append(hits, "group "+s.Name+" (the caller's user "+d.user+" is a member)")
		case s.Kind == KindPolicy && d.policies[s.Name]:
			hits = append(hits, "policy "+s.Name+" (the caller's user "+d.user+" or its group has it)")
		}
	}
	if len(hits) == 0 {
		return nil
	}
	plan := &Report{Unchanged: unchanged, DryRun: dryRun}
	for _, s := range steps {
		plan.Changes = append(plan.Changes, s.Change)
		plan.count(s.Action)
	}
	return &PruneError{Op: "apply", Objects: hits, Plan: plan}
}

func (r *Report) count(action string) {
	switch action {
	case ActionCreate:
		r.Created++
	case ActionUpdate:
		r.Updated++
	case ActionDelete:
		r.Deleted++
	}
}

// Apply brings the server to the wanted state and reports what it changed. Failed
// changes are in the report (Failed, Errors); the error is for a state that cannot be
// read or is invalid, before anything is written. Running it again after a failure or
// an interruption finishes the job.
func (c *Client) Apply(ctx context.Context, want *State, opts ApplyOptions) (*Report, error) {
	steps, unchanged, err := c.plan(ctx, want, opts)
	if err != nil {
		return nil, err
	}
	rep := &Report{Unchanged: unchanged, Applied: true, DryRun: c.DryRun()}
	c.notifyUnchanged(unchanged)
	useBulk, warning := c.chooseBulk(steps, opts)
	if warning != "" {
		rep.Warnings = append(rep.Warnings, warning)
	}
	if opts.Progress == nil {
		opts.Progress = c.progress
	}
	progress := newProgress(len(steps), opts.Progress)
	var perCall []*step
	if useBulk {
		rep.Bulk = true
		var bulkSteps []*step
		for _, s := range steps {
			if s.bulk != nil {
				bulkSteps = append(bulkSteps, s)
			} else {
				perCall = append(perCall, s)
			}
		}
		c.importSteps(ctx, bulkSteps)
		progress.add(len(bulkSteps))
		c.runSteps(ctx, perCall, opts.Concurrency, progress)
		c.verifyImported(ctx, want, opts.Prune, bulkSteps)
	} else {
		c.runSteps(ctx, steps, opts.Concurrency, progress)
	}
	for _, s := range steps {
		rep.Changes = append(rep.Changes, s.Change)
		if s.err != nil {
			rep.Failed++
			rep.Errors = append(rep.Errors, &ChangeError{Change: s.Change, Err: s.err})
			continue
		}
		rep.count(s.Action)
		c.notify(s.Change)
	}
	return rep, nil
}

func (c *Client) notify(ch Change) {
	if c.change != nil {
		ch.DryRun = c.DryRun()
		c.change(ch)
	}
}

func (c *Client) notifyUnchanged(n int) {
	if c.unchanged != nil && n > 0 {
		c.unchanged(n)
	}
}

func (c *Client) chooseBulk(steps []*step, opts ApplyOptions) (bool, string) {
	if c.DryRun() {
		return false, "" // each held-back write is recorded on its own
	}
	creates := 0
	for _, s := range steps {
		if s.bulk != nil && s.Action == ActionCreate {
			creates++
		}
	}
	threshold := opts.BulkThreshold
	if threshold <= 0 {
		threshold = DefaultBulkThreshold
	}
	tls := c.base.Scheme == "https"
	switch opts.Bulk {
	case BulkNever:
		return false, ""
	case BulkAlways:
		if creates == 0 {
			return false, ""
		}
		if !tls {
			return true, "bulk import over plain HTTP: the zip carries secret keys in the clear"
		}
		return true, ""
	default:
		return tls && creates >= threshold, ""
	}
}

// importSteps sends the bulk-capable steps as one import zip and marks the entries the
// server refused.
func (c *Client) importSteps(ctx context.Context, steps []*step) {
	if len(steps) == 0 {
		return
	}
	z := &IAMSnapshot{}
	for _, s := range steps {
		s.bulk(z)
	}
	data, err := z.Zip()
	if err == nil {
		var res Result[ImportIAMResult]
		res, err = c.ImportIAM(ctx, data)
		if err == nil {
			markImportFailures(steps, res.Value.Failed)
			return
		}
	}
	// Not transactional: part may be written. A new apply reads the truth and finishes.
	for _, s := range steps {
		s.err = err
	}
}

// errImportRefused marks an entry the import refused; the server gives no reason.
var errImportRefused = errors.New("the IAM import refused this entry (the server gives no reason; apply again with bulk = \"never\" to see it)")

func markImportFailures(steps []*step, f IAMFailures) {
	failed := map[string]bool{}
	add := func(kind string, list []IAMFailed) {
		for _, e := range list {
			failed[kind+"\x00"+e.Name] = true
		}
	}
	add(KindPolicy, f.Policies)
	add(KindUser, f.Users)
	add(KindGroup, f.Groups)
	add(KindServiceAccount, f.ServiceAccounts)
	for _, e := range f.UserPolicies {
		failed[KindMapping+"\x00user:"+e.Name] = true
	}
	for _, e := range f.GroupPolicies {
		failed[KindMapping+"\x00group:"+e.Name] = true
	}
	for _, s := range steps {
		if failed[s.Kind+"\x00"+s.Name] {
			s.err = errImportRefused
		}
	}
}

// errNotImported marks an entry the import reported as written that the server does
// not show afterwards.
var errNotImported = errors.New("the IAM import answered success but the server does not show the change")

// verifyImported reads the server again and fails every imported step whose change is
// still pending.
func (c *Client) verifyImported(ctx context.Context, want *State, prune bool, steps []*step) {
	if len(steps) == 0 {
		return
	}
	cur, err := c.readState(ctx, want, prune)
	if err != nil {
		for _, s := range steps {
			if s.err == nil {
				s.err = fmt.Errorf("checking the import: %w", err)
			}
		}
		return
	}
	left, _ := c.diff(want, cur, prune)
	pending := map[string]bool{}
	for _, s := range left {
		if c.secretResetHolds(ctx, want, s) {
			continue
		}
		pending[s.Kind+"\x00"+s.Name] = true
	}
	for _, s := range steps {
		if s.err == nil && pending[s.Kind+"\x00"+s.Name] {
			s.err = errNotImported
		}
	}
}

// runSteps runs steps stage by stage, the steps of a stage concurrently.
func (c *Client) runSteps(ctx context.Context, steps []*step, concurrency int, p *progress) {
	if concurrency <= 0 {
		concurrency = 4
	}
	byStage := map[int][]*step{}
	for _, s := range steps {
		byStage[s.stage] = append(byStage[s.stage], s)
	}
	stages := sortedKeys(byStage)
	for _, st := range stages {
		group := byStage[st]
		fns := make([]func(context.Context) error, len(group))
		for i, s := range group {
			fns[i] = s.run
		}
		for i, err := range runBounded(ctx, concurrency, fns, p) {
			group[i].err = err
		}
	}
	var finishing []*step
	var fns []func(context.Context) error
	for _, s := range steps {
		if s.finish != nil && s.err == nil {
			finishing, fns = append(finishing, s), append(fns, s.finish)
		}
	}
	for i, err := range runBounded(ctx, concurrency, fns, nil) {
		finishing[i].err = err
	}
}

// runBounded runs fns with at most n in flight and returns their errors by index. Once
// ctx is done, the ones not started fail with its error.
func runBounded(ctx context.Context, n int, fns []func(context.Context) error, p *progress) []error {
	errs := make([]error, len(fns))
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for i, fn := range fns {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			errs[i] = ctx.Err()
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			errs[i] = fn(ctx)
			p.add(1)
		}()
	}
	wg.Wait()
	return errs
}

// progress counts finished changes for ApplyOptions.Progress.
type progress struct {
	mu    sync.Mutex
	done  int
	total int
	fn    func(done, total int)
}

func newProgress(total int, fn func(done, total int)) *progress {
	return &progress{total: total, fn: fn}
}

func (p *progress) add(n int) {
	if p == nil || p.fn == nil || n == 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	p.fn(p.done, p.total)
}

// ChangeLog collects Change events (its Record method fits Options.OnChange) so that a
// run can print a summary at the end: Report gives the counts by kind and action and
// the list, as a plan would. Safe for concurrent use.
type ChangeLog struct {
	mu        sync.Mutex
	changes   []Change
	unchanged int
}

// Record adds one change.
func (l *ChangeLog) Record(ch Change) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.changes = append(l.changes, ch)
}

// Unchanged adds n objects found already as wanted (Options.OnUnchanged).
func (l *ChangeLog) Unchanged(n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.unchanged += n
}

// Report sums up the changes recorded so far.
func (l *ChangeLog) Report() *Report {
	l.mu.Lock()
	defer l.mu.Unlock()
	r := &Report{Changes: append([]Change(nil), l.changes...), Applied: true, Unchanged: l.unchanged}
	for _, ch := range l.changes {
		r.count(ch.Action)
		r.DryRun = r.DryRun || ch.DryRun
	}
	return r
}

// ByKind counts the changes recorded so far by kind (user, group, ...).
func (l *ChangeLog) ByKind() map[string]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	m := map[string]int{}
	for _, ch := range l.changes {
		m[ch.Kind]++
	}
	return m
}
