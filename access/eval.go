package access

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/minioscript/minioscript/admin"
)

// Decision is the answer to "may this principal do this?".
type Decision string

const (
	Allow       Decision = "allow"
	Deny        Decision = "deny"
	Conditional Decision = "conditional" // depends on the request: see the statements' conditions
)

// Kinds of principal.
const (
	KindRoot           = "root"
	KindUser           = "user"
	KindGroup          = "group"
	KindServiceAccount = "service-account"
	KindLDAP           = "ldap"
	KindUnknown        = "unknown"
)

// Principal is who asks. Name is the access key, the group name (Kind group), or the
// LDAP DN; Groups are the LDAP group DNs the login would carry.
type Principal struct {
	Kind   string   `json:"kind"`
	Name   string   `json:"name"`
	Groups []string `json:"groups,omitempty"`
}

// String names the principal as the API does: user or key, group:NAME, or the DN.
func (p Principal) String() string {
	if p.Kind == KindGroup {
		return "group:" + p.Name
	}
	return p.Name
}

// Statement is one statement that decided an answer.
type Statement struct {
	Policy    string          `json:"policy"`
	Index     int             `json:"statement"` // position in the policy's Statement list, from 0
	Effect    string          `json:"effect"`
	Via       string          `json:"via"`                 // "user alice", "group devs", "parent alice", "session policy", ...
	Condition json.RawMessage `json:"condition,omitempty"` // the statement's conditions, when they left the answer open
}

// Answer is a decision with what decided it. For allow: the allowing statements; for
// deny: the denying statements (none when nothing allows); for conditional: the
// statements whose conditions the request decides.
type Answer struct {
	Decision   Decision    `json:"decision"`
	Reason     string      `json:"reason"`
	Statements []Statement `json:"statements"`
}

// Request is what is asked: an action on a resource ("bucket", "bucket/key", with or
// without arn:aws:s3:::; "" for admin actions and ListAllMyBuckets), with the request
// values known (condition keys as in policies, e.g. aws:SourceIp). Keys not given are
// unknown, and conditions on them make the answer conditional.
type Request struct {
	Action   string
	Resource string
	Context  map[string][]string
}

// Options tune an Evaluator.
type Options struct {
	Root string    // the root user's access key (its service accounts are owner-derived)
	Now  time.Time // for service-account expiry; zero: the time of New
}

// Evaluator answers access questions about one IAM state. It does no I/O and is safe
// for concurrent use.
type Evaluator struct {
	snap     admin.IAMSnapshot
	root     string
	now      time.Time
	policies map[string]*policy
	broken   map[string]error    // stored documents the server could not use either
	memberOf map[string][]string // user -> groups (MinIO IdP), sorted
	sessions map[string]*policy  // service account -> its embedded policy
	ids      []string            // policy names by id-1 (policy.id)
}

// New builds an evaluator over a snapshot (the IAM export's shape; jobs.Current embeds
// one). The snapshot is not modified.
func New(snap *admin.IAMSnapshot, opts Options) *Evaluator {
	e := &Evaluator{snap: *snap, root: opts.Root, now: opts.Now, policies: map[string]*policy{},
		broken: map[string]error{}, memberOf: map[string][]string{}, sessions: map[string]*policy{}}
	if e.now.IsZero() {
		e.now = time.Now()
	}
	for name, doc := range Builtin {
		e.policies[name], _ = parsePolicy(doc)
	}
	for name, doc := range snap.Policies {
		p, err := parsePolicy(doc)
		if err != nil {
			e.broken[name] = err
			delete(e.policies, name)
			continue
		}
		e.policies[name] = p
	}
	// Number the mapped policies for the memo; session policies (each one account's) keep 0.
	for _, name := range sortedKeys(e.policies) {
		e.policies[name].id = len(e.ids) + 1
		e.ids = append(e.ids, name)
	}
	for g, grp := range snap.Groups {
		for _, m := range grp.Members {
			e.memberOf[m] = append(e.memberOf[m], g)
		}
	}
	for _, list := range e.memberOf {
		sort.Strings(list)
	}
	for key, sa := range snap.ServiceAccounts {
		if !sa.HasSessionPolicy() {
			continue
		}
		p, err := parsePolicy(sa.SessionPolicy)
		if err != nil {
			// The server cannot parse it either, and then denies every request.
			p = &policy{}
		} else if len(p.statements) == 0 && !hasVersion(sa.SessionPolicy) {
			// null, {} and {"Statement": null} mean "inherit" on the server.
			continue
		}
		e.sessions[key] = p
	}
	return e
}

func hasVersion(doc []byte) bool {
	var v struct {
		Version string `json:"Version"`
		ID      string `json:"Id"`
	}
	_ = json.Unmarshal(doc, &v)
	return v.Version != "" || v.ID != ""
}

// Snapshot is the state the evaluator answers for.
func (e *Evaluator) Snapshot() *admin.IAMSnapshot { return &e.snap }

// Root is the root user's access key given in Options.
func (e *Evaluator) Root() string { return e.root }

// Principal resolves a name as the API names principals: "group:NAME" is a group; a
// name with "=" is an LDAP DN (groups: its group DNs); otherwise the root user, a user
// or a service account, in that order.
func (e *Evaluator) Principal(name string, groups ...string) Principal {
	if g, ok := strings.CutPrefix(name, "group:"); ok {
		return Principal{Kind: KindGroup, Name: g}
	}
	if strings.Contains(name, "=") {
		return Principal{Kind: KindLDAP, Name: name, Groups: groups}
	}
	switch {
	case name != "" && name == e.root:
		return Principal{Kind: KindRoot, Name: name}
	case e.hasUser(name):
		return Principal{Kind: KindUser, Name: name}
	case e.hasServiceAccount(name):
		return Principal{Kind: KindServiceAccount, Name: name}
	}
	return Principal{Kind: KindUnknown, Name: name}
}

func (e *Evaluator) hasUser(name string) bool {
	_, ok := e.snap.Users[name]
	return ok
}

func (e *Evaluator) hasServiceAccount(name string) bool {
	_, ok := e.snap.ServiceAccounts[name]
	return ok
}

// bound is a policy as one principal has it, with the path that gave it.
type bound struct {
	name string
	via  string
	p    *policy
}

// grant is what a principal's requests are evaluated with: owner (everything), or one
// or two policy sets that must all allow (a service account's session policy and its
// parent's policies), or a refusal with its reason.
type grant struct {
	owner   bool
	refused string
	sets    [][]bound
	vars    values // the values the principal fixes (aws:username, aws:userid)
}

func enabled(status string) bool {
	s := strings.ToLower(status)
	return s == "enabled" || s == "on" || s == ""
}

// grantOf works out which policies a principal's requests are evaluated with.
func (e *Evaluator) grantOf(p Principal) grant {
	switch p.Kind {
	case KindRoot:
		return grant{owner: true}
	case KindUser:
		u, ok := e.snap.Users[p.Name]
		if !ok {
			return grant{refused: "no such user"}
		}
		if !enabled(u.Status) {
			return grant{refused: "user is disabled (cannot authenticate)"}
		}
		set, why := e.userPolicies(p.Name, "user "+p.Name, "group ")
		return e.single(set, why, values{"username": {p.Name}, "userid": {p.Name}})
	case KindGroup:
		g, ok := e.snap.Groups[p.Name]
		if ok && !enabled(g.Status) {
			return grant{refused: "group is disabled"}
		}
		if !ok {
			if _, mapped := e.snap.GroupMappings[p.Name]; !mapped {
				return grant{refused: "no such group"}
			}
		}
		return e.single(e.mapped(e.snap.GroupMappings[p.Name].Policy, "group "+p.Name), "group has no policy", nil)
	case KindServiceAccount:
		return e.serviceAccount(p.Name)
	case KindLDAP:
		set := e.mapped(e.snap.STSMappings[p.Name].Policy, "DN "+p.Name)
		for _, g := range p.Groups {
			set = append(set, e.mapped(e.snap.GroupMappings[g].Policy, "group DN "+g)...)
		}
		// aws:username is the short login name for LDAP, unknown from the DN alone.
		return e.single(dedupe(set), "no policy mapped to the DN or its groups", values{})
	}
	return grant{refused: "unknown principal"}
}

func (e *Evaluator) single(set []bound, why string, vars values) grant {
	if len(set) == 0 {
		return grant{refused: why}
	}
	return grant{sets: [][]bound{set}, vars: vars}
}

func (e *Evaluator) serviceAccount(key string) grant {
	sa := e.snap.ServiceAccounts[key]
	if sa.Status != "" && !enabled(sa.Status) {
		return grant{refused: "service account is disabled"}
	}
	if exp := sa.Expires(); exp != nil && !exp.After(e.now) {
		return grant{refused: "service account has expired"}
	}
	session, hasSession := e.sessions[key]
	sessionSet := []bound{{name: "session policy of " + key, via: "session policy", p: session}}
	vars := values{"username": {sa.Parent}, "userid": {sa.Parent}}
	if sa.Parent != "" && sa.Parent == e.root {
		if !hasSession {
			return grant{owner: true}
		}
		return grant{sets: [][]bound{sessionSet}, vars: vars}
	}
	var parent []bound
	why := "parent has no policy"
	if u, ok := e.snap.Users[sa.Parent]; ok && !enabled(u.Status) {
		return grant{refused: "parent user " + sa.Parent + " is disabled"}
	}
	if strings.Contains(sa.Parent, "=") {
		// An LDAP user's account: the DN's mapping and the group DNs it was created with.
		parent = e.mapped(e.snap.STSMappings[sa.Parent].Policy, "parent DN "+sa.Parent)
		for _, g := range sa.Groups {
			parent = append(parent, e.mapped(e.snap.GroupMappings[g].Policy, "parent's group DN "+g)...)
		}
		parent = dedupe(parent)
		vars = values{}
	} else {
		parent, why = e.userPolicies(sa.Parent, "parent "+sa.Parent, "parent's group ")
	}
	if len(parent) == 0 {
		return grant{refused: why}
	}
	if hasSession {
		return grant{sets: [][]bound{sessionSet, parent}, vars: vars}
	}
	return grant{sets: [][]bound{parent}, vars: vars}
}

// userPolicies: the user's own mapping (or, without one, an STS mapping of the same
// name) and those of its groups. A disabled group takes every policy away, the user's
// own included (verified on the server).
func (e *Evaluator) userPolicies(name, via, groupVia string) ([]bound, string) {
	for _, g := range e.memberOf[name] {
		if grp := e.snap.Groups[g]; !enabled(grp.Status) {
			return nil, "member of disabled group " + g + " (the server then grants no policy at all)"
		}
	}
	m, ok := e.snap.UserMappings[name]
	if !ok {
		m = e.snap.STSMappings[name]
	}
	set := e.mapped(m.Policy, via)
	for _, g := range e.memberOf[name] {
		set = append(set, e.mapped(e.snap.GroupMappings[g].Policy, groupVia+g)...)
	}
	return dedupe(set), "no policy mapped to the user or its groups"
}

// mapped splits a comma-joined mapping (empty pieces skipped, no trimming, as the
// server does) and keeps the policies that exist.
func (e *Evaluator) mapped(list, via string) []bound {
	var out []bound
	for _, name := range strings.Split(list, ",") {
		if p, ok := e.policies[name]; ok && name != "" {
			out = append(out, bound{name: name, via: via, p: p})
		}
	}
	return out
}

// dedupe keeps each policy once, with the first path that gave it.
func dedupe(set []bound) []bound {
	seen := map[string]bool{}
	out := set[:0]
	for _, b := range set {
		if !seen[b.name] {
			seen[b.name] = true
			out = append(out, b)
		}
	}
	return out
}

// requestResource is the resource string the server matches: "bucket/key" for object
// calls, "bucket/" for bucket calls, "/" for admin calls and ListAllMyBuckets.
func requestResource(action, resource string) string {
	r := strings.TrimPrefix(resource, "arn:aws:s3:::")
	if !strings.HasPrefix(action, "s3:") || action == "s3:ListAllMyBuckets" || r == "" || r == "/" {
		return "/"
	}
	if !strings.Contains(r, "/") {
		return r + "/"
	}
	return r
}

// Can answers whether the principal may perform the request.
func (e *Evaluator) Can(p Principal, req Request) Answer {
	return e.canWith(e.grantOf(p), req, nil)
}

// canWith answers for a grant worked out once, so that the many questions of Access
// and Report about one principal do not resolve its policies again each time.
func (e *Evaluator) canWith(g grant, req Request, m *memo) Answer {
	switch {
	case g.owner:
		return Answer{Decision: Allow, Reason: "root: everything is allowed", Statements: []Statement{}}
	case g.refused != "":
		return Answer{Decision: Deny, Reason: g.refused, Statements: []Statement{}}
	}
	v := g.vars
	if len(req.Context) > 0 {
		v = values{}
		for k, vals := range req.Context {
			v[keyName(k)] = vals
		}
		for k, vals := range g.vars {
			if _, set := v[k]; !set {
				v[k] = vals
			}
		}
	}
	res := requestResource(req.Action, req.Resource)
	out := Answer{Decision: Allow, Statements: []Statement{}}
	var open []Statement
	for i, set := range g.sets {
		if len(req.Context) > 0 {
			m = nil // the memo is for answers that depend on no request value
		}
		d, sts, reason := evalSet(set, req.Action, res, v, m)
		switch d {
		case no:
			return Answer{Decision: Deny, Reason: reason, Statements: sts}
		case maybe:
			out.Decision = Conditional
			open = append(open, sts...)
		default:
			out.Statements = append(out.Statements, sts...)
		}
		if i == 0 && len(g.sets) > 1 {
			out.Reason = "session policy and parent both allow"
		}
	}
	if out.Decision == Conditional {
		out.Statements = append(open, out.Statements...)
		out.Reason = "depends on conditions the request decides"
	} else if out.Reason == "" {
		out.Reason = "allowed"
	}
	return out
}

// evalSet evaluates one policy set: an explicit Deny beats any Allow; nothing allowing
// is a deny.
func evalSet(set []bound, action, res string, v values, m *memo) (tri, []Statement, string) {
	var allow, allowOpen, denyOpen []Statement
	for _, b := range set {
		for _, h := range m.covering(b.p, action, res, v) {
			st := &b.p.statements[h.index]
			s := Statement{Policy: b.name, Index: h.index, Effect: st.effect, Via: b.via}
			if h.t == maybe {
				s.Condition = st.rawCond
			}
			switch {
			case st.effect == "Deny" && h.t == yes:
				return no, []Statement{s}, "explicitly denied"
			case st.effect == "Deny":
				denyOpen = append(denyOpen, s)
			case h.t == yes:
				allow = append(allow, s)
			default:
				allowOpen = append(allowOpen, s)
			}
		}
	}
	switch {
	case len(allow) == 0 && len(allowOpen) == 0:
		return no, []Statement{}, "no statement allows"
	case len(allow) > 0 && len(denyOpen) == 0:
		return yes, allow, ""
	}
	return maybe, slices.Concat(denyOpen, allowOpen, allow), ""
}

// hit is a statement that covers a request, yes or under conditions (maybe).
type hit struct {
	index int
	t     tri
}

// memo remembers which statements of the mapped policies cover each of a set of
// actions on one resource: a report asks the same few questions of the same policies
// for thousands of principals. Only for questions without request values, about
// policies that are not personal. A nil memo remembers nothing.
type memo struct {
	on      string         // what the answers are about: a bucket, or "" for the admin API
	slots   map[string]int // action → its place among the actions
	hits    [][]hit        // by (policy.id-1)*len(slots) + slot
	res     []string       // the resource each answer is for ("": not known yet)
	actions int
	// lastAction's slot (-1: none), as the next question is most often about it again.
	lastAction string
	lastSlot   int
}

func newMemo(e *Evaluator, actions []string) *memo {
	m := &memo{slots: map[string]int{}, actions: len(actions)}
	for i, a := range actions {
		m.slots[a] = i
	}
	m.hits = make([][]hit, len(e.ids)*len(actions))
	m.res = make([]string, len(m.hits))
	return m
}

// about points the memo at a bucket, forgetting what it knew of another: a report
// asks of one bucket at a time, so the memo stays small enough to stay in the cache.
func (m *memo) about(bucket string) {
	if m.on != bucket {
		m.on = bucket
		clear(m.res)
	}
}

// covering lists the statements of p (Allow or Deny) that cover the request, in order.
// The memo keeps what the statements that are not personal answer.
func (m *memo) covering(p *policy, action, res string, v values) []hit {
	slot := -1
	if m != nil && p.id > 0 {
		// A set asks its policies one action after the other: look the slot up once.
		if action != m.lastAction {
			s, found := m.slots[action]
			m.lastAction, m.lastSlot = action, -1
			if found {
				m.lastSlot = s
			}
		}
		if m.lastSlot >= 0 {
			slot = (p.id-1)*m.actions + m.lastSlot
		}
	}
	var shared []hit
	switch {
	case slot < 0:
		shared = p.cover(action, res, v, false)
	case m.res[slot] == res:
		shared = m.hits[slot]
	default:
		shared = p.cover(action, res, v, false)
		m.hits[slot], m.res[slot] = shared, res
	}
	if len(p.personal) == 0 {
		return shared
	}
	out := slices.Concat(shared, p.cover(action, res, v, true))
	slices.SortFunc(out, func(a, b hit) int { return a.index - b.index })
	return out
}

// cover: the statements, personal or not, that cover the request.
func (p *policy) cover(action, res string, v values, personal bool) []hit {
	var out []hit
	for i := range p.statements {
		st := &p.statements[i]
		if st.personal != personal || (st.effect != "Allow" && st.effect != "Deny") {
			continue
		}
		if t := st.applies(action, res, v); t != no {
			out = append(out, hit{i, t})
		}
	}
	return out
}

// applies tells whether a statement covers the request (before its Effect).
func (st *statement) applies(action, res string, v values) tri {
	if len(st.actions) > 0 && !actionIn(st.actions, action) {
		return no
	}
	if actionIn(st.notActions, action) {
		return no
	}
	t := yes
	switch {
	case st.kms && (res == "/" || len(st.resources) == 0):
		// KMS statements without Resource, or asked about no resource, check conditions only.
	case st.ignoreResource:
	default:
		if len(st.resources) > 0 {
			t = anyResource(st.resources, res, v)
		}
		if len(st.notResources) > 0 {
			t = and(t, not(anyResource(st.notResources, res, v)))
		}
	}
	for _, c := range st.conds {
		if t == no {
			break
		}
		t = and(t, c.evaluate(v))
	}
	return t
}

// actionIn: a pattern matches the action; s3:GetObjectVersion also grants s3:GetObject.
func actionIn(patterns []string, action string) bool {
	for _, p := range patterns {
		if match(p, action) || (p == "s3:GetObjectVersion" && action == "s3:GetObject") {
			return true
		}
	}
	return false
}

// Broken lists stored policies that could not be read (the server cannot use them
// either), with why.
func (e *Evaluator) Broken() map[string]string {
	out := map[string]string{}
	for name, err := range e.broken {
		out[name] = fmt.Sprint(err)
	}
	return out
}
