package access

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// The access report: every principal × every bucket, a level in each cell, with the
// statements that gave it (minioscript access-report, README "Access review").

// ReportOptions choose what a Report covers.
type ReportOptions struct {
	Buckets []string // the columns, in this order
	// Principal narrows the report to one principal ("" every one), named as the API
	// names principals, and the principals it gets access through (its groups, its
	// parent); Groups are the group DNs of an LDAP DN.
	Principal string
	Groups    []string
	Workers   int // principals evaluated at once; 0: one per CPU
}

// Report is a matrix of principals × buckets.
type Report struct {
	Buckets    []string          `json:"buckets"`
	Levels     []string          `json:"levels"` // lowest first
	Principals []PrincipalAccess `json:"principals"`
	Broken     map[string]string `json:"broken_policies,omitempty"` // stored policies no one gets, with why
}

// PrincipalAccess is one row of a Report.
type PrincipalAccess struct {
	Principal string   `json:"principal"`
	Kind      string   `json:"kind"`
	Status    string   `json:"status,omitempty"`
	Parent    string   `json:"parent,omitempty"`   // a service account's parent user or DN
	Groups    []string `json:"groups,omitempty"`   // the groups (or group DNs) it is a member of
	Members   []string `json:"members,omitempty"`  // a group's members
	Policies  []string `json:"policies,omitempty"` // mapped to it directly
	// SessionPolicy: a service account whose own policy narrows its parent's.
	SessionPolicy bool `json:"session_policy,omitempty"`
	// RelatedTo: in a report narrowed to one principal, the principal this row explains.
	RelatedTo string              `json:"related_to,omitempty"`
	Reason    string              `json:"reason,omitempty"` // why nothing is allowed, when so
	ListAll   Decision            `json:"list_all_buckets"`
	Admin     map[string]Decision `json:"admin"` // admin and KMS actions allowed or conditional
	Buckets   map[string]Cell     `json:"buckets"`
}

// Cell is one principal's level on one bucket.
type Cell struct {
	Level string `json:"level"`
	// Conditional: a higher level allowed under conditions (see the statements).
	Conditional string `json:"conditional,omitempty"`
	// Statements gave the level, then those of the conditional level with their conditions.
	Statements []Statement `json:"statements"`
}

// Report works out the matrix. It fails for a Principal that names no one, and with
// ctx's error when ctx is done first (a big report takes seconds of CPU: a timeout or
// signal stops it between two buckets).
func (e *Evaluator) Report(ctx context.Context, opts ReportOptions) (*Report, error) {
	var rows []PrincipalAccess
	if opts.Principal != "" {
		p := e.Principal(opts.Principal, opts.Groups...)
		if p.Kind == KindUnknown || (p.Kind == KindGroup && !e.hasGroup(p.Name)) {
			return nil, fmt.Errorf("no principal %q: not the root user, a user, a service account, a group (group:NAME) or an LDAP DN", opts.Principal)
		}
		rows = e.withRelated(p)
	} else {
		for _, p := range e.Principals() {
			rows = append(rows, e.describe(p))
		}
		for _, g := range e.groupNames() {
			rows = append(rows, e.describe(Principal{Kind: KindGroup, Name: g}))
		}
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	for i := range rows {
		rows[i].Buckets = make(map[string]Cell, len(opts.Buckets))
	}
	// Rows are independent and the evaluator is read-only: each worker takes a run of
	// rows, and fills them one bucket at a time so its memo stays small.
	per := (len(rows) + workers - 1) / max(workers, 1)
	var wg sync.WaitGroup
	for lo := 0; lo < len(rows); lo += per {
		wg.Add(1)
		go func(part []PrincipalAccess) {
			defer wg.Done()
			e.fillRows(ctx, part, opts.Buckets)
		}(rows[lo:min(lo+per, len(rows))])
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r := &Report{Buckets: slices.Clone(opts.Buckets), Levels: Levels, Principals: rows, Broken: e.Broken()}
	if r.Buckets == nil {
		r.Buckets = []string{}
	}
	return r, nil
}

func (e *Evaluator) hasGroup(name string) bool {
	_, ok := e.snap.Groups[name]
	_, mapped := e.snap.GroupMappings[name]
	return ok || mapped
}

// groupNames: the groups and the LDAP group DNs with a mapping, sorted.
func (e *Evaluator) groupNames() []string {
	seen := map[string]bool{}
	for g := range e.snap.Groups {
		seen[g] = true
	}
	for g := range e.snap.GroupMappings {
		seen[g] = true
	}
	return sortedKeys(seen)
}

// withRelated: the principal's row, then the rows it gets access through.
func (e *Evaluator) withRelated(p Principal) []PrincipalAccess {
	rows := []PrincipalAccess{e.describe(p)}
	related := func(q Principal) {
		r := e.describe(q)
		r.RelatedTo = p.String()
		rows = append(rows, r)
	}
	groups := rows[0].Groups
	if p.Kind == KindServiceAccount {
		parent := rows[0].Parent
		if parent != "" {
			pp := e.Principal(parent)
			if strings.Contains(parent, "=") {
				pp.Groups = groups
			}
			related(pp)
			if pp.Kind == KindUser {
				groups = e.memberOf[parent]
			}
		}
	}
	for _, g := range groups {
		related(Principal{Kind: KindGroup, Name: g})
	}
	return rows
}

// describe: who the principal is, before any evaluation.
func (e *Evaluator) describe(p Principal) PrincipalAccess {
	r := PrincipalAccess{Principal: p.String(), Kind: p.Kind}
	split := func(list string) []string {
		var out []string
		for _, n := range strings.Split(list, ",") {
			if n != "" {
				out = append(out, n)
			}
		}
		return out
	}
	switch p.Kind {
	case KindUser:
		r.Status = e.snap.Users[p.Name].Status
		r.Groups = e.memberOf[p.Name]
		m, ok := e.snap.UserMappings[p.Name]
		if !ok {
			m = e.snap.STSMappings[p.Name]
		}
		r.Policies = split(m.Policy)
	case KindGroup:
		g := e.snap.Groups[p.Name]
		r.Status, r.Members = g.Status, g.Members
		r.Policies = split(e.snap.GroupMappings[p.Name].Policy)
	case KindServiceAccount:
		sa := e.snap.ServiceAccounts[p.Name]
		r.Status, r.Parent, r.Groups = sa.Status, sa.Parent, sa.Groups
		_, r.SessionPolicy = e.sessions[p.Name]
	case KindLDAP:
		r.Groups = p.Groups
		r.Policies = split(e.snap.STSMappings[p.Name].Policy)
	}
	return r
}

// fillRows evaluates rows: their admin actions, then their level on each bucket.
func (e *Evaluator) fillRows(ctx context.Context, rows []PrincipalAccess, buckets []string) {
	grants := make([]grant, len(rows))
	admin := newMemo(e, slices.Concat([]string{"s3:ListAllMyBuckets"}, AdminActions, KMSActions))
	for i := range rows {
		r := &rows[i]
		p := Principal{Kind: r.Kind, Name: strings.TrimPrefix(r.Principal, "group:")}
		if p.Kind == KindLDAP {
			p.Groups = r.Groups
		}
		grants[i] = e.grantOf(p)
		r.Reason = grants[i].refused
		r.ListAll = e.canWith(grants[i], Request{Action: "s3:ListAllMyBuckets"}, admin).Decision
		r.Admin = e.adminActions(grants[i], nil, admin)
	}
	actions := make([]string, len(levelActions))
	for i, la := range levelActions {
		actions[i] = la.action
	}
	m := newMemo(e, actions)
	// Cells are worked out a bucket at a time but stored a row at a time: filling
	// thousands of maps in turn would miss the cache on each.
	cells := make([]Cell, len(rows)*len(buckets))
	reqs := make([]Request, len(levelActions))
	for j, b := range buckets {
		if ctx.Err() != nil {
			return // Report returns the context's error
		}
		m.about(b)
		for k, la := range levelActions {
			// The resource as the server matches it, made once per bucket.
			reqs[k] = Request{Action: la.action, Resource: requestResource(la.action, resourceFor(la.action, b))}
		}
		for i := range rows {
			cells[i*len(buckets)+j] = e.cell(grants[i], reqs, m)
		}
	}
	for i := range rows {
		for j, b := range buckets {
			rows[i].Buckets[b] = cells[i*len(buckets)+j]
		}
	}
}

// cell is the level a grant reaches on a bucket (reqs: levelActions' requests on it),
// and the statements that gave it.
func (e *Evaluator) cell(g grant, reqs []Request, m *memo) Cell {
	var answers [len(levelActions)]Answer
	c := Cell{Level: "none"}
	for i, la := range levelActions {
		answers[i] = e.canWith(g, reqs[i], m)
		switch answers[i].Decision {
		case Allow:
			c.Level = higher(c.Level, la.level)
		case Conditional:
			c.Conditional = higher(c.Conditional, la.level)
		}
	}
	c.Conditional = above(c.Conditional, c.Level)
	c.Statements = []Statement{}
	for _, want := range []struct {
		level    string
		decision Decision
	}{{c.Level, Allow}, {c.Conditional, Conditional}} {
		for i, la := range levelActions {
			if la.level != want.level || answers[i].Decision != want.decision {
				continue
			}
			for _, s := range answers[i].Statements {
				if !slices.ContainsFunc(c.Statements, func(o Statement) bool {
					return o.Policy == s.Policy && o.Index == s.Index && o.Via == s.Via
				}) {
					c.Statements = append(c.Statements, s)
				}
			}
		}
	}
	return c
}

// NamedBuckets lists the buckets the stored policies name literally (no wildcard, no
// variable), sorted: the columns of a report when no bucket list is known (an IAM
// export holds none).
func (e *Evaluator) NamedBuckets() []string {
	seen := map[string]bool{}
	for name := range e.snap.Policies {
		if _, ok := e.broken[name]; ok {
			continue
		}
		for _, st := range e.policies[name].statements {
			for _, r := range slices.Concat(st.resources, st.notResources) {
				b, _, _ := strings.Cut(r, "/")
				if b != "" && !strings.ContainsAny(b, "*?$") {
					seen[b] = true
				}
			}
		}
	}
	return sortedKeys(seen)
}
