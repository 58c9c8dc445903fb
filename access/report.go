package access

import (
	"slices"
	"sort"
	"strings"
)

// Levels of access to a bucket, lowest first.
var Levels = []string{"none", "list", "read", "write", "delete", "admin"}

// levelActions: the action that reaches each level. Object actions are asked about
// every object of the bucket (the key "*"), so a grant limited to a prefix does not
// raise the level; can and who_can answer for a given key.
var levelActions = [...]struct{ level, action string }{
	{"list", "s3:ListBucket"}, {"read", "s3:GetObject"}, {"write", "s3:PutObject"},
	{"delete", "s3:DeleteObject"}, {"admin", "s3:PutBucketPolicy"}, {"admin", "s3:DeleteBucket"},
}

// BucketAccess is a principal's access to one bucket.
type BucketAccess struct {
	Level string `json:"level"`
	// Conditional: a higher level than Level is allowed under conditions.
	Conditional string              `json:"conditional,omitempty"`
	Actions     map[string]Decision `json:"actions"` // the S3 actions allowed or conditional
}

// Permissions are a principal's effective permissions.
type Permissions struct {
	Principal string                  `json:"principal"`
	Kind      string                  `json:"kind"`
	Reason    string                  `json:"reason,omitempty"` // why nothing is allowed, when so
	Buckets   map[string]BucketAccess `json:"buckets"`
	Admin     map[string]Decision     `json:"admin"` // admin and KMS actions allowed or conditional
	ListAll   Decision                `json:"list_all_buckets"`
}

func objectResource(bucket string) string { return bucket + "/*" }

func resourceFor(action, bucket string) string {
	if IsBucketAction(action) {
		return bucket
	}
	return objectResource(bucket)
}

// Access works out what a principal may do on each bucket and in the admin API. Context
// is the request values to assume (nil: conditions stay open).
func (e *Evaluator) Access(p Principal, buckets []string, context map[string][]string) Permissions {
	out := Permissions{Principal: p.String(), Kind: p.Kind, Buckets: map[string]BucketAccess{}, Admin: map[string]Decision{}}
	g := e.grantOf(p)
	out.Reason = g.refused
	out.ListAll = e.canWith(g, Request{Action: "s3:ListAllMyBuckets", Context: context}, nil).Decision
	out.Admin = e.adminActions(g, context, nil)
	for _, b := range buckets {
		ba := BucketAccess{Level: "none", Actions: map[string]Decision{}}
		for _, a := range S3Actions {
			if a == "s3:ListAllMyBuckets" {
				continue
			}
			if d := e.canWith(g, Request{Action: a, Resource: resourceFor(a, b), Context: context}, nil).Decision; d != Deny {
				ba.Actions[a] = d
			}
		}
		for _, la := range levelActions {
			switch ba.Actions[la.action] {
			case Allow:
				ba.Level = higher(ba.Level, la.level)
			case Conditional:
				ba.Conditional = higher(ba.Conditional, la.level)
			}
		}
		ba.Conditional = above(ba.Conditional, ba.Level)
		out.Buckets[b] = ba
	}
	return out
}

// adminActions: the admin and KMS actions a grant allows or allows under conditions.
func (e *Evaluator) adminActions(g grant, context map[string][]string, m *memo) map[string]Decision {
	out := map[string]Decision{}
	for _, a := range slices.Concat(AdminActions, KMSActions) {
		if d := e.canWith(g, Request{Action: a, Context: context}, m).Decision; d != Deny {
			out[a] = d
		}
	}
	return out
}

// above keeps a conditional level only when it is higher than the level allowed.
func above(conditional, level string) string {
	if conditional != "" && higher(conditional, level) == level {
		return ""
	}
	return conditional
}

func higher(a, b string) string {
	if slices.Index(Levels, b) > slices.Index(Levels, a) {
		return b
	}
	return a
}

// Grant is one principal allowed (or allowed under conditions) to do something.
type Grant struct {
	Principal string `json:"principal"`
	Kind      string `json:"kind"`
	Answer
}

// Principals lists everyone who can sign in or be asked about: the root user (when
// known), users, service accounts and the LDAP DNs with a mapping, sorted by name.
func (e *Evaluator) Principals() []Principal {
	var out []Principal
	if e.root != "" {
		out = append(out, Principal{Kind: KindRoot, Name: e.root})
	}
	for _, names := range [][]string{sortedKeys(e.snap.Users), sortedKeys(e.snap.ServiceAccounts)} {
		for _, n := range names {
			out = append(out, e.Principal(n))
		}
	}
	for _, dn := range sortedKeys(e.snap.STSMappings) {
		if strings.Contains(dn, "=") {
			out = append(out, Principal{Kind: KindLDAP, Name: dn})
		}
	}
	return out
}

// WhoCan lists the principals allowed, or allowed under conditions, to do the request.
func (e *Evaluator) WhoCan(req Request) []Grant {
	var out []Grant
	for _, p := range e.Principals() {
		a := e.Can(p, req)
		if a.Decision != Deny {
			out = append(out, Grant{Principal: p.String(), Kind: p.Kind, Answer: a})
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
